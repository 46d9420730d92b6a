"""Lab: cosine top-k retrieval for RAG.

cosine_similarity(query (d,), docs (N, d)) -> (N,): cosine of the query with each row; 0.0 for zero vectors.
top_k(query, docs, k) -> (indices, scores): the k most similar rows, highest first, ties by lower index;
    all N when k > N, empty arrays when k <= 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def cosine_similarity(query: Array, docs: Array) -> Array:
    """Return the cosine similarity of query with each row of docs, shape (N,); 0.0 where a vector is zero."""
    raise NotImplementedError("cosine_similarity: dot products divided by the product of the norms")


def top_k(query: Array, docs: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """Return (indices, scores) of the k rows most similar to query, highest first, ties by lower index."""
    raise NotImplementedError("top_k: sort the cosine similarities from highest to lowest and keep k")
