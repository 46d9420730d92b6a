"""Wrong: leaves out the alpha / r scale in both the forward pass and the merge."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def init_lora(d_in: int, d_out: int, r: int, rng: np.random.Generator) -> tuple[Array, Array]:
    """Right."""
    return rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(r, d_in)), np.zeros((d_out, r))


def lora_forward(x: Array, W: Array, A: Array, B: Array, alpha: float) -> Array:
    """See the module docstring."""
    out: Array = x @ W.T + (x @ A.T) @ B.T
    return out


def lora_merge(W: Array, A: Array, B: Array, alpha: float) -> Array:
    """See the module docstring."""
    out: Array = W + B @ A
    return out
