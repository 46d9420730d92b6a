"""Reference solution for the perplexity lab."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def token_logprobs(logits: npt.NDArray[np.float64], targets: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Return log_softmax(logits[t])[targets[t]] for every position t, shape (T,)."""
    z = np.asarray(logits, dtype=np.float64)
    shifted = z - z.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    idx = np.asarray(targets, dtype=np.int64)
    out: npt.NDArray[np.float64] = log_probs[np.arange(z.shape[0]), idx]
    return out


def perplexity(logprobs: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_] | None = None) -> float:
    """Return exp(-mean log-probability) over the real tokens of logprobs."""
    lp = np.asarray(logprobs, dtype=np.float64)
    keep = np.ones(lp.shape, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    n = int(keep.sum())
    if n == 0:
        raise ValueError("no real token to average over")
    return float(np.exp(-lp[keep].sum() / n))
