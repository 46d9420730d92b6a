"""The LLM path through the real openai client against a scripted server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import answers
from tests.fake_llm import FakeLLM, check_reply, quiz_reply, quiz_turn, serving
from tests.helpers import Cli, db_rows

SECRET = "sk-test-SECRET-abcdef123456"


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLM]:
    # the model's own questions; blanks: test_llm_blanks.py
    with serving(monkeypatch, OPENAI_API_KEY=SECRET, LLMSTUDY_BLANKS="off") as server:
        yield server


def assert_no_secret(home: Path, *texts: str) -> None:
    for t in texts:
        assert SECRET not in t
    for f in home.iterdir():
        if f.is_file() and f.name != "config.toml":  # the database and its WAL files
            assert SECRET.encode() not in f.read_bytes(), f


def test_generated_quiz(cli: Cli, llm: FakeLLM, home: Path) -> None:
    docs = [quiz_reply("attention", 1)["questions"][0], quiz_reply("attention", 1, first=1)["questions"][0]]
    llm.replies = [*quiz_turn("attention"), *quiz_turn("attention", first=1)]
    r = cli("quiz", "attention", "-n", "2", "--seed", "1", "--json", input=answers.text(docs, 1, [True, False]))
    assert r.exit_code == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["source"] == "llm" and result["asked"] == 2 and result["correct"] == 1
    body = llm.requests[0]
    assert body["model"] == "fake-model"
    assert body["response_format"]["type"] == "json_schema"
    system, user = body["messages"][0]["content"], body["messages"][1]["content"]
    assert "never invent facts" in system and "English" in system
    assert "Attention mechanism" in user and "Facts:\n- In 2014 Bahdanau" in user  # grounded in a curated fact
    assert llm.headers[0]["authorization"] == f"Bearer {SECRET}"
    # saved, and cards like any other question
    assert db_rows(home, "SELECT count(*) FROM generated_questions WHERE topic = 'attention'") == [(2,)]
    assert db_rows(home, "SELECT count(*) FROM cards WHERE question_id LIKE 'llm-attention-%'") == [(2,)]
    calls = cli.json("llm", "log")[::-1]
    assert [c["purpose"] for c in calls] == ["quiz", "check", "first-question", "quiz", "check"]
    assert all(c["error"] is None for c in calls) and calls[0]["prompt_tokens"] == 11
    assert calls[0]["host"] == llm.base_url.split("/")[2] and calls[0]["mode"] == "json_schema"
    assert [it["source"] for it in result["items"]] == ["llm", "llm"]
    assert_no_secret(home, r.stdout, r.stderr)
    # the saved questions are now part of the offline bank
    generated = {q for (q,) in db_rows(home, "SELECT id FROM generated_questions")}
    r = cli("quiz", "attention", "-n", "50", "--offline", "--json", input="a\n" * 100)
    assert r.exit_code == 0, r.stderr
    asked = {it["id"] for it in json.loads(r.stdout)["items"]}
    assert generated <= asked, generated - asked


def test_invalid_then_valid_gets_one_corrective_retry(cli: Cli, llm: FakeLLM) -> None:
    bad = quiz_reply("attention", 1)
    bad["questions"][0]["options"] = bad["questions"][0]["options"][:3]
    llm.replies = [{"json": bad}, *quiz_turn("attention")]
    one = quiz_reply("attention", 1)["questions"]
    result = json.loads(cli("quiz", "attention", "-n", "1", "--seed", "3", "--json", input=answers.text(one, 3)).stdout)
    assert result["source"] == "llm" and result["correct"] == 1
    assert len(llm.requests) == 3  # the retry and its check
    retry = llm.requests[1]["messages"][-1]["content"]
    assert "invalid" in retry and "exactly 4" in retry


@pytest.mark.parametrize(
    "bad",
    [
        {"answer_index": 7},
        {"topic": "rag"},
        {"explanation": {"en": "", "zh": ""}},
        {"options": [{"en": "same", "zh": "同"}] * 4},
    ],
)
def test_invalid_twice_falls_back_to_bank(cli: Cli, llm: FakeLLM, bad: dict[str, Any]) -> None:
    llm.replies = [{"json": quiz_reply("attention", 1, bad)}] * 3
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0
    result = json.loads(r.stdout)
    assert result["source"] == "bank" and "invalid 3 times" in result["fallback_reason"]
    assert "using the offline bank" in r.stderr
    assert len(llm.requests) == 3


@pytest.mark.parametrize(
    ("replies", "reason"),
    [
        ([{"raw": "this is not json"}], "malformed reply"),
        ([{"status": 429}], "rate limiting"),
        ([{"status": 500}, {"status": 500}, {"status": 500}], "HTTP 500"),
        ([{"content": "Sorry, I cannot help."}, {"content": "still no json"}, {"content": "no"}], "invalid 3 times"),
    ],
)
def test_faults_fall_back_to_bank(
    cli: Cli, llm: FakeLLM, home: Path, replies: list[dict[str, Any]], reason: str
) -> None:
    llm.replies = list(replies)
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["source"] == "bank" and reason in result["fallback_reason"]
    assert "Traceback" not in r.stderr
    assert db_rows(home, "SELECT count(*) FROM llm_calls WHERE error IS NOT NULL")[0][0] >= 1
    assert_no_secret(home, r.stdout, r.stderr)


def test_slow_server_times_out_within_budget(cli: Cli, llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMSTUDY_LLM_TIMEOUT", "1")
    llm.replies = [{"delay": 3, "json": quiz_reply("attention", 1)}]
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    result = json.loads(r.stdout)
    assert result["source"] == "bank" and "timed out" in result["fallback_reason"]
    assert len(llm.requests) == 1  # no retry once the budget is spent


def test_refused_connection_falls_back(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("LLMSTUDY_MODEL", "m")
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    result = json.loads(r.stdout)
    assert result["source"] == "bank" and "cannot reach" in result["fallback_reason"]


def test_llama_cpp_style_server_degrades_and_is_remembered(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [{"reject_schema": True}, *quiz_turn("attention")]
    assert json.loads(cli("quiz", "attention", "-n", "1", "--json", input="c\n").stdout)["source"] == "llm"
    assert [r.get("response_format", {}).get("type") for r in llm.requests] == ["json_schema", "json_object", "json_object"]
    llm.requests.clear()
    llm.replies = quiz_turn("attention", first=1)
    assert json.loads(cli("quiz", "attention", "-n", "1", "--json", input="c\n").stdout)["source"] == "llm"
    assert [r.get("response_format", {}).get("type") for r in llm.requests] == ["json_object", "json_object"]
    assert cli.json("llm", "status")["remembered_mode"] == "json_object"


def test_server_ignoring_format_still_works(cli: Cli, llm: FakeLLM) -> None:
    reply = quiz_reply("attention", 1)
    text = "Here you go:\n```json\n" + json.dumps(reply) + "\n```"
    llm.replies = [{"content": text}, check_reply(reply["questions"][0])]
    result = json.loads(cli("quiz", "attention", "-n", "1", "--seed", "4", "--json", input=answers.text(reply["questions"], 4)).stdout)
    assert result["source"] == "llm" and result["correct"] == 1


def test_markup_and_escapes_in_model_text_are_shown_as_text(cli: Cli, llm: FakeLLM) -> None:
    evil = quiz_reply("attention", 1)
    evil["questions"][0]["prompt"] = "[bold red]Boom[/] \x1b[2J\x1b]0;pwned\x07 what?"
    llm.replies = [{"json": evil}, check_reply(evil["questions"][0])]
    r = cli("quiz", "attention", "-n", "1", input="c\n")
    assert "[bold red]Boom[/]" in r.stdout
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    log = cli.ok("llm", "log", "--full").stdout  # the stored reply, shown again
    assert "[bold red]Boom[/]" in log and "\x1b" not in log and "\x07" not in log


def test_explain_streams_grounded_text(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [{"stream": ["# Attention\n", "It is a **weighted** sum. ", "[red]not markup[/] \x1b[31mred\x1b[0m"]}]
    r = cli("explain", "attention", "--level", "child", "--ask", "why divide by sqrt(d)?")
    assert r.exit_code == 0, r.stderr
    assert "# Attention" in r.stdout and "**weighted**" in r.stdout and "[red]not markup[/]" in r.stdout
    assert "\x1b" not in r.stdout
    body = llm.requests[0]
    assert body["stream"] is True
    assert "ten-year-old" in body["messages"][0]["content"]
    assert "why divide by sqrt(d)?" in body["messages"][1]["content"]
    assert "Key points" in body["messages"][1]["content"]
    calls = cli.json("llm", "log")
    assert calls[0]["purpose"] == "explain" and calls[0]["mode"] == "stream"


def test_explain_fault_is_a_clear_error(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [{"status": 500}]
    r = cli("explain", "attention")
    assert r.exit_code == 1 and r.stderr.startswith("error: ") and "HTTP 500" in r.stderr
    assert "Traceback" not in r.stderr and SECRET not in r.stderr


def test_explain_offline(cli: Cli) -> None:
    r = cli.ok("explain", "lora")
    assert "Low-Rank Adaptation" in r.stdout and "Analogy" in r.stdout
    assert cli("explain", "lora", "--ask", "why?").exit_code == 2
    assert cli("explain", "lora", "--level", "guru").exit_code == 2


def test_llm_status(cli: Cli, llm: FakeLLM, home: Path) -> None:
    d = cli.json("llm", "status")
    assert d["configured"] is True and d["model"] == "fake-model" and d["api_key"] == "set"
    assert d["api_key_from"] == "env" and d["endpoint"] == "models: fake-model"
    out = cli.ok("llm", "status").stdout
    assert "fake-model" in out
    assert_no_secret(home, out, json.dumps(d))


def test_llm_status_unconfigured_and_unreachable(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    d = cli.json("llm", "status")
    assert d["configured"] is False and d["api_key"] == "not set"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("LLMSTUDY_MODEL", "m")
    r = cli("llm", "status")
    assert r.exit_code == 1 and "cannot reach" in r.stderr


def test_config_file_key_needs_mode_0600(cli: Cli, llm: FakeLLM, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.delenv("LLMSTUDY_MODEL")
    cfg = home / "config.toml"
    cfg.write_text(f'[llm]\nmodel = "fake-model"\napi_key = "{SECRET}"\n', encoding="utf-8")
    cfg.chmod(0o644)
    r = cli("llm", "status")
    assert r.exit_code == 1 and "chmod 600" in r.stderr and SECRET not in r.stderr
    cfg.chmod(0o600)
    d = cli.json("llm", "status")
    assert d["api_key_from"] == "config" and d["model"] == "fake-model"
    llm.replies = quiz_turn("attention")
    assert json.loads(cli("quiz", "attention", "-n", "1", "--json", input="c\n").stdout)["source"] == "llm"
    assert llm.headers[-1]["authorization"] == f"Bearer {SECRET}"
    assert_no_secret(home)


def test_openai_is_imported_only_by_llm_commands(home: Path) -> None:
    code = "import sys; from llmstudy.cli.app import load; load(); import llmstudy.actions.quiz; print('openai' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert r.stdout.strip() == "False", r.stderr


def test_a_config_file_key_is_hidden_from_error_lines(cli: Cli, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from llmstudy.cli.boundary import report
    from llmstudy.errors import LlmstudyError

    key = "sk-config-file-key-123456"
    config = home / "config.toml"
    config.write_text(f'[llm]\nmodel = "m"\nbase_url = "http://127.0.0.1:9/v1"\napi_key = "{key}"\n')
    config.chmod(0o600)
    r = cli("llm", "status", "--json")
    assert key not in r.stdout + r.stderr
    capsys.readouterr()
    report(LlmstudyError(f"the server echoed {key}"))
    err = capsys.readouterr().err
    assert key not in err and "the server echoed" in err
