"""Checks for the softmax-ce lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]


def _scalar(value: object, call: str) -> float:
    assert isinstance(value, float | int | np.floating | np.integer) and not isinstance(value, bool), (
        f"{call} returned {type(value).__name__} {value!r}; expected a single float",
        f"{call} 返回的是 {type(value).__name__} {value!r}；应当返回单个浮点数",
    )
    return float(value)


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=12)


def check_softmax_values(m: ModuleType, ref: ModuleType) -> None:
    """softmax matches exp(z) / sum(exp(z)) on random rows
    zh: softmax 在随机输入上等于 exp(z) / sum(exp(z))"""
    z = np.random.default_rng(1).normal(0.0, 2.0, size=(4, 6))
    got = as_array(m.softmax(z.copy()), "softmax(z of shape (4, 6))", (4, 6), "softmax(形状为 (4, 6) 的 z)")
    want = ref.softmax(z)
    assert np.allclose(got, want), (
        f"softmax(z)[0] for z[0] = {_fmt(z[0])} returned {_fmt(got[0])}; expected {_fmt(want[0])}",
        f"z[0] = {_fmt(z[0])} 时，softmax(z)[0] 返回 {_fmt(got[0])}，应为 {_fmt(want[0])}",
    )


def check_softmax_rows_sum_to_one(m: ModuleType, ref: ModuleType) -> None:
    """every row of softmax is a probability distribution (>= 0, sums to 1)
    zh: softmax 的每一行都是概率分布（非负，和为 1）"""
    z = np.random.default_rng(2).normal(0.0, 3.0, size=(5, 3))
    got = as_array(m.softmax(z.copy()), "softmax(z of shape (5, 3))", (5, 3), "softmax(形状为 (5, 3) 的 z)")
    sums = got.sum(axis=-1)
    assert np.all(got >= 0), (
        f"softmax returned negative entries: {_fmt(got.min())}",
        f"softmax 返回了负数：{_fmt(got.min())}",
    )
    assert np.allclose(sums, 1.0), (
        f"rows of softmax(z of shape (5, 3)) sum to {_fmt(sums)}; expected all 1 (normalise each row, along the last axis)",
        f"softmax(形状为 (5, 3) 的 z) 各行之和是 {_fmt(sums)}，应当全为 1（沿最后一个维度对每一行归一化）",
    )


def check_softmax_stable(m: ModuleType, ref: ModuleType) -> None:
    """softmax survives huge and very negative inputs without nan or inf
    zh: 输入很大或很负时 softmax 也不出现 nan 或 inf"""
    cases = [
        np.array([1000.0, 1000.0]),
        np.array([1000.0, 0.0, -1000.0]),
        np.array([-1000.0, -1000.0, -1001.0]),
        np.array([1e4, 1e4 - 1.0]),
    ]
    for z in cases:
        got = as_array(m.softmax(z.copy()), f"softmax({_fmt(z)})", z.shape)
        want = ref.softmax(z)
        assert np.all(np.isfinite(got)), (
            f"softmax({_fmt(z)}) returned {_fmt(got)}; expected {_fmt(want)} (subtract the maximum before exp)",
            f"softmax({_fmt(z)}) 返回 {_fmt(got)}，应为 {_fmt(want)}（求 exp 之前先减去最大值）",
        )
        assert np.allclose(got, want), (
            f"softmax({_fmt(z)}) returned {_fmt(got)}; expected {_fmt(want)}",
            f"softmax({_fmt(z)}) 返回 {_fmt(got)}，应为 {_fmt(want)}",
        )


def check_softmax_axis(m: ModuleType, ref: ModuleType) -> None:
    """softmax normalises along the axis it is given (default: the last one)
    zh: softmax 沿给定的轴归一化（默认最后一个轴）"""
    z = np.random.default_rng(3).normal(size=(2, 3, 4))
    got = as_array(m.softmax(z.copy()), "softmax(z of shape (2, 3, 4))", (2, 3, 4), "softmax(形状为 (2, 3, 4) 的 z)")
    assert np.allclose(got.sum(axis=-1), 1.0), (
        f"softmax(z of shape (2, 3, 4)) summed over the last axis gives {_fmt(got.sum(axis=-1)[0])}; expected 1s",
        f"softmax(形状为 (2, 3, 4) 的 z) 沿最后一个维度求和得到 {_fmt(got.sum(axis=-1)[0])}，应当全为 1",
    )
    got0 = as_array(
        m.softmax(z[0].copy(), axis=0),
        "softmax(z of shape (3, 4), axis=0)",
        (3, 4),
        "softmax(形状为 (3, 4) 的 z, axis=0)",
    )
    want0 = ref.softmax(z[0], axis=0)
    assert np.allclose(got0, want0), (
        f"softmax(z of shape (3, 4), axis=0) columns sum to {_fmt(got0.sum(axis=0))}; expected each column to sum to 1",
        f"softmax(形状为 (3, 4) 的 z, axis=0) 各列之和是 {_fmt(got0.sum(axis=0))}，每一列之和都应为 1",
    )


def check_log_softmax(m: ModuleType, ref: ModuleType) -> None:
    """log_softmax matches log(softmax) and stays finite where softmax underflows to 0
    zh: log_softmax 等于 log(softmax)，在 softmax 下溢为 0 的地方也保持有限"""
    z = np.random.default_rng(4).normal(0.0, 2.0, size=(3, 5))
    got = as_array(m.log_softmax(z.copy()), "log_softmax(z of shape (3, 5))", (3, 5), "log_softmax(形状为 (3, 5) 的 z)")
    want = ref.log_softmax(z)
    assert np.allclose(got, want), (
        f"log_softmax(z)[0] returned {_fmt(got[0])}; expected {_fmt(want[0])}",
        f"log_softmax(z)[0] 返回 {_fmt(got[0])}，应为 {_fmt(want[0])}",
    )
    far = np.array([0.0, -1000.0, 1000.0])
    got = as_array(m.log_softmax(far.copy()), f"log_softmax({_fmt(far)})", (3,))
    want = ref.log_softmax(far)
    assert np.all(np.isfinite(got)) and np.allclose(got, want), (
        f"log_softmax({_fmt(far)}) returned {_fmt(got)}; expected {_fmt(want)} "
        "(log(softmax(z)) gives -inf; use z - max - log(sum(exp(z - max))))",
        f"log_softmax({_fmt(far)}) 返回 {_fmt(got)}，应为 {_fmt(want)}"
        "（log(softmax(z)) 在这里会得到 -inf；应当用 z - max - log(sum(exp(z - max)))）",
    )


def check_cross_entropy(m: ModuleType, ref: ModuleType) -> None:
    """cross_entropy is the mean of -log p(target); uniform logits over C classes give log C
    zh: cross_entropy 是 -log p(目标) 的平均值；C 类均匀 logits 的损失等于 log C"""
    uniform = _scalar(
        m.cross_entropy(np.zeros((3, 10)), np.array([0, 4, 9])), "cross_entropy(zeros (3, 10), [0, 4, 9])"
    )
    summed = np.isclose(uniform, 3 * np.log(10.0))
    hint = " (that is the sum over the 3 rows; take the mean)" if summed else ""
    hint_zh = "（这是 3 行的总和；应当取平均）" if summed else ""
    assert np.isclose(uniform, np.log(10.0)), (
        f"cross_entropy(all-zero logits over 10 classes) returned {uniform:.6f}; expected log 10 = {np.log(10.0):.6f}{hint}",
        f"cross_entropy(10 个类别、logits 全为 0) 返回 {uniform:.6f}，应为 log 10 = {np.log(10.0):.6f}{hint_zh}",
    )
    rng = np.random.default_rng(5)
    logits = rng.normal(0.0, 2.0, size=(6, 4))
    targets = rng.integers(0, 4, size=6)
    got = _scalar(m.cross_entropy(logits.copy(), targets.copy()), "cross_entropy(logits (6, 4), targets (6,))")
    want = ref.cross_entropy(logits, targets)
    hint = hint_zh = ""
    if np.isclose(got, 6 * want):
        hint = " (that is the sum; take the mean over the 6 rows)"
        hint_zh = "（这是总和；应当对 6 行取平均）"
    elif np.isclose(got, -want):
        hint = " (the sign is flipped: the loss is the negative log-probability)"
        hint_zh = "（符号反了：损失是负的对数概率）"
    assert np.isclose(got, want), (
        f"cross_entropy on 6 random rows of 4 classes returned {got:.6f}; expected {want:.6f}{hint}",
        f"在 6 行随机数据（4 个类别）上，cross_entropy 返回 {got:.6f}，应为 {want:.6f}{hint_zh}",
    )


def check_cross_entropy_stable(m: ModuleType, ref: ModuleType) -> None:
    """cross_entropy stays finite and exact when the wrong class has a huge logit
    zh: 错误类别的 logit 很大时，cross_entropy 仍然有限且准确"""
    logits = np.array([[1000.0, 0.0], [0.0, 800.0]])
    targets = np.array([1, 0])
    got = _scalar(m.cross_entropy(logits.copy(), targets), "cross_entropy([[1000, 0], [0, 800]], [1, 0])")
    hint = " (use log_softmax, not log(softmax), which is log 0 = -inf here)" if not np.isfinite(got) else ""
    hint_zh = "（要用 log_softmax，而不是 log(softmax)，后者在这里会算出 log 0 = -inf）" if not np.isfinite(got) else ""
    assert np.isclose(got, 900.0), (
        f"cross_entropy([[1000, 0], [0, 800]], targets [1, 0]) returned {got}; expected 900.0, the mean of 1000 and 800{hint}",
        f"cross_entropy([[1000, 0], [0, 800]], targets [1, 0]) 返回 {got}，应为 900.0，即 1000 和 800 的平均值{hint_zh}",
    )


def check_cross_entropy_grad(m: ModuleType, ref: ModuleType) -> None:
    """cross_entropy_grad is (softmax - one_hot) / N and agrees with finite differences
    zh: cross_entropy_grad 等于 (softmax - one_hot) / N，并与有限差分一致"""
    rng = np.random.default_rng(6)
    logits = rng.normal(size=(5, 3))
    targets = rng.integers(0, 3, size=5)
    got = as_array(
        m.cross_entropy_grad(logits.copy(), targets.copy()), "cross_entropy_grad(logits (5, 3), targets)", (5, 3)
    )
    eps = 1e-6
    numeric = np.zeros_like(logits)
    for idx in np.ndindex(logits.shape):
        plus, minus = logits.copy(), logits.copy()
        plus[idx] += eps
        minus[idx] -= eps
        numeric[idx] = (ref.cross_entropy(plus, targets) - ref.cross_entropy(minus, targets)) / (2 * eps)
    hint = hint_zh = ""
    if np.allclose(got, 5 * numeric, atol=1e-6):
        hint = " (5 times too large: divide by N, the loss is a mean)"
        hint_zh = "（大了 5 倍：要除以 N，因为损失是平均值）"
    elif np.allclose(got, -numeric, atol=1e-6):
        hint = " (the sign is flipped: softmax minus one-hot, not the other way round)"
        hint_zh = "（符号反了：应当是 softmax 减去 one-hot，而不是反过来）"
    assert np.allclose(got, numeric, atol=1e-6), (
        f"cross_entropy_grad row 0 (target {targets[0]}) returned {_fmt(got[0])}; "
        f"finite differences give {_fmt(numeric[0])}{hint}",
        f"cross_entropy_grad 的第 0 行（目标为 {targets[0]}）返回 {_fmt(got[0])}；"
        f"有限差分给出的是 {_fmt(numeric[0])}{hint_zh}",
    )
    assert np.allclose(got.sum(axis=-1), 0.0, atol=1e-9), (
        "each row of the gradient should sum to 0",
        "梯度的每一行之和都应为 0",
    )


def check_inputs_untouched(m: ModuleType, ref: ModuleType) -> None:
    """the functions do not modify the arrays they are given
    zh: 这些函数不修改传入的数组"""
    rng = np.random.default_rng(7)
    logits = rng.normal(size=(4, 3))
    targets = rng.integers(0, 3, size=4)
    keep = logits.copy()
    for call in ("softmax", "log_softmax"):
        getattr(m, call)(logits)
        assert np.array_equal(logits, keep), (
            f"{call}(z) changed z in place; compute into a new array (z = z - max is fine, z -= max is not)",
            f"{call}(z) 原地修改了 z；要把结果算到新数组里（z = z - max 可以，z -= max 不行）",
        )
    m.cross_entropy(logits, targets)
    m.cross_entropy_grad(logits, targets)
    assert np.array_equal(logits, keep), (
        "cross_entropy or cross_entropy_grad changed the logits in place",
        "cross_entropy 或 cross_entropy_grad 原地修改了 logits",
    )
