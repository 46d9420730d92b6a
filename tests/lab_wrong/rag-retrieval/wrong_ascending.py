"""Wrong: returns the k least similar documents (ascending order) instead of the most similar."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def cosine_similarity(query: Array, docs: Array) -> Array:
    """See the module docstring."""
    denom = np.linalg.norm(docs, axis=1) * np.linalg.norm(query)
    out: Array = np.where(denom > 0, (docs @ query) / np.where(denom > 0, denom, 1.0), 0.0)
    return out


def top_k(query: Array, docs: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """See the module docstring."""
    sims = cosine_similarity(query, docs)
    order = np.argsort(sims, kind="stable")[: max(k, 0)]
    return order, sims[order]
