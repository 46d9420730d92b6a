"""Wrong: ignores k and always routes each token to its single best expert with weight 1."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Expert = Callable[[Array], Array]


def top_k_gating(router_logits: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """argmax only: right for k = 1, wrong otherwise."""
    best = router_logits.argmax(axis=-1)
    indices = np.repeat(best[:, None], k, axis=1).astype(np.int64)
    weights: Array = np.full(indices.shape, 1.0 / k)
    return indices, weights


def moe_forward(x: Array, router_W: Array, experts: Sequence[Expert], k: int) -> Array:
    """Each token goes to one expert."""
    best = (x @ router_W).argmax(axis=-1)
    y = np.zeros_like(x)
    for e, expert in enumerate(experts):
        rows = np.flatnonzero(best == e)
        if rows.size:
            y[rows] = expert(x[rows])
    return y
