"""Commands that record study: log, sessions, edit, delete, undo, statuses, stats."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, command, context, interactive, later, present

if TYPE_CHECKING:
    from llmstudy.actions import tracking
else:
    tracking = later("llmstudy.actions.tracking")


def week_number(value: str) -> int:
    """``--week`` as typed: ASCII digits only, as on the fast path (``int`` would take "٣" and 10**30)."""
    v = value.strip()
    if not (v.isascii() and v.isdigit() and len(v) <= 4):
        raise typer.BadParameter(f"{value!r} is not a week number (use 1, 2, 3 ...)")
    return int(v)


@command("log")
def log(
    duration: Annotated[str, typer.Argument(help="How long: 2h, 1.5h, 90m, 1h30m, 1:30, PT1H30M, 1小时30分钟.")],
    topic: Annotated[str | None, typer.Argument(help="Topic id or alias (default: what `next` recommends).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD, today or yesterday.")] = None,
    week: Annotated[int | None, typer.Option("--week", help="Roadmap week (default: the topic's week).", parser=week_number)] = None,
    note: Annotated[str | None, typer.Option("--note", help="What you did or learned.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Accept a day more than a year back or before the plan.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Record study time on a topic.

    Example: llmstudy log 1h30m attention --note "derived softmax(QK^T/sqrt(d))V"
    """
    ctx = context(lang)
    tracking.check_fields(ctx.clock.today, duration, date, week, note)  # before opening anything
    with ctx.store() as store:
        result = tracking.log_time(store, ctx.clock.today, duration, topic, date, week, note, force)
    present(result, json, ctx.lang)


@command("sessions")
def sessions(
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    week: Annotated[int | None, typer.Option("--week", help="Only this roadmap week.", parser=week_number)] = None,
    from_: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD, today, yesterday).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day.")] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Show the latest N (default 20; all with --json).")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Show every matching session.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """List logged study sessions, the latest last.

    Example: llmstudy sessions --topic attention --from 2026-11-01
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = tracking.list_sessions(store, ctx.clock.today, topic, week, from_, to, tracking.session_limit(limit, all_, json))
    present(result, json, ctx.lang)


@command("edit")
def edit(
    session_id: Annotated[str, typer.Argument(help="Session id (or its first characters) from `llmstudy sessions`.")],
    duration: Annotated[str | None, typer.Option("--duration", help="New duration, e.g. 45m.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="New topic.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="New day.")] = None,
    week: Annotated[int | None, typer.Option("--week", help="New roadmap week.", parser=week_number)] = None,
    note: Annotated[str | None, typer.Option("--note", help="New note (empty to clear).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Accept a day more than a year back or before the plan.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Change a logged session.

    Example: llmstudy edit 3f2a --duration 45m
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = tracking.edit_session(store, ctx.clock.today, session_id, duration, topic, date, week, note, force)
    present(result, json, ctx.lang)


@command("delete")
def delete(
    session_id: Annotated[str, typer.Argument(help="Session id (or its first characters).")],
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Delete a logged session (`llmstudy undo` brings it back).

    Example: llmstudy delete 3f2a
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = tracking.delete_session(store, session_id)
    present(result, json, ctx.lang)


@command("undo")
def undo(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask, even for a change made long ago.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Revert this database's newest log, edit, delete, note, card delete, status change or import.

    It says what it reverted (id, when, what). On a terminal, a change older than ten
    minutes is shown first and undone only if you agree.

    Example: llmstudy undo
    """
    ctx = context(lang)
    with ctx.store() as store:
        change = tracking.last_change(store)
        if change is not None and not yes and tracking.undo_is_old(change, ctx.clock.now) and interactive():
            from llmstudy.output.plain import undo_question

            if not typer.confirm(undo_question(change, ctx.clock.now, ctx.lang), default=False):
                raise typer.Exit(1)
        result = tracking.undo(store, ctx.clock.now, change)
    present(result if json else tracking.require_change(result), json, ctx.lang)


def _status_command(name: str, doc: str) -> None:
    def fn(
        topic: Annotated[str, typer.Argument(help="Topic id, alias or title.")],
        json: JsonOpt = False,
        lang: LangOpt = None,
    ) -> None:
        ctx = context(lang)
        with ctx.store() as store:
            result = tracking.set_status(store, topic, name)
        present(result, json, ctx.lang)

    fn.__doc__ = doc
    fn.__name__ = f"status_{name}"
    command(name)(fn)


_status_command("done", "Mark a topic done.\n\nExample: llmstudy done attention")
_status_command("skip", "Skip a topic (next stops recommending it).\n\nExample: llmstudy skip dev-environment")
_status_command("start", "Mark a topic as being learned.\n\nExample: llmstudy start transformer")
_status_command("reset", "Set a topic back to pending.\n\nExample: llmstudy reset attention")


@command("stats")
def stats(
    streak_minutes: Annotated[
        int | None, typer.Option("--streak-minutes", help="Minutes a day must reach to count for the streak (default 15).", min=1)
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Hours against plan, per topic and week, streak and a 12-week heatmap.

    Reviews due are quiz cards due now; a topic's mastery is the share of its questions whose
    latest answer was right (questions never answered do not count).

    Example: llmstudy stats --streak-minutes 30
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = tracking.stats(store, ctx.clock.today, ctx.clock.now, streak_minutes)
    present(result, json, ctx.lang)
