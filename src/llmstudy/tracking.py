"""Study-tracking actions between the CLI and the store: edits, messages, stats, export/import."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from llmstudy import stats as stats_mod
from llmstudy.app import today
from llmstudy.dates import parse_day
from llmstudy.domain import Session, TopicRec
from llmstudy.durations import format_minutes, parse_duration
from llmstudy.errors import LlmstudyError, UsageError
from llmstudy.lookup import resolve_topic
from llmstudy.store import Store

EXPORT_FORMAT = "llmstudy-export"
EXPORT_VERSION = 1


def edit_session(
    store: Store,
    session_id: str,
    duration: str | None,
    topic: str | None,
    date: str | None,
    week: int | None,
    note: str | None,
) -> Session:
    changes: dict[str, Any] = {}
    if duration is not None:
        changes["minutes"] = parse_duration(duration)
    if date is not None:
        changes["date"] = parse_day(date, today()).isoformat()
    weekly = store.track(None)
    if week is not None:
        if not 1 <= week <= len(weekly.stages):
            raise UsageError(f"week {week} is outside the plan", hint=f"weeks are 1-{len(weekly.stages)}")
        changes["week"] = week
    if topic is not None:
        t = resolve_topic(topic, store.topics())
        changes["topic"] = t.id
        if week is None:
            stage = weekly.stage_of(t.id)
            changes["week"] = None if stage is None else stage.number
    if note is not None:
        changes["note"] = note.strip() or None
    if not changes:
        raise UsageError("nothing to change", hint="give --duration, --topic, --date, --week or --note")
    session = store.find_session(session_id)
    return store.update_session(session.id, changes)


def _echo(text: str) -> None:
    from llmstudy.term import Out

    Out().line(text)


def say_session(verb: str, s: Session, lang: str, as_json: bool) -> None:
    if as_json:
        from llmstudy.render import dump_json

        dump_json({verb: s.as_json()})
        return
    zh_verb = {"edited": "已修改", "deleted": "已删除"}[verb]
    head = f"{zh_verb}" if lang == "zh" else verb.capitalize()
    note = f" — {s.note}" if s.note else ""
    _echo(f"{head} {s.id[:8]}: {format_minutes(s.minutes)} {s.topic} {s.day}{note}")
    _echo("撤销：llmstudy undo" if lang == "zh" else "Undo with: llmstudy undo")


def say_undo(
    result: tuple[str, str, str, dict[str, Any] | None, dict[str, Any] | None] | None,
    lang: str,
    as_json: bool,
) -> None:
    if result is None:
        if as_json:
            from llmstudy.render import dump_json

            dump_json({"undone": None})
            return
        raise LlmstudyError("nothing to undo", hint="undo reverts log, edit, delete, done, skip, start and reset")
    action, kind, key, before, after = result
    if as_json:
        from llmstudy.render import dump_json

        dump_json({"undone": {"action": action, "kind": kind, "key": key, "restored": before, "reverted": after}})
        return
    if kind == "session":
        doc = after if before is None else before
        assert doc is not None
        what = f"{format_minutes(doc['minutes'])} {doc['topic']} {doc['date']}"
        if lang == "zh":
            msg = {"log": f"撤销了记录：{what}（已删除）", "delete": f"撤销了删除：{what}（已恢复）"}.get(
                action, f"撤销了修改：恢复为 {what}"
            )
        else:
            msg = {"log": f"Undid log: removed {what}", "delete": f"Undid delete: restored {what}"}.get(
                action, f"Undid edit: back to {what}"
            )
    else:
        old = "pending" if before is None else before["status"]
        msg = f"撤销了状态修改：{key} 恢复为 {old}" if lang == "zh" else f"Undid {action}: {key} is {old} again"
    _echo(msg)


def say_status(t: TopicRec, before: str, status: str, lang: str, as_json: bool) -> None:
    if as_json:
        from llmstudy.render import dump_json

        dump_json({"topic": t.id, "status": status, "previous": before})
        return
    if lang == "zh":
        _echo(f"{t.title.zh} ({t.id})：{before} → {status}")
    else:
        _echo(f"{t.title.en} ({t.id}): {before} → {status}")


def compute_stats(store: Store, day: dt.date, threshold: int, lang: str) -> stats_mod.Stats:
    from llmstudy.app import now

    progress = store.progress(now())
    start = stats_mod.recent_start(day).isoformat()

    return stats_mod.compute(
        today=day,
        weekly=store.track(None),
        progress=progress,
        total_minutes=store.total_minutes(),
        by_day_recent=store.minutes_by_day(start),
        days_desc=store.days_desc(),
        threshold=threshold,
        lang=lang,
        mastery=stats_mod.mastery_by_topic(store.answer_counts()),
    )


def stats_json(s: stats_mod.Stats) -> dict[str, Any]:
    return {
        "total_minutes": s.total_minutes,
        "by_topic": s.by_topic,
        "by_roadmap_week": {
            str(w.number): {
                "title": w.title,
                "planned_minutes": w.planned_minutes,
                "logged_minutes": w.logged_minutes,
            }
            for w in s.by_roadmap_week
        },
        "by_calendar_week": [{"week_start": d.isoformat(), "minutes": m} for d, m in s.by_calendar_week],
        "streak_days": s.streak_days,
        "streak_threshold_minutes": s.streak_threshold,
        "heatmap": {"start": s.heatmap_start.isoformat(), "rows": s.heatmap},
        "reviews_due": s.reviews_due,
        "mastery": s.mastery,
    }


def render_stats(s: stats_mod.Stats, topics: dict[str, TopicRec], lang: str) -> None:
    from llmstudy import render

    render.stats(s, topics, lang)


def render_sessions(rows: list[Session], topics: dict[str, TopicRec], lang: str) -> None:
    from llmstudy import render

    render.sessions(rows, topics, lang)


def export_doc(store: Store) -> dict[str, Any]:
    from llmstudy import __version__
    from llmstudy.store import now_iso

    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now_iso(),
        "llmstudy": __version__,
        "data": store.export_rows(),
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same folder, then replace: never a half-written file."""
    path = path.expanduser()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise LlmstudyError(f"cannot write {path} ({exc.strerror})", hint="choose a writable folder") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_REQUIRED = {
    "sessions": {"id", "topic", "minutes", "day", "created_at", "updated_at"},
    "statuses": {"topic", "status", "updated_at"},
    "cards": {"question_id", "topic", "card", "due", "updated_at"},
    "answers": {"id", "question_id", "topic", "at", "correct"},
    "generated_questions": {"id", "topic", "doc", "created_at"},
}
_ALLOWED = {
    "sessions": {"id", "topic", "minutes", "day", "week", "note", "created_at", "updated_at"},
    "statuses": {"topic", "status", "updated_at"},
    "cards": {"question_id", "topic", "card", "due", "reps", "lapses", "updated_at"},
    "answers": {"id", "question_id", "topic", "at", "answer", "correct", "rating", "source"},
    "generated_questions": {"id", "topic", "doc", "model", "created_at"},
}


def read_export(path: Path) -> dict[str, Any]:
    """Read and check an export file completely before anything is written."""

    def bad(why: str) -> LlmstudyError:
        return LlmstudyError(f"{path}: {why}; nothing was imported", hint="use a file written by `llmstudy export`")

    try:
        doc = json.loads(path.expanduser().read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LlmstudyError(f"{path}: no such file", hint="check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise bad(f"cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise bad(f"not JSON (line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise bad("not an llmstudy export")
    if not isinstance(doc.get("version"), int) or doc["version"] > EXPORT_VERSION:
        raise bad(f"export version {doc.get('version')!r} is not supported")
    data = doc.get("data")
    if not isinstance(data, dict):
        raise bad("no data section")
    for table, rows in data.items():
        if table not in _ALLOWED:
            raise bad(f"unknown table {table!r}")
        if not isinstance(rows, list):
            raise bad(f"{table} is not a list")
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise bad(f"{table}[{i}] is not an object")
            missing = _REQUIRED[table] - row.keys()
            if missing:
                raise bad(f"{table}[{i}] lacks {', '.join(sorted(missing))}")
            extra = row.keys() - _ALLOWED[table]
            if extra:
                raise bad(f"{table}[{i}] has unknown field {sorted(extra)[0]!r}")
            if table == "sessions":
                _check_session(row, f"{table}[{i}]", bad)
            if table == "statuses" and row["status"] not in ("learning", "done", "skipped"):
                raise bad(f"{table}[{i}].status {row['status']!r} is not valid")
    return doc


def _check_session(row: dict[str, Any], where: str, bad: Any) -> None:
    if not isinstance(row["minutes"], int) or not 0 < row["minutes"] <= 16 * 60:
        raise bad(f"{where}.minutes must be 1-960")
    try:
        dt.date.fromisoformat(str(row["day"]))
    except ValueError:
        raise bad(f"{where}.day is not a date") from None
    if not isinstance(row["id"], str) or not row["id"]:
        raise bad(f"{where}.id must be a non-empty string")
