"""Lab: one step of an LSTM cell, then a whole sequence.

lstm_cell(x (B, d_in), h (B, H), c (B, H), W (d_in + H, 4H), b (4H,)) -> (h_new, c_new) with
z = [x, h] W + b split into the gates i, f, g, o (in that order); c_new = f*c + i*g;
h_new = o * tanh(c_new). lstm_forward runs it over xs (T, B, d_in). sigmoid is given.
The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def sigmoid(z: Array) -> Array:
    """1 / (1 + exp(-z)) without overflow (given)."""
    out: Array = 0.5 * (1.0 + np.tanh(0.5 * z))
    return out


def lstm_cell(x: Array, h: Array, c: Array, W: Array, b: Array) -> tuple[Array, Array]:
    """One LSTM step. Columns of W and b: [input gate i | forget gate f | candidate g | output gate o], H each."""
    raise NotImplementedError("lstm_cell")


def lstm_forward(xs: Array, h0: Array, c0: Array, W: Array, b: Array) -> tuple[Array, tuple[Array, Array]]:
    """Run lstm_cell over xs (T, B, d_in) from (h0, c0): return (hs (T, B, H), (h_T, c_T))."""
    raise NotImplementedError("lstm_forward")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    W, b = rng.normal(size=(3 + 2, 8)), np.zeros(8)
    print(lstm_cell(rng.normal(size=(1, 3)), np.zeros((1, 2)), np.zeros((1, 2)), W, b))
