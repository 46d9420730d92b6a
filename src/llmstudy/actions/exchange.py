"""Your data out and in: `export` (versioned JSON) and `import` (merge by id)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from llmstudy.actions.files import write_atomic
from llmstudy.actions.results import Exported, Imported
from llmstudy.errors import LlmstudyError
from llmstudy.storage.store import Store
from llmstudy.storage.tables import now_iso

EXPORT_FORMAT = "llmstudy-export"
EXPORT_VERSION = 1


def export(store: Store, output: str | None) -> Exported:
    """The whole export; written to ``output`` (atomically) when one is given."""
    doc = export_doc(store)
    path = None if output is None else Path(output).expanduser()
    if path is not None:
        write_atomic(path, dumps(doc))
    return Exported(doc, path)


def import_file(store: Store, file: str) -> Imported:
    doc = read_export(Path(file))
    return Imported(store.import_rows(doc["data"]))


def export_doc(store: Store) -> dict[str, Any]:
    from llmstudy import __version__

    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now_iso(),
        "llmstudy": __version__,
        "data": store.export_rows(),
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)


_REQUIRED = {
    "sessions": {"id", "topic", "minutes", "day", "created_at", "updated_at"},
    "statuses": {"topic", "status", "updated_at"},
    "cards": {"question_id", "topic", "card", "due", "updated_at"},
    "answers": {"id", "question_id", "topic", "at", "correct"},
    "generated_questions": {"id", "topic", "doc", "created_at"},
    "labs": {"lab", "topic", "file", "started_at", "updated_at"},
    "lab_attempts": {"id", "lab", "at", "passed", "checks_passed", "checks_total"},
    "notes": {"id", "topic", "text", "created_at", "updated_at"},
    "explanations": {"id", "topic", "text", "score", "source", "feedback", "created_at"},
}
_ALLOWED = {
    "sessions": {"id", "topic", "minutes", "day", "week", "note", "created_at", "updated_at"},
    "statuses": {"topic", "status", "updated_at"},
    "cards": {"question_id", "topic", "card", "due", "reps", "lapses", "updated_at"},
    "answers": {"id", "question_id", "topic", "at", "answer", "correct", "rating", "source"},
    "generated_questions": {"id", "topic", "doc", "model", "created_at"},
    "labs": {"lab", "topic", "file", "hints_shown", "started_at", "passed_at", "updated_at"},
    "lab_attempts": {"id", "lab", "at", "passed", "checks_passed", "checks_total", "error_kind"},
    "notes": {"id", "topic", "text", "created_at", "updated_at"},
    "explanations": {"id", "topic", "text", "score", "source", "model", "feedback", "created_at"},
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
            if table in ("notes", "explanations") and not (isinstance(row["text"], str) and row["text"].strip()):
                raise bad(f"{table}[{i}].text must be a non-empty string")
            if table == "explanations":
                _check_feedback(row, f"{table}[{i}]", bad)
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


def _check_feedback(row: dict[str, Any], where: str, bad: Any) -> None:
    """An explanation's score and feedback as the store reads them back."""
    if isinstance(row["score"], bool) or not isinstance(row["score"], int | float) or not 0 <= row["score"] <= 1:
        raise bad(f"{where}.score must be between 0 and 1")
    try:
        fb = json.loads(row["feedback"]) if isinstance(row["feedback"], str) else None
    except json.JSONDecodeError:
        fb = None
    if not isinstance(fb, dict) or not all(isinstance(fb.get(k, []), list) for k in ("covered", "missing", "wrong")):
        raise bad(f"{where}.feedback is not valid")
