"""Plain records that the warm path works with (no pydantic: it is too slow to import).

They are NamedTuples rather than dataclasses: creating a dozen dataclasses at
import costs about as much as a bare Python start, NamedTuples a fraction.

The store builds these from SQLite rows; planner, stats and the renderers take
them in and give results back. Curated records mirror ``models`` but carry only
what the commands need.
"""

from __future__ import annotations

from typing import Any, NamedTuple

LANGS = ("zh", "en")
STATUSES = ("pending", "learning", "done", "skipped")


class Bi(NamedTuple):
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def of(cls, d: dict[str, Any] | None) -> Bi | None:
        return None if d is None else cls(str(d["zh"]), str(d["en"]))

    @classmethod
    def req(cls, d: dict[str, Any]) -> Bi:
        return cls(str(d["zh"]), str(d["en"]))


class SourceRec(NamedTuple):
    title: str
    url: str | None
    arxiv: str | None

    @property
    def link(self) -> str | None:
        return self.url or (f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None)


class TopicRec(NamedTuple):
    id: str
    title: Bi
    summary: Bi
    aliases: tuple[str, ...]
    key_points: tuple[Bi, ...]
    prerequisites: tuple[str, ...]
    analogy: Bi | None
    sources: tuple[SourceRec, ...]


class StageTopicRec(NamedTuple):
    topic: str
    minutes: int | None


class StageRec(NamedTuple):
    number: int
    title: Bi
    summary: Bi
    planned_minutes: int | None
    topics: tuple[StageTopicRec, ...]


class TrackRec(NamedTuple):
    id: str
    title: Bi
    summary: Bi
    stages: tuple[StageRec, ...]
    is_default: bool

    def stage_of(self, topic_id: str) -> StageRec | None:
        for s in self.stages:
            if any(t.topic == topic_id for t in s.topics):
                return s
        return None

    def topic_ids(self) -> list[str]:
        return [t.topic for s in self.stages for t in s.topics]


class ResourceRec(NamedTuple):
    id: str
    kind: str
    title: Bi
    summary: Bi | None
    language: str
    url: str | None
    arxiv: str | None
    year: int | None
    topics: tuple[str, ...]

    @property
    def link(self) -> str | None:
        return self.url or (f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None)


class EraRec(NamedTuple):
    id: str
    title: Bi
    summary: Bi
    start: int
    end: int | None


class EventRec(NamedTuple):
    id: str
    date: str
    era: str
    title: Bi
    summary: Bi
    topics: tuple[str, ...]
    source: SourceRec
    erratum: Bi | None

    @property
    def year(self) -> int:
        return int(self.date[:4])


class Session(NamedTuple):
    id: str
    topic: str
    minutes: int
    day: str  # YYYY-MM-DD
    week: int | None
    note: str | None
    created_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "minutes": self.minutes,
            "date": self.day,
            "week": self.week,
            "note": self.note,
            "created_at": self.created_at,
        }


class Progress(NamedTuple):
    """What the learner has done, as the planner needs it."""

    # Never mutated after construction, so the shared empty defaults are safe.
    statuses: dict[str, str] = {}  # noqa: RUF012
    minutes_by_topic: dict[str, int] = {}  # noqa: RUF012
    minutes_by_week: dict[int, int] = {}  # noqa: RUF012
    due_reviews: int = 0
    due_by_topic: dict[str, int] = {}  # noqa: RUF012

    def status(self, topic_id: str) -> str:
        return self.statuses.get(topic_id, "pending")


def source_of(d: dict[str, Any]) -> SourceRec:
    return SourceRec(str(d["title"]), d.get("url"), d.get("arxiv"))


def topic_from_doc(d: dict[str, Any]) -> TopicRec:
    return TopicRec(
        id=d["id"],
        title=Bi.req(d["title"]),
        summary=Bi.req(d["summary"]),
        aliases=tuple(d.get("aliases", [])),
        key_points=tuple(Bi.req(k) for k in d.get("key_points", [])),
        prerequisites=tuple(d.get("prerequisites", [])),
        analogy=Bi.of(d.get("analogy")),
        sources=tuple(source_of(s) for s in d.get("sources", [])),
    )


def _minutes(hours: float | None) -> int | None:
    return None if hours is None else round(hours * 60)


def track_from_doc(d: dict[str, Any], is_default: bool) -> TrackRec:
    return TrackRec(
        id=d["id"],
        title=Bi.req(d["title"]),
        summary=Bi.req(d["summary"]),
        stages=tuple(
            StageRec(
                number=s["number"],
                title=Bi.req(s["title"]),
                summary=Bi.req(s["summary"]),
                planned_minutes=_minutes(s.get("planned_hours")),
                topics=tuple(StageTopicRec(t["topic"], _minutes(t.get("hours"))) for t in s["topics"]),
            )
            for s in d["stages"]
        ),
        is_default=is_default,
    )


def resource_from_doc(d: dict[str, Any]) -> ResourceRec:
    return ResourceRec(
        id=d["id"],
        kind=d["kind"],
        title=Bi.req(d["title"]),
        summary=Bi.of(d.get("summary")),
        language=d["language"],
        url=d.get("url"),
        arxiv=d.get("arxiv"),
        year=d.get("year"),
        topics=tuple(d.get("topics", [])),
    )


def era_from_doc(d: dict[str, Any]) -> EraRec:
    return EraRec(d["id"], Bi.req(d["title"]), Bi.req(d["summary"]), d["start"], d.get("end"))


def event_from_doc(d: dict[str, Any]) -> EventRec:
    return EventRec(
        id=d["id"],
        date=str(d["date"]),
        era=d["era"],
        title=Bi.req(d["title"]),
        summary=Bi.req(d["summary"]),
        topics=tuple(d.get("topics", [])),
        source=source_of(d["source"]),
        erratum=Bi.of(d.get("erratum")),
    )
