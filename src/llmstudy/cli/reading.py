"""Commands that read the curriculum: next, paths, roadmap, topics, show, timeline, resources, tree."""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, command, context, later, present

if TYPE_CHECKING:
    from llmstudy.actions import catalog, plan, results
else:
    catalog = later("llmstudy.actions.catalog")
    plan = later("llmstudy.actions.plan")
    results = later("llmstudy.actions.results")


@command("next")
def next_(
    track: Annotated[str | None, typer.Option("--track", help="Track to follow (default: the six-week plan).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """What to study now, and why.

    Mastery, when shown, is the share of the topic's questions whose latest answer was right.

    Example: llmstudy next --track concept-tree
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = plan.next_topic(store, ctx.clock.today, ctx.clock.now, track)
    present(result, json, ctx.lang)


@command("paths")
def paths(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """Show where the database, config, curated data and your lab files live.

    Example: llmstudy paths
    """
    ctx = context(lang)
    p = ctx.paths()
    present(results.PathsResult(p.db, p.db_source, p.config, p.data, p.home / "labs"), json, ctx.lang)


@command("roadmap")
def roadmap(
    track: Annotated[str | None, typer.Option("--track", help="Show one track only.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The study plan: every track with its stages, topics and hours.

    Example: llmstudy roadmap --track six-week
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = catalog.roadmap(store, track)
    present(result, json, ctx.lang)


@command("topics")
def topics(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """List every topic with its week, status and hours.

    Example: llmstudy topics --lang zh
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = catalog.topic_list(store)
    present(result, json, ctx.lang)


@command("show")
def show(
    topic: Annotated[str, typer.Argument(help="Topic id, alias or title (e.g. attention, 自注意力).")],
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """One topic in detail: summary, key points, prerequisites, analogy, resources.

    Example: llmstudy show self-attention
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = catalog.topic_detail(store, topic)
    present(result, json, ctx.lang)


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
    ctx = context(lang)
    with ctx.store() as store:
        result = catalog.timeline(store, from_, to, era, search, topic)
    present(result, json, ctx.lang)


@command("resources")
def resources(
    topic: Annotated[str | None, typer.Argument(help="Only resources for this topic.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="course, book, paper, person, site, tool, video or article.")
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Courses, books, papers, people, sites and tools, for one topic or all.

    Example: llmstudy resources attention --kind paper
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = catalog.resources(store, topic, kind)
    present(result, json, ctx.lang)


@command("tree")
def tree(json: JsonOpt = False, lang: LangOpt = None) -> None:
    """The concept tree: every topic under what it needs first.

    Example: llmstudy tree
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = catalog.tree(store)
    present(result, json, ctx.lang)
