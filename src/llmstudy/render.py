"""Rich views of results. Text we did not write (YAML content, notes, model output)
goes in as ``Text`` objects, never as markup, and control characters are stripped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from llmstudy.domain import EraRec, EventRec, Progress, ResourceRec, TopicRec, TrackRec
from llmstudy.durations import format_minutes
from llmstudy.planner import stage_logged
from llmstudy.stats import Stats
from llmstudy.term import MAX_WIDTH, clean

STATUS_MARK = {"pending": "·", "learning": "▶", "done": "✓", "skipped": "–"}


def console(stderr: bool = False) -> Console:
    probe = Console(stderr=stderr)
    return Console(
        stderr=stderr,
        width=min(MAX_WIDTH, probe.width),
        highlight=False,
        emoji=False,
        markup=False,
    )


def dump_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def hours(minutes: int | None) -> str:
    return "—" if minutes is None else format_minutes(minutes)


def roadmap(tracks: Sequence[TrackRec], topics: dict[str, TopicRec], progress: Progress, lang: str) -> None:
    con = console()
    for track in tracks:
        con.print(t(f"{track.title.get(lang)} ({track.id})", "bold cyan"))
        con.print(t(track.summary.get(lang), "dim"))
        table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
        table.add_column("#", justify="right")
        table.add_column("阶段" if lang == "zh" else "Stage", overflow="fold")
        table.add_column("主题" if lang == "zh" else "Topics", overflow="fold")
        table.add_column("已记录/计划" if lang == "zh" else "Logged/plan", justify="right", no_wrap=True)
        for stage in track.stages:
            names = Text()
            for i, st in enumerate(stage.topics):
                mark = STATUS_MARK[progress.status(st.topic)]
                style = "green" if progress.status(st.topic) == "done" else ""
                names.append(("" if i == 0 else ", ") + f"{mark}{st.topic}", style=style)
            logged = stage_logged(track, stage, progress)
            table.add_row(
                str(stage.number),
                t(stage.title.get(lang)),
                names,
                f"{format_minutes(logged)}/{hours(stage.planned_minutes)}",
            )
        con.print(table)
        con.print()


def topics_table(rows: Sequence[dict[str, Any]], lang: str) -> None:
    con = console()
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("标题" if lang == "zh" else "Title", overflow="fold")
    table.add_column("周" if lang == "zh" else "Wk", justify="right")
    table.add_column("状态" if lang == "zh" else "Status", no_wrap=True)
    table.add_column("已记录/计划" if lang == "zh" else "Logged/plan", justify="right", no_wrap=True)
    for r in rows:
        planned = None if r["planned_hours"] is None else round(r["planned_hours"] * 60)
        table.add_row(
            r["id"],
            t(r["title"]),
            "" if r["week"] is None else str(r["week"]),
            f"{STATUS_MARK[r['status']]} {r['status']}",
            f"{format_minutes(r['logged_minutes'])}/{hours(planned)}",
        )
    con.print(table)


def bullets(items: Sequence[str], mark: str = "•") -> Table:
    """A list with hanging indents, so wrapped lines stay under their text."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(f" {mark}", t(item))
    return grid


def show_topic(d: dict[str, Any], lang: str) -> None:
    con = console()
    zh = lang == "zh"
    con.print(t(f"{d['title']} ({d['id']})", "bold cyan"))
    if d["aliases"]:
        con.print(t(("别名：" if zh else "Also: ") + ", ".join(d["aliases"]), "dim"))
    con.print(
        t(
            f"{'状态' if zh else 'Status'}: {d['status']} · {format_minutes(d['logged_minutes'])}"
            f" / {hours(d['planned_minutes'])}"
            + ("" if d["week"] is None else f" · {'第' if zh else 'week '}{d['week']}{'周' if zh else ''}"),
            "dim",
        )
    )
    con.print()
    con.print(t(d["summary"]))
    con.print()
    con.print(t("要点" if zh else "Key points", "bold"))
    con.print(bullets(d["key_points"]))
    if d["analogy"]:
        con.print()
        con.print(t("类比" if zh else "Analogy", "bold"))
        con.print(Text("  ") + t(d["analogy"]))
    con.print()
    pre = ", ".join(f"{p['id']} ({p['status']})" for p in d["prerequisites"]) or ("无" if zh else "none")
    con.print(t(f"{'前置' if zh else 'Prerequisites'}: {pre}"))
    if d["leads_to"]:
        con.print(t(f"{'后续' if zh else 'Leads to'}: {', '.join(d['leads_to'])}", "dim"))
    if d["resources"]:
        con.print()
        con.print(t("资源" if zh else "Resources", "bold"))
        con.print(
            bullets(
                [f"[{r['kind']}] {r['title']}" + (f" — {r['url']}" if r["url"] else "") for r in d["resources"]],
                "-",
            )
        )
    if d["sources"]:
        con.print()
        con.print(t("来源" if zh else "Sources", "bold"))
        con.print(
            bullets([s["title"] + (f" — {s['url']}" if s["url"] else "") for s in d["sources"]], "-"),
            style="dim",
        )


def timeline(eras: Sequence[EraRec], events: Sequence[EventRec], lang: str) -> None:
    con = console()
    by_era: dict[str, list[EventRec]] = {}
    for ev in events:
        by_era.setdefault(ev.era, []).append(ev)
    for era in eras:
        evs = by_era.get(era.id)
        if not evs:
            continue
        span = f"{era.start}–{era.end if era.end is not None else ''}"
        con.print(t(f"{era.title.get(lang)}  {span}", "bold magenta"))
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(no_wrap=True, style="cyan", width=10)
        grid.add_column(overflow="fold")
        for ev in evs:
            body = t(ev.title.get(lang), "bold") + Text("\n") + t(ev.summary.get(lang))
            if ev.topics:
                body += t(f"\n→ {', '.join(ev.topics)}", "dim")
            if ev.erratum is not None:
                body += t("\n" + ("勘误：" if lang == "zh" else "Erratum: ") + ev.erratum.get(lang), "yellow")
            grid.add_row(ev.date, body)
        con.print(grid, style="")
        con.print()


def resources(items: Sequence[ResourceRec], lang: str) -> None:
    con = console()
    for r in items:
        head = Text(f"[{r.kind}] ", style="dim") + t(r.title.get(lang), "bold") + Text(f" ({r.id})", style="dim")
        con.print(head)
        if r.summary is not None:
            con.print(Text("    ") + t(r.summary.get(lang)))
        if r.link:
            con.print(Text("    ") + t(r.link, "cyan"))


def tree(topics: dict[str, TopicRec], progress: Progress, lang: str) -> None:
    """The prerequisite graph as a tree: each topic under its first prerequisite."""
    con = console()
    children: dict[str, list[str]] = {tid: [] for tid in topics}
    roots = []
    for tid, topic in topics.items():
        if topic.prerequisites:
            children[topic.prerequisites[0]].append(tid)
        else:
            roots.append(tid)
    root = Tree(t("概念树" if lang == "zh" else "Concept tree", "bold"))

    def add(node: Tree, tid: str) -> None:
        topic = topics[tid]
        label = Text(f"{STATUS_MARK[progress.status(tid)]} ") + t(f"{topic.title.get(lang)} ({tid})")
        extra = topic.prerequisites[1:]
        if extra:
            label += t(f"  +{', '.join(extra)}", "dim")
        branch = node.add(label)
        for c in children[tid]:
            add(branch, c)

    for r in roots:
        add(root, r)
    con.print(root)


def bar(value: int, total: int, width: int = 20) -> str:
    if total <= 0:
        return " " * width
    filled = min(width, round(width * value / total))
    return "█" * filled + "░" * (width - filled)


def stats(s: Stats, topics: dict[str, TopicRec], lang: str) -> None:
    zh = lang == "zh"
    con = console()
    con.print(
        t(
            f"{'总计' if zh else 'Total'}: {format_minutes(s.total_minutes)}  ·  "
            f"{'连续天数' if zh else 'Streak'}: {s.streak_days} {'天' if zh else 'day(s)'}"
            f" (≥{s.streak_threshold}m)"
            + (f"  ·  {'待复习' if zh else 'Reviews due'}: {s.reviews_due}" if s.reviews_due else ""),
            "bold",
        )
    )
    con.print()
    con.print(t("路线图各周（已记录/计划）" if zh else "Roadmap weeks (logged/planned)", "bold"))
    for w in s.by_roadmap_week:
        planned = w.planned_minutes or 0
        con.print(
            t(
                f"  {w.number} {bar(w.logged_minutes, planned)} "
                f"{format_minutes(w.logged_minutes):>7}/{hours(w.planned_minutes):<5} {w.title}"[:MAX_WIDTH]
            )
        )
    con.print()
    con.print(t("最近 8 周（日历周）" if zh else "Last 8 calendar weeks", "bold"))
    top = max((m for _, m in s.by_calendar_week), default=0)
    for start, minutes in s.by_calendar_week:
        con.print(t(f"  {start.isoformat()} {bar(minutes, top, 30)} {format_minutes(minutes)}"))
    con.print()
    if s.by_topic:
        con.print(t("按主题" if zh else "By topic", "bold"))
        most = max(s.by_topic.values())
        for tid, minutes in list(s.by_topic.items())[:12]:
            title = topics[tid].title.get(lang) if tid in topics else tid
            m = s.mastery.get(tid)
            extra = "" if m is None else f"  {'掌握' if zh else 'mastery'} {int(m * 100)}%"
            con.print(t(f"  {bar(minutes, most, 16)} {format_minutes(minutes):>7} {title}{extra}"[:MAX_WIDTH]))
        con.print()
    con.print(
        t(
            ("最近 12 周热力图（从 " if zh else "Last 12 weeks (from ") + s.heatmap_start.isoformat() + ")",
            "bold",
        )
    )
    shades = "·░▒▓█"
    names = ["一", "二", "三", "四", "五", "六", "日"] if zh else ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    for name, row in zip(names, s.heatmap, strict=True):
        cells = "".join("   " if v is None else shades[0 if v == 0 else min(4, 1 + v // 30)] * 2 + " " for v in row)
        con.print(t(f"  {name:>2} {cells}"))
    con.print(
        t(
            "  " + ("图例：·=0  ░<30m  ▒<1h  ▓<1.5h  █≥1.5h" if zh else "key: ·=0  ░<30m  ▒<1h  ▓<1.5h  █≥1.5h"),
            "dim",
        )
    )


def sessions(rows: Sequence[Any], topics: dict[str, TopicRec], lang: str) -> None:
    con = console()
    if not rows:
        con.print(t("还没有记录。试试：llmstudy log 1h" if lang == "zh" else "No sessions yet. Try: llmstudy log 1h"))
        return
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    for col in ("id", "date", "time", "topic", "wk", "note"):
        table.add_column(col, no_wrap=col != "note")
    for s in rows:
        table.add_row(
            s.id[:8],
            s.day,
            format_minutes(s.minutes),
            s.topic,
            "" if s.week is None else str(s.week),
            t(s.note or ""),
        )
    con.print(table)
    total = sum(s.minutes for s in rows)
    con.print(t(f"{len(rows)} {'条' if lang == 'zh' else 'session(s)'}, {format_minutes(total)}", "dim"))


def llm_calls(calls: Sequence[dict[str, Any]], full: bool) -> None:
    con = console()
    if not calls:
        con.print(t("No LLM calls yet."))
        return
    for c in calls:
        tokens = f"{c['prompt_tokens'] or 0}+{c['completion_tokens'] or 0} tok"
        status = t(f"error: {c['error']}", "red") if c["error"] else t("ok", "green")
        con.print(
            t(
                f"{c['at'][:19]} {c['purpose']:<7} {c['model']} @ {c['host']} [{c['mode']}] {tokens} {c['latency_ms']} ms "
            ),
            status,
        )
        if full:
            con.print(Text("  prompt: ", style="dim") + t((c["prompt"] or "")[:2000]))
            con.print(Text("  reply:  ", style="dim") + t((c["response"] or "")[:2000]))
