"""Wrong: treats the natural-log probabilities as base 2 and returns 2 ** mean NLL instead of exp."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def token_logprobs(logits: npt.NDArray[np.float64], targets: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Stable log-softmax, then the target column (this part is right)."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    lp = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    out: npt.NDArray[np.float64] = lp[np.arange(logits.shape[0]), targets]
    return out


def perplexity(logprobs: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_] | None = None) -> float:
    """2 ** (mean negative log-probability): the wrong base."""
    keep = np.ones(logprobs.shape, dtype=bool) if mask is None else mask
    if not keep.any():
        raise ValueError("no tokens")
    return float(2.0 ** (-logprobs[keep].mean()))
