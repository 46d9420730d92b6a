"""Wrong: initialises both A and B randomly, so the adapter changes the model before any training."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def init_lora(d_in: int, d_out: int, r: int, rng: np.random.Generator) -> tuple[Array, Array]:
    """B is random too."""
    return rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(r, d_in)), rng.normal(0.0, 1.0 / np.sqrt(r), size=(d_out, r))


def lora_forward(x: Array, W: Array, A: Array, B: Array, alpha: float) -> Array:
    """Right."""
    out: Array = x @ W.T + (alpha / A.shape[0]) * ((x @ A.T) @ B.T)
    return out


def lora_merge(W: Array, A: Array, B: Array, alpha: float) -> Array:
    """Right."""
    out: Array = W + (alpha / A.shape[0]) * (B @ A)
    return out
