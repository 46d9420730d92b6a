"""Checks for the scaled-attention lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=16)


def _attend(
    m: ModuleType, call: str, Q: Array, K: Array, V: Array, mask: object = None, call_zh: str | None = None
) -> tuple[Array, Array]:
    """attention(Q, K, V[, mask]) as (out, weights); ``call`` (``call_zh`` in Chinese) names the call."""
    zh = call_zh or call
    args = (Q.copy(), K.copy(), V.copy()) if mask is None else (Q.copy(), K.copy(), V.copy(), mask)
    result = m.attention(*args)
    assert isinstance(result, tuple) and len(result) == 2, (
        f"{call} returned {type(result).__name__}; expected a tuple (out, weights)",
        f"{zh} 返回的是 {type(result).__name__}；应当返回元组 (out, weights)",
    )
    lead = Q.shape[:-2]
    out = as_array(result[0], f"{call} [out]", (*lead, Q.shape[-2], V.shape[-1]), call_zh=f"{zh} [out]")
    weights = as_array(result[1], f"{call} [weights]", (*lead, Q.shape[-2], K.shape[-2]), call_zh=f"{zh} [weights]")
    return out, weights


def _softmax(s: Array, axis: int = -1) -> Array:
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    out: Array = e / e.sum(axis=axis, keepdims=True)
    return out


def check_causal_mask(m: ModuleType, ref: ModuleType) -> None:
    """causal_mask(T) is True on and below the diagonal (a token sees itself and the past)
    zh: causal_mask(T) 在对角线及其下方为 True（token 能看到自己和过去）"""
    for T in (1, 4):
        got = as_array(m.causal_mask(T), f"causal_mask({T})", (T, T), dtype=np.bool_)
        want = ref.causal_mask(T)
        if not np.array_equal(got, want):
            hint = hint_zh = ""
            if np.array_equal(got, want.T):
                hint = " (that is the upper triangle: it lets a token see the future)"
                hint_zh = "（这是上三角：会让 token 看到未来）"
            elif np.array_equal(got, np.tril(want, -1)):
                hint = " (the diagonal is missing: a token must see itself)"
                hint_zh = "（缺了对角线：token 必须能看到自己）"
            raise AssertionError(
                (
                    f"causal_mask({T}) returned\n{got.astype(int)}\nexpected\n{want.astype(int)}{hint}",
                    f"causal_mask({T}) 返回\n{got.astype(int)}\n应为\n{want.astype(int)}{hint_zh}",
                )
            )


def check_weights_and_output(m: ModuleType, ref: ModuleType) -> None:
    """weights = softmax(Q Kᵀ / √d_k) over the keys and out = weights V
    zh: weights = softmax(Q Kᵀ / √d_k)（在键的维度上），out = weights V"""
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(3, 16)), rng.normal(size=(5, 16)), rng.normal(size=(5, 2))
    out, weights = _attend(m, "attention(Q (3, 16), K (5, 16), V (5, 2))", Q, K, V)
    want_out, want_w = ref.attention(Q, K, V)
    if not np.allclose(weights, want_w):
        hint = hint_zh = ""
        if np.allclose(weights, _softmax(Q @ K.T)):
            hint = " (that is softmax(Q Kᵀ) without dividing by √d_k = 4)"
            hint_zh = "（这是 softmax(Q Kᵀ)，没有除以 √d_k = 4）"
        elif np.allclose(weights, _softmax(Q @ K.T / 16)):
            hint = " (that divides by d_k = 16; divide by √d_k = 4)"
            hint_zh = "（这是除以 d_k = 16；应当除以 √d_k = 4）"
        elif np.allclose(weights, _softmax(Q @ K.T / 4, axis=0)):
            hint = " (the softmax runs over the queries; it must run over the keys, the last axis)"
            hint_zh = "（softmax 是沿查询的方向做的；应当沿键的方向，也就是最后一个维度）"
        raise AssertionError(
            (
                f"attention weights row 0 are {_fmt(weights[0])}; expected {_fmt(want_w[0])}{hint}",
                f"attention 权重的第 0 行是 {_fmt(weights[0])}，应为 {_fmt(want_w[0])}{hint_zh}",
            )
        )
    assert np.allclose(out, want_out), (
        f"attention out row 0 is {_fmt(out[0])}; expected weights @ V = {_fmt(want_out[0])}",
        f"attention 输出 out 的第 0 行是 {_fmt(out[0])}，应为 weights @ V = {_fmt(want_out[0])}",
    )


def check_rows_sum_to_one(m: ModuleType, ref: ModuleType) -> None:
    """each query's weights form a distribution over the keys (>= 0, sum 1)
    zh: 每个查询的权重在所有键上构成概率分布（非负，和为 1）"""
    rng = np.random.default_rng(2)
    Q, K, V = rng.normal(size=(4, 8)), rng.normal(size=(6, 8)), rng.normal(size=(6, 3))
    _out, weights = _attend(m, "attention(Q (4, 8), K (6, 8), V (6, 3))", Q, K, V)
    assert np.all(weights >= 0), (
        f"attention returned negative weights: min {weights.min():.4f}",
        f"attention 返回了负的权重：最小值为 {weights.min():.4f}",
    )
    sums = weights.sum(axis=-1)
    assert np.allclose(sums, 1.0), (
        f"each row of the (4, 6) weights should sum to 1 over the 6 keys; the rows sum to {_fmt(sums)}",
        f"(4, 6) 权重矩阵的每一行在 6 个键上之和都应为 1；实际各行之和是 {_fmt(sums)}",
    )


def check_batched(m: ModuleType, ref: ModuleType) -> None:
    """works with leading batch and head dimensions: shapes (2, 3, Tq, d)
    zh: 支持前置的批次与头维度：形状 (2, 3, Tq, d)"""
    rng = np.random.default_rng(3)
    Q, K, V = rng.normal(size=(2, 3, 4, 8)), rng.normal(size=(2, 3, 5, 8)), rng.normal(size=(2, 3, 5, 6))
    call = "attention(Q (2, 3, 4, 8), K (2, 3, 5, 8), V (2, 3, 5, 6))"
    try:
        out, weights = _attend(m, call, Q, K, V)
    except ValueError as exc:
        raise AssertionError(
            (
                f"{call} raised ValueError: {exc}; with batch dimensions, transpose only the last two axes of K: "
                "np.swapaxes(K, -1, -2), not K.T",
                f"{call} 抛出了 ValueError：{exc}；有批次维度时只能交换 K 的最后两个维度："
                "要用 np.swapaxes(K, -1, -2)，而不是 K.T",
            )
        ) from exc
    want_out, want_w = ref.attention(Q, K, V)
    assert np.allclose(weights, want_w), (
        f"batched attention weights [1, 2, 0] are {_fmt(weights[1, 2, 0])}; expected {_fmt(want_w[1, 2, 0])}",
        f"批量 attention 的权重 [1, 2, 0] 是 {_fmt(weights[1, 2, 0])}，应为 {_fmt(want_w[1, 2, 0])}",
    )
    assert np.allclose(out, want_out), (
        f"batched attention out [1, 2, 0] is {_fmt(out[1, 2, 0])}; expected {_fmt(want_out[1, 2, 0])}",
        f"批量 attention 的输出 [1, 2, 0] 是 {_fmt(out[1, 2, 0])}，应为 {_fmt(want_out[1, 2, 0])}",
    )


def check_causal_masking(m: ModuleType, ref: ModuleType) -> None:
    """with a causal mask, masked weights are exactly 0 and each row still sums to 1
    zh: 使用因果掩码时，被遮住的权重严格为 0，每行之和仍为 1"""
    rng = np.random.default_rng(4)
    T = 5
    Q, K, V = rng.normal(size=(T, 8)), rng.normal(size=(T, 8)), rng.normal(size=(T, 4))
    mask = np.tril(np.ones((T, T), dtype=bool))
    out, weights = _attend(
        m, "attention(Q, K, V, causal mask (5, 5))", Q, K, V, mask, "attention(Q, K, V, 因果掩码 (5, 5))"
    )
    want_out, want_w = ref.attention(Q, K, V, mask)
    future = weights[~mask]
    assert np.all(np.abs(future) < 1e-12), (
        f"with a causal mask, query 0 gives weights {_fmt(weights[0])}; expected {_fmt(want_w[0])}: "
        "positions where mask is False (the future) must get weight 0 (set their scores to -inf before the softmax)",
        f"使用因果掩码时，查询 0 的权重是 {_fmt(weights[0])}，应为 {_fmt(want_w[0])}："
        "mask 为 False 的位置（也就是未来）权重必须为 0（在 softmax 之前把这些位置的分数设为 -inf）",
    )
    sums = weights.sum(axis=-1)
    assert np.allclose(sums, 1.0), (
        f"with a causal mask the rows sum to {_fmt(sums)}; expected 1s (mask the scores before the softmax, "
        "not the weights after it)",
        f"使用因果掩码时，各行之和是 {_fmt(sums)}，应当都是 1（要在 softmax 之前遮住分数，而不是在之后遮住权重）",
    )
    assert np.allclose(weights, want_w) and np.allclose(out, want_out), (
        f"with a causal mask, row 2 of the weights is {_fmt(weights[2])}; expected {_fmt(want_w[2])}",
        f"使用因果掩码时，权重的第 2 行是 {_fmt(weights[2])}，应为 {_fmt(want_w[2])}",
    )


def check_padding_mask_broadcasts(m: ModuleType, ref: ModuleType) -> None:
    """a padding mask of shape (B, 1, Tk) broadcasts over the queries; padded keys change nothing
    zh: 形状 (B, 1, Tk) 的填充掩码对所有查询广播；被填充的键不影响结果"""
    rng = np.random.default_rng(5)
    Q, K, V = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 6, 4)), rng.normal(size=(2, 6, 5))
    mask = np.ones((2, 1, 6), dtype=bool)
    mask[0, 0, 4:] = False
    mask[1, 0, 2:] = False
    out, weights = _attend(m, "attention(Q (2, 3, 4), K (2, 6, 4), V (2, 6, 5), mask (2, 1, 6))", Q, K, V, mask)
    want_out, want_w = ref.attention(Q, K, V, mask)
    assert np.allclose(weights, want_w), (
        f"with keys 2..5 of batch 1 masked, weights[1, 0] are {_fmt(weights[1, 0])}; expected {_fmt(want_w[1, 0])}",
        f"遮住第 1 个样本的第 2..5 个键后，weights[1, 0] 是 {_fmt(weights[1, 0])}，应为 {_fmt(want_w[1, 0])}",
    )
    V2, K2 = V.copy(), K.copy()
    V2[1, 2:] = 1e6
    K2[1, 2:] = -50.0
    out2, _ = _attend(
        m,
        "attention(..., mask (2, 1, 6)) with other values at masked keys",
        Q,
        K2,
        V2,
        mask,
        "attention(..., mask (2, 1, 6))（被遮住的键换成了别的值）",
    )
    assert np.allclose(out2, want_out) and np.allclose(out, want_out), (
        f"changing K and V only at masked keys changed out[1, 0] to {_fmt(out2[1, 0])}; expected {_fmt(want_out[1, 0])}",
        f"只改动被遮住位置的 K 和 V，out[1, 0] 就变成了 {_fmt(out2[1, 0])}，应为 {_fmt(want_out[1, 0])}",
    )


def check_large_scores(m: ModuleType, ref: ModuleType) -> None:
    """large scores (Q and K around 30) give finite weights, no nan
    zh: 分数很大（Q、K 的元素约为 30）时，权重仍然有限，不出现 nan"""
    rng = np.random.default_rng(6)
    Q, K, V = 30 * rng.normal(size=(3, 4)), 30 * rng.normal(size=(4, 4)), rng.normal(size=(4, 2))
    out, weights = _attend(m, "attention(30 * Q, 30 * K, V)", Q, K, V)
    want_out, want_w = ref.attention(Q, K, V)
    assert np.all(np.isfinite(weights)) and np.all(np.isfinite(out)), (
        f"attention with scores in the thousands returned weights {_fmt(weights[0])}; expected {_fmt(want_w[0])} "
        "(subtract the row maximum before exp)",
        f"分数达到几千时，attention 返回的权重是 {_fmt(weights[0])}，应为 {_fmt(want_w[0])}"
        "（求 exp 之前先减去每行的最大值）",
    )
    assert np.allclose(weights, want_w) and np.allclose(out, want_out), (
        f"attention with large scores returned weights {_fmt(weights[0])}; expected {_fmt(want_w[0])}",
        f"分数很大时，attention 返回的权重是 {_fmt(weights[0])}，应为 {_fmt(want_w[0])}",
    )
