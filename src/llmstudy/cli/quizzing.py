"""`quiz` and `review`. openai is imported only when a model is built."""

import datetime as dt
import random
from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, command, context, later, present
from llmstudy.cli.model import model_for
from llmstudy.context import Context
from llmstudy.core.lookup import resolve_topic

if TYPE_CHECKING:
    from llmstudy.actions import quiz as quizzing
    from llmstudy.actions.results import QuizResult
    from llmstudy.output.prompter import Prompter
else:
    quizzing = later("llmstudy.actions.quiz")

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
        model = None if llm is False else model_for(ctx, store, required=llm is True, bilingual=bilingual)
        result = quizzing.quiz(store, ctx.clock.now, t, n, model, prompter, random.Random(seed), settings)
    _finish(prompter, result, json, ctx)


def _finish(prompter: "Prompter", result: "QuizResult", json: bool, ctx: Context) -> None:
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
