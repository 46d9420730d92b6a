"""Recording study: log, edit, delete, undo, statuses, the session list and stats.

One set of rules for a session's fields (duration, day, week, note), used by `log`,
`edit` and `import` alike. `log` is on the hot path: light imports only.
"""

from __future__ import annotations

import datetime as dt
import itertools

from llmstudy.actions.results import (
    Logged,
    SessionChanged,
    SessionList,
    StatsResult,
    StatusChanged,
    TimerResult,
    Undone,
    WeekTotal,
)
from llmstudy.core.dates import parse_day, real_day
from llmstudy.core.durations import format_minutes, parse_duration
from llmstudy.core.lookup import resolve_topic
from llmstudy.core.planner import default_topic, stage_logged, topic_minutes_in_track
from llmstudy.core.record import Record
from llmstudy.core.records import Bi, Change, TimerRec, TrackRec
from llmstudy.errors import LlmstudyError, NotFoundError, UsageError
from llmstudy.storage.store import Store

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from typing import Any

MAX_NOTE = 4000
MAX_DAY = 16 * 60
LONG_TIMER = 4 * 60  # a timer running longer than this was probably forgotten
DEFAULT_SESSIONS = 20  # `sessions` shows the latest 20 unless --limit, --all or --json says otherwise
DEFAULT_STREAK_MINUTES = 15  # minutes a day must reach to count for the streak

STATUSES = {"done": "done", "skip": "skipped", "start": "learning", "reset": "pending"}


def session_limit(limit: int | None, show_all: bool, as_json: bool) -> int | None:
    """How many sessions `sessions` lists (None: all)."""
    if show_all:
        return None
    return DEFAULT_SESSIONS if limit is None and not as_json else limit


class SessionFields(Record):
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
    minutes = None if duration is None else check_minutes(parse_duration(duration))
    day = None if date is None else parse_day(date, today)
    if note is not None:
        note = check_text(note.strip(), "--note")
        if len(note) > MAX_NOTE:
            raise UsageError(
                Bi(f"笔记超过 {MAX_NOTE} 个字符", f"the note is longer than {MAX_NOTE} characters"),
                hint=Bi("笔记写短一些；长文可以用 llmstudy note 或给出链接", "keep notes short; link to longer ones"),
            )
    return SessionFields(minutes, day, week, note)


def check_minutes(minutes: object) -> int:
    """A session's length: whole minutes, 1 to 16 hours (``True`` is not a number of minutes)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_DAY:
        raise UsageError(
            Bi(f"时长必须是 1-{MAX_DAY} 分钟的整数（收到 {minutes!r}）", f"minutes must be a whole number 1-{MAX_DAY} (got {minutes!r})"),
            hint=Bi("把很长的一天分成几条记录", "split a long day into several entries"),
        )
    return minutes


def check_text(text: str, what: str) -> str:
    """Text the learner typed: a lone surrogate (a non-UTF-8 argument) cannot be stored or shown."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            Bi(f"{what} 含有无效的字符（不是 UTF-8）", f"{what} holds characters that are not valid UTF-8"),
            hint=Bi("用 UTF-8 终端重新输入", "type it again in a UTF-8 terminal"),
        ) from None
    return text


def check_week(week: int | None, plan: TrackRec) -> None:
    if week is not None and not 1 <= week <= len(plan.stages):
        raise UsageError(
            Bi(f"第 {week} 周不在计划内", f"week {week} is outside the plan"),
            hint=Bi(f"{plan.title.zh}共有第 1-{len(plan.stages)} 周", f"the {plan.id} plan has weeks 1-{len(plan.stages)}"),
        )


def week_of(plan: TrackRec, topic_id: str) -> int | None:
    stage = plan.stage_of(topic_id)
    return None if stage is None else stage.number


def check_day(store: Store, today: dt.date, day: dt.date, minutes: int, force: bool, replacing: int = 0) -> None:
    """A day far back is probably a typo; a day over 16 hours certainly is."""
    settings = store.plan_settings()
    before_plan = settings.start_chosen and settings.start is not None and day.isoformat() < settings.start
    if not force and (day < today - dt.timedelta(days=365) or before_plan):
        raise UsageError(
            Bi(f"{day} 早于计划开始或已超过一年", f"{day} is before your plan started or more than a year ago"),
            hint=Bi("确实如此就加上 --force", "add --force if you mean it"),
        )
    total = store.minutes_on(day.isoformat()) - replacing + minutes
    if total > MAX_DAY:
        raise UsageError(
            Bi(f"{day} 这一天将超过 16 小时（{total // 60} 小时 {total % 60} 分）", f"{day} would hold more than 16 hours ({total} minutes)"),
            hint=Bi("检查日期，或用 llmstudy sessions 看这一天的记录", "check the date, or see that day with llmstudy sessions"),
        )


def log_time(
    store: Store,
    today: dt.date,
    duration: str,
    topic: str | None = None,
    date: str | None = None,
    week: int | None = None,
    note: str | None = None,
    force: bool = False,
) -> Logged:
    fields = check_fields(today, duration, date or "today", week, note)
    assert fields.minutes is not None and fields.day is not None
    return log_minutes(store, today, fields.minutes, fields.day, topic, week, fields.note or None, force)


def log_minutes(
    store: Store,
    today: dt.date,
    minutes: int,
    day: dt.date,
    topic: str | None,
    week: int | None,
    note: str | None,
    force: bool,
) -> Logged:
    topics = store.topics()
    plan = store.track(None)
    settings = store.plan_settings()
    active = store.track(settings.track)
    check_week(week, plan)
    check_day(store, today, day, minutes, force)
    chosen_by_next = topic is None
    if topic is None:
        tid = default_topic(active, topics, store.progress())
        if tid is None:
            raise NotFoundError(
                Bi("计划中的主题都已完成，没有默认主题", "every topic of the plan is done, so there is no default topic"),
                hint=Bi("请写明主题：llmstudy log 1h attention", "name the topic: llmstudy log 1h attention"),
            )
        t = topics[tid]
    else:
        t = resolve_topic(topic, topics)
    wk = week if week is not None else week_of(plan, t.id)
    if settings.start is None:  # the plan starts with the first session, and stays there
        first = store.first_day()
        store.set_plan(min(day, first).isoformat() if first else day.isoformat(), None, None, start_chosen=False)
    session = store.add_session(t.id, minutes, day, wk, note)
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
    force: bool = False,
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
        raise UsageError(
            Bi("没有要修改的内容", "nothing to change"),
            hint=Bi("给出 --duration、--topic、--date、--week 或 --note", "give --duration, --topic, --date, --week or --note"),
        )
    session = store.find_session(session_id)
    if fields.minutes is not None or fields.day is not None:
        if fields.day is None and not real_day(session.day):
            raise UsageError(
                Bi(f"这条记录的日期 {session.day!r} 不是日期", f"this session's day {session.day!r} is not a date"),
                hint=Bi("同时用 --date 给出日期，或用 llmstudy doctor --repair 把它移到一边", "give --date as well, or llmstudy doctor --repair moves it aside"),
            )
        day = fields.day or dt.date.fromisoformat(session.day)
        replacing = session.minutes if day.isoformat() == session.day else 0
        check_day(store, today, day, fields.minutes or session.minutes, force or fields.day is None, replacing)
    return SessionChanged("edited", store.update_session(session.id, changes))


def delete_session(store: Store, session_id: str) -> SessionChanged:
    return SessionChanged("deleted", store.delete_session(store.find_session(session_id).id))


UNDO_ASK_AFTER = dt.timedelta(minutes=10)  # an older change is confirmed on a terminal first


def last_change(store: Store) -> Change | None:
    """What `undo` would revert: this database's own newest change."""
    return store.last_change()


def undo_is_old(change: Change, now: dt.datetime) -> bool:
    try:
        return now - dt.datetime.fromisoformat(change.at) > UNDO_ASK_AFTER
    except ValueError:
        return True


def undo(store: Store, now: dt.datetime, expected: Change | None = None) -> Undone:
    """Revert the newest change; with ``expected`` (the one the learner agreed to), only that one."""
    change = store.undo(expected)
    if change is None and expected is not None:
        raise LlmstudyError(
            Bi("撤销前数据库又有了新的改动，什么都没有撤销", "another change was made meanwhile; nothing was undone"),
            hint=Bi("再运行一次 llmstudy undo", "run llmstudy undo again"),
        )
    return Undone(change, now)


def require_change(result: Undone) -> Undone:
    """For the text view: nothing to undo is an error there (with --json it is ``null``)."""
    if result.change is None:
        raise LlmstudyError(
            Bi("没有可以撤销的操作", "nothing to undo"),
            hint=Bi(
                "undo 可以撤销 log、edit、delete、笔记、删除卡片、done、skip、start、reset 和 import",
                "undo reverts log, edit, delete, notes, card delete, done, skip, start, reset and import",
            ),
        )
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
        raise UsageError(Bi(f"--from {first} 晚于 --to {last}", f"--from {first} is after --to {last}"), hint=Bi("交换这两个日期", "swap the two days"))
    if limit is not None and limit < 1:
        raise UsageError(Bi("--limit 至少为 1", "--limit must be at least 1"), hint=Bi("用 --all 列出全部记录", "use --all to list every session"))
    if limit is not None and limit > 1_000_000_000:
        limit = None  # more than there can be: all of them (SQLite takes no 10**30)
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


def stats(store: Store, today: dt.date, now: dt.datetime, threshold: int | None = None) -> StatsResult:
    """Hours against plan, streak and heatmap; ``threshold``: the minutes a day must reach to
    count for the streak (default ``DEFAULT_STREAK_MINUTES``)."""
    from llmstudy.core import stats as stats_mod

    threshold = DEFAULT_STREAK_MINUTES if threshold is None else threshold
    progress = store.progress(now)
    start = stats_mod.recent_start(today).isoformat()
    # One read of the days, newest first: the recent ones for the charts, then on for the streak.
    days = store.days_desc()
    recent: list[tuple[str, int]] = []
    for day, minutes in days:
        recent.append((day, minutes))
        if day < start:
            break
    result = stats_mod.compute(
        today=today,
        weekly=store.track(None),
        progress=progress,
        by_day_recent={day: minutes for day, minutes in recent if day >= start},
        days_desc=itertools.chain(recent, days),
        threshold=threshold,
        mastery=stats_mod.mastery_by_topic(store.answer_counts()),
    )
    from llmstudy.labs.index import lab_count

    labs = store.lab_states().values()
    passed = sum(1 for lab in labs if lab.passed_at)
    return StatsResult(result, store.topics(), passed, len(labs), lab_count())


# -- the timer ----------------------------------------------------------------------


def _elapsed(timer: TimerRec, now: dt.datetime) -> int:
    return max(0, round((now - dt.datetime.fromisoformat(timer.started)).total_seconds() / 60))


def timer_start(store: Store, now: dt.datetime, topic: str | None, ago: str | None) -> TimerResult:
    running = store.timer()
    if running is not None:
        ran = _elapsed(running, now)
        raise UsageError(
            Bi(f"计时器已在运行（{format_minutes(ran, 'zh')}）", f"a timer is already running ({format_minutes(ran, 'en')})"),
            hint=Bi("llmstudy timer stop 记录它，或 llmstudy timer cancel 丢弃它", "llmstudy timer stop logs it; llmstudy timer cancel drops it"),
        )
    topic_id = None if topic is None else resolve_topic(topic, store.topics()).id
    started = now - dt.timedelta(minutes=0 if ago is None else parse_duration(ago))
    timer = TimerRec(topic_id, started.isoformat(timespec="seconds"))
    store.set_timer(timer)
    return TimerResult("started", timer, _elapsed(timer, now), None, now)


def timer_status(store: Store, now: dt.datetime) -> TimerResult:
    timer = store.timer()
    return TimerResult("none" if timer is None else "running", timer, 0 if timer is None else _elapsed(timer, now), None, now)


def timer_cancel(store: Store, now: dt.datetime) -> TimerResult:
    timer = _running(store)
    store.set_timer(None)
    return TimerResult("cancelled", timer, _elapsed(timer, now), None, now)


def _running(store: Store) -> TimerRec:
    timer = store.timer()
    if timer is None:
        raise NotFoundError(Bi("没有正在运行的计时器", "no timer is running"), hint=Bi("llmstudy timer start", "llmstudy timer start"))
    return timer


def forgotten_timer(store: Store, now: dt.datetime) -> int | None:
    """The minutes of a running timer that has run so long it was probably forgotten, else None."""
    timer = store.timer()
    minutes = None if timer is None else _elapsed(timer, now)
    return minutes if minutes is not None and minutes > LONG_TIMER else None


def timer_stop(store: Store, today: dt.date, now: dt.datetime, note: str | None, confirmed: bool) -> TimerResult:
    """Log the elapsed time as a session. A timer left running for hours needs ``confirmed``."""
    timer = _running(store)
    minutes = _elapsed(timer, now)
    if minutes < 1:
        raise UsageError(Bi("计时还不到一分钟", "the timer has run for less than a minute"), hint=Bi("llmstudy timer cancel", "llmstudy timer cancel"))
    if minutes > LONG_TIMER and not confirmed:
        raise UsageError(
            Bi(f"计时器已经运行了 {minutes // 60} 小时 {minutes % 60} 分，可能忘了停", f"the timer has run for {minutes // 60}h{minutes % 60:02d}m: forgotten?"),
            hint=Bi("确实学了这么久就加上 --yes；否则 llmstudy timer cancel 后用 llmstudy log 记录", "add --yes if you did; else llmstudy timer cancel and llmstudy log what you did"),
        )
    fields = check_fields(today, note=note)
    started_day = dt.datetime.fromisoformat(timer.started).astimezone().date()
    logged = log_minutes(store, today, min(minutes, MAX_DAY), min(started_day, today), timer.topic, None, fields.note or None, False)
    store.set_timer(None)
    return TimerResult("stopped", timer, minutes, logged, now)
