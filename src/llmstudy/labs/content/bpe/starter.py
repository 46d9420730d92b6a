"""Lab: byte-pair encoding (BPE): learn merges from a corpus, then encode and decode text.

Words are the pieces of text.split(" "); each word starts as its characters after the
marker SPACE ("▁"). train_bpe repeatedly merges the most frequent adjacent pair (ties: the
smallest pair in Python's tuple order); encode applies the learned merges in order; decode
undoes it exactly. word_counts is given. The checker does not run the `__main__` block.
"""

from __future__ import annotations

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
    """How often each adjacent pair of symbols occurs, each word weighted by its count."""
    raise NotImplementedError("pair_counts")


def best_pair(counts: dict[Pair, int]) -> Pair:
    """The most frequent pair; on a tie, the smallest pair (min of the tuples, e.g. ("a", "d") < ("b", "c"))."""
    raise NotImplementedError("best_pair")


def merge_pair(word: Word, pair: Pair) -> Word:
    """Replace every occurrence of pair in word, scanning left to right without overlaps, by one symbol."""
    raise NotImplementedError("merge_pair")


def train_bpe(text: str, num_merges: int) -> list[Pair]:
    """The list of merges, in the order learned; stop early when no pair is left."""
    raise NotImplementedError("train_bpe")


def encode(text: str, merges: list[Pair]) -> list[str]:
    """Split on " ", start each word as [SPACE, *characters], apply every merge in order; "" -> []."""
    raise NotImplementedError("encode")


def decode(tokens: list[str]) -> str:
    """The exact inverse of encode: decode(encode(text, merges)) == text."""
    raise NotImplementedError("decode")


if __name__ == "__main__":
    corpus = "low low low low low lower lower newest newest newest newest newest newest widest widest widest"
    learned = train_bpe(corpus, 10)
    print(learned)
    print(encode("lowest newer", learned))
