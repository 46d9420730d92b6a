"""`llmstudy doctor`: what is wrong in the database, and moving bad rows aside.

Nothing is deleted: a row that breaks the rules is copied into ``quarantine`` (with its
table and the reason) and only then removed from its table, in one transaction.
Orphans (rows of a topic the curriculum no longer has) are reported and kept: another
catalog may know the topic again.
"""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from llmstudy.core.cards import load_card
from llmstudy.storage.store import NOT_A_DATE, VALID_DAY, VALID_SESSION, _stamp_ok
from llmstudy.storage.tables import SCHEMA_VERSION, now_iso

STATUSES = ("learning", "done", "skipped")


class Health(NamedTuple):
    integrity: tuple[str, ...]  # ("ok",) when PRAGMA integrity_check finds nothing
    schema: int
    expected_schema: int
    invalid: dict[str, int]  # table -> rows that break the rules
    orphans: dict[str, int]  # table -> rows whose topic is not in the curriculum
    quarantined: int  # rows kept aside so far


def _bad_rows(conn: sqlite3.Connection) -> dict[str, list[tuple[int, str]]]:
    """table -> (rowid, reason) of every row that breaks the rules the reads rely on."""
    bad: dict[str, list[tuple[int, str]]] = {"sessions": [], "statuses": [], "cards": []}
    for (rowid,) in conn.execute(f"SELECT rowid FROM sessions WHERE NOT ({VALID_SESSION}) OR ({VALID_DAY} AND {NOT_A_DATE})"):
        bad["sessions"].append((int(rowid), "minutes, day, week or topic break the rules"))
    for rowid, status in conn.execute("SELECT rowid, status FROM statuses"):
        if status not in STATUSES:
            bad["statuses"].append((int(rowid), f"status {status!r}"))
    for rowid, card, due in conn.execute("SELECT rowid, card, due FROM cards"):
        if not isinstance(card, str) or load_card(card) is None:
            bad["cards"].append((int(rowid), "card is not FSRS JSON"))
        elif not _stamp_ok(due):
            bad["cards"].append((int(rowid), f"due {due!r} is not a time"))
    return bad


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def check(conn: sqlite3.Connection) -> Health:
    integrity = tuple(str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)").fetchall())
    schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
    invalid = {t: len(rows) for t, rows in _bad_rows(conn).items()}
    orphans = {
        t: _count(conn, f"SELECT count(*) FROM {t} WHERE topic NOT IN (SELECT id FROM c_topics)")
        for t in ("sessions", "statuses", "cards", "answers", "own_cards")
    }
    orphans["lab_attempts"] = _count(conn, "SELECT count(*) FROM lab_attempts WHERE lab NOT IN (SELECT lab FROM labs)")
    return Health(integrity, schema, SCHEMA_VERSION, invalid, orphans, _quarantined(conn))


def _quarantined(conn: sqlite3.Connection) -> int:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'quarantine'").fetchone() is None:
        return 0
    return _count(conn, "SELECT count(*) FROM quarantine")


def repair(conn: sqlite3.Connection) -> dict[str, int]:
    """Move every invalid row into ``quarantine``; return how many per table."""
    from llmstudy.storage.migrations import ensure_quarantine

    moved: dict[str, int] = {}
    conn.execute("BEGIN IMMEDIATE")
    try:
        ensure_quarantine(conn)
        at = now_iso()
        for table, rows in _bad_rows(conn).items():
            for rowid, reason in rows:
                cur = conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,))
                cols = [c[0] for c in cur.description]
                row = dict(zip(cols, cur.fetchone(), strict=True))
                conn.execute(
                    "INSERT INTO quarantine (tbl, row, reason, at) VALUES (?, ?, ?, ?)",
                    (table, json.dumps(row, ensure_ascii=False, default=str), reason, at),
                )
                conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
            moved[table] = len(rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return moved
