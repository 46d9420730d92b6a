"""Wrong: returns the geometric mean of the precisions without the brevity penalty."""

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
    """Right, but sentence_bleu never calls it."""
    if candidate_len == 0:
        return 0.0
    r = min(reference_lens, key=lambda x: (abs(x - candidate_len), x))
    return 1.0 if candidate_len > r else math.exp(1 - r / candidate_len)


def sentence_bleu(candidate: Sequence[str], references: Sequence[Sequence[str]], max_n: int = 4) -> float:
    """Geometric mean of p_n only: short candidates are not penalised."""
    logs = []
    for n in range(1, max_n + 1):
        matches, total = modified_precision(candidate, references, n)
        if matches == 0:
            return 0.0
        logs.append(math.log(matches / total))
    return math.exp(sum(logs) / max_n)
