"""Checks for the LoRA lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def _setup(seed: int, n: int, d_in: int, d_out: int, r: int) -> tuple[Array, Array, Array, Array]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d_in))
    W = rng.normal(size=(d_out, d_in))
    A = rng.normal(size=(r, d_in))
    B = rng.normal(size=(d_out, r))
    return x, W, A, B


def _diagnose(got: Array, x: Array, W: Array, A: Array, B: Array, alpha: float) -> tuple[str, str]:
    """A hint (en, zh) when ``got`` is what a common mistake gives, else empty texts."""
    base = x @ W.T
    low = (x @ A.T) @ B.T
    r = A.shape[0]
    if np.allclose(got, base):
        return " (that is the base output alone: add the low-rank path)", "（这只是原模型的输出：还要加上低秩路径）"
    if np.allclose(got, base + low):
        return " (the low-rank path is not scaled by alpha / r)", "（低秩路径没有乘以 alpha / r）"
    if np.allclose(got, base + alpha * low):
        return " (scaled by alpha instead of alpha / r)", "（乘的是 alpha，应当乘 alpha / r）"
    if A.shape[1] != r and np.allclose(got, base + alpha / A.shape[1] * low):
        return (
            f" (scaled by alpha / {A.shape[1]}: r is A.shape[0] = {r}, not d_in)",
            f"（乘的是 alpha / {A.shape[1]}：r 是 A.shape[0] = {r}，不是 d_in）",
        )
    return "", ""


def check_init_shapes(m: ModuleType, ref: ModuleType) -> None:
    """init_lora returns a random A of shape (r, d_in) and an all-zero B of shape (d_out, r)
    zh: init_lora 返回形状 (r, d_in) 的随机 A 和形状 (d_out, r) 的全零 B"""
    A, B = m.init_lora(12, 5, 3, np.random.default_rng(0))
    A, B = np.asarray(A), np.asarray(B)
    assert A.shape == (3, 12), (
        f"init_lora(d_in=12, d_out=5, r=3) returned A of shape {A.shape}, expected (3, 12)",
        f"init_lora(d_in=12, d_out=5, r=3) 返回的 A 形状是 {A.shape}，应为 (3, 12)",
    )
    assert B.shape == (5, 3), (
        f"init_lora(d_in=12, d_out=5, r=3) returned B of shape {B.shape}, expected (5, 3)",
        f"init_lora(d_in=12, d_out=5, r=3) 返回的 B 形状是 {B.shape}，应为 (5, 3)",
    )
    assert np.all(B == 0), (
        f"init_lora returned a B with {int(np.count_nonzero(B))} non-zero entries, expected all zeros",
        f"init_lora 返回的 B 中有 {int(np.count_nonzero(B))} 个非零元素，应当全为 0",
    )
    assert np.all(np.isfinite(A)) and np.count_nonzero(A) == A.size, (
        "init_lora returned an A with zeros or non-finite values, expected random normal entries",
        "init_lora 返回的 A 中有 0 或非有限值，应当全是服从正态分布的随机数",
    )
    assert 0.05 < float(A.std()) < 0.8, (
        f"init_lora(d_in=12, ...) returned an A with standard deviation {float(A.std()):.3f}, expected about 1/sqrt(12) = 0.289",
        f"init_lora(d_in=12, ...) 返回的 A 标准差为 {float(A.std()):.3f}，应约为 1/sqrt(12) = 0.289",
    )


def check_zero_b_is_base_model(m: ModuleType, ref: ModuleType) -> None:
    """with B = 0 from init_lora, lora_forward equals the base output x W^T
    zh: 用 init_lora 得到的 B = 0 时，lora_forward 等于原模型输出 x Wᵀ"""
    x, W, _A, _B = _setup(1, 4, 10, 6, 2)
    A, B = m.init_lora(10, 6, 2, np.random.default_rng(1))
    got = np.asarray(m.lora_forward(x, W, A, B, 16.0))
    want = x @ W.T
    assert got.shape == want.shape, (
        f"lora_forward on x (4, 10), W (6, 10) returned shape {got.shape}, expected {want.shape}",
        f"x 为 (4, 10)、W 为 (6, 10) 时，lora_forward 返回的形状是 {got.shape}，应为 {want.shape}",
    )
    assert np.allclose(got, want), (
        f"lora_forward with B = 0 returned row 0 {got[0].round(4).tolist()}, expected the base output {want[0].round(4).tolist()}",
        f"B = 0 时 lora_forward 的第 0 行是 {got[0].round(4).tolist()}，应为原模型的输出 {want[0].round(4).tolist()}",
    )


def check_forward_square(m: ModuleType, ref: ModuleType) -> None:
    """lora_forward with d_in = d_out = 8, r = 2, alpha = 16
    zh: d_in = d_out = 8、r = 2、alpha = 16 时的 lora_forward"""
    x, W, A, B = _setup(2, 5, 8, 8, 2)
    got = np.asarray(m.lora_forward(x, W, A, B, 16.0))
    want = ref.lora_forward(x, W, A, B, 16.0)
    assert got.shape == want.shape, (
        f"lora_forward on x (5, 8), W (8, 8), r=2 returned shape {got.shape}, expected {want.shape}",
        f"x 为 (5, 8)、W 为 (8, 8)、r=2 时，lora_forward 返回的形状是 {got.shape}，应为 {want.shape}",
    )
    assert np.allclose(got, want), (
        f"lora_forward(x (5, 8), W (8, 8), A (2, 8), B (8, 2), alpha=16) returned row 0 {got[0].round(3).tolist()}, "
        f"expected {want[0].round(3).tolist()}{_diagnose(got, x, W, A, B, 16.0)[0]}",
        f"lora_forward(x (5, 8), W (8, 8), A (2, 8), B (8, 2), alpha=16) 的第 0 行是 {got[0].round(3).tolist()}，"
        f"应为 {want[0].round(3).tolist()}{_diagnose(got, x, W, A, B, 16.0)[1]}",
    )


def check_forward_rectangular(m: ModuleType, ref: ModuleType) -> None:
    """lora_forward with d_in = 12, d_out = 5, r = 3, alpha = 6 (transposes must be right)
    zh: d_in = 12、d_out = 5、r = 3、alpha = 6 时的 lora_forward（转置必须正确）"""
    x, W, A, B = _setup(3, 4, 12, 5, 3)
    got = np.asarray(m.lora_forward(x, W, A, B, 6.0))
    want = ref.lora_forward(x, W, A, B, 6.0)
    assert got.shape == want.shape, (
        f"lora_forward on x (4, 12), W (5, 12), A (3, 12), B (5, 3) returned shape {got.shape}, expected {want.shape}",
        f"x 为 (4, 12)、W 为 (5, 12)、A 为 (3, 12)、B 为 (5, 3) 时，lora_forward 返回的形状是 {got.shape}，应为 {want.shape}",
    )
    assert np.allclose(got, want), (
        f"lora_forward(x (4, 12), W (5, 12), A (3, 12), B (5, 3), alpha=6) returned row 0 {got[0].round(3).tolist()}, "
        f"expected {want[0].round(3).tolist()}{_diagnose(got, x, W, A, B, 6.0)[0]}",
        f"lora_forward(x (4, 12), W (5, 12), A (3, 12), B (5, 3), alpha=6) 的第 0 行是 {got[0].round(3).tolist()}，"
        f"应为 {want[0].round(3).tolist()}{_diagnose(got, x, W, A, B, 6.0)[1]}",
    )


def check_forward_single_vector(m: ModuleType, ref: ModuleType) -> None:
    """lora_forward accepts a single vector x of shape (d_in,)
    zh: lora_forward 也接受形状为 (d_in,) 的单个向量 x"""
    x, W, A, B = _setup(4, 1, 7, 3, 2)
    v = x[0]
    got = np.asarray(m.lora_forward(v, W, A, B, 4.0))
    want = ref.lora_forward(v, W, A, B, 4.0)
    assert got.shape == want.shape and np.allclose(got, want), (
        f"lora_forward on x of shape (7,) returned {got.round(3).tolist()} (shape {got.shape}), expected {want.round(3).tolist()} (shape {want.shape})",
        f"x 的形状为 (7,) 时，lora_forward 返回 {got.round(3).tolist()}（形状 {got.shape}），应为 {want.round(3).tolist()}（形状 {want.shape}）",
    )


def check_merge(m: ModuleType, ref: ModuleType) -> None:
    """lora_merge returns W + (alpha / r) B A, square and rectangular
    zh: lora_merge 返回 W + (alpha / r) B A，方阵与非方阵都要对"""
    for seed, d_in, d_out, r, alpha in ((5, 8, 8, 2, 16.0), (6, 12, 5, 3, 6.0)):
        _x, W, A, B = _setup(seed, 1, d_in, d_out, r)
        want = ref.lora_merge(W, A, B, alpha)
        got = np.asarray(m.lora_merge(W.copy(), A, B, alpha))
        assert got.shape == want.shape, (
            f"lora_merge with W ({d_out}, {d_in}), r={r} returned shape {got.shape}, expected {want.shape}",
            f"W 为 ({d_out}, {d_in})、r={r} 时，lora_merge 返回的形状是 {got.shape}，应为 {want.shape}",
        )
        hint = hint_zh = ""
        if np.allclose(got, W + B @ A):
            hint = " (B A is not scaled by alpha / r)"
            hint_zh = "（B A 没有乘以 alpha / r）"
        elif d_in == d_out and np.allclose(got, W + alpha / r * (B @ A).T):
            hint = " (that adds (B A)^T: W has shape (d_out, d_in), so the update is B @ A)"
            hint_zh = "（这里加的是 (B A)^T：W 的形状是 (d_out, d_in)，所以增量应是 B @ A）"
        assert np.allclose(got, want), (
            f"lora_merge(W ({d_out}, {d_in}), r={r}, alpha={alpha:g}) returned W'[0, :4] = {got[0, :4].round(3).tolist()}, "
            f"expected {want[0, :4].round(3).tolist()}{hint}",
            f"lora_merge(W ({d_out}, {d_in}), r={r}, alpha={alpha:g}) 返回的 W'[0, :4] = {got[0, :4].round(3).tolist()}，"
            f"应为 {want[0, :4].round(3).tolist()}{hint_zh}",
        )


def check_merge_leaves_w_alone(m: ModuleType, ref: ModuleType) -> None:
    """lora_merge does not modify the W, A or B passed in
    zh: lora_merge 不修改传入的 W、A、B"""
    _x, W, A, B = _setup(7, 1, 6, 4, 2)
    W0, A0, B0 = W.copy(), A.copy(), B.copy()
    m.lora_merge(W, A, B, 8.0)
    assert np.array_equal(W, W0), (
        "lora_merge changed the W passed in (W += ... works in place): return W + ... instead",
        "lora_merge 修改了传入的 W（W += ... 是原地修改）：请改为返回 W + ...",
    )
    assert np.array_equal(A, A0) and np.array_equal(B, B0), (
        "lora_merge changed the A or B passed in",
        "lora_merge 修改了传入的 A 或 B",
    )


def check_merged_equals_adapter(m: ModuleType, ref: ModuleType) -> None:
    """the merged weight gives the same output as the adapter path: x W'^T == lora_forward(x, ...)
    zh: 合并后的权重与适配器路径输出相同：x W'ᵀ == lora_forward(x, ...)"""
    x, W, A, B = _setup(8, 6, 9, 7, 4)
    merged = np.asarray(m.lora_merge(W.copy(), A, B, 8.0))
    via_merge = x @ merged.T
    via_adapter = np.asarray(m.lora_forward(x, W, A, B, 8.0))
    assert np.allclose(via_merge, via_adapter), (
        f"x @ lora_merge(...).T gave row 0 {via_merge[0].round(3).tolist()}, but lora_forward gave {via_adapter[0].round(3).tolist()}: "
        "the two must agree (same scale alpha / r, same orientation)",
        f"x @ lora_merge(...).T 的第 0 行是 {via_merge[0].round(3).tolist()}，而 lora_forward 给出 {via_adapter[0].round(3).tolist()}："
        "两者必须一致（缩放系数同为 alpha / r，矩阵方向也相同）",
    )
