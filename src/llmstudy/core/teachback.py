"""Teach-back scored offline: which key points an explanation covers. Pure.

Each key point carries a few curated concept terms (``terms`` in ``data/roadmap.yaml``). A
term is one concept written as alternatives separated by ``|`` — its English and Chinese
names and common variants, e.g. ``scaling|scaled|缩放|√d_k`` — so an explanation in Chinese,
in English, or in both at once names the concept with whichever words the learner uses. An
alternative of Latin words matches as a run of words (stemmed, so "products" meets
"product"); any other alternative (Chinese, formulas) matches as a substring of the text
with spaces removed, since Chinese has none. A point's coverage is the share of its terms
the explanation names; the data's validation makes sure every term matches its own point's
text in both languages, so a term cannot be unreachable in either.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from llmstudy.core.records import Bi
from llmstudy.core.textsearch import cjk_count

FULL_AT = 0.5  # naming half of a point's terms counts as explaining it fully
COVERED_AT = 0.34  # a point counts as covered from more than a third of its terms on

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LATIN_ALT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]*$")
_SPACE = re.compile(r"\s+")


class PointCoverage(NamedTuple):
    number: int  # 0-based, in the topic's order
    point: Bi
    terms: tuple[str, ...]  # its terms, as the learner's language names them
    found: tuple[str, ...]  # those the explanation names
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


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Lower case and a crude suffix strip, so "products"/"product" and "dividing"/"divide" meet."""
    w = word.lower().replace("-", "")
    for suffix in ("ings", "ing", "ies", "ed", "es", "s"):
        if suffix == "s" and w.endswith(("ss", "us", "is", "ias")):  # "class", "focus", "analysis", "bias"
            break
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def words(text: str) -> list[str]:
    """The stemmed Latin words of a text, in order."""
    return [stem(w) for w in _WORD.findall(text.lower())]


class Said(NamedTuple):
    """A text prepared once for matching many terms against it."""

    words: str  # " stem stem stem " — a run of words is a substring of it
    compact: str  # lower case, spaces removed

    @classmethod
    def of(cls, text: str) -> Said:
        return cls(" " + " ".join(words(text)) + " ", _SPACE.sub("", text.lower()))


def alternatives(term: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in term.split("|") if a.strip())


def blankable(terms: Sequence[str], no_blank: Sequence[str]) -> list[str]:
    """The terms a fill-in-the-blank question may blank: those none of whose spellings is
    named in ``no_blank`` (compared without case)."""
    out = {n.strip().casefold() for n in no_blank}
    return [t for t in terms if not any(a.casefold() in out for a in alternatives(t))]


def is_latin(alternative: str) -> bool:
    return bool(_LATIN_ALT.match(alternative))


def names(alternative: str, said: Said) -> bool:
    """Whether ``said`` contains this alternative of a term."""
    if is_latin(alternative):
        run = " ".join(words(alternative))
        return bool(run) and f" {run} " in said.words
    return _SPACE.sub("", alternative.lower()) in said.compact


def named(term: str, said: Said) -> bool:
    return any(names(a, said) for a in alternatives(term))


def label(term: str, chinese: bool) -> str:
    """How a term is shown: its first Chinese alternative for a Chinese reader, else its first
    alternative without Chinese (or simply the first)."""
    alts = alternatives(term) or (term,)
    cjk = [a for a in alts if not is_latin(a) and cjk_count(a)]
    latin = [a for a in alts if not cjk_count(a)]
    pick = (cjk or latin) if chinese else (latin or cjk)
    return pick[0] if pick else alts[0]


def mostly_chinese(text: str) -> bool:
    """Whether a text is written mostly in Chinese (CJK characters against Latin letters)."""
    cjk = cjk_count(text)
    latin = sum(len(w) for w in _WORD.findall(text.lower()))
    return cjk * 2 > latin


def term_problem(term: str, point: Bi, said: tuple[Said, Said] | None = None) -> Bi | None:
    """Why a curated term cannot stand on its key point, or None. A term must name a concept the
    point's own text states, in both languages: some alternative matches the Chinese text and
    some the English one. ``said``: the point's two texts, prepared once for all its terms."""
    alts = alternatives(term)
    if not alts:
        return Bi("概念词是空的", "a term is empty")
    if len(alts) != len(set(a.lower() for a in alts)):
        return Bi(f"概念词 {term!r} 里有重复的写法", f"term {term!r} repeats an alternative")
    zh, en = said or (Said.of(point.zh), Said.of(point.en))
    for lang, text, name in (("zh", zh, "中文"), ("en", en, "英文")):
        if not named(term, text):
            return Bi(f"概念词 {term!r} 没有出现在这条要点的{name}原文里", f"term {term!r} does not occur in the key point's {lang} text")
    return None


def score(points: Sequence[Bi], terms: Sequence[Sequence[str]], explanation: str) -> Coverage:
    """How well ``explanation`` covers ``points`` (each with its curated ``terms``)."""
    said = Said.of(explanation)
    chinese = mostly_chinese(explanation)
    result = []
    for i, point in enumerate(points):
        own = tuple(terms[i]) if i < len(terms) else ()
        found = tuple(t for t in own if named(t, said))
        share = len(found) / len(own) if own else 0.0
        result.append(
            PointCoverage(
                i, point, tuple(label(t, chinese) for t in own), tuple(label(t, chinese) for t in found), round(share, 3)
            )
        )
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
