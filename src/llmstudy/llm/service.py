"""The model behind the use cases' Protocols: a question writer, an explainer, a status probe.

The client is built once per command and shared; every call is recorded through ``record``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from llmstudy.actions.results import LlmStatus
from llmstudy.core.records import Graded, Lang, QuestionRec, TopicRec
from llmstudy.errors import LLMError
from llmstudy.llm.client import CallRecord, LlmClient
from llmstudy.llm.grading import LlmGrade, grade_messages, graded, validate_grade
from llmstudy.llm.prompts import explain_messages, question_from_llm, quiz_messages
from llmstudy.llm.settings import LlmSettings


class Memory:
    """What the store remembers for the model: the structured-output mode that worked."""

    def __init__(self, get: Callable[[str], str | None], put: Callable[[str, str], None]) -> None:
        self.get, self.put = get, put


class Model:
    """A configured endpoint: writes questions, explains topics."""

    def __init__(self, settings: LlmSettings, record: Callable[[CallRecord], None], memory: Memory) -> None:
        self.client = LlmClient(settings, record)
        self.model = self.client.model
        self.memory = memory
        self.mode_key = f"llm_mode:{settings.base_url}:{settings.model}"

    def write(self, topic: TopicRec, n: int, avoid: Sequence[str]) -> list[QuestionRec]:
        remembered = self.memory.get(self.mode_key)
        generated, mode = self.client.generate_quiz(topic.id, quiz_messages(topic, n, avoid), n, remembered)
        if remembered != mode:
            self.memory.put(self.mode_key, mode)
        return [question_from_llm(g, topic, self.model) for g in generated]

    def grade(self, topic: TopicRec, text: str, lang: Lang) -> Graded:
        """The model's grading of a teach-back, checked locally (``LLMError`` when unusable)."""
        remembered = self.memory.get(self.mode_key)
        n = len(topic.key_points)
        grade, mode = self.client.structured(
            "teach",
            grade_messages(topic, text, lang),
            ("teach_back", LlmGrade.model_json_schema()),
            lambda data: validate_grade(data, n),
            remembered,
            "the model's gradings",
        )
        if remembered != mode:
            self.memory.put(self.mode_key, mode)
        assert grade is not None
        return graded(grade, topic)

    def explain(self, topic: TopicRec, level: str, lang: Lang, question: str | None) -> Iterator[str]:
        return self.client.stream("explain", explain_messages(topic, level, lang, question))


def status(settings: LlmSettings, config_file: Path, model: Model | None) -> tuple[LlmStatus, LLMError | None]:
    """The configuration (never the key) and, when configured, whether the endpoint answers."""
    endpoint, error = None, None
    if model is not None:
        try:
            endpoint = model.client.ping()
        except LLMError as exc:
            error = exc
            endpoint = f"error: {exc.message}"
    result = LlmStatus(
        configured=settings.configured,
        model=settings.model,
        base_url=settings.base_url,
        api_key="set" if settings.api_key else "not set",
        api_key_from=settings.key_source,
        timeout_seconds=settings.timeout,
        config_file=config_file,
        remembered_mode=None if model is None else model.memory.get(model.mode_key),
        endpoint=endpoint,
    )
    return result, error
