"""Wrong: forgets to multiply the KL term by T**2, so the soft loss shrinks as the temperature grows."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def _log_softmax(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    shifted = z - z.max(axis=-1, keepdims=True)
    out: npt.NDArray[np.float64] = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return out


def softmax_with_temperature(logits: npt.NDArray[np.float64], T: float) -> npt.NDArray[np.float64]:
    """Right."""
    return np.exp(_log_softmax(logits / T))


def distillation_loss(
    student_logits: npt.NDArray[np.float64],
    teacher_logits: npt.NDArray[np.float64],
    labels: npt.NDArray[np.int64],
    T: float = 2.0,
    alpha: float = 0.5,
) -> float:
    """KL without the T**2 factor."""
    lt = _log_softmax(teacher_logits / T)
    ls = _log_softmax(student_logits / T)
    rows = np.arange(student_logits.shape[0])
    soft = float((np.exp(lt) * (lt - ls)).sum(axis=-1).mean())
    hard = float(-_log_softmax(student_logits)[rows, labels].mean())
    return float(alpha * soft + (1 - alpha) * hard)
