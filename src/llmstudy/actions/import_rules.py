"""What an imported row may hold: the rules of the commands, applied to every row of a file.

A file is imported whole or not at all: the first bad row refuses it, named by table,
row number and field. Session fields go through the same checks as `log` and `edit`
(``tracking.check_minutes`` / ``check_fields`` / ``check_week``), not a copy of them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from llmstudy.actions.tracking import check_fields, check_minutes, check_week
from llmstudy.core.cards import RATINGS, valid_card_json
from llmstudy.core.records import OWN_PREFIX, Bi, TrackRec
from llmstudy.errors import LlmstudyError
from llmstudy.storage.store import GRAVES

STATUSES = ("learning", "done", "skipped")
MAX_TEXT = 20_000  # a question, an answer or a model reply: generous, but bounded
_HEX_ID = re.compile(r"^[0-9a-f]{32}$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,199}$")  # question and lab ids: ours are kebab-case


class BadRow(Exception):
    """One field of one row breaks a rule; ``check_rows`` names the row."""

    def __init__(self, field: str, why: Bi) -> None:
        self.field, self.why = field, why
        super().__init__(why.en)


def check_rows(data: dict[str, list[dict[str, Any]]], today: dt.date, topics: set[str], plan: TrackRec) -> None:
    """Raise ``LlmstudyError`` naming the first row and field that breaks a rule."""
    for table, rows in data.items():
        check = _CHECKS.get(table)
        for i, row in enumerate(rows):
            try:
                for key, value in row.items():
                    _no_surrogates(key, value)
                if check is not None:
                    check(row, _Rules(today, topics, plan))
            except BadRow as bad:
                raise LlmstudyError(
                    Bi(f"{table}[{i}].{bad.field}：{bad.why.zh}；没有导入任何内容", f"{table}[{i}].{bad.field} {bad.why.en}; nothing was imported"),
                    hint=Bi("修正这一行，或用 llmstudy export 写出的文件", "fix that row, or use a file written by `llmstudy export`"),
                ) from None


class _Rules:
    def __init__(self, today: dt.date, topics: set[str], plan: TrackRec) -> None:
        self.today, self.topics, self.plan = today, topics, plan


def _no_surrogates(field: str, value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadRow(field, Bi("含有无效的 Unicode 文本（孤立的代理字符）", "holds text that is not valid Unicode (a lone surrogate)")) from None


def _str(row: dict[str, Any], field: str, *, optional: bool = False, limit: int = MAX_TEXT) -> str | None:
    value = row.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BadRow(field, Bi(f"必须是非空字符串（实际是 {_show(value)}）", f"must be a non-empty string (got {_show(value)})"))
    if len(value) > limit:
        raise BadRow(field, Bi(f"超过 {limit} 个字符", f"is longer than {limit} characters"))
    return value


def _int(row: dict[str, Any], field: str, low: int, high: int, *, optional: bool = False) -> int | None:
    value = row.get(field)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadRow(field, Bi(f"必须是 {low} 到 {high} 之间的整数（实际是 {_show(value)}）", f"must be a whole number {low}-{high} (got {_show(value)})"))
    return value


def _flag(row: dict[str, Any], field: str) -> None:
    _int(row, field, 0, 1)


def _topic(row: dict[str, Any], field: str, rules: _Rules) -> None:
    value = row.get(field)
    if not isinstance(value, str) or value not in rules.topics:
        raise BadRow(field, Bi(f"{_show(value)} 不是本课程的主题（见 llmstudy topics）", f"{_show(value)} is not a topic of this curriculum (see llmstudy topics)"))


def _key(row: dict[str, Any], field: str) -> str:
    value = row.get(field)
    if not isinstance(value, str) or not _KEY.match(value):
        raise BadRow(field, Bi(f"{_show(value)} 不是有效的编号", f"{_show(value)} is not a valid id"))
    return value


def _hex_id(row: dict[str, Any], field: str) -> None:
    value = row.get(field)
    if not isinstance(value, str) or not _HEX_ID.match(value):
        raise BadRow(field, Bi(f"{_show(value)} 不是 llmstudy 写出的编号（32 位十六进制）", f"{_show(value)} is not an id written by llmstudy (32 hex digits)"))


def _stamp(row: dict[str, Any], field: str, *, optional: bool = False) -> None:
    value = row.get(field)
    if value is None and optional:
        return
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadRow(field, Bi(f"{_show(value)} 不是时间戳（YYYY-MM-DDTHH:MM:SS+00:00）", f"{_show(value)} is not a timestamp (YYYY-MM-DDTHH:MM:SS+00:00)")) from None


def _usage(field: str, check: Callable[[], object]) -> None:
    """Run one of the commands' own checks; its message becomes the row's."""
    try:
        check()
    except LlmstudyError as exc:
        said = exc.said if isinstance(exc.said, Bi) else Bi(exc.message, exc.message)
        raise BadRow(field, said) from None


def _session(row: dict[str, Any], rules: _Rules) -> None:
    _hex_id(row, "id")
    _topic(row, "topic", rules)
    minutes = row.get("minutes")
    _usage("minutes", lambda: check_minutes(minutes))
    day = row.get("day")
    if not isinstance(day, str) or len(day) != 10 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        raise BadRow("day", Bi(f"{_show(day)} 不是日期 YYYY-MM-DD", f"{_show(day)} is not a date YYYY-MM-DD"))
    _usage("day", lambda: check_fields(rules.today, date=day))
    week = row.get("week")
    if week is not None and (isinstance(week, bool) or not isinstance(week, int)):
        raise BadRow("week", Bi(f"必须是整数（实际是 {_show(week)}）", f"must be a whole number (got {_show(week)})"))
    _usage("week", lambda: check_week(week, rules.plan))
    note = row.get("note")
    if note is not None:
        if not isinstance(note, str):
            raise BadRow("note", Bi(f"必须是文本（实际是 {_show(note)}）", f"must be text (got {_show(note)})"))
        _usage("note", lambda: check_fields(rules.today, note=note))
    _stamp(row, "created_at")
    _stamp(row, "updated_at")


def _status(row: dict[str, Any], rules: _Rules) -> None:
    _topic(row, "topic", rules)
    if row.get("status") not in STATUSES:
        raise BadRow("status", Bi(f"{_show(row.get('status'))} 不是 {', '.join(STATUSES)} 之一", f"{_show(row.get('status'))} is not one of {', '.join(STATUSES)}"))
    _stamp(row, "updated_at")


def _card(row: dict[str, Any], rules: _Rules) -> None:
    _key(row, "question_id")
    _topic(row, "topic", rules)
    card = row.get("card")
    if not isinstance(card, str) or len(card) > MAX_TEXT or not valid_card_json(card):
        raise BadRow("card", Bi("不是复习计划（FSRS 卡片 JSON）", "is not a review schedule (FSRS card JSON)"))
    _stamp(row, "due")
    _int(row, "reps", 0, 1_000_000, optional=True)
    _int(row, "lapses", 0, 1_000_000, optional=True)
    _stamp(row, "updated_at")


def _answer(row: dict[str, Any], rules: _Rules) -> None:
    _hex_id(row, "id")
    _key(row, "question_id")
    _topic(row, "topic", rules)
    _stamp(row, "at")
    answer = row.get("answer")
    if answer is not None and (not isinstance(answer, str) or len(answer) > MAX_TEXT):
        raise BadRow("answer", Bi(f"必须是不超过 {MAX_TEXT} 个字符的文本", f"must be text of at most {MAX_TEXT} characters"))
    _flag(row, "correct")
    if row.get("rating") is not None and row["rating"] not in RATINGS:
        raise BadRow("rating", Bi(f"{_show(row['rating'])} 不是 {', '.join(RATINGS)} 之一", f"{_show(row['rating'])} is not one of {', '.join(RATINGS)}"))
    _str(row, "source", optional=True, limit=40)


def _generated(row: dict[str, Any], rules: _Rules) -> None:
    from llmstudy.curriculum.validate import question_problem

    qid = _key(row, "id")
    _topic(row, "topic", rules)
    doc = _str(row, "doc")
    assert doc is not None
    try:
        parsed = json.loads(doc)
    except (ValueError, RecursionError):
        raise BadRow("doc", Bi("不是有效的题目（不是 JSON）", "is not a valid question (not JSON)")) from None
    problem = question_problem(parsed)
    if problem is not None:
        raise BadRow("doc", Bi(f"不是有效的题目（{problem.zh}）", f"is not a valid question ({problem.en})"))
    if parsed.get("id") != qid or parsed.get("topic") != row["topic"]:
        raise BadRow("doc", Bi("其中的编号或主题与所在行不一致", "names another id or topic than its row"))
    _str(row, "model", optional=True, limit=200)
    _stamp(row, "created_at")


def _lab(row: dict[str, Any], rules: _Rules) -> None:
    _key(row, "lab")
    _topic(row, "topic", rules)
    _str(row, "file", limit=4096)
    _int(row, "hints_shown", 0, 1000, optional=True)
    _stamp(row, "started_at")
    _stamp(row, "passed_at", optional=True)
    _stamp(row, "updated_at")


def _lab_attempt(row: dict[str, Any], rules: _Rules) -> None:
    _hex_id(row, "id")
    _key(row, "lab")
    _stamp(row, "at")
    _flag(row, "passed")
    total = _int(row, "checks_total", 0, 10_000)
    _int(row, "checks_passed", 0, total or 0)
    _str(row, "error_kind", optional=True, limit=200)


def _llm_call(row: dict[str, Any], rules: _Rules) -> None:
    """A logged model call, held to what the store writes: bounded texts, and a host shown
    without userinfo or query (a URL's secrets never come in through an import)."""
    from llmstudy.core.redaction import CALL_LIMITS, capped_length

    _hex_id(row, "id")
    _stamp(row, "at")
    _key(row, "purpose")
    _str(row, "mode", optional=True, limit=40)
    for field in ("model", "prompt", "response", "error"):
        _str(row, field, optional=True, limit=capped_length(CALL_LIMITS[field]))
    shown = _str(row, "host", optional=True, limit=CALL_LIMITS["host"])
    if shown is not None and any(c in shown for c in "@?/#\\ \t"):  # a host and port only
        raise BadRow("host", Bi("含有网址的用户信息或查询参数", "holds a URL's userinfo or query"))
    for field in ("prompt_tokens", "completion_tokens", "latency_ms"):
        _int(row, field, 0, 10**9, optional=True)


def _own_card(row: dict[str, Any], rules: _Rules) -> None:
    value = row.get("id")
    # an own card's id is a card id in `cards`: it must not be able to take a curated question's place
    if not isinstance(value, str) or not value.startswith(OWN_PREFIX) or not _KEY.match(value):
        raise BadRow("id", Bi(f"必须以 {OWN_PREFIX!r} 开头", f"must start with {OWN_PREFIX!r}"))
    _topic(row, "topic", rules)
    _str(row, "question")
    _str(row, "answer")
    _stamp(row, "created_at")
    _stamp(row, "updated_at")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _deleted(row: dict[str, Any], rules: _Rules) -> None:
    if row.get("kind") not in GRAVES:
        kinds = ", ".join(GRAVES)
        raise BadRow("kind", Bi(f"{_show(row.get('kind'))} 不是删除记录的类别（{kinds}）", f"{_show(row.get('kind'))} is not a kind of deletion ({kinds})"))
    _str(row, "key", limit=200)
    _stamp(row, "at")


_CHECKS: dict[str, Callable[[dict[str, Any], _Rules], None]] = {
    "deleted": _deleted,
    "sessions": _session,
    "statuses": _status,
    "cards": _card,
    "answers": _answer,
    "generated_questions": _generated,
    "labs": _lab,
    "lab_attempts": _lab_attempt,
    "own_cards": _own_card,
    "llm_calls": _llm_call,
}
