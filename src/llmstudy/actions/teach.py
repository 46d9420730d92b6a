"""`teach`: the learner explains a topic first; the program says what was covered and missed.

Offline the explanation is scored by ``core.teachback`` against the topic's key points; a
model (a ``Grader``) may grade it instead, and when its replies are unusable the offline
score stands, with the reason. Every attempt is stored with its score and feedback.
"""

from __future__ import annotations

from typing import Protocol

from llmstudy.actions.results import TeachHistory, TeachResult
from llmstudy.core import teachback
from llmstudy.core.records import Bi, Graded, Lang, TopicRec
from llmstudy.errors import LLMError, UsageError
from llmstudy.storage.store import Store

MAX_CHARS = 20_000


class Grader(Protocol):
    model: str

    def grade(self, topic: TopicRec, text: str, lang: Lang) -> Graded:
        """Covered and missing key points and wrong statements, or ``LLMError``."""


def template(topic: TopicRec, lang: Lang) -> str:
    """What the editor opens with: the topic's title and instructions, never the answers."""
    return TEMPLATE.format(lang, title=topic.title.get(lang), id=topic.id) + "\n"


TEMPLATE = Bi(
    "# 用你自己的话解释：{title}（{id}）\n# 先别看资料。写下它是什么、为什么重要、怎么工作。\n# 以 # 开头的行会被忽略；保存并关闭编辑器即提交，留空则取消。\n",
    "# Explain in your own words: {title} ({id})\n# Before looking anything up: what it is, why it matters, how it works.\n"
    "# Lines starting with # are ignored; save and close the editor to submit, leave it empty to cancel.\n",
)
EMPTY = Bi("解释是空的，没有保存。", "the explanation is empty; nothing was saved")
EMPTY_HINT = Bi(
    "写下你的解释：llmstudy teach {id}（编辑器）、--file 文件，或从标准输入",
    "write it: llmstudy teach {id} (editor), --file FILE, or on stdin",
)
TOO_LONG = Bi("解释超过 {n} 个字符。", "the explanation is longer than {n} characters")


def check_text(text: str, topic: TopicRec) -> str:
    body = text.strip()
    if not body:
        raise UsageError(EMPTY, hint=Bi(EMPTY_HINT.zh.format(id=topic.id), EMPTY_HINT.en.format(id=topic.id)))
    if len(body) > MAX_CHARS:
        raise UsageError(
            Bi(TOO_LONG.zh.format(n=MAX_CHARS), TOO_LONG.en.format(n=MAX_CHARS)),
            hint=Bi("只写要点", "keep to the key ideas"),
        )
    return body


def teach(store: Store, topic: TopicRec, text: str, grader: Grader | None, lang: Lang) -> TeachResult:
    body = check_text(text, topic)
    coverage = teachback.score(topic.key_points, topic.terms, body)
    fallback = None
    if grader is not None:
        try:
            g = grader.grade(topic, body, lang)
            points = len(topic.key_points)
            llm_score = round(len(g.covered) / points, 2) if points else 0.0
            attempt = store.add_explanation(topic.id, body, llm_score, "llm", grader.model, g)
            return TeachResult(topic, attempt, coverage, None)
        except LLMError as exc:
            fallback = exc.message
    offline = Graded(tuple(p.point for p in coverage.covered), tuple(p.point for p in coverage.missing), ())
    attempt = store.add_explanation(topic.id, body, coverage.score, "offline", None, offline)
    return TeachResult(topic, attempt, coverage, fallback)


def history(store: Store, topic: TopicRec) -> TeachHistory:
    return TeachHistory(topic, tuple(store.explanations(topic.id)))
