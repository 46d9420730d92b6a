"""Wrong: top-k keeps only logits strictly above the k-th largest, so k-1 tokens survive."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def greedy(logits: Array) -> int:
    return int(np.argmax(logits))


def softmax_with_temperature(logits: Array, temperature: float = 1.0) -> Array:
    z = logits / temperature
    z = z - np.max(z)
    e = np.exp(z)
    out: Array = e / e.sum()
    return out


def top_k_filter(logits: Array, k: int) -> Array:
    if k >= logits.shape[-1]:
        return logits.copy()
    kth = np.sort(logits)[-k]
    out: Array = np.where(logits > kth, logits, -np.inf)
    return out


def top_p_filter(logits: Array, p: float) -> Array:
    probs = softmax_with_temperature(logits)
    order = np.argsort(-probs, kind="stable")
    before = np.cumsum(probs[order]) - probs[order]  # probability mass of the tokens ranked above
    keep_sorted = before < p
    keep_sorted[0] = True
    keep = np.zeros(logits.shape, dtype=bool)
    keep[order[keep_sorted]] = True
    out: Array = np.where(keep, logits, -np.inf)
    return out


def sample(
    logits: Array,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> int:
    if temperature == 0:
        return greedy(logits)
    z = logits / temperature
    if top_k is not None:
        z = top_k_filter(z, top_k)
    if top_p is not None:
        z = top_p_filter(z, top_p)
    probs = softmax_with_temperature(z)
    return int(rng.choice(len(probs), p=probs))
