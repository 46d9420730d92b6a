"""Wrong: log(1 / (1 + exp(-x))) overflows, giving -inf for very negative x and an infinite loss for huge wrong margins."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def log_sigmoid(x: Array) -> Array:
    """See the module docstring."""
    out: Array = np.log(1.0 / (1.0 + np.exp(-x)))
    return out


def dpo_rewards(
    policy_chosen: Array, policy_rejected: Array, ref_chosen: Array, ref_rejected: Array, beta: float
) -> tuple[Array, Array]:
    """Right."""
    return beta * (policy_chosen - ref_chosen), beta * (policy_rejected - ref_rejected)


def dpo_loss(
    policy_chosen: Array, policy_rejected: Array, ref_chosen: Array, ref_rejected: Array, beta: float = 0.1
) -> float:
    """See the module docstring."""
    return float(-log_sigmoid(beta * ((policy_chosen - ref_chosen) - (policy_rejected - ref_rejected))).mean())
