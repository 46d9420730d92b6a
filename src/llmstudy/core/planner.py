"""What to study next, and why. Pure: data in (track, topics, progress, today), result out."""

from __future__ import annotations

import datetime as dt

from llmstudy.core.durations import format_minutes as fm
from llmstudy.core.record import Record
from llmstudy.core.records import Bi, Progress, StageRec, TopicRec, TrackRec

FINISHED = ("done", "skipped")


class PlanPosition(Record):
    """Where the learner stands in the track, by content and by the calendar."""

    focus_stage: StageRec | None  # first stage with unfinished topics
    calendar_stage: int  # 1-based stage the calendar says they should be in
    started: dt.date | None
    planned_to_date: int  # minutes planned for stages up to the calendar stage
    logged_in_track: int  # minutes logged on the track's topics
    behind: int  # planned_to_date - logged_in_track, never negative


class Recommendation(Record):
    track: TrackRec
    topic: TopicRec | None  # None: every topic of the track is done or skipped
    stage: StageRec | None
    reasons: tuple[Bi, ...]
    topic_logged: int
    topic_planned: int | None
    stage_logged: int
    position: PlanPosition
    after: TopicRec | None
    background: tuple[TopicRec, ...]  # prerequisites outside the track not yet done
    reviews_due: int


def topic_minutes_in_track(track: TrackRec, topic_id: str) -> int | None:
    for s in track.stages:
        for t in s.topics:
            if t.topic == topic_id:
                return t.minutes
    return None


def stage_logged(track: TrackRec, stage: StageRec, progress: Progress) -> int:
    """Minutes logged for a stage.

    Sessions carry the week of the default (weekly) track, which `log --week`
    may set apart from the topic's own week; other tracks count by topic.
    """
    if track.is_default:
        return progress.minutes_by_week.get(stage.number, 0)
    return sum(progress.minutes_by_topic.get(t.topic, 0) for t in stage.topics)


class StageDates(Record):
    stage: StageRec
    start: dt.date
    end: dt.date  # the last day of the stage at this pace
    minutes: int


def schedule(track: TrackRec, start: dt.date, pace: int | None) -> list[StageDates]:
    """The stages laid on the calendar. ``pace`` is minutes a week; ``None`` is the plan's own weeks.

    At a pace, each stage keeps its share of the hours and stretches (or shrinks) to fit.
    """
    out: list[StageDates] = []
    done = 0.0  # minutes of the plan before this stage
    day = start
    for stage in track.stages:
        minutes = stage.planned_minutes or 0
        days = 7 if pace is None else max(1, round((done + minutes) / pace * 7) - round(done / pace * 7))
        out.append(StageDates(stage, day, day + dt.timedelta(days=days - 1), minutes))
        day += dt.timedelta(days=days)
        done += minutes
    return out


def position(
    track: TrackRec, progress: Progress, today: dt.date, started: dt.date | None, pace: int | None = None
) -> PlanPosition:
    focus = next(
        (s for s in track.stages if any(progress.status(t.topic) not in FINISHED for t in s.topics)),
        None,
    )
    logged = sum(progress.minutes_by_topic.get(t, 0) for t in track.topic_ids())
    if started is not None and pace is not None:
        # At the learner's pace: what the days gone so far (today included) allow.
        days = max(0, (today - started).days) + 1
        total = sum(s.planned_minutes or 0 for s in track.stages)
        planned = min(total, round(pace * days / 7))
        cal = next(
            (i + 1 for i, sd in enumerate(schedule(track, started, pace)) if sd.end >= today),
            len(track.stages),
        )
        return PlanPosition(focus, cal, started, planned, logged, max(0, planned - logged))
    if started is None:
        cal, fraction = 1, 1.0
    else:
        days = max(0, (today - started).days)
        cal = min(len(track.stages), days // 7 + 1)
        # Within the current week only the days gone so far count: on day 2 of a
        # 4-hour week the plan expects about 1h09m, not all four hours.
        fraction = 1.0 if days // 7 + 1 > len(track.stages) else (days % 7 + 1) / 7
    planned = sum(s.planned_minutes or 0 for s in track.stages[: cal - 1])
    planned += round((track.stages[cal - 1].planned_minutes or 0) * fraction)
    return PlanPosition(focus, cal, started, planned, logged, max(0, planned - logged))


def in_progress(progress: Progress, topic_id: str) -> bool:
    """Started (status learning) or time logged, and neither done nor skipped."""
    status = progress.status(topic_id)
    return status == "learning" or (status == "pending" and progress.minutes_by_topic.get(topic_id, 0) > 0)


def _eligible(track: TrackRec, topics: dict[str, TopicRec], progress: Progress, assume_done: str | None) -> list[str]:
    in_track = set(track.topic_ids())

    def finished(tid: str) -> bool:
        return tid == assume_done or progress.status(tid) in FINISHED

    out = []
    for tid in track.topic_ids():
        if finished(tid) or tid not in topics:
            continue
        # A topic the learner is in the middle of stays open even if they jumped ahead.
        if in_progress(progress, tid) or all(finished(p) for p in topics[tid].prerequisites if p in in_track):
            out.append(tid)
    return out


def _pick(
    track: TrackRec, topics: dict[str, TopicRec], progress: Progress, assume_done: str | None = None
) -> str | None:
    """The topic in progress (the earliest in the plan), else the first open one in plan order."""
    eligible = _eligible(track, topics, progress, assume_done)
    if not eligible:
        return None
    started = [tid for tid in eligible if in_progress(progress, tid)]
    return (started or eligible)[0]


def recommend(
    track: TrackRec,
    topics: dict[str, TopicRec],
    progress: Progress,
    today: dt.date,
    started: dt.date | None = None,
    pace: int | None = None,
) -> Recommendation:
    pos = position(track, progress, today, started, pace)
    chosen = _pick(track, topics, progress)
    if chosen is None:
        finished = [Bi("这条路线的所有主题都已完成或跳过。", "every topic of this track is done or skipped.")]
        if progress.due_reviews:
            finished.append(_reviews_reason(progress.due_reviews))
        return Recommendation(track, None, None, tuple(finished), 0, None, 0, pos, None, (), progress.due_reviews)

    topic = topics[chosen]
    stage = track.stage_of(chosen)
    assert stage is not None
    planned = topic_minutes_in_track(track, chosen)
    logged = progress.minutes_by_topic.get(chosen, 0)
    s_logged = stage_logged(track, stage, progress)
    in_track = set(track.topic_ids())
    reasons: list[Bi] = []

    if progress.due_reviews:
        reasons.append(_reviews_reason(progress.due_reviews))
    st_zh, st_en = stage.title.zh, stage.title.en
    if in_progress(progress, chosen):
        reasons.append(
            Bi(
                f"你正在学它（已记录 {fm(logged, 'zh')}），还没有标记完成",
                f"you are in the middle of it ({fm(logged)} logged) and have not marked it done",
            )
        )
    else:
        reasons.append(
            Bi(
                f"它是「{track.title.zh}」中下一个未完成的主题（第 {stage.number} 阶段：{st_zh}）",
                f"it is the next unfinished topic of {track.title.en} (stage {stage.number}: {st_en})",
            )
        )
    prereqs = [p for p in topic.prerequisites if p in in_track]
    open_prereqs = [p for p in prereqs if progress.status(p) not in FINISHED]
    if open_prereqs:
        names_zh = "、".join(topics[p].title.zh for p in open_prereqs if p in topics)
        names_en = ", ".join(topics[p].title.en for p in open_prereqs if p in topics)
        reasons.append(Bi(f"注意：前置主题还没完成：{names_zh}", f"note: its prerequisites are not done yet: {names_en}"))
    elif prereqs:
        names_zh = "、".join(topics[p].title.zh for p in prereqs if p in topics)
        names_en = ", ".join(topics[p].title.en for p in prereqs if p in topics)
        reasons.append(Bi(f"它的前置主题已完成：{names_zh}", f"its prerequisites are done: {names_en}"))
    else:
        reasons.append(Bi("它在这条路线上没有前置主题", "it has no prerequisites on this track"))
    if planned is not None:
        gap = planned - logged
        if gap > 0:
            reasons.append(
                Bi(
                    f"计划 {fm(planned, 'zh')}，已记录 {fm(logged, 'zh')}，还差 {fm(gap, 'zh')}",
                    f"{fm(logged)} of {fm(planned)} planned is logged: {fm(gap)} to go",
                )
            )
        else:
            reasons.append(
                Bi(
                    f"计划时间已用完（{fm(logged, 'zh')}/{fm(planned, 'zh')}），完成后请标记 done",
                    f"its planned time is used up ({fm(logged)}/{fm(planned)}); mark it done when ready",
                )
            )
    if pos.started is not None and pos.behind > 0:
        if pace is None:
            reasons.append(
                Bi(
                    f"按日历你在第 {pos.calendar_stage} 周，落后计划 {fm(pos.behind, 'zh')}",
                    f"by the calendar you are in week {pos.calendar_stage}, {fm(pos.behind)} behind plan",
                )
            )
        else:
            reasons.append(
                Bi(
                    f"按你的节奏（每周 {fm(pace, 'zh')}），落后 {fm(pos.behind, 'zh')}；"
                    "可以用 llmstudy plan --hours-per-week 调整节奏",
                    f"at your pace ({fm(pace)} a week) you are {fm(pos.behind)} behind; "
                    "change the pace with llmstudy plan --hours-per-week",
                )
            )
    background = tuple(
        topics[p]
        for p in topic.prerequisites
        if p not in in_track and p in topics and progress.status(p) not in FINISHED
    )
    after_id = _pick(track, topics, progress, assume_done=chosen)
    return Recommendation(
        track=track,
        topic=topic,
        stage=stage,
        reasons=tuple(reasons),
        topic_logged=logged,
        topic_planned=planned,
        stage_logged=s_logged,
        position=pos,
        after=None if after_id is None else topics[after_id],
        background=background,
        reviews_due=progress.due_reviews,
    )


def _reviews_reason(n: int) -> Bi:
    return Bi(
        f"有 {n} 道测验题到期复习，先用 `llmstudy review` 复习几分钟",
        f"{n} quiz review{'s are' if n != 1 else ' is'} due: spend a few minutes on `llmstudy review` first",
    )


def default_topic(track: TrackRec, topics: dict[str, TopicRec], progress: Progress) -> str | None:
    """The topic `log` uses when none is given: the one `next` would pick."""
    return _pick(track, topics, progress)


TEACH_AGAIN_BELOW = 0.5  # core.teachback.LOW_SCORE; repeated to keep the planner's imports small


def teach_back_reason(topic_id: str, latest_score: float | None) -> Bi | None:
    """A reason to revisit a topic whose latest teach-back scored low (None: no reason)."""
    if latest_score is None or latest_score >= TEACH_AGAIN_BELOW:
        return None
    pct = round(latest_score * 100)
    return Bi(
        f"你上次用自己的话解释它只覆盖了 {pct}%：读完再试一次 `llmstudy teach {topic_id}`",
        f"your latest explanation of it covered {pct}%: study it, then try `llmstudy teach {topic_id}` again",
    )
