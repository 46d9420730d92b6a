"""The whole Typer application: the base with every command registered on it."""

from __future__ import annotations

from llmstudy.cli import cards, daily, doctor, labs, quizzing, reading, study, tracking  # noqa: F401  (registers the commands)
from llmstudy.cli.base import app

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="llmstudy")
