"""Quizzes and reviews: pick the questions, let the learner answer, grade, schedule, store.

The learner's side (showing a question, reading an answer) is a ``Prompter``; a model
that writes questions is a ``QuestionWriter``. Both are Protocols defined here and
implemented by the output layer and the llm package, so this use case imports neither.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Protocol

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

    def write(self, topic: TopicRec, n: int, avoid: Sequence[str]) -> list[QuestionRec]:
        """``n`` valid questions on ``topic``, or ``LLMError``."""


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
    questions = bank(store, topic)
    source, fallback = "bank", None
    chosen: list[QuestionRec] = []
    if writer is not None:
        prompter.note(Bi(f"正在用 {writer.model} 出题…", f"Asking {writer.model} for questions…"))
        try:
            chosen = writer.write(topic, n, [q.prompt.en for q in questions])
            source = "llm"
            for q in chosen:  # valid generated questions join the bank as cards
                store.save_generated(q.id, topic.id, json.dumps(question_doc(q), ensure_ascii=False), writer.model)
        except LLMError as exc:
            fallback = exc.message
            prompter.note(
                Bi(f"模型出题失败（{exc.message}），改用离线题库。", f"The model failed ({exc.message}); using the offline bank."),
                "yellow",
            )
    if source == "bank":
        if not questions:
            raise NotFoundError(f"no questions for {topic.id}", hint=f"llmstudy show {topic.id} to study it instead")
        chosen = cards.pick(questions, store.card_dues(topic.id), now, n)
    return _ask_all(store, now, chosen, prompter, topic.id, source, fallback)


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
