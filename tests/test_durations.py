from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llmstudy.core.dates import parse_day
from llmstudy.core.durations import MAX_MINUTES, format_minutes, parse_duration
from llmstudy.errors import UsageError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("2h", 120),
        ("1.5h", 90),
        ("90m", 90),
        ("90min", 90),
        ("90 mins", 90),
        ("1h30m", 90),
        ("1h30", 90),
        ("1h 30m", 90),
        ("1:30", 90),
        ("0:45", 45),
        ("PT1H30M", 90),
        ("pt45m", 45),
        ("PT2H", 120),
        ("2小时", 120),
        ("30分钟", 30),
        ("1小时30分钟", 90),
        ("半小时", 30),
        ("2 hours", 120),
        ("16h", 960),
    ],
)
def test_accepted_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2", "no unit"),
        ("90", "no unit"),
        ("", "empty"),
        ("abc", "cannot read"),
        ("0h", "zero"),
        ("0m", "zero"),
        ("-1h", "cannot be negative"),
        ("1" * 400 + "h", "cannot read"),
        ("17h", "more than 16 hours"),
        ("16h1m", "more than 16 hours"),
        ("30m1h", "cannot read"),
        ("1h2h", "cannot read"),
        ("PT", "cannot read"),
        ("1:75", "cannot read"),
        ("2x", "cannot read"),
    ],
)
def test_rejected_forms(text: str, fragment: str) -> None:
    with pytest.raises(UsageError) as e:
        parse_duration(text)
    assert fragment in e.value.message
    assert e.value.hint


@given(st.integers(min_value=1, max_value=MAX_MINUTES))
def test_format_round_trips(minutes: int) -> None:
    assert parse_duration(format_minutes(minutes)) == minutes


@given(st.integers(min_value=0, max_value=16), st.integers(min_value=0, max_value=59))
def test_all_spellings_agree(h: int, m: int) -> None:
    total = h * 60 + m
    if not 0 < total <= MAX_MINUTES:
        return
    spellings = [f"{h}:{m:02d}", f"PT{h}H{m}M", f"{total}m", f"{h}小时{m}分钟"]
    if h:
        spellings.append(f"{h}h{m}")
    assert {parse_duration(s) for s in spellings} == {total}


def test_bare_number_hint_offers_both_units() -> None:
    with pytest.raises(UsageError) as e:
        parse_duration("2")
    assert e.value.hint is not None and "2h" in e.value.hint and "2m" in e.value.hint


def test_parse_day() -> None:
    today = dt.date(2026, 11, 22)
    assert parse_day("today", today) == today
    assert parse_day("yesterday", today) == dt.date(2026, 11, 21)
    assert parse_day("昨天", today) == dt.date(2026, 11, 21)
    assert parse_day("2026-11-01", today) == dt.date(2026, 11, 1)
    for bad in ("2026-11-23", "tomorrow", "2026-13-01", "20261101", "22/11/2026"):
        with pytest.raises(UsageError):
            parse_day(bad, today)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("两小时", 120), ("两个小时", 120), ("一个半小时", 90), ("半个小时", 30), ("两个半小时", 150), ("二十五分钟", 25)],
)
def test_chinese_numerals(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


def test_format_in_chinese() -> None:
    assert [format_minutes(m, "zh") for m in (831, 45, 120)] == ["13小时51分", "45分钟", "2小时"]
