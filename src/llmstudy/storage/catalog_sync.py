"""Replace the curated tables with a validated ``Catalog`` (inside the caller's transaction).

Only ``c_*`` tables and the ``catalog_*`` meta keys are written: user tables
(sessions, statuses, journal, cards, answers, ...) are never touched here.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from pydantic import BaseModel
from sqlite_utils import Database

from llmstudy.curriculum.validate import Catalog
from llmstudy.storage import search_index
from llmstudy.storage.tables import CURATED_TABLES, now_iso


def _doc(model: BaseModel) -> str:
    return json.dumps(model.model_dump(mode="json", exclude_none=True), ensure_ascii=False)


def replace_catalog(conn: sqlite3.Connection, catalog: Catalog) -> None:
    db = Database(conn)
    for table in CURATED_TABLES:
        conn.execute(f"DELETE FROM {table}")
    rm = catalog.roadmap
    rows: dict[str, list[dict[str, Any]]] = {
        "c_topics": [{"id": t.id, "ord": i, "doc": _doc(t)} for i, t in enumerate(rm.topics)],
        "c_tracks": [
            {"id": t.id, "ord": i, "is_default": int(t.id == rm.default_track), "doc": _doc(t)}
            for i, t in enumerate(rm.tracks)
        ],
        "c_resources": [
            {"id": r.id, "ord": i, "kind": r.kind, "doc": _doc(r)} for i, r in enumerate(catalog.resources)
        ],
        "c_resource_topics": [
            {"resource_id": r.id, "topic_id": t, "ord": i}
            for i, r in enumerate(catalog.resources)
            for t in dict.fromkeys(r.topics)
        ],
        "c_eras": [{"id": e.id, "ord": i, "doc": _doc(e)} for i, e in enumerate(catalog.timeline.eras)],
        "c_events": [
            {"id": e.id, "ord": i, "date": e.date, "era": e.era, "doc": _doc(e)}
            for i, e in enumerate(catalog.timeline.events)
        ],
        "c_questions": [
            {"id": q.id, "topic": q.topic, "ord": i, "doc": _doc(q)} for i, q in enumerate(catalog.questions)
        ],
    }
    for table, items in rows.items():
        if items:
            db.table(table).insert_all(items)
    search_index.rebuild_curated(conn)
    db.table("meta").upsert_all(
        [
            {"key": "catalog_hash", "value": catalog.content_hash},
            {"key": "catalog_loaded_at", "value": now_iso()},
        ],
        pk="key",
    )
