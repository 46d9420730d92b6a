"""Reference solution for the DPO lab."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def log_sigmoid(x: Array) -> Array:
    """Return log(sigmoid(x)) = -log(1 + exp(-x)), stably."""
    out: Array = -np.logaddexp(0.0, -np.asarray(x, dtype=np.float64))
    return out


def dpo_rewards(
    policy_chosen: Array, policy_rejected: Array, ref_chosen: Array, ref_rejected: Array, beta: float
) -> tuple[Array, Array]:
    """Return (beta * (policy_chosen - ref_chosen), beta * (policy_rejected - ref_rejected))."""
    chosen: Array = beta * (np.asarray(policy_chosen) - np.asarray(ref_chosen))
    rejected: Array = beta * (np.asarray(policy_rejected) - np.asarray(ref_rejected))
    return chosen, rejected


def dpo_loss(
    policy_chosen: Array, policy_rejected: Array, ref_chosen: Array, ref_rejected: Array, beta: float = 0.1
) -> float:
    """Return mean(-log sigmoid(beta * ((pc - rc) - (pr - rr))))."""
    chosen, rejected = dpo_rewards(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta)
    return float(-log_sigmoid(chosen - rejected).mean())
