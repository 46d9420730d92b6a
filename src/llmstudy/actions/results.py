"""What each command's action returns: frozen, typed records, in no language and no format.

The output layer turns each into a view or into ``--json``; the same object feeds both,
so the two cannot disagree. NamedTuples, not dataclasses: they are created at import on
the hot path (`next`, `log`), where a dozen dataclasses cost as much as Python's start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from llmstudy.core.planner import Recommendation
from llmstudy.core.records import (
    Bi,
    Change,
    EraRec,
    EventRec,
    LabState,
    Progress,
    QuestionRec,
    ResourceRec,
    Session,
    TopicRec,
    TrackRec,
)
from llmstudy.core.stats import Stats

if TYPE_CHECKING:  # the labs' modules stay off the hot path
    from llmstudy.labs.catalog import Lab
    from llmstudy.labs.runner import LabRun


class NextResult(NamedTuple):
    rec: Recommendation
    resources: tuple[ResourceRec, ...]
    mastery: float | None  # None: never quizzed
    labs: tuple[str, ...]  # labs that practise the topic


class WeekTotal(NamedTuple):
    week: int
    logged_minutes: int
    planned_minutes: int | None


class Logged(NamedTuple):
    session: Session
    topic: TopicRec
    chosen_by_next: bool
    topic_logged: int
    topic_planned: int | None
    week: WeekTotal | None


class PathsResult(NamedTuple):
    db: Path
    db_from: str
    config: Path
    data: Path
    labs: Path


class RoadmapResult(NamedTuple):
    tracks: tuple[TrackRec, ...]
    topics: dict[str, TopicRec]
    progress: Progress


class TopicRow(NamedTuple):
    topic: TopicRec
    week: int | None
    planned_minutes: int | None
    status: str
    logged_minutes: int


class TopicList(NamedTuple):
    rows: tuple[TopicRow, ...]


class TopicDetail(NamedTuple):
    row: TopicRow
    prerequisites: tuple[tuple[TopicRec, str], ...]  # (topic, status)
    leads_to: tuple[str, ...]
    resources: tuple[ResourceRec, ...]


class TimelineResult(NamedTuple):
    eras: tuple[EraRec, ...]
    events: tuple[EventRec, ...]


class ResourceList(NamedTuple):
    items: tuple[ResourceRec, ...]


class TreeResult(NamedTuple):
    topics: dict[str, TopicRec]
    progress: Progress


class SessionList(NamedTuple):
    sessions: tuple[Session, ...]
    total: int  # how many match the filters; more than len(sessions) when some are hidden
    filtered: bool


class SessionChanged(NamedTuple):
    verb: str  # edited | deleted
    session: Session


class Undone(NamedTuple):
    change: Change | None  # None: there was nothing to undo


class StatusChanged(NamedTuple):
    topic: TopicRec
    previous: str
    status: str


class StatsResult(NamedTuple):
    stats: Stats
    topics: dict[str, TopicRec]


class Exported(NamedTuple):
    document: dict[str, Any]
    path: Path | None  # None: to stdout


class Imported(NamedTuple):
    added: dict[str, int]


class QuizItem(NamedTuple):
    question: QuestionRec
    given: str
    correct: bool
    rating: str
    next_due: dt.datetime

    @property
    def topic(self) -> str:
        return self.question.topic


class QuizResult(NamedTuple):
    topic: str | None  # None: a review across topics
    source: str  # bank | llm | mixed (model questions, the rest from the bank) | review
    items: tuple[QuizItem, ...]
    fallback_reason: str | None
    to_review: tuple[tuple[str, ResourceRec], ...]  # a resource for each topic with a miss
    next_due: dt.datetime | None  # a review with nothing due: when the next card is
    origins: tuple[tuple[str, str], ...] = ()  # (question id, llm | bank) for a model quiz


class Explanation(NamedTuple):
    """The curated explanation of a topic (offline), the parts that suit ``level``.

    child: the analogy and the summary; beginner: summary, key points, analogy;
    expert: summary, key points (where the formulas are) and the sources.
    """

    topic: TopicRec
    level: str = "beginner"


class Streamed(NamedTuple):
    """A model's reply that was already shown as it arrived."""

    chars: int


class LlmStatus(NamedTuple):
    configured: bool
    model: str | None
    base_url: str
    api_key: str  # "set" or "not set", never the key
    api_key_from: str
    timeout_seconds: float
    config_file: Path
    remembered_mode: str | None
    endpoint: str | None


class ModeProbe(NamedTuple):
    mode: str  # json_schema | json_object | plain
    works: bool
    detail: str  # why not, or the latency


class SampleQuestion(NamedTuple):
    seconds: float
    completion_tokens: int | None
    valid: bool
    kept: bool  # valid and its key agreed with the key-less check
    problem: str | None
    prompt: str | None


class LlmCheck(NamedTuple):
    """`llm check`: what the endpoint can do, and what that means for quizzes."""

    model: str
    base_url: str
    timeout_seconds: float
    reachable: bool
    error: str | None  # why the probe stopped early
    listed: tuple[str, ...]  # the models the endpoint lists (may be empty)
    model_listed: bool | None  # None: the endpoint lists no models
    modes: tuple[ModeProbe, ...]
    mode: str | None  # the best mode that works (remembered for quizzes)
    sample: SampleQuestion | None
    verdict: str  # good | slow | weak | unusable
    advice: tuple[Bi, ...]

    @property
    def tokens_per_second(self) -> float | None:
        s = self.sample
        if s is None or not s.completion_tokens or s.seconds <= 0:
            return None
        return s.completion_tokens / s.seconds


class LlmCalls(NamedTuple):
    calls: tuple[dict[str, Any], ...]
    full: bool


class LabList(NamedTuple):
    rows: tuple[tuple[Lab, LabState | None], ...]


class LabStarted(NamedTuple):
    lab: Lab
    path: Path
    existed: bool  # the learner's file was already there and was kept
    backup: Path | None  # --reset: where the old file went


class LabChecked(NamedTuple):
    lab: Lab
    path: Path
    run: LabRun
    first_pass: bool


class LabHint(NamedTuple):
    lab: Lab
    number: int  # 1-based
    total: int


class LabSolution(NamedTuple):
    lab: Lab
    source: str


Result = (
    NextResult
    | Logged
    | PathsResult
    | RoadmapResult
    | TopicList
    | TopicDetail
    | TimelineResult
    | ResourceList
    | TreeResult
    | SessionList
    | SessionChanged
    | Undone
    | StatusChanged
    | StatsResult
    | Exported
    | Imported
    | QuizResult
    | Explanation
    | Streamed
    | LlmStatus
    | LlmCalls
    | LlmCheck
    | LabList
    | LabStarted
    | LabChecked
    | LabHint
    | LabSolution
)
