"""Wrong: reads the gates in the order i, f, o, g instead of i, f, g, o."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def sigmoid(z: Array) -> Array:
    """1 / (1 + exp(-z)) without overflow (given)."""
    out: Array = 0.5 * (1.0 + np.tanh(0.5 * z))
    return out


def lstm_cell(x: Array, h: Array, c: Array, W: Array, b: Array) -> tuple[Array, Array]:
    H = h.shape[-1]
    z = np.concatenate([x, h], axis=-1) @ W + b
    i = sigmoid(z[:, 0:H])
    f = sigmoid(z[:, H : 2 * H])
    o = sigmoid(z[:, 2 * H : 3 * H])
    g = np.tanh(z[:, 3 * H : 4 * H])
    c_new = f * c + i * g
    h_new = o * np.tanh(c_new)
    return h_new, c_new


def lstm_forward(xs: Array, h0: Array, c0: Array, W: Array, b: Array) -> tuple[Array, tuple[Array, Array]]:
    h, c = h0, c0
    hs = []
    for x in xs:
        h, c = lstm_cell(x, h, c, W, b)
        hs.append(h)
    return np.stack(hs), (h, c)
