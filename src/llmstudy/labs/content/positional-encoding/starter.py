"""Lab: the sinusoidal positional encoding of "Attention Is All You Need".

sinusoidal_encoding(T, d_model) -> (T, d_model) with PE[pos, 2i] = sin(pos / 10000^(2i/d_model))
and PE[pos, 2i+1] = cos(pos / 10000^(2i/d_model)); add_positional_encoding(x (B, T, d_model))
returns x + PE without changing x. d_model is even.
The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def sinusoidal_encoding(T: int, d_model: int) -> Array:
    """(T, d_model): sin in the even columns, cos in the odd ones, one frequency per pair."""
    raise NotImplementedError("sinusoidal_encoding")


def add_positional_encoding(x: Array) -> Array:
    """x (B, T, d_model) plus the encoding of positions 0..T-1 (the same for every sequence)."""
    raise NotImplementedError("add_positional_encoding")


if __name__ == "__main__":
    print(np.round(sinusoidal_encoding(4, 6), 3))
