"""Views of the long catalog lists, drawn without rich: `timeline` and `topics`.

They are read often and are long; rich's tables measure and wrap every cell twice and its
import alone costs about five bare Python starts. These lines wrap by the same rules as the
other plain views (display cells, kinsoku, numbers with their units).
"""

from __future__ import annotations

from llmstudy.actions import results as r
from llmstudy.core.durations import format_minutes
from llmstudy.core.records import Bi, EventRec, Lang
from llmstudy.output.terminal import Out
from llmstudy.output.words import LOGGED_PLAN, STATUS_LABEL, STATUS_MARK, hours, status_name

ERRATUM = Bi("勘误：", "Erratum: ")
NO_EVENTS = Bi("没有符合条件的事件。", "No events match.")
TITLE = Bi("标题", "Title")
WEEK_SHORT = Bi("周", "Wk")
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
