"""Checks for the perplexity lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt


def _scalar(value: object, call: str, call_zh: str | None = None) -> float:
    """``value`` as a float; ``call`` (``call_zh`` in Chinese, when it differs) names the call that returned it."""
    assert isinstance(value, float | int | np.floating | np.integer) and not isinstance(value, bool), (
        f"{call} returned {type(value).__name__} {value!r}, expected a single float",
        f"{call_zh or call} 返回的是 {type(value).__name__} {value!r}，应当返回单个浮点数",
    )
    return float(value)


def _batch(seed: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    rng = np.random.default_rng(seed)
    lengths = [8, 3, 5]
    lp = np.log(rng.uniform(0.02, 0.9, size=(3, 8)))
    mask = np.zeros((3, 8), dtype=bool)
    for row, n in enumerate(lengths):
        mask[row, :n] = True
    return lp, mask


def check_token_logprobs_match(m: ModuleType, ref: ModuleType) -> None:
    """token_logprobs picks log_softmax(logits)[target] at every position
    zh: token_logprobs 在每个位置取出 log_softmax(logits)[target]"""
    rng = np.random.default_rng(1)
    logits = rng.normal(0.0, 2.0, size=(7, 11))
    targets = rng.integers(0, 11, size=7)
    got = np.asarray(m.token_logprobs(logits, targets), dtype=np.float64)
    want = ref.token_logprobs(logits, targets)
    assert got.shape == want.shape, (
        f"token_logprobs on logits (7, 11) returned shape {got.shape}, expected {want.shape}",
        f"logits 为 (7, 11) 时，token_logprobs 返回的形状是 {got.shape}，应为 {want.shape}",
    )
    bad = np.flatnonzero(~np.isclose(got, want))
    assert bad.size == 0, (
        f"token_logprobs at position {bad[0]} (target {targets[bad[0]]}) returned {got[bad[0]]:.6f}, "
        f"expected {want[bad[0]]:.6f} (natural-log softmax probability of the target)",
        f"token_logprobs 在位置 {bad[0]}（目标为 {targets[bad[0]]}）返回 {got[bad[0]]:.6f}，"
        f"应为 {want[bad[0]]:.6f}（目标 token 的 softmax 概率取自然对数）",
    )


def check_token_logprobs_stable(m: ModuleType, ref: ModuleType) -> None:
    """token_logprobs stays finite and exact for logits around 1000
    zh: logits 在 1000 左右时 token_logprobs 仍然有限且准确"""
    rng = np.random.default_rng(2)
    logits = rng.normal(0.0, 1.0, size=(5, 6)) * 300.0 + 1000.0
    targets = rng.integers(0, 6, size=5)
    got = np.asarray(m.token_logprobs(logits, targets), dtype=np.float64)
    want = ref.token_logprobs(logits, targets)
    assert np.all(np.isfinite(got)), (
        f"token_logprobs on logits near 1000 returned {got.round(3).tolist()}, expected finite values "
        f"{want.round(3).tolist()}: subtract the row maximum before exp",
        f"logits 在 1000 附近时，token_logprobs 返回 {got.round(3).tolist()}，应为有限值 "
        f"{want.round(3).tolist()}：求 exp 之前先减去每行的最大值",
    )
    assert np.allclose(got, want), (
        f"token_logprobs on logits near 1000 returned {got.round(4).tolist()}, expected {want.round(4).tolist()}",
        f"logits 在 1000 附近时，token_logprobs 返回 {got.round(4).tolist()}，应为 {want.round(4).tolist()}",
    )


def check_uniform_is_vocab_size(m: ModuleType, ref: ModuleType) -> None:
    """a model uniform over 50 tokens has perplexity 50
    zh: 在 50 个 token 上均匀分布的模型，困惑度是 50"""
    logits = np.zeros((9, 50))
    targets = np.arange(9, dtype=np.int64)
    lp = np.asarray(m.token_logprobs(logits, targets), dtype=np.float64)
    assert np.allclose(lp, -np.log(50.0)), (
        f"token_logprobs of all-zero logits over 50 tokens returned {lp[0]:.6f}, expected log(1/50) = {-np.log(50.0):.6f}",
        f"50 个 token 的 logits 全为 0 时，token_logprobs 返回 {lp[0]:.6f}，应为 log(1/50) = {-np.log(50.0):.6f}",
    )
    got = _scalar(m.perplexity(lp), "perplexity(uniform over 50)", "perplexity(50 个 token 上的均匀分布)")
    assert np.isclose(got, 50.0), (
        f"perplexity of 9 tokens each with probability 1/50 returned {got:.4f}, expected 50.0",
        f"9 个 token 的概率都是 1/50，perplexity 返回 {got:.4f}，应为 50.0",
    )


def check_perplexity_single_sequence(m: ModuleType, ref: ModuleType) -> None:
    """perplexity of one sequence without a mask: exp of the mean negative log-probability
    zh: 不带 mask 的单条序列：平均负对数概率的 exp"""
    rng = np.random.default_rng(3)
    lp = np.log(rng.uniform(0.05, 0.95, size=20))
    got = _scalar(m.perplexity(lp), "perplexity(20 log-probs)", "perplexity(20 个对数概率)")
    want = ref.perplexity(lp)
    hint = hint_zh = ""
    if np.isclose(got, float(np.exp(-lp.sum()))):
        hint = " (that is exp of the sum; divide by the number of tokens)"
        hint_zh = "（这是对总和取 exp；要先除以 token 数）"
    elif np.isclose(got, float(2.0 ** (-lp.mean()))):
        hint = " (that is 2 ** mean; the log-probs are natural logs, use exp)"
        hint_zh = "（这是 2 ** 平均值；这些对数概率是自然对数，应当用 exp）"
    assert np.isclose(got, want), (
        f"perplexity on 20 random log-probs returned {got:.6f}, expected {want:.6f}{hint}",
        f"对 20 个随机对数概率，perplexity 返回 {got:.6f}，应为 {want:.6f}{hint_zh}",
    )


def check_known_value(m: ModuleType, ref: ModuleType) -> None:
    """probabilities 1/2, 1/4, 1/8 give perplexity 4
    zh: 概率 1/2、1/4、1/8 的困惑度是 4"""
    lp = np.log(np.array([0.5, 0.25, 0.125]))
    got = _scalar(m.perplexity(lp), "perplexity(log [1/2, 1/4, 1/8])")
    assert np.isclose(got, 4.0), (
        f"perplexity(log [1/2, 1/4, 1/8]) returned {got:.6f}, expected 4.0 (the geometric mean of 2, 4, 8)",
        f"perplexity(log [1/2, 1/4, 1/8]) 返回 {got:.6f}，应为 4.0（2、4、8 的几何平均数）",
    )


def check_mask_ignores_padding(m: ModuleType, ref: ModuleType) -> None:
    """padding (mask False) does not count, even when it holds 0.0
    zh: 填充位置（mask 为 False）不计入，即使其中的值是 0.0"""
    lp, mask = _batch(4)
    padded = np.where(mask, lp, 0.0)
    got = _scalar(m.perplexity(padded, mask), "perplexity(batch (3, 8), mask)")
    want = ref.perplexity(padded, mask)
    hint = hint_zh = ""
    if np.isclose(got, float(np.exp(-padded.mean()))):
        hint = " (that averages over the padding too; divide by mask.sum())"
        hint_zh = "（这把填充位置也算进了平均；应当除以 mask.sum()）"
    assert np.isclose(got, want), (
        f"perplexity on a (3, 8) batch with lengths 8, 3, 5 returned {got:.6f}, expected {want:.6f}{hint}",
        f"在长度为 8、3、5 的 (3, 8) 批次上，perplexity 返回 {got:.6f}，应为 {want:.6f}{hint_zh}",
    )


def check_mask_pools_all_tokens(m: ModuleType, ref: ModuleType) -> None:
    """the mean is over all real tokens of the batch, not over per-sequence perplexities
    zh: 在整个批次的所有真实 token 上求平均，而不是对每条序列的困惑度求平均"""
    lp, mask = _batch(5)
    lp[1, :3] = np.log([0.01, 0.02, 0.01])
    padded = np.where(mask, lp, 0.0)
    got = _scalar(m.perplexity(padded, mask), "perplexity(batch (3, 8), mask)")
    want = ref.perplexity(padded, mask)
    per_seq = float(np.mean([ref.perplexity(padded[i], mask[i]) for i in range(3)]))
    hint = " (that is the mean of per-sequence perplexities)" if np.isclose(got, per_seq) else ""
    hint_zh = "（这是各条序列困惑度的平均值）" if np.isclose(got, per_seq) else ""
    assert np.isclose(got, want), (
        f"perplexity on a (3, 8) batch with lengths 8, 3, 5 returned {got:.6f}, expected {want:.6f}{hint}",
        f"在长度为 8、3、5 的 (3, 8) 批次上，perplexity 返回 {got:.6f}，应为 {want:.6f}{hint_zh}",
    )


def check_padding_minus_inf(m: ModuleType, ref: ModuleType) -> None:
    """padding that holds -inf does not turn the result into nan or inf
    zh: 填充位置是 -inf 时，结果也不能变成 nan 或 inf"""
    lp, mask = _batch(6)
    padded = np.where(mask, lp, -np.inf)
    got = _scalar(
        m.perplexity(padded, mask), "perplexity(batch with -inf padding, mask)", "perplexity(填充为 -inf 的批次, mask)"
    )
    want = ref.perplexity(padded, mask)
    assert np.isfinite(got), (
        f"perplexity with -inf in the padded positions returned {got}, expected {want:.6f}: select real tokens with logprobs[mask] instead of multiplying by the mask",
        f"填充位置为 -inf 时，perplexity 返回 {got}，应为 {want:.6f}：要用 logprobs[mask] 选出真实 token，而不是乘以 mask",
    )
    assert np.isclose(got, want), (
        f"perplexity with -inf in the padded positions returned {got:.6f}, expected {want:.6f}",
        f"填充位置为 -inf 时，perplexity 返回 {got:.6f}，应为 {want:.6f}",
    )


def check_no_tokens_raises(m: ModuleType, ref: ModuleType) -> None:
    """a mask with no real token raises ValueError
    zh: mask 中没有任何真实 token 时抛出 ValueError"""
    lp = np.full((2, 4), -1.0)
    mask = np.zeros((2, 4), dtype=bool)
    try:
        got = m.perplexity(lp, mask)
    except ValueError:
        return
    raise AssertionError(
        (
            f"perplexity with an all-False mask returned {got!r}, expected it to raise ValueError",
            f"mask 全为 False 时，perplexity 返回了 {got!r}，应当抛出 ValueError",
        )
    )
