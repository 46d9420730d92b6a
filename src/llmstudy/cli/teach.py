"""`teach`: explain a topic in your own words first, then see what you covered and missed."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, TopicArg, command, context, later, present
from llmstudy.cli.editor import compose
from llmstudy.cli.model import model_for
from llmstudy.core.lookup import resolve_topic

if TYPE_CHECKING:
    from llmstudy.actions import teach as teaching
else:
    teaching = later("llmstudy.actions.teach")


@command("teach")
def teach(
    topic: TopicArg,
    file: Annotated[str | None, typer.Option("--file", "-f", help="Read your explanation from this file.")] = None,
    llm: Annotated[
        bool | None,
        typer.Option("--llm/--offline", help="Graded by the LLM, or offline (default: the LLM when configured)."),
    ] = None,
    history: Annotated[bool, typer.Option("--history", help="List your earlier explanations and scores.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Explain a topic in your own words first; see what you covered, missed or got wrong.

    Your text comes from --file, from $EDITOR on a terminal, or from stdin.

    Example: llmstudy teach attention --file my-attention.md
    """
    ctx = context(lang)
    with ctx.store() as store:
        t = resolve_topic(topic, store.topics())
        if history:
            present(teaching.history(store, t), json, ctx.lang)
            return
        text = compose(teaching.template(t, ctx.lang), file)
        model = None if llm is False else model_for(ctx, store, required=llm is True)
        result = teaching.teach(store, t, text, model, ctx.lang)
    present(result, json, ctx.lang)
