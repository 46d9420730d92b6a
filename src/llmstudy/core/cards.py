"""Quiz cards: which questions to ask, how to read and grade answers, FSRS scheduling,
and questions derived from the curriculum itself. Pure: the store and the terminal
are the caller's business.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from llmstudy.core.records import Bi, EventRec, QuestionRec, TopicRec

LETTERS = "abcd"
TRUE, FALSE = Bi("对", "true"), Bi("错", "false")
_TRUE = {"t", "true", "y", "yes", "是", "对", "正确", "1"}
_FALSE = {"f", "false", "n", "no", "否", "错", "错误", "0"}
_MODIFIERS = {"easy", "hard", "简单", "容易", "难", "困难"}


@dataclass(frozen=True)
class Graded:
    given: str
    correct: bool
    rating: str  # again | hard | good | easy


def _modifier(tokens: list[str]) -> str | None:
    for tok in tokens[1:]:
        if tok in ("easy", "简单", "容易"):
            return "easy"
        if tok in ("hard", "难", "困难"):
            return "hard"
    return None


def rating_for(correct: bool, modifier: str | None) -> str:
    if not correct:
        return "again"
    return modifier or "good"


def grade(q: QuestionRec, line: str) -> Graded | None:
    """Grade a choice or true/false answer; ``None`` if the line cannot be read.

    A trailing ``easy`` or ``hard`` refines the rating of a right answer.
    """
    tokens = line.strip().lower().split()
    if not tokens:
        return None
    first = tokens[0].rstrip(".)")
    if q.kind == "choice":
        if first in LETTERS and len(first) == 1:
            idx = LETTERS.index(first)
        elif first in ("1", "2", "3", "4"):
            idx = int(first) - 1
        else:
            return None
        ok = idx == q.answer_index
        return Graded(LETTERS[idx], ok, rating_for(ok, _modifier(tokens)))
    if q.kind == "true_false":
        if first in _TRUE:
            value = True
        elif first in _FALSE:
            value = False
        else:
            return None
        ok = value == q.answer_bool
        return Graded("t" if value else "f", ok, rating_for(ok, _modifier(tokens)))
    raise ValueError("short answers are self-graded: use self_grade")


def self_grade(answer: str, line: str) -> Graded | None:
    """The learner's own verdict on a short answer after seeing the model answer."""
    tokens = line.strip().lower().split()
    if not tokens:
        return None
    first = tokens[0]
    if first in _TRUE:
        return Graded(answer, True, rating_for(True, _modifier(tokens)))
    if first in ("easy", "简单", "容易"):
        return Graded(answer, True, "easy")
    if first in ("hard", "难", "困难"):
        return Graded(answer, True, "hard")
    if first in _FALSE:
        return Graded(answer, False, "again")
    return None


def correct_answer(q: QuestionRec, lang: str) -> str:
    if q.kind == "choice":
        assert q.answer_index is not None
        return f"{LETTERS[q.answer_index]}) {q.options[q.answer_index].get(lang)}"
    if q.kind == "true_false":
        return (TRUE if q.answer_bool else FALSE).get(lang)
    assert q.model_answer is not None
    return q.model_answer.get(lang)


def schedule(card_json: str | None, rating: str, now: dt.datetime) -> tuple[str, dt.datetime]:
    """Review a card with FSRS; return its new JSON and due time.

    Fuzzing is off so that the same answers always give the same schedule.
    """
    from fsrs import Card, Rating, Scheduler

    scheduler = Scheduler(enable_fuzzing=False)
    card = Card.from_json(card_json) if card_json else Card(due=now)
    card, _ = scheduler.review_card(card, Rating[rating.capitalize()], review_datetime=now)
    return card.to_json(), card.due


def pick(questions: Sequence[QuestionRec], due: dict[str, str], now: dt.datetime, n: int) -> list[QuestionRec]:
    """Due cards first (oldest due first), then questions never asked, then the rest."""
    now_s = now.isoformat()
    overdue = sorted((q for q in questions if q.id in due and due[q.id] <= now_s), key=lambda q: due[q.id])
    new = [q for q in questions if q.id not in due]
    later = sorted((q for q in questions if q.id in due and due[q.id] > now_s), key=lambda q: due[q.id])
    return (overdue + new + later)[:n]


# -- questions derived from our own data ------------------------------------------


def _text(zh: str, en: str) -> Bi:
    return Bi(zh, en)


def derived_questions(topic: TopicRec, topics: dict[str, TopicRec], events: Sequence[EventRec]) -> list[QuestionRec]:
    """QuestionRecs built from the curriculum itself: prerequisites, papers, dates."""
    rng = random.Random(f"llmstudy:{topic.id}")  # stable across runs
    out: list[QuestionRec] = []
    if topic.prerequisites:
        out.append(_prereq_question(topic, topics, rng))
    linked = [e for e in events if topic.id in e.topics]
    papers = [e for e in events if e.source.arxiv]
    for ev in [e for e in linked if e.source.arxiv][:1]:
        others = [p for p in papers if p.source.title != ev.source.title]
        if len({o.source.title for o in others}) >= 3:
            out.append(_paper_question(ev, others, rng))
    dated = [e for e in linked if len(e.date) >= 7]
    if dated:
        q = _first_question(dated[0], events, rng)
        if q is not None:
            out.append(q)
    return out


def _shuffle_with_answer(right: Bi, wrong: list[Bi], rng: random.Random) -> tuple[list[Bi], int]:
    options = [right, *wrong[:3]]
    rng.shuffle(options)
    return options, options.index(right)


def _prereq_question(topic: TopicRec, topics: dict[str, TopicRec], rng: random.Random) -> QuestionRec:
    ancestors = _all_prereqs(topic, topics)
    descendants = {t.id for t in topics.values() if topic.id in _all_prereqs(t, topics)}
    pool = sorted(t for t in topics if t not in ancestors | descendants | {topic.id})
    wrong_ids = rng.sample(pool, 3)
    right_id = topic.prerequisites[0]
    right = _text(topics[right_id].title.zh, topics[right_id].title.en)
    wrong = [_text(topics[w].title.zh, topics[w].title.en) for w in wrong_ids]
    options, idx = _shuffle_with_answer(right, wrong, rng)
    needs_zh = "、".join(topics[p].title.zh for p in topic.prerequisites if p in topics)
    needs_en = ", ".join(topics[p].title.en for p in topic.prerequisites if p in topics)
    src = topic.sources[0]
    return QuestionRec(
        id=f"gen-prereq-{topic.id}",
        topic=topic.id,
        kind="choice",
        prompt=_text(
            f"在概念树中，学习「{topic.title.zh}」之前需要先掌握哪个主题？",
            f"In the concept tree, which topic comes before {topic.title.en}?",
        ),
        options=tuple(options),
        answer_index=idx,
        answer_bool=None,
        model_answer=None,
        explanation=_text(f"「{topic.title.zh}」的前置主题：{needs_zh}。", f"{topic.title.en} builds on: {needs_en}."),
        source=src,
    )


def _all_prereqs(t: TopicRec, topics: dict[str, TopicRec]) -> set[str]:
    seen: set[str] = set()
    stack = list(t.prerequisites)
    while stack:
        x = stack.pop()
        if x not in seen and x in topics:
            seen.add(x)
            stack.extend(topics[x].prerequisites)
    return seen


def _paper_question(ev: EventRec, others: list[EventRec], rng: random.Random) -> QuestionRec:
    titles = sorted({o.source.title for o in others})
    wrong_titles = rng.sample(titles, 3)
    right = _text(ev.source.title, ev.source.title)
    options, idx = _shuffle_with_answer(right, [_text(t, t) for t in wrong_titles], rng)
    return QuestionRec(
        id=f"gen-paper-{ev.id}",
        topic=ev.topics[0] if ev.topics else "transformer",
        kind="choice",
        prompt=_text(f"哪篇论文对应这件事：{ev.title.zh}？", f"Which paper is behind this: {ev.title.en}?"),
        options=tuple(options),
        answer_index=idx,
        answer_bool=None,
        model_answer=None,
        explanation=_text(f"{ev.date}：{ev.summary.zh}", f"{ev.date}: {ev.summary.en}"),
        source=ev.source,
    )


def _first_question(ev: EventRec, events: Sequence[EventRec], rng: random.Random) -> QuestionRec | None:
    # distractors at least a year later, so "which came first" has one clear answer
    later = [e for e in events if e.year > ev.year and e.id != ev.id]
    if len(later) < 3:
        return None
    wrong = rng.sample(later, 3)
    right = _text(ev.title.zh, ev.title.en)
    options, idx = _shuffle_with_answer(right, [_text(w.title.zh, w.title.en) for w in wrong], rng)
    dates = "; ".join(f"{e.date} {e.title.en}" for e in [ev, *wrong])
    dates_zh = "；".join(f"{e.date} {e.title.zh}" for e in [ev, *wrong])
    return QuestionRec(
        id=f"gen-first-{ev.id}",
        topic=ev.topics[0],
        kind="choice",
        prompt=_text("以下哪件事最早发生？", "Which of these happened first?"),
        options=tuple(options),
        answer_index=idx,
        answer_bool=None,
        model_answer=None,
        explanation=_text(dates_zh, dates),
        source=ev.source,
    )
