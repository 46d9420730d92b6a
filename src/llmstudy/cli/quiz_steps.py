"""What `quiz` and `review` do once their command line is parsed: context, action, present.

The typer commands (``cli.quizzing``) and the fast path (``main``) both call these, so a
quiz started either way is the same quiz. No typer here: the fast path must not load it.
Each returns the exit code: 130 when Ctrl-C ended the quiz (the answers given are kept).
"""

from __future__ import annotations

import datetime as dt

from llmstudy.cli.model import model_for
from llmstudy.core.lookup import resolve_topic

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from llmstudy.actions.results import QuizResult
    from llmstudy.context import Context
    from llmstudy.output.prompter import Prompter

INTERRUPTED = 130
QUIZ_SIZE = 5  # questions in a quiz unless -n says otherwise


def _day(ctx: Context) -> tuple[dt.datetime, dt.tzinfo]:
    """When the learner's day began (UTC) and their time zone: the daily limit and the
    forecast count in local days."""
    now = ctx.clock.now
    tz = now.astimezone().tzinfo or dt.UTC
    start = dt.datetime.combine(ctx.clock.today, dt.time(), tzinfo=tz).astimezone(dt.UTC)
    return min(start, now), tz


def run_quiz(ctx: Context, topic: str, n: int, llm: bool | None, seed: int | None, bilingual: bool, as_json: bool) -> int:
    """``llm``: True to require the model, False for the offline bank, None for the model when
    one is configured."""
    import random

    from llmstudy.actions import quiz as quizzing
    from llmstudy.output.prompter import make_prompter

    settings = ctx.review_settings()
    prompter = make_prompter(ctx.lang, as_json)
    with ctx.store() as store:
        t = resolve_topic(topic, store.topics())
        model = None if llm is False else model_for(ctx, store, required=llm is True, bilingual=bilingual)
        result = quizzing.quiz(store, ctx.clock.now, t, n, model, prompter, random.Random(seed), settings)
    return _finish(prompter, result, as_json, ctx)


def run_review(ctx: Context, n: int | None, limit: int | None, forecast: bool, seed: int | None, as_json: bool) -> int:
    import random

    from llmstudy.actions import quiz as quizzing
    from llmstudy.output.present import present
    from llmstudy.output.prompter import make_prompter

    settings = ctx.review_settings()
    if limit is not None:
        settings = settings._replace(daily_limit=limit)
    day_start, tz = _day(ctx)
    if forecast:
        with ctx.store() as store:
            present(quizzing.forecast(store, ctx.clock.now, tz, settings, day_start), as_json, ctx.lang)
        return 0
    prompter = make_prompter(ctx.lang, as_json)
    with ctx.store() as store:
        result = quizzing.review(store, ctx.clock.now, n, prompter, random.Random(seed), settings, day_start)
    return _finish(prompter, result, as_json, ctx)


def _finish(prompter: Prompter, result: QuizResult, as_json: bool, ctx: Context) -> int:
    from llmstudy.output.present import present

    prompter.summary(result)
    present(result, as_json, ctx.lang)
    return INTERRUPTED if result.interrupted else 0  # Ctrl-C: the partial score shown, the answers kept
