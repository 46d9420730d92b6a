"""Pure unit tests for the planner and stats maths (no database, today passed in)."""

from __future__ import annotations

import datetime as dt

from llmstudy.core.planner import default_topic, position, recommend
from llmstudy.core.records import Bi, Progress, SourceRec, StageRec, StageTopicRec, TopicRec, TrackRec
from llmstudy.core.stats import compute, monday, streak

TODAY = dt.date(2026, 11, 22)  # a Sunday


def topic(tid: str, *pre: str) -> TopicRec:
    return TopicRec(
        tid, Bi(tid, tid), Bi("s", "s"), (), (Bi("k", "k"),), pre, None, (SourceRec("x", "https://x", None),)
    )


def track(*stages: list[tuple[str, int]], default: bool = True) -> TrackRec:
    return TrackRec(
        "t",
        Bi("T", "T"),
        Bi("s", "s"),
        tuple(
            StageRec(
                i + 1,
                Bi(f"S{i + 1}", f"S{i + 1}"),
                Bi("s", "s"),
                sum(m for _, m in st),
                tuple(StageTopicRec(t, m) for t, m in st),
            )
            for i, st in enumerate(stages)
        ),
        default,
    )


TOPICS = {t.id: t for t in [topic("a"), topic("b", "a"), topic("c"), topic("d", "b"), topic("x"), topic("e", "x")]}
TRACK = track([("a", 60), ("b", 60), ("c", 60)], [("d", 120), ("e", 60)])


def test_first_topic_without_prerequisites() -> None:
    rec = recommend(TRACK, TOPICS, Progress(), TODAY)
    assert rec.topic is not None and rec.topic.id == "a"
    # with a done, b (needs a) and c tie on their 1h gap: the plan's order decides
    assert rec.after is not None and rec.after.id == "b"


def test_prerequisites_block_within_track_only() -> None:
    p = Progress(statuses={"a": "done", "b": "done", "c": "done"})
    rec = recommend(TRACK, TOPICS, p, TODAY)
    # e needs x, which is outside the track: not blocking, reported as background
    assert rec.topic is not None and rec.topic.id == "d"
    rec_e = recommend(TRACK, TOPICS, Progress(statuses={"a": "done", "b": "done", "c": "done", "d": "done"}), TODAY)
    assert rec_e.topic is not None and rec_e.topic.id == "e"
    assert [t.id for t in rec_e.background] == ["x"]


def test_the_topic_in_progress_stays_until_done() -> None:
    p = Progress(minutes_by_topic={"a": 50}, statuses={})
    rec = recommend(TRACK, TOPICS, p, TODAY)
    assert rec.topic is not None and rec.topic.id == "a"  # time logged on a, not done: stay with it
    assert "in the middle of it" in rec.reasons[0].en
    assert all("next unfinished" not in r.en for r in rec.reasons)
    assert default_topic(TRACK, TOPICS, p) == "a"  # a bare log lands there too
    rec = recommend(TRACK, TOPICS, p._replace(statuses={"a": "done"}), TODAY)
    assert rec.topic is not None and rec.topic.id == "b"  # then the plan's order


def test_started_topic_beats_plan_order_even_ahead() -> None:
    p = Progress(statuses={"d": "learning"})
    rec = recommend(TRACK, TOPICS, p, TODAY)
    assert rec.topic is not None and rec.topic.id == "d"
    assert any("prerequisites are not done" in r.en for r in rec.reasons)


def test_plan_order_without_progress() -> None:
    p = Progress(statuses={"a": "done", "b": "done"}, minutes_by_topic={})
    rec = recommend(TRACK, TOPICS, p, TODAY)
    assert rec.topic is not None and rec.topic.id == "c"  # stage 1 unfinished comes first


def test_skipped_counts_as_finished() -> None:
    p = Progress(statuses={"a": "skipped"})
    assert default_topic(TRACK, TOPICS, p) == "b"  # a skipped unblocks b


def test_all_done() -> None:
    p = Progress(statuses={t: "done" for t in "abcde"}, due_reviews=3)
    rec = recommend(TRACK, TOPICS, p, TODAY)
    assert rec.topic is None and rec.reviews_due == 3
    assert any("review" in r.en for r in rec.reasons)


def test_reviews_due_come_first_in_reasons() -> None:
    rec = recommend(TRACK, TOPICS, Progress(due_reviews=2), TODAY)
    assert "2 quiz reviews are due" in rec.reasons[0].en


def test_position_by_calendar() -> None:
    started = TODAY - dt.timedelta(days=8)
    pos = position(TRACK, Progress(minutes_by_topic={"a": 30}), TODAY, started)
    # day 9 of the plan: all of stage 1 (180m) and 2/7 of stage 2 (51m)
    assert pos.calendar_stage == 2 and pos.planned_to_date == 231 and pos.behind == 201
    day_one = position(TRACK, Progress(), TODAY, TODAY)
    assert day_one.planned_to_date == round(180 / 7)
    far = position(TRACK, Progress(), TODAY, TODAY - dt.timedelta(days=400))
    assert far.calendar_stage == 2 and far.planned_to_date == 360  # capped at the whole plan
    assert position(TRACK, Progress(), TODAY, None).calendar_stage == 1


def test_streak() -> None:
    days = [("2026-11-22", 20), ("2026-11-21", 15), ("2026-11-20", 60), ("2026-11-18", 100)]
    assert streak(days, TODAY, 15) == 3
    assert streak(days, TODAY, 16) == 1
    assert streak(days[1:], TODAY, 15) == 2  # today not yet studied: yesterday keeps it alive
    assert streak(days[2:], TODAY, 15) == 0
    assert streak([("2026-11-22", 10), ("2026-11-21", 30)], TODAY, 15) == 1
    assert streak([], TODAY, 15) == 0


def test_stats_windows() -> None:
    p = Progress(minutes_by_topic={"a": 90, "d": 30}, minutes_by_week={1: 90, 2: 30}, total_minutes=120)
    s = compute(
        today=TODAY,
        weekly=TRACK,
        progress=p,
        by_day_recent={"2026-11-22": 30, "2026-11-16": 90, "2026-09-01": 5},
        days_desc=[("2026-11-22", 30), ("2026-11-16", 90)],
        threshold=15,
    )
    assert [w.logged_minutes for w in s.by_roadmap_week] == [90, 30]
    assert s.by_calendar_week[-1] == (monday(TODAY), 120)
    assert s.heatmap[6][-1] == 30  # Sunday row, this week
    assert s.heatmap[0][-1] == 90  # Monday 2026-11-16
    assert s.streak_days == 1
