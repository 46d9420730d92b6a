"""Quiz, review, explain and the LLM commands. openai is imported only inside them."""

from __future__ import annotations

from typing import Annotated

import typer

from llmstudy.app import now
from llmstudy.cli import CTX, JsonOpt, LangOpt, app, command, lang_of
from llmstudy.config import LlmSettings, load_settings
from llmstudy.errors import UsageError
from llmstudy.lookup import resolve_topic

llm_app = typer.Typer(help="The optional LLM: configuration and the log of every call.", no_args_is_help=True)
app.add_typer(llm_app, name="llm")


def _settings() -> LlmSettings:
    return load_settings(CTX.paths().config)


@command("quiz")
def quiz(
    topic: Annotated[str, typer.Argument(help="Topic id, alias or title.")],
    n: Annotated[int, typer.Option("-n", help="How many questions.")] = 5,
    llm: Annotated[
        bool | None,
        typer.Option(
            "--llm/--offline",
            help="Use the LLM, or only the offline bank (default: the LLM when one is configured).",
        ),
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """A quiz on a topic; missed questions come back by spaced repetition.

    Example: llmstudy quiz attention -n 3
    """
    from llmstudy import quizflow

    lg = lang_of(lang)
    prefer = None if llm is None else ("llm" if llm else "offline")
    with CTX.store() as store:
        t = resolve_topic(topic, store.topics())
        result = quizflow.run_quiz(store, t, n, prefer, _settings, lg, json, now())
    if json:
        typer.echo(quizflow.dumps(result))


@command("review")
def review(
    n: Annotated[int, typer.Option("-n", help="At most this many cards.")] = 20,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Answer the quiz cards that are due, across topics.

    Example: llmstudy review -n 10
    """
    from llmstudy import quizflow

    with CTX.store() as store:
        result = quizflow.run_review(store, n, lang_of(lang), json, now())
    if json:
        typer.echo(quizflow.dumps(result))


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
    from llmstudy import quiz as quiz_mod
    from llmstudy import quizflow

    if level not in quiz_mod.LEVELS:
        raise UsageError(f"unknown level {level!r}", hint="use child, beginner or expert")
    lg = lang_of(lang)
    with CTX.store() as store:
        t = resolve_topic(topic, store.topics())
        settings = None if offline else _settings()
        if settings is None or not settings.configured:
            if ask:
                raise UsageError("--ask needs an LLM", hint="configure one (llmstudy llm status) or drop --ask")
            quizflow.explain_offline(t, lg)
            return
        quizflow.explain_llm(store, settings, t, level, lg, ask)


@command("status", group=llm_app)
def llm_status(json: JsonOpt = False) -> None:
    """Show the LLM configuration (never the key) and check that the endpoint answers.

    Example: llmstudy llm status
    """
    settings = _settings()
    info: dict[str, object] = {
        "configured": settings.configured,
        "model": settings.model,
        "base_url": settings.base_url,
        "api_key": "set" if settings.api_key else "not set",
        "api_key_from": settings.key_source,
        "timeout_seconds": settings.timeout,
        "config_file": str(CTX.paths().config),
    }
    error = None
    if settings.configured:
        from llmstudy.errors import LLMError
        from llmstudy.llm_client import LlmClient

        with CTX.store() as store:
            info["remembered_mode"] = store.meta(f"llm_mode:{settings.base_url}:{settings.model}")
            try:
                info["endpoint"] = LlmClient(settings, store.record_llm_call).ping()
            except LLMError as exc:
                error = exc
                info["endpoint"] = f"error: {exc.message}"
    if json:
        from llmstudy.render import dump_json

        dump_json(info)
    else:
        for k, v in info.items():
            typer.echo(f"{k:16} {'—' if v is None else v}")
        if not settings.configured:
            typer.echo("\nOffline: quizzes use the curated bank. To use a model, set LLMSTUDY_MODEL and")
            typer.echo("OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama).")
    if error is not None:
        raise error


@command("log", group=llm_app)
def llm_log(
    n: Annotated[int, typer.Option("-n", help="How many calls, newest first.")] = 20,
    full: Annotated[bool, typer.Option("--full", help="Include prompts and replies.")] = False,
    json: JsonOpt = False,
) -> None:
    """Every call made to the model: time, model, host, tokens, latency, error.

    Example: llmstudy llm log -n 5 --full
    """
    with CTX.store() as store:
        calls = store.llm_calls(n)
    if json:
        from llmstudy.render import dump_json

        dump_json(calls)
        return
    from llmstudy import render

    render.llm_calls(calls, full)
