"""Wrong: ignores causal=True, so every position also attends to later tokens."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def attention(Q: Array, K: Array, V: Array, mask: npt.NDArray[np.bool_] | None = None) -> Array:
    """softmax(Q Kᵀ / √d) V over the last two axes (given)."""
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    out: Array = weights @ V
    return out


def split_heads(x: Array, n_heads: int) -> Array:
    B, T, d_model = x.shape
    out: Array = x.reshape(B, T, n_heads, d_model // n_heads).transpose(0, 2, 1, 3)
    return out


def merge_heads(x: Array) -> Array:
    B, H, T, d_head = x.shape
    out: Array = x.transpose(0, 2, 1, 3).reshape(B, T, H * d_head)
    return out


def multi_head_attention(
    x: Array, W_q: Array, W_k: Array, W_v: Array, W_o: Array, n_heads: int, causal: bool = False
) -> Array:
    T = x.shape[1]
    q = split_heads(x @ W_q, n_heads)
    k = split_heads(x @ W_k, n_heads)
    v = split_heads(x @ W_v, n_heads)
    mask = np.ones((T, T), dtype=bool)
    heads = attention(q, k, v, mask)
    out: Array = merge_heads(heads) @ W_o
    return out
