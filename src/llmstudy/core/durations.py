"""Parse study durations ("2h", "1h30m", "90min", "PT1H30M", "1小时30分钟") into minutes."""

from __future__ import annotations

import re

from llmstudy.errors import UsageError

MAX_MINUTES = 16 * 60
_HINT = "write it with a unit, e.g. 2h, 1.5h, 90m, 1h30m, 1:30 or 1小时30分钟"

_HOURS = {"h", "hr", "hrs", "hour", "hours", "小时", "个小时", "时", "钟头", "个钟头"}
_MINUTES = {"m", "min", "mins", "minute", "minutes", "分钟", "分"}
_NUMBER = r"\d+(?:\.\d+)?|\.\d+"
_TOKEN = re.compile(rf"({_NUMBER})([^\d.]*)")
_ISO = re.compile(rf"^pt(?:({_NUMBER})h)?(?:({_NUMBER})m)?$")
_CLOCK = re.compile(r"^(\d+):([0-5]\d)$")


def parse_duration(text: str) -> int:
    """Return whole minutes for ``text``; raise ``UsageError`` for anything unclear.

    A bare number is refused: "2" could mean hours or minutes, and a wrong
    guess would silently corrupt the learner's record.
    """
    raw = text.strip()
    s = re.sub(r"\s+", "", raw.lower())
    if not s:
        raise UsageError("empty duration", hint=_HINT)
    if s in {"半小时", "半个小时"}:
        return 30
    minutes = _iso(s) if s.startswith("pt") else _clock(s) if ":" in s else _units(s, raw)
    if minutes is None:
        raise UsageError(f"cannot read duration {raw!r}", hint=_HINT)
    rounded = round(minutes)
    if rounded <= 0:
        raise UsageError(f"duration {raw!r} is zero", hint="log at least one minute, e.g. 15m")
    if rounded > MAX_MINUTES:
        raise UsageError(
            f"duration {raw!r} is more than 16 hours",
            hint="split a long day into several entries with --note",
        )
    return rounded


def _iso(s: str) -> float | None:
    m = _ISO.match(s)
    if not m or (m.group(1) is None and m.group(2) is None):
        return None
    return float(m.group(1) or 0) * 60 + float(m.group(2) or 0)


def _clock(s: str) -> float | None:
    m = _CLOCK.match(s)
    return None if not m else int(m.group(1)) * 60 + int(m.group(2))


def _units(s: str, raw: str) -> float | None:
    pos = 0
    parts: list[tuple[float, str]] = []
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if not m:
            return None
        parts.append((float(m.group(1)), m.group(2)))
        pos = m.end()
    if len(parts) == 1 and parts[0][1] == "":
        raise UsageError(
            f"{raw!r} has no unit: hours or minutes?",
            hint=f"write {raw}h for hours or {raw}m for minutes",
        )
    total = 0.0
    seen_hours = seen_minutes = False
    for i, (value, unit) in enumerate(parts):
        if unit in _HOURS and not seen_hours and not seen_minutes:
            seen_hours = True
            total += value * 60
        elif unit in _MINUTES and not seen_minutes:
            seen_minutes = True
            total += value
        elif unit == "" and i == len(parts) - 1 and seen_hours and not seen_minutes:
            total += value  # "1h30": the trailing number after hours is minutes
        else:
            return None
    return total


def format_minutes(minutes: int | float) -> str:
    """``90`` → ``1h30m``; ``45`` → ``45m``; ``120`` → ``2h``."""
    total = round(minutes)
    sign = "-" if total < 0 else ""
    h, m = divmod(abs(total), 60)
    if h and m:
        return f"{sign}{h}h{m:02d}m"
    if h:
        return f"{sign}{h}h"
    return f"{sign}{m}m"
