"""Lab: cosine similarity, nearest neighbours and word analogies on an embedding matrix.

cosine_similarity(a, b) -> float (0.0 if either vector is zero); normalize_rows(E);
cosine_matrix(A (n, d), B (m, d)) -> (n, m); nearest_neighbours(query, E, k, exclude=())
-> the k most similar row ids, best first (ties: smaller id); analogy(E, a, b, c, k=1):
"a is to b as c is to ?" via b - a + c of the unit vectors.
The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def cosine_similarity(a: Array, b: Array) -> float:
    """a·b / (|a| |b|) as a float; 0.0 when a or b is the zero vector."""
    raise NotImplementedError("cosine_similarity")


def normalize_rows(E: Array) -> Array:
    """Each row divided by its length (zero rows stay zero)."""
    raise NotImplementedError("normalize_rows")


def cosine_matrix(A: Array, B: Array) -> Array:
    """(n, m) matrix of cosine similarities between the rows of A (n, d) and of B (m, d)."""
    raise NotImplementedError("cosine_matrix")


def nearest_neighbours(query: Array, E: Array, k: int, exclude: tuple[int, ...] = ()) -> list[int]:
    """Ids of the k rows of E most similar to query by cosine, best first; ties: smaller id; skip ids in exclude."""
    raise NotImplementedError("nearest_neighbours")


def analogy(E: Array, a: int, b: int, c: int, k: int = 1) -> list[int]:
    """a : b = c : ?  The k nearest rows to unit(E[b]) - unit(E[a]) + unit(E[c]), excluding a, b and c."""
    raise NotImplementedError("analogy")


if __name__ == "__main__":
    E = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    print(nearest_neighbours(E[0], E, 2, exclude=(0,)))
