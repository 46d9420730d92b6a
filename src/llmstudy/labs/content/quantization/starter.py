"""Lab: absmax (symmetric) and zero-point (asymmetric) int8 quantization.

scale is the step: x ~ scale * q (absmax) or scale * (q - zero_point) (zero-point); round with np.round.
absmax_quantize(x) -> (q int8 in [-127, 127], scale = max|x| / 127, or 1.0 for all zeros).
absmax_dequantize(q, scale) -> q * scale.
zeropoint_quantize(x) -> (q uint8 in [0, 255], scale = (hi - lo) / 255, zero_point = round(-lo / scale)),
    lo = min(x.min(), 0), hi = max(x.max(), 0); scale = 1.0 when hi == lo.
zeropoint_dequantize(q, scale, zero_point) -> (q - zero_point) * scale, computed in float.
Both round trips satisfy |x - dequantize(quantize(x))| <= scale / 2.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def absmax_quantize(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int8], float]:
    """Return (q, scale): scale = max|x| / 127 (1.0 if x is all zeros), q = clip(round(x / scale), -127, 127) as int8."""
    raise NotImplementedError("absmax_quantize: scale from the largest magnitude, then round and clip")


def absmax_dequantize(q: npt.NDArray[np.int8], scale: float) -> npt.NDArray[np.float64]:
    """Return q * scale as float64."""
    raise NotImplementedError("absmax_dequantize: multiply back by the scale")


def zeropoint_quantize(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.uint8], float, int]:
    """Return (q, scale, zero_point) for the range [min(x.min(), 0), max(x.max(), 0)] mapped onto [0, 255]."""
    raise NotImplementedError("zeropoint_quantize: scale from the range, a zero point, round, shift and clip")


def zeropoint_dequantize(q: npt.NDArray[np.uint8], scale: float, zero_point: int) -> npt.NDArray[np.float64]:
    """Return (q - zero_point) * scale as float64 (convert q to float first)."""
    raise NotImplementedError("zeropoint_dequantize: undo the shift, then multiply by the scale")
