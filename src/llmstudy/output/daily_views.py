"""Text views of the daily loop without rich: `today`, `plan`, `timer` (`today` is on the hot path)."""

from __future__ import annotations

import datetime as dt

from llmstudy.actions import results as r
from llmstudy.core.dates import when
from llmstudy.core.durations import format_minutes as fm
from llmstudy.core.records import Bi, Lang
from llmstudy.output.plain import logged
from llmstudy.output.terminal import Out
from llmstudy.output.words import LAB

TONIGHT = Bi("今晚：{title} ({id})", "Tonight: {title} ({id})")
ALL_DONE = Bi("这条路线的主题都完成了。", "Every topic of the track is done.")
REVIEWS = Bi("待复习：{n} 道（llmstudy review）", "Reviews due: {n} (llmstudy review)")
PLANNED = Bi("今天计划 {plan}，已记录 {done}", "Planned today: {plan}; logged: {done}")
STREAK = Bi("连续学习 {n} 天", "Streak: {n} day{s}")
AT_RISK = Bi("——今晚学 15 分钟就能保住", " (study 15 minutes tonight to keep it)")
TIMER_ON = Bi("计时中：{topic}（开始于{since}）", "Timer running: {topic} (started {since})")
NEXT_TOPIC = Bi("下一个主题", "the next topic")
PLAN_HEAD = Bi("学习计划：{track}", "Plan: {track}")
PLAN_START = Bi("开始：{start}{how}", "Start: {start}{how}")
SET_BY_YOU = Bi("（你设定的）", " (set by you)")
FROM_FIRST = Bi("（第一次记录的日期）", " (the day of your first session)")
NOT_STARTED = Bi("还没开始：第一次 llmstudy log 会从那天开始，或用 llmstudy plan --start 设定", "Not started: your first llmstudy log starts it, or set it with llmstudy plan --start")  # fmt: skip
PACE = Bi("节奏：每周 {dur}", "Pace: {dur} a week")
PLAN_PACE = Bi("节奏：按计划原有的每周时长（用 --hours-per-week 设定你的节奏）", "Pace: the plan's own weekly hours (set yours with --hours-per-week)")  # fmt: skip
STAGE_LINE = Bi("{n}. {start} – {end}  {dur:>8}  {title}", "{n}. {start} – {end}  {dur:>8}  {title}")
FINISH = Bi("按这个节奏，你将在 {date} 学完全部 {n} 个阶段。", "At this pace you finish all {n} stages on {date}.")
BEHIND = Bi("落后 {dur}：每天多学 {extra} 可在一周内赶上。", "{dur} behind: {extra} more a day catches up within a week.")
ON_TRACK = Bi("按计划进行中。", "On track.")
STARTED = Bi("计时开始：{topic}（{time}）", "Timer started: {topic} ({time})")
RUNNING = Bi("计时中：{topic}，已 {dur}（开始于 {time}）", "Timer running: {topic}, {dur} so far (since {time})")
NO_TIMER = Bi("没有正在运行的计时器。", "No timer is running.")
CANCELLED = Bi("已取消计时（{dur}，未记录）。", "Timer cancelled ({dur}, not logged).")
STOP_HINT = Bi("结束时：llmstudy timer stop --note \"学到了什么\"", "When you finish: llmstudy timer stop --note \"what you learned\"")  # fmt: skip


def today(x: r.TodayResult, lang: Lang, out: Out) -> None:
    rec = x.next.rec
    if rec.topic is None:
        out.line(ALL_DONE.get(lang), "bold", "green")
    else:
        out.line(TONIGHT.format(lang, title=rec.topic.title.get(lang), id=rec.topic.id), "bold", "cyan")
        for lab in x.next.labs[:1]:
            out.line(LAB.format(lang, id=lab), indent="  ", first="  ")
    if rec.reviews_due:
        out.line(REVIEWS.format(lang, n=rec.reviews_due), "yellow", indent="  ", first="  ")
    out.line(PLANNED.format(lang, plan=fm(x.planned_minutes, lang), done=fm(x.logged_minutes, lang)), indent="  ", first="  ")
    streak = STREAK.format(lang, n=x.streak_days) + (AT_RISK.get(lang) if x.streak_at_risk else "")
    out.line(streak, "yellow" if x.streak_at_risk else "dim", indent="  ", first="  ")
    if x.timer is not None:
        since = when(dt.datetime.fromisoformat(x.timer.started), x.now, lang)
        out.line(TIMER_ON.format(lang, topic=x.timer.topic or NEXT_TOPIC.get(lang), since=since), "dim", indent="  ", first="  ")


def plan(x: r.PlanResult, lang: Lang, out: Out) -> None:
    out.line(PLAN_HEAD.format(lang, track=x.track.title.get(lang)), "bold", "cyan")
    if not x.started:
        out.line(NOT_STARTED.get(lang), "dim")
    else:
        how = (SET_BY_YOU if x.settings.start_chosen else FROM_FIRST).get(lang)
        out.line(PLAN_START.format(lang, start=x.start.isoformat(), how=how))
    if x.settings.minutes_per_week is None:
        out.line(PLAN_PACE.get(lang), "dim")
    else:
        out.line(PACE.format(lang, dur=fm(x.settings.minutes_per_week, lang)))
    out.line()
    for sd in x.stages:
        line = STAGE_LINE.format(
            lang,
            n=sd.stage.number,
            start=sd.start.isoformat(),
            end=sd.end.isoformat(),
            dur=fm(sd.minutes, lang),
            title=sd.stage.title.get(lang),
        )
        current = x.started and sd.stage.number == x.position.calendar_stage
        out.line(line, *(("bold",) if current else ()), indent="      ", first="  ")
    out.line()
    if x.stages:
        out.line(FINISH.format(lang, date=x.stages[-1].end.isoformat(), n=len(x.stages)))
    if x.started:
        if x.position.behind > 0:
            extra = fm(max(1, round(x.position.behind / 7)), lang)
            out.line(BEHIND.format(lang, dur=fm(x.position.behind, lang), extra=extra), "yellow")
        else:
            out.line(ON_TRACK.get(lang), "green")


def timer(x: r.TimerResult, lang: Lang, out: Out) -> None:
    if x.action == "stopped" and x.logged is not None:
        logged(x.logged, lang, out)
        return
    if x.timer is None:
        out.line(NO_TIMER.get(lang))
        return
    topic = x.timer.topic or NEXT_TOPIC.get(lang)
    since = when(dt.datetime.fromisoformat(x.timer.started), x.now, lang)
    if x.action == "started":
        out.line(STARTED.format(lang, topic=topic, time=since), "bold", "green")
        out.line(STOP_HINT.get(lang), "dim")
    elif x.action == "cancelled":
        out.line(CANCELLED.format(lang, dur=fm(x.elapsed_minutes, lang)))
    else:
        out.line(RUNNING.format(lang, topic=topic, dur=fm(x.elapsed_minutes, lang), time=since))
