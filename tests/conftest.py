"""Every test gets its own home, a fixed "today", no LLM settings, and a real SQLite file.

Loading the bundled catalog takes a moment, so it is loaded once per session
into a template database that each test copies (same content hash: no reload).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from llmstudy.storage.store import Store
from tests.helpers import DATA, TODAY, Cli, Result, db_rows, run_process

__all__ = ["DATA", "TODAY", "Cli", "Result", "db_rows", "run_process"]  # older tests import them from here


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


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def db(home: Path) -> Iterator[Store]:
    """The test's database, opened like the program opens it (for checking rows)."""
    store = Store.open(home / "llmstudy.db", DATA)
    yield store
    store.close()
