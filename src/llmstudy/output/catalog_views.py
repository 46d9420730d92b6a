"""Views of the long catalog lists, drawn without rich: `timeline`, `topics` and `roadmap`.

They are read often and are long; rich's tables measure and wrap every cell twice and its
import alone costs about five bare Python starts. These lines wrap by the same rules as the
other plain views (display cells, kinsoku, numbers with their units).
"""

from __future__ import annotations

from llmstudy.actions import results as r
from llmstudy.core.durations import format_minutes
from llmstudy.core.planner import stage_logged
from llmstudy.core.records import Bi, EventRec, Lang
from llmstudy.output.terminal import Out, cells, wrap
from llmstudy.output.words import LOGGED_PLAN, STATUS_LABEL, STATUS_MARK, hours, status_name

ERRATUM = Bi("勘误：", "Erratum: ")
NO_EVENTS = Bi("没有符合条件的事件。", "No events match.")
TITLE = Bi("标题", "Title")
WEEK_SHORT = Bi("周", "Wk")
STAGE = Bi("阶段", "Stage")
LAB_MARK = Bi("实验", "lab")
DATE_WIDTH = 11  # "1954-01-07" and a space


def timeline(x: r.TimelineResult, lang: Lang, out: Out) -> None:
    if not x.events:
        out.line(NO_EVENTS.get(lang))
        return
    by_era: dict[str, list[EventRec]] = {}
    for ev in x.events:
        by_era.setdefault(ev.era, []).append(ev)
    for era in x.eras:
        evs = by_era.get(era.id)
        if not evs:
            continue
        span = f"{era.start}–{era.end if era.end is not None else ''}"
        out.line(f"{era.title.get(lang)}  {span}", "bold", "magenta")
        for ev in evs:
            parts: list[tuple[str, tuple[str, ...]]] = [(ev.title.get(lang), ("bold",)), (ev.summary.get(lang), ())]
            if ev.topics:
                parts.append((f"→ {', '.join(ev.topics)}", ("dim",)))
            if ev.erratum is not None:
                parts.append((ERRATUM.get(lang) + ev.erratum.get(lang), ("yellow",)))
            out.item(ev.date, "cyan", parts, DATE_WIDTH)
        out.line()


def topic_list(x: r.TopicList, lang: Lang, out: Out) -> None:
    header = ["id", TITLE.get(lang), WEEK_SHORT.get(lang), STATUS_LABEL.get(lang), LOGGED_PLAN.get(lang)]
    rows = [
        [
            row.topic.id,
            row.topic.title.get(lang),
            "" if row.week is None else str(row.week),
            f"{STATUS_MARK[row.status]} {status_name(row.status, lang)}",
            f"{format_minutes(row.logged_minutes, lang)}/{hours(row.planned_minutes, lang)}",
        ]
        for row in x.rows
    ]
    out.columns(header, rows, flex=1, right=(2, 4))


def roadmap(x: r.RoadmapResult, lang: Lang, out: Out) -> None:
    """Each track: its stages, each with logged/planned time on its line and its topics
    (status marks, labs with ✓ once passed) below."""
    for track in x.tracks:
        out.line(f"{track.title.get(lang)} ({track.id})", "bold", "cyan")
        out.line(track.summary.get(lang), "dim")
        num = len(str(len(track.stages))) + 1
        out.raw(out.style(_ends(f"{'#'.rjust(num - 1)} {STAGE.get(lang)}", LOGGED_PLAN.get(lang), out.width), "bold"))
        for stage in track.stages:
            amount = (
                f"{format_minutes(stage_logged(track, stage, x.progress), lang)}/{hours(stage.planned_minutes, lang)}"
            )
            title = wrap(stage.title.get(lang), out.width - num - cells(amount) - 1)
            out.raw(_ends(f"{str(stage.number).rjust(num - 1)} {title[0]}", amount, out.width))
            for more in title[1:]:
                out.raw(" " * num + more)
            names = []
            for st in stage.topics:
                labs = "".join(
                    f" [{LAB_MARK.get(lang)}{'✓' if passed else ''} {lab}]" for lab, passed in x.labs.get(st.topic, ())
                )
                names.append(f"{STATUS_MARK[x.progress.status(st.topic)]}{st.topic}{labs}")
            out.flow(names, " " * (num + 2))
        out.line()


def _ends(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one line, ``right`` against the edge."""
    return left + " " * max(1, width - cells(left) - cells(right)) + right
