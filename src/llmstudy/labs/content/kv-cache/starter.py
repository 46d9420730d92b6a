"""Lab: a KV cache for single-head causal self-attention.

causal_attention(X (T, d_model), Wq, Wk, Wv (d_model, d_head)) -> (T, d_head):
    softmax(mask(Q K^T / sqrt(d_head))) V with position i seeing only j <= i.
decode_step(x (d_model,), K_cache (t, d_head), V_cache (t, d_head), Wq, Wk, Wv) -> (out (d_head,), K_new, V_new):
    append k = x Wk and v = x Wv to the caches, then attend with q = x Wq over all t + 1 rows.
Decoding the rows of X one by one from empty caches must reproduce causal_attention(X, ...).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def causal_attention(X: Array, Wq: Array, Wk: Array, Wv: Array) -> Array:
    """Return the causal self-attention output for all T positions, shape (T, d_head)."""
    raise NotImplementedError("causal_attention: scaled scores, a causal mask, a stable softmax, then times V")


def decode_step(
    x: Array, K_cache: Array, V_cache: Array, Wq: Array, Wk: Array, Wv: Array
) -> tuple[Array, Array, Array]:
    """Return (out, K_new, V_new): the new token's output and the caches with its key and value appended."""
    raise NotImplementedError("decode_step: append the new k and v, then attend with the new q")
