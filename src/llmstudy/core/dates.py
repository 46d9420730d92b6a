"""Parse the days the learner names ("2026-11-20", "today", "yesterday", "昨天")."""

from __future__ import annotations

import datetime as dt
import re

from llmstudy.core.records import Bi
from llmstudy.errors import UsageError

_DATE_HINT = Bi("用 YYYY-MM-DD、今天、昨天或前天", "use YYYY-MM-DD, today or yesterday")
_RELATIVE = {"today": 0, "今天": 0, "yesterday": 1, "昨天": 1, "前天": 2}


_DAY = re.compile(r"[0-9]{4}-[01][0-9]-[0-3][0-9]\Z")


def real_day(value: object) -> bool:
    """Whether ``value`` is a day on the calendar written YYYY-MM-DD (a stored day: a hand edit
    may leave "2099-19-39" or "2023-02-30", which have the shape)."""
    if type(value) is not str or not _DAY.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_day(text: str, today: dt.date, *, allow_future: bool = False) -> dt.date:
    """Return the date ``text`` names, relative to ``today``."""
    s = text.strip().lower()
    if s in _RELATIVE:
        return today - dt.timedelta(days=_RELATIVE[s])
    try:
        day = dt.date.fromisoformat(s)
    except ValueError:
        raise UsageError(Bi(f"{text!r} 不是日期", f"{text!r} is not a date"), hint=_DATE_HINT) from None
    if len(s) != 10:
        raise UsageError(Bi(f"{text!r} 不是日期", f"{text!r} is not a date"), hint=_DATE_HINT)
    if day > today and not allow_future:
        raise UsageError(
            Bi(f"{day.isoformat()} 还没到", f"{day.isoformat()} is in the future"),
            hint=Bi(f"记录已经学过的时间：今天是 {today.isoformat()}", f"log time you have studied: today is {today.isoformat()}"),
        )
    return day


def parse_year(text: str) -> int:
    s = text.strip()
    if not (s.isdigit() and len(s) == 4):
        raise UsageError(Bi(f"{text!r} 不是年份", f"{text!r} is not a year"), hint=Bi("用四位数字，例如 2017", "use four digits, e.g. 2017"))
    return int(s)


_IN_MINUTES = Bi("{n} 分钟后", "in {n} minute{s}")
_MINUTES_AGO = Bi("{n} 分钟前", "{n} minute{s} ago")
_JUST_NOW = Bi("刚才", "just now")
_DAY_NAMES = {0: Bi("今天", "today"), 1: Bi("明天", "tomorrow"), -1: Bi("昨天", "yesterday")}


def when(moment: dt.datetime, now: dt.datetime, lang: str) -> str:
    """A moment in local time, relative where that reads better: "in 10 minutes", "明天 08:00"."""
    seconds = (moment - now).total_seconds()
    if -60 < seconds <= 0:
        return _JUST_NOW.get(lang)
    if abs(seconds) < 3600:
        n = max(1, round(abs(seconds) / 60))
        return (_IN_MINUTES if seconds >= 0 else _MINUTES_AGO).format(lang, n=n)
    local, here = moment.astimezone(), now.astimezone()
    days = (local.date() - here.date()).days
    name = _DAY_NAMES.get(days)
    return f"{name.get(lang) if name else local.date().isoformat()} {local:%H:%M}"
