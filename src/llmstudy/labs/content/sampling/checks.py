"""Checks for the sampling lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]

PROBS = np.array([0.5, 0.3, 0.15, 0.05])


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=12)


def _id(value: object, call: str, V: int, call_zh: str | None = None) -> int:
    """``value`` as a token id below ``V``; ``call`` (``call_zh`` in Chinese, when it differs) names the call."""
    zh = call_zh or call
    assert isinstance(value, int | np.integer) and not isinstance(value, bool), (
        f"{call} returned {type(value).__name__} {value!r}; expected a token id (int)",
        f"{zh} 返回的是 {type(value).__name__} {value!r}；应当返回 token 编号（int）",
    )
    assert 0 <= int(value) < V, (
        f"{call} returned {value}; expected an id in 0..{V - 1}",
        f"{zh} 返回 {value}；编号应在 0..{V - 1} 之间",
    )
    return int(value)


def _kept(filtered: Array) -> list[int]:
    return [int(i) for i in np.flatnonzero(np.isfinite(filtered))]


def _frequencies(m: ModuleType, logits: Array, n: int, seed: int, **kw: object) -> Array:
    rng = np.random.default_rng(seed)
    V = len(logits)
    call = f"sample(logits, rng, {', '.join(f'{k}={v}' for k, v in kw.items())})"
    counts = np.zeros(V)
    for _ in range(n):
        counts[_id(m.sample(logits.copy(), rng, **kw), call, V)] += 1
    out: Array = counts / n
    return out


def check_greedy(m: ModuleType, ref: ModuleType) -> None:
    """greedy returns the id of the largest logit
    zh: greedy 返回 logit 最大的 token 编号"""
    logits = np.random.default_rng(1).normal(size=20)
    got = _id(m.greedy(logits.copy()), "greedy(20 random logits)", 20, "greedy(20 个随机 logits)")
    assert got == int(np.argmax(logits)), (
        f"greedy returned {got}; expected {int(np.argmax(logits))}, the argmax",
        f"greedy 返回 {got}，应为 argmax 的结果 {int(np.argmax(logits))}",
    )


def check_temperature(m: ModuleType, ref: ModuleType) -> None:
    """softmax_with_temperature divides the logits by T: T < 1 sharpens, T > 1 flattens
    zh: softmax_with_temperature 把 logits 除以 T：T < 1 更尖锐，T > 1 更平坦"""
    logits = np.array([2.0, 1.0, 0.0, -1.0])
    for T in (1.0, 0.5, 2.0):
        got = as_array(m.softmax_with_temperature(logits.copy(), T), f"softmax_with_temperature(logits, {T})", (4,))
        want = ref.softmax_with_temperature(logits, T)
        hint = hint_zh = ""
        if np.allclose(got, ref.softmax_with_temperature(logits, 1.0 / T)):
            hint = " (that multiplies by T; divide the logits by T)"
            hint_zh = "（这是乘以 T；应当把 logits 除以 T）"
        assert np.allclose(got, want), (
            f"softmax_with_temperature([2, 1, 0, -1], {T}) returned {_fmt(got)}; expected {_fmt(want)}{hint}",
            f"softmax_with_temperature([2, 1, 0, -1], {T}) 返回 {_fmt(got)}，应为 {_fmt(want)}{hint_zh}",
        )
    big = as_array(
        m.softmax_with_temperature(np.array([1000.0, 999.0]), 0.5), "softmax_with_temperature([1000, 999], 0.5)", (2,)
    )
    want = ref.softmax_with_temperature(np.array([1000.0, 999.0]), 0.5)
    assert np.all(np.isfinite(big)) and np.allclose(big, want), (
        f"softmax_with_temperature([1000, 999], 0.5) returned {_fmt(big)}; expected {_fmt(want)} (subtract the maximum)",
        f"softmax_with_temperature([1000, 999], 0.5) 返回 {_fmt(big)}，应为 {_fmt(want)}（要先减去最大值）",
    )


def check_top_k(m: ModuleType, ref: ModuleType) -> None:
    """top_k_filter keeps exactly the k largest logits in place and sets the others to -inf
    zh: top_k_filter 原位保留最大的 k 个 logit，其余设为 -inf"""
    logits = np.array([0.3, 2.0, -1.0, 1.5, 0.9, -0.2])
    for k in (1, 3, 6, 10):
        got = as_array(m.top_k_filter(logits.copy(), k), f"top_k_filter(logits, {k})", (6,))
        want = ref.top_k_filter(logits, k)
        assert _kept(got) == _kept(want), (
            f"top_k_filter([0.3, 2.0, -1.0, 1.5, 0.9, -0.2], k={k}) kept positions {_kept(got)}; expected {_kept(want)}",
            f"top_k_filter([0.3, 2.0, -1.0, 1.5, 0.9, -0.2], k={k}) 保留了位置 {_kept(got)}，应为 {_kept(want)}",
        )
        assert np.all(got[np.isfinite(want)] == logits[np.isfinite(want)]) and np.all(
            got[~np.isfinite(want)] == -np.inf
        ), (
            f"top_k_filter(logits, k={k}) returned {_fmt(got)}; expected {_fmt(want)} (kept logits unchanged, in the input order; the rest -inf)",
            f"top_k_filter(logits, k={k}) 返回 {_fmt(got)}，应为 {_fmt(want)}（保留的 logit 保持原值、按输入顺序排列；其余设为 -inf）",
        )


def check_top_p(m: ModuleType, ref: ModuleType) -> None:
    """top_p_filter keeps the most probable tokens up to and including the one that crosses p
    zh: top_p_filter 保留概率最高的若干 token，直到并包括使累计概率越过 p 的那一个"""
    logits = np.log(PROBS)[[2, 0, 3, 1]]  # probabilities 0.15, 0.5, 0.05, 0.3: not sorted
    for p, want_ids in ((0.7, [1, 3]), (0.85, [0, 1, 3]), (0.3, [1]), (0.999, [0, 1, 2, 3])):
        got = as_array(m.top_p_filter(logits.copy(), p), f"top_p_filter(logits, {p})", (4,))
        hint = hint_zh = ""
        if len(_kept(got)) == len(want_ids) - 1:
            hint = " (the token whose probability takes the total past p must be kept too)"
            hint_zh = "（使累计概率越过 p 的那个 token 也要保留）"
        assert _kept(got) == want_ids, (
            f"top_p_filter on probabilities [0.15, 0.5, 0.05, 0.3] with p={p} kept positions {_kept(got)}; "
            f"expected {want_ids}{hint}",
            f"概率为 [0.15, 0.5, 0.05, 0.3]、p={p} 时，top_p_filter 保留了位置 {_kept(got)}，应为 {want_ids}{hint_zh}",
        )
        assert np.allclose(got[want_ids], logits[want_ids]), (
            f"top_p_filter(logits, {p}) changed the kept logits: {_fmt(got)}; keep them as they were, in the input order",
            f"top_p_filter(logits, {p}) 改动了保留下来的 logit：{_fmt(got)}；它们要保持原值，并按输入顺序排列",
        )


def check_top_p_keeps_one(m: ModuleType, ref: ModuleType) -> None:
    """top_p_filter always keeps at least the most probable token, even for a tiny p
    zh: 即使 p 很小，top_p_filter 也至少保留概率最高的那个 token"""
    logits = np.random.default_rng(2).normal(size=8)
    got = as_array(
        m.top_p_filter(logits.copy(), 0.01),
        "top_p_filter(8 random logits, 0.01)",
        (8,),
        "top_p_filter(8 个随机 logits, 0.01)",
    )
    assert _kept(got) == [int(np.argmax(logits))], (
        f"top_p_filter(logits, p=0.01) kept positions {_kept(got)}; expected only the argmax [{int(np.argmax(logits))}]",
        f"top_p_filter(logits, p=0.01) 保留了位置 {_kept(got)}，应当只保留 argmax [{int(np.argmax(logits))}]",
    )


def check_sample_uses_rng(m: ModuleType, ref: ModuleType) -> None:
    """sample draws with the Generator it is given: the same seed gives the same tokens
    zh: sample 使用传入的随机数生成器：相同的种子得到相同的 token 序列"""
    logits = np.random.default_rng(3).normal(size=10)
    runs = []
    for _ in range(2):
        rng = np.random.default_rng(42)
        runs.append([_id(m.sample(logits.copy(), rng), "sample(logits, rng)", 10) for _ in range(30)])
    assert runs[0] == runs[1], (
        f"two runs with np.random.default_rng(42) gave {runs[0][:8]}… and {runs[1][:8]}…; "
        "draw with the rng argument (rng.choice), not np.random",
        f"两次都用 np.random.default_rng(42)，却分别得到 {runs[0][:8]}… 和 {runs[1][:8]}…；"
        "要用传入的 rng 抽样（rng.choice），而不是 np.random",
    )
    assert len(set(runs[0])) > 1, (
        f"30 draws at temperature 1 were all {runs[0][0]}; sample must draw at random",
        f"温度为 1 时抽样 30 次，结果全是 {runs[0][0]}；sample 必须随机抽样",
    )


def check_sample_distribution(m: ModuleType, ref: ModuleType) -> None:
    """sampled frequencies follow softmax(logits / T) (1500 draws)
    zh: 采样频率符合 softmax(logits / T)（1500 次抽样）"""
    logits = np.log(PROBS)
    for T in (1.0, 0.5):
        freq = _frequencies(m, logits, 1500, seed=4, temperature=T)
        want = ref.softmax_with_temperature(logits, T)
        assert np.allclose(freq, want, atol=0.05), (
            f"with temperature={T}, 1500 draws from probabilities [0.5, 0.3, 0.15, 0.05] came out with frequencies "
            f"{_fmt(freq)}; expected about {_fmt(want)}",
            f"temperature={T} 时，从概率 [0.5, 0.3, 0.15, 0.05] 中抽样 1500 次，得到的频率是 "
            f"{_fmt(freq)}，应约为 {_fmt(want)}",
        )


def check_sample_filters(m: ModuleType, ref: ModuleType) -> None:
    """with top_k or top_p, filtered tokens are never drawn and the rest are renormalised
    zh: 使用 top_k 或 top_p 时，被过滤的 token 永远不会被抽到，其余的重新归一化"""
    logits = np.log(PROBS)
    cases: list[tuple[dict[str, float], Array]] = [
        ({"top_k": 2}, np.array([0.5, 0.3, 0.0, 0.0]) / 0.8),
        ({"top_p": 0.7}, np.array([0.5, 0.3, 0.0, 0.0]) / 0.8),
        ({"top_p": 0.85}, np.array([0.5, 0.3, 0.15, 0.0]) / 0.95),
        ({"top_k": 3, "top_p": 0.6}, np.array([0.5, 0.3, 0.0, 0.0]) / 0.8),
    ]
    for kw, want in cases:
        freq = _frequencies(m, logits, 1000, seed=5, **kw)
        label = ", ".join(f"{k}={v}" for k, v in kw.items())
        drawn_filtered = [i for i in range(4) if want[i] == 0 and freq[i] > 0]
        assert not drawn_filtered, (
            f"sample(..., {label}) drew token(s) {drawn_filtered}, which the filter removes",
            f"sample(..., {label}) 抽到了 token {drawn_filtered}，但它们本应被过滤掉",
        )
        assert np.allclose(freq, want, atol=0.06), (
            f"sample(..., {label}) on probabilities [0.5, 0.3, 0.15, 0.05]: frequencies {_fmt(freq)}; expected about {_fmt(want)}",
            f"在概率 [0.5, 0.3, 0.15, 0.05] 上调用 sample(..., {label})：频率是 {_fmt(freq)}，应约为 {_fmt(want)}",
        )


def check_temperature_zero_is_greedy(m: ModuleType, ref: ModuleType) -> None:
    """temperature=0 means greedy decoding (no division by zero)
    zh: temperature=0 表示贪心解码（不能除以零）"""
    logits = np.random.default_rng(6).normal(size=12)
    rng = np.random.default_rng(7)
    got = [_id(m.sample(logits.copy(), rng, temperature=0), "sample(logits, rng, temperature=0)", 12) for _ in range(5)]
    assert got == [int(np.argmax(logits))] * 5, (
        f"sample(..., temperature=0) returned {got}; expected the argmax {int(np.argmax(logits))} every time",
        f"sample(..., temperature=0) 返回 {got}；应当每次都是 argmax {int(np.argmax(logits))}",
    )
