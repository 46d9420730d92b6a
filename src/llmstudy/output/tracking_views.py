"""Views of what was logged: `stats` and `sessions`, drawn without rich (its import alone costs
about three bare Python starts; its table measured every cell twice)."""

from __future__ import annotations

from llmstudy.actions import results as r
from llmstudy.core.durations import format_minutes
from llmstudy.core.records import Bi, Lang
from llmstudy.output.terminal import Out, clip
from llmstudy.output.words import COLON, hours

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
SESSION_HEADERS = (Bi("id", "id"), Bi("日期", "date"), Bi("时长", "time"), Bi("主题", "topic"), Bi("周", "wk"), Bi("笔记", "note"))
SESSIONS_TOTAL = Bi("{n} 条，共 {dur}", "{n} session{s}, {dur}")
HIDDEN = Bi(
    "另有 {n} 条较早的记录未显示（--limit N 或 --all 可显示更多）",
    "{n} earlier session{s} not shown (--limit N or --all shows more)",
)


def bar(value: int, total: int, width: int = 20) -> str:
    if total <= 0:
        return " " * width
    filled = min(width, round(width * value / total))
    return "█" * filled + "░" * (width - filled)


def stats(x: r.StatsResult, lang: Lang, out: Out) -> None:
    s, topics = x.stats, x.topics
    head = f"{TOTAL.get(lang)}{COLON.get(lang)}{format_minutes(s.total_minutes, lang)}  ·  "
    head += STREAK.format(lang, n=s.streak_days) + f" (≥{format_minutes(s.streak_threshold, lang)})"
    if s.reviews_due:
        head += "  ·  " + REVIEWS_DUE.format(lang, n=s.reviews_due)
    out.line(head, "bold")
    if x.labs_started:
        out.line(LABS.format(lang, passed=x.labs_passed, total=x.labs_total, started=x.labs_started), "dim")
    out.line()
    out.line(ROADMAP_WEEKS.get(lang), "bold")
    for w in s.by_roadmap_week:
        logged, planned = format_minutes(w.logged_minutes, lang), hours(w.planned_minutes, lang)
        line = f"  {w.number} {bar(w.logged_minutes, w.planned_minutes or 0)} {logged:>7}/{planned:<5} {w.title.get(lang)}"
        out.raw(clip(line, out.width))
    out.line()
    out.line(CALENDAR_WEEKS.get(lang), "bold")
    top = max((m for _, m in s.by_calendar_week), default=0)
    for start, minutes in s.by_calendar_week:
        out.raw(f"  {start.isoformat()} {bar(minutes, top, 30)} {format_minutes(minutes, lang)}")
    out.line()
    if s.by_topic:
        out.line(BY_TOPIC.get(lang), "bold")
        most = max(s.by_topic.values())
        for tid, minutes in list(s.by_topic.items())[:12]:
            title = topics[tid].title.get(lang) if tid in topics else tid
            m = s.mastery.get(tid)
            extra = "" if m is None else "  " + MASTERY.format(lang, pct=int(m * 100))
            out.raw(clip(f"  {bar(minutes, most, 16)} {format_minutes(minutes, lang):>7} {title}{extra}", out.width))
        out.line()
    out.line(HEATMAP.format(lang, start=s.heatmap_start.isoformat()), "bold")
    shades = "·░▒▓█"
    for name, row in zip(WEEKDAYS.get(lang).split(), s.heatmap, strict=True):
        marks = "".join("   " if v is None else shades[0 if v == 0 else min(4, 1 + v // 30)] * 2 + " " for v in row)
        out.raw(f"  {name:>2} {marks}".rstrip())
    out.line("  " + HEAT_KEY.get(lang), "dim")


def session_list(x: r.SessionList, lang: Lang, out: Out) -> None:
    if not x.sessions:
        out.line((NO_MATCH if x.filtered or x.total else NO_SESSIONS).get(lang))
        return
    rows = [
        (s.id[:8], s.day, format_minutes(s.minutes, lang), s.topic, "" if s.week is None else str(s.week), s.note or "")
        for s in x.sessions
    ]
    out.columns([h.get(lang) for h in SESSION_HEADERS], rows, flex=5, right={2, 4})
    total = sum(s.minutes for s in x.sessions)
    out.line(SESSIONS_TOTAL.format(lang, n=len(x.sessions), dur=format_minutes(total, lang)), "dim")
    if x.total > len(x.sessions):
        out.line(HIDDEN.format(lang, n=x.total - len(x.sessions)), "dim")
