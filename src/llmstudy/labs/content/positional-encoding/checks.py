"""Checks for the positional-encoding lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=12)


def _pe(m: ModuleType, T: int, d: int) -> Array:
    return as_array(m.sinusoidal_encoding(T, d), f"sinusoidal_encoding({T}, {d})", (T, d))


def check_position_zero(m: ModuleType, ref: ModuleType) -> None:
    """position 0 is [0, 1, 0, 1, ...] (sin 0 in even columns, cos 0 in odd ones)
    zh: 位置 0 的编码是 [0, 1, 0, 1, ...]（偶数列 sin 0，奇数列 cos 0）"""
    got = _pe(m, 3, 8)
    want = np.tile([0.0, 1.0], 4)
    hint = hint_zh = ""
    if np.allclose(got[0], 1 - want):
        hint = " (sin and cos are swapped: sin goes in the even columns 0, 2, 4, …)"
        hint_zh = "（sin 和 cos 放反了：sin 应放在偶数列 0、2、4、…）"
    elif np.allclose(got[0], np.repeat([0.0, 1.0], 4)):
        hint = (
            " (that puts all the sines first and all the cosines after; interleave them: sin in column 2i, cos in 2i+1)"
        )
        hint_zh = "（这是先放全部 sin、再放全部 cos；应当交错排列：第 2i 列放 sin，第 2i+1 列放 cos）"
    assert np.allclose(got[0], want), (
        f"sinusoidal_encoding(3, 8)[0] is {_fmt(got[0])}; expected {_fmt(want)}{hint}",
        f"sinusoidal_encoding(3, 8)[0] 是 {_fmt(got[0])}，应为 {_fmt(want)}{hint_zh}",
    )


def check_values(m: ModuleType, ref: ModuleType) -> None:
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d))
    zh: PE[pos, 2i] = sin(pos / 10000^(2i/d))，PE[pos, 2i+1] = cos(pos / 10000^(2i/d))"""
    T, d = 50, 16
    got = _pe(m, T, d)
    want = ref.sinusoidal_encoding(T, d)
    if np.allclose(got, want):
        return
    bad = np.argwhere(~np.isclose(got, want))
    pos, col = (int(i) for i in bad[0])
    pos_v = np.arange(T, dtype=np.float64)[:, None]
    j = np.arange(d, dtype=np.float64)[None, :]
    column_index = np.where(j % 2 == 0, np.sin(pos_v / 10000 ** (j / d)), np.cos(pos_v / 10000 ** (j / d)))
    angle = pos_v * 10000 ** (np.arange(0, d, 2, dtype=np.float64)[None, :] / d)
    multiplied = np.zeros((T, d))
    multiplied[:, 0::2], multiplied[:, 1::2] = np.sin(angle), np.cos(angle)
    hint = hint_zh = ""
    if np.allclose(got, multiplied):
        hint = " (that multiplies the position by 10000^(2i/d); divide by it)"
        hint_zh = "（这是把位置乘以 10000^(2i/d)；应当除以它）"
    elif np.allclose(got, column_index):
        hint = " (the odd column 2i+1 must use the same frequency as column 2i: the exponent is 2i/d, not the column index / d)"
        hint_zh = "（奇数列 2i+1 必须与第 2i 列使用相同的频率：指数是 2i/d，而不是列号 / d）"
    raise AssertionError(
        (
            f"sinusoidal_encoding(50, 16)[{pos}, {col}] is {got[pos, col]:.6f}; expected {want[pos, col]:.6f}{hint}",
            f"sinusoidal_encoding(50, 16)[{pos}, {col}] 是 {got[pos, col]:.6f}，应为 {want[pos, col]:.6f}{hint_zh}",
        )
    )


def check_pairs_on_unit_circle(m: ModuleType, ref: ModuleType) -> None:
    """each (sin, cos) pair lies on the unit circle: PE[pos, 2i]² + PE[pos, 2i+1]² = 1
    zh: 每一对 (sin, cos) 都在单位圆上：PE[pos, 2i]² + PE[pos, 2i+1]² = 1"""
    got = _pe(m, 30, 12)
    radius = got[:, 0::2] ** 2 + got[:, 1::2] ** 2
    assert np.allclose(radius, 1.0), (
        f"sinusoidal_encoding(30, 12)[5, 0]² + [5, 1]² = {radius[5, 0]:.4f}; expected 1: "
        "columns 2i and 2i+1 must be sin and cos of the same angle",
        f"sinusoidal_encoding(30, 12)[5, 0]² + [5, 1]² = {radius[5, 0]:.4f}，应为 1："
        "第 2i 列和第 2i+1 列必须是同一个角度的 sin 和 cos",
    )


def check_relative_positions(m: ModuleType, ref: ModuleType) -> None:
    """PE[p] · PE[p + k] depends only on the offset k, not on p
    zh: PE[p] · PE[p + k] 只取决于偏移 k，与 p 无关"""
    pe = _pe(m, 64, 32)
    for k in (1, 5):
        dots = np.array([pe[p] @ pe[p + k] for p in range(0, 64 - k)])
        assert np.allclose(dots, dots[0]), (
            f"PE[p] · PE[p + {k}] should be the same for every p; it is {dots[0]:.4f} at p = 0 and {dots[10]:.4f} at p = 10",
            f"PE[p] · PE[p + {k}] 对所有 p 都应相同；但 p = 0 时是 {dots[0]:.4f}，p = 10 时是 {dots[10]:.4f}",
        )


def check_long_and_wide(m: ModuleType, ref: ModuleType) -> None:
    """works for T = 2048, d_model = 512: finite, in [-1, 1], equal to the reference
    zh: T = 2048、d_model = 512 时也正确：有限、在 [-1, 1] 之间、与参考实现一致"""
    got = _pe(m, 2048, 512)
    want = ref.sinusoidal_encoding(2048, 512)
    assert np.all(np.isfinite(got)) and np.abs(got).max() <= 1.0 + 1e-12, (
        "the encoding has values outside [-1, 1]",
        "编码中有超出 [-1, 1] 的值",
    )
    if not np.allclose(got, want, atol=1e-6):
        pos, col = (int(i) for i in np.argwhere(~np.isclose(got, want, atol=1e-6))[0])
        raise AssertionError(
            (
                f"sinusoidal_encoding(2048, 512)[{pos}, {col}] is {got[pos, col]:.6f}; expected {want[pos, col]:.6f}",
                f"sinusoidal_encoding(2048, 512)[{pos}, {col}] 是 {got[pos, col]:.6f}，应为 {want[pos, col]:.6f}",
            )
        )


def check_add_positional_encoding(m: ModuleType, ref: ModuleType) -> None:
    """add_positional_encoding adds PE[:T] to every sequence of the batch and leaves x unchanged
    zh: add_positional_encoding 给批次中每条序列加上 PE[:T]，且不修改 x"""
    x = np.random.default_rng(1).normal(size=(3, 7, 10))
    keep = x.copy()
    got = as_array(m.add_positional_encoding(x), "add_positional_encoding(x (3, 7, 10))", (3, 7, 10))
    want = ref.add_positional_encoding(keep)
    assert np.array_equal(x, keep), (
        "add_positional_encoding changed x in place (x += pe); return x + pe instead",
        "add_positional_encoding 原地修改了 x（x += pe）；请改为返回 x + pe",
    )
    assert np.allclose(got, want), (
        f"add_positional_encoding(x)[2, 3, :4] is {_fmt(got[2, 3, :4])}; expected x[2, 3, :4] + PE[3, :4] = {_fmt(want[2, 3, :4])}",
        f"add_positional_encoding(x)[2, 3, :4] 是 {_fmt(got[2, 3, :4])}，应为 x[2, 3, :4] + PE[3, :4] = {_fmt(want[2, 3, :4])}",
    )
