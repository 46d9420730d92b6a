"""What each command's action returns: frozen, typed records, in no language and no format.

The output layer turns each into a view or into ``--json``; the same object feeds both,
so the two cannot disagree. ``Record``s, not NamedTuples or dataclasses: all of them are
defined at import on the hot path (`next`, `log`), where thirty NamedTuples cost about
half a bare Python start (see core/record.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from llmstudy.core.planner import PlanPosition, Recommendation, StageDates
from llmstudy.core.record import Record
from llmstudy.core.records import (
    Bi,
    Change,
    EraRec,
    EventRec,
    ExplanationRec,
    LabState,
    NoteRec,
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

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:  # the labs' and teach-back's modules stay off the hot path
    from typing import Any

    from llmstudy.core.teachback import Coverage
    from llmstudy.labs.catalog import Lab
    from llmstudy.labs.runner import LabRun


class NextResult(Record):
    rec: Recommendation
    resources: tuple[ResourceRec, ...]
    mastery: float | None  # None: never quizzed
    labs: tuple[str, ...]  # labs that practise the topic


class PlanResult(Record):
    settings: PlanSettings
    track: TrackRec
    start: dt.date  # the plan's first day (today when nothing is logged or set yet)
    started: bool  # False: the plan has not started (no start set, nothing logged)
    stages: tuple[StageDates, ...]
    position: PlanPosition


class TodayResult(Record):
    next: NextResult
    planned_minutes: int  # the plan's share of a day at the current pace
    logged_minutes: int
    streak_days: int
    streak_at_risk: bool  # a streak that ends tonight unless you study
    timer: TimerRec | None
    now: dt.datetime


class TimerResult(Record):
    action: str  # started | running | stopped | cancelled | none
    timer: TimerRec | None
    elapsed_minutes: int
    logged: Logged | None  # what `timer stop` logged
    now: dt.datetime


class WeekTotal(Record):
    week: int
    logged_minutes: int
    planned_minutes: int | None


class Logged(Record):
    session: Session
    topic: TopicRec
    chosen_by_next: bool
    topic_logged: int
    topic_planned: int | None
    week: WeekTotal | None


class PathsResult(Record):
    db: Path
    db_from: str
    config: Path
    data: Path
    labs: Path


class RoadmapResult(Record):
    tracks: tuple[TrackRec, ...]
    topics: dict[str, TopicRec]
    progress: Progress
    labs: dict[str, tuple[tuple[str, bool], ...]] = {}  # noqa: RUF012 - topic -> (lab id, passed)


class TopicRow(Record):
    topic: TopicRec
    week: int | None
    planned_minutes: int | None
    status: str
    logged_minutes: int


class TopicList(Record):
    rows: tuple[TopicRow, ...]


class TopicDetail(Record):
    row: TopicRow
    prerequisites: tuple[tuple[TopicRec, str], ...]  # (topic, status)
    leads_to: tuple[str, ...]
    resources: tuple[ResourceRec, ...]
    # The learner's own trace on the topic, shown whole after the curated content.
    notes: tuple[NoteRec, ...] = ()
    explanations: tuple[ExplanationRec, ...] = ()  # oldest first
    labs: tuple[LabState, ...] = ()
    sessions: tuple[Session, ...] = ()  # oldest first


class TimelineResult(Record):
    eras: tuple[EraRec, ...]
    events: tuple[EventRec, ...]


class ResourceList(Record):
    items: tuple[ResourceRec, ...]


class TreeResult(Record):
    topics: dict[str, TopicRec]
    progress: Progress


class SessionList(Record):
    sessions: tuple[Session, ...]
    total: int  # how many match the filters; more than len(sessions) when some are hidden
    filtered: bool


class SessionChanged(Record):
    verb: str  # edited | deleted
    session: Session


class Undone(Record):
    change: Change | None  # None: there was nothing to undo
    now: dt.datetime  # to say how long ago the change was made


class StatusChanged(Record):
    topic: TopicRec
    previous: str
    status: str


class StatsResult(Record):
    stats: Stats
    topics: dict[str, TopicRec]
    labs_passed: int = 0
    labs_started: int = 0
    labs_total: int = 0


class DoctorResult(Record):
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


class Exported(Record):
    document: dict[str, Any]
    text: str  # the file's text: the document with a stable key order
    path: Path | None  # None: to stdout


class Imported(Record):
    added: dict[str, int]
    updated: dict[str, int] = {}  # noqa: RUF012  (never mutated) rows replaced by a newer one


class QuizItem(Record):
    question: QuestionRec
    given: str  # as stored: a choice's original option index, t/f, or the learner's text
    correct: bool
    rating: str
    next_due: dt.datetime
    order: tuple[int, ...] = ()  # a choice's options as shown: original index at each letter

    @property
    def topic(self) -> str:
        return self.question.topic


class QuizResult(Record):
    topic: str | None  # None: a review across topics
    source: str  # bank | llm | mixed (model questions, the rest from the bank) | review
    items: tuple[QuizItem, ...]
    fallback_reason: str | None
    to_review: tuple[tuple[str, ResourceRec], ...]  # a resource for each topic with a miss
    next_due: dt.datetime | None  # a review with nothing due: when the next card is
    skipped: tuple[tuple[QuestionRec, str], ...] = ()  # unreadable answers: not scored, not stored
    interrupted: bool = False  # Ctrl-C: the answers before it are kept
    remaining: int | None = None  # review: cards still due after this one
    daily_limit: int | None = None  # review: the day's limit, when it stopped the review
    now: dt.datetime | None = None  # when it ran: next_due is shown relative to it
    origins: tuple[tuple[str, str], ...] = ()  # (question id, llm | cloze | bank) for a model quiz


class ReviewForecast(Record):
    due_now: int  # overdue included
    days: tuple[tuple[dt.date, int], ...]  # today (with what is due now) and the next days
    cards: int  # all scheduled cards
    daily_limit: int
    done_today: int


class OwnCards(Record):
    """`card add` (one card, verb added), `card delete` (verb deleted), `card list` (verb None)."""

    cards: tuple[OwnCard, ...]
    verb: str | None
    topic: str | None = None  # list: the topic it was filtered by


class ExportedCards(Record):
    """An Anki deck or a CSV file of every question and card."""

    format: str  # anki | csv
    path: Path | None  # None: to stdout (csv)
    text: str | None  # the csv when it goes to stdout
    notes: int
    decks: tuple[str, ...]


class Explanation(Record):
    """The curated explanation of a topic (offline), the parts that suit ``level``.

    child: the analogy and the summary; beginner: summary, key points, analogy;
    expert: summary, key points (where the formulas are) and the sources.
    """

    topic: TopicRec
    level: str = "beginner"


class Streamed(Record):
    """A model's reply that was already shown as it arrived."""

    chars: int


class LlmStatus(Record):
    configured: bool
    model: str | None
    base_url: str
    api_key: str  # "set" or "not set", never the key
    api_key_from: str
    timeout_seconds: float
    config_file: Path
    remembered_mode: str | None
    blanks: bool  # fill-in-the-blank questions on (LLMSTUDY_BLANKS)
    curated_answered: str | None  # "right/asked": the model measured on curated questions
    writes_own_questions: bool | None  # earned by that measure (None: not configured)
    endpoint: str | None


# The fields of LlmStatus that describe a configured model: left out when there is none.
MODEL_FIELDS = ("remembered_mode", "curated_answered", "writes_own_questions", "endpoint")


class ModeProbe(Record):
    mode: str  # json_schema | json_object | plain
    works: bool
    detail: str  # why not, or the latency


class SampleQuestion(Record):
    seconds: float
    completion_tokens: int | None
    valid: bool
    kept: bool  # valid and its key agreed with the key-less check
    problem: str | None
    prompt: str | None


def knows_enough(right: int, asked: int) -> bool:
    """Whether a model answered enough curated questions right for its key checks to count:
    3 in 4 (guessing gets 1 in 4)."""
    return right * 4 >= asked * 3


# Curated questions answered before the measure is settled: until then each quiz (of two or
# more questions) measures again and adds, and gives blanks only. Writing questions takes more
# than checking them: 5 in 6 right. With 8 and 3 in 4, the 0.5B model (15/30 and 18/30 over ten
# topics) passed by luck in one Chinese run (6/8) and wrote wrong questions; it passes 10 of 12
# about one time in twelve, 3 in 4 of 8 about one in three.
TRUST_SAMPLE = 12


def writes_well(right: int, asked: int) -> bool:
    """Whether a model has earned writing its own questions: 5 in 6 of ``TRUST_SAMPLE`` or more
    curated questions answered right."""
    return asked >= TRUST_SAMPLE and right * 6 >= asked * 5


class LlmCheck(Record):
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
    knowledge: tuple[int, int] | None  # (right, asked): curated questions the model answered without their keys
    verdict: str  # good | slow | weak | unusable
    advice: tuple[Bi, ...]

    @property
    def tokens_per_second(self) -> float | None:
        s = self.sample
        if s is None or not s.completion_tokens or s.seconds <= 0:
            return None
        return s.completion_tokens / s.seconds


class LlmCalls(Record):
    calls: tuple[dict[str, Any], ...]
    full: bool
    now: dt.datetime | None = None  # times are shown local and relative to it


class LabList(Record):
    rows: tuple[tuple[Lab, LabState | None], ...]


class LabStarted(Record):
    lab: Lab
    path: Path
    existed: bool  # the learner's file was already there and was kept
    backup: Path | None  # --reset: where the old file went


class LabChecked(Record):
    lab: Lab
    path: Path
    run: LabRun
    first_pass: bool


class LabHint(Record):
    lab: Lab
    number: int  # 1-based
    total: int


class LabSolution(Record):
    lab: Lab
    source: str


class TeachResult(Record):
    topic: TopicRec
    attempt: ExplanationRec  # as stored: text, score, covered/missing/wrong
    coverage: Coverage  # the offline scoring (also computed when the model graded)
    fallback: str | None  # why the model's grading was not used


class TeachHistory(Record):
    topic: TopicRec
    attempts: tuple[ExplanationRec, ...]  # oldest first


class NoteChanged(Record):
    verb: str  # added | edited | deleted
    note: NoteRec
    topic: TopicRec | None  # None: the topic is no longer in the catalog


class NoteList(Record):
    notes: tuple[NoteRec, ...]
    topics: dict[str, TopicRec]
    topic: str | None  # the filter


class SearchHit(Record):
    kind: str  # topic | event | resource | question | note | explanation | session
    ref: str
    topic: str | None
    title: Bi  # empty for what the learner wrote
    body: str
    at: str | None
    command: str  # how to open it: llmstudy show attention


class SearchResult(Record):
    query: str
    terms: tuple[str, ...]  # the words to highlight
    kind: str | None
    hits: tuple[SearchHit, ...]


class MarkdownExported(Record):
    directory: Path
    files: tuple[Path, ...]


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
    | LlmCheck
    | LabList
    | LabStarted
    | LabChecked
    | LabHint
    | LabSolution
    | PlanResult
    | TodayResult
    | TimerResult
    | TeachResult
    | TeachHistory
    | NoteChanged
    | NoteList
    | SearchResult
    | MarkdownExported
)
