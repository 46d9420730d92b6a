"""What each command's action returns: frozen, typed records, in no language and no format.

The output layer turns each into a view or into ``--json``; the same object feeds both,
so the two cannot disagree. NamedTuples, not dataclasses: they are created at import on
the hot path (`next`, `log`), where a dozen dataclasses cost as much as Python's start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from llmstudy.core.planner import PlanPosition, Recommendation, StageDates
from llmstudy.core.records import (
    Change,
    EraRec,
    EventRec,
    LabState,
    OwnCard,
    PlanSettings,
    Progress,
    QuestionRec,
    ResourceRec,
    Session,
    TimerRec,
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


class PlanResult(NamedTuple):
    settings: PlanSettings
    track: TrackRec
    start: dt.date  # the plan's first day (today when nothing is logged or set yet)
    started: bool  # False: the plan has not started (no start set, nothing logged)
    stages: tuple[StageDates, ...]
    position: PlanPosition


class TodayResult(NamedTuple):
    next: NextResult
    planned_minutes: int  # the plan's share of a day at the current pace
    logged_minutes: int
    streak_days: int
    streak_at_risk: bool  # a streak that ends tonight unless you study
    timer: TimerRec | None
    now: dt.datetime


class TimerResult(NamedTuple):
    action: str  # started | running | stopped | cancelled | none
    timer: TimerRec | None
    elapsed_minutes: int
    logged: Logged | None  # what `timer stop` logged
    now: dt.datetime


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


class DoctorResult(NamedTuple):
    """`llmstudy doctor`: the database's health, and what `--repair` moved aside."""

    path: Path
    integrity: tuple[str, ...]  # ("ok",) when SQLite finds no damage
    schema: int
    expected_schema: int
    invalid: dict[str, int]
    orphans: dict[str, int]
    quarantined: int
    repaired: dict[str, int] | None  # None: not asked to repair

    @property
    def healthy(self) -> bool:
        return self.integrity == ("ok",) and self.schema == self.expected_schema and not any(self.invalid.values())


class Exported(NamedTuple):
    document: dict[str, Any]
    path: Path | None  # None: to stdout


class Imported(NamedTuple):
    added: dict[str, int]
    updated: dict[str, int] = {}  # noqa: RUF012  (never mutated) rows replaced by a newer one


class QuizItem(NamedTuple):
    question: QuestionRec
    given: str  # as stored: a choice's original option index, t/f, or the learner's text
    correct: bool
    rating: str
    next_due: dt.datetime
    order: tuple[int, ...] = ()  # a choice's options as shown: original index at each letter

    @property
    def topic(self) -> str:
        return self.question.topic


class QuizResult(NamedTuple):
    topic: str | None  # None: a review across topics
    source: str  # bank | llm | review
    items: tuple[QuizItem, ...]
    fallback_reason: str | None
    to_review: tuple[tuple[str, ResourceRec], ...]  # a resource for each topic with a miss
    next_due: dt.datetime | None  # a review with nothing due: when the next card is
    skipped: tuple[tuple[QuestionRec, str], ...] = ()  # unreadable answers: not scored, not stored
    interrupted: bool = False  # Ctrl-C: the answers before it are kept
    remaining: int | None = None  # review: cards still due after this one
    daily_limit: int | None = None  # review: the day's limit, when it stopped the review


class ReviewForecast(NamedTuple):
    due_now: int  # overdue included
    days: tuple[tuple[dt.date, int], ...]  # today (with what is due now) and the next days
    cards: int  # all scheduled cards
    daily_limit: int
    done_today: int


class OwnCards(NamedTuple):
    """`card add` (one card, verb added), `card delete` (verb deleted), `card list` (verb None)."""

    cards: tuple[OwnCard, ...]
    verb: str | None
    topic: str | None = None  # list: the topic it was filtered by


class ExportedCards(NamedTuple):
    """An Anki deck or a CSV file of every question and card."""

    format: str  # anki | csv
    path: Path | None  # None: to stdout (csv)
    text: str | None  # the csv when it goes to stdout
    notes: int
    decks: tuple[str, ...]


class Explanation(NamedTuple):
    """The curated explanation of a topic (offline)."""

    topic: TopicRec


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
    | DoctorResult
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
    | ReviewForecast
    | OwnCards
    | ExportedCards
    | Explanation
    | Streamed
    | LlmStatus
    | LlmCalls
    | LabList
    | LabStarted
    | LabChecked
    | LabHint
    | LabSolution
    | PlanResult
    | TodayResult
    | TimerResult
)
