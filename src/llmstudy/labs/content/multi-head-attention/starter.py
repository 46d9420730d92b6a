"""Lab: multi-head attention: split into heads, attend per head, merge, project.

split_heads(x (B, T, d_model), n_heads) -> (B, n_heads, T, d_head); merge_heads undoes it;
multi_head_attention(x, W_q, W_k, W_v, W_o, n_heads, causal=False) -> (B, T, d_model).
attention() is given. The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def attention(Q: Array, K: Array, V: Array, mask: npt.NDArray[np.bool_] | None = None) -> Array:
    """softmax(Q Kᵀ / √d) V over the last two axes (given; d is Q's last dimension)."""
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    out: Array = weights @ V
    return out


def split_heads(x: Array, n_heads: int) -> Array:
    """(B, T, d_model) -> (B, n_heads, T, d_head): head h gets features h*d_head ... (h+1)*d_head - 1."""
    raise NotImplementedError("split_heads")


def merge_heads(x: Array) -> Array:
    """(B, n_heads, T, d_head) -> (B, T, n_heads * d_head); the exact inverse of split_heads."""
    raise NotImplementedError("merge_heads")


def multi_head_attention(
    x: Array, W_q: Array, W_k: Array, W_v: Array, W_o: Array, n_heads: int, causal: bool = False
) -> Array:
    """Project x (B, T, d_model) with W_q, W_k, W_v (d_model, d_model), attend in each head,
    merge the heads and project with W_o. causal=True: position t sees only positions <= t."""
    raise NotImplementedError("multi_head_attention")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1, 4, 8))
    print(split_heads(x, 2).shape)
