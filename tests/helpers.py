"""Helpers the tests share: the CLI runner, raw rows of the test's database, a subprocess run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from llmstudy.cli.app import load
from llmstudy.context import bundled_data_dir

app = load()  # every command registered

TODAY = "2026-11-22"
DATA = bundled_data_dir()
SRC = Path(__file__).resolve().parent.parent / "src"
ENTRY = [sys.executable, "-c", "from llmstudy.main import main; main()"]  # the entry point, in a subprocess


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Cli:
    """Runs the real typer app in-process."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        r = self.runner.invoke(app, list(args), input=input)
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        return Result(r.exit_code, r.stdout, r.stderr)

    def ok(self, *args: str, input: str | None = None) -> Result:
        r = self(*args, input=input)
        assert r.exit_code == 0, (r.stdout, r.stderr)
        return r

    def json(self, *args: str) -> Any:
        return self.ok(*args, "--json").json()


def db_rows(home: Path, sql: str, name: str = "llmstudy.db") -> list[Any]:
    """Rows straight from the test's SQLite file (``home/name``), bypassing the program."""
    import sqlite3

    conn = sqlite3.connect(home / name)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def run_process(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point (fast path included) in a subprocess."""
    full_env = dict(os.environ) | (env or {})
    return subprocess.run(
        [*ENTRY, *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
    )


def run_on_terminal(*args: str, respond: Callable[[str], str | None], timeout: float = 60) -> tuple[int, str]:
    """Run the entry point on a real terminal (a pty), as a person would: ``respond`` sees the
    output so far and returns a line to type (once per prompt), or None to keep waiting.
    Returns the exit code and everything the terminal showed."""
    import pty
    import select
    import time

    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="80", TERM="xterm")
    p = subprocess.Popen(
        [*ENTRY, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    out = b""
    answered = 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        reply = respond(out.decode("utf-8", "replace")[answered:])
        if reply is not None:
            answered = len(out.decode("utf-8", "replace"))
            os.write(master, f"{reply}\n".encode())
        if p.poll() is not None and not ready:
            break
    p.wait(timeout=30)
    os.close(master)
    return p.returncode, out.decode("utf-8", "replace")


def answering(prompt: str, reply: str, asked: list[str]) -> Callable[[str], str | None]:
    """A ``respond`` for ``run_on_terminal``: type ``reply`` when ``prompt`` shows (noting the
    question, whitespace folded, in ``asked``)."""

    def respond(shown: str) -> str | None:
        if prompt not in shown:
            return None
        asked.append(" ".join(shown.split()))
        return reply

    return respond

