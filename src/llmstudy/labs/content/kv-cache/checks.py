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


NOT_SCALED = ("the scores are not divided by sqrt(d_head)", "分数没有除以 sqrt(d_head)")
SCALED_BY_D_MODEL = (
    "the scores are divided by sqrt(d_model) instead of sqrt(d_head)",
    "分数除以的是 sqrt(d_model)，应当除以 sqrt(d_head)",
)


def _diagnose(got: Array, X: Array, Wq: Array, Wk: Array, Wv: Array) -> tuple[str, str]:
    """A hint (en, zh) when ``got`` is what a common mistake gives, else empty texts."""
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    T = X.shape[0]
    future = np.triu(np.ones((T, T), dtype=bool), k=1)
    for (label, label_zh), scores, masked in (
        (NOT_SCALED, Q @ K.T, True),
        (SCALED_BY_D_MODEL, Q @ K.T / np.sqrt(D_MODEL), True),
        (
            ("no causal mask: position i also sees later tokens", "没有因果掩码：位置 i 还看到了后面的 token"),
            Q @ K.T / np.sqrt(D_HEAD),
            False,
        ),
    ):
        s = np.where(future, -np.inf, scores) if masked else scores
        e = np.exp(s - s.max(axis=-1, keepdims=True))
        if got.shape == (T, D_HEAD) and np.allclose(got, (e / e.sum(axis=-1, keepdims=True)) @ V):
            return f" ({label})", f"（{label_zh}）"
    return "", ""


def _step(
    m: ModuleType, x: Array, K: Array, V: Array, W: tuple[Array, Array, Array], where: str, where_zh: str
) -> tuple[Array, Array, Array]:
    """One decode_step; ``where`` (``where_zh`` in Chinese) says when it ran, for the message."""
    result = m.decode_step(x, K, V, *W)
    assert isinstance(result, tuple) and len(result) == 3, (
        f"decode_step {where} returned {type(result).__name__}, expected a tuple (out, K_new, V_new)",
        f"decode_step（{where_zh}）返回的是 {type(result).__name__}，应当返回元组 (out, K_new, V_new)",
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
        f"causal_attention on X (6, 8) with d_head 4 returned shape {got.shape}, expected {want.shape}",
        f"X 为 (6, 8)、d_head 为 4 时，causal_attention 返回的形状是 {got.shape}，应为 {want.shape}",
    )
    bad = np.flatnonzero(~np.isclose(got, want).all(axis=1))
    assert bad.size == 0, (
        f"causal_attention row {bad[0]} returned {got[bad[0]].round(4).tolist()}, expected {want[bad[0]].round(4).tolist()}"
        f"{_diagnose(got, X, Wq, Wk, Wv)[0]}",
        f"causal_attention 的第 {bad[0]} 行是 {got[bad[0]].round(4).tolist()}，应为 {want[bad[0]].round(4).tolist()}"
        f"{_diagnose(got, X, Wq, Wk, Wv)[1]}",
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
        f"changing token 5 changed the output at position {changed[0]}: position i must only see tokens j <= i (mask j > i with -inf)",
        f"改变第 5 个 token 后，位置 {changed[0]} 的输出也变了：位置 i 只能看到 j <= i 的 token（用 -inf 屏蔽 j > i）",
    )
    first = X[0] @ Wv
    assert np.allclose(before[0], first), (
        f"causal_attention row 0 returned {before[0].round(4).tolist()}, expected x_0 Wv = {first.round(4).tolist()} (the first token sees only itself)",
        f"causal_attention 的第 0 行是 {before[0].round(4).tolist()}，应为 x_0 Wv = {first.round(4).tolist()}（第一个 token 只能看到它自己）",
    )


def check_full_attention_stable(m: ModuleType, ref: ModuleType) -> None:
    """causal_attention stays finite when the scores are in the hundreds
    zh: 分数达到几百时 causal_attention 仍然有限"""
    X, Wq, Wk, Wv = _setup(3, spread=40.0)
    got = np.asarray(m.causal_attention(X, Wq, Wk, Wv), dtype=np.float64)
    want = ref.causal_attention(X, Wq, Wk, Wv)
    assert np.all(np.isfinite(got)), (
        "causal_attention on large inputs returned nan or inf: subtract the row maximum before exp",
        "输入很大时 causal_attention 返回了 nan 或 inf：求 exp 之前先减去每行的最大值",
    )
    assert np.allclose(got, want), (
        f"causal_attention on large inputs returned row 5 {got[5].round(3).tolist()}, expected {want[5].round(3).tolist()}",
        f"输入很大时 causal_attention 的第 5 行是 {got[5].round(3).tolist()}，应为 {want[5].round(3).tolist()}",
    )


def check_first_step(m: ModuleType, ref: ModuleType) -> None:
    """decode_step from empty caches stores one key and one value and returns x Wv
    zh: 从空缓存开始的 decode_step 存入一个键和一个值，并返回 x Wv"""
    X, Wq, Wk, Wv = _setup(4)
    empty = np.zeros((0, D_HEAD))
    out, K_new, V_new = _step(m, X[0], empty, empty.copy(), (Wq, Wk, Wv), "from empty caches", "从空缓存开始")
    assert K_new.shape == (1, D_HEAD), (
        f"decode_step from an empty cache returned a key cache of shape {K_new.shape}, expected (1, {D_HEAD}): append the new key",
        f"从空缓存开始时，decode_step 返回的键缓存形状是 {K_new.shape}，应为 (1, {D_HEAD})：要把新的键追加进去",
    )
    assert V_new.shape == (1, D_HEAD), (
        f"decode_step from an empty cache returned a value cache of shape {V_new.shape}, expected (1, {D_HEAD}): append the new value",
        f"从空缓存开始时，decode_step 返回的值缓存形状是 {V_new.shape}，应为 (1, {D_HEAD})：要把新的值追加进去",
    )
    assert np.allclose(K_new[0], X[0] @ Wk), (
        f"the key cache holds {K_new[0].round(4).tolist()}, expected x Wk = {(X[0] @ Wk).round(4).tolist()}",
        f"键缓存里存的是 {K_new[0].round(4).tolist()}，应为 x Wk = {(X[0] @ Wk).round(4).tolist()}",
    )
    assert np.allclose(V_new[0], X[0] @ Wv), (
        f"the value cache holds {V_new[0].round(4).tolist()}, expected x Wv = {(X[0] @ Wv).round(4).tolist()}",
        f"值缓存里存的是 {V_new[0].round(4).tolist()}，应为 x Wv = {(X[0] @ Wv).round(4).tolist()}",
    )
    assert out.shape == (D_HEAD,), (
        f"decode_step returned out of shape {out.shape}, expected ({D_HEAD},)",
        f"decode_step 返回的 out 形状是 {out.shape}，应为 ({D_HEAD},)",
    )
    assert np.allclose(out, X[0] @ Wv), (
        f"decode_step on the first token returned {out.round(4).tolist()}, expected x Wv = {(X[0] @ Wv).round(4).tolist()} (it attends only to itself)",
        f"对第一个 token，decode_step 返回 {out.round(4).tolist()}，应为 x Wv = {(X[0] @ Wv).round(4).tolist()}（它只能关注自己）",
    )


def check_cache_grows(m: ModuleType, ref: ModuleType) -> None:
    """decode_step appends one row to each cache and keeps the old rows
    zh: decode_step 在每个缓存末尾追加一行，旧的行保持不变"""
    X, Wq, Wk, Wv = _setup(5)
    rng = np.random.default_rng(50)
    K, V = rng.normal(size=(3, D_HEAD)), rng.normal(size=(3, D_HEAD))
    K0, V0 = K.copy(), V.copy()
    _out, K_new, V_new = _step(m, X[3], K, V, (Wq, Wk, Wv), "with 3 cached tokens", "缓存中已有 3 个 token")
    assert K_new.shape == (4, D_HEAD), (
        f"decode_step with 3 cached keys returned a key cache of shape {K_new.shape}, expected (4, {D_HEAD})",
        f"缓存中已有 3 个键时，decode_step 返回的键缓存形状是 {K_new.shape}，应为 (4, {D_HEAD})",
    )
    assert V_new.shape == (4, D_HEAD), (
        f"decode_step with 3 cached values returned a value cache of shape {V_new.shape}, expected (4, {D_HEAD})",
        f"缓存中已有 3 个值时，decode_step 返回的值缓存形状是 {V_new.shape}，应为 (4, {D_HEAD})",
    )
    assert np.allclose(K_new[:3], K0) and np.allclose(V_new[:3], V0), (
        "decode_step changed the cached rows: keep them and append the new one at the end",
        "decode_step 改动了缓存中原有的行：这些行要保持不变，新的一行追加到末尾",
    )
    assert np.allclose(K_new[3], X[3] @ Wk), (
        "the last row of the key cache is not the new token's key x Wk",
        "键缓存的最后一行不是新 token 的键 x Wk",
    )
    assert np.allclose(V_new[3], X[3] @ Wv), (
        "the last row of the value cache is not the new token's value x Wv",
        "值缓存的最后一行不是新 token 的值 x Wv",
    )


def check_step_with_given_cache(m: ModuleType, ref: ModuleType) -> None:
    """decode_step attends over a given cache plus the new token, scaled by sqrt(d_head)
    zh: decode_step 在给定缓存加新 token 上做注意力，按 sqrt(d_head) 缩放"""
    X, Wq, Wk, Wv = _setup(6, spread=2.0)
    rng = np.random.default_rng(60)
    K, V = rng.normal(0.0, 2.0, size=(5, D_HEAD)), rng.normal(size=(5, D_HEAD))
    out, _K, _V = _step(m, X[0], K, V, (Wq, Wk, Wv), "with 5 cached tokens", "缓存中已有 5 个 token")
    want, _K2, _V2 = ref.decode_step(X[0], K, V, Wq, Wk, Wv)
    hint = hint_zh = ""
    q = X[0] @ Wq
    K_all = np.vstack([K, X[0] @ Wk])
    V_all = np.vstack([V, X[0] @ Wv])
    for (label, label_zh), s in (
        (NOT_SCALED, K_all @ q),
        (SCALED_BY_D_MODEL, K_all @ q / np.sqrt(D_MODEL)),
        (
            ("the new token's own key is left out of the scores", "计算分数时漏掉了新 token 自己的键"),
            K @ q / np.sqrt(D_HEAD),
        ),
    ):
        w = np.exp(s - s.max())
        w /= w.sum()
        if np.allclose(out, w @ V_all[: len(w)]):
            hint, hint_zh = f" ({label})", f"（{label_zh}）"
    assert np.allclose(out, want), (
        f"decode_step with 5 cached tokens returned {out.round(4).tolist()}, expected {want.round(4).tolist()}{hint}",
        f"缓存中已有 5 个 token 时，decode_step 返回 {out.round(4).tolist()}，应为 {want.round(4).tolist()}{hint_zh}",
    )


def check_incremental_equals_full(m: ModuleType, ref: ModuleType) -> None:
    """decoding 7 tokens one by one from empty caches equals full recomputation
    zh: 从空缓存逐个解码 7 个 token，结果等于完整重算"""
    X, Wq, Wk, Wv = _setup(7, T=7)
    K, V = np.zeros((0, D_HEAD)), np.zeros((0, D_HEAD))
    rows = []
    for t in range(7):
        out, K, V = _step(m, X[t], K, V, (Wq, Wk, Wv), f"at step {t}", f"第 {t} 步")
        rows.append(out)
    got = np.vstack(rows)
    want = ref.causal_attention(X, Wq, Wk, Wv)
    bad = np.flatnonzero(~np.isclose(got, want).all(axis=1))
    assert bad.size == 0, (
        f"incremental decoding gave {got[bad[0]].round(4).tolist()} at step {bad[0]}, but full causal attention gives {want[bad[0]].round(4).tolist()}",
        f"逐步解码在第 {bad[0]} 步得到 {got[bad[0]].round(4).tolist()}，而完整的因果注意力给出 {want[bad[0]].round(4).tolist()}",
    )
    mine = np.asarray(m.causal_attention(X, Wq, Wk, Wv), dtype=np.float64)
    assert np.allclose(got, mine), (
        "your decode_step loop and your causal_attention disagree on the same 7 tokens",
        "在同样的 7 个 token 上，用你的 decode_step 逐步解码的结果与你的 causal_attention 不一致",
    )


def check_step_stable(m: ModuleType, ref: ModuleType) -> None:
    """decode_step stays finite when the scores are in the hundreds
    zh: 分数达到几百时 decode_step 仍然有限"""
    X, Wq, Wk, Wv = _setup(8, T=4, spread=40.0)
    K, V = X[:3] @ Wk, X[:3] @ Wv
    out, _K, _V = _step(m, X[3], K, V, (Wq, Wk, Wv), "on large inputs", "输入很大时")
    want, _K2, _V2 = ref.decode_step(X[3], K, V, Wq, Wk, Wv)
    assert np.all(np.isfinite(out)), (
        "decode_step on large inputs returned nan or inf: subtract the maximum score before exp",
        "输入很大时 decode_step 返回了 nan 或 inf：求 exp 之前先减去最大的分数",
    )
    assert np.allclose(out, want), (
        f"decode_step on large inputs returned {out.round(3).tolist()}, expected {want.round(3).tolist()}",
        f"输入很大时 decode_step 返回 {out.round(3).tolist()}，应为 {want.round(3).tolist()}",
    )
