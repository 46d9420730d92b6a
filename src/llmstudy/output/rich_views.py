"""Rich views of results. Text we did not write (YAML content, notes, model output)
goes in as ``Text`` objects, never as markup, and control characters are stripped.
UI strings are ``Bi`` constants, chosen with ``.get(lang)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from llmstudy.actions import results as r
from llmstudy.core.durations import format_minutes
from llmstudy.core.planner import stage_logged
from llmstudy.core.records import Bi, EventRec, Lang
from llmstudy.core.redaction import display_url
from llmstudy.output.terminal import MAX_WIDTH, clean
from llmstudy.output.words import kind_name, status_name

STATUS_MARK = {"pending": "·", "learning": "▶", "done": "✓", "skipped": "–"}

STAGE = Bi("阶段", "Stage")
TOPICS = Bi("主题", "Topics")
LOGGED_PLAN = Bi("已记录/计划", "Logged/plan")
TITLE = Bi("标题", "Title")
WEEK_SHORT = Bi("周", "Wk")
STATUS = Bi("状态", "Status")
ALSO = Bi("别名：", "Also: ")
WEEK_N = Bi("第 {n} 周", "week {n}")
KEY_POINTS = Bi("要点", "Key points")
ANALOGY = Bi("类比", "Analogy")
PREREQS = Bi("前置", "Prerequisites")
NONE = Bi("无", "none")
LEADS_TO = Bi("后续", "Leads to")
RESOURCES = Bi("资源", "Resources")
SOURCES = Bi("来源", "Sources")
ERRATUM = Bi("勘误：", "Erratum: ")
NO_EVENTS = Bi("没有符合条件的事件。", "No events match.")
NO_RESOURCES = Bi("没有符合条件的资源。", "No resources match.")
CONCEPT_TREE = Bi("概念树", "Concept tree")
TOTAL = Bi("总计", "Total")
STREAK = Bi("连续 {n} 天", "Streak: {n} day(s)")
REVIEWS_DUE = Bi("待复习：{n}", "Reviews due: {n}")
ROADMAP_WEEKS = Bi("路线图各周（已记录/计划）", "Roadmap weeks (logged/planned)")
CALENDAR_WEEKS = Bi("最近 8 周（日历周）", "Last 8 calendar weeks")
BY_TOPIC = Bi("按主题", "By topic")
MASTERY = Bi("掌握 {pct}%", "mastery {pct}%")
HEATMAP = Bi("最近 12 周热力图（从 {start} 起）", "Last 12 weeks (from {start})")
WEEKDAYS = Bi("一 二 三 四 五 六 日", "Mo Tu We Th Fr Sa Su")
HEAT_KEY = Bi("图例：·=0  ░<30分钟  ▒<1小时  ▓<1.5小时  █≥1.5小时", "key: ·=0  ░<30m  ▒<1h  ▓<1.5h  █≥1.5h")
NO_SESSIONS = Bi("还没有记录。试试：llmstudy log 1h", "No sessions yet. Try: llmstudy log 1h")
NO_MATCH = Bi("没有符合条件的记录。", "No sessions match.")
SESSION_HEADERS = (
    Bi("id", "id"),
    Bi("日期", "date"),
    Bi("时长", "time"),
    Bi("主题", "topic"),
    Bi("周", "wk"),
)
NOTE = Bi("笔记", "note")
SESSIONS_TOTAL = Bi("{n} 条，共 {dur}", "{n} session(s), {dur}")
HIDDEN = Bi(
    "另有 {n} 条较早的记录未显示（--limit N 或 --all 可显示更多）",
    "{n} earlier session(s) not shown (--limit N or --all shows more)",
)
NO_CALLS = Bi("还没有调用过模型。", "No LLM calls yet.")
OFFLINE_ADVICE = Bi(
    "离线：测验使用内置题库。要使用模型，请设置 LLMSTUDY_MODEL 和 OPENAI_API_KEY（本地服务器如 Ollama 则设置 OPENAI_BASE_URL）。",
    "Offline: quizzes use the curated bank. To use a model, set LLMSTUDY_MODEL and OPENAI_API_KEY "
    "(or OPENAI_BASE_URL for a local server such as Ollama).",
)


def console(stderr: bool = False) -> Console:
    probe = Console(stderr=stderr)
    return Console(
        stderr=stderr,
        width=min(MAX_WIDTH, probe.width),
        highlight=False,
        emoji=False,
        markup=False,
    )


def t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def hours(minutes: int | None, lang: Lang) -> str:
    return "—" if minutes is None else format_minutes(minutes, lang)


def roadmap(x: r.RoadmapResult, lang: Lang) -> None:
    con = console()
    for track in x.tracks:
        con.print(t(f"{track.title.get(lang)} ({track.id})", "bold cyan"))
        con.print(t(track.summary.get(lang), "dim"))
        table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
        table.add_column("#", justify="right")
        table.add_column(STAGE.get(lang), overflow="fold")
        table.add_column(TOPICS.get(lang), overflow="fold")
        table.add_column(LOGGED_PLAN.get(lang), justify="right", no_wrap=True)
        for stage in track.stages:
            names = Text()
            for i, st in enumerate(stage.topics):
                status = x.progress.status(st.topic)
                names.append(("" if i == 0 else ", ") + f"{STATUS_MARK[status]}{st.topic}", style="green" if status == "done" else "")
            logged = stage_logged(track, stage, x.progress)
            table.add_row(
                str(stage.number),
                t(stage.title.get(lang)),
                names,
                f"{format_minutes(logged, lang)}/{hours(stage.planned_minutes, lang)}",
            )
        con.print(table)
        con.print()


def topic_list(x: r.TopicList, lang: Lang) -> None:
    con = console()
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column(TITLE.get(lang), overflow="fold")
    table.add_column(WEEK_SHORT.get(lang), justify="right")
    table.add_column(STATUS.get(lang), no_wrap=True)
    table.add_column(LOGGED_PLAN.get(lang), justify="right", no_wrap=True)
    for row in x.rows:
        table.add_row(
            row.topic.id,
            t(row.topic.title.get(lang)),
            "" if row.week is None else str(row.week),
            f"{STATUS_MARK[row.status]} {status_name(row.status, lang)}",
            f"{format_minutes(row.logged_minutes, lang)}/{hours(row.planned_minutes, lang)}",
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


def topic_detail(x: r.TopicDetail, lang: Lang) -> None:
    con = console()
    row, topic = x.row, x.row.topic
    con.print(t(f"{topic.title.get(lang)} ({topic.id})", "bold cyan"))
    if topic.aliases:
        con.print(t(ALSO.get(lang) + ", ".join(topic.aliases), "dim"))
    week = "" if row.week is None else " · " + WEEK_N.format(lang, n=row.week)
    con.print(
        t(
            f"{STATUS.get(lang)}: {status_name(row.status, lang)} · {format_minutes(row.logged_minutes, lang)}"
            f" / {hours(row.planned_minutes, lang)}{week}",
            "dim",
        )
    )
    con.print()
    con.print(t(topic.summary.get(lang)))
    con.print()
    con.print(t(KEY_POINTS.get(lang), "bold"))
    con.print(bullets([k.get(lang) for k in topic.key_points]))
    if topic.analogy is not None:
        con.print()
        con.print(t(ANALOGY.get(lang), "bold"))
        con.print(Text("  ") + t(topic.analogy.get(lang)))
    con.print()
    pre = ", ".join(f"{p.id} ({status_name(s, lang)})" for p, s in x.prerequisites) or NONE.get(lang)
    con.print(t(f"{PREREQS.get(lang)}: {pre}"))
    if x.leads_to:
        con.print(t(f"{LEADS_TO.get(lang)}: {', '.join(x.leads_to)}", "dim"))
    if x.resources:
        con.print()
        con.print(t(RESOURCES.get(lang), "bold"))
        con.print(
            bullets(
                [
                    f"[{kind_name(res.kind, lang)}] {res.title.get(lang)}" + (f" — {res.link}" if res.link else "")
                    for res in x.resources
                ],
                "-",
            )
        )
    if topic.sources:
        con.print()
        con.print(t(SOURCES.get(lang), "bold"))
        con.print(bullets([s.title + (f" — {s.link}" if s.link else "") for s in topic.sources], "-"), style="dim")


def timeline(x: r.TimelineResult, lang: Lang) -> None:
    con = console()
    if not x.events:
        con.print(t(NO_EVENTS.get(lang)))
        return
    by_era: dict[str, list[EventRec]] = {}
    for ev in x.events:
        by_era.setdefault(ev.era, []).append(ev)
    for era in x.eras:
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
                body += t("\n" + ERRATUM.get(lang) + ev.erratum.get(lang), "yellow")
            grid.add_row(ev.date, body)
        con.print(grid, style="")
        con.print()


def resource_list(x: r.ResourceList, lang: Lang) -> None:
    con = console()
    if not x.items:
        con.print(t(NO_RESOURCES.get(lang)))
        return
    for res in x.items:
        head = Text(f"[{kind_name(res.kind, lang)}] ", style="dim") + t(res.title.get(lang), "bold")
        con.print(head + Text(f" ({res.id})", style="dim"))
        if res.summary is not None:
            con.print(Text("    ") + t(res.summary.get(lang)))
        if res.link:
            con.print(Text("    ") + t(res.link, "cyan"))


def tree(x: r.TreeResult, lang: Lang) -> None:
    """The prerequisite graph as a tree: each topic under its first prerequisite."""
    con = console()
    topics = x.topics
    children: dict[str, list[str]] = {tid: [] for tid in topics}
    roots = []
    for tid, topic in topics.items():
        if topic.prerequisites:
            children[topic.prerequisites[0]].append(tid)
        else:
            roots.append(tid)
    root = Tree(t(CONCEPT_TREE.get(lang), "bold"))

    def add(node: Tree, tid: str) -> None:
        topic = topics[tid]
        label = Text(f"{STATUS_MARK[x.progress.status(tid)]} ") + t(f"{topic.title.get(lang)} ({tid})")
        extra = topic.prerequisites[1:]
        if extra:
            label += t(f"  +{', '.join(extra)}", "dim")
        branch = node.add(label)
        for c in children[tid]:
            add(branch, c)

    for root_id in roots:
        add(root, root_id)
    con.print(root)


def bar(value: int, total: int, width: int = 20) -> str:
    if total <= 0:
        return " " * width
    filled = min(width, round(width * value / total))
    return "█" * filled + "░" * (width - filled)


def stats(x: r.StatsResult, lang: Lang) -> None:
    s, topics = x.stats, x.topics
    con = console()
    head = f"{TOTAL.get(lang)}: {format_minutes(s.total_minutes, lang)}  ·  "
    head += STREAK.format(lang, n=s.streak_days) + f" (≥{format_minutes(s.streak_threshold, lang)})"
    if s.reviews_due:
        head += "  ·  " + REVIEWS_DUE.format(lang, n=s.reviews_due)
    con.print(t(head, "bold"))
    con.print()
    con.print(t(ROADMAP_WEEKS.get(lang), "bold"))
    for w in s.by_roadmap_week:
        logged, planned = format_minutes(w.logged_minutes, lang), hours(w.planned_minutes, lang)
        line = f"  {w.number} {bar(w.logged_minutes, w.planned_minutes or 0)} {logged:>7}/{planned:<5} {w.title.get(lang)}"
        con.print(t(line), no_wrap=True, overflow="ellipsis")
    con.print()
    con.print(t(CALENDAR_WEEKS.get(lang), "bold"))
    top = max((m for _, m in s.by_calendar_week), default=0)
    for start, minutes in s.by_calendar_week:
        con.print(t(f"  {start.isoformat()} {bar(minutes, top, 30)} {format_minutes(minutes, lang)}"))
    con.print()
    if s.by_topic:
        con.print(t(BY_TOPIC.get(lang), "bold"))
        most = max(s.by_topic.values())
        for tid, minutes in list(s.by_topic.items())[:12]:
            title = topics[tid].title.get(lang) if tid in topics else tid
            m = s.mastery.get(tid)
            extra = "" if m is None else "  " + MASTERY.format(lang, pct=int(m * 100))
            line = f"  {bar(minutes, most, 16)} {format_minutes(minutes, lang):>7} {title}{extra}"
            con.print(t(line), no_wrap=True, overflow="ellipsis")
        con.print()
    con.print(t(HEATMAP.format(lang, start=s.heatmap_start.isoformat()), "bold"))
    shades = "·░▒▓█"
    names = WEEKDAYS.get(lang).split()
    for name, row in zip(names, s.heatmap, strict=True):
        cells = "".join("   " if v is None else shades[0 if v == 0 else min(4, 1 + v // 30)] * 2 + " " for v in row)
        con.print(t(f"  {name:>2} {cells}"))
    con.print(t("  " + HEAT_KEY.get(lang), "dim"))


def session_list(x: r.SessionList, lang: Lang) -> None:
    con = console()
    if not x.sessions:
        con.print(t((NO_MATCH if x.filtered or x.total else NO_SESSIONS).get(lang)))
        return
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    for col in SESSION_HEADERS:
        table.add_column(col.get(lang), no_wrap=True)
    table.add_column(NOTE.get(lang), overflow="fold", ratio=1)
    for s in x.sessions:
        table.add_row(
            t(s.id[:8]),
            t(s.day),
            format_minutes(s.minutes, lang),
            t(s.topic),
            "" if s.week is None else str(s.week),
            t(s.note or ""),
        )
    con.print(table)
    total = sum(s.minutes for s in x.sessions)
    con.print(t(SESSIONS_TOTAL.format(lang, n=len(x.sessions), dur=format_minutes(total, lang)), "dim"))
    if x.total > len(x.sessions):
        con.print(t(HIDDEN.format(lang, n=x.total - len(x.sessions)), "dim"))


def llm_status(x: r.LlmStatus, lang: Lang) -> None:
    con = console()
    rows = x._asdict() | {"base_url": display_url(x.base_url)}  # never a URL's userinfo or query
    if not x.configured:
        del rows["remembered_mode"], rows["endpoint"]
    for k, v in rows.items():
        con.print(t(f"{k:16} {'—' if v is None else v}"))
    if not x.configured:
        con.print()
        con.print(t(OFFLINE_ADVICE.get(lang)))


def llm_calls(x: r.LlmCalls, lang: Lang) -> None:
    con = console()
    if not x.calls:
        con.print(t(NO_CALLS.get(lang)))
        return
    for c in x.calls:
        tokens = f"{c['prompt_tokens'] or 0}+{c['completion_tokens'] or 0} tok"
        status = t(f"error: {c['error']}", "red") if c["error"] else t("ok", "green")
        head = f"{c['at'][:19]} {c['purpose']:<7} {c['model']} @ {c['host']} [{c['mode']}] {tokens} {c['latency_ms']} ms "
        con.print(t(head), status)
        if x.full:
            con.print(Text("  prompt: ", style="dim") + t((c["prompt"] or "")[:2000]))
            con.print(Text("  reply:  ", style="dim") + t((c["response"] or "")[:2000]))
