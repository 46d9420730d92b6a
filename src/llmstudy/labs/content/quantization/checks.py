"""Checks for the quantization lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def _weights(seed: int, shape: tuple[int, ...] = (6, 8)) -> Array:
    """Normal weights with a couple of outliers, as real layers have."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 0.5, size=shape)
    x.flat[rng.integers(0, x.size)] = 3.1
    return x


def _absmax(m: ModuleType, x: Array, what: str, what_zh: str | None = None) -> tuple[npt.NDArray[np.int8], float]:
    """absmax_quantize(x); ``what`` (``what_zh`` in Chinese, when it differs) names x in the messages."""
    zh = what_zh or what
    out = m.absmax_quantize(x)
    assert isinstance(out, tuple) and len(out) == 2, (
        f"absmax_quantize({what}) returned {type(out).__name__}, expected a tuple (q, scale)",
        f"absmax_quantize({zh}) 返回的是 {type(out).__name__}，应当返回元组 (q, scale)",
    )
    q, scale = out
    assert isinstance(q, np.ndarray), (
        f"absmax_quantize({what}) returned q of type {type(q).__name__}, expected a NumPy array",
        f"absmax_quantize({zh}) 返回的 q 类型是 {type(q).__name__}，应当是 NumPy 数组",
    )
    return q, float(scale)


def _zeropoint(
    m: ModuleType, x: Array, what: str, what_zh: str | None = None
) -> tuple[npt.NDArray[np.uint8], float, int]:
    """zeropoint_quantize(x); ``what`` (``what_zh`` in Chinese, when it differs) names x in the messages."""
    zh = what_zh or what
    out = m.zeropoint_quantize(x)
    assert isinstance(out, tuple) and len(out) == 3, (
        f"zeropoint_quantize({what}) returned {type(out).__name__}, expected a tuple (q, scale, zero_point)",
        f"zeropoint_quantize({zh}) 返回的是 {type(out).__name__}，应当返回元组 (q, scale, zero_point)",
    )
    q, scale, zp = out
    assert isinstance(q, np.ndarray), (
        f"zeropoint_quantize({what}) returned q of type {type(q).__name__}, expected a NumPy array",
        f"zeropoint_quantize({zh}) 返回的 q 类型是 {type(q).__name__}，应当是 NumPy 数组",
    )
    assert float(zp) == int(zp), (
        f"zeropoint_quantize({what}) returned zero_point {zp!r}, expected an integer",
        f"zeropoint_quantize({zh}) 返回的 zero_point 是 {zp!r}，应当是整数",
    )
    return q, float(scale), int(zp)


def _first_diff(got: npt.NDArray[np.generic], want: npt.NDArray[np.generic], x: Array) -> tuple[str, str]:
    idx = tuple(int(i) for i in np.argwhere(got != want)[0])
    return (
        f"at index {idx} (x = {x[idx]:.5f}) q is {got[idx]}, expected {want[idx]}",
        f"在下标 {idx} 处（x = {x[idx]:.5f}），q 是 {got[idx]}，应为 {want[idx]}",
    )


def check_absmax_known(m: ModuleType, ref: ModuleType) -> None:
    """absmax on [0.5, -0.9, 0.3, 2.0]: scale 2/127, q [32, -57, 19, 127]
    zh: 对 [0.5, -0.9, 0.3, 2.0] 做 absmax：scale 为 2/127，q 为 [32, -57, 19, 127]"""
    x = np.array([0.5, -0.9, 0.3, 2.0])
    q, scale = _absmax(m, x, "[0.5, -0.9, 0.3, 2.0]")
    assert np.isclose(scale, 2.0 / 127.0), (
        f"absmax_quantize([0.5, -0.9, 0.3, 2.0]) returned scale {scale:.6f}, expected 2/127 = {2 / 127:.6f} (max|x| / 127)",
        f"absmax_quantize([0.5, -0.9, 0.3, 2.0]) 返回的 scale 是 {scale:.6f}，应为 2/127 = {2 / 127:.6f}（max|x| / 127）",
    )
    assert q.tolist() == [32, -57, 19, 127], (
        f"absmax_quantize([0.5, -0.9, 0.3, 2.0]) returned q {q.tolist()}, expected [32, -57, 19, 127] (round(x / scale))",
        f"absmax_quantize([0.5, -0.9, 0.3, 2.0]) 返回的 q 是 {q.tolist()}，应为 [32, -57, 19, 127]（round(x / scale)）",
    )


def check_absmax_matches(m: ModuleType, ref: ModuleType) -> None:
    """absmax_quantize on random weights with an outlier: same int8 codes and scale as the reference
    zh: 对带离群值的随机权重做 absmax_quantize：int8 编码和 scale 与参考一致"""
    x = _weights(1)
    q, scale = _absmax(m, x, "a (6, 8) weight matrix", "一个 (6, 8) 的权重矩阵")
    want_q, want_scale = ref.absmax_quantize(x)
    assert q.dtype == np.int8, (
        f"absmax_quantize returned q with dtype {q.dtype}, expected int8",
        f"absmax_quantize 返回的 q 的 dtype 是 {q.dtype}，应为 int8",
    )
    assert q.shape == x.shape, (
        f"absmax_quantize on shape {x.shape} returned q of shape {q.shape}",
        f"输入形状为 {x.shape} 时，absmax_quantize 返回的 q 形状是 {q.shape}，应与输入相同",
    )
    assert np.isclose(scale, want_scale), (
        f"absmax_quantize on a (6, 8) matrix with max|x| = 3.1 returned scale {scale:.6f}, expected {want_scale:.6f}",
        f"对 max|x| = 3.1 的 (6, 8) 矩阵，absmax_quantize 返回的 scale 是 {scale:.6f}，应为 {want_scale:.6f}",
    )
    assert np.array_equal(q, want_q), (
        f"absmax_quantize: {_first_diff(q, want_q, x)[0]}",
        f"absmax_quantize：{_first_diff(q, want_q, x)[1]}",
    )
    assert int(np.abs(q).max()) == 127, (
        f"absmax_quantize: the largest |q| is {int(np.abs(q).max())}, expected 127 (the largest |x| maps to ±127)",
        f"absmax_quantize：最大的 |q| 是 {int(np.abs(q).max())}，应为 127（绝对值最大的 x 要映射到 ±127）",
    )


def check_absmax_dequantize(m: ModuleType, ref: ModuleType) -> None:
    """absmax_dequantize returns q * scale as floats
    zh: absmax_dequantize 返回浮点数 q × scale"""
    q = np.array([[-127, -3, 0], [5, 64, 127]], dtype=np.int8)
    got = np.asarray(m.absmax_dequantize(q, 0.02))
    want = ref.absmax_dequantize(q, 0.02)
    assert np.issubdtype(got.dtype, np.floating), (
        f"absmax_dequantize returned dtype {got.dtype}, expected float64",
        f"absmax_dequantize 返回的 dtype 是 {got.dtype}，应为 float64",
    )
    assert np.allclose(got, want), (
        f"absmax_dequantize(q, 0.02) returned {got.tolist()}, expected {want.tolist()}",
        f"absmax_dequantize(q, 0.02) 返回 {got.tolist()}，应为 {want.tolist()}",
    )


def check_absmax_error_bound(m: ModuleType, ref: ModuleType) -> None:
    """absmax round trip: |x - dequantize(quantize(x))| <= scale / 2 everywhere
    zh: absmax 往返误差：处处满足 |x − 反量化(量化(x))| ≤ scale / 2"""
    for seed in (2, 3, 4):
        x = _weights(seed, (40,))
        q, scale = _absmax(m, x, "40 random weights", "40 个随机权重")
        back = np.asarray(m.absmax_dequantize(q, scale), dtype=np.float64)
        err = np.abs(x - back)
        i = int(err.argmax())
        assert err[i] <= scale / 2 + 1e-12, (
            f"absmax round trip of x = {x[i]:.5f} gave {back[i]:.5f}: error {err[i]:.5f} > scale / 2 = {scale / 2:.5f} (round to nearest, do not truncate)",
            f"x = {x[i]:.5f} 经 absmax 往返后变成了 {back[i]:.5f}：误差 {err[i]:.5f} > scale / 2 = {scale / 2:.5f}（要四舍五入到最近的整数，不能直接截断）",
        )


def check_absmax_all_zeros(m: ModuleType, ref: ModuleType) -> None:
    """absmax of an all-zero tensor: scale 1.0, no nan
    zh: 全零张量的 absmax：scale 为 1.0，不出现 nan"""
    x = np.zeros(5)
    q, scale = _absmax(m, x, "np.zeros(5)")
    assert np.isfinite(scale) and scale > 0, (
        f"absmax_quantize(np.zeros(5)) returned scale {scale}, expected 1.0 (do not divide by max|x| = 0)",
        f"absmax_quantize(np.zeros(5)) 返回的 scale 是 {scale}，应为 1.0（不能除以 max|x| = 0）",
    )
    assert np.all(q == 0), (
        f"absmax_quantize(np.zeros(5)) returned q {q.tolist()}, expected all zeros",
        f"absmax_quantize(np.zeros(5)) 返回的 q 是 {q.tolist()}，应当全为 0",
    )


def check_zeropoint_known(m: ModuleType, ref: ModuleType) -> None:
    """zero-point on [-1.0, 0.0, 0.7, 1.55]: scale 0.01, zero_point 100, q [0, 100, 170, 255]
    zh: 对 [-1.0, 0.0, 0.7, 1.55] 做零点量化：scale 为 0.01，zero_point 为 100，q 为 [0, 100, 170, 255]"""
    x = np.array([-1.0, 0.0, 0.7, 1.55])
    q, scale, zp = _zeropoint(m, x, "[-1.0, 0.0, 0.7, 1.55]")
    assert np.isclose(scale, 0.01), (
        f"zeropoint_quantize([-1.0, 0.0, 0.7, 1.55]) returned scale {scale:.6f}, expected (1.55 - (-1.0)) / 255 = 0.01",
        f"zeropoint_quantize([-1.0, 0.0, 0.7, 1.55]) 返回的 scale 是 {scale:.6f}，应为 (1.55 - (-1.0)) / 255 = 0.01",
    )
    assert zp == 100, (
        f"zeropoint_quantize([-1.0, 0.0, 0.7, 1.55]) returned zero_point {zp}, expected round(-lo / scale) = round(1.0 / 0.01) = 100",
        f"zeropoint_quantize([-1.0, 0.0, 0.7, 1.55]) 返回的 zero_point 是 {zp}，应为 round(-lo / scale) = round(1.0 / 0.01) = 100",
    )
    assert q.tolist() == [0, 100, 170, 255], (
        f"zeropoint_quantize([-1.0, 0.0, 0.7, 1.55]) returned q {q.tolist()}, expected [0, 100, 170, 255]",
        f"zeropoint_quantize([-1.0, 0.0, 0.7, 1.55]) 返回的 q 是 {q.tolist()}，应为 [0, 100, 170, 255]",
    )


def check_zeropoint_matches(m: ModuleType, ref: ModuleType) -> None:
    """zeropoint_quantize on random and all-positive data: same uint8 codes, scale and zero point as the reference
    zh: 对随机数据和全正数据做 zeropoint_quantize：uint8 编码、scale 和零点与参考一致"""
    positive = np.random.default_rng(8).uniform(0.5, 3.0, size=(6, 8))
    cases = {
        ("a (6, 8) weight matrix", "一个 (6, 8) 的权重矩阵"): _weights(5),
        ("a (6, 8) matrix of values in [0.5, 3]", "一个取值在 [0.5, 3] 之间的 (6, 8) 矩阵"): positive,
    }
    for (name, name_zh), x in cases.items():
        q, scale, zp = _zeropoint(m, x, name, name_zh)
        want_q, want_scale, want_zp = ref.zeropoint_quantize(x)
        assert q.dtype == np.uint8, (
            f"zeropoint_quantize returned q with dtype {q.dtype}, expected uint8",
            f"zeropoint_quantize 返回的 q 的 dtype 是 {q.dtype}，应为 uint8",
        )
        assert q.shape == x.shape, (
            f"zeropoint_quantize on shape {x.shape} returned q of shape {q.shape}",
            f"输入形状为 {x.shape} 时，zeropoint_quantize 返回的 q 形状是 {q.shape}，应与输入相同",
        )
        where = f"zeropoint_quantize on {name} (min {x.min():.3f}, max {x.max():.3f})"
        where_zh = f"对{name_zh}（最小值 {x.min():.3f}，最大值 {x.max():.3f}）做 zeropoint_quantize"
        hint = " (the range must include 0: lo = min(x.min(), 0), hi = max(x.max(), 0))" if x.min() > 0 else ""
        hint_zh = "（范围必须包含 0：lo = min(x.min(), 0)，hi = max(x.max(), 0)）" if x.min() > 0 else ""
        assert np.isclose(scale, want_scale), (
            f"{where} returned scale {scale:.6f}, expected {want_scale:.6f}{hint}",
            f"{where_zh}，返回的 scale 是 {scale:.6f}，应为 {want_scale:.6f}{hint_zh}",
        )
        assert zp == want_zp, (
            f"{where} returned zero_point {zp}, expected {want_zp}{hint}",
            f"{where_zh}，返回的 zero_point 是 {zp}，应为 {want_zp}{hint_zh}",
        )
        assert np.array_equal(q, want_q), (
            f"{where}: {_first_diff(q, want_q, x)[0]}",
            f"{where_zh}：{_first_diff(q, want_q, x)[1]}",
        )


def check_zeropoint_dequantize_uint8(m: ModuleType, ref: ModuleType) -> None:
    """zeropoint_dequantize works on uint8 codes below the zero point (no wrap-around)
    zh: 对小于零点的 uint8 编码，zeropoint_dequantize 也要正确（不能回绕）"""
    q = np.array([0, 3, 100, 200, 255], dtype=np.uint8)
    got = np.asarray(m.zeropoint_dequantize(q, 0.01, 100), dtype=np.float64)
    want = ref.zeropoint_dequantize(q, 0.01, 100)
    assert np.allclose(got, want), (
        f"zeropoint_dequantize([0, 3, 100, 200, 255] as uint8, 0.01, 100) returned {got.round(4).tolist()}, "
        f"expected {want.round(4).tolist()} (convert q to float before subtracting the zero point)",
        f"zeropoint_dequantize([0, 3, 100, 200, 255]（uint8）, 0.01, 100) 返回 {got.round(4).tolist()}，"
        f"应为 {want.round(4).tolist()}（要先把 q 转成浮点数，再减去零点）",
    )


def check_zeropoint_zero_is_exact(m: ModuleType, ref: ModuleType) -> None:
    """zero is represented exactly: 0.0 round-trips to 0.0
    zh: 0 能被精确表示：0.0 往返后仍是 0.0"""
    x = np.array([-0.37, 0.0, 1.23, 0.0, 2.9])
    q, scale, zp = _zeropoint(m, x, "[-0.37, 0.0, 1.23, 0.0, 2.9]")
    assert 0 <= zp <= 255, (
        f"zeropoint_quantize returned zero_point {zp}, expected a value in [0, 255]",
        f"zeropoint_quantize 返回的 zero_point 是 {zp}，应在 [0, 255] 之间",
    )
    back = np.asarray(m.zeropoint_dequantize(q, scale, zp), dtype=np.float64)
    assert back[1] == 0.0 and back[3] == 0.0, (
        f"zero-point round trip of 0.0 gave {back[1]!r}, expected exactly 0.0 (0.0 quantizes to q = zero_point)",
        f"0.0 经零点量化往返后变成了 {back[1]!r}，应当恰好是 0.0（0.0 量化后正好是 q = zero_point）",
    )


def check_zeropoint_error_bound(m: ModuleType, ref: ModuleType) -> None:
    """zero-point round trip: |x - dequantize(quantize(x))| <= scale / 2, also for all-positive and all-negative data
    zh: 零点量化往返误差 ≤ scale / 2，全正、全负的数据也一样"""
    rng = np.random.default_rng(6)
    cases = {
        ("weights with an outlier", "带离群值的权重"): _weights(6, (50,)),
        ("all positive (ReLU outputs)", "全正的数据（ReLU 的输出）"): rng.uniform(0.2, 6.0, size=50),
        ("all negative", "全负的数据"): rng.uniform(-4.0, -0.5, size=50),
    }
    for (name, name_zh), x in cases.items():
        q, scale, zp = _zeropoint(m, x, name, name_zh)
        back = np.asarray(m.zeropoint_dequantize(q, scale, zp), dtype=np.float64)
        err = np.abs(x - back)
        i = int(err.argmax())
        assert err[i] <= scale / 2 + 1e-12, (
            f"zero-point round trip on {name}: x = {x[i]:.5f} gave {back[i]:.5f}, error {err[i]:.5f} > scale / 2 = {scale / 2:.5f}",
            f"对{name_zh}做零点量化往返：x = {x[i]:.5f} 变成了 {back[i]:.5f}，误差 {err[i]:.5f} > scale / 2 = {scale / 2:.5f}",
        )


def check_zeropoint_all_zeros(m: ModuleType, ref: ModuleType) -> None:
    """zero-point on an all-zero tensor: scale 1.0, no nan
    zh: 全零张量的零点量化：scale 为 1.0，不出现 nan"""
    x = np.zeros(4)
    q, scale, zp = _zeropoint(m, x, "np.zeros(4)")
    assert np.isfinite(scale) and scale > 0, (
        f"zeropoint_quantize(np.zeros(4)) returned scale {scale}, expected 1.0 (hi == lo)",
        f"zeropoint_quantize(np.zeros(4)) 返回的 scale 是 {scale}，应为 1.0（此时 hi == lo）",
    )
    back = np.asarray(m.zeropoint_dequantize(q, scale, zp), dtype=np.float64)
    assert np.all(back == 0.0), (
        f"zero-point round trip of np.zeros(4) gave {back.tolist()}, expected zeros",
        f"np.zeros(4) 经零点量化往返后变成了 {back.tolist()}，应当全为 0",
    )


def check_asymmetric_wins_on_skewed_data(m: ModuleType, ref: ModuleType) -> None:
    """on all-positive data the zero-point scheme has a smaller step than absmax (it uses all 256 codes)
    zh: 对全正的数据，零点量化的步长比 absmax 小（用满了 256 个编码）"""
    x = np.random.default_rng(7).uniform(0.0, 6.0, size=64)
    _q, s_abs = _absmax(m, x, "64 values in [0, 6]", "[0, 6] 之间的 64 个值")
    _q2, s_zp, _zp = _zeropoint(m, x, "64 values in [0, 6]", "[0, 6] 之间的 64 个值")
    assert s_zp < 0.6 * s_abs, (
        f"on 64 values in [0, 6] the zero-point scale is {s_zp:.5f} and the absmax scale {s_abs:.5f}; "
        "expected the zero-point step to be about half (255 steps over [0, max] instead of 127)",
        f"对 [0, 6] 之间的 64 个值，零点量化的 scale 是 {s_zp:.5f}，absmax 的 scale 是 {s_abs:.5f}；"
        "零点量化的步长应当只有后者的一半左右（在 [0, max] 上分 255 级，而不是 127 级）",
    )
