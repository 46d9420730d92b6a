"""Quizzes and reviews: pick the questions, let the learner answer, grade, schedule, store.

The learner's side (showing a question, reading an answer) is a ``Prompter``; a model
that writes questions is a ``QuestionWriter``. Both are Protocols defined here and
implemented by the output layer and the llm package, so this use case imports neither.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from typing import Protocol, overload

from llmstudy.actions.plan import pick_resources
from llmstudy.actions.results import QuizItem, QuizResult, ReviewForecast
from llmstudy.core import cards
from llmstudy.core.records import Bi, QuestionRec, ResourceRec, TopicRec, question_doc
from llmstudy.errors import LLMError, NotFoundError, UsageError
from llmstudy.storage.store import Store

MAX_QUESTIONS = 50
MAX_DAILY_LIMIT = 9999
FORECAST_DAYS = 7


class Prompter(Protocol):
    def note(self, message: Bi, style: str = "dim") -> None:
        """A line about the quiz itself (asking the model, falling back)."""

    def ask(self, index: int, total: int, shown: cards.Shown) -> cards.Graded | cards.Unreadable | None:
        """Show a question (options in the order given) and read the answer.

        ``Unreadable`` when the answer could not be read (the prompter says so; the item is
        skipped), ``None`` at the end of input. Ctrl-C raises ``KeyboardInterrupt``.
        """

    def feedback(self, shown: cards.Shown, item: QuizItem) -> None:
        """Right or wrong, the answer, the explanation and the source."""


class QuestionWriter(Protocol):
    model: str

    def write(
        self, topic: TopicRec, n: int, avoid: Sequence[str], known: Sequence[QuestionRec] = ()
    ) -> Iterator[tuple[QuestionRec, str]]:
        """Up to ``n`` valid, checked questions on ``topic``, each as soon as it is ready, with
        where it came from: ``llm`` (the model's own, its key checked) or ``cloze`` (a curated
        sentence with a term blanked, the model's wrong answers). ``known``: the topic's curated
        questions, whose keys are right (to measure a model not measured yet).

        Writing starts at the call; ``LLMError`` (raised by the iterator) ends it, and the
        questions yielded before it stay good. Closing the iterator stops the writer.
        """


class _Questions(Sequence[QuestionRec]):
    """A model quiz's questions, pulled one at a time as the learner reaches them.

    The model's questions come first; the bank fills those it does not deliver.
    ``origin`` says where each came from (llm, cloze or bank).
    """

    def __init__(
        self, store: Store, now: dt.datetime, topic: TopicRec, n: int, writer: QuestionWriter, prompter: Prompter
    ) -> None:
        self.store, self.now, self.topic, self.n, self.writer, self.prompter = store, now, topic, n, writer, prompter
        self.bank = bank(store, topic)
        self.got: list[QuestionRec] = []
        self.origin: dict[str, str] = {}
        self.fallback: str | None = None
        known = store.questions(topic.id, generated=False)  # curated: keys known right
        self.source: Iterator[tuple[QuestionRec, str]] | None = writer.write(topic, n, [q.prompt.en for q in self.bank], known)

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> QuestionRec: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[QuestionRec]: ...
    def __getitem__(self, i: int | slice) -> QuestionRec | Sequence[QuestionRec]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if not 0 <= i < self.n:
            raise IndexError(i)
        while len(self.got) <= i:
            if not self._pull():
                raise IndexError(i)  # the bank ran out too
        return self.got[i]

    def _pull(self) -> bool:
        while self.source is not None:
            try:
                q, origin = next(self.source)
            except StopIteration:
                self.close()
                break
            except LLMError as exc:
                self.close()
                self.fallback = exc.message
                self.prompter.note(
                    Bi(f"模型出题失败（{exc.text('zh')[0]}），改用离线题库。", f"The model failed ({exc.message}); using the offline bank."),
                    "yellow",
                )
                break
            if q.id in self.origin:
                continue  # the same question twice
            # valid generated questions join the bank as cards
            self.store.save_generated(q.id, self.topic.id, json.dumps(question_doc(q), ensure_ascii=False), self.writer.model)
            self.got.append(q)
            self.origin[q.id] = origin
            return True
        fill = [q for q in cards.pick(self.bank, self.store.card_dues(self.topic.id), self.now, self.n) if q.id not in self.origin]
        if not fill:
            if not self.got:
                raise NotFoundError(
                    Bi(f"{self.topic.id} 没有题目", f"no questions for {self.topic.id}"),
                    hint=Bi(f"改用 llmstudy show {self.topic.id} 学习它", f"llmstudy show {self.topic.id} to study it instead"),
                )
            return False
        self.got.append(fill[0])
        self.origin[fill[0].id] = "bank"
        return True

    def close(self) -> None:
        if self.source is not None:
            close = getattr(self.source, "close", None)
            if close is not None:
                close()
            self.source = None


def bank(store: Store, topic: TopicRec) -> list[QuestionRec]:
    """Curated questions, saved generated ones, the learner's own cards, then those derived
    from our own data."""
    questions = store.questions(topic.id) + [cards.own_question(c) for c in store.own_cards(topic.id)]
    seen = {q.id for q in questions}
    derived = cards.derived_questions(topic, store.topics(), store.events())
    return questions + [q for q in derived if q.id not in seen]


def find_question(store: Store, question_id: str, topic_id: str) -> QuestionRec | None:
    topics = store.topics()
    if topic_id not in topics:
        return None
    return next((q for q in bank(store, topics[topic_id]) if q.id == question_id), None)


def _check_n(n: int, example: str) -> None:
    if not 1 <= n <= MAX_QUESTIONS:
        raise UsageError(Bi(f"-n 必须在 1 到 {MAX_QUESTIONS} 之间", f"-n must be between 1 and {MAX_QUESTIONS}"), hint=example)


def quiz(
    store: Store,
    now: dt.datetime,
    topic: TopicRec,
    n: int,
    writer: QuestionWriter | None,
    prompter: Prompter,
    rng: random.Random | None = None,
    settings: cards.ReviewSettings = cards.DEFAULT_REVIEW,
) -> QuizResult:
    _check_n(n, "llmstudy quiz attention -n 5")
    if writer is not None:
        prompter.note(Bi(f"正在用 {writer.model} 出题…", f"Asking {writer.model} for questions…"))
        lazy = _Questions(store, now, topic, n, writer, prompter)
        try:
            result = _ask_all(store, now, lazy, prompter, topic.id, "llm", None, rng or random.Random(), settings)
        finally:
            lazy.close()
        origins = tuple((it.question.id, lazy.origin.get(it.question.id, "bank")) for it in result.items)
        used = {o for _, o in origins}
        source = "bank" if used == {"bank"} else ("mixed" if "bank" in used else "llm")
        return result._replace(source=source, fallback_reason=lazy.fallback, origins=origins)
    questions = bank(store, topic)
    if not questions:
        raise NotFoundError(
            Bi(f"{topic.id} 还没有题目", f"no questions for {topic.id}"),
            hint=Bi(f"先学习它：llmstudy show {topic.id}", f"llmstudy show {topic.id} to study it instead"),
        )
    chosen = cards.pick(questions, store.card_dues(topic.id), now, n)
    return _ask_all(store, now, chosen, prompter, topic.id, "bank", None, rng or random.Random(), settings)


def review(
    store: Store,
    now: dt.datetime,
    n: int | None,
    prompter: Prompter,
    rng: random.Random | None = None,
    settings: cards.ReviewSettings = cards.DEFAULT_REVIEW,
    day_start: dt.datetime | None = None,
) -> QuizResult:
    """The due cards, oldest due first, up to ``n`` and to what is left of the daily limit
    (reviews given since ``day_start``, the start of the learner's day)."""
    if n is not None:
        _check_n(n, "llmstudy review -n 10")
    _check_limit(settings.daily_limit)
    due_total = store.count_due(now)
    if due_total == 0:
        upcoming = min(store.card_dues().values(), default=None)
        when = None if upcoming is None else dt.datetime.fromisoformat(upcoming)
        return QuizResult(None, "review", (), None, (), when, remaining=0, now=now)
    done = store.reviews_since(day_start or now)
    room = max(0, settings.daily_limit - done)
    want = room if n is None else min(n, room)
    if want == 0:
        return QuizResult(None, "review", (), None, (), None, remaining=due_total, daily_limit=settings.daily_limit)
    due = [q for qid, tid in store.due_cards(now, want) if (q := find_question(store, qid, tid)) is not None]
    result = _ask_all(store, now, due, prompter, None, "review", None, rng or random.Random(), settings)
    remaining = store.count_due(now)
    reached = done + len(result.items) >= settings.daily_limit and remaining > 0
    return result._replace(remaining=remaining, daily_limit=settings.daily_limit if reached else None)


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_DAILY_LIMIT:
        raise UsageError(
            Bi(f"每日复习上限必须在 1 到 {MAX_DAILY_LIMIT} 之间", f"the daily review limit must be between 1 and {MAX_DAILY_LIMIT}"),
            hint="llmstudy review --limit 50",
        )


def forecast(store: Store, now: dt.datetime, tz: dt.tzinfo, settings: cards.ReviewSettings, day_start: dt.datetime) -> ReviewForecast:
    """Reviews due per day over the next week (today includes what is due now)."""
    dues = list(store.card_dues().values())
    due_now, days = cards.forecast(dues, now, tz, FORECAST_DAYS)
    return ReviewForecast(due_now, tuple(days), len(dues), settings.daily_limit, store.reviews_since(day_start))


def _ask_all(
    store: Store,
    now: dt.datetime,
    questions: Sequence[QuestionRec],
    prompter: Prompter,
    topic: str | None,
    source: str,
    fallback: str | None,
    rng: random.Random,
    settings: cards.ReviewSettings,
) -> QuizResult:
    """Show each question (a choice's options shuffled anew), grade, schedule and store it.

    Each answer is stored in its own transaction as soon as it is graded, so Ctrl-C keeps
    every answer given before it; an unreadable answer is skipped, neither scored nor stored.
    """
    items: list[QuizItem] = []
    skipped: list[tuple[QuestionRec, str]] = []
    interrupted = False
    try:
        for i, q in enumerate(questions, start=1):
            shown = cards.show(q, rng)
            graded = prompter.ask(i, len(questions), shown)
            if graded is None:
                break
            if isinstance(graded, cards.Unreadable):
                skipped.append((q, graded.line))
                continue
            card, due = cards.schedule(store.card_json(q.id), graded.rating, now, settings)
            store.record_answer(
                question_id=q.id,
                topic=q.topic,
                answer=graded.given,
                correct=graded.correct,
                rating=graded.rating,
                source=source,
                card=card,
                due=due,
                at=now,
            )
            item = QuizItem(q, graded.given, graded.correct, graded.rating, due, shown.order)
            items.append(item)
            prompter.feedback(shown, item)
    except KeyboardInterrupt:
        interrupted = True
    missed = dict.fromkeys(it.topic for it in items if not it.correct)
    to_review: list[tuple[str, ResourceRec]] = [(tid, r) for tid in missed for r in pick_resources(store, tid, 1)]
    return QuizResult(
        topic, source, tuple(items), fallback, tuple(to_review), None, tuple(skipped), interrupted
    )
