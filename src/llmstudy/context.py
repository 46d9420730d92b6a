"""One invocation: where the files are, the language, the clock (read once), the store.

Everything below the CLI gets ``today``/``now`` and ``lang`` from here as arguments;
nothing else reads the clock or the environment's language settings.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from llmstudy.core.record import Record
from llmstudy.core.records import Bi, Lang
from llmstudy.errors import UsageError

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from llmstudy.core.cards import ReviewSettings
    from llmstudy.storage.store import Store

APP = "llmstudy"
DB_NAME = "llmstudy.db"
CONFIG_NAME = "config.toml"


class Paths(Record):
    db: Path
    config: Path
    data: Path
    db_source: str  # how the database location was chosen, for `llmstudy paths`
    home: Path  # the folder for the learner's own files (labs)


def bundled_data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


def resolve_paths(db: str | None = None, data: str | None = None) -> Paths:
    """``--db``, then ``$LLMSTUDY_HOME``, then the platform's user data and config dirs."""
    home_env = os.environ.get("LLMSTUDY_HOME")
    data_dir = Path(data).expanduser() if data else bundled_data_dir()
    if home_env:
        home = Path(home_env).expanduser()
        config = home / CONFIG_NAME
    else:
        from platformdirs import user_config_dir, user_data_dir

        home = Path(user_data_dir(APP, appauthor=False))
        config = Path(user_config_dir(APP, appauthor=False)) / CONFIG_NAME
    if db:
        return Paths(Path(db).expanduser(), config, data_dir, "--db", home)
    if home_env:
        return Paths(home / DB_NAME, config, data_dir, "LLMSTUDY_HOME", home)
    return Paths(home / DB_NAME, config, data_dir, "platform default", home)


def parse_lang(value: str) -> Lang:
    """``--lang`` as typed: zh or en (any zh*/en* spelling); anything else is a usage error."""
    v = value.strip().lower()
    if v.startswith("zh"):
        return "zh"
    if v.startswith("en"):
        return "en"
    raise UsageError(Bi(f"未知的语言 {value!r}", f"unknown language {value!r}"), hint=Bi("用 --lang zh 或 --lang en", "use --lang zh or --lang en"))


def default_lang() -> Lang:
    """``LLMSTUDY_LANG``, else the locale's language (zh for any Chinese locale), else en.

    An unusable ``LLMSTUDY_LANG`` must not break every command: English, with a warning.
    """
    env = os.environ.get("LLMSTUDY_LANG")
    if env:
        try:
            return parse_lang(env)
        except UsageError:
            sys.stderr.write(f"warning: LLMSTUDY_LANG={env!r} is not zh or en; using English\n")
            return "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class Clock(Record):
    today: dt.date
    now: dt.datetime  # aware, UTC


def read_clock() -> Clock:
    """The clock, read once per invocation. ``LLMSTUDY_TODAY=YYYY-MM-DD`` fixes it at noon UTC
    of that day, for reproducible demos and tests."""
    fixed = os.environ.get("LLMSTUDY_TODAY")
    if fixed:
        try:
            day = dt.date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"LLMSTUDY_TODAY={fixed!r} is not a date", hint="use YYYY-MM-DD") from None
        return Clock(day, dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC))
    now = dt.datetime.now(dt.UTC)
    return Clock(now.astimezone().date(), now)


class Context:
    """Where this invocation reads and writes, in which language, and when."""

    def __init__(self, db: str | None = None, data: str | None = None, lang: Lang | None = None) -> None:
        self.reset(db, data, lang)

    def reset(self, db: str | None = None, data: str | None = None, lang: Lang | None = None) -> None:
        """Start a new invocation (the typer app's context lives as long as the process)."""
        self.db = db
        self.data = data
        self._lang = lang
        self._clock: Clock | None = None

    @property
    def lang(self) -> Lang:
        if self._lang is None:
            self._lang = default_lang()
        return self._lang

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            self._clock = read_clock()
        return self._clock

    def lang_or_default(self) -> Lang:
        """The language for an error message: never raises, even if ``--lang`` was the error."""
        return self._lang if self._lang is not None else default_lang()

    def with_lang(self, option: str | None) -> Context:
        """This context with a command's own ``--lang`` applied (it wins over the global one)."""
        if option:
            self._lang = parse_lang(option)
        return self

    def paths(self) -> Paths:
        return resolve_paths(self.db, self.data)

    def store(self) -> Store:
        from llmstudy.storage.store import Store  # help and usage errors open no database

        p = self.paths()
        return Store.open(p.db, p.data)

    def review_settings(self) -> ReviewSettings:
        """How cards are scheduled (``[review]`` in the config file)."""
        from llmstudy.review_config import load_review_settings

        return load_review_settings(self.paths().config)
