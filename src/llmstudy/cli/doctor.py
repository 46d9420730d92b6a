"""`llmstudy doctor`: is the database sound, and what can be repaired."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, command, context, later, present

if TYPE_CHECKING:
    from llmstudy.actions import doctor as doctor_action
else:
    doctor_action = later("llmstudy.actions.doctor")


@command("doctor")
def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Move invalid rows into a quarantine table (nothing is deleted).")
    ] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Check the database: SQLite integrity, schema version, invalid rows, orphans.

    Example: llmstudy doctor --repair
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = doctor_action.doctor(store, repair)
    present(result, json, ctx.lang)
    if not result.healthy:
        raise typer.Exit(1)
