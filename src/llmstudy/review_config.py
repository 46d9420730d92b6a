"""The ``[review]`` table of config.toml: how cards are scheduled and how many reviews a day.

    [review]
    desired_retention = 0.9        # FSRS: schedule each card for when recall falls to 90%
    learning_steps = ["10m"]       # a new card you miss comes back after these waits
    relearning_steps = ["10m"]     # so does a learned card you miss (a lapse)
    daily_limit = 50               # `review` stops after this many reviews a day

Every key is optional; a missing file or table gives the defaults of
``core.cards.ReviewSettings``. Steps are durations as ``log`` reads them (``10m``, ``1h``)
or whole minutes. Read by the CLI and handed to the actions as a plain record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from llmstudy.core.cards import DEFAULT_REVIEW, ReviewSettings
from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError, UsageError

KEYS = {"desired_retention", "learning_steps", "relearning_steps", "daily_limit"}
MAX_STEP = dt.timedelta(days=1)


def load_review_settings(path: Path) -> ReviewSettings:
    table = _read_table(path)
    unknown = set(table) - KEYS
    if unknown:
        raise _bad(path, f"unknown key {sorted(unknown)[0]!r} in [review]", f"[review] 中有未知的键 {sorted(unknown)[0]!r}")
    retention = table.get("desired_retention", DEFAULT_REVIEW.desired_retention)
    if isinstance(retention, bool) or not isinstance(retention, int | float) or not 0.7 <= retention <= 0.99:
        raise _bad(path, "desired_retention must be a number from 0.70 to 0.99", "desired_retention 必须是 0.70 到 0.99 之间的数")
    limit = table.get("daily_limit", DEFAULT_REVIEW.daily_limit)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 9999:
        raise _bad(path, "daily_limit must be a whole number from 1 to 9999", "daily_limit 必须是 1 到 9999 之间的整数")
    return ReviewSettings(
        desired_retention=float(retention),
        learning_steps=_steps(path, "learning_steps", table, DEFAULT_REVIEW.learning_steps),
        relearning_steps=_steps(path, "relearning_steps", table, DEFAULT_REVIEW.relearning_steps),
        daily_limit=limit,
    )


def _read_table(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib

    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LlmstudyError(
            Bi(f"无法读取配置文件 {path}（{exc}）", f"cannot read config {path} ({exc})"),
            hint=Bi("修正或删除这个文件", "fix or remove the file"),
        ) from None
    table = doc.get("review", {})
    if not isinstance(table, dict):
        raise _bad(path, "[review] must be a table", "[review] 必须是一个表")
    return table


def _steps(path: Path, key: str, table: dict[str, Any], default: tuple[dt.timedelta, ...]) -> tuple[dt.timedelta, ...]:
    from llmstudy.core.durations import parse_duration

    raw = table.get(key)
    if raw is None:
        return default
    if not isinstance(raw, list):
        raise _bad(path, f"{key} must be a list such as [\"10m\"]", f"{key} 必须是列表，例如 [\"10m\"]")
    steps: list[dt.timedelta] = []
    for item in raw:
        try:
            minutes = item if isinstance(item, int) and not isinstance(item, bool) else parse_duration(str(item))
        except LlmstudyError:
            minutes = 0
        step = dt.timedelta(minutes=minutes)
        if not dt.timedelta(minutes=1) <= step <= MAX_STEP:
            raise _bad(path, f"{key}: {item!r} is not a wait from 1m to 24h", f"{key}：{item!r} 不是 1 分钟到 24 小时之间的时长")
        steps.append(step)
    return tuple(steps)


def _bad(path: Path, en: str, zh: str) -> UsageError:
    return UsageError(Bi(f"{path}：{zh}", f"{path}: {en}"), hint=Bi("见 README 的「Quizzes」一节", "see the README, section Quizzes"))
