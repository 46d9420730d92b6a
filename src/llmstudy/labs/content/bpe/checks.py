"""Checks for the bpe lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

CLASSIC = "low low low low low lower lower newest newest newest newest newest newest widest widest widest"
SPACE = "▁"


def _merges(value: object, call: tuple[str, str]) -> list[tuple[str, str]]:
    """``value`` as a list of merges; ``call`` names the call that returned it (en, zh)."""
    en, zh = call
    assert isinstance(value, list | tuple), (
        f"{en} returned {type(value).__name__}; expected a list of pairs",
        f"{zh} 返回的是 {type(value).__name__}；应当返回由符号对组成的列表",
    )
    out: list[tuple[str, str]] = []
    for item in value:
        assert isinstance(item, tuple | list) and len(item) == 2 and all(isinstance(s, str) for s in item), (
            f"{en} contains {item!r}; every merge must be a pair of strings like ('e', 's')",
            f"{zh} 中有 {item!r}；每次合并都必须是两个字符串组成的对，例如 ('e', 's')",
        )
        out.append((item[0], item[1]))
    return out


def _tokens(value: object, call: tuple[str, str]) -> list[str]:
    en, zh = call
    assert isinstance(value, list | tuple) and all(isinstance(t, str) for t in value), (
        f"{en} returned {type(value).__name__} {value!r:.80}; expected a list of strings",
        f"{zh} 返回的是 {type(value).__name__} {value!r:.80}；应当返回字符串列表",
    )
    return list(value)


def _first_difference(got: list[tuple[str, str]], want: list[tuple[str, str]]) -> tuple[str, str]:
    for i, (g, w) in enumerate(zip(got, want, strict=False)):
        if g != w:
            agree = f" (the first {i} agree)" if i else ""
            agree_zh = f"（前 {i} 项一致）" if i else ""
            return f"merge {i} is {g!r}; expected {w!r}{agree}", f"merges[{i}] 是 {g!r}，应为 {w!r}{agree_zh}"
    return f"{len(got)} merges; expected {len(want)}", f"得到 {len(got)} 次合并，应为 {len(want)} 次"


def check_pair_counts(m: ModuleType, ref: ModuleType) -> None:
    """pair_counts counts adjacent pairs, each word weighted by how often it occurs
    zh: pair_counts 统计相邻符号对，每个词按出现次数加权"""
    words = ref.word_counts("hug hug hug pug pun bun hugs")
    got = m.pair_counts(dict(words))
    assert isinstance(got, dict), (
        f"pair_counts returned {type(got).__name__}; expected a dict {{pair: count}}",
        f"pair_counts 返回的是 {type(got).__name__}；应当返回字典 {{pair: count}}",
    )
    want = ref.pair_counts(words)
    for pair, n in sorted(want.items()):
        if got.get(pair, 0) != n:
            raise AssertionError(
                (
                    f"on 'hug hug hug pug pun bun hugs', pair_counts gives {pair!r} the count {got.get(pair, 0)}; expected {n}"
                    + (" (weight each word by its count)" if got.get(pair, 0) < n else ""),
                    f"对 'hug hug hug pug pun bun hugs'，pair_counts 给 {pair!r} 的计数是 {got.get(pair, 0)}，应为 {n}"
                    + ("（每个词要按它的出现次数加权）" if got.get(pair, 0) < n else ""),
                )
            )
    extra = [p for p, n in got.items() if n and p not in want]
    assert not extra, (
        f"pair_counts counted {extra[0]!r}, which is not an adjacent pair in any word",
        f"pair_counts 统计了 {extra[0]!r}，但它在任何一个词里都不是相邻的符号对",
    )


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
        hint = hint_zh = ""
        if got == next(p for p, n in counts.items() if n == max(counts.values())):
            hint = " (that is the first pair seen; on a tie take min() of the tied pairs)"
            hint_zh = "（这是最先遇到的那一对；并列时要对并列的几对取 min()）"
        assert tuple(got) == want, (
            f"best_pair({counts}) returned {got!r}; expected {want!r}{hint}",
            f"best_pair({counts}) 返回 {got!r}，应为 {want!r}{hint_zh}",
        )


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
        assert tuple(got) == want, (
            f"merge_pair({word!r}, {pair!r}) returned {got!r}; expected {want!r}",
            f"merge_pair({word!r}, {pair!r}) 返回 {got!r}，应为 {want!r}",
        )


def check_train_classic(m: ModuleType, ref: ModuleType) -> None:
    """train_bpe learns the reference's 10 merges on the classic low/lower/newest/widest corpus
    zh: 在经典的 low/lower/newest/widest 语料上，train_bpe 学到与参考实现相同的 10 次合并"""
    got = _merges(m.train_bpe(CLASSIC, 10), ("train_bpe(classic corpus, 10)", "train_bpe(经典语料, 10)"))
    want = ref.train_bpe(CLASSIC, 10)
    assert got == want, (
        f"train_bpe(classic corpus, 10): {_first_difference(got, want)[0]}",
        f"train_bpe(经典语料, 10)：{_first_difference(got, want)[1]}",
    )


def check_train_weights_and_stops(m: ModuleType, ref: ModuleType) -> None:
    """train_bpe weights pairs by word counts and stops when every word is one symbol
    zh: train_bpe 按词频给符号对加权，并在每个词都只剩一个符号时停止"""
    text = "xy xy xy xy zw zv"
    got = _merges(m.train_bpe(text, 3), (f"train_bpe({text!r}, 3)",) * 2)
    want = ref.train_bpe(text, 3)
    assert got == want, (
        f"train_bpe({text!r}, 3): {_first_difference(got, want)[0]}",
        f"train_bpe({text!r}, 3)：{_first_difference(got, want)[1]}",
    )
    got = _merges(m.train_bpe("aa b aa", 10), ("train_bpe('aa b aa', 10)",) * 2)
    want = ref.train_bpe("aa b aa", 10)
    assert got == want, (
        f"train_bpe('aa b aa', 10) returned {got}; expected {want} (stop when no pair is left)",
        f"train_bpe('aa b aa', 10) 返回 {got}，应为 {want}（没有符号对可以合并时就停止）",
    )


def check_encode(m: ModuleType, ref: ModuleType) -> None:
    """encode applies the merges in the order learned; unseen words fall back to characters
    zh: encode 按学习顺序应用合并；没见过的词退回到单个字符"""
    merges = ref.train_bpe(CLASSIC, 12)
    for text in ("lowest newer wider", "low", "newest widest lower", "zebra"):
        got = _tokens(m.encode(text, list(merges)), (f"encode({text!r}, merges)",) * 2)
        want = ref.encode(text, merges)
        assert got == want, (
            f"encode({text!r}) with the first 12 merges of the classic corpus returned {got}; expected {want}",
            f"用经典语料的前 12 次合并执行 encode({text!r})，返回 {got}，应为 {want}",
        )
    got = _tokens(m.encode("", list(merges)), ("encode('', merges)",) * 2)
    assert got == [], (f"encode('') returned {got}; expected []", f"encode('') 返回 {got}，应为 []")


def check_encode_order_matters(m: ModuleType, ref: ModuleType) -> None:
    """encode follows the merge order, not the longest match or the order pairs appear in the word
    zh: encode 遵循合并的先后顺序，而不是最长匹配或符号对在词中出现的顺序"""
    merges = [("b", "c"), ("a", "b"), (SPACE, "a"), ("c", "d")]
    for text in ("abcd", "abc", "bcd abcd"):
        got = _tokens(m.encode(text, list(merges)), (f"encode({text!r}, {merges})",) * 2)
        want = ref.encode(text, merges)
        assert got == want, (
            f"encode({text!r}) with merges {merges} returned {got}; expected {want}",
            f"用合并列表 {merges} 执行 encode({text!r})，返回 {got}，应为 {want}",
        )


def check_encode_every_occurrence(m: ModuleType, ref: ModuleType) -> None:
    """encode applies each merge at every place it occurs in a word, not only the first
    zh: encode 在一个词中每一处出现的位置都应用合并，而不只是第一处"""
    merges = [("a", "n"), ("b", "an"), ("an", "a"), ("h", "a")]
    for text in ("banana", "ananas hahaha"):
        got = _tokens(m.encode(text, list(merges)), (f"encode({text!r}, {merges})",) * 2)
        want = ref.encode(text, merges)
        assert got == want, (
            f"encode({text!r}) with merges {merges} returned {got}; expected {want}",
            f"用合并列表 {merges} 执行 encode({text!r})，返回 {got}，应为 {want}",
        )


def check_roundtrip(m: ModuleType, ref: ModuleType) -> None:
    """decode(encode(text)) gives the text back exactly, unseen characters and double spaces included
    zh: decode(encode(text)) 原样还原文本，包括没见过的字符和连续空格"""
    merges = ref.train_bpe(CLASSIC, 20)
    for text in ("lowest newest", "a  b", "low lower lowest 低 😀", "x", ""):
        tokens = _tokens(m.encode(text, list(merges)), (f"encode({text!r}, merges)",) * 2)
        back = m.decode(tokens)
        assert back == text, (
            f"decode(encode({text!r})) returned {back!r}; tokens were {tokens}",
            f"decode(encode({text!r})) 返回 {back!r}；中间的 token 是 {tokens}",
        )


def check_compression(m: ModuleType, ref: ModuleType) -> None:
    """more merges encode the corpus in fewer tokens
    zh: 合并次数越多，编码语料所需的 token 越少"""
    sizes = []
    for n in (0, 5, 15):
        merges = _merges(m.train_bpe(CLASSIC, n), (f"train_bpe(classic corpus, {n})", f"train_bpe(经典语料, {n})"))
        sizes.append(
            len(_tokens(m.encode(CLASSIC, merges), ("encode(classic corpus, merges)", "encode(经典语料, merges)")))
        )
    want = [len(ref.encode(CLASSIC, ref.train_bpe(CLASSIC, n))) for n in (0, 5, 15)]
    assert sizes == want, (
        f"the classic corpus took {sizes} tokens after 0, 5 and 15 merges; expected {want}",
        f"经过 0、5、15 次合并后，经典语料分别编码成 {sizes} 个 token，应为 {want}",
    )
