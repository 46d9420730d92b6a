"""Pydantic models of the curated data (roadmap, resources, timeline, questions).

The YAML files under ``data/`` are validated into these models by ``catalog``.
Each model checks what it can see on its own; cross-file checks (references,
cycles, hours adding up) live in ``catalog.cross_check``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


ZH_KEY = "llmstudy_zh"


def invalid(zh: str, en: str) -> PydanticCustomError:
    """A validator's complaint in both languages (``catalog`` shows the learner's)."""
    # pydantic puts context values into ``{name}`` of the message: a key no text contains
    return PydanticCustomError("llmstudy", en, {ZH_KEY: zh})


class Strict(BaseModel):
    """Base: unknown keys are an error, so a typo in the YAML is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both languages of the product."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class KeyPoint(Text):
    """A key point of a topic, with the concept terms teach-back looks for in an explanation.

    Each term is one concept as ``|``-separated alternatives (its English and Chinese names
    and variants); every term must occur in the point's own text in both languages.
    ``no_blank`` names (by any spelling) the terms that make no fair fill-in-the-blank question:
    a label ("Hands-on"), one of an open list of examples, or a term the sentence gives away.
    Teach-back still looks for them.
    """

    terms: list[str] = Field(min_length=2, max_length=6)
    no_blank: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _terms_on_the_point(self) -> KeyPoint:
        from llmstudy.core.records import Bi
        from llmstudy.core.teachback import Said, blankable, term_problem

        point = Bi(self.zh, self.en)
        said = (Said.of(self.zh), Said.of(self.en))
        for term in self.terms:
            problem = term_problem(term, point, said)
            if problem:
                raise invalid(problem.zh, problem.en)
        for name in self.no_blank:
            if blankable(self.terms, (name,)) == self.terms:
                raise invalid(f"no_blank 里的 {name!r} 不是这条要点的概念词", f"no_blank names {name!r}, which is not one of the point's terms")
        return self


class Source(Strict):
    """Where a fact was checked: a paper (with arXiv id where there is one) or an announcement."""

    title: str = Field(min_length=1)
    url: str | None = None
    arxiv: str | None = Field(default=None, pattern=r"^\d{4}\.\d{4,5}$")

    @model_validator(mode="after")
    def _needs_locator(self) -> Source:
        if self.url is None and self.arxiv is None:
            raise invalid("来源要有 url 或 arxiv 编号", "a source needs a url or an arxiv id")
        if self.url is not None and not self.url.startswith(("https://", "http://")):
            raise invalid("url 必须以 https:// 或 http:// 开头", "url must start with https:// or http://")
        return self


class StageTopic(Strict):
    """A topic inside a stage of a track, with the hours the plan gives it there."""

    topic: str = Field(pattern=ID_PATTERN)
    hours: float | None = Field(default=None, gt=0, le=100)  # None: the notes give no figure


class Stage(Strict):
    """One step of a track: a week of the six-week plan, a step of the speed run, a part of the path."""

    number: int = Field(ge=1)
    title: Text
    summary: Text
    planned_hours: float | None = Field(default=None, gt=0)
    topics: list[StageTopic] = Field(min_length=1)


class Track(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    summary: Text
    stages: list[Stage] = Field(min_length=1)


class Topic(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    aliases: list[str] = Field(default_factory=list)
    summary: Text
    key_points: list[KeyPoint] = Field(min_length=1)
    prerequisites: list[str] = Field(default_factory=list)
    analogy: Text | None = None
    sources: list[Source] = Field(min_length=1)


ResourceKind = Literal["course", "book", "paper", "person", "site", "tool", "video", "article"]


class Resource(Strict):
    id: str = Field(pattern=ID_PATTERN)
    kind: ResourceKind
    # 1: core reading (the original paper, the standard course or book); 2: recommended;
    # 3: reference (a generic site or library home page). `next` shows the best first.
    rank: Literal[1, 2, 3]
    title: Text
    summary: Text | None = None
    language: Literal["en", "zh", "multi"]
    url: str | None = None
    arxiv: str | None = Field(default=None, pattern=r"^\d{4}\.\d{4,5}$")
    year: int | None = Field(default=None, ge=1900, le=2100)
    topics: list[str] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _url_scheme(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("https://", "http://")):
            raise invalid("url 必须以 https:// 或 http:// 开头", "url must start with https:// or http://")
        return v


class Roadmap(Strict):
    version: int = 1
    default_track: str = Field(pattern=ID_PATTERN)
    tracks: list[Track] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)


class ResourceFile(Strict):
    version: int = 1
    resources: list[Resource] = Field(min_length=1)


def check_date(value: str) -> str:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with a real month and day."""
    import datetime as dt

    m = _DATE.match(value)
    if not m:
        raise invalid("日期要写成 YYYY、YYYY-MM 或 YYYY-MM-DD", "date must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise invalid(f"不存在这个日期：{value}", f"not a real date: {value}") from exc
    return value


class Era(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    summary: Text
    start: int = Field(ge=1900, le=2100)
    end: int | None = Field(default=None, ge=1900, le=2100)


class Event(Strict):
    id: str = Field(pattern=ID_PATTERN)
    date: str
    era: str = Field(pattern=ID_PATTERN)
    title: Text
    summary: Text
    topics: list[str] = Field(default_factory=list)
    source: Source
    erratum: Text | None = None  # what the notes got wrong, and what the source says

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: object) -> str:
        return check_date(str(v))

    @property
    def year(self) -> int:
        return int(self.date[:4])


class TimelineFile(Strict):
    version: int = 1
    eras: list[Era] = Field(min_length=1)
    events: list[Event] = Field(min_length=1)


QuestionKind = Literal["choice", "true_false", "short"]


class Question(Strict):
    id: str = Field(pattern=ID_PATTERN)
    topic: str = Field(pattern=ID_PATTERN)
    kind: QuestionKind
    prompt: Text
    options: list[Text] = Field(default_factory=list)
    answer_index: int | None = None
    answer_bool: bool | None = None
    model_answer: Text | None = None
    explanation: Text
    source: Source
    made_by: Text | None = None  # a generated question's maker (saved with it, exported, imported)

    @model_validator(mode="after")
    def _answer_fits_kind(self) -> Question:
        if self.kind == "choice":
            if len(self.options) != 4:
                raise invalid("选择题必须正好有 4 个选项", "a choice question needs exactly 4 options")
            if len({o.en.strip().lower() for o in self.options}) != 4:
                raise invalid("4 个选项必须各不相同", "the 4 options must be distinct")
            if self.answer_index is None or not 0 <= self.answer_index < 4:
                raise invalid("选择题需要 0-3 之间的 answer_index", "a choice question needs answer_index 0-3")
        elif self.options or self.answer_index is not None:
            raise invalid(f"{self.kind} 题不能有 options 或 answer_index", f"a {self.kind} question takes no options or answer_index")
        if self.kind == "true_false" and self.answer_bool is None:
            raise invalid("true_false 题需要 answer_bool", "a true_false question needs answer_bool")
        if self.kind != "true_false" and self.answer_bool is not None:
            raise invalid(f"{self.kind} 题不能有 answer_bool", f"a {self.kind} question takes no answer_bool")
        if self.kind == "short" and self.model_answer is None:
            raise invalid("short 题需要 model_answer", "a short question needs model_answer")
        if self.kind != "short" and self.model_answer is not None:
            raise invalid(f"{self.kind} 题不能有 model_answer", f"a {self.kind} question takes no model_answer")
        return self


class QuestionFile(Strict):
    version: int = 1
    questions: list[Question] = Field(min_length=1)
