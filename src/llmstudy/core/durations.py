"""Parse study durations ("2h", "1h30m", "90min", "PT1H30M", "1小时30分钟") into minutes."""

from __future__ import annotations

import re

from llmstudy.core.records import Bi
from llmstudy.errors import UsageError

MAX_MINUTES = 16 * 60
_HINT = Bi(
    "写上单位，例如 2h、1.5h、90m、1h30m、1:30、两小时、1小时30分钟",
    "write it with a unit, e.g. 2h, 1.5h, 90m, 1h30m, 1:30 or 1小时30分钟",
)
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"[零一二两三四五六七八九十]+")


def _cn_number(text: str) -> str:
    """``二十五`` → ``25``, ``两`` → ``2``, ``十`` → ``10`` (up to 99, enough for a study day)."""
    if "十" not in text:
        return "".join(str(_DIGITS[c]) for c in text)
    tens, _, ones = text.partition("十")
    return str((_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0))


def _normalise_chinese(s: str) -> str:
    """Chinese numerals and "半" as the parser's numbers: 一个半小时 → 1.5小时, 半个小时 → 0.5小时."""
    s = _CN_NUMBER.sub(lambda m: _cn_number(m.group(0)), s)
    s = re.sub(r"(\d+)个?半(个)?(小时|钟头)", r"\1.5小时", s)
    return re.sub(r"^半(个)?(小时|钟头)$", "0.5小时", s)

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
    s = _normalise_chinese(re.sub(r"\s+", "", raw.lower()))
    if not s:
        raise UsageError(Bi("时长为空", "empty duration"), hint=_HINT)
    if s.startswith("-"):
        raise UsageError(
            Bi(f"时长不能为负：{raw!r}", f"a duration cannot be negative: {raw!r}"),
            hint=Bi("要改正一条记录：llmstudy edit ID --duration 30m", "to correct an entry: llmstudy edit ID --duration 30m"),
        )
    if len(s) > 20:  # "400 digits" is a typo, not a study session
        raise UsageError(Bi(f"看不懂时长 {raw[:20]!r}…", f"cannot read duration {raw[:20]!r}…"), hint=_HINT)
    minutes = _iso(s) if s.startswith("pt") else _clock(s) if ":" in s else _units(s, raw)
    if minutes is None:
        raise UsageError(Bi(f"看不懂时长 {raw!r}", f"cannot read duration {raw!r}"), hint=_HINT)
    if minutes > MAX_MINUTES:
        raise UsageError(
            Bi(f"时长 {raw!r} 超过 16 小时", f"duration {raw!r} is more than 16 hours"),
            hint=Bi("把很长的一天分成几条记录，用 --note 说明", "split a long day into several entries with --note"),
        )
    rounded = round(minutes)
    if rounded <= 0:
        raise UsageError(
            Bi(f"时长 {raw!r} 为零", f"duration {raw!r} is zero"),
            hint=Bi("至少记录一分钟，例如 15m", "log at least one minute, e.g. 15m"),
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
            Bi(f"{raw!r} 没有单位：是小时还是分钟？", f"{raw!r} has no unit: hours or minutes?"),
            hint=Bi(f"小时写 {raw}h，分钟写 {raw}m", f"write {raw}h for hours or {raw}m for minutes"),
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


_HM = Bi("{h}小时{m}分", "{h}h{m:02d}m")
_H = Bi("{h}小时", "{h}h")
_M = Bi("{m}分钟", "{m}m")


def format_minutes(minutes: int | float, lang: str = "en") -> str:
    """``90`` → ``1h30m`` (``1小时30分``); ``45`` → ``45m`` (``45分钟``); ``120`` → ``2h`` (``2小时``)."""
    total = round(minutes)
    sign = "-" if total < 0 else ""
    h, m = divmod(abs(total), 60)
    if h and m:
        return sign + _HM.format(lang, h=h, m=m)
    if h:
        return sign + _H.format(lang, h=h)
    return sign + _M.format(lang, m=m)
