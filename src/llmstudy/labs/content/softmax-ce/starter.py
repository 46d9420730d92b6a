"""Lab: a numerically stable softmax, log-softmax and cross-entropy (with its gradient).

softmax(z, axis=-1) and log_softmax(z, axis=-1) for arrays of any shape, stable for huge
and tiny values; cross_entropy(logits (N, C), targets (N,)) -> mean loss as a float;
cross_entropy_grad(logits, targets) -> d loss / d logits, shape (N, C).
The checker does not run the `if __name__ == "__main__":` block.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def softmax(z: Array, axis: int = -1) -> Array:
    """exp(z) / sum(exp(z)) along `axis`; same shape as z; no nan or inf for |z| up to 1e4."""
    raise NotImplementedError("softmax")


def log_softmax(z: Array, axis: int = -1) -> Array:
    """log(softmax(z)) along `axis`, computed without ever taking log(0)."""
    raise NotImplementedError("log_softmax")


def cross_entropy(logits: Array, targets: npt.NDArray[np.int64]) -> float:
    """Mean over the N rows of -log softmax(logits[i])[targets[i]]; logits (N, C), targets (N,) ints."""
    raise NotImplementedError("cross_entropy")


def cross_entropy_grad(logits: Array, targets: npt.NDArray[np.int64]) -> Array:
    """d cross_entropy / d logits, shape (N, C): (softmax(logits) - one_hot(targets)) / N."""
    raise NotImplementedError("cross_entropy_grad")


if __name__ == "__main__":
    print(softmax(np.array([1.0, 2.0, 3.0])))
    print(cross_entropy(np.array([[2.0, 0.5, -1.0]]), np.array([0])))
