"""Views of one topic, its resources and the concept tree, drawn without rich (its import
alone costs about three bare Python starts): wrapped by display cells like the other plain
views, lists with hanging indents."""

from __future__ import annotations

from llmstudy.actions import results as r
from llmstudy.core.durations import format_minutes
from llmstudy.core.records import Bi, Lang
from llmstudy.output.terminal import Out
from llmstudy.output.words import (
    COLON,
    RESOURCES,
    STATUS_LABEL,
    STATUS_MARK,
    hours,
    kind_name,
    resource_line,
    source_line,
    status_name,
)

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
MY_NOTES = Bi("我的笔记", "My notes")
MY_EXPLANATIONS = Bi("我的解释", "My explanations")
LATEST_SCORE = Bi("最近一次覆盖度 {score:.2f}（共 {n} 次）", "latest coverage {score:.2f} ({n} attempt{s})")
MY_LABS = Bi("实验", "Labs")
LAB_PASSED = Bi("{lab}：已通过（{n} 次检查）", "{lab}: passed ({n} check{s})")
LAB_STARTED = Bi("{lab}：进行中（{n} 次检查）", "{lab}: started ({n} check{s})")
MY_SESSIONS = Bi("学习记录", "Sessions")


def topic_detail(x: r.TopicDetail, lang: Lang, out: Out) -> None:
    row, topic = x.row, x.row.topic
    out.line(f"{topic.title.get(lang)} ({topic.id})", "bold", "cyan")
    if topic.aliases:
        out.line(ALSO.get(lang) + ", ".join(topic.aliases), "dim")
    week = "" if row.week is None else " · " + WEEK_N.format(lang, n=row.week)
    logged, planned = format_minutes(row.logged_minutes, lang), hours(row.planned_minutes, lang)
    out.line(f"{STATUS_LABEL.get(lang)}{COLON.get(lang)}{status_name(row.status, lang)} · {logged} / {planned}{week}", "dim")
    out.line()
    out.line(topic.summary.get(lang))
    out.line()
    out.line(KEY_POINTS.get(lang), "bold")
    for k in topic.key_points:
        out.bullet(k.get(lang))
    if topic.analogy is not None:
        out.line()
        out.line(ANALOGY.get(lang), "bold")
        out.line(topic.analogy.get(lang), indent="  ")
    out.line()
    pre = ", ".join(f"{p.id} ({status_name(s, lang)})" for p, s in x.prerequisites) or NONE.get(lang)
    out.line(f"{PREREQS.get(lang)}{COLON.get(lang)}{pre}")
    if x.leads_to:
        out.line(f"{LEADS_TO.get(lang)}{COLON.get(lang)}{', '.join(x.leads_to)}", "dim")
    if x.resources:
        out.line()
        out.line(RESOURCES.get(lang), "bold")
        for res in x.resources:
            out.bullet(resource_line(res, lang), "-")
    if topic.sources:
        out.line()
        out.line(SOURCES.get(lang), "bold")
        for s in topic.sources:
            out.bullet(source_line(s), "-", "dim")
    _learner_trace(x, lang, out)


def _learner_trace(x: r.TopicDetail, lang: Lang, out: Out) -> None:
    """What the learner wrote and did on the topic, whole: wrapped, never cut."""
    if x.notes:
        out.line()
        out.line(MY_NOTES.get(lang), "bold")
        for n in x.notes:
            out.line(f"{n.id[:8]} · {n.updated_at[:10]}", "dim", indent="  ")
            out.line(n.text, indent="    ")
    if x.explanations:
        latest = x.explanations[-1]
        out.line()
        out.line(MY_EXPLANATIONS.get(lang), "bold")
        out.line(LATEST_SCORE.format(lang, score=latest.score, n=len(x.explanations)), "dim", indent="  ")
        for e in x.explanations:
            out.line(f"{e.created_at[:10]} · {e.score:.2f} · {e.source}", "dim", indent="  ")
            out.line(e.text, indent="    ")
    if x.labs:
        out.line()
        out.line(MY_LABS.get(lang), "bold")
        for lab in x.labs:
            out.bullet((LAB_PASSED if lab.passed_at else LAB_STARTED).format(lang, lab=lab.lab, n=lab.attempts), "-")
    if x.sessions:
        out.line()
        total = format_minutes(sum(s.minutes for s in x.sessions), lang)
        out.line(f"{MY_SESSIONS.get(lang)}  {total}", "bold")
        for s in x.sessions:
            out.bullet(f"{s.day} · {format_minutes(s.minutes, lang)}" + (f" — {s.note}" if s.note else ""), "-")


def resource_list(x: r.ResourceList, lang: Lang, out: Out) -> None:
    if not x.items:
        out.line(NO_RESOURCES.get(lang))
        return
    for res in x.items:
        out.line(f"[{kind_name(res.kind, lang)}] {res.title.get(lang)} ({res.id})", "bold")
        if res.summary is not None:
            out.line(res.summary.get(lang), indent="    ")
        if res.link:
            out.line(res.link, "cyan", indent="    ")


def tree(x: r.TreeResult, lang: Lang, out: Out) -> None:
    """The prerequisite graph as a tree: each topic under its first prerequisite."""
    topics = x.topics
    children: dict[str, list[str]] = {tid: [] for tid in topics}
    roots = []
    for tid, topic in topics.items():
        if topic.prerequisites:
            children[topic.prerequisites[0]].append(tid)
        else:
            roots.append(tid)
    out.line(CONCEPT_TREE.get(lang), "bold")

    def add(tid: str, prefix: str, last: bool) -> None:
        topic = topics[tid]
        extra = topic.prerequisites[1:]
        label = f"{STATUS_MARK[x.progress.status(tid)]} {topic.title.get(lang)} ({tid})" + (f"  +{', '.join(extra)}" if extra else "")
        branch, rest = ("└── ", "    ") if last else ("├── ", "│   ")
        guide = "│ " if children[tid] else "  "  # a wrapped label keeps its children's guide line
        out.line(label, first=prefix + branch, indent=prefix + rest + guide)
        for k, c in enumerate(children[tid]):
            add(c, prefix + rest, k == len(children[tid]) - 1)

    for k, root_id in enumerate(roots):
        add(root_id, "", k == len(roots) - 1)
