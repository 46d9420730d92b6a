"""`search`: the curriculum and everything the learner wrote, ranked, each hit with a command."""

from __future__ import annotations

from llmstudy.actions.results import SearchHit, SearchResult
from llmstudy.core.records import Bi
from llmstudy.core.textsearch import parse_query
from llmstudy.errors import UsageError
from llmstudy.storage.search_index import KINDS, Hit
from llmstudy.storage.store import Store

LIMIT = 20


def _command(hit: Hit) -> str:
    """The command that opens a hit."""
    topic = hit.topic
    if hit.kind == "topic":
        return f"llmstudy show {hit.ref}"
    if hit.kind == "event":
        return f"llmstudy timeline --search {hit.ref}"
    if topic is None:
        return "llmstudy resources"
    return {
        "resource": f"llmstudy resources {topic}",
        "question": f"llmstudy quiz {topic}",
        "note": f"llmstudy notes {topic}",
        "explanation": f"llmstudy teach {topic} --history",
        "session": f"llmstudy sessions --topic {topic}",
        "card": f"llmstudy card list {topic}",
    }[hit.kind]


def search(store: Store, query: str, kind: str | None, limit: int | None = None) -> SearchResult:
    """The best ``limit`` hits (``LIMIT`` when None)."""
    limit = LIMIT if limit is None else limit
    if kind is not None and kind not in KINDS:
        raise UsageError(
            Bi(f"未知类别 {kind!r}", f"unknown kind {kind!r}"), hint="--kind " + "|".join(KINDS)
        )
    if not 1 <= limit <= 200:
        raise UsageError(Bi("-n 应在 1 到 200 之间", "-n must be between 1 and 200"), hint="llmstudy search attention -n 20")
    q = parse_query(query)
    if not q.match:
        raise UsageError(
            Bi("搜索词里没有可以查找的字或词", "the query has no word to look for"),
            hint=Bi("llmstudy search 注意力", "llmstudy search attention"),
        )
    topics = store.topics()

    def title(h: Hit) -> Bi:
        """Curated rows have their own title; what the learner wrote is shown under its topic's."""
        if h.title.en or h.title.zh or h.topic not in topics:
            return h.title
        return topics[h.topic].title

    hits = tuple(
        SearchHit(h.kind, h.ref, h.topic, title(h), h.body, h.at, _command(h)) for h in store.search(q, kind, limit)
    )
    return SearchResult(query, q.terms, kind, hits)
