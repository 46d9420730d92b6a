"""Text views of the learner's own writing: teach-back, its history, notes, the Markdown export.

What the learner wrote is shown whole (wrapped, never cut); model text is cleaned of
control characters by ``Out`` like any text we did not write.
"""

from __future__ import annotations

import sys

from llmstudy.actions import results as r
from llmstudy.core.records import Bi, Lang, NoteRec
from llmstudy.output.terminal import Out
from llmstudy.output.words import ANALOGY, UNDO_WITH

TEACH_HEAD = Bi("你的解释：{title}（{id}）", "Your explanation of {title} ({id})")
SCORE = Bi("覆盖度 {score:.2f}", "Coverage {score:.2f}")
BY_MODEL = Bi("（由 {model} 评分）", " (graded by {model})")
OFFLINE = Bi("（离线评分：按要点中的概念词）", " (offline: concept terms of each key point)")
FELL_BACK = Bi("模型评分不可用（{why}），使用离线评分。", "The model's grading was unusable ({why}); scored offline.")
COVERED = Bi("已覆盖", "Covered")
MISSED = Bi("遗漏", "Missed")
WRONG = Bi("有误", "Wrong")
TERMS_FOUND = Bi("提到：{terms}", "you said: {terms}")
TERMS_MISSING = Bi("可提到：{terms}", "could mention: {terms}")
COMPARE = Bi("对照整理好的讲解", "Compare with the curated explanation")
SAVED = Bi("已保存（id {id}）。历史：llmstudy teach {topic} --history", "Saved (id {id}). History: llmstudy teach {topic} --history")
NO_ATTEMPTS = Bi("还没有解释过 {id}。试试：llmstudy teach {id}", "No explanations of {id} yet. Try: llmstudy teach {id}")
ATTEMPT = Bi("{day} · 覆盖度 {score:.2f} · {source}", "{day} · coverage {score:.2f} · {source}")
NOTE_ADDED = Bi("已添加笔记 {id}：{topic}", "Added note {id} on {topic}")
NOTE_EDITED = Bi("已修改笔记 {id}：{topic}", "Edited note {id} on {topic}")
NOTE_DELETED = Bi("已删除笔记 {id}：{topic}", "Deleted note {id} on {topic}")
NO_NOTES = Bi("还没有笔记。试试：llmstudy note attention \"…\"", 'No notes yet. Try: llmstudy note attention "…"')
NO_NOTES_ON = Bi("{id} 还没有笔记。试试：llmstudy note {id} \"…\"", 'No notes on {id} yet. Try: llmstudy note {id} "…"')
WROTE_MD = Bi("已写入 {n} 个 Markdown 文件到 {dir}", "Wrote {n} Markdown file{s} to {dir}")
NOTHING_MD = Bi("还没有笔记、解释或学习记录，没有写入文件。", "No notes, explanations or sessions yet: no files written.")


def teach_result(x: r.TeachResult, lang: Lang, out: Out) -> None:
    t, a = x.topic, x.attempt
    out.line(TEACH_HEAD.format(lang, title=t.title.get(lang), id=t.id), "bold", "cyan")
    if x.fallback:
        out.line(FELL_BACK.format(lang, why=x.fallback), "yellow")
    how = BY_MODEL.format(lang, model=a.model) if a.source == "llm" else OFFLINE.get(lang)
    out.line(SCORE.format(lang, score=a.score) + how, "bold")
    out.line()
    fb = a.feedback
    if a.source == "llm":
        if fb.covered:
            out.line(f"{COVERED.get(lang)} ({len(fb.covered)})", "bold", "green")
            for k in fb.covered:
                out.bullet(k.get(lang), "✓")
        if fb.missing:
            out.line(f"{MISSED.get(lang)} ({len(fb.missing)})", "bold", "yellow")
            for k in fb.missing:
                out.bullet(k.get(lang), "✗")
    else:
        for title, style, points, mark in (
            (COVERED, "green", x.coverage.covered, "✓"),
            (MISSED, "yellow", x.coverage.missing, "✗"),
        ):
            if not points:
                continue
            out.line(f"{title.get(lang)} ({len(points)})", "bold", style)
            for p in points:
                out.bullet(p.point.get(lang), mark)
                said = TERMS_FOUND.format(lang, terms=", ".join(p.found)) if p.found else ""
                left = [term for term in p.terms if term not in p.found][:8]
                could = TERMS_MISSING.format(lang, terms=", ".join(left)) if left and not p.covered else ""
                detail = "  ·  ".join(s for s in (said, could) if s)
                if detail:
                    out.line(detail, "dim", indent="      ", first="    ")
    if fb.wrong:
        out.line(f"{WRONG.get(lang)} ({len(fb.wrong)})", "bold", "red")
        for statement, correction in fb.wrong:
            out.bullet(statement, "✗")
            out.line(f"→ {correction}", indent="      ", first="    ")
    out.line()
    out.line(COMPARE.get(lang), "bold")
    out.line(t.summary.get(lang), indent="  ")
    for k in t.key_points:
        out.bullet(k.get(lang))
    if t.analogy is not None:
        out.line(ANALOGY.get(lang) + t.analogy.get(lang), indent="  ")
    out.line()
    out.line(SAVED.format(lang, id=a.id[:8], topic=t.id), "dim")


def teach_history(x: r.TeachHistory, lang: Lang, out: Out) -> None:
    t = x.topic
    if not x.attempts:
        out.line(NO_ATTEMPTS.format(lang, id=t.id))
        return
    out.line(f"{t.title.get(lang)} ({t.id})", "bold", "cyan")
    for a in x.attempts:
        out.line()
        source = a.source if a.model is None else f"{a.source} · {a.model}"
        out.line(ATTEMPT.format(lang, day=a.created_at[:10], score=a.score, source=source) + f" · {a.id[:8]}", "bold")
        out.line(a.text, indent="  ")
        if a.feedback.missing:
            out.line(MISSED.get(lang) + ": " + "; ".join(k.get(lang) for k in a.feedback.missing), "dim", indent="    ", first="  ")


def _note(out: Out, n: NoteRec, topic: str | None) -> None:
    where = f" · {topic}" if topic else ""
    out.line(f"{n.id[:8]} · {n.updated_at[:10]}{where}", "dim")
    out.line(n.text, indent="  ")


def note_changed(x: r.NoteChanged, lang: Lang, out: Out) -> None:
    form = {"added": NOTE_ADDED, "edited": NOTE_EDITED}.get(x.verb, NOTE_DELETED)
    title = x.note.topic if x.topic is None else f"{x.topic.title.get(lang)} ({x.topic.id})"
    out.line(form.format(lang, id=x.note.id[:8], topic=title), "bold", "green")
    out.line(x.note.text, indent="  ")
    out.line(UNDO_WITH.get(lang), "dim")


def note_list(x: r.NoteList, lang: Lang, out: Out) -> None:
    if not x.notes:
        out.line((NO_NOTES if x.topic is None else NO_NOTES_ON).format(lang, id=x.topic))
        return
    current = None
    for n in x.notes if x.topic is not None else sorted(x.notes, key=lambda n: (n.topic, n.created_at)):
        if n.topic != current:
            if current is not None:
                out.line()
            current = n.topic
            t = x.topics.get(n.topic)
            out.line(n.topic if t is None else f"{t.title.get(lang)} ({t.id})", "bold", "cyan")
        _note(out, n, None)


def markdown_exported(x: r.MarkdownExported, lang: Lang, out: Out) -> None:
    err = Out(sys.stderr)
    if not x.files:
        err.line(NOTHING_MD.get(lang))
        return
    err.line(WROTE_MD.format(lang, n=len(x.files), dir=x.directory))
