"""Plain records that the warm path works with (no pydantic: it is too slow to import).

They are ``Record``s (``core/record.py``), like the result types: every command imports this
module, and its twenty NamedTuples took a third of a bare Python start to define. A record is
not a tuple: ``_asdict()`` gives its fields, in order.

The store builds these from SQLite rows; planner, stats and the renderers take
them in and give results back. Curated records mirror ``models`` but carry only
what the commands need.
"""

from __future__ import annotations

from llmstudy.core.record import Record

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from typing import Any, Literal

    Lang = Literal["zh", "en"]
else:
    Lang = str
LANGS: tuple[Lang, ...] = ("zh", "en")
STATUSES = ("pending", "learning", "done", "skipped")


class Bi(Record):
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def format(self, lang: str, **values: object) -> str:
        """The text in ``lang`` with ``{name}`` fields filled in. A count ``n`` also fills
        ``{s}``, the English plural ending: "{n} day{s}" reads "1 day", "3 days"."""
        n = values.get("n")
        return self.get(lang).format(**({"s": "" if n == 1 else "s"} | values))

    @classmethod
    def of(cls, d: dict[str, Any] | None) -> Bi | None:
        return None if d is None else cls(str(d["zh"]), str(d["en"]))

    @classmethod
    def req(cls, d: dict[str, Any]) -> Bi:
        return cls(str(d["zh"]), str(d["en"]))


class SourceRec(Record):
    title: str
    url: str | None
    arxiv: str | None

    @property
    def link(self) -> str | None:
        return self.url or (f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None)


class TopicRec(Record):
    id: str
    title: Bi
    summary: Bi
    aliases: tuple[str, ...]
    key_points: tuple[Bi, ...]
    prerequisites: tuple[str, ...]
    analogy: Bi | None
    sources: tuple[SourceRec, ...]
    terms: tuple[tuple[str, ...], ...] = ()  # per key point, its curated concept terms (teach-back)
    no_blank: tuple[tuple[str, ...], ...] = ()  # per key point, the terms a blank may not take


class StageTopicRec(Record):
    topic: str
    minutes: int | None


class StageRec(Record):
    number: int
    title: Bi
    summary: Bi
    planned_minutes: int | None
    topics: tuple[StageTopicRec, ...]


class TrackRec(Record):
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


class ResourceRec(Record):
    id: str
    kind: str
    rank: int  # 1 core reading, 2 recommended, 3 reference
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


class EraRec(Record):
    id: str
    title: Bi
    summary: Bi
    start: int
    end: int | None


class EventRec(Record):
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


class Session(Record):
    id: str
    topic: str
    minutes: int
    day: str  # YYYY-MM-DD
    week: int | None
    note: str | None
    created_at: str
    updated_at: str


class LabState(Record):
    """A lab the learner started."""

    lab: str
    topic: str
    file: str
    hints_shown: int
    started_at: str
    passed_at: str | None
    attempts: int


class PlanSettings(Record):
    """The learner's plan: when it started, at what pace, on which track (None: not chosen)."""

    start: str | None  # YYYY-MM-DD
    minutes_per_week: int | None
    track: str | None
    start_chosen: bool  # set with `plan --start` (else: the first session's day)


class TimerRec(Record):
    topic: str | None  # None: the topic `next` picks when it stops
    started: str  # ISO time, UTC
class NoteRec(Record):
    """A note the learner wrote on a topic."""

    id: str
    topic: str
    text: str
    created_at: str
    updated_at: str


class Graded(Record):
    """One teach-back's feedback: key points (texts) covered and missed, wrong statements."""

    covered: tuple[Bi, ...]
    missing: tuple[Bi, ...]
    wrong: tuple[tuple[str, str], ...]  # (statement, one-line correction), as the model wrote them


class ExplanationRec(Record):
    """One teach-back attempt: the learner's text, kept as written, and its grading."""

    id: str
    topic: str
    text: str
    score: float
    source: str  # offline | llm
    model: str | None
    feedback: Graded
    created_at: str


class StatusRec(Record):
    topic: str
    status: str
    updated_at: str


class Change(Record):
    """One journaled change, as `undo` reverts it."""

    action: str  # log, edit, delete, status done, import, ...
    kind: str  # session | status | note | card | import
    key: str  # session id, topic id, note id or own card id ("" for an import)
    before: Session | StatusRec | NoteRec | OwnCard | None
    after: Session | StatusRec | NoteRec | OwnCard | None
    at: str = ""  # when the change was made (ISO, UTC)
    seq: int = 0  # its place in the journal
    added: int = 0  # an import: the rows it added
    updated: int = 0  # an import: the rows it replaced or deleted


class QuestionRec(Record):
    """A quiz question: curated, generated by a model, or derived from the curriculum."""

    id: str
    topic: str
    kind: str  # choice | true_false | short
    prompt: Bi
    options: tuple[Bi, ...]
    answer_index: int | None
    answer_bool: bool | None
    model_answer: Bi | None
    explanation: Bi
    source: SourceRec
    made_by: Bi | None = None  # a generated question: how, and by which model (shown before its source)


OWN_PREFIX = "own-"


class OwnCard(Record):
    """A question the learner wrote: a short answer, self-graded, scheduled like the others."""

    id: str  # own-<hex>
    topic: str
    question: str
    answer: str
    created_at: str
    updated_at: str


class Progress(Record):
    """What the learner has done, as the planner needs it."""

    # Never mutated after construction, so the shared empty defaults are safe.
    statuses: dict[str, str] = {}  # noqa: RUF012
    minutes_by_topic: dict[str, int] = {}  # noqa: RUF012
    minutes_by_week: dict[int, int] = {}  # noqa: RUF012
    due_reviews: int = 0
    due_by_topic: dict[str, int] = {}  # noqa: RUF012
    total_minutes: int = 0  # every session's valid minutes

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
        terms=tuple(tuple(str(t) for t in k.get("terms", ())) for k in d.get("key_points", [])),
        no_blank=tuple(tuple(str(t) for t in k.get("no_blank", ())) for k in d.get("key_points", [])),
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
        rank=int(d.get("rank", 2)),
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


def made_by_model(model: str, blank: bool) -> Bi:
    """How a generated question was made, shown after it is answered. ``blank``: a curated
    sentence with a term blanked, the wrong answers by the model."""
    if blank:
        return Bi(f"填空题：原句和答案来自整理好的内容，错误选项由 {model} 编写", f"Fill in the blank: the sentence and answer are curated, the wrong answers by {model}")
    return Bi(f"由 {model} 根据整理好的内容出题", f"Written by {model} from the curated topic")


def _older_made_by(source: SourceRec) -> tuple[SourceRec, Bi | None]:
    """A question generated before ``made_by`` existed said how it was made in English, in its
    source's title ("generated by M from the curated topic; grounded in: T"): that becomes its
    ``made_by`` in both languages, and T its source's title."""
    import re

    m = re.fullmatch(
        r"(?:generated by (?P<own>.+?) from the curated topic; grounded in|a curated sentence, wrong answers by (?P<blank>.+?); from): (?P<title>.+)",
        source.title,
        re.S,
    )
    if m is None:
        return source, None
    made = made_by_model(m["blank"], True) if m["blank"] else made_by_model(m["own"], False)
    return SourceRec(m["title"], source.url, source.arxiv), made


def question_from_doc(d: dict[str, Any]) -> QuestionRec:
    source, made_by = source_of(d["source"]), Bi.of(d.get("made_by"))
    if made_by is None and str(d["id"]).startswith("llm-"):
        source, made_by = _older_made_by(source)
    return QuestionRec(
        id=d["id"],
        topic=d["topic"],
        kind=d["kind"],
        prompt=Bi.req(d["prompt"]),
        options=tuple(Bi.req(o) for o in d.get("options", [])),
        answer_index=d.get("answer_index"),
        answer_bool=d.get("answer_bool"),
        model_answer=Bi.of(d.get("model_answer")),
        explanation=Bi.req(d["explanation"]),
        source=source,
        made_by=made_by,
    )


def question_doc(q: QuestionRec) -> dict[str, Any]:
    """The stored form of a question: the curated YAML's shape, without empty fields."""
    def bi(b: Bi) -> dict[str, str]:
        return {"zh": b.zh, "en": b.en}

    doc: dict[str, Any] = {"id": q.id, "topic": q.topic, "kind": q.kind, "prompt": bi(q.prompt)}
    if q.options:
        doc["options"] = [bi(o) for o in q.options]
    if q.answer_index is not None:
        doc["answer_index"] = q.answer_index
    if q.answer_bool is not None:
        doc["answer_bool"] = q.answer_bool
    if q.model_answer is not None:
        doc["model_answer"] = bi(q.model_answer)
    doc["explanation"] = bi(q.explanation)
    source = {"title": q.source.title, "url": q.source.url, "arxiv": q.source.arxiv}
    doc["source"] = {k: v for k, v in source.items() if v is not None}
    if q.made_by is not None:
        doc["made_by"] = bi(q.made_by)
    return doc
