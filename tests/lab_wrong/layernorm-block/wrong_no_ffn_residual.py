"""Wrong: forgets the residual connection around the feed-forward network."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Params = dict[str, Array]


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
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    out: Array = (x - mean) / np.sqrt(var + eps) * gamma + beta
    return out


def feed_forward(x: Array, W1: Array, b1: Array, W2: Array, b2: Array) -> Array:
    out: Array = gelu(x @ W1 + b1) @ W2 + b2
    return out


def transformer_block(x: Array, p: Params, n_heads: int) -> Array:
    h = x + causal_self_attention(
        layer_norm(x, p["ln1_g"], p["ln1_b"]), p["W_q"], p["W_k"], p["W_v"], p["W_o"], n_heads
    )
    out: Array = feed_forward(layer_norm(h, p["ln2_g"], p["ln2_b"]), p["W1"], p["b1"], p["W2"], p["b2"])
    return out
