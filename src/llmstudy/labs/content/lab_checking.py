"""What several labs' checks share; the harness puts this folder on the child's path.

Standard library and NumPy only, like the checks themselves. Every message is a pair
(english, chinese); the harness counts this file as the checks' own, so its assertions
read like theirs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def as_array(
    value: object, call: str, shape: tuple[int, ...], call_zh: str | None = None, dtype: type = np.float64
) -> Array:
    """``value`` as an array of ``shape``; ``call`` (``call_zh`` in Chinese, when it differs) names the call."""
    zh = call_zh or call
    assert value is not None, (
        f"{call} returned None; expected an array of shape {shape}",
        f"{zh} 返回了 None；应当返回形状为 {shape} 的数组",
    )
    try:
        out: Array = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise AssertionError(
            (
                f"{call} returned {type(value).__name__}, not an array of numbers ({exc})",
                f"{zh} 返回的是 {type(value).__name__}，不是数值数组（{exc}）",
            )
        ) from None
    assert out.shape == shape, (
        f"{call} returned shape {out.shape}; expected {shape}",
        f"{zh} 返回的形状是 {out.shape}，应为 {shape}",
    )
    return out
