"""Lab: scaled dot-product attention with an optional mask.

attention(Q (..., Tq, d_k), K (..., Tk, d_k), V (..., Tk, d_v), mask=None) returns
(out (..., Tq, d_v), weights (..., Tq, Tk)) with weights = softmax(Q Kᵀ / √d_k) over the keys;
mask is boolean, True where a query may look at a key. causal_mask(T) builds the (T, T)
mask of a decoder. The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


def causal_mask(T: int) -> Mask:
    """(T, T) booleans: True where query i may attend to key j, i.e. j <= i."""
    raise NotImplementedError("causal_mask")


def attention(Q: Array, K: Array, V: Array, mask: Mask | None = None) -> tuple[Array, Array]:
    """Return (out, weights): weights = softmax(Q Kᵀ / sqrt(d_k)) along the keys, out = weights V.

    Works for any leading (batch, head) dimensions. mask broadcasts to (..., Tq, Tk);
    where it is False the weight must be exactly 0.
    """
    raise NotImplementedError("attention")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 8))
    out, w = attention(x, x, x, causal_mask(4))
    print(np.round(w, 3))
