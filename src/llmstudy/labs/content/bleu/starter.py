"""Lab: sentence BLEU with clipped n-gram precision and the brevity penalty.

ngrams(tokens, n) -> Counter of n-gram tuples.
modified_precision(candidate, references, n) -> (clipped matches, total candidate n-grams).
brevity_penalty(candidate_len, reference_lens) -> 1 or exp(1 - r/c), r the closest reference length.
sentence_bleu(candidate, references, max_n=4) -> BP * geometric mean of p_1..p_N, 0.0 if any p_n is 0.
"""

from __future__ import annotations

import math  # noqa: F401  (you will need math.log and math.exp)
from collections import Counter
from collections.abc import Sequence


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Count the contiguous n-grams of tokens as tuples; empty when len(tokens) < n."""
    raise NotImplementedError("ngrams: count tuple(tokens[i:i + n]) for every start i")


def modified_precision(candidate: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """Return (clipped matches, total n-grams in candidate) for order n.

    Each candidate n-gram counts at most as many times as it occurs in any one reference.
    """
    raise NotImplementedError("modified_precision: clip candidate counts by the maximum reference count")


def brevity_penalty(candidate_len: int, reference_lens: Sequence[int]) -> float:
    """Return 1.0 if c > r, else exp(1 - r / c); r is the closest reference length (ties: shorter); 0.0 if c == 0."""
    raise NotImplementedError("brevity_penalty: pick the closest reference length, then exp(1 - r / c)")


def sentence_bleu(candidate: Sequence[str], references: Sequence[Sequence[str]], max_n: int = 4) -> float:
    """Return BP * exp(mean of log p_n for n = 1..max_n); 0.0 if any order has no match."""
    raise NotImplementedError("sentence_bleu: combine the clipped precisions and the brevity penalty")
