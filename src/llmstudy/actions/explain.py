"""`explain`: a topic at the learner's level, from the curated content or streamed from a model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from llmstudy.actions.results import Explanation, Streamed
from llmstudy.core.records import Bi, Lang, TopicRec
from llmstudy.errors import LLMError, UsageError

LEVELS = ("child", "beginner", "expert")


class Explainer(Protocol):
    def explain(self, topic: TopicRec, level: str, lang: Lang, question: str | None) -> Iterator[str]:
        """The explanation's text as it arrives."""


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise UsageError(Bi(f"未知的难度 {level!r}", f"unknown level {level!r}"), hint=Bi("可选 child、beginner 或 expert", "use child, beginner or expert"))
    return level


def offline(topic: TopicRec, question: str | None, level: str = "beginner") -> Explanation:
    if question:
        raise UsageError(
            Bi("--ask 需要配置模型", "--ask needs an LLM"),
            hint=Bi("配置一个模型（llmstudy llm status），或去掉 --ask", "configure one (llmstudy llm status) or drop --ask"),
        )
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
        raise LLMError(
            Bi("模型返回了空的讲解", "the model sent an empty explanation"),
            hint=Bi("llmstudy llm log 可以看到这次调用；再试一次", "llmstudy llm log shows the call; try again"),
        )
    return Streamed(chars)
