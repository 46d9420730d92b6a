"""The quiz bank is fair to the learner: the right option cannot be spotted by its length alone."""

from __future__ import annotations

from typing import Any

import pytest

from llmstudy.catalog import load
from llmstudy.models import Question
from tests.conftest import DATA

LANGS = ("en", "zh")
# A test-taker who always picks the longest (or shortest) option should do little better than
# chance (25%); 35% leaves room for questions whose right answer is naturally the longest.
MAX_SHARE = 0.35


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load(DATA)


def _choice(catalog: Any) -> list[Question]:
    return [q for q in catalog.questions if q.kind == "choice"]


def _unique_extreme(q: Question, lang: str, pick: Any) -> bool:
    lengths = [len(o.get(lang)) for o in q.options]
    target = pick(lengths)
    return lengths.count(target) == 1 and lengths[q.answer_index or 0] == target


@pytest.mark.parametrize("lang", LANGS)
def test_correct_option_is_rarely_the_unique_longest(catalog: Any, lang: str) -> None:
    qs = _choice(catalog)
    hits = [q.id for q in qs if _unique_extreme(q, lang, max)]
    assert len(hits) / len(qs) <= MAX_SHARE, (lang, len(hits), len(qs), hits)


@pytest.mark.parametrize("lang", LANGS)
def test_correct_option_is_rarely_the_unique_shortest(catalog: Any, lang: str) -> None:
    qs = _choice(catalog)
    hits = [q.id for q in qs if _unique_extreme(q, lang, min)]
    assert len(hits) / len(qs) <= MAX_SHARE, (lang, len(hits), len(qs), hits)


def test_answer_positions_are_balanced(catalog: Any) -> None:
    """No position holds much more than its share of right answers (a guesser's favourite slot)."""
    qs = _choice(catalog)
    counts = [sum(1 for q in qs if q.answer_index == i) for i in range(4)]
    assert max(counts) <= 0.35 * len(qs), counts
    assert min(counts) >= 0.15 * len(qs), counts
