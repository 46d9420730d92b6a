"""The SQLite store: the only SQL in the program (with ``migrations``).

The warm path (schema current, catalog unchanged) uses plain ``sqlite3``:
migrating and loading the catalog import ``sqlite_utils``, ``yaml`` and
``pydantic`` only when they have work to do.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from llmstudy.core.dates import real_day
from llmstudy.core.records import (
    OWN_PREFIX,
    Bi,
    Change,
    EraRec,
    EventRec,
    ExplanationRec,
    Graded,
    LabState,
    NoteRec,
    OwnCard,
    PlanSettings,
    Progress,
    QuestionRec,
    ResourceRec,
    Session,
    StatusRec,
    TimerRec,
    TopicRec,
    TrackRec,
    era_from_doc,
    event_from_doc,
    question_from_doc,
    resource_from_doc,
    topic_from_doc,
    track_from_doc,
)
from llmstudy.errors import NotFoundError, StoreError
from llmstudy.storage.tables import SCHEMA_VERSION, new_id, now_iso

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:  # the index's module stays off the hot path until learner text is written
    from typing import Any

    from llmstudy.core.cards import Replayed
    from llmstudy.core.textsearch import Query
    from llmstudy.storage.search_index import Hit

BUSY_TIMEOUT_MS = 15_000
# What a deletion can remove, by the kind its tombstone names: (table, primary key). Exports
# carry the tombstones, so a merge does not bring back what was deleted on the other machine.
GRAVES = {"session": ("sessions", "id"), "status": ("statuses", "topic"), "note": ("notes", "id"), "card": ("own_cards", "id")}
# A card's schedule from its answers (at, id, rating): see core.cards.replay.
Rebuild = Callable[[list[tuple[str, str, str]]], "Replayed | None"]

# A row from an older version or a hand edit must not break a reading command: reads skip
# sessions that break these rules (`llmstudy doctor` finds them, `doctor --repair` moves them
# aside). Only columns of the covering indexes are used, so the sums stay index-only.
# ``+minutes``: a check on every row, never a reason to walk an index (with ANALYZE's figures
# SQLite chose a skip-scan of (topic, week, minutes) that made `sessions` 300 ms at 100k rows).
VALID_MINUTES = "typeof(minutes) = 'integer' AND +minutes BETWEEN 1 AND 960"
# The shape of a day, checked on every row (cheap). A shape that is no date ("2099-19-39",
# "2023-02-30") is caught where a day is read as a date (``real_day``) and by `doctor`: the
# round trip through a date on every row doubled `sessions` at 100,000 rows.
VALID_DAY = "typeof(day) = 'text' AND day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
NOT_A_DATE = "date(julianday(day)) IS NOT day"  # of a day with VALID_DAY's shape
VALID_WEEK = "(week IS NULL OR typeof(week) = 'integer')"
VALID_SESSION = f"{VALID_MINUTES} AND {VALID_DAY} AND {VALID_WEEK} AND typeof(topic) = 'text'"


def _stamp_ok(value: object) -> bool:
    try:
        dt.datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _damaged(path: Path, exc: Exception) -> StoreError:
    return StoreError(
        Bi(f"{path} 不是可用的 llmstudy 数据库（{exc}）", f"{path} is not a usable llmstudy database ({exc})"),
        hint=Bi(
            "把它移到别处（导出数据用 llmstudy export），或用 --db 指定另一个文件",
            "move it aside (your data export is `llmstudy export`) or use --db with another file",
        ),
    )


def busy_error(exc: Exception) -> StoreError:
    return StoreError(
        Bi(f"数据库正忙（{exc}）", f"the database is busy ({exc})"),
        hint=Bi("另一个 llmstudy 正在写入，请再试一次", "another llmstudy is writing; try again"),
    )


def writable(path: Path) -> bool:
    """Can this process change the database: the file and, for WAL's -wal and -shm, its folder."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect(path: Path, read_only: bool | None = None) -> sqlite3.Connection:
    """Open (creating with mode 0600) the database, in WAL mode with a busy timeout.

    A file we may not change is opened read-only (``read_only=None`` decides by the
    permissions): reading commands and export work, writing ones say so. A SQLite file
    that holds tables which are not llmstudy's is refused before anything is changed.
    """
    if path.exists() and not path.is_file():
        raise StoreError(Bi(f"{path} 不是文件", f"{path} is not a file"), hint=Bi("--db 要指定一个文件路径", "use --db with a file path"))
    if read_only is None:
        read_only = path.exists() and not writable(path)
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
    except OSError as exc:
        raise StoreError(
            Bi(f"无法创建 {path}（{exc.strerror}）", f"cannot create {path} ({exc.strerror})"),
            hint=Bi("--db 要指定一个可以写入的路径", "use --db with a writable path"),
        ) from None
    try:
        if read_only:
            from urllib.parse import quote

            # Without write access to the folder SQLite cannot make the -shm file WAL reads
            # need; immutable=1 reads the file as it is (what a checkpoint left there).
            flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
            conn = sqlite3.connect(
                f"file:{quote(str(path.resolve()))}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _refuse_foreign(conn, path)
        if not read_only:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from None
    return conn


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Our migrations create tables and set ``user_version`` in one transaction, so tables
    without a version (or without our ``meta``) are someone else's: leave that file alone."""
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if tables and (version == 0 or "meta" not in tables):
        conn.close()
        shown = ", ".join(sorted(tables)[:3]) + (" ..." if len(tables) > 3 else "")
        raise StoreError(
            Bi(f"{path} 不是 llmstudy 的数据库（其中有表 {shown}）；未做任何改动", f"{path} is not an llmstudy database (it holds tables {shown}); nothing was changed"),
            hint=Bi("用 --db 指定另一个文件", "use --db with another file"),
        )


def read_only_error(path: Path) -> StoreError:
    return StoreError(
        Bi(f"数据库 {path} 是只读的：这个命令需要写入", f"the database {path} is read-only: this command needs to write"),
        hint=Bi(
            "检查这个文件及其文件夹的写权限；读取命令和 llmstudy export 仍然可用",
            "check write permission on the file and its folder; reading commands and llmstudy export still work",
        ),
    )


class Store:
    """All reads and writes of the database. One instance per command."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self._topics: dict[str, TopicRec] | None = None

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, data_dir: Path, read_only: bool | None = None) -> Store:
        if read_only is None:
            read_only = path.exists() and not writable(path)
        conn = connect(path, read_only)
        store = cls(conn, path, read_only)
        try:
            store.ensure_schema()
            store.ensure_catalog(data_dir)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _damaged(path, exc) from None
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def ensure_schema(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                Bi(
                    f"{self.path} 由更新版本的 llmstudy 写入（数据库版本 {version} > {SCHEMA_VERSION}）",
                    f"{self.path} was written by a newer llmstudy (schema {version} > {SCHEMA_VERSION})",
                ),
                hint=Bi("升级 llmstudy：pip install -U llmstudy", "upgrade llmstudy: pip install -U llmstudy"),
            )
        if version < SCHEMA_VERSION and self.read_only:
            raise read_only_error(self.path)
        if version < SCHEMA_VERSION:
            from llmstudy.storage.migrations import migrate

            migrate(self.conn, SCHEMA_VERSION)

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def ensure_catalog(self, data_dir: Path) -> bool:
        """Load the curated data if its content hash changed. Return True if it loaded."""
        from llmstudy.curriculum.files import content_hash, fingerprint

        stamp = fingerprint(data_dir)
        if self.meta("catalog_stat") == stamp:
            return False
        if self.read_only:
            if self.meta("catalog_hash") is None:
                raise read_only_error(self.path)
            return False  # read what is there; the next writable open reloads
        digest = content_hash(data_dir)
        if self.meta("catalog_hash") == digest:  # touched, not changed
            with self.write():
                self._set_meta("catalog_stat", stamp)
            return False
        from llmstudy.curriculum.validate import load

        catalog = load(data_dir)  # validates before anything is written
        from llmstudy.storage.catalog_sync import replace_catalog

        with self.write():
            if self.meta("catalog_hash") != digest:  # else another process loaded it meanwhile
                replace_catalog(self.conn, catalog)
            self._set_meta("catalog_stat", stamp)
        self._topics = None
        return True

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front so concurrent writers queue, not fail."""
        if self.read_only:
            raise read_only_error(self.path)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise busy_error(exc) from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- curated data ----------------------------------------------------------

    def topics(self) -> dict[str, TopicRec]:
        """Every topic by id, in the catalog's order."""
        if self._topics is None:
            rows = self.conn.execute("SELECT doc FROM c_topics ORDER BY ord").fetchall()
            self._topics = {t.id: t for t in (topic_from_doc(json.loads(r[0])) for r in rows)}
        return self._topics

    def tracks(self) -> list[TrackRec]:
        rows = self.conn.execute("SELECT doc, is_default FROM c_tracks ORDER BY ord").fetchall()
        return [track_from_doc(json.loads(d), bool(default)) for d, default in rows]

    def track(self, track_id: str | None) -> TrackRec:
        tracks = self.tracks()
        for t in tracks:
            if (track_id is None and t.is_default) or t.id == track_id:
                return t
        names = ", ".join(t.id for t in tracks)
        raise NotFoundError(Bi(f"没有路线 {track_id!r}", f"no track {track_id!r}"), hint=Bi("可选路线：" + names, "tracks: " + names))

    def resources(self, topic: str | None = None, kind: str | None = None) -> list[ResourceRec]:
        if topic is not None:
            sql = (
                "SELECT r.doc FROM c_resources r JOIN c_resource_topics rt ON rt.resource_id = r.id"
                " WHERE rt.topic_id = ?"
            )
            args: list[Any] = [topic]
            if kind:
                sql += " AND r.kind = ?"
                args.append(kind)
            # The curated rank first (core reading), then the most specific: a paper on this
            # topic before a site that covers twenty.
            order = (
                " ORDER BY coalesce(json_extract(r.doc, '$.rank'), 2),"
                " (SELECT count(*) FROM c_resource_topics x WHERE x.resource_id = r.id), r.ord"
            )
            rows = self.conn.execute(sql + order, args).fetchall()
        elif kind:
            rows = self.conn.execute("SELECT doc FROM c_resources WHERE kind = ? ORDER BY ord", (kind,)).fetchall()
        else:
            rows = self.conn.execute("SELECT doc FROM c_resources ORDER BY ord").fetchall()
        return [resource_from_doc(json.loads(r[0])) for r in rows]

    def eras(self) -> list[EraRec]:
        rows = self.conn.execute("SELECT doc FROM c_eras ORDER BY ord").fetchall()
        return [era_from_doc(json.loads(r[0])) for r in rows]

    def events(self) -> list[EventRec]:
        rows = self.conn.execute("SELECT doc FROM c_events ORDER BY date, ord").fetchall()
        return [event_from_doc(json.loads(r[0])) for r in rows]

    def questions(self, topic: str | None = None, generated: bool = True) -> list[QuestionRec]:
        """Curated questions then (unless ``generated`` is False) saved generated ones."""
        if topic is None:
            cur = self.conn.execute("SELECT doc FROM c_questions ORDER BY ord")
            gen = self.conn.execute("SELECT doc FROM generated_questions ORDER BY created_at, id")
        else:
            cur = self.conn.execute("SELECT doc FROM c_questions WHERE topic = ? ORDER BY ord", (topic,))
            gen = self.conn.execute(
                "SELECT doc FROM generated_questions WHERE topic = ? ORDER BY created_at, id", (topic,)
            )
        rows = cur.fetchall() + (gen.fetchall() if generated else [])
        return [question_from_doc(json.loads(r[0])) for r in rows]

    # -- progress --------------------------------------------------------------

    def progress(self, now: dt.datetime | None = None) -> Progress:
        statuses = {
            str(t): str(s)
            for t, s in self.conn.execute(
                "SELECT topic, status FROM statuses WHERE status IN ('learning', 'done', 'skipped')"
            )
        }
        by_topic: dict[str, int] = {}
        by_week: dict[int, int] = {}
        total = 0
        # One pass over the covering index (topic, week, minutes) gives all three sums; the
        # week's check is on the groups, not on every row.
        for topic, week, minutes in self.conn.execute(
            f"SELECT topic, week, sum(minutes) FROM sessions WHERE {VALID_MINUTES} GROUP BY topic, week"
        ):
            total += int(minutes)
            if week is not None and type(week) is not int:
                continue  # a hand-edited week: its minutes count in the total only
            by_topic[str(topic)] = by_topic.get(str(topic), 0) + int(minutes)
            if week is not None:
                by_week[week] = by_week.get(week, 0) + int(minutes)
        due_by_topic: dict[str, int] = {}
        if now is not None:
            cutoff = now.isoformat()
            due_by_topic = {
                str(t): int(n)
                for t, n in self.conn.execute(
                    "SELECT topic, count(*) FROM cards WHERE due <= ? GROUP BY topic", (cutoff,)
                )
            }
        return Progress(statuses, by_topic, by_week, sum(due_by_topic.values()), due_by_topic, total)

    def set_status(self, topic: str, status: str) -> str:
        """Set a topic's status; return the previous one. Journaled for undo."""
        with self.write():
            row = self.conn.execute(
                "SELECT topic, status, updated_at FROM statuses WHERE topic = ?", (topic,)
            ).fetchone()
            before = None if row is None else {"topic": row[0], "status": row[1], "updated_at": row[2]}
            after = {"topic": topic, "status": status, "updated_at": now_iso()}
            if status == "pending":
                self.conn.execute("DELETE FROM statuses WHERE topic = ?", (topic,))
                after_doc = None
            else:
                self.conn.execute(
                    "INSERT OR REPLACE INTO statuses (topic, status, updated_at) VALUES (?, ?, ?)",
                    (topic, status, after["updated_at"]),
                )
                after_doc = after
            self._journal(f"status {status}", "status", topic, before, after_doc)
        return "pending" if before is None else str(before["status"])

    # -- sessions --------------------------------------------------------------

    _SESSION_COLS = "id, topic, minutes, day, week, note, created_at, updated_at"

    def add_session(self, topic: str, minutes: int, day: dt.date, week: int | None, note: str | None) -> Session:
        now = now_iso()
        s = Session(new_id(), topic, minutes, day.isoformat(), week, note, now, now)
        with self.write():
            self._put_session(s, fresh=True)
            self._journal("log", "session", s.id, None, s._asdict())
        return s

    def _put_session(self, s: Session, fresh: bool = False) -> None:
        """Write a session and its index row (a new session without a note has none to touch)."""
        self.conn.execute(
            f"INSERT OR REPLACE INTO sessions ({self._SESSION_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuple(s._asdict().values())
        )
        if s.note or not fresh:
            from llmstudy.storage import search_index

            if s.note:
                search_index.put(self.conn, "session", s.id, s.topic, Bi("", ""), s.note, s.day)
            else:
                search_index.remove(self.conn, "session", s.id)

    def _session(self, session_id: str) -> Session | None:
        row = self.conn.execute(f"SELECT {self._SESSION_COLS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return None if row is None else Session(*row)

    def find_session(self, prefix: str) -> Session:
        """A session by id or unique id prefix (at least 4 characters)."""
        exact = self.conn.execute("SELECT id FROM sessions WHERE id = ?", (prefix,)).fetchone() or self.conn.execute(
            "SELECT id FROM sessions WHERE id = ? COLLATE NOCASE LIMIT 1", (prefix.strip(),)
        ).fetchone()
        if exact is not None:  # any id, whatever its form (an import from elsewhere, an old version)
            found = self._session(str(exact[0]))
            assert found is not None
            return found
        p = prefix.strip().lower()
        if len(p) < 4:
            raise NotFoundError(
                Bi(f"记录编号 {prefix!r} 太短", f"session id {prefix!r} is too short"),
                hint=Bi("至少给出 4 个字符；见 llmstudy sessions", "give at least 4 characters; see llmstudy sessions"),
            )
        rows = self.conn.execute(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? LIMIT 2", (p, p + "\uffff")
        ).fetchall()
        if not rows:
            raise NotFoundError(
                Bi(f"没有记录 {prefix!r}", f"no session {prefix!r}"),
                hint=Bi("llmstudy sessions 会列出记录和编号", "llmstudy sessions lists them with their ids"),
            )
        if len(rows) > 1:
            raise NotFoundError(
                Bi(f"记录编号 {prefix!r} 有歧义", f"session id {prefix!r} is ambiguous"),
                hint=Bi("多给几个字符", "give more characters of the id"),
            )
        found = self._session(str(rows[0][0]))
        assert found is not None
        return found

    def update_session(self, session_id: str, changes: dict[str, Any]) -> Session:
        """Apply ``changes`` (Session field names) to a session. Journaled for undo."""
        with self.write():
            before = self._session(session_id)
            if before is None:
                raise NotFoundError(Bi(f"没有记录 {session_id!r}", f"no session {session_id!r}"), hint="llmstudy sessions")
            after = before._replace(**changes, updated_at=now_iso())
            self._put_session(after)
            self._journal("edit", "session", session_id, before._asdict(), after._asdict())
        return after

    def delete_session(self, session_id: str) -> Session:
        with self.write():
            before = self._session(session_id)
            if before is None:
                raise NotFoundError(Bi(f"没有记录 {session_id!r}", f"no session {session_id!r}"), hint="llmstudy sessions")
            self.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            from llmstudy.storage import search_index

            search_index.remove(self.conn, "session", session_id)
            self._journal("delete", "session", session_id, before._asdict(), None)
        return before

    def sessions(
        self,
        topic: str | None = None,
        week: int | None = None,
        start: str | None = None,
        end: str | None = None,
        limit: int | None = None,
    ) -> tuple[list[Session], int]:
        """The matching sessions in time order (the latest ``limit`` of them) and how many match."""
        filters = [("topic = ?", topic), ("week = ?", week), ("day >= ?", start), ("day <= ?", end)]
        used = [(clause, value) for clause, value in filters if value is not None]
        where = "".join(f" AND {clause}" for clause, _ in used)
        args = [value for _, value in used]
        where = f" AND {VALID_SESSION}" + where
        total = int(self.conn.execute("SELECT count(*) FROM sessions WHERE 1=1" + where, args).fetchone()[0])
        sql = f"SELECT {self._SESSION_COLS} FROM sessions WHERE 1=1{where} ORDER BY day DESC, created_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self.conn.execute(sql, args).fetchall()
        return [Session(*r) for r in reversed(rows)], total

    def first_day(self) -> dt.date | None:
        """The day of the earliest session: where the plan's calendar starts."""
        for (day,) in self.conn.execute(f"SELECT DISTINCT day FROM sessions WHERE {VALID_DAY} ORDER BY day"):
            if real_day(day):  # the first is, unless a hand edit wrote a shape that is no date
                return dt.date.fromisoformat(day)
        return None

    def days_desc(self) -> Iterator[tuple[str, int]]:
        """Minutes per day, newest first, read lazily (a streak stops at its first gap). The
        day's check (``VALID_DAY``) runs once per day here, not once per session in SQL: at
        100,000 sessions that halves the query (37 ms to 17 ms)."""
        cur = self.conn.execute(f"SELECT day, sum(minutes) FROM sessions WHERE {VALID_MINUTES} GROUP BY day ORDER BY day DESC")
        for d, m in cur:
            if real_day(d):
                yield d, int(m)

    def answer_counts(self, topic: str | None = None) -> dict[str, tuple[int, int]]:
        """Per topic: (correct, total) over each question's latest answer."""
        where = "" if topic is None else " AND a.topic = ?"
        rows = self.conn.execute(
            "SELECT topic, sum(correct), count(*) FROM answers a WHERE at = ("
            " SELECT max(at) FROM answers b WHERE b.question_id = a.question_id)" + where + " GROUP BY topic",
            () if topic is None else (topic,),
        ).fetchall()
        return {str(t): (int(c), int(n)) for t, c, n in rows}

    # -- undo ------------------------------------------------------------------

    def _journal(
        self, action: str, kind: str, key: str, before: dict[str, Any] | None, after: dict[str, Any] | None
    ) -> None:
        self.conn.execute(
            "INSERT INTO journal (at, action, kind, key, before, after, undone) VALUES (?, ?, ?, ?, ?, ?, 0)",
            (
                now_iso(),
                action,
                kind,
                key,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
            ),
        )

    # Journal actions that are not the learner's own changes here: `undo` never picks them.
    _NOT_UNDOABLE = ("import delete", "undo delete")

    def last_change(self) -> Change | None:
        """This database's own newest change not yet undone (what `undo` would revert)."""
        row = self.conn.execute(
            "SELECT seq, at, action, kind, key, before, after FROM journal WHERE undone = 0"
            " AND action NOT IN (?, ?) ORDER BY seq DESC LIMIT 1",
            self._NOT_UNDOABLE,
        ).fetchone()
        if row is None:
            return None
        seq, at, action, kind, key, before_s, after_s = row
        if kind == "import":  # its before-images are read by the undo itself; `after` holds its counts
            counts = json.loads(after_s) if after_s else {}
            return Change(str(action), str(kind), "", None, None, str(at), int(seq), int(counts.get("added", 0)), int(counts.get("updated", 0)))
        before = None if before_s is None else _journal_record(kind, json.loads(before_s))
        after = None if after_s is None else _journal_record(kind, json.loads(after_s))
        return Change(str(action), str(kind), str(key), before, after, str(at), int(seq))

    def undo(self, expected: Change | None = None) -> Change | None:
        """Revert the newest change not yet undone; with ``expected``, only if that is still it.

        What is put back is stamped now, so a merge carries the revert to other machines; a row
        the revert removes (an undone log, a status that had none) leaves a tombstone for the
        same reason."""
        with self.write():
            change = self.last_change()
            if change is None or (expected is not None and change.seq != expected.seq):
                return None
            kind, key, before, stamp = change.kind, change.key, change.before, now_iso()
            removed = False
            if kind == "import":
                self._undo_import(change.seq, change.at, stamp)
            elif kind == "session":
                if isinstance(before, Session):
                    self._put_session(before._replace(updated_at=stamp))
                else:
                    self.conn.execute("DELETE FROM sessions WHERE id = ?", (key,))
                    from llmstudy.storage import search_index

                    search_index.remove(self.conn, "session", key)
                    removed = True
            elif kind == "note":
                if isinstance(before, NoteRec):
                    self._put_note(before._replace(updated_at=stamp))
                else:
                    self.conn.execute("DELETE FROM notes WHERE id = ?", (key,))
                    from llmstudy.storage import search_index

                    search_index.remove(self.conn, "note", key)
                    removed = True
            elif kind == "card":  # only a deletion is journaled: put the card and its schedule back
                assert isinstance(before, OwnCard)
                card = before._replace(updated_at=stamp)
                self.conn.execute(f"INSERT OR REPLACE INTO own_cards ({self._OWN_COLS}) VALUES (?, ?, ?, ?, ?, ?)", tuple(card._asdict().values()))
                from llmstudy.storage import search_index

                search_index.put_card(self.conn, card.id, card.topic, card.question, card.answer, stamp)
                schedule = json.loads(str(self.conn.execute("SELECT before FROM journal WHERE seq = ?", (change.seq,)).fetchone()[0]))["schedule"]
                if schedule is not None:
                    cols = list(schedule)
                    self.conn.execute(
                        f"INSERT OR REPLACE INTO cards ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                        [schedule[c] for c in cols],
                    )
            else:
                if isinstance(before, StatusRec):
                    self.conn.execute(
                        "INSERT OR REPLACE INTO statuses (topic, status, updated_at) VALUES (?, ?, ?)",
                        (before.topic, before.status, stamp),
                    )
                else:
                    self.conn.execute("DELETE FROM statuses WHERE topic = ?", (key,))
                    removed = True
            self.conn.execute("UPDATE journal SET undone = 1 WHERE seq = ?", (change.seq,))
            if removed:
                self.conn.execute(
                    "INSERT INTO journal (at, action, kind, key, before, after, undone) VALUES (?, 'undo delete', ?, ?, NULL, NULL, 0)",
                    (stamp, kind, key),
                )
        return change

    # -- quiz ------------------------------------------------------------------

    def card_dues(self, topic: str | None = None) -> dict[str, str]:
        """question id → due time (ISO, UTC) for every card (of one topic)."""
        if topic is None:
            rows = self.conn.execute("SELECT question_id, due FROM cards").fetchall()
        else:
            rows = self.conn.execute("SELECT question_id, due FROM cards WHERE topic = ?", (topic,)).fetchall()
        return {str(q): str(d) for q, d in rows if _stamp_ok(d)}

    def due_cards(self, now: dt.datetime, limit: int) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT question_id, topic FROM cards WHERE due <= ? ORDER BY due LIMIT ?",
            (now.isoformat(), limit),
        ).fetchall()
        return [(str(q), str(t)) for q, t in rows]

    def card_json(self, question_id: str) -> str | None:
        row = self.conn.execute("SELECT card FROM cards WHERE question_id = ?", (question_id,)).fetchone()
        return None if row is None else str(row[0])

    def record_answer(
        self,
        *,
        question_id: str,
        topic: str,
        answer: str,
        correct: bool,
        rating: str,
        source: str,
        card: str,
        due: dt.datetime,
        at: dt.datetime,
    ) -> None:
        """Store an answer and its card's new schedule together."""
        with self.write():
            self.conn.execute(
                "INSERT INTO answers (id, question_id, topic, at, answer, correct, rating, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (new_id(), question_id, topic, at.isoformat(), answer, int(correct), rating, source),
            )
            self.conn.execute(
                "INSERT INTO cards (question_id, topic, card, due, reps, lapses, updated_at)"
                " VALUES (?, ?, ?, ?, 1, ?, ?)"
                " ON CONFLICT(question_id) DO UPDATE SET card = excluded.card, due = excluded.due,"
                " reps = reps + 1, lapses = lapses + excluded.lapses, updated_at = excluded.updated_at",
                (question_id, topic, card, due.isoformat(), int(rating == "again"), at.isoformat()),
            )

    def reviews_since(self, start: dt.datetime) -> int:
        """How many answers were given in `review` since ``start`` (the daily limit counts them)."""
        row = self.conn.execute(
            "SELECT count(*) FROM answers WHERE source = 'review' AND at >= ?", (start.isoformat(),)
        ).fetchone()
        return int(row[0])

    def count_due(self, now: dt.datetime) -> int:
        return int(self.conn.execute("SELECT count(*) FROM cards WHERE due <= ?", (now.isoformat(),)).fetchone()[0])

    # -- the learner's own cards ---------------------------------------------------

    _OWN_COLS = "id, topic, question, answer, created_at, updated_at"

    def own_cards(self, topic: str | None = None) -> list[OwnCard]:
        if topic is None:
            rows = self.conn.execute(f"SELECT {self._OWN_COLS} FROM own_cards ORDER BY created_at, id").fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {self._OWN_COLS} FROM own_cards WHERE topic = ? ORDER BY created_at, id", (topic,)
            ).fetchall()
        return [OwnCard(*r) for r in rows]

    def add_own_card(self, topic: str, question: str, answer: str) -> OwnCard:
        now = now_iso()
        card = OwnCard(OWN_PREFIX + new_id()[:12], topic, question, answer, now, now)
        with self.write():
            self.conn.execute(
                f"INSERT INTO own_cards ({self._OWN_COLS}) VALUES (?, ?, ?, ?, ?, ?)", tuple(card._asdict().values())
            )
            from llmstudy.storage import search_index

            search_index.put_card(self.conn, card.id, topic, question, answer, now)
        return card

    def find_own_card(self, prefix: str) -> OwnCard:
        """An own card by id or unique id prefix (``own-`` may be left out)."""
        p = prefix.strip().lower()
        if not p.startswith(OWN_PREFIX):
            p = OWN_PREFIX + p
        rows = self.conn.execute(
            f"SELECT {self._OWN_COLS} FROM own_cards WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (p, p + "\uffff")
        ).fetchall()
        if not rows:
            raise NotFoundError(
                Bi(f"没有卡片 {prefix!r}", f"no card {prefix!r}"), hint=Bi("llmstudy card list 列出卡片及其 id", "llmstudy card list shows them with their ids")
            )
        if len(rows) > 1:
            raise NotFoundError(
                Bi(f"卡片 id {prefix!r} 不唯一", f"card id {prefix!r} is ambiguous"), hint=Bi("多给几个字符", "give more characters of the id")
            )
        return OwnCard(*rows[0])

    def delete_own_card(self, card_id: str) -> None:
        """Delete an own card and its schedule; its answers stay in your history. The journal
        keeps both (for `undo`) and a tombstone, so a merge does not bring the card back."""
        with self.write():
            card = self._row("own_cards", "id", card_id)
            if card is None:
                return
            schedule = self._row("cards", "question_id", card_id)
            self.conn.execute("DELETE FROM own_cards WHERE id = ?", (card_id,))
            self.conn.execute("DELETE FROM cards WHERE question_id = ?", (card_id,))
            from llmstudy.storage import search_index

            search_index.remove(self.conn, "card", card_id)
            self._journal("card delete", "card", card_id, {"card": card, "schedule": schedule}, None)

    def save_generated(self, question_id: str, topic: str, doc: str, model: str) -> None:
        with self.write():
            self.conn.execute(
                "INSERT OR IGNORE INTO generated_questions (id, topic, doc, model, created_at) VALUES (?, ?, ?, ?, ?)",
                (question_id, topic, doc, model, now_iso()),
            )

    def record_llm_call(self, rec: Any, secrets: tuple[str | None, ...] = ()) -> None:
        """Log one model call (a ``llm_client.CallRecord``). The key (``secrets``) and any
        URL's userinfo or query are redacted; prompt and reply are capped at 16 KB."""
        from llmstudy.core.redaction import CALL_LIMITS, cap, host, redact

        def safe(text: str | None, field: str) -> str | None:
            return None if text is None else cap(redact(str(text), secrets), CALL_LIMITS[field])

        with self.write():
            self.conn.execute(
                "INSERT INTO llm_calls (id, at, purpose, model, host, mode, prompt, response,"
                " prompt_tokens, completion_tokens, latency_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new_id(),
                    now_iso(),
                    rec.purpose,
                    safe(rec.model, "model"),
                    None if rec.host is None else host(safe(rec.host, "host") or ""),
                    rec.mode,
                    safe(rec.prompt, "prompt"),
                    safe(rec.response, "response"),
                    rec.prompt_tokens,
                    rec.completion_tokens,
                    rec.latency_ms,
                    safe(rec.error, "error"),
                ),
            )

    def llm_calls(self, limit: int) -> list[dict[str, Any]]:
        cur = self.conn.execute(
            "SELECT at, purpose, model, host, mode, prompt_tokens, completion_tokens, latency_ms, error,"
            " prompt, response FROM llm_calls ORDER BY at DESC, rowid DESC LIMIT ?",
            (limit,),
        )
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def set_meta(self, key: str, value: str) -> None:
        with self.write():
            self._set_meta(key, value)

    # -- the plan and the timer (kept in meta: one row each) ------------------

    def plan_settings(self) -> PlanSettings:
        minutes = self.meta("plan_minutes_per_week")
        start = self.meta("plan_start")
        return PlanSettings(
            start if start is not None and len(start) == 10 and _stamp_ok(start) else None,
            int(minutes) if minutes is not None and minutes.isdigit() else None,
            self.meta("plan_track"),
            self.meta("plan_start_chosen") == "1",
        )

    def set_plan(
        self, start: str | None, minutes_per_week: int | None, track: str | None, start_chosen: bool = True
    ) -> None:
        """Set the given parts of the plan (None leaves a part as it is)."""
        with self.write():
            for key, value in (("plan_start", start), ("plan_minutes_per_week", minutes_per_week), ("plan_track", track)):
                if value is not None:
                    self._set_meta(key, str(value))
            if start is not None:
                self._set_meta("plan_start_chosen", "1" if start_chosen else "0")

    def timer(self) -> TimerRec | None:
        raw = self.meta("timer")
        if raw is None:
            return None
        try:
            doc = json.loads(raw)
            timer = TimerRec(doc.get("topic"), str(doc["started"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # a damaged timer is no timer; `timer start` replaces it
        return timer if _stamp_ok(timer.started) else None

    def set_timer(self, timer: TimerRec | None) -> None:
        with self.write():
            if timer is None:
                self.conn.execute("DELETE FROM meta WHERE key = 'timer'")
            else:
                self._set_meta("timer", json.dumps(timer._asdict()))

    def minutes_on(self, day: str) -> int:
        row = self.conn.execute(
            f"SELECT coalesce(sum(minutes), 0) FROM sessions WHERE day = ? AND {VALID_MINUTES}", (day,)
        ).fetchone()
        return int(row[0])

    # -- labs --------------------------------------------------------------------

    def lab_states(self) -> dict[str, LabState]:
        rows = self.conn.execute(
            "SELECT l.lab, l.topic, l.file, l.hints_shown, l.started_at, l.passed_at,"
            " (SELECT count(*) FROM lab_attempts a WHERE a.lab = l.lab) FROM labs l"
        ).fetchall()
        return {str(r[0]): LabState(*r) for r in rows}

    def start_lab(self, lab: str, topic: str, file: str) -> None:
        """Remember a started lab (again: keeps its hints and its pass)."""
        now = now_iso()
        with self.write():
            self.conn.execute(
                "INSERT INTO labs (lab, topic, file, hints_shown, started_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)"
                " ON CONFLICT(lab) DO UPDATE SET file = excluded.file, updated_at = excluded.updated_at",
                (lab, topic, file, now, now),
            )
            self._set_meta("last_lab", lab)

    def record_lab_attempt(self, lab: str, passed: bool, checks_passed: int, checks_total: int, error: str | None) -> bool:
        """Store one check run; return True if it is the lab's first pass."""
        now = now_iso()
        with self.write():
            self.conn.execute(
                "INSERT INTO lab_attempts (id, lab, at, passed, checks_passed, checks_total, error_kind)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (new_id(), lab, now, int(passed), checks_passed, checks_total, error),
            )
            first = False
            if passed:
                first = self.conn.execute(
                    "UPDATE labs SET passed_at = ?, updated_at = ? WHERE lab = ? AND passed_at IS NULL", (now, now, lab)
                ).rowcount == 1
            self._set_meta("last_lab", lab)
        return first

    def next_hint(self, lab: str, available: int) -> int:
        """Count one more hint seen (up to ``available``); return its 1-based number."""
        with self.write():
            self.conn.execute(
                "UPDATE labs SET hints_shown = min(hints_shown + 1, ?), updated_at = ? WHERE lab = ?",
                (available, now_iso(), lab),
            )
            row = self.conn.execute("SELECT hints_shown FROM labs WHERE lab = ?", (lab,)).fetchone()
        return int(row[0])

    # -- notes -----------------------------------------------------------------

    _NOTE_COLS = "id, topic, text, created_at, updated_at"

    def _put_note(self, n: NoteRec) -> None:
        from llmstudy.storage import search_index

        self.conn.execute(f"INSERT OR REPLACE INTO notes ({self._NOTE_COLS}) VALUES (?, ?, ?, ?, ?)", tuple(n._asdict().values()))
        search_index.put(self.conn, "note", n.id, n.topic, Bi("", ""), n.text, n.updated_at)

    def _note(self, note_id: str) -> NoteRec | None:
        row = self.conn.execute(f"SELECT {self._NOTE_COLS} FROM notes WHERE id = ?", (note_id,)).fetchone()
        return None if row is None else NoteRec(*row)

    def add_note(self, topic: str, text: str) -> NoteRec:
        now = now_iso()
        n = NoteRec(new_id(), topic, text, now, now)
        with self.write():
            self._put_note(n)
            self._journal("note", "note", n.id, None, n._asdict())
        return n

    def find_note(self, prefix: str) -> NoteRec:
        """A note by id or unique id prefix (at least 4 characters)."""
        p = prefix.strip().lower()
        if len(p) < 4:
            raise NotFoundError(
                Bi(f"笔记 id {prefix!r} 太短", f"note id {prefix!r} is too short"),
                hint=Bi("至少给出 4 个字符；llmstudy notes 列出 id", "give at least 4 characters; see llmstudy notes"),
            )
        rows = self.conn.execute("SELECT id FROM notes WHERE id >= ? AND id < ? LIMIT 2", (p, p + "\uffff")).fetchall()
        if not rows:
            raise NotFoundError(
                Bi(f"没有笔记 {prefix!r}", f"no note {prefix!r}"),
                hint=Bi("llmstudy notes 列出笔记和 id", "llmstudy notes lists them with their ids"),
            )
        if len(rows) > 1:
            raise NotFoundError(
                Bi(f"笔记 id {prefix!r} 不唯一", f"note id {prefix!r} is ambiguous"),
                hint=Bi("多给几个字符", "give more characters of the id"),
            )
        found = self._note(str(rows[0][0]))
        assert found is not None
        return found

    def update_note(self, note_id: str, text: str) -> NoteRec:
        with self.write():
            before = self._note(note_id)
            if before is None:
                raise NotFoundError(Bi(f"没有笔记 {note_id!r}", f"no note {note_id!r}"), hint="llmstudy notes")
            after = before._replace(text=text, updated_at=now_iso())
            self._put_note(after)
            self._journal("note-edit", "note", note_id, before._asdict(), after._asdict())
        return after

    def delete_note(self, note_id: str) -> NoteRec:
        with self.write():
            before = self._note(note_id)
            if before is None:
                raise NotFoundError(Bi(f"没有笔记 {note_id!r}", f"no note {note_id!r}"), hint="llmstudy notes")
            self.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
            from llmstudy.storage import search_index

            search_index.remove(self.conn, "note", note_id)
            self._journal("note-delete", "note", note_id, before._asdict(), None)
        return before

    def notes(self, topic: str | None = None) -> list[NoteRec]:
        """Notes in the order they were written (of one topic)."""
        where, args = ("", ()) if topic is None else (" WHERE topic = ?", (topic,))
        rows = self.conn.execute(f"SELECT {self._NOTE_COLS} FROM notes{where} ORDER BY created_at, rowid", args)
        return [NoteRec(*r) for r in rows.fetchall()]

    # -- teach-back --------------------------------------------------------------

    def add_explanation(
        self, topic: str, text: str, score: float, source: str, model: str | None, feedback: Graded
    ) -> ExplanationRec:
        from llmstudy.storage import search_index

        rec = ExplanationRec(new_id(), topic, text, score, source, model, feedback, now_iso())
        with self.write():
            self.conn.execute(
                "INSERT INTO explanations (id, topic, text, score, source, model, feedback, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rec.id, topic, text, score, source, model, _feedback_json(feedback), rec.created_at),
            )
            search_index.put(self.conn, "explanation", rec.id, topic, Bi("", ""), text, rec.created_at)
        return rec

    def explanations(self, topic: str | None = None) -> list[ExplanationRec]:
        """Teach-back attempts, oldest first (of one topic)."""
        where, args = ("", ()) if topic is None else (" WHERE topic = ?", (topic,))
        rows = self.conn.execute(
            "SELECT id, topic, text, score, source, model, feedback, created_at FROM explanations"
            f"{where} ORDER BY created_at, rowid",
            args,
        ).fetchall()
        return [ExplanationRec(r[0], r[1], r[2], float(r[3]), r[4], r[5], _feedback_of(r[6]), r[7]) for r in rows]

    def latest_teach_score(self, topic: str) -> float | None:
        row = self.conn.execute(
            "SELECT score FROM explanations WHERE topic = ? ORDER BY created_at DESC, rowid DESC LIMIT 1", (topic,)
        ).fetchone()
        return None if row is None else float(row[0])

    # -- search ------------------------------------------------------------------

    def search(self, query: Query, kind: str | None, limit: int) -> list[Hit]:
        from llmstudy.storage import search_index

        return search_index.search(self.conn, query, kind, limit)

    # -- export / import -------------------------------------------------------

    def export_rows(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for table, order in (
            ("sessions", "day, created_at, id"),
            ("statuses", "topic"),
            ("cards", "question_id"),
            ("answers", "at, id"),
            ("generated_questions", "created_at, id"),
            ("labs", "lab"),
            ("lab_attempts", "at, id"),
            ("own_cards", "created_at, id"),
            ("notes", "created_at, rowid"),  # rowid: the order written, kept by an import
            ("explanations", "created_at, rowid"),
            ("llm_calls", "at, id"),
        ):
            cur = self.conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
            cols = [c[0] for c in cur.description]
            out[table] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        out["deleted"] = [
            {"kind": kind, "key": k, "at": at} for kind in GRAVES for k, at in sorted(self._tombstones(kind).items())
        ]
        return out

    def _tombstones(self, kind: str) -> dict[str, str]:
        """Deleted session, note or own card id (or reset topic) -> when: deletions, ours and
        imported, travel with an export, so a row deleted on one machine is not brought back by
        the other's older copy."""
        rows = self.conn.execute(
            "SELECT key, max(at) FROM journal WHERE kind = ? AND undone = 0 AND action IN"
            " ('delete', 'note-delete', 'card delete', 'status pending', 'import delete', 'undo delete') GROUP BY key",
            (kind,),
        ).fetchall()
        return {str(k): str(at) for k, at in rows}

    def _rebuild_cards(self, question_ids: list[str], rebuild: Rebuild) -> None:
        for qid in question_ids:
            rows = self.conn.execute(
                "SELECT at, id, rating, topic FROM answers WHERE question_id = ?", (qid,)
            ).fetchall()
            done = rebuild([(str(at), str(i), str(rating)) for at, i, rating, _ in rows])
            if done is None:
                continue
            self.conn.execute(
                "INSERT OR REPLACE INTO cards (question_id, topic, card, due, reps, lapses, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (qid, str(rows[-1][3]), done.card, done.due.isoformat(), done.reps, done.lapses, done.updated_at),
            )

    def import_rows(self, data: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
        """Merge by primary key: rows already here are kept unless the imported one is newer
        (``updated_at``); at the same time the larger row (as sorted JSON) wins, so merging
        two homes both ways ends with the same rows whatever the order."""
        return self.merge_rows(data)[0]

    def merge_rows(
        self, data: dict[str, list[dict[str, Any]]], rebuild: Rebuild | None = None
    ) -> tuple[dict[str, int], dict[str, int]]:
        """``import_rows`` with the count of rows replaced as well: (added, updated).

        With ``rebuild``, every card the import brought answers or a schedule for is rebuilt
        from the merged answer log (at, id, rating), in the same transaction, so two machines
        that merge both ways schedule it alike and neither side's answers are forgotten."""
        added: dict[str, int] = {}
        updated: dict[str, int] = {}
        # What the import changes, as it was before (None: the row did not exist), so that
        # `undo` can put it back: (table, key) -> (primary key column, row).
        images: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {}
        marks: list[int] = []
        with self.write():
            graves = {kind: self._tombstones(kind) for kind in GRAVES}
            deleted = 0
            for mark in data.get("deleted", []):
                kind, key, at = str(mark["kind"]), str(mark["key"]), str(mark["at"])
                table, pk = GRAVES[kind]
                row = self.conn.execute(f"SELECT updated_at FROM {table} WHERE {pk} = ?", (key,)).fetchone()
                if row is not None and str(row[0]) <= at:  # an edit newer than the deletion survives it
                    images.setdefault((table, key), (pk, self._row(table, pk, key)))
                    self.conn.execute(f"DELETE FROM {table} WHERE {pk} = ?", (key,))
                    if table == "own_cards":  # and its schedule, as `card delete` does
                        images.setdefault(("cards", key), ("question_id", self._row("cards", "question_id", key)))
                        self.conn.execute("DELETE FROM cards WHERE question_id = ?", (key,))
                    deleted += 1
                if at > graves[kind].get(key, ""):
                    # journaled as "import delete": kept for the next export, never undone by `undo`
                    # on its own (undoing the whole import withdraws it)
                    cur = self.conn.execute(
                        "INSERT INTO journal (at, action, kind, key, before, after, undone)"
                        " VALUES (?, 'import delete', ?, ?, NULL, NULL, 0)",
                        (at, kind, key),
                    )
                    marks.append(int(cur.lastrowid or 0))
                    graves[kind][key] = at
            for table, pk, stamp in (
                ("sessions", "id", "updated_at"),
                ("statuses", "topic", "updated_at"),
                ("cards", "question_id", "updated_at"),
                ("answers", "id", None),
                ("generated_questions", "id", None),
                ("labs", "lab", "updated_at"),
                ("lab_attempts", "id", None),
                ("own_cards", "id", "updated_at"),
                ("notes", "id", "updated_at"),
                ("explanations", "id", None),
                ("llm_calls", "id", None),
            ):
                count = changed = 0
                grave = next((graves[k] for k, (t, _) in GRAVES.items() if t == table), {})
                for row in data.get(table, []):
                    if grave and stamp is not None and grave.get(str(row[pk]), "") >= str(row[stamp]):
                        continue  # deleted here after (or when) that version was written
                    if table == "cards" and str(row[pk]) in graves["card"] and self._row("own_cards", "id", row[pk]) is None:
                        continue  # the schedule of an own card deleted here
                    cols = list(row)
                    existing = self._row(table, pk, row[pk])
                    if existing is not None:
                        if stamp is None:
                            continue
                        mine = (str(existing[stamp]), _canonical(existing))
                        theirs = (str(row[stamp]), _canonical({**existing, **row}))
                        if mine >= theirs:
                            continue
                    images.setdefault((table, str(row[pk])), (pk, existing))
                    self.conn.execute(
                        f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                        [row[c] for c in cols],
                    )
                    count += existing is None
                    changed += existing is not None
                added[table] = count
                updated[table] = changed
            updated["deleted"] = deleted
            if rebuild is not None:
                touched = {str(r["question_id"]) for t in ("answers", "cards") for r in data.get(t, [])}
                touched -= {q for q in graves["card"] if self._row("own_cards", "id", q) is None}  # no schedule for a deleted card
                for qid in sorted(touched):
                    images.setdefault(("cards", qid), ("question_id", self._row("cards", "question_id", qid)))
                self._rebuild_cards(sorted(touched), rebuild)
            if images or marks:
                doc = {"images": [[t, pk, k, r] for (t, k), (pk, r) in images.items()], "marks": marks}
                summary = {"added": sum(added.values()), "updated": sum(updated.values())}  # deletions included
                self.conn.execute(
                    "INSERT INTO journal (at, action, kind, key, before, after, undone) VALUES (?, 'import', 'import', '', ?, ?, 0)",
                    (now_iso(), json.dumps(doc, ensure_ascii=False), json.dumps(summary)),
                )
            from llmstudy.storage import search_index

            search_index.rebuild_learner(self.conn)
        return added, updated

    def _row(self, table: str, pk: str, key: object) -> dict[str, Any] | None:
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE {pk} = ?", (key,))
        found = cur.fetchone()
        return None if found is None else dict(zip([c[0] for c in cur.description], found, strict=True))

    # Rows written since an import that undoing it would silently contradict (not journaled).
    _SINCE = (
        ("answers", "at", Bi("答题", "answers")),
        ("lab_attempts", "at", Bi("实验检查", "lab checks")),
        ("explanations", "created_at", Bi("解释", "explanations")),
    )

    def _undo_import(self, seq: int, at: str, stamp: str) -> None:
        for table, column, name in self._SINCE:
            if self.conn.execute(f"SELECT 1 FROM {table} WHERE {column} > ? LIMIT 1", (at,)).fetchone():
                raise StoreError(
                    Bi(f"导入之后又有了新的{name.zh}，撤销导入会与它们冲突", f"{name.en} were recorded after that import; undoing it would contradict them"),
                    hint=Bi("用 llmstudy export 备份后再手动处理", "keep it, or export and sort it out by hand"),
                )
        row = self.conn.execute("SELECT before FROM journal WHERE seq = ?", (seq,)).fetchone()
        doc = json.loads(row[0]) if row and row[0] else {"images": [], "marks": []}
        for table, pk, key, before in doc["images"]:
            if before is None:
                self.conn.execute(f"DELETE FROM {table} WHERE {pk} = ?", (key,))
                continue
            if "updated_at" in before:  # put back now, so a later merge carries the revert
                before["updated_at"] = stamp
            cols = list(before)
            self.conn.execute(
                f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [before[c] for c in cols],
            )
        if doc["marks"]:
            self.conn.execute(
                f"UPDATE journal SET undone = 1 WHERE seq IN ({', '.join('?' for _ in doc['marks'])})", doc["marks"]
            )
        from llmstudy.storage import search_index

        search_index.rebuild_learner(self.conn)


def _canonical(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)


def _feedback_json(g: Graded) -> str:
    return json.dumps(
        {
            "covered": [b._asdict() for b in g.covered],
            "missing": [b._asdict() for b in g.missing],
            "wrong": [{"statement": w, "correction": c} for w, c in g.wrong],
        },
        ensure_ascii=False,
    )


def _feedback_of(text: str) -> Graded:
    d = json.loads(text)
    return Graded(
        tuple(Bi.req(b) for b in d.get("covered", [])),
        tuple(Bi.req(b) for b in d.get("missing", [])),
        tuple((str(w["statement"]), str(w["correction"])) for w in d.get("wrong", [])),
    )


def _journal_record(kind: str, doc: dict[str, Any]) -> Session | StatusRec | NoteRec | OwnCard:
    if kind == "card":
        c = doc["card"]
        return OwnCard(c["id"], c["topic"], c["question"], c["answer"], c["created_at"], c["updated_at"])
    if kind == "status":
        return StatusRec(doc["topic"], doc["status"], doc["updated_at"])
    if kind == "note":
        return NoteRec(doc["id"], doc["topic"], doc["text"], doc["created_at"], doc["updated_at"])
    return session_from_journal(doc)


def session_from_journal(doc: dict[str, Any]) -> Session:
    """A session as the journal stored it: the row's columns (older entries said ``date``)."""
    day = doc["day"] if "day" in doc else doc["date"]
    updated = doc.get("updated_at") or doc["created_at"]
    return Session(doc["id"], doc["topic"], doc["minutes"], day, doc["week"], doc["note"], doc["created_at"], updated)
