"""Checks for the mlp-xor lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]
KEYS = ("W1", "b1", "W2", "b2")


def _fmt(a: Array) -> str:
    return np.array2string(np.asarray(a), precision=4, suppress_small=True, threshold=20)


def _params(seed: int, n_hidden: int = 3) -> dict[str, Array]:
    """Random parameters with non-zero biases (so a wrong bias gradient shows)."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 1.0, size=(2, n_hidden)),
        "b1": rng.normal(0.0, 0.5, size=n_hidden),
        "W2": rng.normal(0.0, 1.0, size=(n_hidden, 1)),
        "b2": np.array([0.3]),
    }


def _copy(params: dict[str, Array]) -> dict[str, Array]:
    return {k: v.copy() for k, v in params.items()}


def _forward(m: ModuleType, params: dict[str, Array], X: Array) -> tuple[Array, Any]:
    out = m.forward(_copy(params), X)
    assert isinstance(out, tuple) and len(out) == 2, (
        f"forward(params, X) returned {type(out).__name__}; expected a tuple (p, cache)",
        f"forward(params, X) 返回的是 {type(out).__name__}；应当返回元组 (p, cache)",
    )
    p = as_array(
        out[0],
        f"forward(params, X of shape {X.shape}) [the p part]",
        (X.shape[0], 1),
        f"forward(params, 形状为 {X.shape} 的 X) [p 部分]",
    )
    return p, out[1]


def _grads(m: ModuleType, params: dict[str, Array], X: Array, y: Array) -> dict[str, Array]:
    _p, cache = m.forward(_copy(params), X)
    grads = m.backward(_copy(params), cache, y)
    assert isinstance(grads, dict), (
        f"backward returned {type(grads).__name__}; expected a dict with keys {KEYS}",
        f"backward 返回的是 {type(grads).__name__}；应当返回包含键 {KEYS} 的字典",
    )
    missing = [k for k in KEYS if k not in grads]
    assert not missing, (
        f"backward returned a dict without {missing}; expected keys {KEYS}",
        f"backward 返回的字典缺少 {missing}；应当包含键 {KEYS}",
    )
    return {k: as_array(grads[k], f"backward(...)['{k}']", params[k].shape) for k in KEYS}


def check_forward(m: ModuleType, ref: ModuleType) -> None:
    """forward gives p = sigmoid(tanh(X W1 + b1) W2 + b2) of shape (N, 1)
    zh: forward 返回形状 (N, 1) 的 p = sigmoid(tanh(X W1 + b1) W2 + b2)"""
    rng = np.random.default_rng(1)
    params = _params(1)
    X = rng.normal(0.0, 1.0, size=(5, 2))
    got, _ = _forward(m, params, X)
    want, _ = ref.forward(_copy(params), X)
    assert np.all((got > 0) & (got < 1)), (
        f"forward returned p = {_fmt(got[:, 0])}; probabilities must lie in (0, 1): sigmoid on the output",
        f"forward 返回 p = {_fmt(got[:, 0])}；概率必须落在 (0, 1) 之内：输出层要过 sigmoid",
    )
    assert np.allclose(got, want, atol=1e-8), (
        f"forward on 5 random inputs (hidden size 3) returned p = {_fmt(got[:, 0])}; expected {_fmt(want[:, 0])}",
        f"对 5 个随机输入（隐藏层大小为 3），forward 返回 p = {_fmt(got[:, 0])}，应为 {_fmt(want[:, 0])}",
    )


def check_bce_loss(m: ModuleType, ref: ModuleType) -> None:
    """bce_loss is the mean binary cross-entropy; p = 0.5 everywhere gives log 2
    zh: bce_loss 是二元交叉熵的平均值；p 全为 0.5 时等于 log 2"""
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    half = m.bce_loss(np.full((4, 1), 0.5), y)
    assert half is not None, ("bce_loss returned None; expected a float", "bce_loss 返回了 None；应当返回浮点数")
    assert np.isclose(float(half), np.log(2.0)), (
        f"bce_loss(p = 0.5 everywhere, XOR labels) returned {float(half):.6f}; expected log 2 = {np.log(2.0):.6f}",
        f"bce_loss(p 全为 0.5, XOR 标签) 返回 {float(half):.6f}，应为 log 2 = {np.log(2.0):.6f}",
    )
    p = np.array([[0.1], [0.8], [0.6], [0.3]])
    got = float(m.bce_loss(p, y))
    want = ref.bce_loss(p, y)
    hint = " (that is the sum; take the mean over the N examples)" if np.isclose(got, 4 * want) else ""
    hint_zh = "（这是总和；应当对 N 个样本取平均）" if np.isclose(got, 4 * want) else ""
    assert np.isclose(got, want), (
        f"bce_loss(p = [0.1, 0.8, 0.6, 0.3], y = [0, 1, 1, 0]) returned {got:.6f}; expected {want:.6f}{hint}",
        f"bce_loss(p = [0.1, 0.8, 0.6, 0.3], y = [0, 1, 1, 0]) 返回 {got:.6f}，应为 {want:.6f}{hint_zh}",
    )


def check_backward_shapes(m: ModuleType, ref: ModuleType) -> None:
    """backward returns a gradient for W1, b1, W2, b2 with the parameter's shape
    zh: backward 为 W1、b1、W2、b2 各返回一个与参数同形状的梯度"""
    params = _params(2, n_hidden=4)
    X = np.random.default_rng(2).normal(size=(6, 2))
    y = (np.random.default_rng(3).random((6, 1)) > 0.5).astype(np.float64)
    _grads(m, params, X, y)


def check_gradient_numerically(m: ModuleType, ref: ModuleType) -> None:
    """backward agrees with finite differences of the loss (gradient check)
    zh: backward 与损失的有限差分数值梯度一致（梯度检验）"""
    params = _params(4, n_hidden=3)
    X = np.random.default_rng(5).normal(size=(6, 2))
    y = np.array([[0.0], [1.0], [1.0], [0.0], [1.0], [0.0]])
    grads = _grads(m, params, X, y)
    eps = 1e-6
    for key in KEYS:
        numeric = np.zeros_like(params[key])
        for idx in np.ndindex(params[key].shape):
            plus, minus = _copy(params), _copy(params)
            plus[key][idx] += eps
            minus[key][idx] -= eps
            lp = ref.bce_loss(ref.forward(plus, X)[0], y)
            lm = ref.bce_loss(ref.forward(minus, X)[0], y)
            numeric[idx] = (lp - lm) / (2 * eps)
        if not np.allclose(grads[key], numeric, rtol=1e-4, atol=1e-7):
            worst = tuple(int(i) for i in np.unravel_index(np.argmax(np.abs(grads[key] - numeric)), numeric.shape))
            ratio = ratio_zh = ""
            with np.errstate(divide="ignore", invalid="ignore"):
                r = grads[key] / numeric
            if np.all(np.isfinite(r)) and np.allclose(r, r.flat[0], rtol=1e-3):
                ratio = f" (off by a constant factor {r.flat[0]:.4g}: a missing or extra 1/N?)"
                ratio_zh = f"（差了一个常数倍 {r.flat[0]:.4g}：是不是少乘或多乘了 1/N？）"
            raise AssertionError(
                (
                    f"d loss / d {key}{list(worst)} from backward is {grads[key][worst]:.6g}; "
                    f"the finite difference (L(w+eps) - L(w-eps)) / 2eps gives {numeric[worst]:.6g}{ratio}",
                    f"backward 给出的 d loss / d {key}{list(worst)} 是 {grads[key][worst]:.6g}；"
                    f"有限差分 (L(w+eps) - L(w-eps)) / 2eps 给出的是 {numeric[worst]:.6g}{ratio_zh}",
                )
            )


def check_backward_batch(m: ModuleType, ref: ModuleType) -> None:
    """backward matches the reference on a larger random batch
    zh: 在更大的随机批次上 backward 与参考实现一致"""
    params = _params(6, n_hidden=8)
    X = np.random.default_rng(7).normal(size=(32, 2))
    y = (np.random.default_rng(8).random((32, 1)) > 0.5).astype(np.float64)
    grads = _grads(m, params, X, y)
    _p, cache = ref.forward(_copy(params), X)
    want = ref.backward(_copy(params), cache, y)
    for key in KEYS:
        assert np.allclose(grads[key], want[key], rtol=1e-6, atol=1e-10), (
            f"backward on 32 examples, hidden size 8: grad {key} is {_fmt(grads[key].ravel()[:4])}…; expected {_fmt(want[key].ravel()[:4])}…",
            f"在 32 个样本、隐藏层大小为 8 时，backward 给出的 {key} 梯度是 {_fmt(grads[key].ravel()[:4])}…，应为 {_fmt(want[key].ravel()[:4])}…",
        )


def check_train_solves_xor(m: ModuleType, ref: ModuleType) -> None:
    """train learns XOR: 100% accuracy and a final loss below 0.1 (seeds 0 and 1)
    zh: train 学会 XOR：准确率 100%，最终损失低于 0.1（种子 0 和 1）"""
    X, y = ref.XOR_X.copy(), ref.XOR_Y.copy()
    for seed in (0, 1):
        out = m.train(X, y, n_hidden=8, lr=1.0, steps=1000, seed=seed)
        assert isinstance(out, tuple) and len(out) == 2, (
            f"train returned {type(out).__name__}; expected a tuple (params, losses)",
            f"train 返回的是 {type(out).__name__}；应当返回元组 (params, losses)",
        )
        params, losses = out
        assert isinstance(params, dict) and all(k in params for k in KEYS), (
            f"train returned params {type(params).__name__}; expected a dict with keys {KEYS}",
            f"train 返回的 params 是 {type(params).__name__}；应当是包含键 {KEYS} 的字典",
        )
        losses = [float(v) for v in losses]
        assert len(losses) == 1000, (
            f"train(steps=1000) returned {len(losses)} losses; expected one per step (1000)",
            f"train(steps=1000) 返回了 {len(losses)} 个损失值；应当每步一个（共 1000 个）",
        )
        p, _ = ref.forward({k: np.asarray(params[k], dtype=np.float64) for k in KEYS}, X)
        pred = (p[:, 0] > 0.5).astype(int)
        correct = int((pred == y[:, 0]).sum())
        assert correct == 4, (
            f"after train(seed={seed}, steps=1000, lr=1.0) the network gets {correct}/4 XOR inputs right "
            f"(p = {_fmt(p[:, 0])}, loss {losses[0]:.4f} -> {losses[-1]:.4f}); expected 4/4",
            f"train(seed={seed}, steps=1000, lr=1.0) 之后，网络只答对了 {correct}/4 个 XOR 输入"
            f"（p = {_fmt(p[:, 0])}，损失 {losses[0]:.4f} -> {losses[-1]:.4f}）；应当 4/4 全对",
        )
        assert losses[-1] < 0.1, (
            f"after train(seed={seed}) the final loss is {losses[-1]:.4f}; expected below 0.1",
            f"train(seed={seed}) 之后最终损失是 {losses[-1]:.4f}；应当低于 0.1",
        )


def check_predict(m: ModuleType, ref: ModuleType) -> None:
    """predict returns 0/1 labels of shape (N,), thresholding p at 0.5
    zh: predict 返回形状 (N,) 的 0/1 标签（p 以 0.5 为阈值）"""
    params = _params(9, n_hidden=5)
    X = np.random.default_rng(10).normal(size=(12, 2))
    got = as_array(
        m.predict(_copy(params), X),
        "predict(params, X of shape (12, 2))",
        (12,),
        "predict(params, 形状为 (12, 2) 的 X)",
    )
    want = ref.predict(_copy(params), X)
    assert set(np.unique(got)) <= {0.0, 1.0}, (
        f"predict returned {_fmt(got)}; expected only 0 and 1",
        f"predict 返回 {_fmt(got)}；结果应当只有 0 和 1",
    )
    assert np.array_equal(got, want), (
        f"predict on 12 random inputs returned {got.astype(int).tolist()}; expected {want.tolist()}",
        f"对 12 个随机输入，predict 返回 {got.astype(int).tolist()}，应为 {want.tolist()}",
    )
