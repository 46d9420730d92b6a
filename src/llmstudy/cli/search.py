"""`search`: the curriculum and everything the learner wrote, in either language."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, command, context, later, present

if TYPE_CHECKING:
    from llmstudy.actions import search as searching
else:
    searching = later("llmstudy.actions.search")


@command("search")
def search(
    query: Annotated[str, typer.Argument(help="Words in either language: 点积, attention, 注意力 softmax.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="topic, event, resource, question, note, explanation, session or card."),
    ] = None,
    n: Annotated[int | None, typer.Option("-n", help="At most this many hits (default 20).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Search the curriculum and everything you wrote, best first, with a command to open each hit.

    Example: llmstudy search 点积 --kind topic
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = searching.search(store, query, kind, n)
    present(result, json, ctx.lang)
