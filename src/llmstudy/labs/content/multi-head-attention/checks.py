"""Checks for the multi-head-attention lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=12)


def _weights(seed: int, d_model: int) -> tuple[Array, Array, Array, Array]:
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 1.0 / np.sqrt(d_model), size=(4, d_model, d_model))
    return W[0], W[1], W[2], W[3]


def check_split_heads(m: ModuleType, ref: ModuleType) -> None:
    """split_heads gives (B, H, T, d_head), head h holding features h*d_head to (h+1)*d_head - 1
    zh: split_heads 返回 (B, H, T, d_head)，第 h 个头拿到第 h*d_head 到 (h+1)*d_head - 1 个特征"""
    x = np.arange(2 * 3 * 8, dtype=np.float64).reshape(2, 3, 8)
    got = as_array(m.split_heads(x.copy(), 4), "split_heads(x (2, 3, 8), n_heads=4)", (2, 4, 3, 2))
    want = ref.split_heads(x, 4)
    if not np.array_equal(got, want):
        hint = hint_zh = ""
        if np.array_equal(got, x.reshape(2, 4, 3, 2)):
            hint = " (a plain reshape to (B, H, T, d_head) mixes positions and heads: reshape to (B, T, H, d_head), then swap axes 1 and 2)"
            hint_zh = "（直接 reshape 成 (B, H, T, d_head) 会把位置和头混在一起：先 reshape 成 (B, T, H, d_head)，再交换第 1、2 维）"
        raise AssertionError(
            (
                f"split_heads(x (2, 3, 8) = arange, n_heads=4)[0, 1] (batch 0, head 1) is\n{got[0, 1].astype(int)}\n"
                f"expected features 2-3 of every position:\n{want[0, 1].astype(int)}{hint}",
                f"split_heads(x (2, 3, 8) = arange, n_heads=4)[0, 1]（第 0 个样本、第 1 个头）是\n{got[0, 1].astype(int)}\n"
                f"应为每个位置的第 2-3 个特征：\n{want[0, 1].astype(int)}{hint_zh}",
            )
        )


def check_merge_heads(m: ModuleType, ref: ModuleType) -> None:
    """merge_heads is the exact inverse of split_heads: (B, H, T, d_head) -> (B, T, H*d_head)
    zh: merge_heads 是 split_heads 的逆运算：(B, H, T, d_head) -> (B, T, H*d_head)"""
    rng = np.random.default_rng(1)
    h = rng.normal(size=(2, 3, 5, 4))
    got = as_array(m.merge_heads(h.copy()), "merge_heads(x (2, 3, 5, 4))", (2, 5, 12))
    want = ref.merge_heads(h)
    hint = hint_zh = ""
    if np.allclose(got, h.reshape(2, 5, 12)):
        hint = " (a plain reshape mixes heads and positions: swap axes 1 and 2 back first, then reshape)"
        hint_zh = "（直接 reshape 会把头和位置混在一起：先把第 1、2 维交换回来，再 reshape）"
    assert np.allclose(got, want), (
        f"merge_heads(h)[0, 0] is {_fmt(got[0, 0])}; expected {_fmt(want[0, 0])}{hint}",
        f"merge_heads(h)[0, 0] 是 {_fmt(got[0, 0])}，应为 {_fmt(want[0, 0])}{hint_zh}",
    )
    x = rng.normal(size=(2, 5, 12))
    back = as_array(m.merge_heads(ref.split_heads(x, 3)), "merge_heads(split_heads(x, 3))", (2, 5, 12))
    assert np.allclose(back, x), (
        "merge_heads(split_heads(x, 3)) does not give x back",
        "merge_heads(split_heads(x, 3)) 没有还原出 x",
    )


def check_matches_reference(m: ModuleType, ref: ModuleType) -> None:
    """multi_head_attention matches the reference (B=2, T=5, d_model=12, 3 heads)
    zh: multi_head_attention 与参考实现一致（B=2，T=5，d_model=12，3 个头）"""
    x = np.random.default_rng(2).normal(size=(2, 5, 12))
    W = _weights(3, 12)
    call = "multi_head_attention(x (2, 5, 12), W_q, W_k, W_v, W_o, n_heads=3)"
    got = as_array(m.multi_head_attention(x.copy(), *W, 3), call, (2, 5, 12))
    want = ref.multi_head_attention(x, *W, 3)
    if not np.allclose(got, want):
        hint = hint_zh = ""
        q, k, v = (ref.split_heads(x @ w, 3) for w in W[:3])
        merged = ref.merge_heads(ref.attention(q, k, v))
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(12)
        e = np.exp(scores - scores.max(axis=-1, keepdims=True))
        wide = ref.merge_heads((e / e.sum(axis=-1, keepdims=True)) @ v) @ W[3]
        if np.allclose(got, merged):
            hint = " (the output projection W_o is missing)"
            hint_zh = "（少了输出投影 W_o）"
        elif np.allclose(got, wide):
            hint = " (the scores are divided by √d_model; each head uses √d_head = √4)"
            hint_zh = "（分数除以的是 √d_model；每个头应当除以 √d_head = √4）"
        raise AssertionError(
            (
                f"{call}[0, 0] is {_fmt(got[0, 0])}; expected {_fmt(want[0, 0])}{hint}",
                f"{call}[0, 0] 是 {_fmt(got[0, 0])}，应为 {_fmt(want[0, 0])}{hint_zh}",
            )
        )


def check_one_head_is_plain_attention(m: ModuleType, ref: ModuleType) -> None:
    """with n_heads=1 it is ordinary attention of the projections, followed by W_o
    zh: n_heads=1 时它就是对投影做普通注意力，再乘 W_o"""
    x = np.random.default_rng(4).normal(size=(1, 4, 6))
    W = _weights(5, 6)
    got = as_array(
        m.multi_head_attention(x.copy(), *W, 1), "multi_head_attention(x (1, 4, 6), ..., n_heads=1)", (1, 4, 6)
    )
    want = ref.attention(x @ W[0], x @ W[1], x @ W[2]) @ W[3]
    assert np.allclose(got, want), (
        f"with one head, out[0, 0] is {_fmt(got[0, 0])}; expected attention(xW_q, xW_k, xW_v) W_o = {_fmt(want[0, 0])}",
        f"只有一个头时，out[0, 0] 是 {_fmt(got[0, 0])}，应为 attention(xW_q, xW_k, xW_v) W_o = {_fmt(want[0, 0])}",
    )


def check_causal(m: ModuleType, ref: ModuleType) -> None:
    """causal=True: matches the reference, and no position is affected by later tokens
    zh: causal=True 时与参考实现一致，且任何位置都不受后面 token 的影响"""
    rng = np.random.default_rng(6)
    x = rng.normal(size=(2, 6, 8))
    W = _weights(7, 8)
    call = "multi_head_attention(x (2, 6, 8), ..., n_heads=2, causal=True)"
    got = as_array(m.multi_head_attention(x.copy(), *W, 2, causal=True), call, (2, 6, 8))
    want = ref.multi_head_attention(x, *W, 2, causal=True)
    changed = x.copy()
    changed[:, 3:] = rng.normal(size=(2, 3, 8))
    got2 = as_array(m.multi_head_attention(changed, *W, 2, causal=True), call, (2, 6, 8))
    moved = np.argwhere(~np.isclose(got[:, :3], got2[:, :3]).all(axis=-1))
    if moved.size:
        b, t = (int(i) for i in moved[0])
        raise AssertionError(
            (
                f"with causal=True, changing tokens 3-5 changed the output at position {t} (batch {b}): "
                f"{_fmt(got[b, t, :4])}… became {_fmt(got2[b, t, :4])}…; a position must not see later tokens",
                f"causal=True 时，改变第 3-5 个 token 后，位置 {t}（第 {b} 个样本）的输出从 "
                f"{_fmt(got[b, t, :4])}… 变成了 {_fmt(got2[b, t, :4])}…；一个位置不能看到它后面的 token",
            )
        )
    assert np.allclose(got, want), (
        f"{call}[0, 2] is {_fmt(got[0, 2])}; expected {_fmt(want[0, 2])}",
        f"{call}[0, 2] 是 {_fmt(got[0, 2])}，应为 {_fmt(want[0, 2])}",
    )
    plain = ref.multi_head_attention(x, *W, 2)
    assert not np.allclose(got, plain), (
        "causal=True gave the same result as causal=False",
        "causal=True 与 causal=False 的结果一样",
    )


def check_heads_are_independent(m: ModuleType, ref: ModuleType) -> None:
    """zeroing head 1's query weights changes only what head 1 contributes
    zh: 把第 1 个头的查询权重置零，只改变第 1 个头的贡献"""
    rng = np.random.default_rng(8)
    x = rng.normal(size=(1, 5, 8))
    W_q, W_k, W_v, W_o = _weights(9, 8)
    W_q = W_q.copy()
    W_q[:, 4:] = 0.0
    got = as_array(
        m.multi_head_attention(x.copy(), W_q, W_k, W_v, W_o, 2), "multi_head_attention(..., n_heads=2)", (1, 5, 8)
    )
    want = ref.multi_head_attention(x, W_q, W_k, W_v, W_o, 2)
    assert np.allclose(got, want), (
        f"with head 1's queries zeroed (uniform attention in head 1), out[0, 0] is {_fmt(got[0, 0])}; expected {_fmt(want[0, 0])}",
        f"把第 1 个头的查询置零（第 1 个头的注意力变成均匀分布）后，out[0, 0] 是 {_fmt(got[0, 0])}，应为 {_fmt(want[0, 0])}",
    )
