"""Checks for the KV-cache lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
D_MODEL, D_HEAD = 8, 4


def _setup(seed: int, T: int = 6, spread: float = 1.0) -> tuple[Array, Array, Array, Array]:
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, spread, size=(T, D_MODEL))
    Wq, Wk, Wv = (rng.normal(0.0, 1.0 / np.sqrt(D_MODEL), size=(D_MODEL, D_HEAD)) for _ in range(3))
    return X, Wq, Wk, Wv


def _diagnose(got: Array, X: Array, Wq: Array, Wk: Array, Wv: Array) -> str:
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    T = X.shape[0]
    future = np.triu(np.ones((T, T), dtype=bool), k=1)
    for label, scores, masked in (
        ("the scores are not divided by sqrt(d_head)", Q @ K.T, True),
        ("the scores are divided by sqrt(d_model) instead of sqrt(d_head)", Q @ K.T / np.sqrt(D_MODEL), True),
        ("no causal mask: position i also sees later tokens", Q @ K.T / np.sqrt(D_HEAD), False),
    ):
        s = np.where(future, -np.inf, scores) if masked else scores
        e = np.exp(s - s.max(axis=-1, keepdims=True))
        if got.shape == (T, D_HEAD) and np.allclose(got, (e / e.sum(axis=-1, keepdims=True)) @ V):
            return f" ({label})"
    return ""


def _step(
    m: ModuleType, x: Array, K: Array, V: Array, W: tuple[Array, Array, Array], where: str
) -> tuple[Array, Array, Array]:
    result = m.decode_step(x, K, V, *W)
    assert isinstance(result, tuple) and len(result) == 3, (
        f"decode_step {where} returned {type(result).__name__}, expected a tuple (out, K_new, V_new)"
    )
    out, K_new, V_new = (np.asarray(a, dtype=np.float64) for a in result)
    return out, K_new, V_new


def check_full_attention(m: ModuleType, ref: ModuleType) -> None:
    """causal_attention matches the reference on 6 tokens (d_model 8, d_head 4)
    zh: 6 个 token（d_model 8、d_head 4）上 causal_attention 与参考一致"""
    X, Wq, Wk, Wv = _setup(1)
    got = np.asarray(m.causal_attention(X, Wq, Wk, Wv), dtype=np.float64)
    want = ref.causal_attention(X, Wq, Wk, Wv)
    assert got.shape == want.shape, (
        f"causal_attention on X (6, 8) with d_head 4 returned shape {got.shape}, expected {want.shape}"
    )
    bad = np.flatnonzero(~np.isclose(got, want).all(axis=1))
    assert bad.size == 0, (
        f"causal_attention row {bad[0]} returned {got[bad[0]].round(4).tolist()}, expected {want[bad[0]].round(4).tolist()}"
        f"{_diagnose(got, X, Wq, Wk, Wv)}"
    )


def check_full_attention_is_causal(m: ModuleType, ref: ModuleType) -> None:
    """changing the last token does not change the outputs of earlier positions
    zh: 改变最后一个 token 不会改变前面位置的输出"""
    X, Wq, Wk, Wv = _setup(2)
    before = np.asarray(m.causal_attention(X, Wq, Wk, Wv), dtype=np.float64)
    X2 = X.copy()
    X2[-1] += 5.0
    after = np.asarray(m.causal_attention(X2, Wq, Wk, Wv), dtype=np.float64)
    changed = np.flatnonzero(~np.isclose(before[:-1], after[:-1]).all(axis=1))
    assert changed.size == 0, (
        f"changing token 5 changed the output at position {changed[0]}: position i must only see tokens j <= i (mask j > i with -inf)"
    )
    first = X[0] @ Wv
    assert np.allclose(before[0], first), (
        f"causal_attention row 0 returned {before[0].round(4).tolist()}, expected x_0 Wv = {first.round(4).tolist()} (the first token sees only itself)"
    )


def check_full_attention_stable(m: ModuleType, ref: ModuleType) -> None:
    """causal_attention stays finite when the scores are in the hundreds
    zh: 分数达到几百时 causal_attention 仍然有限"""
    X, Wq, Wk, Wv = _setup(3, spread=40.0)
    got = np.asarray(m.causal_attention(X, Wq, Wk, Wv), dtype=np.float64)
    want = ref.causal_attention(X, Wq, Wk, Wv)
    assert np.all(np.isfinite(got)), (
        "causal_attention on large inputs returned nan or inf: subtract the row maximum before exp"
    )
    assert np.allclose(got, want), (
        f"causal_attention on large inputs returned row 5 {got[5].round(3).tolist()}, expected {want[5].round(3).tolist()}"
    )


def check_first_step(m: ModuleType, ref: ModuleType) -> None:
    """decode_step from empty caches stores one key and one value and returns x Wv
    zh: 从空缓存开始的 decode_step 存入一个键和一个值，并返回 x Wv"""
    X, Wq, Wk, Wv = _setup(4)
    empty = np.zeros((0, D_HEAD))
    out, K_new, V_new = _step(m, X[0], empty, empty.copy(), (Wq, Wk, Wv), "from empty caches")
    assert K_new.shape == (1, D_HEAD), (
        f"decode_step from an empty cache returned a key cache of shape {K_new.shape}, expected (1, {D_HEAD}): append the new key"
    )
    assert V_new.shape == (1, D_HEAD), (
        f"decode_step from an empty cache returned a value cache of shape {V_new.shape}, expected (1, {D_HEAD}): append the new value"
    )
    assert np.allclose(K_new[0], X[0] @ Wk), (
        f"the key cache holds {K_new[0].round(4).tolist()}, expected x Wk = {(X[0] @ Wk).round(4).tolist()}"
    )
    assert np.allclose(V_new[0], X[0] @ Wv), (
        f"the value cache holds {V_new[0].round(4).tolist()}, expected x Wv = {(X[0] @ Wv).round(4).tolist()}"
    )
    assert out.shape == (D_HEAD,), f"decode_step returned out of shape {out.shape}, expected ({D_HEAD},)"
    assert np.allclose(out, X[0] @ Wv), (
        f"decode_step on the first token returned {out.round(4).tolist()}, expected x Wv = {(X[0] @ Wv).round(4).tolist()} (it attends only to itself)"
    )


def check_cache_grows(m: ModuleType, ref: ModuleType) -> None:
    """decode_step appends one row to each cache and keeps the old rows
    zh: decode_step 在每个缓存末尾追加一行，旧的行保持不变"""
    X, Wq, Wk, Wv = _setup(5)
    rng = np.random.default_rng(50)
    K, V = rng.normal(size=(3, D_HEAD)), rng.normal(size=(3, D_HEAD))
    K0, V0 = K.copy(), V.copy()
    _out, K_new, V_new = _step(m, X[3], K, V, (Wq, Wk, Wv), "with 3 cached tokens")
    assert K_new.shape == (4, D_HEAD), (
        f"decode_step with 3 cached keys returned a key cache of shape {K_new.shape}, expected (4, {D_HEAD})"
    )
    assert V_new.shape == (4, D_HEAD), (
        f"decode_step with 3 cached values returned a value cache of shape {V_new.shape}, expected (4, {D_HEAD})"
    )
    assert np.allclose(K_new[:3], K0) and np.allclose(V_new[:3], V0), (
        "decode_step changed the cached rows: keep them and append the new one at the end"
    )
    assert np.allclose(K_new[3], X[3] @ Wk), "the last row of the key cache is not the new token's key x Wk"
    assert np.allclose(V_new[3], X[3] @ Wv), "the last row of the value cache is not the new token's value x Wv"


def check_step_with_given_cache(m: ModuleType, ref: ModuleType) -> None:
    """decode_step attends over a given cache plus the new token, scaled by sqrt(d_head)
    zh: decode_step 在给定缓存加新 token 上做注意力，按 sqrt(d_head) 缩放"""
    X, Wq, Wk, Wv = _setup(6, spread=2.0)
    rng = np.random.default_rng(60)
    K, V = rng.normal(0.0, 2.0, size=(5, D_HEAD)), rng.normal(size=(5, D_HEAD))
    out, _K, _V = _step(m, X[0], K, V, (Wq, Wk, Wv), "with 5 cached tokens")
    want, _K2, _V2 = ref.decode_step(X[0], K, V, Wq, Wk, Wv)
    hint = ""
    q = X[0] @ Wq
    K_all = np.vstack([K, X[0] @ Wk])
    V_all = np.vstack([V, X[0] @ Wv])
    for label, s in (
        ("the scores are not divided by sqrt(d_head)", K_all @ q),
        ("the scores are divided by sqrt(d_model) instead of sqrt(d_head)", K_all @ q / np.sqrt(D_MODEL)),
        ("the new token's own key is left out of the scores", K @ q / np.sqrt(D_HEAD)),
    ):
        w = np.exp(s - s.max())
        w /= w.sum()
        if np.allclose(out, w @ V_all[: len(w)]):
            hint = f" ({label})"
    assert np.allclose(out, want), (
        f"decode_step with 5 cached tokens returned {out.round(4).tolist()}, expected {want.round(4).tolist()}{hint}"
    )


def check_incremental_equals_full(m: ModuleType, ref: ModuleType) -> None:
    """decoding 7 tokens one by one from empty caches equals full recomputation
    zh: 从空缓存逐个解码 7 个 token，结果等于完整重算"""
    X, Wq, Wk, Wv = _setup(7, T=7)
    K, V = np.zeros((0, D_HEAD)), np.zeros((0, D_HEAD))
    rows = []
    for t in range(7):
        out, K, V = _step(m, X[t], K, V, (Wq, Wk, Wv), f"at step {t}")
        rows.append(out)
    got = np.vstack(rows)
    want = ref.causal_attention(X, Wq, Wk, Wv)
    bad = np.flatnonzero(~np.isclose(got, want).all(axis=1))
    assert bad.size == 0, (
        f"incremental decoding gave {got[bad[0]].round(4).tolist()} at step {bad[0]}, but full causal attention gives {want[bad[0]].round(4).tolist()}"
    )
    mine = np.asarray(m.causal_attention(X, Wq, Wk, Wv), dtype=np.float64)
    assert np.allclose(got, mine), "your decode_step loop and your causal_attention disagree on the same 7 tokens"


def check_step_stable(m: ModuleType, ref: ModuleType) -> None:
    """decode_step stays finite when the scores are in the hundreds
    zh: 分数达到几百时 decode_step 仍然有限"""
    X, Wq, Wk, Wv = _setup(8, T=4, spread=40.0)
    K, V = X[:3] @ Wk, X[:3] @ Wv
    out, _K, _V = _step(m, X[3], K, V, (Wq, Wk, Wv), "on large inputs")
    want, _K2, _V2 = ref.decode_step(X[3], K, V, Wq, Wk, Wv)
    assert np.all(np.isfinite(out)), (
        "decode_step on large inputs returned nan or inf: subtract the maximum score before exp"
    )
    assert np.allclose(out, want), (
        f"decode_step on large inputs returned {out.round(3).tolist()}, expected {want.round(3).tolist()}"
    )
