"""Words more than one view uses, and the names and marks of the program's own values (statuses,
resource kinds, planned time), in the learner's language."""

from __future__ import annotations

from llmstudy.core.durations import format_minutes
from llmstudy.core.records import Bi, Lang, ResourceRec, SourceRec

# Words more than one view uses.
COLON = Bi("：", ": ")
RESOURCES = Bi("资源", "Resources")
ANALOGY = Bi("类比：", "Analogy: ")
UNDO_WITH = Bi("撤销：llmstudy undo", "Undo with: llmstudy undo")
LAB = Bi("动手实验：llmstudy lab start {id}", "Hands-on lab: llmstudy lab start {id}")
STATUS_MARK = {"pending": "·", "learning": "▶", "done": "✓", "skipped": "–"}
LOGGED_PLAN = Bi("已记录/计划", "Logged/plan")
STATUS_LABEL = Bi("状态", "Status")

STATUS = {
    "pending": Bi("未开始", "pending"),
    "learning": Bi("学习中", "learning"),
    "done": Bi("已完成", "done"),
    "skipped": Bi("已跳过", "skipped"),
}
KIND = {
    "course": Bi("课程", "course"),
    "book": Bi("书", "book"),
    "paper": Bi("论文", "paper"),
    "person": Bi("人物", "person"),
    "site": Bi("网站", "site"),
    "tool": Bi("工具", "tool"),
    "video": Bi("视频", "video"),
    "article": Bi("文章", "article"),
}


def status_name(status: str, lang: Lang) -> str:
    return STATUS[status].get(lang) if status in STATUS else status


def kind_name(kind: str, lang: Lang) -> str:
    return KIND[kind].get(lang) if kind in KIND else kind


def resource_line(res: ResourceRec, lang: Lang) -> str:
    """A resource in a list: its kind, title and link."""
    return f"[{kind_name(res.kind, lang)}] {res.title.get(lang)}" + (f" — {res.link}" if res.link else "")


def source_line(source: SourceRec) -> str:
    return source.title + (f" — {source.link}" if source.link else "")


def hours(minutes: int | None, lang: Lang) -> str:
    """Planned time: "—" when there is no plan."""
    return "—" if minutes is None else format_minutes(minutes, lang)
