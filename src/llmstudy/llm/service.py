"""The model behind the use cases' Protocols: a question writer, an explainer, a status probe.

The client is built once per command and shared; every call is recorded through ``record``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from llmstudy.actions.results import LlmStatus
from llmstudy.core.records import Bi, Lang, QuestionRec, TopicRec
from llmstudy.errors import LLMError
from llmstudy.llm.client import CallRecord, LlmClient
from llmstudy.llm.prompts import explain_messages, question_from_llm
from llmstudy.llm.quizgen import QuizJob, Waiting
from llmstudy.llm.settings import LlmSettings


class Memory:
    """What the store remembers for the model: the structured-output mode that worked."""

    def __init__(self, get: Callable[[str], str | None], put: Callable[[str, str], None]) -> None:
        self.get, self.put = get, put


@contextlib.contextmanager
def no_wait(message: Bi) -> Iterator[None]:
    yield


class Model:
    """A configured endpoint: writes questions, explains topics.

    ``langs``: the languages of generated questions (the learner's, or both on request).
    ``waiting``: shows that the learner waits for the model (a spinner on a terminal).
    """

    def __init__(
        self,
        settings: LlmSettings,
        record: Callable[[CallRecord], None],
        memory: Memory,
        langs: tuple[str, ...] = ("en",),
        waiting: Waiting = no_wait,
    ) -> None:
        self.settings = settings
        self.client = LlmClient(settings, record)
        self.record = record
        self.model = self.client.model
        self.memory = memory
        self.langs = langs
        self.waiting = waiting
        self.mode_key = f"llm_mode:{settings.base_url}:{settings.model}"

    def remember(self, mode: str) -> None:
        if self.memory.get(self.mode_key) != mode:
            self.memory.put(self.mode_key, mode)

    def write(self, topic: TopicRec, n: int, avoid: Sequence[str]) -> Iterator[QuestionRec]:
        """Checked questions one by one; generation starts now, in a background thread."""
        job = QuizJob(self.settings, topic, n, avoid, self.langs, self.memory.get(self.mode_key)).start()
        return self._questions(job, topic)

    def _questions(self, job: QuizJob, topic: TopicRec) -> Iterator[QuestionRec]:
        source = job.questions(self.record, self.remember, self.waiting)
        try:
            for q in source:
                yield question_from_llm(q, topic, self.model, self.langs)
        finally:
            source.close()

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
