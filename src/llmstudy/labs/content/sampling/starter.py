"""Lab: decoding strategies: greedy, temperature, top-k and top-p (nucleus) sampling.

All functions take the logits of the next token, a 1-D array of shape (V,). sample() draws
with the numpy Generator it is given (never np.random.*), so a seed reproduces the text.
The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def greedy(logits: Array) -> int:
    """The id of the most likely token (an int)."""
    raise NotImplementedError("greedy")


def softmax_with_temperature(logits: Array, temperature: float = 1.0) -> Array:
    """softmax(logits / temperature), numerically stable; temperature > 0."""
    raise NotImplementedError("softmax_with_temperature")


def top_k_filter(logits: Array, k: int) -> Array:
    """Keep the k largest logits (ties with the k-th are kept), set the rest to -inf; same order as the input."""
    raise NotImplementedError("top_k_filter")


def top_p_filter(logits: Array, p: float) -> Array:
    """Keep the smallest set of most probable tokens whose total probability reaches p
    (including the token that crosses p; always at least one), set the rest to -inf."""
    raise NotImplementedError("top_p_filter")


def sample(
    logits: Array,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> int:
    """Divide by temperature (0 means greedy), apply top-k then top-p, softmax, draw one id with rng."""
    raise NotImplementedError("sample")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    logits = np.log(np.array([0.5, 0.3, 0.15, 0.05]))
    print([sample(logits, rng, top_p=0.7) for _ in range(10)])
