"""Checks for the layernorm-block lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]


def _close(a: Array, b: Array) -> bool:
    """Loose enough that only check_layer_norm_small_and_constant_rows cares where eps sits."""
    return bool(np.allclose(a, b, rtol=1e-3, atol=1e-3))


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=12)


def _params(seed: int, d: int = 8, d_ff: int = 16) -> dict[str, Array]:
    rng = np.random.default_rng(seed)
    s = 1.0 / np.sqrt(d)
    return {
        "ln1_g": 1.0 + 0.1 * rng.normal(size=d),
        "ln1_b": 0.1 * rng.normal(size=d),
        "W_q": rng.normal(0.0, s, size=(d, d)),
        "W_k": rng.normal(0.0, s, size=(d, d)),
        "W_v": rng.normal(0.0, s, size=(d, d)),
        "W_o": rng.normal(0.0, s, size=(d, d)),
        "ln2_g": 1.0 + 0.1 * rng.normal(size=d),
        "ln2_b": 0.1 * rng.normal(size=d),
        "W1": rng.normal(0.0, s, size=(d, d_ff)),
        "b1": 0.1 * rng.normal(size=d_ff),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(d_ff), size=(d_ff, d)),
        "b2": 0.1 * rng.normal(size=d),
    }


def _ln_variants(x: Array, eps: float = 1e-5) -> dict[tuple[str, str], Array]:
    """What common LayerNorm mistakes give, by their hint (en, zh)."""
    mu = x.mean(axis=-1, keepdims=True)
    return {
        (
            " (that uses the unbiased variance, ddof=1; LayerNorm divides by d: np.var's default)",
            "（这是无偏方差 ddof=1；LayerNorm 要除以 d，也就是 np.var 的默认做法）",
        ): (x - mu) / np.sqrt(x.var(axis=-1, ddof=1, keepdims=True) + eps),
        (
            " (eps belongs inside the square root: sqrt(var + eps), not std + eps)",
            "（eps 应放在平方根里面：sqrt(var + eps)，而不是 std + eps）",
        ): (x - mu) / (x.std(axis=-1, keepdims=True) + eps),
        (
            " (that normalises over the batch, axis 0; LayerNorm normalises each vector over its last axis)",
            "（这是沿批次维 axis 0 归一化的结果；LayerNorm 要对每个向量沿最后一个维度归一化）",
        ): (x - x.mean(axis=0, keepdims=True)) / np.sqrt(x.var(axis=0, keepdims=True) + eps),
    }


def check_layer_norm_normalises(m: ModuleType, ref: ModuleType) -> None:
    """with gamma = 1 and beta = 0, every row comes out with mean 0 and variance 1
    zh: gamma = 1、beta = 0 时，每一行输出的均值为 0、方差为 1"""
    x = np.random.default_rng(1).normal(3.0, 2.0, size=(4, 8))
    got = as_array(m.layer_norm(x.copy(), np.ones(8), np.zeros(8)), "layer_norm(x (4, 8), ones, zeros)", (4, 8))
    want = ref.layer_norm(x, np.ones(8), np.zeros(8))
    if not np.allclose(got, want, atol=1e-6):
        hint, hint_zh = next((h for h, v in _ln_variants(x).items() if np.allclose(got, v, atol=1e-6)), ("", ""))
        raise AssertionError(
            (
                f"layer_norm(x (4, 8), gamma=1, beta=0)[0] is {_fmt(got[0])}; expected {_fmt(want[0])} "
                f"(row means {_fmt(got.mean(axis=-1))}, variances {_fmt(got.var(axis=-1))}){hint}",
                f"layer_norm(x (4, 8), gamma=1, beta=0)[0] 是 {_fmt(got[0])}，应为 {_fmt(want[0])}"
                f"（各行均值为 {_fmt(got.mean(axis=-1))}，方差为 {_fmt(got.var(axis=-1))}）{hint_zh}",
            )
        )


def check_layer_norm_gamma_beta(m: ModuleType, ref: ModuleType) -> None:
    """gamma scales and beta shifts each feature after normalising, on any number of leading axes
    zh: 归一化之后用 gamma 逐特征缩放、beta 逐特征平移，支持任意多个前置维度"""
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 3, 6))
    gamma, beta = rng.normal(size=6), rng.normal(size=6)
    got = as_array(m.layer_norm(x.copy(), gamma, beta), "layer_norm(x (2, 3, 6), gamma, beta)", (2, 3, 6))
    want = ref.layer_norm(x, gamma, beta)
    assert _close(got, want), (
        f"layer_norm(x (2, 3, 6), gamma, beta)[1, 2] is {_fmt(got[1, 2])}; expected {_fmt(want[1, 2])}",
        f"layer_norm(x (2, 3, 6), gamma, beta)[1, 2] 是 {_fmt(got[1, 2])}，应为 {_fmt(want[1, 2])}",
    )


def check_layer_norm_small_and_constant_rows(m: ModuleType, ref: ModuleType) -> None:
    """eps sits inside the square root: tiny-variance rows match, a constant row gives beta (no nan)
    zh: eps 在平方根里面：方差极小的行结果正确，常数行输出 beta（不出现 nan）"""
    rng = np.random.default_rng(3)
    x = 5.0 + 1e-3 * rng.normal(size=(3, 8))
    beta = np.arange(8, dtype=np.float64) / 10
    got = as_array(
        m.layer_norm(x.copy(), np.ones(8), beta),
        "layer_norm(x with std 0.001, ones, beta)",
        (3, 8),
        "layer_norm(标准差为 0.001 的 x, ones, beta)",
    )
    want = ref.layer_norm(x, np.ones(8), beta)
    if not np.allclose(got, want, atol=1e-6):
        hint, hint_zh = next((h for h, v in _ln_variants(x).items() if np.allclose(got, v + beta, atol=1e-6)), ("", ""))
        raise AssertionError(
            (
                f"layer_norm on rows with standard deviation 0.001: row 0 is {_fmt(got[0])}; expected {_fmt(want[0])}{hint}",
                f"对标准差为 0.001 的行做 layer_norm：第 0 行是 {_fmt(got[0])}，应为 {_fmt(want[0])}{hint_zh}",
            )
        )
    const = np.full((1, 8), 7.0)
    got = as_array(
        m.layer_norm(const, np.ones(8), beta),
        "layer_norm(a constant row, ones, beta)",
        (1, 8),
        "layer_norm(常数行, ones, beta)",
    )
    assert np.all(np.isfinite(got)) and np.allclose(got[0], beta), (
        f"layer_norm of a constant row returned {_fmt(got[0])}; expected beta = {_fmt(beta)} (eps keeps it from dividing by 0)",
        f"对常数行做 layer_norm 返回 {_fmt(got[0])}，应为 beta = {_fmt(beta)}（有 eps 才不会除以 0）",
    )


def check_feed_forward(m: ModuleType, ref: ModuleType) -> None:
    """feed_forward is gelu(x W1 + b1) W2 + b2, position by position
    zh: feed_forward 在每个位置上计算 gelu(x W1 + b1) W2 + b2"""
    p = _params(4)
    x = np.random.default_rng(5).normal(size=(2, 3, 8))
    call = "feed_forward(x (2, 3, 8), W1 (8, 16), b1, W2 (16, 8), b2)"
    got = as_array(m.feed_forward(x.copy(), p["W1"], p["b1"], p["W2"], p["b2"]), call, (2, 3, 8))
    want = ref.feed_forward(x, p["W1"], p["b1"], p["W2"], p["b2"])
    assert _close(got, want), (
        f"{call}[0, 0] is {_fmt(got[0, 0])}; expected {_fmt(want[0, 0])}",
        f"{call}[0, 0] 是 {_fmt(got[0, 0])}，应为 {_fmt(want[0, 0])}",
    )


def check_block_matches_reference(m: ModuleType, ref: ModuleType) -> None:
    """transformer_block is pre-LN: h = x + attn(LN1(x)), out = h + FFN(LN2(h))
    zh: transformer_block 是 Pre-LN 结构：h = x + attn(LN1(x))，out = h + FFN(LN2(h))"""
    p = _params(6)
    x = np.random.default_rng(7).normal(size=(2, 5, 8))
    call = "transformer_block(x (2, 5, 8), p, n_heads=2)"
    got = as_array(m.transformer_block(x.copy(), {k: v.copy() for k, v in p.items()}, 2), call, (2, 5, 8))
    want = ref.transformer_block(x, p, 2)
    if _close(got, want):
        return

    def attn(z: Array) -> Array:
        out: Array = ref.causal_self_attention(z, p["W_q"], p["W_k"], p["W_v"], p["W_o"], 2)
        return out

    def ffn(z: Array) -> Array:
        out: Array = ref.feed_forward(z, p["W1"], p["b1"], p["W2"], p["b2"])
        return out

    def ln1(z: Array) -> Array:
        out: Array = ref.layer_norm(z, p["ln1_g"], p["ln1_b"])
        return out

    def ln2(z: Array) -> Array:
        out: Array = ref.layer_norm(z, p["ln2_g"], p["ln2_b"])
        return out

    h_post = ln1(x + attn(x))
    h = x + attn(ln1(x))
    variants = {
        (
            " (that is the post-LN block of the original paper, LN(x + sublayer(x)); this lab asks for pre-LN, x + sublayer(LN(x)))",
            "（这是原论文的 Post-LN 结构 LN(x + sublayer(x))；本实验要求 Pre-LN：x + sublayer(LN(x))）",
        ): ln2(h_post + ffn(h_post)),
        (
            " (the residual connection around the attention is missing)",
            "（注意力子层外面少了残差连接）",
        ): (lambda a: a + ffn(ln2(a)))(attn(ln1(x))),
        (
            " (the residual connection around the feed-forward network is missing)",
            "（前馈网络外面少了残差连接）",
        ): ffn(ln2(h)),
        (
            " (the feed-forward network reads LN2(x) instead of LN2(h))",
            "（前馈网络的输入用了 LN2(x)，应当是 LN2(h)）",
        ): h + ffn(ln2(x)),
    }
    hint, hint_zh = next((k for k, v in variants.items() if _close(got, v)), ("", ""))
    raise AssertionError(
        (
            f"{call}[0, 0] is {_fmt(got[0, 0])}; expected {_fmt(want[0, 0])}{hint}",
            f"{call}[0, 0] 是 {_fmt(got[0, 0])}，应为 {_fmt(want[0, 0])}{hint_zh}",
        )
    )


def check_block_is_causal(m: ModuleType, ref: ModuleType) -> None:
    """the block keeps the shape (B, T, d) and never lets a position see later ones
    zh: 模块保持形状 (B, T, d)，任何位置都看不到后面的位置"""
    p = _params(8, d=12, d_ff=24)
    rng = np.random.default_rng(9)
    x = rng.normal(size=(1, 6, 12))
    a = as_array(m.transformer_block(x.copy(), p, 3), "transformer_block(x (1, 6, 12), p, n_heads=3)", (1, 6, 12))
    y = x.copy()
    y[0, 4:] = rng.normal(size=(2, 12))
    b = as_array(m.transformer_block(y, p, 3), "transformer_block(x (1, 6, 12), p, n_heads=3)", (1, 6, 12))
    assert _close(a[0, :4], b[0, :4]), (
        "changing tokens 4 and 5 changed the block's output at earlier positions",
        "改变第 4、5 个 token 后，模块在前面位置上的输出也变了",
    )
    want = ref.transformer_block(x, p, 3)
    assert _close(a, want), (
        f"transformer_block with d=12, 3 heads: out[0, 5] is {_fmt(a[0, 5])}; expected {_fmt(want[0, 5])}",
        f"d=12、3 个头的 transformer_block：out[0, 5] 是 {_fmt(a[0, 5])}，应为 {_fmt(want[0, 5])}",
    )
