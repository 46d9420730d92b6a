"""Wrong: analogy does not exclude a, b and c, so it usually answers with one of its inputs."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def cosine_similarity(a: Array, b: Array) -> float:
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        return 0.0
    return float(a @ b / (na * nb))


def normalize_rows(E: Array) -> Array:
    norms = np.linalg.norm(E, axis=-1, keepdims=True)
    out: Array = E / np.where(norms == 0, 1.0, norms)
    return out


def cosine_matrix(A: Array, B: Array) -> Array:
    out: Array = normalize_rows(A) @ normalize_rows(B).T
    return out


def nearest_neighbours(query: Array, E: Array, k: int, exclude: tuple[int, ...] = ()) -> list[int]:
    sims = cosine_matrix(query[None, :], E)[0]
    order = sorted(range(len(E)), key=lambda i: (-sims[i], i))
    return [i for i in order if i not in exclude][:k]


def analogy(E: Array, a: int, b: int, c: int, k: int = 1) -> list[int]:
    target = normalize_rows(E[b][None, :])[0] - normalize_rows(E[a][None, :])[0] + normalize_rows(E[c][None, :])[0]
    return nearest_neighbours(target, E, k)
