"""Wrong: takes log(softmax(...)) directly, so large logits give log(0) = -inf and a nan loss."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def softmax_with_temperature(logits: npt.NDArray[np.float64], T: float) -> npt.NDArray[np.float64]:
    """Stable softmax (this part is right)."""
    z = logits / T
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    out: npt.NDArray[np.float64] = e / e.sum(axis=-1, keepdims=True)
    return out


def distillation_loss(
    student_logits: npt.NDArray[np.float64],
    teacher_logits: npt.NDArray[np.float64],
    labels: npt.NDArray[np.int64],
    T: float = 2.0,
    alpha: float = 0.5,
) -> float:
    """Right formula, but log of probabilities that underflow to 0."""
    pt = softmax_with_temperature(teacher_logits, T)
    ps = softmax_with_temperature(student_logits, T)
    soft = float((pt * (np.log(pt) - np.log(ps))).sum(axis=-1).mean()) * T**2
    p1 = softmax_with_temperature(student_logits, 1.0)
    hard = float(-np.log(p1[np.arange(len(labels)), labels]).mean())
    return alpha * soft + (1 - alpha) * hard
