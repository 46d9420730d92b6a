"""Wrong: takes the scale from the mean absolute value instead of the maximum, so large weights are clipped."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def absmax_quantize(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int8], float]:
    """See the module docstring."""
    amax = float(np.abs(x).mean())
    scale = amax / 127 if amax > 0 else 1.0
    return np.clip(np.round(x / scale), -127, 127).astype(np.int8), scale


def absmax_dequantize(q: npt.NDArray[np.int8], scale: float) -> npt.NDArray[np.float64]:
    """Right."""
    out: npt.NDArray[np.float64] = q.astype(np.float64) * scale
    return out


def zeropoint_quantize(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.uint8], float, int]:
    """See the module docstring."""
    lo, hi = min(float(x.min()), 0.0), max(float(x.max()), 0.0)
    scale = float(np.abs(x).mean()) / 255 if hi > lo else 1.0
    zp = round(-lo / scale)
    return np.clip(np.round(x / scale) + zp, 0, 255).astype(np.uint8), scale, zp


def zeropoint_dequantize(q: npt.NDArray[np.uint8], scale: float, zero_point: int) -> npt.NDArray[np.float64]:
    """See the module docstring."""
    out: npt.NDArray[np.float64] = (q.astype(np.float64) - zero_point) * scale
    return out
