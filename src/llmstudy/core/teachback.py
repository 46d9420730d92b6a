"""Teach-back scored offline: which key points an explanation covers. Pure.

Each key point carries its own concept terms, derived from its text in both languages:
Latin words and acronyms of two or more letters (stop words dropped, lightly stemmed) and
the two-character words of its Chinese text (a small stop list dropped). A term is
*distinctive* for a key point when at most half of the topic's key points use it, so the
topic's own name, which every point repeats, proves nothing. A point's coverage is the
share of its distinctive terms the explanation contains (Latin terms as normalised words,
Chinese ones as substrings), taken in the language that covers more: a learner writes in
one language, or mixes them, and must not lose half the score for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from llmstudy.core.records import Bi
from llmstudy.core.textsearch import runs

FULL_AT = 0.5  # naming half of a point's distinctive terms counts as explaining it fully
COVERED_AT = 0.25  # a point counts as covered from a quarter of its terms on

STOP_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "do", "does", "each", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "it's", "may", "more", "most", "much", "must", "no", "not", "of", "on", "one", "only", "or", "other", "our", "same", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "two", "up", "us", "use", "used", "uses", "using", "very", "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "within", "without", "would", "you", "your", "also", "any", "all", "both", "every", "many", "lets", "let", "makes", "make", "made", "gives", "give", "keeps", "keep", "takes", "take", "instead", "because", "about", "after", "before", "between", "over", "under", "again", "per", "just", "like", "e.g", "i.e", "etc"]
)
# Two-character Chinese words that say nothing about a concept, and characters that make any
# pair they are in a grammatical fragment rather than a term ("的注", "是一").
CJK_STOP_WORDS = frozenset(
    ["我们", "你们", "他们", "它们", "一个", "一种", "可以", "这个", "那个", "这些", "那些", "因为", "所以", "没有", "就是", "不是", "进行", "通过", "以及", "其中", "如果", "而且", "但是", "或者", "然后", "以后", "之后", "之前", "什么", "怎么", "为了", "每个", "每一", "所有", "任意", "只有", "已经", "需要", "能够", "使用", "用来", "这样", "那样", "非常", "比如", "例如"]
)
CJK_STOP_CHARS = frozenset("的了是在和与把被让就都也而及或这那个为对从它其之们着过所会")


class PointCoverage(NamedTuple):
    number: int  # 0-based, in the topic's order
    point: Bi
    terms: tuple[str, ...]  # its distinctive terms (Chinese pairs joined into phrases), for showing
    found: tuple[str, ...]  # those the explanation contains
    coverage: float  # 0-1, before capping at FULL_AT

    @property
    def covered(self) -> bool:
        return self.coverage >= COVERED_AT


class Coverage(NamedTuple):
    score: float  # 0-1
    points: tuple[PointCoverage, ...]

    @property
    def covered(self) -> tuple[PointCoverage, ...]:
        return tuple(p for p in self.points if p.covered)

    @property
    def missing(self) -> tuple[PointCoverage, ...]:
        return tuple(p for p in self.points if not p.covered)


def stem(word: str) -> str:
    """Lower case and a crude suffix strip, so "products"/"product" and "dividing"/"divide" meet."""
    w = word.lower().replace("-", "")
    for suffix in ("ings", "ing", "ies", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def latin_words(text: str) -> dict[str, str]:
    """Normalised Latin words/acronyms of two or more letters (stop words dropped) → as written."""
    out: dict[str, str] = {}
    for cjk, run in runs(text):
        if cjk or len(run) < 2 or run.isdigit() or run.lower() in STOP_WORDS:
            continue
        out.setdefault(stem(run), run)
    return out


def latin_terms(text: str) -> set[str]:
    return set(latin_words(text))


def mostly_chinese(text: str) -> bool:
    """Whether a text is written mostly in Chinese (CJK characters against Latin letters)."""
    cjk = sum(len(run) for is_cjk, run in runs(text) if is_cjk)
    latin = sum(len(run) for is_cjk, run in runs(text) if not is_cjk)
    return cjk * 2 > latin


def cjk_terms(text: str) -> set[str]:
    """Two-character words of the Chinese runs, without fragments and empty words."""
    out = set()
    for cjk, run in runs(text):
        if not cjk:
            continue
        for i in range(len(run) - 1):
            pair = run[i : i + 2]
            if pair in CJK_STOP_WORDS or pair[0] in CJK_STOP_CHARS or pair[1] in CJK_STOP_CHARS:
                continue
            out.add(pair)
    return out


def phrases(text: str, pairs: set[str]) -> list[str]:
    """The pairs as the learner would read them: overlapping pairs in ``text`` joined back into
    phrases ("相关", "关部", "部分" → "相关部分"), in the text's order."""
    out: list[str] = []
    for cjk, run in runs(text):
        if not cjk:
            continue
        i = 0
        while i < len(run) - 1:
            if run[i : i + 2] not in pairs:
                i += 1
                continue
            j = i
            while j + 1 < len(run) - 1 and run[j + 1 : j + 3] in pairs:
                j += 1
            out.append(run[i : j + 2])
            i = j + 1
    return list(dict.fromkeys(out))


def point_terms(point: Bi) -> tuple[set[str], set[str]]:
    """A key point's concept terms: (Latin, from both texts; Chinese, from the zh text)."""
    return latin_terms(point.en) | latin_terms(point.zh), cjk_terms(point.zh)


def _distinctive(sets: Sequence[set[str]]) -> list[set[str]]:
    """Per point, the terms at most half of the points use (all of them if none is left)."""
    limit = max(1, len(sets) // 2)
    counts: dict[str, int] = {}
    for s in sets:
        for term in s:
            counts[term] = counts.get(term, 0) + 1
    return [({t for t in s if counts[t] <= limit} or s) for s in sets]


def score(points: Sequence[Bi], explanation: str) -> Coverage:
    """How well ``explanation`` covers ``points``, and which ones it covers."""
    per_point = [point_terms(p) for p in points]
    latin = _distinctive([t[0] for t in per_point])
    cjk = _distinctive([t[1] for t in per_point])
    said_latin = latin_terms(explanation)
    said_text = re.sub(r"\s+", "", explanation)
    chinese = mostly_chinese(explanation)  # on a tie, terms are shown in the learner's language
    result = []
    for i, point in enumerate(points):
        written = latin_words(point.en) | latin_words(point.zh)  # stems shown as the point writes them
        found_latin = sorted(t for t in latin[i] if t in said_latin)
        found_cjk = sorted(t for t in cjk[i] if t in said_text)
        share_latin = len(found_latin) / len(latin[i]) if latin[i] else 0.0
        share_cjk = len(found_cjk) / len(cjk[i]) if cjk[i] else 0.0
        if share_cjk > share_latin or (share_cjk == share_latin and chinese and cjk[i]):
            terms, found, share = phrases(point.zh, cjk[i]), phrases(point.zh, set(found_cjk)), share_cjk
        else:
            terms = sorted((written.get(t, t) for t in latin[i]), key=str.lower)
            found, share = [written.get(t, t) for t in found_latin], share_latin
        result.append(PointCoverage(i, point, tuple(terms), tuple(found), round(share, 3)))
    total = sum(min(1.0, p.coverage / FULL_AT) for p in result) / len(result) if result else 0.0
    return Coverage(round(total, 2), tuple(result))


def strip_template(text: str, only: str | None = None) -> str:
    """The learner's text from an editor template: lines starting with # are instructions.

    With ``only`` (the template), just the template's own # lines go: a note's Markdown
    headings survive an edit.
    """
    ours = None if only is None else {ln.strip() for ln in only.splitlines() if ln.lstrip().startswith("#")}
    kept = [
        line
        for line in text.splitlines()
        if not line.lstrip().startswith("#") or (ours is not None and line.strip() not in ours)
    ]
    return "\n".join(kept).strip()
