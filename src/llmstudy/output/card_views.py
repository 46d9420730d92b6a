"""Text views of the review forecast, the learner's own cards and the card exports."""

from __future__ import annotations

import sys

from llmstudy.actions import results as r
from llmstudy.core.records import Bi, Lang
from llmstudy.output.terminal import Out, cells
from llmstudy.output.words import UNDO_WITH

FORECAST = Bi("未来 7 天每天到期的复习", "Reviews due on each of the next 7 days")
TODAY = Bi("今天", "today")
WEEKDAYS = tuple(
    Bi(zh, en)
    for zh, en in zip("一二三四五六日", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True)
)
WEEKDAY = Bi("周{day}", "{day}")
DUE_NOW = Bi(
    "现在到期 {n} 张（已计入今天）；共 {cards} 张卡片；今天已复习 {done}，每日上限 {limit}",
    "{n} due now (counted in today); {cards} cards in all; reviewed today {done}, daily limit {limit}",
)
OVER_LIMIT = Bi(
    "{day} 的 {n} 张超过了每日上限：超出的部分会顺延",
    "{day}: {n} is over the daily limit; the rest carries over to the next day",
)
NO_CARDS = Bi("还没有你自己的卡片：llmstudy card add TOPIC --question … --answer …",
              "No cards of your own yet: llmstudy card add TOPIC --question … --answer …")  # fmt: skip
ADDED = Bi("已添加卡片 {id}（{topic}）", "Added card {id} ({topic})")
ADDED_THEN = Bi(
    "它会出现在 llmstudy quiz {topic} 中，之后按间隔重复进入 llmstudy review",
    "It joins llmstudy quiz {topic}, then comes back by spaced repetition in llmstudy review",
)
DELETED = Bi("已删除卡片 {id}（{topic}）；你的作答记录保留", "Deleted card {id} ({topic}); your answers to it are kept")
ANSWER = Bi("答：", "A: ")
WROTE_ANKI = Bi(
    "已写入 {notes} 条笔记、{decks} 个子牌组：{path}\n在 Anki 中「文件 → 导入」；再次导出并导入会更新这些笔记，不会重复",
    "Wrote {notes} notes in {decks} sub-decks to {path}\nIn Anki: File → Import; exporting and importing again "
    "updates these notes instead of duplicating them",
)
WROTE_ICS = Bi(
    "已写入 {notes} 个日历事件：{path}\n在手机或电脑的日历中导入；再次导出并导入会更新这些事件",
    "Wrote {notes} calendar events to {path}\nImport it in your calendar; importing a later export updates them",
)
WROTE_CSV = Bi("已写入 {notes} 行：{path}", "Wrote {notes} rows to {path}")


def review_forecast(x: r.ReviewForecast, lang: Lang, out: Out) -> None:
    out.line(FORECAST.get(lang), "bold")
    top = max((n for _, n in x.days), default=0)
    bar_room = max(10, out.width - 30)
    for i, (day, n) in enumerate(x.days):
        name = TODAY.get(lang) if i == 0 else WEEKDAY.format(lang, day=WEEKDAYS[day.weekday()].get(lang))
        label = f"{day.isoformat()} {name}"
        pad = " " * max(1, 18 - cells(label))
        bar = "█" * (0 if top == 0 else max(1 if n else 0, round(n / top * bar_room)))
        out.raw(f"  {label}{pad}{n:>5} {out.style(bar, 'cyan')}" if bar else f"  {label}{pad}{n:>5}")
    out.line()
    out.line(DUE_NOW.format(lang, n=x.due_now, cards=x.cards, done=x.done_today, limit=x.daily_limit), "dim")
    for i, (day, n) in enumerate(x.days):
        room = x.daily_limit - (x.done_today if i == 0 else 0)
        if n > room:
            out.line(OVER_LIMIT.format(lang, day=day.isoformat(), n=n), "yellow")
            break


def own_cards(x: r.OwnCards, lang: Lang, out: Out) -> None:
    if x.verb == "added":
        c = x.cards[0]
        out.line(ADDED.format(lang, id=c.id, topic=c.topic), "green")
        out.line(ADDED_THEN.format(lang, topic=c.topic), "dim")
        return
    if x.verb == "deleted":
        c = x.cards[0]
        out.line(DELETED.format(lang, id=c.id, topic=c.topic))
        out.line(UNDO_WITH.get(lang), "dim")
        return
    if not x.cards:
        out.line(NO_CARDS.get(lang), "dim")
        return
    for c in x.cards:
        out.line(f"{c.id}  {c.topic}", "bold")
        out.line(c.question, indent="  ")
        out.line(ANSWER.get(lang) + c.answer, "dim", indent="     ", first="  ")


def exported_cards(x: r.ExportedCards, lang: Lang, out: Out) -> None:
    if x.path is None:
        out.stream.write(x.text or "")
        return
    text = {"anki": WROTE_ANKI, "ics": WROTE_ICS}.get(x.format, WROTE_CSV)
    Out(sys.stderr).line(text.format(lang, notes=x.notes, decks=len(x.decks), path=x.path))
