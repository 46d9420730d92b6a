"""The daily loop: today, plan, timer."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, app, command, command_group, context, interactive, later, present

if TYPE_CHECKING:
    from llmstudy.actions import plan as planning
    from llmstudy.actions import tracking
else:
    planning = later("llmstudy.actions.plan")
    tracking = later("llmstudy.actions.tracking")

timer_app = command_group("Time a study session; `timer stop` logs it.")
app.add_typer(timer_app, name="timer")


@command("today")
def today(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Tonight in a few lines: the topic and its lab, reviews due, minutes planned, the streak.

    Example: llmstudy today
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = planning.today_summary(store, ctx.clock.today, ctx.clock.now)
    present(result, json, ctx.lang)


@command("plan")
def plan(
    start: Annotated[str | None, typer.Option("--start", help="The plan's first day (YYYY-MM-DD, today).")] = None,
    hours_per_week: Annotated[
        float | None, typer.Option("--hours-per-week", help="Your pace; the stages stretch to fit it.")
    ] = None,
    track: Annotated[str | None, typer.Option("--track", help="The track next and log follow.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Show or set your plan: start day, pace and track; the stages with their dates.

    Example: llmstudy plan --hours-per-week 6
    """
    ctx = context(lang)
    with ctx.store() as store:
        if start is None and hours_per_week is None and track is None:
            result = planning.show_plan(store, ctx.clock.today)
        else:
            result = planning.set_plan(store, ctx.clock.today, start, hours_per_week, track)
    present(result, json, ctx.lang)


@command("start", group=timer_app)
def timer_start(
    topic: Annotated[str | None, typer.Argument(help="Topic (default: the one next picks, when you stop).")] = None,
    ago: Annotated[str | None, typer.Option("--ago", help="You started this long ago, e.g. 25m.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Start timing a study session (it lives in the database: closing the terminal is fine).

    Example: llmstudy timer start attention --ago 10m
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = tracking.timer_start(store, ctx.clock.now, topic, ago)
    present(result, json, ctx.lang)


@command("stop", group=timer_app)
def timer_stop(
    note: Annotated[str | None, typer.Option("--note", help="What you did or learned.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Log it even if it ran for hours (a terminal asks).")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Stop the timer and log the time as a session.

    Example: llmstudy timer stop --note "multi-head attention by hand"
    """
    ctx = context(lang)
    with ctx.store() as store:
        minutes = None if yes or not interactive() else tracking.forgotten_timer(store, ctx.clock.now)
        if minutes is not None:
            from llmstudy.output.plain import long_timer_question

            if not typer.confirm(long_timer_question(minutes, ctx.lang), default=False):
                raise typer.Exit(1)
            yes = True
        result = tracking.timer_stop(store, ctx.clock.today, ctx.clock.now, note, yes)
    present(result, json, ctx.lang)


@command("status", group=timer_app)
def timer_status(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Whether a timer runs, on what and for how long.

    Example: llmstudy timer status
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = tracking.timer_status(store, ctx.clock.now)
    present(result, json, ctx.lang)


@command("cancel", group=timer_app)
def timer_cancel(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Drop the running timer without logging.

    Example: llmstudy timer cancel
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = tracking.timer_cancel(store, ctx.clock.now)
    present(result, json, ctx.lang)
