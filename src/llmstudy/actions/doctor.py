"""`llmstudy doctor`: check the database, and with ``repair`` move bad rows aside."""

from __future__ import annotations

from llmstudy.actions.results import DoctorResult
from llmstudy.storage import health
from llmstudy.storage.store import Store, read_only_error


def doctor(store: Store, repair: bool) -> DoctorResult:
    if repair and store.read_only:
        raise read_only_error(store.path)
    repaired = health.repair(store.conn) if repair else None
    h = health.check(store.conn)
    return DoctorResult(store.path, h.integrity, h.schema, h.expected_schema, h.invalid, h.orphans, h.quarantined, repaired)
