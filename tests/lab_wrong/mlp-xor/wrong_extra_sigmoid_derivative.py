"""Wrong: multiplies the output gradient by p(1 - p) again, as if the loss were not cross-entropy."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Params = dict[str, Array]

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
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + exp(-z)), without overflow


def forward(params: Params, X: Array) -> tuple[Array, dict[str, Any]]:
    h = np.tanh(X @ params["W1"] + params["b1"])
    p = sigmoid(h @ params["W2"] + params["b2"])
    return p, {"X": X, "h": h, "p": p}


def bce_loss(p: Array, y: Array) -> float:
    q = np.clip(p, 1e-12, 1.0 - 1e-12)
    return float(-np.mean(y * np.log(q) + (1.0 - y) * np.log(1.0 - q)))


def backward(params: Params, cache: dict[str, Any], y: Array) -> Params:
    X, h, p = cache["X"], cache["h"], cache["p"]
    n = X.shape[0]
    dz2 = (p - y) * p * (1.0 - p) / n
    dh = dz2 @ params["W2"].T
    dz1 = dh * (1.0 - h**2)
    return {
        "W1": X.T @ dz1,
        "b1": dz1.sum(axis=0),
        "W2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }


def train(
    X: Array, y: Array, n_hidden: int = 8, lr: float = 1.0, steps: int = 1000, seed: int = 0
) -> tuple[Params, list[float]]:
    params = init_params(X.shape[1], n_hidden, y.shape[1], np.random.default_rng(seed))
    losses: list[float] = []
    for _ in range(steps):
        p, cache = forward(params, X)
        losses.append(bce_loss(p, y))
        grads = backward(params, cache, y)
        for key in params:
            params[key] = params[key] - lr * grads[key]
    return params, losses


def predict(params: Params, X: Array) -> npt.NDArray[np.int64]:
    p, _ = forward(params, X)
    return (p[:, 0] > 0.5).astype(np.int64)
