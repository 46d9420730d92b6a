"""`export` and `import`: all the learner's data out (JSON, Markdown, Anki, CSV, a calendar)
and merged back in."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, command, context, later, present

if TYPE_CHECKING:
    from llmstudy.actions import exchange, notebook
else:
    exchange = later("llmstudy.actions.exchange")
    notebook = later("llmstudy.actions.notebook")


@command("export")
def export(
    output: Annotated[str | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="json: all your data; md: one Markdown file per topic into -o DIR; anki: the questions as an "
            "Anki deck (.apkg); csv: the questions; ics: the plan's stages and the reviews due, for a calendar.",
        ),
    ] = "json",
    lang: LangOpt = None,
) -> None:
    """Write all your data (sessions, statuses, notes, quiz reviews, cards) as JSON, or the
    questions and your cards as an Anki deck or CSV (both languages).

    Example: llmstudy export --format anki -o llmstudy.apkg
    """
    ctx = context(lang)
    fmt = exchange.check_format(format_, output)
    with ctx.store() as store:
        if fmt == "anki":
            assert output is not None
            present(exchange.export_anki(store, output), False, ctx.lang)
        elif fmt == "csv":
            present(exchange.export_csv(store, output), False, ctx.lang)
        elif fmt == "md":
            present(notebook.export_markdown(store, output, ctx.lang), False, ctx.lang)
        elif fmt == "ics":
            from llmstudy.actions.calendar import export_ics

            clock = ctx.clock
            result = export_ics(store, clock.today, clock.now, clock.now.astimezone().tzinfo or dt.UTC, ctx.lang, output)
            present(result, False, ctx.lang)
        else:
            present(exchange.export(store, output), False, ctx.lang)


@command("import")
def import_(
    file: Annotated[str, typer.Argument(help="A file written by `llmstudy export`.")],
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Merge an export into this database: nothing is duplicated, importing twice is safe.

    Example: llmstudy import llmstudy-backup.json
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = exchange.import_file(store, file, ctx.clock.today, ctx.review_settings())
    present(result, json, ctx.lang)
