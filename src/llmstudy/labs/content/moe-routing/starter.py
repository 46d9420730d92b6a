"""Lab: top-k mixture-of-experts routing.

top_k_gating(router_logits (N, E), k) -> (indices (N, k), weights (N, k)):
    the k best experts per token, best first (ties: lower id first), and a softmax over those k scores only.
moe_forward(x (N, d), router_W (d, E), experts, k) -> (N, d):
    y[i] = sum_j weights[i, j] * experts[indices[i, j]](x[i]), each expert called at most once,
    on a batch (n, d) of only the tokens routed to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Expert = Callable[[Array], Array]


def top_k_gating(router_logits: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    """Return (indices, weights), both (N, k): the top-k experts per row, best first, and softmax over their scores."""
    raise NotImplementedError("top_k_gating: pick the k largest scores per row, then softmax over only those")


def moe_forward(x: Array, router_W: Array, experts: Sequence[Expert], k: int) -> Array:
    """Return the (N, d) weighted sum of each token's top-k experts, calling each expert once on its own tokens."""
    raise NotImplementedError(
        "moe_forward: route with top_k_gating, dispatch tokens to experts, combine with the weights"
    )
