"""Reference solution for the quantization lab."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def absmax_quantize(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int8], float]:
    """Return (q, scale) with scale = max|x| / 127 and q = clip(round(x / scale), -127, 127)."""
    x = np.asarray(x, dtype=np.float64)
    amax = float(np.abs(x).max()) if x.size else 0.0
    scale = amax / 127.0 if amax > 0 else 1.0
    q = np.clip(np.round(x / scale), -127, 127).astype(np.int8)
    return q, scale


def absmax_dequantize(q: npt.NDArray[np.int8], scale: float) -> npt.NDArray[np.float64]:
    """Return q * scale as float64."""
    out: npt.NDArray[np.float64] = np.asarray(q, dtype=np.float64) * scale
    return out


def zeropoint_quantize(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.uint8], float, int]:
    """Return (q, scale, zero_point) mapping [min(x.min(), 0), max(x.max(), 0)] onto [0, 255]."""
    x = np.asarray(x, dtype=np.float64)
    lo = min(float(x.min()), 0.0) if x.size else 0.0
    hi = max(float(x.max()), 0.0) if x.size else 0.0
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zero_point = int(np.clip(round(-lo / scale), 0, 255))
    q = np.clip(np.round(x / scale) + zero_point, 0, 255).astype(np.uint8)
    return q, scale, zero_point


def zeropoint_dequantize(q: npt.NDArray[np.uint8], scale: float, zero_point: int) -> npt.NDArray[np.float64]:
    """Return (q - zero_point) * scale as float64."""
    out: npt.NDArray[np.float64] = (np.asarray(q, dtype=np.float64) - zero_point) * scale
    return out
