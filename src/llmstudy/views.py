"""Results of the reading commands as plain dicts: the same object feeds --json and the view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llmstudy.domain import EventRec, Progress, ResourceRec, TopicRec, TrackRec
from llmstudy.lookup import resolve_topic
from llmstudy.planner import stage_logged, topic_minutes_in_track
from llmstudy.store import Store


def resolve(store: Store, name: str) -> TopicRec:
    return resolve_topic(name, store.topics())


def _hours(minutes: int | None) -> float | None:
    return None if minutes is None else round(minutes / 60, 2)


def roadmap_json(tracks: Sequence[TrackRec], progress: Progress, lang: str) -> dict[str, Any]:
    def stage(track: TrackRec, s: Any) -> dict[str, Any]:
        return {
            "number": s.number,
            "title": s.title.get(lang),
            "summary": s.summary.get(lang),
            "planned_hours": _hours(s.planned_minutes),
            "logged_hours": _hours(stage_logged(track, s, progress)),
            "topics": [st.topic for st in s.topics],
        }

    out: dict[str, Any] = {"weeks": [], "tracks": []}
    for track in tracks:
        stages = [stage(track, s) for s in track.stages]
        if track.is_default:
            out["weeks"] = [
                {
                    "week": s["number"],
                    "title": s["title"],
                    "planned_hours": s["planned_hours"],
                    "logged_hours": s["logged_hours"],
                    "topics": s["topics"],
                }
                for s in stages
            ]
        out["tracks"].append(
            {"id": track.id, "title": track.title.get(lang), "default": track.is_default, "stages": stages}
        )
    return out


def topic_rows(
    topics: dict[str, TopicRec], weekly: TrackRec, tracks: Sequence[TrackRec], progress: Progress, lang: str
) -> list[dict[str, Any]]:
    rows = []
    for t in topics.values():
        stage = weekly.stage_of(t.id)
        planned = topic_minutes_in_track(weekly, t.id)
        if planned is None:  # not in the weekly plan: the first track that gives it hours
            planned = next((m for tr in tracks if (m := topic_minutes_in_track(tr, t.id)) is not None), None)
        rows.append(
            {
                "id": t.id,
                "title": t.title.get(lang),
                "week": None if stage is None else stage.number,
                "prerequisites": list(t.prerequisites),
                "planned_hours": _hours(planned),
                "status": progress.status(t.id),
                "logged_minutes": progress.minutes_by_topic.get(t.id, 0),
            }
        )
    return rows


def resource_json(r: ResourceRec, lang: str) -> dict[str, Any]:
    return {"id": r.id, "kind": r.kind, "title": r.title.get(lang), "url": r.link, "language": r.language}


def resource_full_json(r: ResourceRec, lang: str) -> dict[str, Any]:
    return resource_json(r, lang) | {
        "summary": None if r.summary is None else r.summary.get(lang),
        "year": r.year,
        "arxiv": r.arxiv,
        "topics": list(r.topics),
    }


def topic_detail(store: Store, name: str, lang: str) -> dict[str, Any]:
    t = resolve(store, name)
    topics = store.topics()
    weekly = store.track(None)
    progress = store.progress()
    rows = {r["id"]: r for r in topic_rows(topics, weekly, store.tracks(), progress, lang)}
    row = rows[t.id]
    return {
        "id": t.id,
        "title": t.title.get(lang),
        "aliases": list(t.aliases),
        "summary": t.summary.get(lang),
        "key_points": [k.get(lang) for k in t.key_points],
        "analogy": None if t.analogy is None else t.analogy.get(lang),
        "prerequisites": [
            {"id": p, "title": topics[p].title.get(lang), "status": progress.status(p)} for p in t.prerequisites
        ],
        "leads_to": [o.id for o in topics.values() if t.id in o.prerequisites],
        "week": row["week"],
        "status": row["status"],
        "logged_minutes": row["logged_minutes"],
        "planned_minutes": None if row["planned_hours"] is None else round(row["planned_hours"] * 60),
        "resources": [resource_json(r, lang) for r in store.resources(t.id)],
        "sources": [{"title": s.title, "url": s.link} for s in t.sources],
    }


def filter_events(
    events: Sequence[EventRec],
    start: int | None,
    end: int | None,
    era: str | None,
    search: str | None,
    topic: str | None,
) -> list[EventRec]:
    needle = None if search is None else search.strip().lower()
    out = []
    for e in events:
        if start is not None and e.year < start:
            continue
        if end is not None and e.year > end:
            continue
        if era is not None and e.era != era:
            continue
        if topic is not None and topic not in e.topics:
            continue
        if needle:
            hay = " ".join([e.id, e.title.zh, e.title.en, e.summary.zh, e.summary.en, *e.topics]).lower()
            if needle not in hay:
                continue
        out.append(e)
    return out


def event_json(e: EventRec, lang: str) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": e.date,
        "title": e.title.get(lang),
        "summary": e.summary.get(lang),
        "era": e.era,
        "topics": list(e.topics),
        "source": {"title": e.source.title, "url": e.source.link, "arxiv": e.source.arxiv},
        "erratum": None if e.erratum is None else e.erratum.get(lang),
    }
