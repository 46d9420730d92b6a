"""Progress maths for `llmstudy stats`. Pure: aggregated minutes in, a ``Stats`` out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from llmstudy.core.planner import stage_logged
from llmstudy.core.record import Record
from llmstudy.core.records import Bi, Progress, TrackRec

HEATMAP_WEEKS = 12
CALENDAR_WEEKS = 8


class WeekRow(Record):
    number: int
    title: Bi
    planned_minutes: int | None
    logged_minutes: int


class Stats(Record):
    total_minutes: int
    by_topic: dict[str, int]
    by_roadmap_week: list[WeekRow]
    by_calendar_week: list[tuple[dt.date, int]]  # Monday of the week, minutes
    streak_days: int
    streak_threshold: int
    heatmap: list[list[int | None]]  # rows Mon..Sun, columns oldest..newest week; None = future
    heatmap_start: dt.date
    reviews_due: int
    mastery: dict[str, float]


def mastery_by_topic(counts: dict[str, tuple[int, int]]) -> dict[str, float]:
    """Share of a topic's questions whose latest answer was right (0.0-1.0)."""
    return {topic: round(c / n, 2) for topic, (c, n) in sorted(counts.items()) if n}


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def streak(days_desc: Iterable[tuple[str, int]], today: dt.date, threshold: int) -> int:
    """Consecutive days with at least ``threshold`` minutes, ending today (or yesterday:
    a streak is not broken before the day is over)."""
    expected: dt.date | None = None
    count = 0
    for day_s, minutes in days_desc:  # one row per day, newest first
        day = dt.date.fromisoformat(day_s)
        if day > today or minutes < threshold:
            continue
        if expected is None:
            if day not in (today, today - dt.timedelta(days=1)):
                return 0
            expected = day
        if day != expected:
            break
        count += 1
        expected = day - dt.timedelta(days=1)
    return count


def compute(
    *,
    today: dt.date,
    weekly: TrackRec,
    progress: Progress,
    by_day_recent: dict[str, int],
    days_desc: Iterable[tuple[str, int]],
    threshold: int,
    mastery: dict[str, float] | None = None,
) -> Stats:
    weeks = [
        WeekRow(s.number, s.title, s.planned_minutes, stage_logged(weekly, s, progress))
        for s in weekly.stages
    ]
    this_monday = monday(today)
    cal = []
    for i in range(CALENDAR_WEEKS - 1, -1, -1):
        start = this_monday - dt.timedelta(weeks=i)
        total = sum(by_day_recent.get((start + dt.timedelta(days=d)).isoformat(), 0) for d in range(7))
        cal.append((start, total))
    heat_start = this_monday - dt.timedelta(weeks=HEATMAP_WEEKS - 1)
    grid: list[list[int | None]] = []
    for weekday in range(7):
        row: list[int | None] = []
        for w in range(HEATMAP_WEEKS):
            day = heat_start + dt.timedelta(weeks=w, days=weekday)
            row.append(None if day > today else by_day_recent.get(day.isoformat(), 0))
        grid.append(row)
    return Stats(
        total_minutes=progress.total_minutes,
        by_topic=dict(sorted(progress.minutes_by_topic.items(), key=lambda kv: -kv[1])),
        by_roadmap_week=weeks,
        by_calendar_week=cal,
        streak_days=streak(days_desc, today, threshold),
        streak_threshold=threshold,
        heatmap=grid,
        heatmap_start=heat_start,
        reviews_due=progress.due_reviews,
        mastery=mastery or {},
    )


def recent_start(today: dt.date) -> dt.date:
    """The first day any windowed view needs."""
    return min(
        monday(today) - dt.timedelta(weeks=HEATMAP_WEEKS - 1),
        monday(today) - dt.timedelta(weeks=CALENDAR_WEEKS - 1),
    )
