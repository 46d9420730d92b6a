"""Quizzes and reviews: pick the questions, let the learner answer, grade, schedule, store.

The learner's side (showing a question, reading an answer) is a ``Prompter``; a model
that writes questions is a ``QuestionWriter``. Both are Protocols defined here and
implemented by the output layer and the llm package, so this use case imports neither.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Protocol, overload

from llmstudy.actions.plan import pick_resources
from llmstudy.actions.results import QuizItem, QuizResult
from llmstudy.core import cards
from llmstudy.core.records import Bi, QuestionRec, ResourceRec, TopicRec, question_doc
from llmstudy.errors import LLMError, NotFoundError, UsageError
from llmstudy.storage.store import Store

MAX_QUESTIONS = 50


class Prompter(Protocol):
    def note(self, message: Bi, style: str = "dim") -> None:
        """A line about the quiz itself (asking the model, falling back)."""

    def ask(self, index: int, total: int, question: QuestionRec) -> cards.Graded | None:
        """Show a question and read the answer; ``None`` at the end of input."""

    def feedback(self, question: QuestionRec, item: QuizItem) -> None:
        """Right or wrong, the answer, the explanation and the source."""


class QuestionWriter(Protocol):
    model: str

    def write(self, topic: TopicRec, n: int, avoid: Sequence[str]) -> Iterator[QuestionRec]:
        """Up to ``n`` valid, key-checked questions on ``topic``, each as soon as it is ready.

        Writing starts at the call; ``LLMError`` (raised by the iterator) ends it, and the
        questions yielded before it stay good. Closing the iterator stops the writer.
        """


class _Questions(Sequence[QuestionRec]):
    """A model quiz's questions, pulled one at a time as the learner reaches them.

    The model's questions come first; the bank fills those it does not deliver.
    ``origin`` says where each came from.
    """

    def __init__(
        self, store: Store, now: dt.datetime, topic: TopicRec, n: int, writer: QuestionWriter, prompter: Prompter
    ) -> None:
        self.store, self.now, self.topic, self.n, self.writer, self.prompter = store, now, topic, n, writer, prompter
        self.bank = bank(store, topic)
        self.got: list[QuestionRec] = []
        self.origin: dict[str, str] = {}
        self.fallback: str | None = None
        self.source: Iterator[QuestionRec] | None = writer.write(topic, n, [q.prompt.en for q in self.bank])

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
                q = next(self.source)
            except StopIteration:
                self.close()
                break
            except LLMError as exc:
                self.close()
                self.fallback = exc.message
                self.prompter.note(
                    Bi(f"模型出题失败（{exc.message}），改用离线题库。", f"The model failed ({exc.message}); using the offline bank."),
                    "yellow",
                )
                break
            if q.id in self.origin:
                continue  # the same question twice
            # valid generated questions join the bank as cards
            self.store.save_generated(q.id, self.topic.id, json.dumps(question_doc(q), ensure_ascii=False), self.writer.model)
            self.got.append(q)
            self.origin[q.id] = "llm"
            return True
        fill = [q for q in cards.pick(self.bank, self.store.card_dues(self.topic.id), self.now, self.n) if q.id not in self.origin]
        if not fill:
            if not self.got:
                raise NotFoundError(f"no questions for {self.topic.id}", hint=f"llmstudy show {self.topic.id} to study it instead")
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
    """Curated questions, saved generated ones, then those derived from our own data."""
    questions = store.questions(topic.id)
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
        raise UsageError(f"-n must be between 1 and {MAX_QUESTIONS}", hint=example)


def quiz(
    store: Store,
    now: dt.datetime,
    topic: TopicRec,
    n: int,
    writer: QuestionWriter | None,
    prompter: Prompter,
) -> QuizResult:
    _check_n(n, "llmstudy quiz attention -n 5")
    if writer is not None:
        prompter.note(Bi(f"正在用 {writer.model} 出题…", f"Asking {writer.model} for questions…"))
        lazy = _Questions(store, now, topic, n, writer, prompter)
        try:
            result = _ask_all(store, now, lazy, prompter, topic.id, "llm", None)
        finally:
            lazy.close()
        origins = tuple((it.question.id, lazy.origin.get(it.question.id, "bank")) for it in result.items)
        used = {o for _, o in origins}
        source = "llm" if used == {"llm"} else ("mixed" if "llm" in used else "bank")
        return result._replace(source=source, fallback_reason=lazy.fallback, origins=origins)
    questions = bank(store, topic)
    if not questions:
        raise NotFoundError(f"no questions for {topic.id}", hint=f"llmstudy show {topic.id} to study it instead")
    chosen = cards.pick(questions, store.card_dues(topic.id), now, n)
    return _ask_all(store, now, chosen, prompter, topic.id, "bank", None)


def review(store: Store, now: dt.datetime, n: int, prompter: Prompter) -> QuizResult:
    _check_n(n, "llmstudy review -n 10")
    due = [q for qid, tid in store.due_cards(now, n) if (q := find_question(store, qid, tid)) is not None]
    if not due:
        upcoming = min(store.card_dues().values(), default=None)
        when = None if upcoming is None else dt.datetime.fromisoformat(upcoming)
        return QuizResult(None, "review", (), None, (), when)
    return _ask_all(store, now, due, prompter, None, "review", None)


def _ask_all(
    store: Store,
    now: dt.datetime,
    questions: Sequence[QuestionRec],
    prompter: Prompter,
    topic: str | None,
    source: str,
    fallback: str | None,
) -> QuizResult:
    items: list[QuizItem] = []
    for i, q in enumerate(questions, start=1):
        graded = prompter.ask(i, len(questions), q)
        if graded is None:
            break
        card, due = cards.schedule(store.card_json(q.id), graded.rating, now)
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
        item = QuizItem(q, graded.given, graded.correct, graded.rating, due)
        prompter.feedback(q, item)
        items.append(item)
    missed = dict.fromkeys(it.topic for it in items if not it.correct)
    to_review: list[tuple[str, ResourceRec]] = [(tid, r) for tid in missed for r in pick_resources(store, tid, 1)]
    return QuizResult(topic, source, tuple(items), fallback, tuple(to_review), None)
