"""`explain`: a topic at the learner's level, from the curated content or streamed from a model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from llmstudy.actions.results import Explanation, Streamed
from llmstudy.core.records import Lang, TopicRec
from llmstudy.errors import LLMError, UsageError

LEVELS = ("child", "beginner", "expert")


class Explainer(Protocol):
    def explain(self, topic: TopicRec, level: str, lang: Lang, question: str | None) -> Iterator[str]:
        """The explanation's text as it arrives."""


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}", hint="use child, beginner or expert")
    return level


def offline(topic: TopicRec, question: str | None, level: str = "beginner") -> Explanation:
    if question:
        raise UsageError("--ask needs an LLM", hint="configure one (llmstudy llm status) or drop --ask")
    return Explanation(topic, check_level(level))


def with_model(
    explainer: Explainer,
    topic: TopicRec,
    level: str,
    lang: Lang,
    question: str | None,
    show: Callable[[str], None],
) -> Streamed:
    """Stream the model's explanation to ``show``; an empty reply is an error, not silence."""
    chars = 0
    for piece in explainer.explain(topic, check_level(level), lang, question):
        show(piece)
        chars += len(piece.strip())
    if chars == 0:
        raise LLMError("the model sent an empty explanation", hint="llmstudy llm log shows the call; try again")
    return Streamed(chars)
