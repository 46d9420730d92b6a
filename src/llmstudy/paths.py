"""Where llmstudy keeps its files: ``--db``, then ``$LLMSTUDY_HOME``, then the platform's dirs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP = "llmstudy"
DB_NAME = "llmstudy.db"
CONFIG_NAME = "config.toml"


class Paths(NamedTuple):
    db: Path
    config: Path
    data: Path
    db_source: str  # how the database location was chosen, for `llmstudy paths`


def bundled_data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


def resolve(db: str | None = None, data: str | None = None) -> Paths:
    home = os.environ.get("LLMSTUDY_HOME")
    data_dir = Path(data).expanduser() if data else bundled_data_dir()
    if home:
        home_dir = Path(home).expanduser()
        config = home_dir / CONFIG_NAME
    else:
        from platformdirs import user_config_dir

        config = Path(user_config_dir(APP, appauthor=False)) / CONFIG_NAME
    if db:
        return Paths(Path(db).expanduser(), config, data_dir, "--db")
    if home:
        return Paths(Path(home).expanduser() / DB_NAME, config, data_dir, "LLMSTUDY_HOME")
    from platformdirs import user_data_dir

    return Paths(Path(user_data_dir(APP, appauthor=False)) / DB_NAME, config, data_dir, "platform default")
