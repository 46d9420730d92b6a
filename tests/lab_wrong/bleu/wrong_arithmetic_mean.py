"""Wrong: averages the precisions arithmetically instead of geometrically (and so never drops to 0 for one missing order)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Right."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def modified_precision(candidate: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """Right."""
    cand = ngrams(candidate, n)
    best: Counter[tuple[str, ...]] = Counter()
    for ref in references:
        best |= ngrams(ref, n)
    return sum((cand & best).values()), sum(cand.values())


def brevity_penalty(candidate_len: int, reference_lens: Sequence[int]) -> float:
    """Right."""
    if candidate_len == 0:
        return 0.0
    r = min(reference_lens, key=lambda x: (abs(x - candidate_len), x))
    return 1.0 if candidate_len > r else math.exp(1 - r / candidate_len)


def sentence_bleu(candidate: Sequence[str], references: Sequence[Sequence[str]], max_n: int = 4) -> float:
    """BP * mean(p_n): the wrong mean."""
    precisions = []
    for n in range(1, max_n + 1):
        matches, total = modified_precision(candidate, references, n)
        precisions.append(matches / total if total else 0.0)
    return brevity_penalty(len(candidate), [len(r) for r in references]) * sum(precisions) / max_n
