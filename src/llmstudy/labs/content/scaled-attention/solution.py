"""Reference solution for the scaled-attention lab."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


def causal_mask(T: int) -> Mask:
    return np.tril(np.ones((T, T), dtype=bool))


def attention(Q: Array, K: Array, V: Array, mask: Mask | None = None) -> tuple[Array, Array]:
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    e = np.exp(scores)
    weights: Array = e / np.sum(e, axis=-1, keepdims=True)
    out: Array = weights @ V
    return out, weights
