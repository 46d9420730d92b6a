"""Scripted learners' answer lines for quizzes run with ``--seed``.

A quiz shows each question through one ``random.Random(seed)``, in order, so a script that
knows the seed knows where each option lands: ``--seed`` is what makes a run reproducible.
"""

from __future__ import annotations

import random
from typing import Any

from llmstudy.core import cards
from llmstudy.core.records import Bi, QuestionRec, SourceRec


def as_question(doc: dict[str, Any]) -> QuestionRec:
    """Enough of a question (curated doc or a model's reply) for showing it."""
    return QuestionRec(
        id=doc.get("id", "x"),
        topic=doc.get("topic", "x"),
        kind=doc.get("kind", "choice"),
        prompt=Bi("问", "q"),
        options=tuple(Bi(o, o) if isinstance(o, str) else Bi(o["zh"], o["en"]) for o in doc.get("options", [])),
        answer_index=doc.get("answer_index"),
        answer_bool=doc.get("answer_bool"),
        model_answer=None,
        explanation=Bi("", ""),
        source=SourceRec("", None, None),
    )


def lines(docs: list[dict[str, Any]], seed: int, right: bool | list[bool] = True) -> list[str]:
    """The input lines of a learner answering ``docs`` in order, right or wrong each time."""
    rng = random.Random(seed)
    out: list[str] = []
    for i, doc in enumerate(docs):
        ok = right[i] if isinstance(right, list) else right
        shown = cards.show(as_question(doc), rng)
        kind = shown.question.kind
        if kind == "choice":
            target = doc["answer_index"] if ok else (doc["answer_index"] + 1) % len(shown.order)
            out.append(shown.letter_of(target))
        elif kind == "true_false":
            out.append("t" if doc["answer_bool"] == ok else "f")
        else:
            out += ["my own words", "y"] if ok else ["no idea", "n"]
    return out


def text(docs: list[dict[str, Any]], seed: int, right: bool | list[bool] = True) -> str:
    return "\n".join(lines(docs, seed, right)) + "\n"
