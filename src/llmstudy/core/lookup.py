"""Find a topic by id, alias or title in either language; suggest near misses."""

from __future__ import annotations

import re

from llmstudy.core.records import Bi, TopicRec
from llmstudy.errors import NotFoundError


def normalize(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def names_of(topic: TopicRec) -> list[str]:
    return [topic.id, *topic.aliases, topic.title.en, topic.title.zh]


def resolve_topic(name: str, topics: dict[str, TopicRec]) -> TopicRec:
    key = normalize(name)
    if key in topics:
        return topics[key]
    for t in topics.values():
        if any(normalize(n) == key for n in names_of(t)):
            return t
    close = _close(key, topics)
    zh = "；你是不是想找 " + "、".join(f"{t.id}（{t.title.zh}）" for t in close) + "？" if close else ""
    en = "; did you mean " + " or ".join(f"{t.id} ({t.title.en})" for t in close) + "?" if close else ""
    raise NotFoundError(
        Bi(f"未知的主题 {name!r}{zh}", f"unknown topic {name!r}{en}"),
        hint=Bi("llmstudy topics 列出全部主题", "llmstudy topics lists them all"),
    )


def _close(key: str, topics: dict[str, TopicRec]) -> list[TopicRec]:
    import difflib

    by_name: dict[str, str] = {}
    for t in topics.values():
        for n in names_of(t):
            by_name.setdefault(normalize(n), t.id)
    close = difflib.get_close_matches(key, list(by_name), n=6, cutoff=0.6)
    # Also offer topics whose names contain what was typed ("attn" is not close, "attention-x" is).
    close += [n for n in by_name if len(key) >= 3 and key in n and n not in close]
    return [topics[i] for i in list(dict.fromkeys(by_name[n] for n in close))[:3]]
