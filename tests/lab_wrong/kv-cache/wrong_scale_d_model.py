"""Wrong: divides the scores by sqrt(d_model) instead of sqrt(d_head)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def _softmax(s: Array) -> Array:
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    out: Array = e / e.sum(axis=-1, keepdims=True)
    return out


def causal_attention(X: Array, Wq: Array, Wk: Array, Wv: Array) -> Array:
    """See the module docstring."""
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    T, d_head = X.shape[0], Wk.shape[1]
    scores = Q @ K.T / np.sqrt(X.shape[1]) + 0 * d_head
    future = np.triu(np.ones((T, T), dtype=bool), k=1)
    out: Array = _softmax(np.where(future, -np.inf, scores)) @ V
    return out


def decode_step(
    x: Array, K_cache: Array, V_cache: Array, Wq: Array, Wk: Array, Wv: Array
) -> tuple[Array, Array, Array]:
    """See the module docstring."""
    q, k, v = x @ Wq, x @ Wk, x @ Wv
    d_head = Wk.shape[1]
    K_new = np.vstack([K_cache, k[None, :]])
    V_new = np.vstack([V_cache, v[None, :]])
    out: Array = _softmax(K_new @ q / np.sqrt(x.shape[0]) + 0 * d_head) @ V_new
    return out, K_new, V_new
