"""Checks for the BLEU lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

import math
import random
from collections import Counter
from types import ModuleType


def _t(text: str) -> list[str]:
    return text.split()


CAT = _t("the cat is on the mat")
THERE = _t("there is a cat on the mat")


def _near(got: object, want: float) -> bool:
    return isinstance(got, float | int) and math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-12)


def _pair(rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """A candidate that is a noisy copy of the first of 1-3 references, so that BLEU is usually above 0."""
    vocab = _t("the a cat dog sat on mat rug is was there here")
    refs = [[rng.choice(vocab) for _ in range(rng.randint(6, 14))] for _ in range(rng.randint(1, 3))]
    cand = list(refs[0])
    for _ in range(rng.randint(0, 2)):
        cand[rng.randrange(len(cand))] = rng.choice(vocab)
    if rng.random() < 0.5:
        cut = rng.randrange(len(cand))
        del cand[cut : cut + rng.randint(1, 3)]
    else:
        cand += [rng.choice(vocab) for _ in range(rng.randint(0, 3))]
    return cand, refs


def _show(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def check_ngrams(m: ModuleType, ref: ModuleType) -> None:
    """ngrams counts contiguous n-grams as tuples
    zh: ngrams 以元组统计连续的 n-gram"""
    toks = _t("a b a b a")
    for n in (1, 2, 3, 6):
        got = m.ngrams(toks, n)
        want = ref.ngrams(toks, n)
        assert isinstance(got, Counter), (
            f"ngrams({toks}, {n}) returned {type(got).__name__}, expected a Counter",
            f"ngrams({toks}, {n}) 返回的是 {type(got).__name__}，应当返回 Counter",
        )
        assert got == want, (
            f"ngrams({toks}, {n}) returned {dict(got)}, expected {dict(want)}",
            f"ngrams({toks}, {n}) 返回 {dict(got)}，应为 {dict(want)}",
        )


def check_clipping_classic(m: ModuleType, ref: ModuleType) -> None:
    """candidate counts are clipped: seven "the" against "the cat is on the mat" give (2, 7)
    zh: 候选计数被截断：七个 the 对 the cat is on the mat 得到 (2, 7)"""
    cand = ["the"] * 7
    got = tuple(m.modified_precision(cand, [CAT], 1))
    assert got == (2, 7), (
        f"modified_precision({_show(cand)}, [{_show(CAT)}], 1) returned {got}, expected (2, 7): clip each count by the reference count",
        f"modified_precision({_show(cand)}, [{_show(CAT)}], 1) 返回 {got}，应为 (2, 7)：每个计数都要以它在参考中出现的次数为上限截断",
    )


def check_clipping_takes_max_over_references(m: ModuleType, ref: ModuleType) -> None:
    """with several references, the clip is the maximum count in any single reference
    zh: 有多个参考时，截断上限是单个参考中的最大次数"""
    cand = _t("the the the cat cat on the mat")
    refs = [_t("the cat sat on the mat"), _t("a cat and the cat on the mat")]
    for n in (1, 2):
        got = tuple(m.modified_precision(cand, refs, n))
        want = ref.modified_precision(cand, refs, n)
        summed: Counter[tuple[str, ...]] = Counter()
        for r in refs:
            summed += ref.ngrams(r, n)
        by_sum = (sum(min(c, summed[g]) for g, c in ref.ngrams(cand, n).items()), want[1])
        summed_up = got == by_sum != want
        hint = (
            " (that clips by the count summed over the references; use the maximum in any one reference)"
            if summed_up
            else ""
        )
        hint_zh = "（这是按各参考中次数之和截断的结果；上限应取单个参考中的最大次数）" if summed_up else ""
        assert got == want, (
            f"modified_precision({_show(cand)}, two references, {n}) returned {got}, expected {want}{hint}",
            f"modified_precision({_show(cand)}, 两个参考, {n}) 返回 {got}，应为 {want}{hint_zh}",
        )


def check_modified_precision_random(m: ModuleType, ref: ModuleType) -> None:
    """modified precision for orders 1 to 4 on 40 random sentence pairs
    zh: 在 40 组随机句对上检查 1 到 4 阶的截断精确率"""
    rng = random.Random(7)
    for _ in range(40):
        cand, refs = _pair(rng)
        for n in range(1, 5):
            got = tuple(m.modified_precision(cand, refs, n))
            want = ref.modified_precision(cand, refs, n)
            assert got == want, (
                f"modified_precision({_show(cand)}, {[' '.join(r) for r in refs]}, {n}) returned {got}, expected {want}",
                f"modified_precision({_show(cand)}, {[' '.join(r) for r in refs]}, {n}) 返回 {got}，应为 {want}",
            )


def check_short_candidate_has_no_ngrams(m: ModuleType, ref: ModuleType) -> None:
    """a candidate shorter than n has (0, 0) n-grams
    zh: 候选比 n 短时结果是 (0, 0)"""
    got = tuple(m.modified_precision(["the", "cat"], [CAT], 3))
    assert got == (0, 0), (
        f'modified_precision("the cat", [{_show(CAT)}], 3) returned {got}, expected (0, 0)',
        f'modified_precision("the cat", [{_show(CAT)}], 3) 返回 {got}，应为 (0, 0)',
    )


def check_brevity_penalty(m: ModuleType, ref: ModuleType) -> None:
    """brevity penalty: 1 when longer than the closest reference, exp(1 - r/c) otherwise
    zh: 长度惩罚：比最接近的参考长时为 1，否则为 exp(1 - r/c)"""
    cases = [(12, [10]), (10, [12]), (10, [10]), (10, [7, 11, 20]), (10, [8, 12]), (5, [9, 30]), (0, [4])]
    for c, lens in cases:
        got = m.brevity_penalty(c, lens)
        want = ref.brevity_penalty(c, lens)
        assert _near(got, want), (
            f"brevity_penalty({c}, {lens}) returned {got!r}, expected {want:.6f}",
            f"brevity_penalty({c}, {lens}) 返回 {got!r}，应为 {want:.6f}",
        )


def check_perfect_match(m: ModuleType, ref: ModuleType) -> None:
    """a candidate identical to its reference scores 1.0
    zh: 与参考完全相同的候选得 1.0"""
    got = m.sentence_bleu(THERE, [CAT, THERE])
    assert _near(got, 1.0), (
        f"sentence_bleu({_show(THERE)}, [{_show(CAT)}, {_show(THERE)}]) returned {got!r}, expected 1.0",
        f"sentence_bleu({_show(THERE)}, [{_show(CAT)}, {_show(THERE)}]) 返回 {got!r}，应为 1.0",
    )


def check_known_value(m: ModuleType, ref: ModuleType) -> None:
    """a worked example: a short candidate against two references
    zh: 一个算好的例子：较短的候选对两个参考"""
    cand = _t("the cat sat on the mat")
    refs = [_t("the cat sat on the red mat"), _t("a cat sat on the mat")]
    want = ref.sentence_bleu(cand, refs)
    got = m.sentence_bleu(cand, refs)
    assert _near(got, want), (
        f"sentence_bleu({_show(cand)}, two references) returned {got!r}, expected {want:.6f}",
        f"sentence_bleu({_show(cand)}, 两个参考) 返回 {got!r}，应为 {want:.6f}",
    )


def check_short_candidate_is_penalised(m: ModuleType, ref: ModuleType) -> None:
    """a short candidate whose n-grams all match is still penalised for brevity
    zh: 所有 n-gram 都匹配但过短的候选，仍要受长度惩罚"""
    long_ref = _t("the quick brown fox jumps over the lazy dog today")
    cand = long_ref[:5]
    want = ref.sentence_bleu(cand, [long_ref])
    got = m.sentence_bleu(cand, [long_ref])
    assert _near(got, want), (
        f"sentence_bleu({_show(cand)}, [{_show(long_ref)}]) returned {got!r}, expected {want:.6f} = exp(1 - 10/5): precision is 1 but BP applies",
        f"sentence_bleu({_show(cand)}, [{_show(long_ref)}]) 返回 {got!r}，应为 {want:.6f} = exp(1 - 10/5)：各阶精确率虽然都是 1，仍要乘上长度惩罚 BP",
    )


def check_zero_without_four_gram_match(m: ModuleType, ref: ModuleType) -> None:
    """no matching 4-gram (or a candidate under 4 tokens) gives 0.0, without an error
    zh: 没有匹配的 4-gram（或候选不足 4 个 token）时得 0.0，且不报错"""
    cases = [
        (_t("the cat on is the mat"), [CAT]),
        (["the", "cat"], [CAT]),
        ([], [CAT]),
    ]
    for cand, refs in cases:
        got = m.sentence_bleu(cand, refs)
        assert _near(got, 0.0), (
            f"sentence_bleu({_show(cand)}, [{_show(CAT)}]) returned {got!r}, expected 0.0 (no smoothing)",
            f"sentence_bleu({_show(cand)}, [{_show(CAT)}]) 返回 {got!r}，应为 0.0（不做平滑）",
        )


def check_max_n(m: ModuleType, ref: ModuleType) -> None:
    """max_n sets the highest order: max_n=2 averages only p_1 and p_2
    zh: max_n 决定最高阶：max_n=2 时只平均 p_1 和 p_2"""
    cand = _t("the cat on is the mat")
    got = m.sentence_bleu(cand, [CAT], max_n=2)
    want = ref.sentence_bleu(cand, [CAT], max_n=2)
    assert _near(got, want), (
        f"sentence_bleu({_show(cand)}, [{_show(CAT)}], max_n=2) returned {got!r}, expected {want:.6f}",
        f"sentence_bleu({_show(cand)}, [{_show(CAT)}], max_n=2) 返回 {got!r}，应为 {want:.6f}",
    )


def check_random_pairs(m: ModuleType, ref: ModuleType) -> None:
    """sentence_bleu on 60 random candidate/reference sets
    zh: 在 60 组随机的候选与参考上检查 sentence_bleu"""
    rng = random.Random(11)
    for _ in range(60):
        cand, refs = _pair(rng)
        got = m.sentence_bleu(cand, refs)
        want = ref.sentence_bleu(cand, refs)
        assert _near(got, want), (
            f"sentence_bleu({_show(cand)}, {[' '.join(r) for r in refs]}) returned {got!r}, expected {want:.6f}",
            f"sentence_bleu({_show(cand)}, {[' '.join(r) for r in refs]}) 返回 {got!r}，应为 {want:.6f}",
        )
