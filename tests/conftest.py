"""Every test gets its own home, a fixed "today", no LLM settings, and a real SQLite file.

Loading the bundled catalog takes a moment, so it is loaded once per session
into a template database that each test copies (same content hash: no reload).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from llmstudy.cli.app import app
from llmstudy.context import bundled_data_dir
from llmstudy.storage.store import Store

TODAY = "2026-11-22"
DATA = bundled_data_dir()
SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "llmstudy.db"
    Store.open(path, DATA).close()
    return path


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template_db: Path) -> Path:
    for var in list(os.environ):
        if var.startswith(("OPENAI_", "LLMSTUDY_")) or var in ("LC_ALL", "LC_MESSAGES", "NO_COLOR"):
            monkeypatch.delenv(var, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(template_db, home / "llmstudy.db")
    monkeypatch.setenv("LLMSTUDY_HOME", str(home))
    monkeypatch.setenv("LLMSTUDY_TODAY", TODAY)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    return home


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


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def db(home: Path) -> Iterator[Store]:
    """The test's database, opened like the program opens it (for checking rows)."""
    store = Store.open(home / "llmstudy.db", DATA)
    yield store
    store.close()


def db_rows(home: Path, sql: str) -> list[Any]:
    """Rows straight from the test's SQLite file, bypassing the program."""
    import sqlite3

    conn = sqlite3.connect(home / "llmstudy.db")
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
        [sys.executable, "-c", "from llmstudy.main import main; main()", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
    )
