"""Words for the full-text index, in Chinese, English and both at once. Pure.

SQLite's ``unicode61`` tokenizer splits on spaces and punctuation, so a run of Chinese
characters would be one long "word" and `search 点积` would never match
`缩放点积注意力`. We index a rewritten text instead: Latin words as they are, each run of
CJK characters as its overlapping two-character words (``缩放 放点 点积 积注 注意 意力``), and
every CJK character once more in a column of its own for one-character queries. A query is
rewritten the same way: a CJK run becomes a phrase of its bigrams (adjacent, in order, so
`注意力` matches "注意 意力" and nothing else), a Latin word a prefix query. Measured against
the trigram tokenizer (with a LIKE scan for one- and two-character queries) in
``bench/bench_search.py``: both answer in milliseconds, but only this one ranks every query
length with bm25 and needs no fallback path.
"""

from __future__ import annotations

import functools
import re

from llmstudy.core.record import Record

# CJK ideographs (with extension A and compatibility), kana and hangul: written without spaces.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"


# Compiled on first use: a class of these ranges takes ~6 ms to compile, and many commands
# import this module (through teach-back or the search index) without writing or searching.
@functools.cache
def _runs() -> re.Pattern[str]:
    return re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")  # a CJK run, or a Latin/digit word


@functools.cache
def _is_cjk() -> re.Pattern[str]:
    return re.compile(f"[{_CJK}]")


def cjk_count(text: str) -> int:
    """How many CJK characters (ideographs, kana, hangul) ``text`` holds."""
    return len(_is_cjk().findall(text))


def runs(text: str) -> list[tuple[bool, str]]:
    """(is_cjk, run) in order: CJK runs and Latin/digit words, punctuation dropped."""
    return [(bool(m.group(1)), m.group(0)) for m in _runs().finditer(text)]


def bigrams(run: str) -> list[str]:
    """Overlapping two-character words of a CJK run (the run itself when it is one character)."""
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def index_words(text: str) -> str:
    """The text as the index sees it: Latin words, and CJK bigrams, separated by spaces."""
    out: list[str] = []
    for cjk, run in runs(text):
        out.extend(bigrams(run) if cjk else [run.lower()])
    return " ".join(out)


def index_chars(text: str) -> str:
    """Every CJK character once, for one-character queries (`search 词`)."""
    return " ".join(dict.fromkeys(c for cjk, run in runs(text) if cjk for c in run))


class Query(Record):
    """A search as the index understands it, and the words to highlight in the results."""

    match: str  # an FTS5 MATCH expression; "" when the query has no word at all
    terms: tuple[str, ...]  # the query's words (CJK runs whole), lower case


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def parse_query(query: str) -> Query:
    """Every word must match: CJK runs as bigram phrases, Latin words as prefixes."""
    parts: list[str] = []
    terms: list[str] = []
    for cjk, run in runs(query):
        terms.append(run.lower())
        if not cjk:
            parts.append("{words} : " + _quote(run.lower()) + "*")
        elif len(run) == 1:
            parts.append("{chars} : " + _quote(run))
        else:
            parts.append("{words} : " + _quote(" ".join(bigrams(run))))
    return Query(" AND ".join(parts), tuple(dict.fromkeys(terms)))


def highlights(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of a query word in ``text``, merged, in order.

    Latin words match at the start of a word (the index matched them as prefixes);
    CJK words anywhere.
    """
    low = text.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        if not _is_cjk().match(term):
            pattern = re.compile(r"(?<![^\W_])" + re.escape(term))
        else:
            pattern = re.compile(re.escape(term))
        spans += [(m.start(), m.end()) for m in pattern.finditer(low)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: tuple[str, ...], around: int = 40) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around its first match (whole if short), and the matches in it.

    Curated text is long; this is only the excerpt of a hit. What the learner wrote is
    shown whole by `show` and `notes`.
    """
    flat = " ".join(text.split())
    spans = highlights(flat, terms)
    if len(flat) <= 2 * around + 20:
        return flat, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - around)
    end = min(len(flat), start + 2 * around + 20)
    start = max(0, min(start, end - 2 * around - 20))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    cut = flat[start:end]
    shift = len(prefix) - start
    inside = [(max(s + shift, len(prefix)), min(e + shift, len(prefix) + len(cut))) for s, e in spans if s < end and e > start]
    return prefix + cut + suffix, inside
