"""Your data out and in: `export` (versioned JSON, or the questions as an Anki deck or CSV)
and `import` (merge by id)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from llmstudy.actions.files import cannot_write, sweep, target, write_atomic
from llmstudy.actions.results import Exported, ExportedCards, Imported
from llmstudy.core import cards
from llmstudy.core.records import OWN_PREFIX, Bi, QuestionRec
from llmstudy.errors import LlmstudyError, UsageError
from llmstudy.storage.store import Store
from llmstudy.storage.tables import now_iso

EXPORT_FORMAT = "llmstudy-export"
# 2: deletions and status resets travel as tombstones (``deleted``); an llmstudy that reads only
# version 1 would ignore them and bring deleted rows back, so it refuses the file instead.
# 3: deleted notes and own cards travel too (a version 2 reader would refuse their tombstones).
# Version 1 and 2 files are still read.
EXPORT_VERSION = 3


def export(store: Store, output: str | None) -> Exported:
    """The whole export; written to ``output`` (atomically) when one is given."""
    doc = export_doc(store)
    text = dumps(doc)
    path = None if output in (None, "-") else Path(output).expanduser()
    if path is not None:
        write_atomic(path, text)
    return Exported(doc, text, path)


FORMATS = ("json", "md", "anki", "csv", "ics")
# Anki identifies a note type and a deck by number: fixed, so every export lands in the same ones.
ANKI_MODEL_ID = 1_842_073_311
ANKI_FIELDS = ("QuestionZh", "QuestionEn", "AnswerZh", "AnswerEn", "Source", "Topic", "Id")
ANKI_CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } .en { color: #555; } .src { font-size: 13px; color: #888; }"
ANKI_FRONT = '<div class="zh">{{QuestionZh}}</div><hr><div class="en">{{QuestionEn}}</div>'
ANKI_BACK = (
    '{{FrontSide}}<hr id="answer"><div class="zh">{{AnswerZh}}</div><hr><div class="en">{{AnswerEn}}</div>'
    '<div class="src">{{Source}}</div>'
)
CSV_COLUMNS = ("question_zh", "question_en", "answer_zh", "answer_en", "topic", "id")


def check_format(fmt: str, output: str | None) -> str:
    f = fmt.strip().lower()
    if f not in FORMATS:
        raise UsageError(
            Bi(f"未知的导出格式 {fmt!r}", f"unknown export format {fmt!r}"),
            hint=Bi("--format 可选 json、md、anki、csv 或 ics", "--format json, md, anki, csv or ics"),
        )
    if f == "anki" and output in (None, "-"):
        raise UsageError(
            Bi("Anki 牌组是二进制文件：请用 -o 指定文件", "an Anki deck is a binary file: give one with -o"),
            hint="llmstudy export --format anki -o llmstudy.apkg",
        )
    return f


def all_questions(store: Store) -> list[QuestionRec]:
    """Every question of every topic's bank (curated, generated, your own, derived), once."""
    from llmstudy.actions.quiz import bank

    seen: dict[str, QuestionRec] = {}
    for topic in store.topics().values():
        for q in bank(store, topic):
            seen.setdefault(q.id, q)
    return list(seen.values())


def export_anki(store: Store, output: str) -> ExportedCards:
    """An Anki package: one note per question with both languages, a sub-deck per topic
    (``llmstudy::attention``), and a GUID derived from the question's id, so importing a
    later export updates the notes instead of adding copies."""
    import genanki

    model = genanki.Model(
        ANKI_MODEL_ID,
        "llmstudy (zh/en)",
        fields=[{"name": f} for f in ANKI_FIELDS],
        templates=[{"name": "Card 1", "qfmt": ANKI_FRONT, "afmt": ANKI_BACK}],
        css=ANKI_CSS,
    )
    decks: dict[str, Any] = {}
    questions = all_questions(store)
    for q in questions:
        name = f"llmstudy::{q.topic}"
        if name not in decks:
            decks[name] = genanki.Deck(_deck_id(name), name)
        zh, en = cards.faces(q, "zh"), cards.faces(q, "en")
        source = q.source.title + (f" — {q.source.link}" if q.source.link else "")
        fields = [_html(zh[0]), _html(en[0]), _html(zh[1]), _html(en[1]), _html(source), q.topic, q.id]
        tags = ["llmstudy", q.topic, q.kind] + (["own"] if q.id.startswith(OWN_PREFIX) else [])
        decks[name].add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(q.id), tags=tags))
    path = Path(output).expanduser()
    _write_binary(path, lambda tmp: genanki.Package(list(decks.values())).write_to_file(str(tmp)))
    return ExportedCards("anki", path, None, len(questions), tuple(decks))


def export_csv(store: Store, output: str | None) -> ExportedCards:
    """Every question as CSV (both languages) for other flashcard tools."""
    import csv
    import io

    questions = all_questions(store)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        zh, en = cards.faces(q, "zh"), cards.faces(q, "en")
        writer.writerow([zh[0], en[0], zh[1], en[1], q.topic, q.id])
    topics = tuple(dict.fromkeys(q.topic for q in questions))
    if output in (None, "-"):
        return ExportedCards("csv", None, buf.getvalue(), len(questions), topics)
    path = Path(output).expanduser()
    write_atomic(path, buf.getvalue())
    return ExportedCards("csv", path, None, len(questions), topics)


def _deck_id(name: str) -> int:
    import hashlib

    # Stable and in the range genanki suggests (2^30 to 2^31).
    return (1 << 30) + int(hashlib.sha1(name.encode()).hexdigest()[:8], 16) % (1 << 30)


def _html(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br>")


def _write_binary(path: Path, write: Any) -> None:
    """Let ``write`` fill a temp file next to ``path``, then replace ``path`` with it."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path = target(path)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    tmp = Path(name)
    sweep(path, tmp)
    try:
        write(tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def import_file(store: Store, file: str, today: dt.date, settings: cards.ReviewSettings = cards.DEFAULT_REVIEW) -> Imported:
    """Check every row of ``file`` with the commands' rules, then merge it; a bad row refuses it
    whole. Cards the file brings answers for are rebuilt from the merged answer log."""
    from llmstudy.actions.import_rules import check_rows

    doc = read_export(Path(file))
    check_rows(doc["data"], today, set(store.topics()), store.track(None))
    return Imported(*store.merge_rows(doc["data"], lambda answers: cards.replay(answers, settings)))


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
    "own_cards": {"id", "topic", "question", "answer", "created_at", "updated_at"},
    "notes": {"id", "topic", "text", "created_at", "updated_at"},
    "explanations": {"id", "topic", "text", "score", "source", "feedback", "created_at"},
    "llm_calls": {"id", "at", "purpose"},
    "deleted": {"kind", "key", "at"},
}
_ALLOWED = {
    "sessions": {"id", "topic", "minutes", "day", "week", "note", "created_at", "updated_at"},
    "statuses": {"topic", "status", "updated_at"},
    "cards": {"question_id", "topic", "card", "due", "reps", "lapses", "updated_at"},
    "answers": {"id", "question_id", "topic", "at", "answer", "correct", "rating", "source"},
    "generated_questions": {"id", "topic", "doc", "model", "created_at"},
    "labs": {"lab", "topic", "file", "hints_shown", "started_at", "passed_at", "updated_at"},
    "lab_attempts": {"id", "lab", "at", "passed", "checks_passed", "checks_total", "error_kind"},
    "own_cards": {"id", "topic", "question", "answer", "created_at", "updated_at"},
    "notes": {"id", "topic", "text", "created_at", "updated_at"},
    "explanations": {"id", "topic", "text", "score", "source", "model", "feedback", "created_at"},
    "llm_calls": {
        "id", "at", "purpose", "model", "host", "mode", "prompt", "response",
        "prompt_tokens", "completion_tokens", "latency_ms", "error",
    },
    "deleted": {"kind", "key", "at"},
}


MAX_IMPORT_BYTES = 50 * 1024 * 1024


def read_regular(path: Path, limit: int, bad: Any) -> str:
    """A regular file's text (UTF-8), checked with ``stat`` before opening: a FIFO would block."""
    import os
    import stat

    path = path.expanduser()
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise LlmstudyError(Bi(f"{path}：没有这个文件", f"{path}: no such file"), hint=Bi("检查路径", "check the path")) from None
    except OSError as exc:
        raise bad(Bi(f"无法读取（{exc.strerror}）", f"cannot read it ({exc.strerror})")) from None
    mb = limit // (1024 * 1024)
    if not stat.S_ISREG(st.st_mode):
        raise bad(Bi("不是普通文件", "not a regular file"))
    if st.st_size > limit:
        raise bad(Bi(f"大于 {mb} MB", f"larger than {mb} MB"))
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as exc:
        raise bad(Bi(f"无法读取（{exc.strerror}）", f"cannot read it ({exc.strerror})")) from None
    if len(raw) > limit:
        raise bad(Bi(f"大于 {mb} MB", f"larger than {mb} MB"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad(Bi("不是 UTF-8 文本", "not UTF-8 text")) from None


def read_export(path: Path) -> dict[str, Any]:
    """Read and check an export file completely before anything is written."""

    def bad(why: Bi) -> LlmstudyError:
        return LlmstudyError(
            Bi(f"{path}：{why.zh}；什么都没有导入", f"{path}: {why.en}; nothing was imported"),
            hint=Bi("请使用 `llmstudy export` 写出的文件", "use a file written by `llmstudy export`"),
        )

    text = read_regular(path, MAX_IMPORT_BYTES, bad)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise bad(Bi(f"不是 JSON（第 {exc.lineno} 行）", f"not JSON (line {exc.lineno})")) from None
    except RecursionError:
        raise bad(Bi("嵌套太深，不是导出文件", "nested too deeply to be an export")) from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise bad(Bi("不是 llmstudy 的导出文件", "not an llmstudy export"))
    if not isinstance(doc.get("version"), int) or not 1 <= doc["version"] <= EXPORT_VERSION:
        raise bad(Bi(f"不支持导出格式版本 {doc.get('version')!r}", f"export version {doc.get('version')!r} is not supported"))
    data = doc.get("data")
    if not isinstance(data, dict):
        raise bad(Bi("没有 data 部分", "no data section"))
    for table, rows in data.items():
        if table not in _ALLOWED:
            raise bad(Bi(f"未知的表 {table!r}", f"unknown table {table!r}"))
        if not isinstance(rows, list):
            raise bad(Bi(f"{table} 不是列表", f"{table} is not a list"))
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise bad(Bi(f"{table}[{i}] 不是对象", f"{table}[{i}] is not an object"))
            missing = _REQUIRED[table] - row.keys()
            if missing:
                raise bad(Bi(f"{table}[{i}] 缺少 {', '.join(sorted(missing))}", f"{table}[{i}] lacks {', '.join(sorted(missing))}"))
            extra = row.keys() - _ALLOWED[table]
            if extra:
                raise bad(Bi(f"{table}[{i}] 有未知字段 {sorted(extra)[0]!r}", f"{table}[{i}] has unknown field {sorted(extra)[0]!r}"))
            if table in ("notes", "explanations") and not (isinstance(row["text"], str) and row["text"].strip()):
                raise bad(Bi(f"{table}[{i}].text 必须是非空字符串", f"{table}[{i}].text must be a non-empty string"))
            if table == "explanations":
                _check_feedback(row, f"{table}[{i}]", bad)
    return doc


def _check_feedback(row: dict[str, Any], where: str, bad: Any) -> None:
    """An explanation's score and feedback as the store reads them back."""
    if isinstance(row["score"], bool) or not isinstance(row["score"], int | float) or not 0 <= row["score"] <= 1:
        raise bad(Bi(f"{where}.score 必须在 0 到 1 之间", f"{where}.score must be between 0 and 1"))
    try:
        fb = json.loads(row["feedback"]) if isinstance(row["feedback"], str) else None
    except json.JSONDecodeError:
        fb = None
    if not isinstance(fb, dict) or not all(isinstance(fb.get(k, []), list) for k in ("covered", "missing", "wrong")):
        raise bad(Bi(f"{where}.feedback 无效", f"{where}.feedback is not valid"))
