"""Wrong: exponentiates without subtracting the maximum, so large logits give inf/nan; cross-entropy is log(softmax)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def softmax(z: Array, axis: int = -1) -> Array:
    e = np.exp(z)
    out: Array = e / np.sum(e, axis=axis, keepdims=True)
    return out


def log_softmax(z: Array, axis: int = -1) -> Array:
    out: Array = np.log(softmax(z, axis=axis))
    return out


def cross_entropy(logits: Array, targets: npt.NDArray[np.int64]) -> float:
    lp = log_softmax(logits, axis=-1)
    n = logits.shape[0]
    return float(-np.mean(lp[np.arange(n), targets]))


def cross_entropy_grad(logits: Array, targets: npt.NDArray[np.int64]) -> Array:
    n = logits.shape[0]
    grad = softmax(logits, axis=-1)
    grad[np.arange(n), targets] -= 1.0
    out: Array = grad / n
    return out
