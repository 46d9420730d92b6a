"""Quiz, review, explain and the LLM commands. openai is imported only inside them."""


import datetime as dt
import functools
import os
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from llmstudy.actions import explain as explaining
from llmstudy.actions import quiz as quizzing
from llmstudy.actions.results import Explanation, LlmCalls, QuizResult, Streamed
from llmstudy.cli.base import JsonOpt, LangOpt, app, command, context
from llmstudy.context import Context
from llmstudy.core.lookup import resolve_topic
from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError
from llmstudy.output.present import present
from llmstudy.storage.store import Store

if TYPE_CHECKING:
    from llmstudy.llm.service import Memory, Model
    from llmstudy.llm.settings import LlmSettings
    from llmstudy.output.prompter import Prompter

THINKING = Bi("模型正在思考…", "The model is thinking…")
CHECKING = Bi("正在检查模型端点…", "Checking the model endpoint…")
llm_app = typer.Typer(help="The optional LLM: configuration and the log of every call.", no_args_is_help=True)
app.add_typer(llm_app, name="llm")


def settings_of(ctx: Context) -> "LlmSettings":
    """The LLM settings; a key from the config file joins the secrets every error line hides."""
    from llmstudy.cli import boundary
    from llmstudy.llm.settings import load_settings

    settings = load_settings(ctx.paths().config)
    if settings.api_key:
        boundary.SECRETS.add(settings.api_key)
    return settings


def _model(ctx: Context, store: Store, required: bool, bilingual: bool = False) -> "Model | None":
    """The configured model (built once for the command), or None when there is none.

    Questions are written in the learner's language (both with ``bilingual``); waits show a
    spinner on a terminal.
    """

    settings = settings_of(ctx)
    if not settings.configured:
        if required:
            raise LlmstudyError(
                Bi("还没有配置模型", "no LLM is configured"),
                hint=Bi(
                    "设置 LLMSTUDY_MODEL 以及 OPENAI_API_KEY 或 OPENAI_BASE_URL；见 llmstudy llm status",
                    "set LLMSTUDY_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL; see llmstudy llm status",
                ),
            )
        return None
    from llmstudy.llm.service import Model
    from llmstudy.output.prompter import Spinner

    langs = ("zh", "en") if bilingual else (ctx.lang,)
    return Model(settings, recorder(store, settings), memory(store), langs, Spinner(ctx.lang))


def recorder(store: Store, settings: "LlmSettings") -> Callable[[Any], None]:
    """Store each call with this endpoint's key redacted from it."""
    return functools.partial(store.record_llm_call, secrets=(settings.api_key, os.environ.get("OPENAI_API_KEY")))


def memory(store: Store) -> "Memory":
    """What is remembered per endpoint is keyed by the URL without its userinfo or query."""
    from llmstudy.core.redaction import display_url
    from llmstudy.llm.service import Memory

    return Memory(lambda key: store.meta(display_url(key)), lambda key, value: store.set_meta(display_url(key), value))


SeedOpt = Annotated[
    int | None, typer.Option("--seed", help="Seed the shuffling of options: the same seed shows the same order.")
]


def _day(ctx: Context) -> tuple[dt.datetime, dt.tzinfo]:
    """When the learner's day began (UTC) and their time zone: the daily limit and the
    forecast count in local days."""
    now = ctx.clock.now
    tz = now.astimezone().tzinfo or dt.UTC
    start = dt.datetime.combine(ctx.clock.today, dt.time(), tzinfo=tz).astimezone(dt.UTC)
    return min(start, now), tz


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
    seed: SeedOpt = None,
    bilingual: Annotated[
        bool, typer.Option("--bilingual", help="Have the model write each question in Chinese and English.")
    ] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """A quiz on a topic (your own cards included); options are shuffled each time.

    A miss comes back later today, a right answer in days (FSRS; see [review] in config.toml).
    Mastery (in next and stats) is the share of a topic's questions whose latest answer was
    right.

    Example: llmstudy quiz attention -n 3
    """
    from llmstudy.output.prompter import make_prompter

    ctx = context(lang)
    settings = ctx.review_settings()
    prompter = make_prompter(ctx.lang, json)
    with ctx.store() as store:
        t = resolve_topic(topic, store.topics())
        model = None if llm is False else _model(ctx, store, required=llm is True, bilingual=bilingual)
        result = quizzing.quiz(store, ctx.clock.now, t, n, model, prompter, random.Random(seed), settings)
    _finish(prompter, result, json, ctx)


def _finish(prompter: "Prompter", result: QuizResult, json: bool, ctx: Context) -> None:
    prompter.summary(result)
    present(result, json, ctx.lang)
    if result.interrupted:  # Ctrl-C: the partial score is shown and the answers are kept
        raise typer.Exit(130)


@command("review")
def review(
    n: Annotated[int | None, typer.Option("-n", help="At most this many cards now (default: up to the daily limit).")] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Reviews a day (default: daily_limit in [review] of config.toml, else 50).")
    ] = None,
    forecast: Annotated[bool, typer.Option("--forecast", help="Show the reviews due on each of the next 7 days.")] = False,
    seed: SeedOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Answer the quiz cards that are due, across topics, up to a daily limit.

    It stops at the daily limit (50 unless changed) and says how many remain; --forecast
    shows the week ahead.

    Example: llmstudy review --forecast
    """
    from llmstudy.output.prompter import make_prompter

    ctx = context(lang)
    settings = ctx.review_settings()
    if limit is not None:
        settings = settings._replace(daily_limit=limit)
    day_start, tz = _day(ctx)
    if forecast:
        with ctx.store() as store:
            present(quizzing.forecast(store, ctx.clock.now, tz, settings, day_start), json, ctx.lang)
        return
    prompter = make_prompter(ctx.lang, json)
    with ctx.store() as store:
        result = quizzing.review(store, ctx.clock.now, n, prompter, random.Random(seed), settings, day_start)
    _finish(prompter, result, json, ctx)


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
        model = None if offline else _model(ctx, store, required=False)
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
        model = _model(ctx, store, required=True)
        assert model is not None
        topics = store.topics()
        topic = topics.get("attention") or next(iter(topics.values()))
        with model.waiting(CHECKING):
            result = check(model, topic)
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
        result = LlmCalls(tuple(store.llm_calls(n)), full, ctx.clock.now)
    present(result, json, ctx.lang)
