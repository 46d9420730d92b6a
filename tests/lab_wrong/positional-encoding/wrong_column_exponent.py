"""Wrong: the exponent uses the column index j (j/d_model) for every column, so column 2i+1 gets another frequency than 2i."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def sinusoidal_encoding(T: int, d_model: int) -> Array:
    pos = np.arange(T, dtype=np.float64)[:, None]
    j = np.arange(d_model, dtype=np.float64)[None, :]
    angle = pos / np.power(10000.0, j / d_model)
    pe = np.zeros((T, d_model))
    pe[:, 0::2] = np.sin(angle[:, 0::2])
    pe[:, 1::2] = np.cos(angle[:, 1::2])
    return pe


def add_positional_encoding(x: Array) -> Array:
    _B, T, d_model = x.shape
    out: Array = x + sinusoidal_encoding(T, d_model)
    return out
