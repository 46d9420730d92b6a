"""Wrong: takes the softmax over all E experts and keeps the top-k probabilities without renormalising (rows sum to less than 1)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Expert = Callable[[Array], Array]


def top_k_gating(router_logits: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """Softmax first, then top-k: the selected weights no longer sum to 1."""
    e = np.exp(router_logits - router_logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)
    indices = np.argsort(-router_logits, axis=-1, kind="stable")[:, :k].astype(np.int64)
    weights: Array = np.take_along_axis(probs, indices, axis=-1)
    return indices, weights


def moe_forward(x: Array, router_W: Array, experts: Sequence[Expert], k: int) -> Array:
    """Right dispatch, wrong weights."""
    indices, weights = top_k_gating(x @ router_W, k)
    y = np.zeros_like(x)
    for e, expert in enumerate(experts):
        rows, slots = np.nonzero(indices == e)
        if rows.size:
            y[rows] += weights[rows, slots, None] * expert(x[rows])
    return y
