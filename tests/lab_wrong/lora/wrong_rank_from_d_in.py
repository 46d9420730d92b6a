"""Wrong: takes r from A.shape[1] (which is d_in) instead of A.shape[0], so the scale is alpha / d_in."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def init_lora(d_in: int, d_out: int, r: int, rng: np.random.Generator) -> tuple[Array, Array]:
    """Right."""
    return rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(r, d_in)), np.zeros((d_out, r))


def lora_forward(x: Array, W: Array, A: Array, B: Array, alpha: float) -> Array:
    """See the module docstring."""
    out: Array = x @ W.T + (alpha / A.shape[1]) * ((x @ A.T) @ B.T)
    return out


def lora_merge(W: Array, A: Array, B: Array, alpha: float) -> Array:
    """See the module docstring."""
    out: Array = W + (alpha / A.shape[1]) * (B @ A)
    return out
