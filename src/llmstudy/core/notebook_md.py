"""A topic's notebook as Markdown: the learner's notes, explanations and sessions. Pure.

What the learner wrote goes in whole, as written (each note a block of its own); the
headings are in the learner's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from llmstudy.core.durations import format_minutes
from llmstudy.core.records import Bi, ExplanationRec, Lang, NoteRec, Session, TopicRec

NOTES = Bi("笔记", "Notes")
EXPLANATIONS = Bi("我的解释", "My explanations")
SESSIONS = Bi("学习记录", "Study sessions")
SCORE = Bi("得分 {score:.2f}（{source}）", "score {score:.2f} ({source})")
MISSED = Bi("遗漏：", "Missed: ")
WRONG = Bi("有误：", "Wrong: ")
TOTAL = Bi("共 {dur}", "Total {dur}")


def topic_markdown(
    topic: TopicRec,
    notes: Sequence[NoteRec],
    explanations: Sequence[ExplanationRec],
    sessions: Sequence[Session],
    lang: Lang,
) -> str | None:
    """The file's text, or None when the learner has nothing on this topic."""
    if not (notes or explanations or sessions):
        return None
    out = [f"# {topic.title.get(lang)} ({topic.id})", "", topic.summary.get(lang), ""]
    if notes:
        out += [f"## {NOTES.get(lang)}", ""]
        for n in notes:
            out += [f"### {n.created_at[:10]} · `{n.id[:8]}`", "", n.text, ""]
    if explanations:
        out += [f"## {EXPLANATIONS.get(lang)}", ""]
        for e in explanations:
            out += [f"### {e.created_at[:10]} · {SCORE.format(lang, score=e.score, source=e.source)}", "", e.text, ""]
            for m in e.feedback.missing:
                out.append(f"- {MISSED.get(lang)}{m.get(lang)}")
            for statement, correction in e.feedback.wrong:
                out.append(f"- {WRONG.get(lang)}{statement} → {correction}")
            if e.feedback.missing or e.feedback.wrong:
                out.append("")
    if sessions:
        out += [f"## {SESSIONS.get(lang)}", ""]
        for s in sessions:
            note = f" — {s.note}" if s.note else ""
            out.append(f"- {s.day} · {format_minutes(s.minutes)}{note}")
        out += ["", TOTAL.format(lang, dur=format_minutes(sum(s.minutes for s in sessions))), ""]
    return "\n".join(out).rstrip() + "\n"
