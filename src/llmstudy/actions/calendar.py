"""`export --format ics`: the plan's stages and the reviews due, for a phone's calendar.

Events carry stable UIDs, so importing a newer export updates them instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from llmstudy.actions.files import write_atomic
from llmstudy.actions.plan import show_plan
from llmstudy.actions.results import ExportedCards
from llmstudy.core.cards import forecast
from llmstudy.core.durations import format_minutes
from llmstudy.core.records import Bi, Lang
from llmstudy.storage.store import Store

REVIEW_DAYS = 30
STAGE = Bi("llmstudy：{title}（{hours}）", "llmstudy: {title} ({hours})")
REVIEWS = Bi("llmstudy：{n} 张卡片待复习", "llmstudy: {n} card{s} to review")
REVIEW_HOW = Bi("运行 llmstudy review", "Run llmstudy review")


def export_ics(
    store: Store, today: dt.date, now: dt.datetime, tz: dt.tzinfo, lang: Lang, output: str | None
) -> ExportedCards:
    """An iCalendar file: one all-day event per stage of the plan at your pace, and one per day
    of the next 30 with reviews due."""
    import icalendar

    plan = show_plan(store, today)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//llmstudy//study plan//EN")
    cal.add("version", "2.0")
    stamp = now.astimezone(dt.UTC)
    events = 0
    for sd in plan.stages:
        ev = icalendar.Event()
        ev.add("uid", f"stage-{plan.track.id}-{sd.stage.number}@llmstudy")
        ev.add("dtstamp", stamp)
        ev.add("summary", STAGE.format(lang, title=sd.stage.title.get(lang), hours=format_minutes(sd.minutes, lang)))
        ev.add("description", sd.stage.summary.get(lang))
        ev.add("dtstart", sd.start)
        ev.add("dtend", sd.end + dt.timedelta(days=1))  # all-day events end the day after
        cal.add_component(ev)
        events += 1
    _, days = forecast(list(store.card_dues().values()), now, tz, REVIEW_DAYS)
    for day, n in days:
        if n == 0:
            continue
        ev = icalendar.Event()
        ev.add("uid", f"reviews-{day.isoformat()}@llmstudy")
        ev.add("dtstamp", stamp)
        ev.add("summary", REVIEWS.format(lang, n=n))
        ev.add("description", REVIEW_HOW.get(lang))
        ev.add("dtstart", day)
        ev.add("dtend", day + dt.timedelta(days=1))
        cal.add_component(ev)
        events += 1
    text = cal.to_ical().decode("utf-8")
    path = None if output is None else Path(output).expanduser()
    if path is not None:
        write_atomic(path, text)
    return ExportedCards("ics", path, None if path else text, events, ())
