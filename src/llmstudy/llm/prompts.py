"""What is sent to the model: grounding in the curated topic, and how replies become questions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from llmstudy.core.records import Bi, QuestionRec, TopicRec, made_by_model

LANGUAGE = {"en": "English", "zh": "Simplified Chinese"}


def focus_facts(topic: TopicRec, start: int, k: int) -> list[Bi]:
    """The curated facts that ``k`` questions are about, from the ``start``-th on (cycling).

    One fact per question: a short prompt (a 0.5B model on a laptop CPU reads ~50 prompt
    tokens a second) and questions that differ from each other.
    """
    facts = list(topic.key_points) or [topic.summary]
    return [facts[(start + i) % len(facts)] for i in range(k)]


def _material(topic: TopicRec, facts: Sequence[Bi], lang: str) -> str:
    lines = "\n".join(f"- {f.get(lang)}" for f in facts)
    return f"Topic: {topic.title.get(lang)}\nFacts:\n{lines}\n"


def quiz_messages(
    topic: TopicRec, k: int, avoid: Sequence[str], langs: tuple[str, ...], start: int = 0, shape: bool = True
) -> list[dict[str, str]]:
    """Ask for ``k`` single-choice questions, each on one curated fact, grounded in it only.

    ``shape``: spell out the JSON shape (not needed when the schema is sent: a small model
    copies the example's placeholders).
    """
    if len(langs) == 1:
        texts = f"Write every text in {LANGUAGE[langs[0]]}."
        example = '{"questions": [{"topic": "%s", "prompt": "...", "options": ["...", "...", "...", "..."], "answer_index": 0, "explanation": "..."}]}'
    else:
        texts = "Write every text as an object with " + " and ".join(f'"{x}" ({LANGUAGE[x]})' for x in langs) + "."
        example = '{"questions": [{"topic": "%s", "prompt": {...}, "options": [{...} x4], "answer_index": 0, "explanation": {...}}]}'
    system = (
        "You write quiz questions about large language models, using ONLY the facts given; "
        "never invent facts, numbers or citations. Each question has 4 options: the correct answer "
        "and three different wrong answers (no option repeats another); answer_index is the "
        f"0-based index of the correct option; the explanation is one short sentence. {texts} "
        "Reply with compact JSON on one line" + (": " + example % topic.id if shape else ".")
    )
    lang = langs[0]
    user = (
        _material(topic, focus_facts(topic, start, k), lang)
        + (("Do not repeat:\n" + "\n".join(f"- {a}" for a in avoid[:3]) + "\n") if avoid else "")
        + f"Write {k} question{'s' if k > 1 else ''}, one per fact."
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def check_messages(
    topic: TopicRec, facts: Sequence[Bi], prompt: str, options: Sequence[str], lang: str
) -> list[dict[str, str]]:
    """The key-less check: answer the question from the same facts, without seeing its key."""
    system = 'Answer the single-choice question using the facts given. Reply with JSON only: {"answer": "<letter>"}.'
    letters = "abcd"
    user = (
        _material(topic, facts, lang)
        + f"Question: {prompt}\n"
        + "\n".join(f"{letters[i]}) {o}" for i, o in enumerate(options))
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def distractor_messages(topic: TopicRec, facts: Sequence[Bi], prompt: str, options: Sequence[str], key: int, n: int, lang: str) -> list[dict[str, str]]:
    """Complete a question whose wrong answers repeated each other: ``n`` more, all different."""
    wrong = [o for i, o in enumerate(options) if i != key]
    system = (
        f"You complete a single-choice quiz question with {n} more wrong answer{'s' if n > 1 else ''}: "
        "plausible, as long and specific as the correct answer, but false by the facts given, and "
        f'different from every answer listed. Write in {LANGUAGE[lang]}. Reply with JSON only: {{"wrong": [...]}}.'
    )
    user = (
        _material(topic, facts, lang)
        + f"Question: {prompt}\nCorrect answer: {options[key]}\n"
        + "Wrong answers so far:\n"
        + "\n".join(f"- {w}" for w in wrong)
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def cloze_messages(topic: TopicRec, key: str, n: int, lang: str) -> list[dict[str, str]]:
    """Wrong answers for a fill-in-the-blank question whose sentence and key are curated: other
    terms of the same kind. The sentence is not shown: a 0.5B model shown it copied its words
    (rag, tokenization, transformer: most wrong answers were words of the sentence)."""
    system = (
        f"You help write a multiple-choice quiz about large language models. Given a term, write {n} other "
        "terms of the same kind (other names, numbers, methods or concepts of the field), each plausible "
        f"but different in meaning from the term, all different from each other. Write in {LANGUAGE[lang]}. "
        'Reply with JSON only: {"wrong": [...]}.'
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": f"Topic: {topic.title.get(lang)}\nTerm: {key}"}]


LEVELS = {
    "child": "Explain it to a curious ten-year-old, with an everyday analogy and no formulas.",
    "beginner": "Explain it to a programmer new to machine learning: intuition first, then the key idea.",
    "expert": "Explain it to a practitioner: precise terms, the mechanism, trade-offs and pitfalls.",
}


def explain_messages(topic: TopicRec, level: str, lang: str, question: str | None) -> list[dict[str, str]]:
    facts = "\n".join(f"- {k.get(lang)}" for k in topic.key_points)
    language = Bi("Simplified Chinese", "English").get(lang)
    system = (
        f"You are a patient tutor. {LEVELS[level]} Answer in {language}, in Markdown, under 300 words. "
        "Ground everything in the curated material; if it does not cover something, say so rather "
        "than guessing. End with one question that makes the learner think."
    )
    user = (
        f"Topic: {topic.title.get(lang)} ({topic.id})\nSummary: {topic.summary.get(lang)}\nKey points:\n{facts}\n"
        + (f"Analogy: {topic.analogy.get(lang)}\n" if topic.analogy else "")
        + (f"The learner asks: {question}" if question else "Explain this topic.")
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def question_from_llm(q: dict[str, Any], topic: TopicRec, model: str, langs: tuple[str, ...], blank: bool = False) -> QuestionRec:
    """A validated generated question as a bank question (a card like any other). ``blank``: a
    curated sentence with a term blanked, the wrong answers by the model (``cloze``).

    Written in one language, the text stands for both: the learner asked for that language.
    """
    import hashlib

    def bi(value: Any) -> Bi:
        if len(langs) == 1:
            return Bi(str(value), str(value))
        return Bi(str(value["zh"]), str(value["en"]))

    raw = json.dumps(q, sort_keys=True, ensure_ascii=False).encode()
    digest = hashlib.sha256(raw).hexdigest()[:12]
    grounding = topic.sources[0]
    return QuestionRec(
        id=f"llm-{topic.id}-{digest}",
        topic=topic.id,
        kind="choice",
        prompt=bi(q["prompt"]),
        options=tuple(bi(o) for o in q["options"]),
        answer_index=int(q["answer_index"]),
        answer_bool=None,
        model_answer=None,
        explanation=bi(q["explanation"]),
        # Generated from the topic's curated content, whose first source grounds it.
        source=grounding,
        made_by=made_by_model(model, blank),
    )
