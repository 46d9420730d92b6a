"""The full-text index (SQLite FTS5) over the curriculum and everything the learner wrote.

One row per searchable thing. ``words`` and ``chars`` hold the text rewritten by
``core.textsearch`` (Latin words and CJK bigrams; CJK characters); the other columns are
not indexed and carry what a hit shows. Curated rows are rebuilt whenever the catalog
reloads; learner rows are written in the same transaction as the note, explanation, session
or own card they index, so the index is never behind. A change to how text is rewritten for the
index needs a migration that calls ``rebuild_curated`` and ``rebuild_learner`` (as 0005 does):
rows written the old way would otherwise stop matching.
"""

from __future__ import annotations

import json
import sqlite3

from llmstudy.core.record import Record
from llmstudy.core.records import Bi
from llmstudy.core.textsearch import Query, index_chars, index_words

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from typing import Any

KINDS = ("topic", "event", "resource", "question", "note", "explanation", "session", "card")
CURATED_KINDS = ("topic", "event", "resource", "question")

CREATE = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "kind UNINDEXED, ref UNINDEXED, topic UNINDEXED, title UNINDEXED, body UNINDEXED, at UNINDEXED,"
    " words, chars, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)


class Hit(Record):
    kind: str
    ref: str  # the thing's id (topic id, note id, ...)
    topic: str | None
    title: Bi  # curated titles in both languages; a learner's text has no title
    body: str  # the searchable text, as written (both languages for curated rows)
    at: str | None  # when the learner wrote it
    rank: float


def put(
    conn: sqlite3.Connection,
    kind: str,
    ref: str,
    topic: str | None,
    title: Bi,
    body: str,
    at: str | None = None,
    *,
    new: bool = False,
) -> None:
    """Index a row, replacing its entry. ``new``: it has none (a rebuild cleared them): finding
    one means reading the whole index, since only MATCH and rowid are indexed in FTS5 (a
    rebuild that looked for each of its 513 curated rows took 0.8 s)."""
    if not new:
        remove(conn, kind, ref)
    text = f"{title.zh}\n{title.en}\n{body}"
    conn.execute(
        "INSERT INTO search_index (kind, ref, topic, title, body, at, words, chars) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, ref, topic, json.dumps([title.zh, title.en], ensure_ascii=False), body, at, index_words(text), index_chars(text)),
    )


def remove(conn: sqlite3.Connection, kind: str, ref: str) -> None:
    conn.execute("DELETE FROM search_index WHERE kind = ? AND ref = ?", (kind, ref))


def search(conn: sqlite3.Connection, query: Query, kind: str | None, limit: int) -> list[Hit]:
    """The best ``limit`` hits by bm25 (titles count like the body: they are in ``words``)."""
    if not query.match:
        return []
    sql = (
        "SELECT kind, ref, topic, title, body, at, bm25(search_index) AS r FROM search_index"
        " WHERE search_index MATCH ?"
    )
    args: list[object] = [query.match]
    if kind is not None:
        sql += " AND kind = ?"
        args.append(kind)
    sql += " ORDER BY r LIMIT ?"
    args.append(limit)
    out = []
    for k, ref, topic, title, body, at, rank in conn.execute(sql, args):
        zh, en = json.loads(title)
        out.append(Hit(str(k), str(ref), topic, Bi(zh, en), str(body), at, float(rank)))
    return out


def _docs(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    return [json.loads(r[0]) for r in conn.execute(f"SELECT doc FROM {table} ORDER BY ord")]


def _bi(d: object) -> Bi:
    assert isinstance(d, dict)
    return Bi(str(d["zh"]), str(d["en"]))


def _both(d: object) -> str:
    return "" if not isinstance(d, dict) else f"{d['zh']}\n{d['en']}"


def rebuild_curated(conn: sqlite3.Connection) -> None:
    """Index the curated tables as they are now (inside the caller's transaction)."""
    conn.execute(
        "DELETE FROM search_index WHERE kind IN (" + ", ".join("?" for _ in CURATED_KINDS) + ")", CURATED_KINDS
    )
    for t in _docs(conn, "c_topics"):
        points = "\n".join(_both(k) for k in t.get("key_points", []))
        aliases = " ".join(t.get("aliases", []))
        body = f"{_both(t['summary'])}\n{points}\n{aliases}".strip()
        put(conn, "topic", str(t["id"]), str(t["id"]), _bi(t["title"]), body, new=True)
    for e in _docs(conn, "c_events"):
        topics = e.get("topics") or []
        body = f"{e['date']}\n{_both(e['summary'])}"
        put(conn, "event", str(e["id"]), str(topics[0]) if topics else None, _bi(e["title"]), body, new=True)
    for r in _docs(conn, "c_resources"):
        topics = r.get("topics") or []
        put(conn, "resource", str(r["id"]), str(topics[0]) if topics else None, _bi(r["title"]), _both(r.get("summary")), new=True)
    for q in _docs(conn, "c_questions"):
        body = "\n".join(_both(q.get(k)) for k in ("prompt", "model_answer", "explanation"))
        put(conn, "question", str(q["id"]), str(q["topic"]), Bi("", ""), body.strip(), new=True)


def rebuild_learner(conn: sqlite3.Connection) -> None:
    """Index every note, explanation, session note and own card (after an import or a migration)."""
    conn.execute("DELETE FROM search_index WHERE kind IN ('note', 'explanation', 'session', 'card')")
    empty = Bi("", "")
    for i, topic, text, at in conn.execute("SELECT id, topic, text, updated_at FROM notes").fetchall():
        put(conn, "note", i, topic, empty, text, at, new=True)
    for i, topic, text, at in conn.execute("SELECT id, topic, text, created_at FROM explanations").fetchall():
        put(conn, "explanation", i, topic, empty, text, at, new=True)
    rows = conn.execute("SELECT id, topic, note, day FROM sessions WHERE note IS NOT NULL AND note != ''").fetchall()
    for i, topic, note, day in rows:
        put(conn, "session", i, topic, empty, note, day, new=True)
    for i, topic, question, answer, at in conn.execute("SELECT id, topic, question, answer, updated_at FROM own_cards").fetchall():
        put_card(conn, i, topic, question, answer, at, new=True)


def put_card(
    conn: sqlite3.Connection, card_id: str, topic: str, question: str, answer: str, at: str, *, new: bool = False
) -> None:
    """An own card: its question and answer, as the learner wrote them."""
    put(conn, "card", card_id, topic, Bi("", ""), f"{question}\n{answer}", at, new=new)
