"""Reference solution for the BLEU lab."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Count the contiguous n-grams of tokens as tuples; empty when len(tokens) < n."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def modified_precision(candidate: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """Return (clipped matches, total n-grams in candidate) for order n."""
    cand = ngrams(candidate, n)
    max_ref: Counter[tuple[str, ...]] = Counter()
    for ref in references:
        max_ref |= ngrams(ref, n)
    matches = sum(min(count, max_ref[gram]) for gram, count in cand.items())
    return matches, sum(cand.values())


def brevity_penalty(candidate_len: int, reference_lens: Sequence[int]) -> float:
    """Return 1.0 if c > r, else exp(1 - r / c); r is the closest reference length (ties: shorter)."""
    c = candidate_len
    if c == 0:
        return 0.0
    r = min(reference_lens, key=lambda length: (abs(length - c), length))
    return 1.0 if c > r else math.exp(1.0 - r / c)


def sentence_bleu(candidate: Sequence[str], references: Sequence[Sequence[str]], max_n: int = 4) -> float:
    """Return BP * exp(mean of log p_n for n = 1..max_n); 0.0 if any order has no match."""
    log_sum = 0.0
    for n in range(1, max_n + 1):
        matches, total = modified_precision(candidate, references, n)
        if matches == 0:
            return 0.0
        log_sum += math.log(matches / total)
    bp = brevity_penalty(len(candidate), [len(ref) for ref in references])
    return bp * math.exp(log_sum / max_n)
