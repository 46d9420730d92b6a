"""The only module that imports ``openai``: any OpenAI-compatible chat endpoint.

- A time budget per request (an explanation's stream: for all of it), and the client's own
  retries are off, so faults end within it.
- Structured output degrades ``json_schema`` → ``json_object`` → plain JSON in text,
  because servers differ (llama-cpp-python answers 500 to ``json_schema``); the mode
  that worked is remembered per endpoint by the caller. The schemas live in ``schema``.
- Every call is reported to ``record`` (for the ``llm_calls`` table), never with the key.
- Every failure becomes an ``LLMError`` with a short message: no traceback, no key.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar, cast

import openai

from llmstudy.core.records import Bi
from llmstudy.errors import LLMError
from llmstudy.llm.settings import LlmSettings

MODES = ("json_schema", "json_object", "plain")
NO_JSON_MODE = Bi("这个服务不支持任何 JSON 输出模式", "the endpoint accepts no JSON output mode")
SLOW_HINT = Bi("调大 LLMSTUDY_LLM_TIMEOUT，或检查服务器", "raise LLMSTUDY_LLM_TIMEOUT or check the server")
T = TypeVar("T")
EXPLAIN_TOKENS = 700


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


class Reply(NamedTuple):
    text: str
    seconds: float
    completion_tokens: int | None


class ModeUnsupported(Exception):
    """The server refused this response_format: try the next, simpler one."""


class LlmClient:
    def __init__(self, settings: LlmSettings, record: Callable[[CallRecord], None]) -> None:
        if not settings.model:
            raise LLMError(
                Bi("没有配置模型", "no model configured"),
                hint=Bi("设置 LLMSTUDY_MODEL（以及 OPENAI_BASE_URL / OPENAI_API_KEY）", "set LLMSTUDY_MODEL (and OPENAI_BASE_URL / OPENAI_API_KEY)"),
            )
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
            t = self.settings.timeout
            raise LLMError(Bi(f"模型在 {t:g} 秒内没有回答", f"the model did not answer within {t:g}s"), hint=SLOW_HINT)
        return left

    def _error(self, exc: Exception) -> LLMError:
        h = self.settings.host
        if isinstance(exc, openai.APITimeoutError):
            return LLMError(Bi(f"{h} 超时", f"{h} timed out"), hint=SLOW_HINT)
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(
                Bi(f"无法连接 {h}", f"cannot reach {h}"),
                hint=Bi("检查 OPENAI_BASE_URL，以及服务器是否在运行", "check OPENAI_BASE_URL and that the server runs"),
            )
        if isinstance(exc, openai.RateLimitError):
            return LLMError(Bi(f"{h} 正在限流（429）", f"{h} is rate limiting (429)"), hint=Bi("等一分钟再试", "wait a minute and try again"))
        if isinstance(exc, openai.AuthenticationError):
            return LLMError(Bi(f"{h} 拒绝了 API 密钥（401）", f"{h} refused the API key (401)"), hint=Bi("检查 OPENAI_API_KEY", "check OPENAI_API_KEY"))
        if isinstance(exc, openai.APIStatusError):
            return LLMError(Bi(f"{h} 返回了 HTTP {exc.status_code}", f"{h} answered HTTP {exc.status_code}"), hint="llmstudy llm status")
        name = type(exc).__name__
        return LLMError(Bi(f"调用模型失败（{name}）", f"the model call failed ({name})"), hint=Bi("llmstudy llm log 可以看到这次调用", "llmstudy llm log shows the call"))

    def call(
        self,
        purpose: str,
        messages: list[dict[str, str]],
        mode: str,
        deadline: float,
        check: Callable[[str], str | None] | None = None,
        schema: tuple[str, dict[str, Any]] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.4,
        presence_penalty: float | None = None,
    ) -> Reply:
        """One request. ``schema`` (name, JSON schema) goes in ``json_schema`` mode; ``check``
        judges the reply text and what it says is logged as the call's error."""
        kwargs: dict[str, Any] = {}
        if mode == "json_schema" and schema is not None:
            name, body = schema
            kwargs["response_format"] = {"type": "json_schema", "json_schema": {"name": name, "schema": body, "strict": True}}
        elif mode in ("json_schema", "json_object"):
            kwargs["response_format"] = {"type": "json_object"}
        if max_tokens is not None:
            kwargs["max_tokens"] = max_tokens
        if presence_penalty is not None:
            kwargs["presence_penalty"] = presence_penalty
        started = time.monotonic()
        prompt = json.dumps(messages, ensure_ascii=False)
        try:
            resp = self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                timeout=self._remaining(deadline),
                temperature=temperature,
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
            message = Bi(f"{self.settings.host} 的回复格式不对", f"{self.settings.host} sent a malformed reply")
            self._log(purpose, mode, prompt, started, response=str(resp)[:2000], error=message.en)
            raise LLMError(
                message,
                hint=Bi("检查 OPENAI_BASE_URL 是否指向兼容 OpenAI 的 /v1", "check OPENAI_BASE_URL points at an OpenAI-compatible /v1"),
            ) from None
        error = None if check is None else check(text)
        usage = getattr(resp, "usage", None)
        seconds = self._log(purpose, mode, prompt, started, response=text, usage=usage, error=error)
        tokens = getattr(usage, "completion_tokens", None)
        return Reply(text, seconds, tokens if isinstance(tokens, int) else None)

    def _log(
        self,
        purpose: str,
        mode: str,
        prompt: str,
        started: float,
        response: str | None = None,
        usage: Any = None,
        error: str | None = None,
    ) -> float:
        """Report the call; return its duration in seconds."""
        seconds = time.monotonic() - started
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
                latency_ms=int(seconds * 1000),
                error=error,
            )
        )
        return seconds

    def structured(
        self,
        purpose: str,
        messages: list[dict[str, str]],
        schema: tuple[str, dict[str, Any]],
        parse: Callable[[Any], tuple[T, list[str]]],
        start_mode: str | None,
        what: Bi,
    ) -> tuple[T, str]:
        """A reply that ``parse`` accepts (no problems), and the response mode that worked.

        The modes degrade json_schema → json_object → plain as the server refuses them;
        an invalid reply gets one corrective retry with the problems; then ``LLMError``.
        """
        from llmstudy.llm.schema import extract_json

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
                text = self.call(purpose, convo, mode, deadline, check, schema).text
            except ModeUnsupported:
                modes.pop(0)
                continue
            if not problems and value is not None:
                return value, mode
            if corrected:
                found = "; ".join(problems[:3])
                raise LLMError(
                    Bi(f"{what.zh}连续两次无效：{found}", f"{what.en} were invalid twice: {found}"),
                    hint=Bi("llmstudy llm log 可以看到这些回复", "llmstudy llm log shows the replies"),
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
        raise LLMError(NO_JSON_MODE, hint=Bi("llmstudy llm log 可以看到这些调用", "llmstudy llm log shows the calls"))

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
                # "under 300 words" is a wish to a small model, which rambled 7,000 characters
                # past the time budget; a cap ends the reply in time.
                max_tokens=EXPLAIN_TOKENS,
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

    def models(self) -> list[str]:
        """The model ids the endpoint lists (empty when it has no /models)."""
        deadline = time.monotonic() + min(self.settings.timeout, 10)
        try:
            return [m.id for m in self.client.models.list(timeout=self._remaining(deadline)).data]
        except openai.NotFoundError:
            return []
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc) from None

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
        self.call("ping", [{"role": "user", "content": "Reply with OK."}], "plain", deadline)
        return "chat endpoint answered"
