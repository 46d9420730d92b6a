"""Wrong: counts every candidate n-gram that occurs in a reference, without clipping by the reference count."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Right."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def modified_precision(candidate: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """Unclipped: seven "the" all count as matches."""
    cand = ngrams(candidate, n)
    seen: set[tuple[str, ...]] = set()
    for ref in references:
        seen |= set(ngrams(ref, n))
    return sum(c for g, c in cand.items() if g in seen), sum(cand.values())


def brevity_penalty(candidate_len: int, reference_lens: Sequence[int]) -> float:
    """Right."""
    if candidate_len == 0:
        return 0.0
    r = min(reference_lens, key=lambda x: (abs(x - candidate_len), x))
    return 1.0 if candidate_len > r else math.exp(1 - r / candidate_len)


def sentence_bleu(candidate: Sequence[str], references: Sequence[Sequence[str]], max_n: int = 4) -> float:
    """Right, given the (wrong) precisions."""
    logs = []
    for n in range(1, max_n + 1):
        matches, total = modified_precision(candidate, references, n)
        if matches == 0:
            return 0.0
        logs.append(math.log(matches / total))
    return brevity_penalty(len(candidate), [len(r) for r in references]) * math.exp(sum(logs) / max_n)
