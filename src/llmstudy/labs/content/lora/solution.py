"""Reference solution for the LoRA lab."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def init_lora(d_in: int, d_out: int, r: int, rng: np.random.Generator) -> tuple[Array, Array]:
    """Return (A, B): A random normal with std 1/sqrt(d_in), B zeros."""
    A = rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(r, d_in))
    B = np.zeros((d_out, r))
    return A, B


def lora_forward(x: Array, W: Array, A: Array, B: Array, alpha: float) -> Array:
    """Return x W^T + (alpha / r) * (x A^T) B^T."""
    scale = alpha / A.shape[0]
    out: Array = x @ W.T + scale * ((x @ A.T) @ B.T)
    return out


def lora_merge(W: Array, A: Array, B: Array, alpha: float) -> Array:
    """Return W + (alpha / r) * B A as a new array."""
    scale = alpha / A.shape[0]
    out: Array = W + scale * (B @ A)
    return out
