"""Reference solution for the RAG retrieval lab."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def cosine_similarity(query: Array, docs: Array) -> Array:
    """Return the cosine similarity of query with each row of docs; 0.0 where a vector is zero."""
    q = np.asarray(query, dtype=np.float64)
    D = np.asarray(docs, dtype=np.float64)
    denom = np.linalg.norm(D, axis=1) * np.linalg.norm(q)
    dots = D @ q
    out: Array = np.where(denom > 0, dots / np.where(denom > 0, denom, 1.0), 0.0)
    return out


def top_k(query: Array, docs: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """Return (indices, scores) of the k most similar rows, highest first, ties by lower index."""
    sims = cosine_similarity(query, docs)
    order = np.argsort(-sims, kind="stable")[: max(k, 0)].astype(np.int64)
    scores: Array = sims[order]
    return order, scores
