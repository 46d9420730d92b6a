"""A small OpenAI-compatible HTTP server on 127.0.0.1 with scripted replies.

Each reply is a dict: ``{"json": {...}}`` (content is that object as JSON text),
``{"content": "text"}``, ``{"status": 500}``, ``{"status": 429}``, ``{"delay": 5, ...}``,
``{"stream": ["chunk", ...]}``, ``{"raw": "not json at all"}``, or
``{"reject_schema": True}`` (answers 500 when response_format is json_schema, the way
llama-cpp-python's server does, and otherwise takes the next reply), or
``{"plain_only": True}`` (answers 400 to any response_format, and otherwise takes the next reply).
Requests are recorded for assertions. The real ``openai`` client talks to it.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class FakeLLM:
    def __init__(self) -> None:
        self.replies: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.endswith("/models"):
                    self._send(
                        200,
                        json.dumps({"object": "list", "data": [{"id": "fake-model", "object": "model"}]}).encode(),
                    )
                else:
                    self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(body)
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = fake._next(body)
                if reply.get("delay"):
                    time.sleep(float(reply["delay"]))
                if "status" in reply and reply["status"] != 200:
                    msg = json.dumps({"error": {"message": f"scripted {reply['status']}", "type": "server_error"}})
                    self._send(int(reply["status"]), msg.encode())
                    return
                if "raw" in reply:
                    self._send(200, str(reply["raw"]).encode(), "text/plain")
                    return
                if "stream" in reply:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for piece in reply["stream"]:
                        chunk = {
                            "id": "c1",
                            "object": "chat.completion.chunk",
                            "created": 0,
                            "model": "fake-model",
                            "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                        }
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                        if reply.get("chunk_delay"):
                            time.sleep(float(reply["chunk_delay"]))
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                    return
                content = reply["content"] if "content" in reply else json.dumps(reply.get("json", {}))
                completion = {
                    "id": "c1",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", "fake-model"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": content},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 11, "completion_tokens": 22, "total_tokens": 33},
                }
                self._send(200, json.dumps(completion).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    def _next(self, body: dict[str, Any]) -> dict[str, Any]:
        while self.replies:
            reply = self.replies[0]
            if reply.get("reject_schema"):
                fmt = (body.get("response_format") or {}).get("type")
                if fmt == "json_schema":
                    return {"status": 500}
                self.replies.pop(0)
                continue
            if reply.get("plain_only"):
                if body.get("response_format"):
                    return {"status": 400}
                self.replies.pop(0)
                continue
            return self.replies.pop(0)
        return {"status": 500}

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> FakeLLM:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def serving(monkeypatch: pytest.MonkeyPatch, **env: str | None) -> Iterator[FakeLLM]:
    """A started FakeLLM the CLI is pointed at (model "fake-model", a 5 s timeout), stopped on
    exit; ``env`` sets more variables (None unsets one)."""
    server = FakeLLM().start()
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("LLMSTUDY_MODEL", "fake-model")
        monkeypatch.setenv("LLMSTUDY_LLM_TIMEOUT", "5")
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        yield server
    finally:
        server.stop()


def quiz_reply(
    topic: str,
    n: int = 3,
    overrides: dict[str, Any] | None = None,
    langs: tuple[str, ...] = ("en",),
    first: int = 0,
) -> dict[str, Any]:
    """A valid structured quiz reply with ``n`` questions (texts in ``langs``: a string for one)."""

    def text(en: str, zh: str) -> Any:
        return en if langs == ("en",) else zh if langs == ("zh",) else {"en": en, "zh": zh}

    qs = []
    for i in range(first, first + n):
        q = {
            "topic": topic,
            "prompt": text(f"Generated question {i} about {topic}?", f"关于 {topic} 的生成题 {i}？"),
            "options": [text(f"option {i}-{k}", f"选项 {i}-{k}") for k in range(4)],
            "answer_index": 2,
            "explanation": text("Because of the curated summary.", "依据整理好的摘要。"),
        }
        q.update(overrides or {})
        qs.append(q)
    return {"questions": qs}


def check_reply(question: dict[str, Any], agree: bool = True, lang: str = "en") -> dict[str, Any]:
    """The key-less check's answer to ``question`` (a quiz_reply item): the key's letter, or another.

    The check shows the options rotated (``quizgen.rotation``), so the letter is worked out here.
    """
    from llmstudy.llm.quizgen import rotation

    prompt = question["prompt"] if isinstance(question["prompt"], str) else question["prompt"][lang]
    order = rotation(prompt)
    key = int(question["answer_index"])
    shown = order.index(key) if agree else order.index((key + 1) % 4)
    return {"json": {"answer": "abcd"[shown]}}


def knowledge_replies(topic: str, right: int, lang: str = "en", n: int = 4) -> list[dict[str, Any]]:
    """The key-less answers `llm check` gets to the topic's first ``n`` curated choice
    questions: the first ``right`` of them right, the others wrong."""
    from llmstudy.context import bundled_data_dir
    from llmstudy.curriculum.validate import load
    from llmstudy.llm.quizgen import rotation

    bank = [q for q in load(bundled_data_dir()).questions if q.topic == topic and q.kind == "choice"][:n]
    replies = []
    for i, q in enumerate(bank):
        assert q.answer_index is not None
        order = rotation(q.prompt.zh if lang == "zh" else q.prompt.en)
        pick = q.answer_index if i < right else (q.answer_index + 1) % 4
        replies.append({"json": {"answer": "abcd"[order.index(pick)]}})
    return replies


def quiz_turn(
    topic: str, n: int = 1, langs: tuple[str, ...] = ("en",), first: int = 0, **extra: Any
) -> list[dict[str, Any]]:
    """A reply with ``n`` valid questions and the checks that agree with each."""
    reply = quiz_reply(topic, n, langs=langs, first=first)
    return [{"json": reply, **extra}, *(check_reply(q, lang=langs[0]) for q in reply["questions"])]
