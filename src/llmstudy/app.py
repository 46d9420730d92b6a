"""What every command needs: where the files are, the language, today, and the store."""

from __future__ import annotations

import datetime as dt
import os

from llmstudy.errors import UsageError
from llmstudy.paths import Paths, resolve
from llmstudy.store import Store


def default_lang() -> str:
    """``LLMSTUDY_LANG``, else the locale's language (zh for any Chinese locale), else en."""
    env = os.environ.get("LLMSTUDY_LANG")
    if env:
        return check_lang(env)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def check_lang(value: str) -> str:
    v = value.strip().lower()
    if v.startswith("zh"):
        return "zh"
    if v.startswith("en"):
        return "en"
    raise UsageError(f"unknown language {value!r}", hint="use --lang zh or --lang en")


def today() -> dt.date:
    """Today, overridable for reproducible demos and tests with LLMSTUDY_TODAY=YYYY-MM-DD."""
    fixed = os.environ.get("LLMSTUDY_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"LLMSTUDY_TODAY={fixed!r} is not a date", hint="use YYYY-MM-DD") from None
    return dt.date.today()


class Ctx:
    """Where this invocation reads and writes (from --db and --data)."""

    def __init__(self, db: str | None = None, data: str | None = None) -> None:
        self.db = db
        self.data = data

    def paths(self) -> Paths:
        return resolve(self.db, self.data)

    def store(self) -> Store:
        p = self.paths()
        return Store.open(p.db, p.data)


def now() -> dt.datetime:
    """The current time (UTC); with LLMSTUDY_TODAY set, noon of that day, so tests are repeatable."""
    if os.environ.get("LLMSTUDY_TODAY"):
        return dt.datetime.combine(today(), dt.time(12, 0), tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC)
