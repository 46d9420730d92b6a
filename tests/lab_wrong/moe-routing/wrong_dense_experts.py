"""Wrong: runs every expert on every token and multiplies the unselected outputs by 0; the numbers are right but nothing is sparse."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Expert = Callable[[Array], Array]


def top_k_gating(router_logits: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """Right."""
    indices = np.argsort(-router_logits, axis=-1, kind="stable")[:, :k].astype(np.int64)
    picked = np.take_along_axis(router_logits, indices, axis=-1)
    e = np.exp(picked - picked.max(axis=-1, keepdims=True))
    weights: Array = e / e.sum(axis=-1, keepdims=True)
    return indices, weights


def moe_forward(x: Array, router_W: Array, experts: Sequence[Expert], k: int) -> Array:
    """Dense: E full passes over all N tokens."""
    indices, weights = top_k_gating(x @ router_W, k)
    dense = np.zeros((x.shape[0], len(experts)))
    np.put_along_axis(dense, indices, weights, axis=-1)
    y = np.zeros_like(x)
    for e, expert in enumerate(experts):
        y += dense[:, e : e + 1] * expert(x)
    return y
