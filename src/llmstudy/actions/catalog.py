"""Reading the curriculum: roadmap, topics, one topic, timeline, resources, the concept tree."""

from __future__ import annotations

from collections.abc import Sequence

from llmstudy.actions.results import (
    ResourceList,
    RoadmapResult,
    TimelineResult,
    TopicDetail,
    TopicList,
    TopicRow,
    TreeResult,
)
from llmstudy.core.dates import parse_year
from llmstudy.core.lookup import resolve_topic
from llmstudy.core.planner import topic_minutes_in_track
from llmstudy.core.records import Bi, EventRec, Progress, TopicRec, TrackRec
from llmstudy.errors import UsageError
from llmstudy.storage.store import Store

RESOURCE_KINDS = ("course", "book", "paper", "person", "site", "tool", "video", "article")


def roadmap(store: Store, track: str | None) -> RoadmapResult:
    from llmstudy.labs.index import lab_topics

    tracks = store.tracks() if track is None else [store.track(track)]
    states = store.lab_states()
    labs: dict[str, list[tuple[str, bool]]] = {}
    for lab, topic in lab_topics().items():
        state = states.get(lab)
        labs.setdefault(topic, []).append((lab, state is not None and state.passed_at is not None))
    return RoadmapResult(tuple(tracks), store.topics(), store.progress(), {t: tuple(v) for t, v in labs.items()})


def _row(t: TopicRec, weekly: TrackRec, tracks: Sequence[TrackRec], progress: Progress) -> TopicRow:
    stage = weekly.stage_of(t.id)
    planned = topic_minutes_in_track(weekly, t.id)
    if planned is None:  # not in the weekly plan: the first track that gives it hours
        planned = next((m for tr in tracks if (m := topic_minutes_in_track(tr, t.id)) is not None), None)
    return TopicRow(
        topic=t,
        week=None if stage is None else stage.number,
        planned_minutes=planned,
        status=progress.status(t.id),
        logged_minutes=progress.minutes_by_topic.get(t.id, 0),
    )


def topic_list(store: Store) -> TopicList:
    weekly, tracks, progress = store.track(None), store.tracks(), store.progress()
    return TopicList(tuple(_row(t, weekly, tracks, progress) for t in store.topics().values()))


def topic_detail(store: Store, name: str) -> TopicDetail:
    topics = store.topics()
    t = resolve_topic(name, topics)
    progress = store.progress()
    return TopicDetail(
        row=_row(t, store.track(None), store.tracks(), progress),
        prerequisites=tuple((topics[p], progress.status(p)) for p in t.prerequisites if p in topics),
        leads_to=tuple(o.id for o in topics.values() if t.id in o.prerequisites),
        resources=tuple(store.resources(t.id)),
        notes=tuple(store.notes(t.id)),
        explanations=tuple(store.explanations(t.id)),
        labs=tuple(lab for lab in store.lab_states().values() if lab.topic == t.id),
        sessions=tuple(store.sessions(topic=t.id)[0]),
    )


def _matches(e: EventRec, start: int | None, end: int | None, era: str | None, needle: str, topic: str | None) -> bool:
    if (start is not None and e.year < start) or (end is not None and e.year > end):
        return False
    if (era is not None and e.era != era) or (topic is not None and topic not in e.topics):
        return False
    if needle:
        hay = " ".join([e.id, e.title.zh, e.title.en, e.summary.zh, e.summary.en, *e.topics]).lower()
        return needle in hay
    return True


def timeline(
    store: Store,
    from_year: str | None,
    to_year: str | None,
    era: str | None,
    search: str | None,
    topic: str | None,
) -> TimelineResult:
    start = None if from_year is None else parse_year(from_year)
    end = None if to_year is None else parse_year(to_year)
    if start is not None and end is not None and start > end:
        raise UsageError(Bi(f"--from {start} 晚于 --to {end}", f"--from {start} is after --to {end}"), hint=Bi("交换这两个年份", "swap the two years"))
    eras = store.eras()
    if era is not None and era not in {e.id for e in eras}:
        names = ", ".join(e.id for e in eras)
        raise UsageError(Bi(f"未知的时代 {era!r}", f"unknown era {era!r}"), hint=Bi("可选：" + names, "eras: " + names))
    topic_id = None if topic is None else resolve_topic(topic, store.topics()).id
    needle = (search or "").strip().lower()
    events = tuple(e for e in store.events() if _matches(e, start, end, era, needle, topic_id))
    return TimelineResult(tuple(eras), events)


def resources(store: Store, topic: str | None, kind: str | None) -> ResourceList:
    if kind is not None and kind not in RESOURCE_KINDS:
        kinds = ", ".join(RESOURCE_KINDS)
        raise UsageError(Bi(f"未知的资源类型 {kind!r}", f"unknown kind {kind!r}"), hint=Bi("可选：" + kinds, "kinds: " + kinds))
    topic_id = None if topic is None else resolve_topic(topic, store.topics()).id
    return ResourceList(tuple(store.resources(topic_id, kind)))


def tree(store: Store) -> TreeResult:
    return TreeResult(store.topics(), store.progress())
