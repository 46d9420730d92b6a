"""Lab: LoRA forward pass and merge.

W: (d_out, d_in), A: (r, d_in), B: (d_out, r), x: (N, d_in) or (d_in,); scale = alpha / r, r = A.shape[0].
init_lora(d_in, d_out, r, rng) -> (A random normal with std 1/sqrt(d_in), B zeros).
lora_forward(x, W, A, B, alpha) -> x W^T + scale * (x A^T) B^T.
lora_merge(W, A, B, alpha) -> W + scale * B A, a new array (W unchanged).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def init_lora(d_in: int, d_out: int, r: int, rng: np.random.Generator) -> tuple[Array, Array]:
    """Return (A, B): A of shape (r, d_in) from rng.normal(0, 1/sqrt(d_in)), B zeros of shape (d_out, r)."""
    raise NotImplementedError("init_lora: a random A and an all-zero B")


def lora_forward(x: Array, W: Array, A: Array, B: Array, alpha: float) -> Array:
    """Return x W^T + (alpha / r) * (x A^T) B^T, shape (N, d_out) (or (d_out,) for a 1-D x)."""
    raise NotImplementedError("lora_forward: the base path plus the scaled low-rank path")


def lora_merge(W: Array, A: Array, B: Array, alpha: float) -> Array:
    """Return W + (alpha / r) * B A as a new (d_out, d_in) array; do not modify W."""
    raise NotImplementedError("lora_merge: fold the scaled B A into a copy of W")
