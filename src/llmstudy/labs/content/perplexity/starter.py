"""Lab: perplexity from token log-probabilities.

token_logprobs(logits (T, V), targets (T,)) -> (T,): the natural log-probability of each
target token, computed stably (log-sum-exp).
perplexity(logprobs (T,) or (B, T), mask=None) -> float: exp of the mean negative
log-probability over the real tokens (mask True); padding must not count.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def token_logprobs(logits: npt.NDArray[np.float64], targets: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Return log_softmax(logits[t])[targets[t]] for every position t, shape (T,).

    logits: (T, V) unnormalised scores; targets: (T,) token ids in [0, V).
    Must stay finite for large logits (subtract the row maximum first).
    """
    raise NotImplementedError("token_logprobs: compute a stable log-softmax per row and pick the target column")


def perplexity(logprobs: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_] | None = None) -> float:
    """Return exp(-mean log-probability) over the real tokens of logprobs.

    logprobs: (T,) or (B, T) natural-log probabilities; mask: same shape, True for real
    tokens, False for padding (whose values may be anything, even -inf). mask=None: all real.
    Raise ValueError when there is no real token.
    """
    raise NotImplementedError("perplexity: exp of the mean negative log-probability over masked tokens")
