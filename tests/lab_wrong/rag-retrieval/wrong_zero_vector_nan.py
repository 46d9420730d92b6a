"""Wrong: divides by the norms without guarding zero vectors, so a zero document or query gives nan."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def cosine_similarity(query: Array, docs: Array) -> Array:
    """See the module docstring."""
    out: Array = (docs @ query) / (np.linalg.norm(docs, axis=1) * np.linalg.norm(query))
    return out


def top_k(query: Array, docs: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """See the module docstring."""
    sims = cosine_similarity(query, docs)
    order = np.argsort(-sims, kind="stable")[: max(k, 0)]
    return order, sims[order]
