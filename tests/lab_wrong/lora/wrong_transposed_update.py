"""Wrong: adds the update transposed, x (B A) and W + (B A)^T; it only runs when d_in == d_out, and is wrong then."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def init_lora(d_in: int, d_out: int, r: int, rng: np.random.Generator) -> tuple[Array, Array]:
    """Right."""
    return rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(r, d_in)), np.zeros((d_out, r))


def lora_forward(x: Array, W: Array, A: Array, B: Array, alpha: float) -> Array:
    """See the module docstring."""
    r = A.shape[0]
    out: Array = x @ W.T + (alpha / r) * (x @ (B @ A))
    return out


def lora_merge(W: Array, A: Array, B: Array, alpha: float) -> Array:
    """See the module docstring."""
    r = A.shape[0]
    out: Array = W + (alpha / r) * (B @ A).T
    return out
