"""Quiz cards: which questions to ask, how to read and grade answers, FSRS scheduling,
and questions derived from the curriculum itself. Pure: the store and the terminal
are the caller's business.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from llmstudy.core.records import Bi, EventRec, OwnCard, QuestionRec, SourceRec, TopicRec

LETTERS = "abcd"
TRUE, FALSE = Bi("对", "true"), Bi("错", "false")
_TRUE = {"t", "true", "y", "yes", "是", "对", "正确", "1"}
_FALSE = {"f", "false", "n", "no", "否", "错", "错误", "0"}
_EASY = ("easy", "简单", "容易")
_HARD = ("hard", "难", "困难")


@dataclass(frozen=True)
class Graded:
    given: str  # what is stored: a choice's original option index, t/f, or the learner's text
    correct: bool
    rating: str  # again | hard | good | easy


class Unreadable(NamedTuple):
    """An answer the program could not read: reported and skipped, never scored or stored."""

    line: str
    accepted: Bi  # what would have been understood


class Shown(NamedTuple):
    """A question as it is shown this time: a choice's options in a fresh order.

    ``order[k]`` is the original index of the option shown at letter ``k``. Shuffling at
    every showing means the letter carries no information: only knowing the answer helps.
    """

    question: QuestionRec
    order: tuple[int, ...]  # empty for true/false and short answers

    @property
    def options(self) -> tuple[Bi, ...]:
        return tuple(self.question.options[i] for i in self.order)

    def letter_of(self, original: int) -> str:
        return LETTERS[self.order.index(original)]


def show(q: QuestionRec, rng: random.Random) -> Shown:
    """The question with its options in a fresh random order (``rng`` makes it reproducible)."""
    if q.kind != "choice":
        return Shown(q, ())
    order = list(range(len(q.options)))
    rng.shuffle(order)
    return Shown(q, tuple(order))


CHOICE_ACCEPTS = Bi("a-d 或 1-4（可加 easy/hard）", "a-d or 1-4 (optionally followed by easy/hard)")
TRUE_FALSE_ACCEPTS = Bi("t/f、对/错、y/n（可加 easy/hard）", "t/f, true/false, y/n (optionally followed by easy/hard)")
SELF_GRADE_ACCEPTS = Bi(
    "y（对）、n（错）、easy（对且容易）、hard（对但吃力）；也可用 对/错",
    "y (right), n (wrong), easy (right, easily), hard (right, with effort); or t/f, 对/错",
)


def accepted(q: QuestionRec) -> Bi:
    """What an answer to ``q`` may look like, for the message about an unreadable one."""
    if q.kind == "choice":
        return CHOICE_ACCEPTS
    if q.kind == "true_false":
        return TRUE_FALSE_ACCEPTS
    return SELF_GRADE_ACCEPTS


def _modifier(tokens: list[str]) -> str | None:
    for tok in tokens[1:]:
        if tok in _EASY:
            return "easy"
        if tok in _HARD:
            return "hard"
    return None


def rating_for(correct: bool, modifier: str | None) -> str:
    if not correct:
        return "again"
    return modifier or "good"


def grade(shown: Shown | QuestionRec, line: str) -> Graded | None:
    """Grade a choice or true/false answer; ``None`` if the line cannot be read.

    A letter means the option shown at that letter; what is stored is that option's
    original index. A trailing ``easy`` or ``hard`` refines the rating of a right answer.
    """
    if isinstance(shown, QuestionRec):  # shown in the data's own order
        shown = Shown(shown, tuple(range(len(shown.options))) if shown.kind == "choice" else ())
    q = shown.question
    tokens = line.strip().lower().split()
    if not tokens:
        return None
    first = tokens[0].rstrip(".)")
    if q.kind == "choice":
        if len(first) == 1 and first in LETTERS[: len(shown.order)]:
            pos = LETTERS.index(first)
        elif first.isdigit() and 1 <= int(first) <= len(shown.order):
            pos = int(first) - 1
        else:
            return None
        original = shown.order[pos]
        ok = original == q.answer_index
        return Graded(str(original), ok, rating_for(ok, _modifier(tokens)))
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
    if first in _EASY:
        return Graded(answer, True, "easy")
    if first in _HARD:
        return Graded(answer, True, "hard")
    if first in _FALSE:
        return Graded(answer, False, "again")
    return None


def given_text(q: QuestionRec, given: str, lang: str) -> str:
    """A stored answer as the learner would recognise it: a choice's option text."""
    if q.kind == "choice" and given.isdigit() and int(given) < len(q.options):
        return q.options[int(given)].get(lang)
    return given


def correct_answer(q: QuestionRec, lang: str, shown: Shown | None = None) -> str:
    """The right answer; for a choice shown in some order, with the letter it had there."""
    if q.kind == "choice":
        assert q.answer_index is not None
        text = q.options[q.answer_index].get(lang)
        return text if shown is None or not shown.order else f"{shown.letter_of(q.answer_index)}) {text}"
    if q.kind == "true_false":
        return (TRUE if q.answer_bool else FALSE).get(lang)
    assert q.model_answer is not None
    return q.model_answer.get(lang)


# -- scheduling ----------------------------------------------------------------------


RATINGS = ("again", "hard", "good", "easy")  # FSRS's ratings, as answers store them


class ReviewSettings(NamedTuple):
    """How cards are scheduled and how many reviews a day ask for (``[review]`` in config.toml).

    FSRS's own defaults are learning steps of 1 and 10 minutes: a right first answer would
    come back ten minutes later, which in a command-line quiz (not an in-session drill) only
    means the next `review` asks it again at once. One 10-minute step instead: a miss comes
    back the same day, a right answer graduates the card to days.
    """

    desired_retention: float = 0.9  # FSRS: the recall probability a card is due at
    learning_steps: tuple[dt.timedelta, ...] = (dt.timedelta(minutes=10),)  # after a miss on a new card
    relearning_steps: tuple[dt.timedelta, ...] = (dt.timedelta(minutes=10),)  # after a lapse of a learned card
    daily_limit: int = 50  # reviews a day; `review` stops there and says how many remain


DEFAULT_REVIEW = ReviewSettings()


def load_card(card_json: str | None) -> Any:
    """The fsrs ``Card`` a row holds, or None when it holds none (or a damaged one: the
    question is then scheduled afresh rather than breaking `review`)."""
    from fsrs import Card

    if not card_json:
        return None
    try:
        card = Card.from_json(card_json)
        card.due.isoformat()
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return card


def valid_card_json(card_json: str) -> bool:
    return load_card(card_json) is not None


def schedule(
    card_json: str | None, rating: str, now: dt.datetime, settings: ReviewSettings = DEFAULT_REVIEW
) -> tuple[str, dt.datetime]:
    """Review a card with FSRS; return its new JSON and due time.

    Fuzzing is off so that the same answers always give the same schedule. One change to
    FSRS's steps: ``hard`` at the last (re)learning step graduates the card like ``good``
    (FSRS would repeat the step), so every right answer on a new card is at least a day out.
    """
    from fsrs import Card, Rating, Scheduler, State

    card = load_card(card_json) or Card(card_id=int(now.timestamp() * 1000), due=now)
    learning, relearning = settings.learning_steps, settings.relearning_steps
    if rating == "hard" and card.step is not None:
        if card.state == State.Learning and card.step >= len(learning) - 1:
            learning = ()
        elif card.state == State.Relearning and card.step >= len(relearning) - 1:
            relearning = ()
    scheduler = Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=learning,
        relearning_steps=relearning,
        enable_fuzzing=False,
    )
    card, _ = scheduler.review_card(card, Rating[rating.capitalize()], review_datetime=now)
    return card.to_json(), card.due


class Replayed(NamedTuple):
    card: str  # FSRS card JSON
    due: dt.datetime
    reps: int
    lapses: int
    updated_at: str  # the last answer's time


def replay(answers: Sequence[tuple[str, str, str]], settings: ReviewSettings = DEFAULT_REVIEW) -> Replayed | None:
    """A card's schedule rebuilt from its answers (at, id, rating), oldest first, as if they
    had been given on one machine. After a merge the answer log is the truth: a card taken
    from either side would forget the other side's answers. Unreadable rows are skipped."""
    card: str | None = None
    due: dt.datetime | None = None
    reps = lapses = 0
    last = ""
    for at, _id, rating in sorted(answers):
        try:
            when = dt.datetime.fromisoformat(at)
        except ValueError:
            continue
        if when.tzinfo is None or rating not in RATINGS:
            continue
        card, due = schedule(card, rating, when, settings)
        reps += 1
        lapses += rating == "again"
        last = at
    return None if card is None or due is None else Replayed(card, due, reps, lapses, last)


def pick(questions: Sequence[QuestionRec], due: dict[str, str], now: dt.datetime, n: int) -> list[QuestionRec]:
    """Due cards first (oldest due first), then questions never asked, then the rest."""
    now_s = now.isoformat()
    overdue = sorted((q for q in questions if q.id in due and due[q.id] <= now_s), key=lambda q: due[q.id])
    new = [q for q in questions if q.id not in due]
    later = sorted((q for q in questions if q.id in due and due[q.id] > now_s), key=lambda q: due[q.id])
    return (overdue + new + later)[:n]


def forecast(dues: Sequence[str], now: dt.datetime, tz: dt.tzinfo, days: int = 7) -> tuple[int, list[tuple[dt.date, int]]]:
    """Cards due now (overdue included), and cards due on each of the next ``days`` local days.

    Today's count includes what is already due, so the days add up to every card due
    before the window ends.
    """
    today = now.astimezone(tz).date()
    counts = dict.fromkeys((today + dt.timedelta(days=i) for i in range(days)), 0)
    now_s = now.isoformat()
    due_now = 0
    for d in dues:
        if d <= now_s:
            due_now += 1
            counts[today] += 1
            continue
        day = dt.datetime.fromisoformat(d).astimezone(tz).date()
        if day in counts:
            counts[day] += 1
    return due_now, sorted(counts.items())


# -- the learner's own cards ---------------------------------------------------------

OWN_SOURCE = SourceRec("", None, None)  # the learner's own: no source to show


def own_question(card: OwnCard) -> QuestionRec:
    """An own card as a question: the same text in both languages (it is in the learner's)."""
    return QuestionRec(
        id=card.id,
        topic=card.topic,
        kind="short",
        prompt=Bi(card.question, card.question),
        options=(),
        answer_index=None,
        answer_bool=None,
        model_answer=Bi(card.answer, card.answer),
        explanation=Bi("", ""),
        source=OWN_SOURCE,
    )


CARD_TEMPLATE = """# Write the question under "# Question" and the answer under "# Answer".
# Lines starting with # are ignored; an empty question or answer cancels.
# 在 "# Question" 下写问题，在 "# Answer" 下写答案；以 # 开头的行会被忽略。
# Question

# Answer

"""


def parse_card_text(text: str) -> tuple[str, str]:
    """Question and answer from the editor template (either may come back empty)."""
    parts: dict[str, list[str]] = {"question": [], "answer": []}
    current: str | None = None
    for line in text.splitlines():
        head = line.strip().lower()
        if head in ("# question", "# answer"):
            current = head[2:]
            continue
        if line.lstrip().startswith("#") or current is None:
            continue
        parts[current].append(line)
    return "\n".join(parts["question"]).strip(), "\n".join(parts["answer"]).strip()


# -- cards for other tools (Anki, CSV) ------------------------------------------------


def faces(q: QuestionRec, lang: str) -> tuple[str, str]:
    """A question as a flashcard's two sides in one language: prompt (with the options in
    the data's order, lettered) and answer (with the explanation when there is one)."""
    front = q.prompt.get(lang)
    if q.kind == "choice":
        front += "".join(f"\n{LETTERS[i]}) {o.get(lang)}" for i, o in enumerate(q.options))
    elif q.kind == "true_false":
        front += Bi("（对/错）", " (true/false)").get(lang)
    answer = correct_answer(q, lang)
    if q.kind == "choice":
        assert q.answer_index is not None
        answer = f"{LETTERS[q.answer_index]}) {answer}"
    explanation = q.explanation.get(lang)
    back = f"{answer}\n\n{explanation}" if explanation else answer
    return front, back


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
