"""`next`: what to study now, and why (on the hot path: light imports only)."""

from __future__ import annotations

import datetime as dt

from llmstudy.actions.results import NextResult
from llmstudy.core.planner import recommend, teach_back_reason
from llmstudy.core.records import ResourceRec
from llmstudy.labs.index import labs_for_topic
from llmstudy.storage.store import Store


def pick_resources(store: Store, topic_id: str, n: int = 3) -> tuple[ResourceRec, ...]:
    """Two or three resources, preferring variety of kind (a course, a paper, a tool...)."""
    all_r = store.resources(topic_id)
    chosen: list[ResourceRec] = []
    kinds: set[str] = set()
    for r in all_r:
        if r.kind not in kinds and r.kind != "person":
            chosen.append(r)
            kinds.add(r.kind)
        if len(chosen) == n:
            return tuple(chosen)
    for r in all_r:
        if r not in chosen:
            chosen.append(r)
        if len(chosen) == n:
            break
    return tuple(chosen)


def next_topic(store: Store, today: dt.date, now: dt.datetime, track_id: str | None) -> NextResult:
    """The recommendation, its resources, and the learner's mastery of the topic."""
    track = store.track(track_id)
    rec = recommend(track, store.topics(), store.progress(now), today, store.first_day())
    if rec.topic is None:
        return NextResult(rec, (), None, ())
    topic = rec.topic
    reason = teach_back_reason(topic.id, store.latest_teach_score(topic.id))
    if reason is not None:
        rec = rec._replace(reasons=(*rec.reasons, reason))
    counts = store.answer_counts(topic.id).get(topic.id)
    mastery = None if not counts else round(counts[0] / counts[1], 2)
    return NextResult(rec, pick_resources(store, topic.id), mastery, labs_for_topic(topic.id))
