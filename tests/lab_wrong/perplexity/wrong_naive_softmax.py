"""Wrong: log(softmax) computed without subtracting the maximum, so large logits overflow to nan."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def token_logprobs(logits: npt.NDArray[np.float64], targets: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """log(exp(z) / sum(exp(z))): overflows for logits near 1000."""
    e = np.exp(logits)
    probs = e / e.sum(axis=-1, keepdims=True)
    out: npt.NDArray[np.float64] = np.log(probs[np.arange(logits.shape[0]), targets])
    return out


def perplexity(logprobs: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_] | None = None) -> float:
    """Right."""
    keep = np.ones(logprobs.shape, dtype=bool) if mask is None else mask
    n = int(keep.sum())
    if n == 0:
        raise ValueError("no tokens")
    return float(np.exp(-logprobs[keep].sum() / n))
