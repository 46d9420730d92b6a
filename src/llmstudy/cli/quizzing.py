"""`quiz` and `review`: their options; what they do is in ``cli.quiz_steps`` (the fast path runs
it too). openai is imported only when a model is built."""

from typing import Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, command, context
from llmstudy.cli.quiz_steps import QUIZ_SIZE, run_quiz, run_review

SeedOpt = Annotated[
    int | None, typer.Option("--seed", help="Seed the shuffling of options: the same seed shows the same order.")
]


@command("quiz")
def quiz(
    topic: Annotated[str, typer.Argument(help="Topic id, alias or title.")],
    n: Annotated[int, typer.Option("-n", help="How many questions.")] = QUIZ_SIZE,
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
    _exit(run_quiz(context(lang), topic, n, llm, seed, bilingual, json))


def _exit(code: int) -> None:
    if code:
        raise typer.Exit(code)


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
    _exit(run_review(context(lang), n, limit, forecast, seed, json))
