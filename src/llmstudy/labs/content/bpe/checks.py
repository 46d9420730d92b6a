"""Checks for the bpe lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

CLASSIC = "low low low low low lower lower newest newest newest newest newest newest widest widest widest"
SPACE = "▁"


def _merges(value: object, call: str) -> list[tuple[str, str]]:
    assert isinstance(value, list | tuple), f"{call} returned {type(value).__name__}; expected a list of pairs"
    out: list[tuple[str, str]] = []
    for item in value:
        assert isinstance(item, tuple | list) and len(item) == 2 and all(isinstance(s, str) for s in item), (
            f"{call} contains {item!r}; every merge must be a pair of strings like ('e', 's')"
        )
        out.append((item[0], item[1]))
    return out


def _tokens(value: object, call: str) -> list[str]:
    assert isinstance(value, list | tuple) and all(isinstance(t, str) for t in value), (
        f"{call} returned {type(value).__name__} {value!r:.80}; expected a list of strings"
    )
    return list(value)


def _first_difference(got: list[tuple[str, str]], want: list[tuple[str, str]]) -> str:
    for i, (g, w) in enumerate(zip(got, want, strict=False)):
        if g != w:
            agree = f" (the first {i} agree)" if i else ""
            return f"merge {i} is {g!r}; expected {w!r}{agree}"
    return f"{len(got)} merges; expected {len(want)}"


def check_pair_counts(m: ModuleType, ref: ModuleType) -> None:
    """pair_counts counts adjacent pairs, each word weighted by how often it occurs
    zh: pair_counts 统计相邻符号对，每个词按出现次数加权"""
    words = ref.word_counts("hug hug hug pug pun bun hugs")
    got = m.pair_counts(dict(words))
    assert isinstance(got, dict), f"pair_counts returned {type(got).__name__}; expected a dict {{pair: count}}"
    want = ref.pair_counts(words)
    for pair, n in sorted(want.items()):
        if got.get(pair, 0) != n:
            raise AssertionError(
                f"on 'hug hug hug pug pun bun hugs', pair_counts gives {pair!r} the count {got.get(pair, 0)}; expected {n}"
                + (" (weight each word by its count)" if got.get(pair, 0) < n else "")
            )
    extra = [p for p, n in got.items() if n and p not in want]
    assert not extra, f"pair_counts counted {extra[0]!r}, which is not an adjacent pair in any word"


def check_best_pair_ties(m: ModuleType, ref: ModuleType) -> None:
    """best_pair takes the most frequent pair and breaks ties by the smallest pair
    zh: best_pair 选出现次数最多的符号对，并列时取最小的那一对"""
    cases: list[dict[tuple[str, str], int]] = [
        {("a", "b"): 2, ("x", "y"): 5, ("c", "d"): 4},
        {("b", "c"): 3, ("a", "d"): 3, ("a", "b"): 2},
        {(SPACE, "a"): 2, ("a", "b"): 2},
        {("s", "t"): 9, ("e", "s"): 9, ("l", "o"): 7},
    ]
    for counts in cases:
        got = m.best_pair(dict(counts))
        want = ref.best_pair(counts)
        hint = ""
        if got == next(p for p, n in counts.items() if n == max(counts.values())):
            hint = " (that is the first pair seen; on a tie take min() of the tied pairs)"
        assert tuple(got) == want, f"best_pair({counts}) returned {got!r}; expected {want!r}{hint}"


def check_merge_pair(m: ModuleType, ref: ModuleType) -> None:
    """merge_pair merges every occurrence, left to right, without overlaps
    zh: merge_pair 从左到右合并每一处出现，不重叠"""
    cases: list[tuple[tuple[str, ...], tuple[str, str]]] = [
        ((SPACE, "l", "o", "w"), ("l", "o")),
        (("a", "b", "a", "b"), ("a", "b")),
        ((SPACE, "a", "a", "a"), ("a", "a")),
        (("a", "a", "a", "a"), ("a", "a")),
        ((SPACE, "x", "y"), ("y", "x")),
        (("n", "ew", "est"), ("ew", "est")),
    ]
    for word, pair in cases:
        got = m.merge_pair(word, pair)
        want = ref.merge_pair(word, pair)
        assert tuple(got) == want, f"merge_pair({word!r}, {pair!r}) returned {got!r}; expected {want!r}"


def check_train_classic(m: ModuleType, ref: ModuleType) -> None:
    """train_bpe learns the reference's 10 merges on the classic low/lower/newest/widest corpus
    zh: 在经典的 low/lower/newest/widest 语料上，train_bpe 学到与参考实现相同的 10 次合并"""
    got = _merges(m.train_bpe(CLASSIC, 10), "train_bpe(classic corpus, 10)")
    want = ref.train_bpe(CLASSIC, 10)
    assert got == want, f"train_bpe(classic corpus, 10): {_first_difference(got, want)}"


def check_train_weights_and_stops(m: ModuleType, ref: ModuleType) -> None:
    """train_bpe weights pairs by word counts and stops when every word is one symbol
    zh: train_bpe 按词频给符号对加权，并在每个词都只剩一个符号时停止"""
    text = "xy xy xy xy zw zv"
    got = _merges(m.train_bpe(text, 3), f"train_bpe({text!r}, 3)")
    want = ref.train_bpe(text, 3)
    assert got == want, f"train_bpe({text!r}, 3): {_first_difference(got, want)}"
    got = _merges(m.train_bpe("aa b aa", 10), "train_bpe('aa b aa', 10)")
    want = ref.train_bpe("aa b aa", 10)
    assert got == want, f"train_bpe('aa b aa', 10) returned {got}; expected {want} (stop when no pair is left)"


def check_encode(m: ModuleType, ref: ModuleType) -> None:
    """encode applies the merges in the order learned; unseen words fall back to characters
    zh: encode 按学习顺序应用合并；没见过的词退回到单个字符"""
    merges = ref.train_bpe(CLASSIC, 12)
    for text in ("lowest newer wider", "low", "newest widest lower", "zebra"):
        got = _tokens(m.encode(text, list(merges)), f"encode({text!r}, merges)")
        want = ref.encode(text, merges)
        assert got == want, (
            f"encode({text!r}) with the first 12 merges of the classic corpus returned {got}; expected {want}"
        )
    got = _tokens(m.encode("", list(merges)), "encode('', merges)")
    assert got == [], f"encode('') returned {got}; expected []"


def check_encode_order_matters(m: ModuleType, ref: ModuleType) -> None:
    """encode follows the merge order, not the longest match or the order pairs appear in the word
    zh: encode 遵循合并的先后顺序，而不是最长匹配或符号对在词中出现的顺序"""
    merges = [("b", "c"), ("a", "b"), (SPACE, "a"), ("c", "d")]
    for text in ("abcd", "abc", "bcd abcd"):
        got = _tokens(m.encode(text, list(merges)), f"encode({text!r}, {merges})")
        want = ref.encode(text, merges)
        assert got == want, f"encode({text!r}) with merges {merges} returned {got}; expected {want}"


def check_encode_every_occurrence(m: ModuleType, ref: ModuleType) -> None:
    """encode applies each merge at every place it occurs in a word, not only the first
    zh: encode 在一个词中每一处出现的位置都应用合并，而不只是第一处"""
    merges = [("a", "n"), ("b", "an"), ("an", "a"), ("h", "a")]
    for text in ("banana", "ananas hahaha"):
        got = _tokens(m.encode(text, list(merges)), f"encode({text!r}, {merges})")
        want = ref.encode(text, merges)
        assert got == want, f"encode({text!r}) with merges {merges} returned {got}; expected {want}"


def check_roundtrip(m: ModuleType, ref: ModuleType) -> None:
    """decode(encode(text)) gives the text back exactly, unseen characters and double spaces included
    zh: decode(encode(text)) 原样还原文本，包括没见过的字符和连续空格"""
    merges = ref.train_bpe(CLASSIC, 20)
    for text in ("lowest newest", "a  b", "low lower lowest 低 😀", "x", ""):
        tokens = _tokens(m.encode(text, list(merges)), f"encode({text!r}, merges)")
        back = m.decode(tokens)
        assert back == text, f"decode(encode({text!r})) returned {back!r}; tokens were {tokens}"


def check_compression(m: ModuleType, ref: ModuleType) -> None:
    """more merges encode the corpus in fewer tokens
    zh: 合并次数越多，编码语料所需的 token 越少"""
    sizes = []
    for n in (0, 5, 15):
        merges = _merges(m.train_bpe(CLASSIC, n), f"train_bpe(classic corpus, {n})")
        sizes.append(len(_tokens(m.encode(CLASSIC, merges), "encode(classic corpus, merges)")))
    want = [len(ref.encode(CLASSIC, ref.train_bpe(CLASSIC, n))) for n in (0, 5, 15)]
    assert sizes == want, f"the classic corpus took {sizes} tokens after 0, 5 and 15 merges; expected {want}"
