"""Wrong: the brevity penalty uses the shortest reference instead of the one closest in length to the candidate."""

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
    """r = min(reference_lens): the shortest, not the closest."""
    if candidate_len == 0:
        return 0.0
    r = min(reference_lens)
    return 1.0 if candidate_len > r else math.exp(1 - r / candidate_len)


def sentence_bleu(candidate: Sequence[str], references: Sequence[Sequence[str]], max_n: int = 4) -> float:
    """Right, given the (wrong) brevity penalty."""
    logs = []
    for n in range(1, max_n + 1):
        matches, total = modified_precision(candidate, references, n)
        if matches == 0:
            return 0.0
        logs.append(math.log(matches / total))
    return brevity_penalty(len(candidate), [len(r) for r in references]) * math.exp(sum(logs) / max_n)
