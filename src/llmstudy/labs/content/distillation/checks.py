"""Checks for the distillation lab: m is the learner's module, ref the reference solution."""

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


def _case(
    seed: int, b: int = 6, c: int = 5
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    rng = np.random.default_rng(seed)
    student = rng.normal(0.0, 2.0, size=(b, c))
    teacher = rng.normal(0.0, 3.0, size=(b, c))
    labels = rng.integers(0, c, size=b)
    return student, teacher, labels


def check_softmax_temperature(m: ModuleType, ref: ModuleType) -> None:
    """softmax_with_temperature matches softmax(logits / T) for T = 1, 2 and 10
    zh: T = 1、2、10 时 softmax_with_temperature 等于 softmax(logits / T)"""
    logits = np.random.default_rng(1).normal(0.0, 3.0, size=(4, 6))
    for T in (1.0, 2.0, 10.0):
        got = np.asarray(m.softmax_with_temperature(logits, T), dtype=np.float64)
        want = ref.softmax_with_temperature(logits, T)
        assert got.shape == want.shape, (
            f"softmax_with_temperature on (4, 6) logits returned shape {got.shape}, expected {want.shape}",
            f"对形状为 (4, 6) 的 logits，softmax_with_temperature 返回的形状是 {got.shape}，应为 {want.shape}",
        )
        assert np.allclose(got, want), (
            f"softmax_with_temperature(logits, T={T}) row 0 returned {got[0].round(4).tolist()}, expected {want[0].round(4).tolist()}",
            f"softmax_with_temperature(logits, T={T}) 的第 0 行是 {got[0].round(4).tolist()}，应为 {want[0].round(4).tolist()}",
        )


def check_softmax_stable(m: ModuleType, ref: ModuleType) -> None:
    """softmax_with_temperature stays finite for logits around 1000 and T = 0.5
    zh: logits 在 1000 左右、T = 0.5 时 softmax_with_temperature 仍然有限"""
    logits = np.array([[1000.0, 998.0, 990.0], [-1000.0, -1003.0, -999.0]])
    got = np.asarray(m.softmax_with_temperature(logits, 0.5), dtype=np.float64)
    want = ref.softmax_with_temperature(logits, 0.5)
    assert np.all(np.isfinite(got)) and np.allclose(got, want), (
        f"softmax_with_temperature([[1000, 998, 990], [-1000, -1003, -999]], T=0.5) returned {got.round(4).tolist()}, "
        f"expected {want.round(4).tolist()}: subtract the row maximum before exp",
        f"softmax_with_temperature([[1000, 998, 990], [-1000, -1003, -999]], T=0.5) 返回 {got.round(4).tolist()}，"
        f"应为 {want.round(4).tolist()}：求 exp 之前先减去每行的最大值",
    )


def check_hard_only(m: ModuleType, ref: ModuleType) -> None:
    """alpha = 0 leaves only the hard-label cross-entropy, computed at temperature 1
    zh: alpha = 0 时只剩硬标签交叉熵，温度为 1"""
    s, t, y = _case(2)
    got = _scalar(m.distillation_loss(s, t, y, T=4.0, alpha=0.0), "distillation_loss(alpha=0)")
    want = ref.distillation_loss(s, t, y, T=4.0, alpha=0.0)
    hint = hint_zh = ""
    if np.isclose(got, ref.distillation_loss(s, t, y, T=4.0, alpha=1.0)):
        hint = " (that is the soft loss: alpha weights the soft term)"
        hint_zh = "（这是软损失：alpha 是软损失项的权重）"
    elif np.isclose(got, ref.distillation_loss(s / 4.0, t, y, T=1.0, alpha=0.0)):
        hint = " (that is the cross-entropy of softmax(student / T); the hard loss uses T = 1)"
        hint_zh = "（这是 softmax(student / T) 的交叉熵；硬损失要用 T = 1）"
    assert np.isclose(got, want), (
        f"distillation_loss(..., T=4, alpha=0) returned {got:.6f}, expected the plain cross-entropy {want:.6f}{hint}",
        f"distillation_loss(..., T=4, alpha=0) 返回 {got:.6f}，应为普通的交叉熵 {want:.6f}{hint_zh}",
    )


def check_same_logits_no_soft_loss(m: ModuleType, ref: ModuleType) -> None:
    """when the student equals the teacher the soft loss is 0
    zh: 学生与教师的 logits 相同时，软损失为 0"""
    s, _t, y = _case(3)
    got = _scalar(
        m.distillation_loss(s, s.copy(), y, T=3.0, alpha=1.0), "distillation_loss(student == teacher, alpha=1)"
    )
    assert abs(got) < 1e-9, (
        f"distillation_loss(student, teacher=student, T=3, alpha=1) returned {got:.6g}, expected 0.0: KL of a distribution with itself",
        f"distillation_loss(student, teacher=student, T=3, alpha=1) 返回 {got:.6g}，应为 0.0：分布与它自身的 KL 散度是 0",
    )


def check_kl_direction(m: ModuleType, ref: ModuleType) -> None:
    """the soft loss is KL(teacher || student), not KL(student || teacher)
    zh: 软损失是 KL(教师 ‖ 学生)，不是 KL(学生 ‖ 教师)"""
    s, t, y = _case(4)
    got = _scalar(m.distillation_loss(s, t, y, T=1.0, alpha=1.0), "distillation_loss(T=1, alpha=1)")
    want = ref.distillation_loss(s, t, y, T=1.0, alpha=1.0)
    hint = hint_zh = ""
    if np.isclose(got, ref.distillation_loss(t, s, y, T=1.0, alpha=1.0)):
        hint = " (that is KL(student || teacher): weight by the teacher's probabilities)"
        hint_zh = "（这是 KL(student || teacher)：应当用教师的概率加权）"
    assert np.isclose(got, want), (
        f"distillation_loss(student, teacher, T=1, alpha=1) returned {got:.6f}, expected KL(teacher || student) = {want:.6f}{hint}",
        f"distillation_loss(student, teacher, T=1, alpha=1) 返回 {got:.6f}，应为 KL(teacher || student) = {want:.6f}{hint_zh}",
    )


def check_t_squared_scaling(m: ModuleType, ref: ModuleType) -> None:
    """the soft loss at T = 4 is multiplied by T² = 16
    zh: T = 4 时软损失要乘以 T² = 16"""
    s, t, y = _case(5)
    got = _scalar(m.distillation_loss(s, t, y, T=4.0, alpha=1.0), "distillation_loss(T=4, alpha=1)")
    want = ref.distillation_loss(s, t, y, T=4.0, alpha=1.0)
    hint = hint_zh = ""
    if np.isclose(got * 16.0, want):
        hint = " (16 times too small: multiply the KL by T**2)"
        hint_zh = "（小了 16 倍：KL 要乘以 T**2）"
    elif np.isclose(got * 4.0, want):
        hint = " (4 times too small: the factor is T**2, not T)"
        hint_zh = "（小了 4 倍：系数是 T**2，不是 T）"
    assert np.isclose(got, want), (
        f"distillation_loss(student, teacher, T=4, alpha=1) returned {got:.6f}, expected {want:.6f}{hint}",
        f"distillation_loss(student, teacher, T=4, alpha=1) 返回 {got:.6f}，应为 {want:.6f}{hint_zh}",
    )


def check_mixed_loss(m: ModuleType, ref: ModuleType) -> None:
    """the full loss alpha * soft + (1 - alpha) * hard on random batches
    zh: 在随机批次上检查完整的 alpha × 软损失 + (1 − alpha) × 硬损失"""
    for seed, T, alpha in ((6, 2.0, 0.5), (7, 2.5, 0.3), (8, 1.5, 0.9)):
        s, t, y = _case(seed, b=7, c=4)
        got = _scalar(m.distillation_loss(s, t, y, T=T, alpha=alpha), "distillation_loss")
        want = ref.distillation_loss(s, t, y, T=T, alpha=alpha)
        assert np.isclose(got, want), (
            f"distillation_loss on a (7, 4) batch with T={T}, alpha={alpha} returned {got:.6f}, expected {want:.6f}",
            f"在形状为 (7, 4) 的批次上，T={T}、alpha={alpha} 时 distillation_loss 返回 {got:.6f}，应为 {want:.6f}",
        )


def check_defaults(m: ModuleType, ref: ModuleType) -> None:
    """the defaults are T = 2 and alpha = 0.5
    zh: 默认值是 T = 2、alpha = 0.5"""
    s, t, y = _case(9)
    got = _scalar(m.distillation_loss(s, t, y), "distillation_loss(student, teacher, labels)")
    want = ref.distillation_loss(s, t, y)
    assert np.isclose(got, want), (
        f"distillation_loss(student, teacher, labels) with the defaults returned {got:.6f}, expected {want:.6f} (T=2, alpha=0.5)",
        f"使用默认参数时 distillation_loss(student, teacher, labels) 返回 {got:.6f}，应为 {want:.6f}（T=2，alpha=0.5）",
    )


def check_large_logits_finite(m: ModuleType, ref: ModuleType) -> None:
    """logits in the hundreds still give a finite, non-negative loss
    zh: logits 达到几百时，损失仍然有限且非负"""
    s, t, y = _case(10, b=4, c=5)
    s, t = s * 200.0, t * 200.0
    got = _scalar(
        m.distillation_loss(s, t, y, T=1.0, alpha=0.5),
        "distillation_loss(large logits)",
        "distillation_loss(很大的 logits)",
    )
    want = ref.distillation_loss(s, t, y, T=1.0, alpha=0.5)
    assert np.isfinite(got), (
        f"distillation_loss with logits around ±1000 returned {got}, expected {want:.4f}: use a log-softmax instead of log(softmax)",
        f"logits 在 ±1000 左右时 distillation_loss 返回 {got}，应为 {want:.4f}：请用 log-softmax，而不是先 softmax 再取 log",
    )
    assert np.isclose(got, want), (
        f"distillation_loss with logits around ±1000 returned {got:.4f}, expected {want:.4f}",
        f"logits 在 ±1000 左右时 distillation_loss 返回 {got:.4f}，应为 {want:.4f}",
    )
    assert got >= -1e-9, (
        f"distillation_loss returned {got:.6f}, a negative loss: KL and cross-entropy are both >= 0",
        f"distillation_loss 返回 {got:.6f}，损失是负的：KL 散度和交叉熵都应当 >= 0",
    )
