"""`llm status`, `llm check`, `llm log`: the optional model's configuration, a probe of it and
the log of every call."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, app, command, command_group, context, later, present
from llmstudy.cli.model import memory, model_for, recorder, settings_of
from llmstudy.core.records import Bi

if TYPE_CHECKING:
    from llmstudy.actions import results
else:
    results = later("llmstudy.actions.results")

CHECKING = Bi("正在检查模型端点…", "Checking the model endpoint…")
llm_app = command_group("The optional LLM: configuration and the log of every call.")
app.add_typer(llm_app, name="llm")


@command("status", group=llm_app)
def llm_status(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Show the LLM configuration (never the key) and check that the endpoint answers.

    Example: llmstudy llm status
    """
    from llmstudy.llm.status import status

    ctx = context(lang)
    config = ctx.paths().config
    settings = settings_of(ctx)
    if settings.configured:
        from llmstudy.llm.service import Model

        with ctx.store() as store:
            result, error = status(settings, config, Model(settings, recorder(store, settings), memory(store)))
    else:
        result, error = status(settings, config, None)
    present(result, json, ctx.lang)
    if error is not None:
        raise error


@command("check", group=llm_app)
def llm_check(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Probe the endpoint: reachable, model listed, output modes, a sample question; a verdict.

    Example: llmstudy llm check
    """
    from llmstudy.llm.service import check

    ctx = context(lang)
    with ctx.store() as store:
        model = model_for(ctx, store, required=True)
        assert model is not None
        topics = store.topics()
        topic = topics.get("attention") or next(iter(topics.values()))
        with model.waiting(CHECKING):
            result = check(model, topic, store.questions(topic.id, generated=False))
    present(result, json, ctx.lang)
    if result.verdict == "unusable":
        raise typer.Exit(1)


@command("log", group=llm_app)
def llm_log(
    n: Annotated[int, typer.Option("-n", help="How many calls, newest first.")] = 20,
    full: Annotated[bool, typer.Option("--full", help="Include prompts and replies.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Every call made to the model: time, model, host, tokens, latency, error.

    Example: llmstudy llm log -n 5 --full
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = results.LlmCalls(tuple(store.llm_calls(n)), full, ctx.clock.now)
    present(result, json, ctx.lang)
