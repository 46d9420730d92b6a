"""Wrong: pair_counts counts each distinct word once, ignoring how often it occurs."""

from __future__ import annotations

import itertools
from collections import Counter

SPACE = "▁"  # marks the start of a word, as in SentencePiece
Pair = tuple[str, str]
Word = tuple[str, ...]


def word_counts(text: str) -> dict[Word, int]:
    """Given: each space-separated word as a tuple of symbols, starting with SPACE, with its count."""
    counts: Counter[Word] = Counter()
    for word in text.split(" "):
        if word:
            counts[(SPACE, *word)] += 1
    return dict(counts)


def pair_counts(words: dict[Word, int]) -> dict[Pair, int]:
    counts: Counter[Pair] = Counter()
    for word in words:
        for a, b in itertools.pairwise(word):
            counts[a, b] += 1
    return dict(counts)


def best_pair(counts: dict[Pair, int]) -> Pair:
    return min(counts, key=lambda pair: (-counts[pair], pair))


def merge_pair(word: Word, pair: Pair) -> Word:
    out: list[str] = []
    i = 0
    while i < len(word):
        if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
            out.append(word[i] + word[i + 1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def train_bpe(text: str, num_merges: int) -> list[Pair]:
    words = word_counts(text)
    merges: list[Pair] = []
    for _ in range(num_merges):
        counts = pair_counts(words)
        if not counts:
            break
        pair = best_pair(counts)
        merges.append(pair)
        words = {merge_pair(word, pair): n for word, n in words.items()}
    return merges


def encode(text: str, merges: list[Pair]) -> list[str]:
    if not text:
        return []
    tokens: list[str] = []
    for word in text.split(" "):
        symbols: Word = (SPACE, *word)
        for pair in merges:
            symbols = merge_pair(symbols, pair)
        tokens.extend(symbols)
    return tokens


def decode(tokens: list[str]) -> str:
    return "".join(tokens).replace(SPACE, " ")[1:]
