"""The Typer application: the base with the commands registered on it.

A command typed by name needs only the module that defines it, so ``main`` imports that one
and hands typer an app holding just that command: typer converts every command it holds
(signatures, annotations): for all fifty, about half of a typer start here. Help, shell
completion, a typo or no command at all load every module; all but completion then need only
the commands' names and help, so typer gets a ``listing`` of them. A test keeps
``COMMAND_MODULES`` equal to what the modules register.
"""

from __future__ import annotations

import copy
import importlib
import os
from typing import Any

import typer

from llmstudy.cli.base import app

# Every top-level command and group -> the module under llmstudy.cli that defines it, in the
# order `llmstudy --help` lists them: the daily loop first.
COMMAND_MODULES: dict[str, str] = {
    "next": "reading",
    "today": "daily",
    "log": "tracking",
    "quiz": "quizzing",
    "review": "quizzing",
    "teach": "teach",
    "explain": "explain",
    "timer": "daily",
    "lab": "labs",
    "plan": "daily",
    "stats": "tracking",
    "sessions": "tracking",
    "edit": "tracking",
    "delete": "tracking",
    "undo": "tracking",
    "done": "tracking",
    "skip": "tracking",
    "start": "tracking",
    "reset": "tracking",
    "roadmap": "reading",
    "topics": "reading",
    "show": "reading",
    "timeline": "reading",
    "resources": "reading",
    "tree": "reading",
    "search": "search",
    "note": "notes",
    "notes": "notes",
    "note-edit": "notes",
    "note-delete": "notes",
    "card": "cards",
    "llm": "llm",
    "export": "exchange",
    "import": "exchange",
    "paths": "reading",
    "doctor": "doctor",
}
COMPLETION_VARIABLE = "_LLMSTUDY_COMPLETE"


def load(command: str | None = None) -> typer.Typer:
    """An app holding just ``command``, or every command when it is None or unknown."""
    if command in COMMAND_MODULES and COMPLETION_VARIABLE not in os.environ:
        importlib.import_module(f"llmstudy.cli.{COMMAND_MODULES[command]}")
        one = copy.copy(app)  # the module's other commands stay out: typer converts each it holds
        one.registered_commands = [c for c in app.registered_commands if c.name == command]
        one.registered_groups = [g for g in app.registered_groups if g.name == command]
        return one
    for module in dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(f"llmstudy.cli.{module}")
    rank = {name: i for i, name in enumerate(COMMAND_MODULES)}
    app.registered_commands.sort(key=lambda c: rank.get(c.name or "", len(rank)))
    app.registered_groups.sort(key=lambda g: rank.get(g.name or "", len(rank)))
    return app


def listing(whole: typer.Typer) -> typer.Typer:
    """``whole`` as its own help, a typo and ``--version`` see it: every command's name and help,
    none of their parameters (typer converts each parameter of each command it holds, a tenth
    of ``--help`` here). A test keeps what it prints equal to what the whole app prints."""
    one = copy.copy(whole)
    one.registered_commands = [copy.copy(c) for c in whole.registered_commands]
    for info in one.registered_commands:
        info.callback = _stand_in(info.callback)
    one.registered_groups = [copy.copy(g) for g in whole.registered_groups]
    for group in one.registered_groups:
        assert group.typer_instance is not None
        group.typer_instance = listing(group.typer_instance)
    return one


def _stand_in(callback: Any) -> Any:
    """A callback without parameters, named and documented as ``callback``."""

    def stand_in() -> None:
        raise RuntimeError(f"{callback.__name__} was run from the listing")  # the listing only lists

    stand_in.__name__, stand_in.__doc__ = callback.__name__, callback.__doc__
    return stand_in


def main(command: str | None = None) -> None:
    whole = load(command)
    listed = command not in COMMAND_MODULES and COMPLETION_VARIABLE not in os.environ
    (listing(whole) if listed else whole)(prog_name="llmstudy")
