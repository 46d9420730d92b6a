"""`explain`: a topic at the learner's level, streamed from the model or curated offline."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import LangOpt, command, context, later, present
from llmstudy.cli.model import model_for
from llmstudy.core.lookup import resolve_topic
from llmstudy.core.records import Bi

if TYPE_CHECKING:
    from llmstudy.actions import explain as explaining
    from llmstudy.actions.results import Explanation, Streamed
else:
    explaining = later("llmstudy.actions.explain")

THINKING = Bi("模型正在思考…", "The model is thinking…")


@command("explain")
def explain(
    topic: Annotated[str, typer.Argument(help="Topic id, alias or title.")],
    level: Annotated[str, typer.Option("--level", help="child, beginner or expert.")] = "beginner",
    ask: Annotated[str | None, typer.Option("--ask", help="A question of your own about the topic.")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Only the curated content, no LLM.")] = False,
    lang: LangOpt = None,
) -> None:
    """Explain a topic at your level: streamed from the LLM, or the curated content offline.

    Example: llmstudy explain attention --level child
    """
    import sys

    from llmstudy.output.plain import PlainStream

    ctx = context(lang)
    explaining.check_level(level)
    with ctx.store() as store:
        t = resolve_topic(topic, store.topics())
        model = None if offline else model_for(ctx, store, required=False)
        result: Explanation | Streamed
        if model is None:
            result = explaining.offline(t, ask, level)
        else:
            if sys.stdout.isatty():  # Markdown rendered on a terminal, its source when piped
                from llmstudy.output.rich_views import LiveMarkdown

                sink: LiveMarkdown | PlainStream = LiveMarkdown()
            else:
                sink = PlainStream()
            spinning = [model.waiting(THINKING)]
            spinning[0].__enter__()

            def stop_spinning() -> None:
                while spinning:
                    spinning.pop().__exit__(None, None, None)

            def show(piece: str) -> None:
                stop_spinning()  # at the first piece
                sink.show(piece)

            try:
                with sink:
                    result = explaining.with_model(model, t, level, ctx.lang, ask, show)
            finally:
                stop_spinning()
    present(result, False, ctx.lang)
