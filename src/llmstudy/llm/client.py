"""The only module that imports ``openai``: any OpenAI-compatible chat endpoint.

- A time budget per task (a quiz's questions, an explanation): every request gets
  what is left of it, and the client's own retries are off, so faults end within it.
- Structured output degrades ``json_schema`` → ``json_object`` → plain JSON in text,
  because servers differ (llama-cpp-python answers 500 to ``json_schema``); the mode
  that worked is remembered per endpoint by the caller.
- Every call is reported to ``record`` (for the ``llm_calls`` table), never with the key.
- Every failure becomes an ``LLMError`` with a short message: no traceback, no key.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import openai
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from llmstudy.errors import LLMError
from llmstudy.llm.settings import LlmSettings

MODES = ("json_schema", "json_object", "plain")
T = TypeVar("T")


class LlmText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str
    zh: str


class LlmQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str
    prompt: LlmText
    options: list[LlmText]
    answer_index: int
    explanation: LlmText


class LlmQuiz(BaseModel):
    model_config = ConfigDict(extra="forbid")
    questions: list[LlmQuestion] = Field(description="the quiz questions")


@dataclass(frozen=True)
class CallRecord:
    purpose: str
    model: str
    host: str
    mode: str
    prompt: str
    response: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    latency_ms: int
    error: str | None


class ModeUnsupported(Exception):
    """The server refused this response_format: try the next, simpler one."""


def validate_quiz(data: Any, topic_id: str, n: int) -> tuple[list[LlmQuestion], list[str]]:
    """Parse and check a reply; return the good questions and a list of problems."""
    try:
        quiz = LlmQuiz.model_validate(data)
    except ValidationError as exc:
        return [], [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:10]]
    problems: list[str] = []
    good: list[LlmQuestion] = []
    for i, q in enumerate(quiz.questions):
        errs = []
        if q.topic != topic_id:
            errs.append(f"questions[{i}].topic must be {topic_id!r}")
        if len(q.options) != 4:
            errs.append(f"questions[{i}].options must have exactly 4 items")
        elif len({o.en.strip().lower() for o in q.options}) != 4:
            errs.append(f"questions[{i}].options must be distinct")
        if not 0 <= q.answer_index < len(q.options):
            errs.append(f"questions[{i}].answer_index must be 0-3")
        if not (q.explanation.en.strip() and q.explanation.zh.strip()):
            errs.append(f"questions[{i}].explanation must not be empty")
        if not (q.prompt.en.strip() and q.prompt.zh.strip()):
            errs.append(f"questions[{i}].prompt must not be empty")
        if errs:
            problems += errs
        else:
            good.append(q)
    if len(good) < n and not problems:
        problems.append(f"expected {n} questions, got {len(good)}")
    return good, problems


def extract_json(text: str) -> Any:
    """The JSON object in a reply: the whole text, a ```json fence, or the outermost braces."""
    text = text.strip()
    candidates = [text]
    fence = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fence:
        candidates.append(fence.group(1))
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start : end + 1])
    for c in candidates:
        try:
            return json.loads(c)
        except json.JSONDecodeError:
            continue
    raise ValueError("the reply holds no JSON object")


class LlmClient:
    def __init__(self, settings: LlmSettings, record: Callable[[CallRecord], None]) -> None:
        if not settings.model:
            raise LLMError("no model configured", hint="set LLMSTUDY_MODEL (and OPENAI_BASE_URL / OPENAI_API_KEY)")
        self.settings = settings
        self.model: str = settings.model
        self.record = record
        self.client = openai.OpenAI(
            api_key=settings.api_key or "not-needed",
            base_url=settings.base_url,
            max_retries=0,
            timeout=settings.timeout,
        )

    def _remaining(self, deadline: float) -> float:
        left = deadline - time.monotonic()
        if left <= 0.05:
            raise LLMError(
                f"the model did not answer within {self.settings.timeout:g}s",
                hint="raise LLMSTUDY_LLM_TIMEOUT or check the server",
            )
        return left

    def _error(self, exc: Exception) -> LLMError:
        if isinstance(exc, openai.APITimeoutError):
            return LLMError(f"{self.settings.host} timed out", hint="raise LLMSTUDY_LLM_TIMEOUT or check the server")
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(f"cannot reach {self.settings.host}", hint="check OPENAI_BASE_URL and that the server runs")
        if isinstance(exc, openai.RateLimitError):
            return LLMError(f"{self.settings.host} is rate limiting (429)", hint="wait a minute and try again")
        if isinstance(exc, openai.AuthenticationError):
            return LLMError(f"{self.settings.host} refused the API key (401)", hint="check OPENAI_API_KEY")
        if isinstance(exc, openai.APIStatusError):
            return LLMError(f"{self.settings.host} answered HTTP {exc.status_code}", hint="llmstudy llm status")
        return LLMError(f"the model call failed ({type(exc).__name__})", hint="llmstudy llm log shows the call")

    def _call(
        self,
        purpose: str,
        messages: list[dict[str, str]],
        mode: str,
        deadline: float,
        check: Callable[[str], str | None] | None = None,
        schema: tuple[str, dict[str, Any]] | None = None,
    ) -> str:
        """One request. ``check`` judges the reply text; what it says is logged as the call's error."""
        kwargs: dict[str, Any] = {}
        if mode == "json_schema" and schema is not None:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema[0], "schema": schema[1], "strict": True},
            }
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object"}
        started = time.monotonic()
        prompt = json.dumps(messages, ensure_ascii=False)
        try:
            resp = self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                timeout=self._remaining(deadline),
                temperature=0.4,
                **kwargs,
            )
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, then mapped
            err = self._error(exc) if not isinstance(exc, LLMError) else exc
            self._log(purpose, mode, prompt, started, error=err.message)
            status = getattr(exc, "status_code", None)
            if mode != "plain" and status in (400, 404, 415, 422, 500, 501):
                raise ModeUnsupported(err.message) from None
            raise err from None
        try:
            choice = resp.choices[0] if resp.choices else None
            text = (choice.message.content or "") if choice is not None and choice.message else ""
        except (AttributeError, TypeError, IndexError):
            # Not a chat completion at all (an HTML page, plain text, a proxy's error).
            message = f"{self.settings.host} sent a malformed reply"
            self._log(purpose, mode, prompt, started, response=str(resp)[:2000], error=message)
            raise LLMError(message, hint="check OPENAI_BASE_URL points at an OpenAI-compatible /v1") from None
        error = None if check is None else check(text)
        self._log(purpose, mode, prompt, started, response=text, usage=getattr(resp, "usage", None), error=error)
        return text

    def _log(
        self,
        purpose: str,
        mode: str,
        prompt: str,
        started: float,
        response: str | None = None,
        usage: Any = None,
        error: str | None = None,
    ) -> None:
        self.record(
            CallRecord(
                purpose=purpose,
                model=self.model,
                host=self.settings.host,
                mode=mode,
                prompt=prompt,
                response=response,
                prompt_tokens=getattr(usage, "prompt_tokens", None),
                completion_tokens=getattr(usage, "completion_tokens", None),
                latency_ms=int((time.monotonic() - started) * 1000),
                error=error,
            )
        )

    def generate_quiz(
        self, topic_id: str, messages: list[dict[str, str]], n: int, start_mode: str | None
    ) -> tuple[list[LlmQuestion], str]:
        """Questions for ``topic_id`` and the response mode that worked.

        One corrective retry with the validation errors; then ``LLMError``.
        """

        def parse(data: Any) -> tuple[list[LlmQuestion], list[str]]:
            return validate_quiz(data, topic_id, n)

        good, mode = self.structured(
            "quiz", messages, ("quiz", LlmQuiz.model_json_schema()), parse, start_mode, "the model's questions"
        )
        return good[:n], mode

    def structured(
        self,
        purpose: str,
        messages: list[dict[str, str]],
        schema: tuple[str, dict[str, Any]],
        parse: Callable[[Any], tuple[T, list[str]]],
        start_mode: str | None,
        what: str,
    ) -> tuple[T, str]:
        """A reply that ``parse`` accepts (no problems), and the response mode that worked.

        The modes degrade json_schema → json_object → plain as the server refuses them;
        an invalid reply gets one corrective retry with the problems; then ``LLMError``.
        """
        deadline = time.monotonic() + self.settings.timeout
        modes = list(MODES[MODES.index(start_mode) :]) if start_mode in MODES else list(MODES)
        convo = list(messages)
        corrected = False
        value: T | None = None
        problems: list[str] = []

        def check(text: str) -> str | None:
            nonlocal value, problems
            try:
                value, problems = parse(extract_json(text))
            except ValueError as exc:
                value, problems = None, [str(exc)]
            return ("invalid reply: " + "; ".join(problems[:3])) if problems else None

        while modes:
            mode = modes[0]
            try:
                text = self._call(purpose, convo, mode, deadline, check, schema)
            except ModeUnsupported:
                modes.pop(0)
                continue
            if not problems and value is not None:
                return value, mode
            if corrected:
                raise LLMError(
                    f"{what} were invalid twice: " + "; ".join(problems[:3]),
                    hint="llmstudy llm log shows the replies",
                )
            corrected = True
            convo = [
                *messages,
                {"role": "assistant", "content": text[:4000]},
                {
                    "role": "user",
                    "content": "Your reply was invalid: "
                    + "; ".join(problems[:10])
                    + ". Reply again with only the corrected JSON object.",
                },
            ]
        raise LLMError("the endpoint accepts no JSON output mode", hint="llmstudy llm log shows the calls")

    def stream(self, purpose: str, messages: list[dict[str, str]]) -> Iterator[str]:
        """Yield the reply's text as it arrives, within the time budget."""
        deadline = time.monotonic() + self.settings.timeout
        started = time.monotonic()
        prompt = json.dumps(messages, ensure_ascii=False)
        parts: list[str] = []
        error: LLMError | None = None
        try:
            stream = self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                stream=True,
                timeout=self._remaining(deadline),
            )
            for chunk in cast(Iterator[Any], stream):
                self._remaining(deadline)
                if chunk.choices and chunk.choices[0].delta and chunk.choices[0].delta.content:
                    piece = chunk.choices[0].delta.content
                    parts.append(piece)
                    yield piece
        except LLMError as exc:
            error = exc
        except Exception as exc:  # noqa: BLE001 - mapped to a clear error
            error = self._error(exc)
        finally:
            self._log(
                purpose,
                "stream",
                prompt,
                started,
                "".join(parts) or None,
                None,
                None if error is None else error.message,
            )
        if error is not None:
            raise error

    def ping(self) -> str:
        """Check that the endpoint answers: list its models (falls back to a tiny chat call)."""
        deadline = time.monotonic() + min(self.settings.timeout, 10)
        try:
            models = self.client.models.list(timeout=self._remaining(deadline))
            names = [m.id for m in models.data][:5]
            return "models: " + (", ".join(names) if names else "(none listed)")
        except openai.NotFoundError:
            pass
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc) from None
        self._call("ping", [{"role": "user", "content": "Reply with OK."}], "plain", deadline)
        return "chat endpoint answered"
