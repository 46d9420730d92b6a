"""Lab: an MLP that learns XOR, with back-propagation written by hand.

A 2 -> H -> 1 network: h = tanh(X W1 + b1), p = sigmoid(h W2 + b2), trained with the mean
binary cross-entropy by plain gradient descent. Implement forward, bce_loss, backward,
train and predict (init_params and sigmoid are given). Run `llmstudy lab check mlp-xor`
to test; the checker does not run the `if __name__ == "__main__":` block, so you can keep
your own experiments there.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Params = dict[str, Array]  # "W1" (2, H), "b1" (H,), "W2" (H, 1), "b2" (1,)

XOR_X: Array = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y: Array = np.array([[0.0], [1.0], [1.0], [0.0]])


def init_params(n_in: int, n_hidden: int, n_out: int, rng: np.random.Generator) -> Params:
    """Small random weights, zero biases (given; you do not need to change it)."""
    return {
        "W1": rng.normal(0.0, 1.0, size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0.0, 1.0, size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def sigmoid(z: Array) -> Array:
    """1 / (1 + exp(-z)), written so that it never overflows (given)."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def forward(params: Params, X: Array) -> tuple[Array, dict[str, Any]]:
    """Return (p, cache): p = sigmoid(tanh(X @ W1 + b1) @ W2 + b2), shape (N, 1).

    X: (N, 2). cache: whatever backward needs later (e.g. X, h and p).
    """
    raise NotImplementedError("forward")


def bce_loss(p: Array, y: Array) -> float:
    """Mean binary cross-entropy: -mean(y log p + (1 - y) log(1 - p)); p, y: (N, 1)."""
    raise NotImplementedError("bce_loss")


def backward(params: Params, cache: dict[str, Any], y: Array) -> Params:
    """Gradients of bce_loss with respect to W1, b1, W2, b2 (same keys and shapes as params)."""
    raise NotImplementedError("backward")


def train(
    X: Array, y: Array, n_hidden: int = 8, lr: float = 1.0, steps: int = 1000, seed: int = 0
) -> tuple[Params, list[float]]:
    """Gradient descent from init_params(..., np.random.default_rng(seed)).

    Return (params, losses) with losses[i] the loss before update i (len(losses) == steps).
    """
    raise NotImplementedError("train")


def predict(params: Params, X: Array) -> npt.NDArray[np.int64]:
    """Labels 0/1 of shape (N,): 1 where p > 0.5."""
    raise NotImplementedError("predict")


if __name__ == "__main__":
    trained, history = train(XOR_X, XOR_Y)
    print("loss", history[0], "->", history[-1], "predictions", predict(trained, XOR_X))
