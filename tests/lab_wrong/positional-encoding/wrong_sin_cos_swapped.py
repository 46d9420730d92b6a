"""Wrong: cos in the even columns and sin in the odd ones."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def sinusoidal_encoding(T: int, d_model: int) -> Array:
    pos = np.arange(T, dtype=np.float64)[:, None]
    two_i = np.arange(0, d_model, 2, dtype=np.float64)[None, :]
    angle = pos / np.power(10000.0, two_i / d_model)
    pe = np.zeros((T, d_model))
    pe[:, 0::2] = np.cos(angle)
    pe[:, 1::2] = np.sin(angle)
    return pe


def add_positional_encoding(x: Array) -> Array:
    _B, T, d_model = x.shape
    out: Array = x + sinusoidal_encoding(T, d_model)
    return out
