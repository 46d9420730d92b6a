"""The lab commands: list, start, check, hint, solution."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, app, command, command_group, context, later, present

if TYPE_CHECKING:
    from llmstudy.actions import labs
else:
    labs = later("llmstudy.actions.labs")

lab_app = command_group("Hands-on labs: implement an idea yourself; the program checks it.")
app.add_typer(lab_app, name="lab")

LabArg = Annotated[str, typer.Argument(help="Lab id (see llmstudy lab list).")]


@command("list", group=lab_app)
def lab_list(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Every lab with its topic, status and number of checks.

    Example: llmstudy lab list
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = labs.list_labs(store)
    present(result, json, ctx.lang)


@command("start", group=lab_app)
def lab_start(
    lab: LabArg,
    dir_: Annotated[
        str | None, typer.Option("--dir", help="Folder for your lab files (default: see llmstudy paths).")
    ] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Start over from the starter file (keeps a backup).")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Write a lab's starter file to your labs folder and show the task.

    Example: llmstudy lab start scaled-attention
    """
    ctx = context(lang)
    folder = Path(dir_).expanduser() if dir_ else ctx.paths().home / "labs"
    with ctx.store() as store:
        result = labs.start(store, ctx.clock.now, lab, folder, reset)
    present(result, json, ctx.lang)


@command("check", group=lab_app)
def lab_check(
    lab: Annotated[str | None, typer.Argument(help="Lab id (default: the lab you last worked on).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Run the lab's checks on your file (in a separate process, with a time limit).

    Exit code 0 when every check passes, 1 otherwise.

    Example: llmstudy lab check scaled-attention
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = labs.check(store, lab)
    present(result, json, ctx.lang)
    if not result.run.passed:
        raise typer.Exit(1)


@command("hint", group=lab_app)
def lab_hint(
    lab: Annotated[str | None, typer.Argument(help="Lab id (default: the lab you last worked on).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The next of a few hints, from a nudge to almost the answer.

    Example: llmstudy lab hint scaled-attention
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = labs.hint(store, lab)
    present(result, json, ctx.lang)


@command("solution", group=lab_app)
def lab_solution(
    lab: LabArg,
    force: Annotated[bool, typer.Option("--force", help="Show it before you have passed.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The reference solution, after your first pass (or with --force).

    Example: llmstudy lab solution scaled-attention
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = labs.solution(store, lab, force)
    present(result, json, ctx.lang)
