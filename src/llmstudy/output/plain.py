"""Text views that need no rich: the hot commands (`next`, `log`) and short confirmations.

Every UI string is a ``Bi`` constant below (Chinese and English side by side), never an
language test in the code.
"""

from __future__ import annotations

import datetime as dt
import sys

from llmstudy.actions import results as r
from llmstudy.core.dates import when
from llmstudy.core.durations import format_minutes as fm
from llmstudy.core.records import Bi, Change, Lang, NoteRec, OwnCard, Session, StatusRec
from llmstudy.output.terminal import Out, clean
from llmstudy.output.words import ANALOGY, COLON, LAB, RESOURCES, UNDO_WITH, resource_line, source_line, status_name

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from typing import TextIO

NEXT = Bi("下一步", "Next")
STAGE = Bi("第 {n} 阶段", "stage {n}")
STAGE_CAP = Bi("第 {n} 阶段", "Stage {n}")
WEEK_CAP = Bi("第 {n} 周", "Week {n}")
BECAUSE = Bi("因为{reason}", "because {reason}")
TOPIC = Bi("本主题", "Topic")
MASTERY = Bi("掌握度：{pct}%（本主题各题最近一次作答中答对的比例）", "Mastery: {pct}% (its questions whose latest answer was right)")
BACKGROUND = Bi("背景知识（不在本路线中）：", "Background (outside this track): ")
AFTER = Bi("之后", "After that")
WHEN_DONE = Bi(
    "学完后：llmstudy log 1h {id}  ·  llmstudy quiz {id}  ·  llmstudy done {id}",
    "When you have studied: llmstudy log 1h {id} · llmstudy quiz {id} · llmstudy done {id}",
)
OTHER_TRACK = Bi("试试另一条路线：llmstudy next --track concept-tree", "Try another track: llmstudy next --track concept-tree")
LOGGED = Bi("已记录 {dur}：{title} ({id})，{day}{week}", "Logged {dur} on {title} ({id}), {day}{week}")
LOGGED_WEEK = Bi("，第 {n} 周", ", week {n}")
CHOSEN_BY_NEXT = Bi("未指定主题：使用了 `llmstudy next` 推荐的主题", "No topic given: used the one `llmstudy next` recommends")
NOTE = Bi("笔记", "Note")
EDITED = Bi("已修改", "Edited")
DELETED = Bi("已删除", "Deleted")
UNDID_LOG = Bi("撤销了记录：{what}（已删除）", "Undid log: removed {what}")
UNDID_DELETE = Bi("撤销了删除：{what}（已恢复）", "Undid delete: restored {what}")
UNDID_EDIT = Bi("撤销了修改：恢复为 {what}", "Undid edit: back to {what}")
UNDID_STATUS = Bi("撤销了状态修改：{topic} 恢复为{status}", "Undid {action}: {topic} is {status} again")
UNDID_IMPORT = Bi("撤销了导入：删除了它添加的 {n} 行，恢复了它改动的 {updated} 行", "Undid import: removed the {n} row{s} it added, restored the {updated} it changed")
UNDID_NOTE = Bi("撤销了笔记{action}：{id}", "Undid {action}: note {id}")
UNDID_CARD = Bi("撤销了删除卡片：已恢复 {id}（{topic}）及其复习进度", "Undid card delete: restored {id} ({topic}) and its schedule")
NOTE_ACTIONS = {"note": Bi("添加", "note"), "note-edit": Bi("修改", "note-edit"), "note-delete": Bi("删除", "note-delete")}
NOTHING_TO_UNDO = Bi("没有可以撤销的操作。", "Nothing to undo.")
MADE = Bi("（{id}，{when}）", " ({id}, made {when})")
MADE_WHEN = Bi("（{when}）", " (made {when})")
UNDO_OLD = Bi("最新的改动是{when}的“{action}”（{id}）。撤销它吗？", "The newest change is a {action} ({id}) made {when}. Undo it?")
LONG_TIMER = Bi("计时器已经运行了 {dur}，可能忘了停。全部记为学习时间吗？", "The timer has run for {dur}: forgotten? Log all of it?")
UNDO_OLD_IMPORT = Bi(
    "最新的改动是{when}的一次导入（添加了 {added} 行，改动了 {updated} 行）。撤销它吗？",
    "The newest change is an import made {when} ({added} rows added, {updated} changed). Undo it?",
)
STATUS_ACTION = Bi("标记为{status}", "status {status}")
ACTION_NAMES = {
    "log": Bi("记录", "log"),
    "edit": Bi("修改", "edit"),
    "delete": Bi("删除", "delete"),
    "note": Bi("添加笔记", "note"),
    "note-edit": Bi("修改笔记", "note edit"),
    "note-delete": Bi("删除笔记", "note delete"),
    "card delete": Bi("删除卡片", "card delete"),
    "import": Bi("导入", "import"),
}
STATUS_SET = Bi("{title} ({id})：{before} → {after}", "{title} ({id}): {before} → {after}")
IMPORTED = Bi("已导入：", "imported: ")
UPDATED = Bi("以较新的版本更新：", "updated to the newer version: ")
REMOVED = Bi("按另一台机器上的删除移除了 {n} 行", "removed {n} row{s} deleted on the other machine")
NOTHING_NEW = Bi("没有新内容：文件里的每一行这里都已有（或已被较新的版本取代）", "nothing new: every row of the file is already here (or a newer version is)")
# What an import counts, as the learner reads it: table -> (Chinese, English one, English many).
ROWS = {
    "sessions": ("条学习记录", "session", "sessions"),
    "statuses": ("个主题状态", "topic status", "topic statuses"),
    "cards": ("张卡片的复习进度", "card schedule", "card schedules"),
    "answers": ("个答案", "answer", "answers"),
    "generated_questions": ("道模型出的题", "model question", "model questions"),
    "labs": ("个实验", "lab", "labs"),
    "lab_attempts": ("次实验检查", "lab check", "lab checks"),
    "own_cards": ("张自己的卡片", "own card", "own cards"),
    "notes": ("条笔记", "note", "notes"),
    "explanations": ("条解释", "explanation", "explanations"),
    "llm_calls": ("次模型调用记录", "model call", "model calls"),
}
WROTE = Bi("已写入 {path}", "wrote {path}")
LIKE = Bi("打个比方：", "Think of it like this: ")
SOURCES = Bi("来源：", "Sources:")
LEVELS_OFFLINE = Bi(
    "离线时，--level 只决定显示整理好的哪些部分；按程度改写需要模型（llmstudy llm check）。",
    "Offline, --level only picks which curated parts are shown; rewriting them for a level needs a model (llmstudy llm check).",
)
PATH_NAMES = {"db": Bi("数据库", "db"), "db_from": Bi("来源", "db_from"), "config": Bi("配置", "config"),
              "data": Bi("数据", "data"), "labs": Bi("实验", "labs")}  # fmt: skip


def next_result(x: r.NextResult, lang: Lang, out: Out) -> None:
    rec = x.rec
    if rec.topic is None or rec.stage is None:
        out.line(("🎉 " if out.color else "") + rec.reasons[0].get(lang), "bold", "green")
        for reason in rec.reasons[1:]:
            out.line(reason.get(lang), indent="  ")
        out.line(OTHER_TRACK.get(lang), "dim")
        return
    t, st = rec.topic, rec.stage
    out.line(f"{NEXT.get(lang)}{COLON.get(lang)}{t.title.get(lang)} ({t.id})", "bold", "cyan")
    out.line(f"{rec.track.title.get(lang)} · {STAGE.format(lang, n=st.number)}{COLON.get(lang)}{st.title.get(lang)}", "dim")
    out.line()
    out.line(t.summary.get(lang), indent="  ")
    out.line()
    for reason in rec.reasons:
        out.line(BECAUSE.format(lang, reason=reason.get(lang)), indent="    ", first="  ")
    out.line()
    planned = "—" if rec.topic_planned is None else fm(rec.topic_planned, lang)
    out.line(f"{TOPIC.get(lang)}{COLON.get(lang)}{fm(rec.topic_logged, lang)} / {planned}", indent="  ")
    if x.mastery is not None:
        out.line(MASTERY.format(lang, pct=int(x.mastery * 100)), indent="  ")
    if st.planned_minutes is not None:
        out.line(f"{STAGE_CAP.format(lang, n=st.number)}{COLON.get(lang)}{fm(rec.stage_logged, lang)} / {fm(st.planned_minutes, lang)}", indent="  ")
    if rec.background:
        names = ", ".join(b.id for b in rec.background)
        out.line(BACKGROUND.get(lang) + names, "dim", indent="    ", first="  ")
    if x.resources:
        out.line()
        out.line(RESOURCES.get(lang), "bold")
        for res in x.resources:
            out.bullet(resource_line(res, lang), "-")
    out.line()
    if rec.after is not None:
        out.line(f"{AFTER.get(lang)}{COLON.get(lang)}{rec.after.title.get(lang)} ({rec.after.id})", "dim")
    for lab in x.labs:
        out.line(LAB.format(lang, id=lab), "dim")
    out.line(WHEN_DONE.format(lang, id=t.id), "dim")


def logged(x: r.Logged, lang: Lang, out: Out) -> None:
    s, t = x.session, x.topic
    week = "" if s.week is None else LOGGED_WEEK.format(lang, n=s.week)
    out.line(
        LOGGED.format(lang, dur=fm(s.minutes, lang), title=t.title.get(lang), id=t.id, day=s.day, week=week),
        "bold",
        "green",
    )
    if x.chosen_by_next:
        out.line(CHOSEN_BY_NEXT.get(lang), "dim")
    if s.note:
        out.line(f"{NOTE.get(lang)}{COLON.get(lang)}{s.note}", indent="    ", first="  ")
    planned = "—" if x.topic_planned is None else fm(x.topic_planned, lang)
    out.line(f"{TOPIC.get(lang)}{COLON.get(lang)}{fm(x.topic_logged, lang)} / {planned}", indent="  ")
    if x.week is not None and x.week.planned_minutes is not None:
        label = WEEK_CAP.format(lang, n=x.week.week)
        out.line(f"{label}{COLON.get(lang)}{fm(x.week.logged_minutes, lang)} / {fm(x.week.planned_minutes, lang)}", indent="  ")
    out.line(f"{UNDO_WITH.get(lang)}  ·  id {s.id[:8]}", "dim")


def session_changed(x: r.SessionChanged, lang: Lang, out: Out) -> None:
    s = x.session
    head = (EDITED if x.verb == "edited" else DELETED).get(lang)
    note = f" — {s.note}" if s.note else ""
    out.line(f"{head} {s.id[:8]}: {fm(s.minutes, lang)} {s.topic} {s.day}{note}")
    out.line(UNDO_WITH.get(lang))


def undone(x: r.Undone, lang: Lang, out: Out) -> None:
    c = x.change
    if c is None:
        out.line(NOTHING_TO_UNDO.get(lang))
        return
    if c.kind == "session":
        rec = c.before if c.before is not None else c.after
        assert isinstance(rec, Session)
        what = f"{fm(rec.minutes, lang)} {clean(rec.topic)} {clean(rec.day)}"
        form = {"log": UNDID_LOG, "delete": UNDID_DELETE}.get(c.action, UNDID_EDIT)
        line = form.format(lang, what=what)
    elif c.kind == "import":
        line = UNDID_IMPORT.format(lang, n=c.added, updated=c.updated)
    elif c.kind == "note":
        note = c.before if c.before is not None else c.after
        assert isinstance(note, NoteRec)
        action = NOTE_ACTIONS[c.action].get(lang) if c.action in NOTE_ACTIONS else c.action
        line = UNDID_NOTE.format(lang, action=action, id=clean(note.id[:8]))
    elif c.kind == "card":
        assert isinstance(c.before, OwnCard)
        line = UNDID_CARD.format(lang, id=clean(c.before.id), topic=clean(c.before.topic))
    else:
        old = "pending" if not isinstance(c.before, StatusRec) else c.before.status
        line = UNDID_STATUS.format(lang, action=action_name(c.action, lang), topic=clean(c.key), status=status_name(old, lang))
    made = made_when(c, x.now, lang)
    out.line(line + (MADE.format(lang, id=change_id(c), when=made) if c.kind == "session" else MADE_WHEN.format(lang, when=made)))


def action_name(action: str, lang: Lang) -> str:
    """A journaled action as the learner reads it: "log", "status done" → "记录", "标记为已完成"."""
    if action.startswith("status "):
        return STATUS_ACTION.format(lang, status=status_name(action.removeprefix("status "), lang))
    name = ACTION_NAMES.get(action)
    return name.get(lang) if name else clean(action)


def change_id(c: Change) -> str:
    return clean(c.key if c.kind in ("status", "card") else c.key[:8])


def made_when(c: Change, now: dt.datetime, lang: Lang) -> str:
    """When a change was made, relative to ``now`` ("5 minutes ago"); a stamp ahead of the
    clock (another machine's, or a fixed LLMSTUDY_TODAY) is shown as a plain local time."""
    try:
        at = dt.datetime.fromisoformat(c.at)
        return when(at, now, lang) if at <= now else f"{at.astimezone():%Y-%m-%d %H:%M}"
    except (ValueError, TypeError):
        return clean(c.at)


def long_timer_question(minutes: int, lang: Lang) -> str:
    """What a terminal asks before logging a timer that ran for hours."""
    return LONG_TIMER.format(lang, dur=fm(minutes, lang))


def undo_question(c: Change, now: dt.datetime, lang: Lang) -> str:
    """What a terminal asks before undoing a change made a while ago."""
    if c.kind == "import":
        return UNDO_OLD_IMPORT.format(lang, added=c.added, updated=c.updated, when=made_when(c, now, lang))
    return UNDO_OLD.format(lang, action=action_name(c.action, lang), id=change_id(c), when=made_when(c, now, lang))


def status_changed(x: r.StatusChanged, lang: Lang, out: Out) -> None:
    out.line(
        STATUS_SET.format(
            lang,
            title=x.topic.title.get(lang),
            id=x.topic.id,
            before=status_name(x.previous, lang),
            after=status_name(x.status, lang),
        )
    )


def paths(x: r.PathsResult, lang: Lang, out: Out) -> None:
    for key, value in x._asdict().items():
        out.raw(f"{PATH_NAMES[key].get(lang):8} {value}")


def exported(x: r.Exported, lang: Lang, out: Out) -> None:
    if x.path is None:
        out.raw(x.text)
    else:
        Out(sys.stderr).line(WROTE.format(lang, path=x.path))


def imported(x: r.Imported, lang: Lang, out: Out) -> None:
    """What the import added, updated and removed, naming only what it touched."""

    def rows(counts: dict[str, int]) -> str:
        named = [(ROWS.get(t, (t, t, t)), n) for t, n in counts.items() if n and t != "deleted"]
        if lang == "zh":
            return "、".join(f"{n} {zh}" for (zh, _, _), n in named)
        return ", ".join(f"{n} {one if n == 1 else many}" for (_, one, many), n in named)

    if not any(x.added.values()) and not any(x.updated.values()):
        out.line(NOTHING_NEW.get(lang))
        return
    if any(x.added.values()):
        out.line(IMPORTED.get(lang) + rows(x.added))
    if any(n for t, n in x.updated.items() if t != "deleted"):
        out.line(UPDATED.get(lang) + rows(x.updated))
    removed = x.updated.get("deleted", 0)
    if removed:
        out.line(REMOVED.format(lang, n=removed))
    out.line(UNDO_WITH.get(lang), "dim")


def explanation(x: r.Explanation, lang: Lang, out: Out) -> None:
    """The curated parts that suit the level; rewriting them for a level needs a model."""
    t = x.topic
    out.line(f"{t.title.get(lang)} ({t.id})", "bold", "cyan")
    if x.level == "child":
        if t.analogy is not None:
            out.line(LIKE.get(lang) + t.analogy.get(lang), indent="  ")
            out.line()
        out.line(t.summary.get(lang), indent="  ")
    else:
        out.line(t.summary.get(lang), indent="  ")
        out.line()
        for k in t.key_points:
            out.bullet(k.get(lang))
        if x.level == "beginner" and t.analogy is not None:
            out.line()
            out.line(ANALOGY.get(lang) + t.analogy.get(lang), indent="  ")
        if x.level == "expert":
            out.line()
            out.line(SOURCES.get(lang), "bold")
            for s in t.sources:
                out.bullet(source_line(s), "-")
    out.line()
    out.line(LEVELS_OFFLINE.get(lang), "dim")


def shown_already(x: r.QuizResult | r.Streamed, lang: Lang, out: Out) -> None:
    """The quiz and a streamed explanation were shown while they happened."""


class PlainStream:
    """A model's reply as it arrives, when stdout is not a terminal: the Markdown source, cleaned."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def show(self, piece: str) -> None:
        self.stream.write(clean(piece))  # model text is text: no control sequences
        self.stream.flush()

    def __enter__(self) -> PlainStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.write("\n")
