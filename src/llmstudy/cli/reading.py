"""Commands that read the curriculum: roadmap, topics, show, timeline, resources, tree, paths, next."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from llmstudy import hot, views
from llmstudy.cli import CTX, JsonOpt, LangOpt, command, lang_of
from llmstudy.dates import parse_year
from llmstudy.errors import UsageError


@command("next")
def next_(
    track: Annotated[str | None, typer.Option("--track", help="Track to follow (default: the six-week plan).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """What to study now, and why.

    Example: llmstudy next --track concept-tree
    """
    hot.run_next(CTX, lang_of(lang), json, track)


@command("paths")
def paths(json: JsonOpt = False) -> None:
    """Show where the database, config and curated data live.

    Example: llmstudy paths
    """
    p = CTX.paths()
    d = {"db": str(p.db), "db_from": p.db_source, "config": str(p.config), "data": str(p.data)}
    if json:
        from llmstudy.render import dump_json

        dump_json(d)
        return
    for k, v in d.items():
        typer.echo(f"{k:8} {v}")


@command("roadmap")
def roadmap(
    track: Annotated[str | None, typer.Option("--track", help="Show one track only.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The study plan: every track with its stages, topics and hours.

    Example: llmstudy roadmap --track six-week
    """
    lg = lang_of(lang)
    with CTX.store() as store:
        tracks = store.tracks() if track is None else [store.track(track)]
        progress = store.progress()
        topics = store.topics()
    if json:
        from llmstudy.render import dump_json

        dump_json(views.roadmap_json(tracks, progress, lg))
        return
    from llmstudy import render

    render.roadmap(tracks, topics, progress, lg)


@command("topics")
def topics(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """List every topic with its week, status and hours.

    Example: llmstudy topics --lang zh
    """
    lg = lang_of(lang)
    with CTX.store() as store:
        rows = views.topic_rows(store.topics(), store.track(None), store.tracks(), store.progress(), lg)
    from llmstudy import render

    if json:
        render.dump_json(rows)
    else:
        render.topics_table(rows, lg)


@command("show")
def show(
    topic: Annotated[str, typer.Argument(help="Topic id, alias or title (e.g. attention, 自注意力).")],
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """One topic in detail: summary, key points, prerequisites, analogy, resources.

    Example: llmstudy show self-attention
    """
    lg = lang_of(lang)
    with CTX.store() as store:
        d = views.topic_detail(store, topic, lg)
    from llmstudy import render

    if json:
        render.dump_json(d)
    else:
        render.show_topic(d, lg)


@command("timeline")
def timeline(
    from_: Annotated[str | None, typer.Option("--from", help="First year, e.g. 2017.", metavar="YEAR")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last year.", metavar="YEAR")] = None,
    era: Annotated[str | None, typer.Option("--era", help="Only one era (see --json for ids).")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Text to look for in either language.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only events linked to this topic.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The history of language models, grouped by era and linked to topics.

    Example: llmstudy timeline --from 2017 --to 2020
    """
    lg = lang_of(lang)
    start = None if from_ is None else parse_year(from_)
    end = None if to is None else parse_year(to)
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}", hint="swap the two years")
    with CTX.store() as store:
        eras = store.eras()
        if era is not None and era not in {e.id for e in eras}:
            raise UsageError(f"unknown era {era!r}", hint="eras: " + ", ".join(e.id for e in eras))
        topic_id = None if topic is None else views.resolve(store, topic).id
        events = views.filter_events(store.events(), start, end, era, search, topic_id)
    from llmstudy import render

    if json:
        render.dump_json([views.event_json(e, lg) for e in events])
        return
    if not events:
        typer.echo("没有符合条件的事件。" if lg == "zh" else "No events match.")
        return
    render.timeline(eras, events, lg)


@command("resources")
def resources(
    topic: Annotated[str | None, typer.Argument(help="Only resources for this topic.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="course, book, paper, person, site, tool, video or article.")
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Courses, books, papers, people, sites and tools from the notes.

    Example: llmstudy resources attention --kind paper
    """
    lg = lang_of(lang)
    kinds = ("course", "book", "paper", "person", "site", "tool", "video", "article")
    if kind is not None and kind not in kinds:
        raise UsageError(f"unknown kind {kind!r}", hint="kinds: " + ", ".join(kinds))
    with CTX.store() as store:
        topic_id = None if topic is None else views.resolve(store, topic).id
        items = store.resources(topic_id, kind)
    from llmstudy import render

    if json:
        render.dump_json([views.resource_full_json(r, lg) for r in items])
    elif not items:
        typer.echo("没有符合条件的资源。" if lg == "zh" else "No resources match.")
    else:
        render.resources(items, lg)


@command("tree")
def tree(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """The concept tree: every topic under what it needs first.

    Example: llmstudy tree
    """
    lg = lang_of(lang)
    with CTX.store() as store:
        topics_ = store.topics()
        progress = store.progress()
    from llmstudy import render

    if json:
        data: list[dict[str, Any]] = [
            {
                "id": t.id,
                "title": t.title.get(lg),
                "prerequisites": list(t.prerequisites),
                "status": progress.status(t.id),
            }
            for t in topics_.values()
        ]
        render.dump_json(data)
    else:
        render.tree(topics_, progress, lg)
