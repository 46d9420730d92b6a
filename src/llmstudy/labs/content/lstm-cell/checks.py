"""Checks for the lstm-cell lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=12)


def _setup(seed: int, B: int = 3, d_in: int = 4, H: int = 5) -> tuple[Array, Array, Array, Array, Array]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(B, d_in))
    h = rng.normal(0.0, 0.5, size=(B, H))
    c = rng.normal(0.0, 1.0, size=(B, H))
    W = rng.normal(0.0, 0.5, size=(d_in + H, 4 * H))
    b = rng.normal(0.0, 0.5, size=4 * H)
    return x, h, c, W, b


def _step(m: ModuleType, x: Array, h: Array, c: Array, W: Array, b: Array) -> tuple[Array, Array]:
    call = f"lstm_cell(x {x.shape}, h {h.shape}, c {c.shape}, W {W.shape}, b {b.shape})"
    out = m.lstm_cell(x.copy(), h.copy(), c.copy(), W.copy(), b.copy())
    assert isinstance(out, tuple) and len(out) == 2, (
        f"{call} returned {type(out).__name__}; expected a tuple (h_new, c_new)",
        f"{call} 返回的是 {type(out).__name__}；应当返回元组 (h_new, c_new)",
    )
    return as_array(out[0], f"{call} [h_new]", h.shape), as_array(out[1], f"{call} [c_new]", c.shape)


def _variants(x: Array, h: Array, c: Array, W: Array, b: Array) -> dict[tuple[str, str], tuple[Array, Array]]:
    """What some common mistakes compute, by the hint (en, zh) that names the mistake."""
    H = h.shape[-1]
    s: Callable[[Array], Array] = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    z = np.concatenate([x, h], axis=-1) @ W + b
    zr = np.concatenate([h, x], axis=-1) @ W + b
    i, f, g, o = s(z[:, :H]), s(z[:, H : 2 * H]), np.tanh(z[:, 2 * H : 3 * H]), s(z[:, 3 * H :])
    c_ifog = s(z[:, H : 2 * H]) * c + s(z[:, :H]) * np.tanh(z[:, 3 * H :])
    out: dict[tuple[str, str], tuple[Array, Array]] = {
        (
            " (the gates are read in the order i, f, o, g; this lab uses i, f, g, o)",
            "（门是按 i、f、o、g 的顺序取的；本实验的顺序是 i、f、g、o）",
        ): (
            s(z[:, 2 * H : 3 * H]) * np.tanh(c_ifog),
            c_ifog,
        ),
        (
            " (h_new uses tanh of the old cell state; use tanh(c_new))",
            "（h_new 用的是旧细胞状态的 tanh；应当用 tanh(c_new)）",
        ): (o * np.tanh(c), f * c + i * g),
        (
            " (the forget gate is missing: c_new = f * c + i * g)",
            "（少了遗忘门：c_new = f * c + i * g）",
        ): (o * np.tanh(c + i * g), c + i * g),
        (
            " (the input is [h, x]; concatenate [x, h], x first, to match the rows of W)",
            "（输入拼成了 [h, x]；应拼接成 [x, h]，x 在前，才与 W 的行对应）",
        ): (
            s(zr[:, 3 * H :]) * np.tanh(s(zr[:, H : 2 * H]) * c + s(zr[:, :H]) * np.tanh(zr[:, 2 * H : 3 * H])),
            s(zr[:, H : 2 * H]) * c + s(zr[:, :H]) * np.tanh(zr[:, 2 * H : 3 * H]),
        ),
    }
    return out


def check_one_step(m: ModuleType, ref: ModuleType) -> None:
    """lstm_cell matches the reference: gates i, f, g, o; c' = f*c + i*g; h' = o*tanh(c')
    zh: lstm_cell 与参考实现一致：门的顺序是 i、f、g、o；c' = f*c + i*g；h' = o*tanh(c')"""
    x, h, c, W, b = _setup(1)
    h_new, c_new = _step(m, x, h, c, W, b)
    want_h, want_c = ref.lstm_cell(x, h, c, W, b)
    if np.allclose(h_new, want_h) and np.allclose(c_new, want_c):
        return
    hint, hint_zh = next(
        (k for k, (vh, vc) in _variants(x, h, c, W, b).items() if np.allclose(h_new, vh) and np.allclose(c_new, vc)),
        ("", ""),
    )
    which = "c_new" if not np.allclose(c_new, want_c) else "h_new"
    got, want = (c_new, want_c) if which == "c_new" else (h_new, want_h)
    raise AssertionError(
        (
            f"lstm_cell on a random batch of 3: {which}[0] is {_fmt(got[0])}; expected {_fmt(want[0])}{hint}",
            f"在 3 个样本的随机批次上调用 lstm_cell：{which}[0] 是 {_fmt(got[0])}，应为 {_fmt(want[0])}{hint_zh}",
        )
    )


def check_memory_carries_over(m: ModuleType, ref: ModuleType) -> None:
    """with the forget gate open and the input gate shut, the cell state passes through unchanged
    zh: 遗忘门全开、输入门关闭时，细胞状态原样传递"""
    H, d_in = 3, 2
    x, h = np.ones((1, d_in)), np.zeros((1, H))
    c = np.array([[2.0, -1.0, 0.5]])
    W = np.zeros((d_in + H, 4 * H))
    b = np.concatenate([np.full(H, -30.0), np.full(H, 30.0), np.full(H, 1.0), np.full(H, 30.0)])
    h_new, c_new = _step(m, x, h, c, W, b)
    assert np.allclose(c_new, c, atol=1e-6), (
        f"with i = sigmoid(-30) ≈ 0 and f = sigmoid(30) ≈ 1, c_new should equal c = {_fmt(c[0])}; got {_fmt(c_new[0])}",
        f"i = sigmoid(-30) ≈ 0、f = sigmoid(30) ≈ 1 时，c_new 应等于 c = {_fmt(c[0])}；实际得到 {_fmt(c_new[0])}",
    )
    assert np.allclose(h_new, np.tanh(c), atol=1e-6), (
        f"with the output gate o ≈ 1, h_new should be tanh(c_new) = {_fmt(np.tanh(c[0]))}; got {_fmt(h_new[0])}",
        f"输出门 o ≈ 1 时，h_new 应为 tanh(c_new) = {_fmt(np.tanh(c[0]))}；实际得到 {_fmt(h_new[0])}",
    )


def check_forget_gate_shut(m: ModuleType, ref: ModuleType) -> None:
    """with the forget gate shut and the input gate open, the cell state becomes the candidate g
    zh: 遗忘门关闭、输入门全开时，细胞状态变成候选值 g"""
    H, d_in = 2, 2
    x, h = np.array([[0.5, -1.0]]), np.zeros((1, H))
    c = np.array([[5.0, -5.0]])
    W = np.zeros((d_in + H, 4 * H))
    W[:d_in, 2 * H : 3 * H] = np.eye(2)  # g = tanh(x)
    b = np.concatenate([np.full(H, 30.0), np.full(H, -30.0), np.zeros(H), np.zeros(H)])
    _h_new, c_new = _step(m, x, h, c, W, b)
    want = np.tanh(x)
    kept = np.allclose(c_new, c + want)
    hint = " (the old cell state was kept: the forget gate must multiply c)" if kept else ""
    hint_zh = "（旧的细胞状态被保留了下来：遗忘门要乘在 c 上）" if kept else ""
    assert np.allclose(c_new, want, atol=1e-6), (
        f"with f ≈ 0, i ≈ 1 and g = tanh(x) = {_fmt(want[0])}, c_new should be g; got {_fmt(c_new[0])}{hint}",
        f"f ≈ 0、i ≈ 1、g = tanh(x) = {_fmt(want[0])} 时，c_new 应等于 g；实际得到 {_fmt(c_new[0])}{hint_zh}",
    )


def check_sequence(m: ModuleType, ref: ModuleType) -> None:
    """lstm_forward carries (h, c) from step to step and returns every h plus the final state
    zh: lstm_forward 把 (h, c) 逐步传递，返回每一步的 h 以及最终状态"""
    rng = np.random.default_rng(2)
    T, B, d_in, H = 6, 2, 3, 4
    xs = rng.normal(size=(T, B, d_in))
    h0, c0 = np.zeros((B, H)), np.zeros((B, H))
    W, b = rng.normal(0.0, 0.5, size=(d_in + H, 4 * H)), rng.normal(0.0, 0.5, size=4 * H)
    out = m.lstm_forward(xs.copy(), h0.copy(), c0.copy(), W.copy(), b.copy())
    call = "lstm_forward(xs (6, 2, 3), h0, c0, W, b)"
    assert isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], tuple) and len(out[1]) == 2, (
        f"{call} returned {type(out).__name__}; expected (hs, (h_T, c_T))",
        f"{call} 返回的是 {type(out).__name__}；应当返回 (hs, (h_T, c_T))",
    )
    hs = as_array(out[0], f"{call} [hs]", (T, B, H))
    h_T = as_array(out[1][0], f"{call} [h_T]", (B, H))
    c_T = as_array(out[1][1], f"{call} [c_T]", (B, H))
    want_hs, (want_h, want_c) = ref.lstm_forward(xs, h0, c0, W, b)
    bad = [t for t in range(T) if not np.allclose(hs[t], want_hs[t])]
    if bad:
        restarted = ref.lstm_cell(xs[bad[0]], h0, c0, W, b)[0]
        dropped = np.allclose(hs[bad[0]], restarted)
        hint = " (the state must be carried: feed step t's (h, c) into step t + 1)" if dropped else ""
        hint_zh = "（状态要逐步传递：把第 t 步的 (h, c) 送入第 t + 1 步）" if dropped else ""
        raise AssertionError(
            (
                f"{call}: hs[{bad[0]}][0] is {_fmt(hs[bad[0]][0])}; expected {_fmt(want_hs[bad[0]][0])}{hint}",
                f"{call}：hs[{bad[0]}][0] 是 {_fmt(hs[bad[0]][0])}，应为 {_fmt(want_hs[bad[0]][0])}{hint_zh}",
            )
        )
    assert np.allclose(h_T, hs[-1]) and np.allclose(h_T, want_h), (
        f"{call}: h_T should equal hs[-1] = {_fmt(want_h[0])}",
        f"{call}：h_T 应等于 hs[-1] = {_fmt(want_h[0])}",
    )
    assert np.allclose(c_T, want_c), (
        f"{call}: c_T[0] is {_fmt(c_T[0])}; expected {_fmt(want_c[0])}",
        f"{call}：c_T[0] 是 {_fmt(c_T[0])}，应为 {_fmt(want_c[0])}",
    )


def check_long_sequence_bounded(m: ModuleType, ref: ModuleType) -> None:
    """over 200 steps with large inputs, h stays in (-1, 1) and nothing overflows
    zh: 200 步、输入很大时，h 仍在 (-1, 1) 之间，不会溢出"""
    rng = np.random.default_rng(3)
    T, B, d_in, H = 200, 1, 2, 3
    xs = 50.0 * rng.normal(size=(T, B, d_in))
    W, b = rng.normal(size=(d_in + H, 4 * H)), rng.normal(size=4 * H)
    out = m.lstm_forward(xs, np.zeros((B, H)), np.zeros((B, H)), W, b)
    hs = as_array(out[0], "lstm_forward(200 steps)", (T, B, H), "lstm_forward(200 步)")
    assert np.all(np.isfinite(hs)) and np.all(np.abs(hs) <= 1.0), (
        f"after 200 steps with inputs around ±50, h has values {_fmt(hs[np.argmax(np.abs(hs).max(axis=(1, 2)))][0])}; "
        "h = o * tanh(c) must stay within [-1, 1]",
        f"输入在 ±50 左右、经过 200 步后，h 出现了 {_fmt(hs[np.argmax(np.abs(hs).max(axis=(1, 2)))][0])} 这样的值；"
        "h = o * tanh(c) 必须保持在 [-1, 1] 之内",
    )
    want_hs, _ = ref.lstm_forward(xs, np.zeros((B, H)), np.zeros((B, H)), W, b)
    assert np.allclose(hs, want_hs, atol=1e-6), (
        "over 200 steps the hidden states drift away from the reference",
        "经过 200 步后，隐藏状态逐渐偏离了参考实现",
    )
