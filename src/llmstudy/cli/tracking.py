"""Commands that record study: log, sessions, edit, delete, undo, statuses, stats, export, import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from llmstudy import hot, tracking
from llmstudy.app import today
from llmstudy.cli import CTX, JsonOpt, LangOpt, command, lang_of
from llmstudy.dates import parse_day
from llmstudy.lookup import resolve_topic


@command("log")
def log(
    duration: Annotated[str, typer.Argument(help="How long: 2h, 1.5h, 90m, 1h30m, 1:30, PT1H30M, 1小时30分钟.")],
    topic: Annotated[str | None, typer.Argument(help="Topic id or alias (default: what `next` recommends).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD, today or yesterday.")] = None,
    week: Annotated[int | None, typer.Option("--week", help="Roadmap week (default: the topic's week).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="What you did or learned.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Record study time on a topic.

    Example: llmstudy log 1h30m attention --note "derived softmax(QK^T/sqrt(d))V"
    """
    hot.run_log(CTX, lang_of(lang), json, duration, topic, date, week, note)


@command("sessions")
def sessions(
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    week: Annotated[int | None, typer.Option("--week", help="Only this roadmap week.")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD, today, yesterday).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """List logged study sessions.

    Example: llmstudy sessions --topic attention --from 2026-11-01
    """
    lg = lang_of(lang)
    day = today()
    start = None if from_ is None else parse_day(from_, day, allow_future=True).isoformat()
    end = None if to is None else parse_day(to, day, allow_future=True).isoformat()
    with CTX.store() as store:
        topic_id = None if topic is None else resolve_topic(topic, store.topics()).id
        rows = store.sessions(topic_id, week, start, end)
        topics = store.topics()
    if json:
        from llmstudy.render import dump_json

        dump_json([{k: v for k, v in s.as_json().items() if k != "created_at"} for s in rows])
        return
    tracking.render_sessions(rows, topics, lg)


@command("edit")
def edit(
    session_id: Annotated[str, typer.Argument(help="Session id (or its first characters) from `llmstudy sessions`.")],
    duration: Annotated[str | None, typer.Option("--duration", help="New duration, e.g. 45m.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="New topic.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="New day.")] = None,
    week: Annotated[int | None, typer.Option("--week", help="New roadmap week.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="New note (empty to clear).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Change a logged session.

    Example: llmstudy edit 3f2a --duration 45m
    """
    lg = lang_of(lang)
    with CTX.store() as store:
        session = tracking.edit_session(store, session_id, duration, topic, date, week, note)
    tracking.say_session("edited", session, lg, json)


@command("delete")
def delete(
    session_id: Annotated[str, typer.Argument(help="Session id (or its first characters).")],
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Delete a logged session (`llmstudy undo` brings it back).

    Example: llmstudy delete 3f2a
    """
    with CTX.store() as store:
        session = store.delete_session(store.find_session(session_id).id)
    tracking.say_session("deleted", session, lang_of(lang), json)


@command("undo")
def undo(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Revert the last log, edit, delete or status change.

    Example: llmstudy undo
    """
    with CTX.store() as store:
        result = store.undo()
    tracking.say_undo(result, lang_of(lang), json)


def _status_command(name: str, status: str, doc: str) -> None:
    def fn(
        topic: Annotated[str, typer.Argument(help="Topic id, alias or title.")],
        json: JsonOpt = False,
        lang: LangOpt = None,
    ) -> None:
        with CTX.store() as store:
            t = resolve_topic(topic, store.topics())
            before = store.set_status(t.id, status)
        tracking.say_status(t, before, status, lang_of(lang), json)

    fn.__doc__ = doc
    fn.__name__ = f"status_{name}"
    command(name)(fn)


_status_command("done", "done", "Mark a topic done.\n\nExample: llmstudy done attention")
_status_command(
    "skip", "skipped", "Skip a topic (next stops recommending it).\n\nExample: llmstudy skip dev-environment"
)
_status_command("start", "learning", "Mark a topic as being learned.\n\nExample: llmstudy start transformer")
_status_command("reset", "pending", "Set a topic back to pending.\n\nExample: llmstudy reset attention")


@command("stats")
def stats(
    streak_minutes: Annotated[
        int, typer.Option("--streak-minutes", help="Minutes a day must reach to count for the streak.", min=1)
    ] = 15,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Hours against plan, per topic and week, streak and a 12-week heatmap.

    Example: llmstudy stats --streak-minutes 30
    """
    lg = lang_of(lang)
    with CTX.store() as store:
        result = tracking.compute_stats(store, today(), streak_minutes, lg)
        topics = store.topics()
    if json:
        from llmstudy.render import dump_json

        dump_json(tracking.stats_json(result))
    else:
        tracking.render_stats(result, topics, lg)


@command("export")
def export(
    output: Annotated[str | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Write all your data (sessions, statuses, notes, quiz reviews) as JSON.

    Example: llmstudy export -o llmstudy-backup.json
    """
    with CTX.store() as store:
        doc = tracking.export_doc(store)
    text = tracking.dumps(doc)
    if output is None:
        typer.echo(text)
        return
    tracking.write_atomic(Path(output), text)
    typer.echo(f"wrote {output}", err=True)


@command("import")
def import_(
    file: Annotated[str, typer.Argument(help="A file written by `llmstudy export`.")],
    json: JsonOpt = False,
) -> None:
    """Merge an export into this database: nothing is duplicated, importing twice is safe.

    Example: llmstudy import llmstudy-backup.json
    """
    doc: dict[str, Any] = tracking.read_export(Path(file))
    with CTX.store() as store:
        added = store.import_rows(doc["data"])
    if json:
        from llmstudy.render import dump_json

        dump_json({"added": added})
    else:
        typer.echo("imported: " + ", ".join(f"{n} {table}" for table, n in added.items()))
