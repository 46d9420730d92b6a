"""Rich views of results. Text we did not write (YAML content, notes, model output)
goes in as ``Text`` objects, never as markup, and control characters are stripped.
UI strings are ``Bi`` constants, chosen with ``.get(lang)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import rich.text
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from llmstudy.actions import results as r
from llmstudy.core.durations import format_minutes
from llmstudy.core.records import Bi, Lang
from llmstudy.output.terminal import MAX_WIDTH, break_offsets, clean
from llmstudy.output.words import COLON, RESOURCES, STATUS_LABEL, STATUS_MARK, hours, kind_name, status_name

# Rich breaks a run of Chinese anywhere, so a line may start with "。" and "1750 亿" may be
# split from its unit. Its wrapper calls ``rich.text.divide_line``; ours breaks by the same
# rules as the plain views (kinsoku, numbers with units). tests/test_chinese.py checks the
# rich views' output, so a rich release that stops calling it is caught there.
setattr(rich.text, "divide_line", break_offsets)  # noqa: B010 - a private name: mypy must not vouch for it


ALSO = Bi("别名：", "Also: ")
WEEK_N = Bi("第 {n} 周", "week {n}")
KEY_POINTS = Bi("要点", "Key points")
ANALOGY = Bi("类比", "Analogy")
PREREQS = Bi("前置", "Prerequisites")
NONE = Bi("无", "none")
LEADS_TO = Bi("后续", "Leads to")
SOURCES = Bi("来源", "Sources")
NO_RESOURCES = Bi("没有符合条件的资源。", "No resources match.")
CONCEPT_TREE = Bi("概念树", "Concept tree")
TOTAL = Bi("总计", "Total")
STREAK = Bi("连续 {n} 天", "Streak: {n} day{s}")
REVIEWS_DUE = Bi("待复习：{n}", "Reviews due: {n}")
LABS = Bi("实验：通过 {passed}/{total}（已开始 {started}）", "Labs: {passed}/{total} passed ({started} started)")
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
SESSIONS_TOTAL = Bi("{n} 条，共 {dur}", "{n} session{s}, {dur}")
HIDDEN = Bi(
    "另有 {n} 条较早的记录未显示（--limit N 或 --all 可显示更多）",
    "{n} earlier session{s} not shown (--limit N or --all shows more)",
)
MY_NOTES = Bi("我的笔记", "My notes")
MY_EXPLANATIONS = Bi("我的解释", "My explanations")
LATEST_SCORE = Bi("最近一次覆盖度 {score:.2f}（共 {n} 次）", "latest coverage {score:.2f} ({n} attempt{s})")
MY_LABS = Bi("实验", "Labs")
LAB_PASSED = Bi("{lab}：已通过（{n} 次检查）", "{lab}: passed ({n} check{s})")
LAB_STARTED = Bi("{lab}：进行中（{n} 次检查）", "{lab}: started ({n} check{s})")
MY_SESSIONS = Bi("学习记录", "Sessions")


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
            f"{STATUS_LABEL.get(lang)}{COLON.get(lang)}{status_name(row.status, lang)} · {format_minutes(row.logged_minutes, lang)}"
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
    con.print(t(f"{PREREQS.get(lang)}{COLON.get(lang)}{pre}"))
    if x.leads_to:
        con.print(t(f"{LEADS_TO.get(lang)}{COLON.get(lang)}{', '.join(x.leads_to)}", "dim"))
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
    _learner_trace(con, x, lang)


def _learner_trace(con: Console, x: r.TopicDetail, lang: Lang) -> None:
    """What the learner wrote and did on the topic, whole: wrapped, never cut."""
    if x.notes:
        con.print()
        con.print(t(MY_NOTES.get(lang), "bold"))
        for n in x.notes:
            con.print(t(f"  {n.id[:8]} · {n.updated_at[:10]}", "dim"))
            con.print(_indented(n.text))
    if x.explanations:
        latest = x.explanations[-1]
        con.print()
        con.print(t(MY_EXPLANATIONS.get(lang), "bold"), t("  " + LATEST_SCORE.format(lang, score=latest.score, n=len(x.explanations)), "dim"))
        for e in x.explanations:
            con.print(t(f"  {e.created_at[:10]} · {e.score:.2f} · {e.source}", "dim"))
            con.print(_indented(e.text))
    if x.labs:
        con.print()
        con.print(t(MY_LABS.get(lang), "bold"))
        lines = [(LAB_PASSED if lab.passed_at else LAB_STARTED).format(lang, lab=lab.lab, n=lab.attempts) for lab in x.labs]
        con.print(bullets(lines, "-"))
    if x.sessions:
        con.print()
        total = format_minutes(sum(s.minutes for s in x.sessions))
        con.print(t(MY_SESSIONS.get(lang), "bold"), t(f"  {total}", "dim"))
        con.print(bullets([f"{s.day} · {format_minutes(s.minutes)}" + (f" — {s.note}" if s.note else "") for s in x.sessions], "-"))


def _indented(text: str | Text) -> Table:
    """Text under a four-space indent that wrapped lines keep."""
    grid = Table.grid(padding=(0, 0), pad_edge=False)
    grid.add_column(no_wrap=True, width=4)
    grid.add_column(overflow="fold")
    grid.add_row("", t(text) if isinstance(text, str) else text)
    return grid


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
    head = f"{TOTAL.get(lang)}{COLON.get(lang)}{format_minutes(s.total_minutes, lang)}  ·  "
    head += STREAK.format(lang, n=s.streak_days) + f" (≥{format_minutes(s.streak_threshold, lang)})"
    if s.reviews_due:
        head += "  ·  " + REVIEWS_DUE.format(lang, n=s.reviews_due)
    con.print(t(head, "bold"))
    if x.labs_started:
        con.print(t(LABS.format(lang, passed=x.labs_passed, total=x.labs_total, started=x.labs_started), "dim"))
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


class LiveMarkdown:
    """A model's Markdown on a terminal, re-rendered as it arrives.

    Rich's Markdown does not read rich markup, and control characters are cleaned, so
    the model's text stays text. The live region starts at the first piece, so a spinner
    can run until then.
    """

    def __init__(self) -> None:
        self.text = ""
        self.live: Any = None

    def show(self, piece: str) -> None:
        from rich.live import Live
        from rich.markdown import Markdown

        self.text += clean(piece)
        if self.live is None:
            self.live = Live(console=console(), refresh_per_second=8, vertical_overflow="visible")
            self.live.start()
        self.live.update(Markdown(self.text))

    def __enter__(self) -> LiveMarkdown:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()
