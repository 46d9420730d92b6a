"""The Typer application: the base with the commands registered on it.

A command typed by name needs only the module that defines it, so ``main`` imports that one
and hands typer an app holding just that command: typer converts every command it holds
(signatures, annotations): for all fifty, about half of a typer start here. Help, shell
completion, a typo or no command at all load every module. A test keeps ``COMMAND_MODULES``
equal to what the modules register.
"""

from __future__ import annotations

import copy
import importlib
import os

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


def main(command: str | None = None) -> None:
    load(command)(prog_name="llmstudy")
