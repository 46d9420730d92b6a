"""`next`, `plan` and `today`: what to study now, the plan at the learner's pace, tonight.

On the hot path (`next`, `today`): light imports only.
"""

from __future__ import annotations

import datetime as dt

from llmstudy.actions.results import NextResult, PlanResult, TodayResult
from llmstudy.core.dates import parse_day
from llmstudy.core.planner import position, recommend, schedule, teach_back_reason
from llmstudy.core.records import Bi, PlanSettings, ResourceRec, TrackRec
from llmstudy.errors import UsageError
from llmstudy.labs.index import labs_for_topic
from llmstudy.storage.store import Store

STREAK_MINUTES = 15


def pick_resources(store: Store, topic_id: str, n: int = 3) -> tuple[ResourceRec, ...]:
    """The best two or three: curated rank first, varied in kind (a course, a paper, a book...),
    people left out; a reference site only when nothing better is linked."""
    ranked = [r for r in store.resources(topic_id) if r.kind != "person"]  # rank order already
    chosen: list[ResourceRec] = []
    for pool in ([r for r in ranked if r.rank < 3], ranked):
        kinds = {r.kind for r in chosen}
        for r in pool:  # one of each kind first, then the rest in rank order
            if len(chosen) < n and r not in chosen and r.kind not in kinds:
                chosen.append(r)
                kinds.add(r.kind)
        for r in pool:
            if len(chosen) < n and r not in chosen:
                chosen.append(r)
    return tuple(chosen)


def plan_start(store: Store, settings: PlanSettings) -> dt.date | None:
    """The plan's first day: the one the learner set, else the first session's."""
    if settings.start is not None:
        return dt.date.fromisoformat(settings.start)
    return store.first_day()


def active_track(store: Store, settings: PlanSettings, track_id: str | None = None) -> TrackRec:
    return store.track(track_id if track_id is not None else settings.track)


def next_topic(store: Store, today: dt.date, now: dt.datetime, track_id: str | None) -> NextResult:
    """The recommendation, its resources, the learner's mastery of the topic, its labs."""
    settings = store.plan_settings()
    track = active_track(store, settings, track_id)
    pace = settings.minutes_per_week if track_id is None or track_id == settings.track else None
    rec = recommend(track, store.topics(), store.progress(now), today, plan_start(store, settings), pace)
    if rec.topic is None:
        return NextResult(rec, (), None, ())
    topic = rec.topic
    reason = teach_back_reason(topic.id, store.latest_teach_score(topic.id))
    if reason is not None:
        rec = rec._replace(reasons=(*rec.reasons, reason))
    counts = store.answer_counts(topic.id).get(topic.id)
    mastery = None if not counts else round(counts[0] / counts[1], 2)
    return NextResult(rec, pick_resources(store, topic.id), mastery, labs_for_topic(topic.id))


def _plan_result(store: Store, today: dt.date, settings: PlanSettings) -> PlanResult:
    track = active_track(store, settings)
    start = plan_start(store, settings)
    first = start or today
    stages = tuple(schedule(track, first, settings.minutes_per_week))
    pos = position(track, store.progress(), today, start, settings.minutes_per_week)
    return PlanResult(settings, track, first, start is not None, stages, pos)


def show_plan(store: Store, today: dt.date) -> PlanResult:
    return _plan_result(store, today, store.plan_settings())


def set_plan(
    store: Store, today: dt.date, start: str | None, hours_per_week: float | None, track: str | None
) -> PlanResult:
    start_day = None if start is None else parse_day(start, today, allow_future=True)
    minutes = None
    if hours_per_week is not None:
        if not 0.25 <= hours_per_week <= 100:
            raise UsageError(
                Bi(f"每周 {hours_per_week:g} 小时不是可行的节奏", f"{hours_per_week:g} hours a week is not a pace"),
                hint=Bi("给出 0.25 到 100 之间的小时数，例如 --hours-per-week 6", "give 0.25-100, e.g. --hours-per-week 6"),
            )
        minutes = round(hours_per_week * 60)
    track_id = None if track is None else store.track(track).id
    store.set_plan(None if start_day is None else start_day.isoformat(), minutes, track_id)
    return show_plan(store, today)


def today_summary(store: Store, today: dt.date, now: dt.datetime) -> TodayResult:
    """Tonight in a few lines: the topic, its lab, reviews due, minutes planned and logged, the streak."""
    from llmstudy.core.stats import streak

    settings = store.plan_settings()
    nxt = next_topic(store, today, now, None)
    track = nxt.rec.track
    if settings.minutes_per_week is not None:
        planned_week = settings.minutes_per_week
    else:
        stage = track.stages[nxt.rec.position.calendar_stage - 1]
        planned_week = stage.planned_minutes or 0
    day = today.isoformat()
    logged = store.minutes_on(day)
    days = store.days_desc()
    run = streak(days, today, STREAK_MINUTES)
    yesterday_run = streak(store.days_desc(), today - dt.timedelta(days=1), STREAK_MINUTES)
    at_risk = logged < STREAK_MINUTES and yesterday_run > 0
    return TodayResult(
        next=nxt,
        planned_minutes=round(planned_week / 7),
        logged_minutes=logged,
        streak_days=run,
        streak_at_risk=at_risk,
        timer=store.timer(),
        now=now,
    )
