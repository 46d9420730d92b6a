"""Parse the days the learner names ("2026-11-20", "today", "yesterday", "昨天")."""

from __future__ import annotations

import datetime as dt

from llmstudy.errors import UsageError

_RELATIVE = {"today": 0, "今天": 0, "yesterday": 1, "昨天": 1, "前天": 2}


def parse_day(text: str, today: dt.date, *, allow_future: bool = False) -> dt.date:
    """Return the date ``text`` names, relative to ``today``."""
    s = text.strip().lower()
    if s in _RELATIVE:
        return today - dt.timedelta(days=_RELATIVE[s])
    try:
        day = dt.date.fromisoformat(s)
    except ValueError:
        raise UsageError(
            f"{text!r} is not a date",
            hint="use YYYY-MM-DD, today or yesterday",
        ) from None
    if len(s) != 10:
        raise UsageError(f"{text!r} is not a date", hint="use YYYY-MM-DD, today or yesterday")
    if day > today and not allow_future:
        raise UsageError(
            f"{day.isoformat()} is in the future",
            hint=f"log time you have studied: today is {today.isoformat()}",
        )
    return day


def parse_year(text: str) -> int:
    s = text.strip()
    if not (s.isdigit() and len(s) == 4):
        raise UsageError(f"{text!r} is not a year", hint="use four digits, e.g. 2017")
    return int(s)
