"""Wrong: averages the perplexities of the sequences instead of pooling all real tokens of the batch."""

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
    """Mean over rows of exp(-row mean): a different statistic from corpus perplexity."""
    lp = np.atleast_2d(logprobs)
    keep = np.ones(lp.shape, dtype=bool) if mask is None else np.atleast_2d(mask)
    if not keep.any():
        raise ValueError("no tokens")
    per_row = [float(np.exp(-row[k].mean())) for row, k in zip(lp, keep, strict=True) if k.any()]
    return float(np.mean(per_row))
