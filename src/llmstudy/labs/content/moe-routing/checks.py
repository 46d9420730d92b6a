"""Checks for the MoE routing lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


class _Expert:
    """A small tanh expert that records every batch it is called with."""

    def __init__(self, rng: np.random.Generator, d: int) -> None:
        self.W = rng.normal(0.0, 1.0 / np.sqrt(d), size=(d, d))
        self.calls: list[Array] = []

    def __call__(self, batch: Array) -> Array:
        batch = np.asarray(batch, dtype=np.float64)
        self.calls.append(batch.copy())
        out: Array = np.tanh(batch @ self.W)
        return out


def _moe(seed: int, n: int = 10, d: int = 6, e: int = 4) -> tuple[Array, Array, list[_Expert]]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    router_W = rng.normal(size=(d, e))
    experts = [_Expert(rng, d) for _ in range(e)]
    return x, router_W, experts


def _gate(m: ModuleType, logits: Array, k: int) -> tuple[npt.NDArray[np.int64], Array]:
    result = m.top_k_gating(logits, k)
    assert isinstance(result, tuple) and len(result) == 2, (
        f"top_k_gating returned {type(result).__name__}, expected a tuple (indices, weights)",
        f"top_k_gating 返回的是 {type(result).__name__}，应当返回元组 (indices, weights)",
    )
    idx, w = np.asarray(result[0]), np.asarray(result[1], dtype=np.float64)
    n = logits.shape[0]
    assert idx.shape == (n, k), (
        f"top_k_gating on logits {logits.shape} with k={k} returned indices of shape {idx.shape}, expected {(n, k)}",
        f"logits 形状为 {logits.shape}、k={k} 时，top_k_gating 返回的 indices 形状是 {idx.shape}，应为 {(n, k)}",
    )
    assert w.shape == (n, k), (
        f"top_k_gating on logits {logits.shape} with k={k} returned weights of shape {w.shape}, expected {(n, k)}",
        f"logits 形状为 {logits.shape}、k={k} 时，top_k_gating 返回的 weights 形状是 {w.shape}，应为 {(n, k)}",
    )
    return idx, w


def check_top_k_indices(m: ModuleType, ref: ModuleType) -> None:
    """top_k_gating picks the k highest-scoring experts, best first
    zh: top_k_gating 选出得分最高的 k 个专家，最高的在前"""
    logits = np.random.default_rng(1).normal(size=(6, 8))
    idx, _w = _gate(m, logits, 2)
    want, _ = ref.top_k_gating(logits, 2)
    for i in range(6):
        assert idx[i].tolist() == want[i].tolist(), (
            f"top_k_gating(k=2) row {i} with scores {logits[i].round(2).tolist()} returned experts {idx[i].tolist()}, expected {want[i].tolist()} (highest first)",
            f"top_k_gating(k=2) 的第 {i} 行（打分为 {logits[i].round(2).tolist()}）返回专家 {idx[i].tolist()}，应为 {want[i].tolist()}（得分最高的在前）",
        )


def check_weights_renormalised(m: ModuleType, ref: ModuleType) -> None:
    """the weights are a softmax over the k selected scores only, so each row sums to 1
    zh: 权重只在选中的 k 个打分上做 softmax，所以每行之和为 1"""
    logits = np.random.default_rng(2).normal(size=(5, 8))
    _idx, w = _gate(m, logits, 2)
    _want_idx, want = ref.top_k_gating(logits, 2)
    sums = w.sum(axis=1)
    assert np.allclose(sums, 1.0), (
        f"top_k_gating(k=2) weights in row 0 are {w[0].round(4).tolist()}, summing to {sums[0]:.4f}; expected {want[0].round(4).tolist()} "
        "(softmax over the 2 selected scores, not over all 8 experts)",
        f"top_k_gating(k=2) 第 0 行的权重是 {w[0].round(4).tolist()}，之和为 {sums[0]:.4f}；应为 {want[0].round(4).tolist()}"
        "（只对选中的 2 个打分做 softmax，而不是对全部 8 个专家）",
    )
    assert np.allclose(w, want), (
        f"top_k_gating(k=2) weights in row 0 are {w[0].round(4).tolist()}, expected {want[0].round(4).tolist()}",
        f"top_k_gating(k=2) 第 0 行的权重是 {w[0].round(4).tolist()}，应为 {want[0].round(4).tolist()}",
    )


def check_ties_lower_index_first(m: ModuleType, ref: ModuleType) -> None:
    """on equal scores the lower expert id comes first
    zh: 得分相同时编号小的专家在前"""
    logits = np.array([[0.5, 2.0, 1.0, 2.0, 0.1], [1.0, 1.0, 1.0, 1.0, 1.0]])
    idx, w = _gate(m, logits, 3)
    assert idx[0].tolist() == [1, 3, 2], (
        f"top_k_gating([0.5, 2.0, 1.0, 2.0, 0.1], k=3) returned experts {idx[0].tolist()}, expected [1, 3, 2] (tie between 1 and 3: lower id first)",
        f"top_k_gating([0.5, 2.0, 1.0, 2.0, 0.1], k=3) 返回专家 {idx[0].tolist()}，应为 [1, 3, 2]（1 和 3 得分相同：编号小的在前）",
    )
    assert idx[1].tolist() == [0, 1, 2], (
        f"top_k_gating of five equal scores with k=3 returned experts {idx[1].tolist()}, expected [0, 1, 2]",
        f"五个打分都相同、k=3 时，top_k_gating 返回专家 {idx[1].tolist()}，应为 [0, 1, 2]",
    )
    assert np.allclose(w[1], 1.0 / 3.0), (
        f"top_k_gating of five equal scores with k=3 returned weights {w[1].round(4).tolist()}, expected three times 1/3",
        f"五个打分都相同、k=3 时，top_k_gating 返回的权重是 {w[1].round(4).tolist()}，应为三个 1/3",
    )


def check_k_one_and_k_all(m: ModuleType, ref: ModuleType) -> None:
    """k = 1 gives weight 1 on the argmax; k = E gives the full softmax, sorted
    zh: k = 1 时权重 1 落在最大者上；k = E 时就是完整的 softmax（按从高到低排列）"""
    logits = np.random.default_rng(3).normal(size=(4, 5))
    idx, w = _gate(m, logits, 1)
    assert idx[:, 0].tolist() == logits.argmax(axis=1).tolist(), (
        f"top_k_gating(k=1) returned experts {idx[:, 0].tolist()}, expected the argmax {logits.argmax(axis=1).tolist()}",
        f"top_k_gating(k=1) 返回专家 {idx[:, 0].tolist()}，应为 argmax 的结果 {logits.argmax(axis=1).tolist()}",
    )
    assert np.allclose(w, 1.0), (
        f"top_k_gating(k=1) returned weights {w[:, 0].round(4).tolist()}, expected all 1.0",
        f"top_k_gating(k=1) 返回的权重是 {w[:, 0].round(4).tolist()}，应当全为 1.0",
    )
    idx, w = _gate(m, logits, 5)
    want_idx, want_w = ref.top_k_gating(logits, 5)
    assert np.array_equal(idx, want_idx), (
        f"top_k_gating(k=5) row 0 returned experts {idx[0].tolist()}, expected {want_idx[0].tolist()}",
        f"top_k_gating(k=5) 的第 0 行返回专家 {idx[0].tolist()}，应为 {want_idx[0].tolist()}",
    )
    assert np.allclose(w, want_w), (
        f"top_k_gating(k=5) row 0 returned weights {w[0].round(4).tolist()}, expected {want_w[0].round(4).tolist()}",
        f"top_k_gating(k=5) 第 0 行的权重是 {w[0].round(4).tolist()}，应为 {want_w[0].round(4).tolist()}",
    )


def check_gating_stable(m: ModuleType, ref: ModuleType) -> None:
    """top_k_gating stays finite for router scores around 1000
    zh: 路由打分在 1000 左右时 top_k_gating 仍然有限"""
    logits = np.array([[1000.0, 998.0, 1001.0, 500.0], [-1000.0, -1002.0, -999.0, -1003.0]])
    _idx, w = _gate(m, logits, 2)
    _want_idx, want = ref.top_k_gating(logits, 2)
    assert np.all(np.isfinite(w)) and np.allclose(w, want), (
        f"top_k_gating on scores around ±1000 returned weights {w.round(4).tolist()}, expected {want.round(4).tolist()}: subtract the maximum before exp",
        f"打分在 ±1000 左右时，top_k_gating 返回的权重是 {w.round(4).tolist()}，应为 {want.round(4).tolist()}：求 exp 之前先减去最大值",
    )


def check_moe_forward(m: ModuleType, ref: ModuleType) -> None:
    """moe_forward with 4 experts and k = 2 matches the reference
    zh: 4 个专家、k = 2 时 moe_forward 与参考一致"""
    x, router_W, experts = _moe(4)
    got = np.asarray(m.moe_forward(x, router_W, experts, 2), dtype=np.float64)
    x2, router_W2, experts2 = _moe(4)
    want = ref.moe_forward(x2, router_W2, experts2, 2)
    assert got.shape == want.shape, (
        f"moe_forward on x (10, 6) returned shape {got.shape}, expected {want.shape}",
        f"x 为 (10, 6) 时，moe_forward 返回的形状是 {got.shape}，应为 {want.shape}",
    )
    bad = np.flatnonzero(~np.isclose(got, want).all(axis=1))
    assert bad.size == 0, (
        f"moe_forward(k=2) token {bad[0]} returned {got[bad[0]].round(4).tolist()}, expected {want[bad[0]].round(4).tolist()}",
        f"moe_forward(k=2) 对第 {bad[0]} 个 token 返回 {got[bad[0]].round(4).tolist()}，应为 {want[bad[0]].round(4).tolist()}",
    )


def check_moe_k_one(m: ModuleType, ref: ModuleType) -> None:
    """with k = 1 each token's output is exactly its best expert's output
    zh: k = 1 时每个 token 的输出就是它最优专家的输出"""
    x, router_W, experts = _moe(5)
    got = np.asarray(m.moe_forward(x, router_W, experts, 1), dtype=np.float64)
    best = (x @ router_W).argmax(axis=1)
    want = np.vstack([np.tanh(x[i] @ experts[best[i]].W) for i in range(len(x))])
    assert np.allclose(got, want), (
        f"moe_forward(k=1) token 0 returned {got[0].round(4).tolist()}, expected expert {best[0]}'s output {want[0].round(4).tolist()}",
        f"moe_forward(k=1) 对第 0 个 token 返回 {got[0].round(4).tolist()}，应为专家 {best[0]} 的输出 {want[0].round(4).tolist()}",
    )


def check_sparse_dispatch(m: ModuleType, ref: ModuleType) -> None:
    """each expert is called at most once, on exactly the tokens routed to it
    zh: 每个专家最多调用一次，而且只处理路由到它的那些 token"""
    x, router_W, experts = _moe(6, n=12, e=5)
    m.moe_forward(x, router_W, experts, 2)
    idx, _w = ref.top_k_gating(x @ router_W, 2)
    for e, expert in enumerate(experts):
        routed = np.flatnonzero((idx == e).any(axis=1))
        assert len(expert.calls) <= 1, (
            f"expert {e} was called {len(expert.calls)} times in one moe_forward, expected at most once (gather its tokens into one batch)",
            f"一次 moe_forward 中专家 {e} 被调用了 {len(expert.calls)} 次，最多只应调用一次（把路由给它的 token 收集成一个批次）",
        )
        got_rows = expert.calls[0] if expert.calls else np.zeros((0, x.shape[1]))
        assert got_rows.ndim == 2, (
            f"expert {e} was called with an array of shape {got_rows.shape}, expected a 2-D batch (n, d)",
            f"调用专家 {e} 时传入的数组形状是 {got_rows.shape}，应当是二维的批次 (n, d)",
        )
        assert len(got_rows) == len(routed), (
            f"expert {e} was called on {len(got_rows)} tokens, but {len(routed)} tokens ({routed.tolist()}) are routed to it: "
            "send each expert only its own tokens",
            f"专家 {e} 处理了 {len(got_rows)} 个 token，而路由给它的 token 是 {len(routed)} 个（{routed.tolist()}）："
            "每个专家只应收到路由给它的 token",
        )
        want_rows = x[routed]
        assert np.allclose(np.sort(got_rows, axis=0), np.sort(want_rows, axis=0)), (
            f"expert {e} was called on tokens other than the ones routed to it ({routed.tolist()})",
            f"专家 {e} 处理的 token 与路由给它的 token（{routed.tolist()}）不一致",
        )
