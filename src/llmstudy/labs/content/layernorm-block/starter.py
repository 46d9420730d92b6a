"""Lab: LayerNorm and a pre-LN Transformer block (forward pass only).

layer_norm(x (..., d), gamma (d,), beta (d,), eps=1e-5) normalises each vector over its last
axis; feed_forward is gelu(x W1 + b1) W2 + b2; transformer_block(x (B, T, d), p, n_heads) is
h = x + attention(LN1(x)); out = h + FFN(LN2(h)). gelu and causal_self_attention are given.
The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Params = dict[str, Array]  # ln1_g, ln1_b, W_q, W_k, W_v, W_o, ln2_g, ln2_b, W1, b1, W2, b2


def gelu(x: Array) -> Array:
    """GELU, tanh approximation (given)."""
    out: Array = 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))
    return out


def causal_self_attention(x: Array, W_q: Array, W_k: Array, W_v: Array, W_o: Array, n_heads: int) -> Array:
    """Multi-head causal self-attention of x (B, T, d) (given)."""
    B, T, d = x.shape
    d_head = d // n_heads

    def heads(w: Array) -> Array:
        out: Array = (x @ w).reshape(B, T, n_heads, d_head).transpose(0, 2, 1, 3)
        return out

    q, k, v = heads(W_q), heads(W_k), heads(W_v)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    merged = (weights @ v).transpose(0, 2, 1, 3).reshape(B, T, d)
    out: Array = merged @ W_o
    return out


def layer_norm(x: Array, gamma: Array, beta: Array, eps: float = 1e-5) -> Array:
    """(x - mean) / sqrt(var + eps) * gamma + beta, mean and (biased) var over the last axis."""
    raise NotImplementedError("layer_norm")


def feed_forward(x: Array, W1: Array, b1: Array, W2: Array, b2: Array) -> Array:
    """gelu(x @ W1 + b1) @ W2 + b2; W1 (d, d_ff), W2 (d_ff, d)."""
    raise NotImplementedError("feed_forward")


def transformer_block(x: Array, p: Params, n_heads: int) -> Array:
    """Pre-LN block: h = x + causal_self_attention(LN1(x)); return h + feed_forward(LN2(h))."""
    raise NotImplementedError("transformer_block")


if __name__ == "__main__":
    x = np.random.default_rng(0).normal(size=(2, 5))
    print(layer_norm(x, np.ones(5), np.zeros(5)))
