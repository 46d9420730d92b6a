"""Wrong: ranks by the raw dot product without normalising, so long vectors win."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def cosine_similarity(query: Array, docs: Array) -> Array:
    """See the module docstring."""
    out: Array = docs @ query
    return out


def top_k(query: Array, docs: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """See the module docstring."""
    sims = cosine_similarity(query, docs)
    order = np.argsort(-sims, kind="stable")[: max(k, 0)]
    return order, sims[order]
