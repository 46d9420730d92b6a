"""Wrong: sorts ascending and reverses (np.argsort(logits)[:, ::-1]), which puts the higher expert id first on ties."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Expert = Callable[[Array], Array]


def top_k_gating(router_logits: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """Reversed ascending sort: ties come out higher id first."""
    indices = np.argsort(router_logits, axis=-1, kind="stable")[:, ::-1][:, :k].astype(np.int64)
    picked = np.take_along_axis(router_logits, indices, axis=-1)
    e = np.exp(picked - picked.max(axis=-1, keepdims=True))
    weights: Array = e / e.sum(axis=-1, keepdims=True)
    return indices, weights


def moe_forward(x: Array, router_W: Array, experts: Sequence[Expert], k: int) -> Array:
    """Right, given the gating."""
    indices, weights = top_k_gating(x @ router_W, k)
    y = np.zeros_like(x)
    for e, expert in enumerate(experts):
        rows, slots = np.nonzero(indices == e)
        if rows.size:
            y[rows] += weights[rows, slots, None] * expert(x[rows])
    return y
