"""Lab: the DPO loss.

All inputs have shape (B,): summed natural-log probabilities of whole answers.
log_sigmoid(x) -> log(sigmoid(x)), stable for x = -1000 and x = 1000.
dpo_rewards(pc, pr, rc, rr, beta) -> (beta * (pc - rc), beta * (pr - rr)).
dpo_loss(pc, pr, rc, rr, beta=0.1) -> mean(-log_sigmoid(beta * ((pc - rc) - (pr - rr)))).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def log_sigmoid(x: Array) -> Array:
    """Return log(sigmoid(x)) elementwise, finite for very large and very negative x."""
    raise NotImplementedError("log_sigmoid: -log(1 + exp(-x)), written so it cannot overflow")


def dpo_rewards(
    policy_chosen: Array, policy_rejected: Array, ref_chosen: Array, ref_rejected: Array, beta: float
) -> tuple[Array, Array]:
    """Return the implicit rewards (beta * (policy_chosen - ref_chosen), beta * (policy_rejected - ref_rejected))."""
    raise NotImplementedError("dpo_rewards: beta times the policy-minus-reference log-probabilities")


def dpo_loss(
    policy_chosen: Array, policy_rejected: Array, ref_chosen: Array, ref_rejected: Array, beta: float = 0.1
) -> float:
    """Return the batch mean of -log sigmoid(chosen reward - rejected reward)."""
    raise NotImplementedError("dpo_loss: -log_sigmoid of the reward margin, averaged over the batch")
