"""The learner's own cards: add, list, delete. They are short-answer questions, self-graded,
in the bank of their topic (so `quiz TOPIC` asks them) and scheduled like every other card."""

from __future__ import annotations

from llmstudy.actions.results import OwnCards
from llmstudy.core.lookup import resolve_topic
from llmstudy.core.records import Bi
from llmstudy.errors import UsageError
from llmstudy.storage.store import Store

MAX_CHARS = 4000
SIDES = {"question": Bi("问题", "question"), "answer": Bi("答案", "answer")}


def check_text(question: str | None, answer: str | None) -> tuple[str, str]:
    """Both sides, stripped; a usage error names the one that is missing or too long."""
    q, a = (question or "").strip(), (answer or "").strip()
    for name, text in (("question", q), ("answer", a)):
        if not text:
            raise UsageError(
                Bi(f"卡片缺少{SIDES[name].zh}", f"the card has no {name}"),
                hint='llmstudy card add attention --question "Why divide by sqrt(d_k)?" --answer "…"',
            )
        if len(text) > MAX_CHARS:
            raise UsageError(
                Bi(f"{SIDES[name].zh}超过 {MAX_CHARS} 个字符", f"the {name} is over {MAX_CHARS} characters"),
                hint=Bi("把它拆成几张卡片", "split it into several cards"),
            )
    return q, a


def add(store: Store, topic: str, question: str | None, answer: str | None) -> OwnCards:
    t = resolve_topic(topic, store.topics())
    q, a = check_text(question, answer)
    return OwnCards((store.add_own_card(t.id, q, a),), "added")


def list_cards(store: Store, topic: str | None) -> OwnCards:
    tid = None if topic is None else resolve_topic(topic, store.topics()).id
    return OwnCards(tuple(store.own_cards(tid)), None, tid)


def delete(store: Store, card_id: str) -> OwnCards:
    card = store.find_own_card(card_id)
    store.delete_own_card(card.id)
    return OwnCards((card,), "deleted")
