"""Recording study: log, edit, delete, undo, statuses, the session list and stats.

One set of rules for a session's fields (duration, day, week, note), used by `log`,
`edit` and `import` alike. `log` is on the hot path: light imports only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from llmstudy.actions.results import (
    Logged,
    SessionChanged,
    SessionList,
    StatsResult,
    StatusChanged,
    Undone,
    WeekTotal,
)
from llmstudy.core.dates import parse_day
from llmstudy.core.durations import parse_duration
from llmstudy.core.lookup import resolve_topic
from llmstudy.core.planner import default_topic, stage_logged, topic_minutes_in_track
from llmstudy.core.records import TrackRec
from llmstudy.errors import LlmstudyError, NotFoundError, UsageError
from llmstudy.storage.store import Store

MAX_NOTE = 4000
STATUSES = {"done": "done", "skip": "skipped", "start": "learning", "reset": "pending"}


class SessionFields(NamedTuple):
    """Checked values for a session; ``None`` means "not given"."""

    minutes: int | None
    day: dt.date | None
    week: int | None
    note: str | None  # "" means "clear the note"


def check_fields(
    today: dt.date,
    duration: str | None = None,
    date: str | None = None,
    week: int | None = None,
    note: str | None = None,
) -> SessionFields:
    """Every rule for what a session may hold, before anything is opened or written."""
    minutes = None if duration is None else parse_duration(duration)
    day = None if date is None else parse_day(date, today)
    if note is not None:
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise UsageError(
                f"the note is longer than {MAX_NOTE} characters", hint="keep notes short; link to longer ones"
            )
    return SessionFields(minutes, day, week, note)


def check_week(week: int | None, plan: TrackRec) -> None:
    if week is not None and not 1 <= week <= len(plan.stages):
        raise UsageError(f"week {week} is outside the plan", hint=f"the {plan.id} plan has weeks 1-{len(plan.stages)}")


def week_of(plan: TrackRec, topic_id: str) -> int | None:
    stage = plan.stage_of(topic_id)
    return None if stage is None else stage.number


def log_time(
    store: Store,
    today: dt.date,
    duration: str,
    topic: str | None = None,
    date: str | None = None,
    week: int | None = None,
    note: str | None = None,
) -> Logged:
    fields = check_fields(today, duration, date or "today", week, note)
    assert fields.minutes is not None and fields.day is not None
    topics = store.topics()
    plan = store.track(None)
    check_week(week, plan)
    chosen_by_next = topic is None
    if topic is None:
        tid = default_topic(plan, topics, store.progress())
        if tid is None:
            raise NotFoundError(
                "every topic of the plan is done, so there is no default topic",
                hint="name the topic: llmstudy log 1h attention",
            )
        t = topics[tid]
    else:
        t = resolve_topic(topic, topics)
    wk = week if week is not None else week_of(plan, t.id)
    session = store.add_session(t.id, fields.minutes, fields.day, wk, fields.note or None)
    progress = store.progress()
    stage = None if wk is None else plan.stages[wk - 1]
    total = None if stage is None else WeekTotal(stage.number, stage_logged(plan, stage, progress), stage.planned_minutes)
    return Logged(
        session=session,
        topic=t,
        chosen_by_next=chosen_by_next,
        topic_logged=progress.minutes_by_topic.get(t.id, 0),
        topic_planned=topic_minutes_in_track(plan, t.id),
        week=total,
    )


def edit_session(
    store: Store,
    today: dt.date,
    session_id: str,
    duration: str | None,
    topic: str | None,
    date: str | None,
    week: int | None,
    note: str | None,
) -> SessionChanged:
    fields = check_fields(today, duration, date, week, note)
    plan = store.track(None)
    check_week(week, plan)
    changes: dict[str, Any] = {}
    if fields.minutes is not None:
        changes["minutes"] = fields.minutes
    if fields.day is not None:
        changes["day"] = fields.day.isoformat()
    if week is not None:
        changes["week"] = week
    if topic is not None:
        t = resolve_topic(topic, store.topics())
        changes["topic"] = t.id
        if week is None:
            changes["week"] = week_of(plan, t.id)
    if fields.note is not None:
        changes["note"] = fields.note or None
    if not changes:
        raise UsageError("nothing to change", hint="give --duration, --topic, --date, --week or --note")
    session = store.find_session(session_id)
    return SessionChanged("edited", store.update_session(session.id, changes))


def delete_session(store: Store, session_id: str) -> SessionChanged:
    return SessionChanged("deleted", store.delete_session(store.find_session(session_id).id))


def undo(store: Store) -> Undone:
    return Undone(store.undo())


def require_change(result: Undone) -> Undone:
    """For the text view: nothing to undo is an error there (with --json it is ``null``)."""
    if result.change is None:
        raise LlmstudyError("nothing to undo", hint="undo reverts log, edit, delete, done, skip, start and reset")
    return result


def set_status(store: Store, topic: str, command: str) -> StatusChanged:
    status = STATUSES[command]
    t = resolve_topic(topic, store.topics())
    return StatusChanged(t, store.set_status(t.id, status), status)


def list_sessions(
    store: Store,
    today: dt.date,
    topic: str | None,
    week: int | None,
    start: str | None,
    end: str | None,
    limit: int | None,
) -> SessionList:
    first = None if start is None else parse_day(start, today, allow_future=True)
    last = None if end is None else parse_day(end, today, allow_future=True)
    if first is not None and last is not None and first > last:
        raise UsageError(f"--from {first} is after --to {last}", hint="swap the two days")
    if limit is not None and limit < 1:
        raise UsageError("--limit must be at least 1", hint="use --all to list every session")
    check_week(week, store.track(None))
    topic_id = None if topic is None else resolve_topic(topic, store.topics()).id
    rows, total = store.sessions(
        topic_id,
        week,
        None if first is None else first.isoformat(),
        None if last is None else last.isoformat(),
        limit,
    )
    filtered = any(v is not None for v in (topic, week, start, end))
    return SessionList(tuple(rows), total, filtered)


def stats(store: Store, today: dt.date, now: dt.datetime, threshold: int) -> StatsResult:
    from llmstudy.core import stats as stats_mod

    progress = store.progress(now)
    start = stats_mod.recent_start(today).isoformat()
    result = stats_mod.compute(
        today=today,
        weekly=store.track(None),
        progress=progress,
        total_minutes=store.total_minutes(),
        by_day_recent=store.minutes_by_day(start),
        days_desc=store.days_desc(),
        threshold=threshold,
        mastery=stats_mod.mastery_by_topic(store.answer_counts()),
    )
    return StatsResult(result, store.topics())
