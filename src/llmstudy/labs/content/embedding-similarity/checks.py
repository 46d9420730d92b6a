"""Checks for the embedding-similarity lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt
from lab_checking import as_array

Array = npt.NDArray[np.float64]

# A toy embedding: dimensions roughly [royalty, male, female, fruit, size]
WORDS = ["king", "queen", "man", "woman", "apple", "prince", "princess", "banana"]
TOY = np.array(
    [
        [0.9, 0.8, 0.1, 0.0, 0.3],
        [0.9, 0.1, 0.8, 0.0, 0.3],
        [0.1, 0.9, 0.1, 0.0, 0.4],
        [0.1, 0.1, 0.9, 0.0, 0.4],
        [0.0, 0.0, 0.0, 1.0, 0.1],
        [0.7, 0.7, 0.1, 0.0, 0.1],
        [0.7, 0.1, 0.7, 0.0, 0.1],
        [0.0, 0.0, 0.0, 0.9, 0.3],
    ]
)


def _scalar(value: object, call: str) -> float:
    assert isinstance(value, float | int | np.floating | np.integer) and not isinstance(value, bool), (
        f"{call} returned {type(value).__name__} {value!r}; expected a single float",
        f"{call} 返回的是 {type(value).__name__} {value!r}；应当返回单个浮点数",
    )
    return float(value)


def _ids(value: object, call: str) -> list[int]:
    assert isinstance(value, list | tuple | np.ndarray), (
        f"{call} returned {type(value).__name__}; expected a list of ids",
        f"{call} 返回的是 {type(value).__name__}；应当返回编号（id）列表",
    )
    out = [int(i) for i in value]
    return out


def _fmt(a: object) -> str:
    return np.array2string(np.asarray(a, dtype=np.float64), precision=4, suppress_small=True, threshold=12)


def check_cosine_known_values(m: ModuleType, ref: ModuleType) -> None:
    """cosine is 1 for the same direction, 0 for orthogonal, -1 for opposite, whatever the lengths
    zh: 方向相同为 1，正交为 0，相反为 -1，与向量长度无关"""
    cases = [
        ([1.0, 2.0], [2.0, 4.0], 1.0),
        ([1.0, 0.0], [0.0, 3.0], 0.0),
        ([1.0, -1.0], [-5.0, 5.0], -1.0),
        ([3.0, 4.0], [4.0, 3.0], 24 / 25),
    ]
    for a, b, want in cases:
        got = _scalar(m.cosine_similarity(np.array(a), np.array(b)), f"cosine_similarity({a}, {b})")
        raw_dot = np.isclose(got, np.dot(a, b)) and not np.isclose(want, np.dot(a, b))
        hint = " (divide by both lengths: |a| |b|)" if raw_dot else ""
        hint_zh = "（要除以两个向量长度的乘积：|a| |b|）" if raw_dot else ""
        assert np.isclose(got, want), (
            f"cosine_similarity({a}, {b}) returned {got:.6f}; expected {want:.6f}{hint}",
            f"cosine_similarity({a}, {b}) 返回 {got:.6f}，应为 {want:.6f}{hint_zh}",
        )


def check_cosine_zero_vector(m: ModuleType, ref: ModuleType) -> None:
    """a zero vector has similarity 0.0 with anything (not nan)
    zh: 零向量与任何向量的相似度为 0.0（而不是 nan）"""
    got = _scalar(m.cosine_similarity(np.zeros(3), np.array([1.0, 2.0, 3.0])), "cosine_similarity(zeros, [1, 2, 3])")
    assert got == 0.0, (
        f"cosine_similarity(zeros(3), [1, 2, 3]) returned {got}; expected 0.0 (check for a zero length first)",
        f"cosine_similarity(zeros(3), [1, 2, 3]) 返回 {got}，应为 0.0（先检查长度是否为 0）",
    )


def check_cosine_matrix(m: ModuleType, ref: ModuleType) -> None:
    """cosine_matrix(A, B)[i, j] is the cosine of A[i] and B[j]
    zh: cosine_matrix(A, B)[i, j] 是 A[i] 与 B[j] 的余弦相似度"""
    rng = np.random.default_rng(1)
    A, B = rng.normal(size=(4, 6)) * rng.uniform(0.1, 10, size=(4, 1)), rng.normal(size=(5, 6))
    got = as_array(m.cosine_matrix(A.copy(), B.copy()), "cosine_matrix(A (4, 6), B (5, 6))", (4, 5))
    want = ref.cosine_matrix(A, B)
    if not np.allclose(got, want):
        hint = hint_zh = ""
        if np.allclose(got, A @ B.T):
            hint = " (that is the raw dot product; normalise the rows first)"
            hint_zh = "（这是没有归一化的点积；要先把每一行归一化）"
        elif np.allclose(got, (A / np.linalg.norm(A, axis=0)) @ (B / np.linalg.norm(B, axis=0)).T):
            hint = " (that normalises the columns; each row needs length 1: norm along axis=-1 with keepdims=True)"
            hint_zh = "（这是按列归一化的结果；应让每一行的长度为 1：沿 axis=-1 求范数，并设 keepdims=True）"
        raise AssertionError(
            (
                f"cosine_matrix(A, B)[0] is {_fmt(got[0])}; expected {_fmt(want[0])}{hint}",
                f"cosine_matrix(A, B)[0] 是 {_fmt(got[0])}，应为 {_fmt(want[0])}{hint_zh}",
            )
        )
    assert np.all(np.abs(got) <= 1 + 1e-9), (
        "cosine similarities must lie in [-1, 1]",
        "余弦相似度必须落在 [-1, 1] 之间",
    )


def check_normalize_rows(m: ModuleType, ref: ModuleType) -> None:
    """normalize_rows gives every non-zero row length 1 and leaves zero rows at zero
    zh: normalize_rows 把每个非零行缩放到长度 1，零行保持为零"""
    E = np.array([[3.0, 4.0], [0.0, 0.0], [0.0, -2.0]])
    got = as_array(m.normalize_rows(E.copy()), "normalize_rows([[3, 4], [0, 0], [0, -2]])", (3, 2))
    want = ref.normalize_rows(E)
    assert np.all(np.isfinite(got)) and np.allclose(got, want), (
        f"normalize_rows([[3, 4], [0, 0], [0, -2]]) returned {_fmt(got).replace(chr(10), '')}; expected {_fmt(want).replace(chr(10), '')}",
        f"normalize_rows([[3, 4], [0, 0], [0, -2]]) 返回 {_fmt(got).replace(chr(10), '')}，应为 {_fmt(want).replace(chr(10), '')}",
    )


def check_nearest_neighbours(m: ModuleType, ref: ModuleType) -> None:
    """nearest_neighbours ranks by cosine, best first, and can exclude the query's own id
    zh: nearest_neighbours 按余弦相似度从高到低排序，并能排除查询词自己"""
    got = _ids(
        m.nearest_neighbours(TOY[0].copy(), TOY.copy(), 3, exclude=(0,)),
        "nearest_neighbours(king, E, 3, exclude=(king,))",
    )
    want = ref.nearest_neighbours(TOY[0], TOY, 3, exclude=(0,))
    hint = hint_zh = ""
    if got == ref.nearest_neighbours(TOY[0], TOY, 3)[::-1] or (got and got[0] in (4, 7)):
        hint = " (that is the least similar first; sort by similarity descending)"
        hint_zh = "（这是把最不相似的排在了前面；要按相似度从高到低排序）"
    assert got == want, (
        f"the 3 nearest neighbours of 'king' (excluding itself) were {[WORDS[i] if 0 <= i < 8 else i for i in got]}; "
        f"expected {[WORDS[i] for i in want]}{hint}",
        f"'king' 的 3 个最近邻（不含它自己）是 {[WORDS[i] if 0 <= i < 8 else i for i in got]}，"
        f"应为 {[WORDS[i] for i in want]}{hint_zh}",
    )


def check_cosine_not_dot(m: ModuleType, ref: ModuleType) -> None:
    """a long vector does not win just by being long: ranking is by angle, not dot product
    zh: 长向量不会仅仅因为长而排在前面：按夹角排序，而不是按点积"""
    E = np.array([[1.0, 0.0], [10.0, 10.0], [0.9, 0.1], [0.0, 1.0]])
    query = np.array([1.0, 0.05])
    got = _ids(m.nearest_neighbours(query, E.copy(), 2), "nearest_neighbours([1, 0.05], E, 2)")
    want = ref.nearest_neighbours(query, E, 2)
    hint = " (row 1 is long but 45 degrees away; that ranking is by dot product, use cosine)" if got[:1] == [1] else ""
    hint_zh = "（第 1 行很长，但方向偏了 45 度；这是按点积排的序，应当按余弦相似度排）" if got[:1] == [1] else ""
    assert got == want, (
        f"nearest_neighbours([1, 0.05], [[1, 0], [10, 10], [0.9, 0.1], [0, 1]], 2) returned {got}; expected {want}{hint}",
        f"nearest_neighbours([1, 0.05], [[1, 0], [10, 10], [0.9, 0.1], [0, 1]], 2) 返回 {got}，应为 {want}{hint_zh}",
    )


def check_ties_and_k(m: ModuleType, ref: ModuleType) -> None:
    """ties go to the smaller id, and k larger than the vocabulary returns every id
    zh: 并列时取较小的编号；k 超过词表大小时返回所有编号"""
    E = np.array([[0.0, 1.0], [2.0, 0.0], [1.0, 0.0], [3.0, 0.0]])
    got = _ids(m.nearest_neighbours(np.array([1.0, 0.0]), E.copy(), 3), "nearest_neighbours([1, 0], E, 3)")
    assert got == [1, 2, 3], (
        f"rows 1, 2 and 3 all point along [1, 0]; nearest_neighbours returned {got}; expected [1, 2, 3] (ties: smaller id first)",
        f"第 1、2、3 行都指向 [1, 0] 方向；nearest_neighbours 返回 {got}，应为 [1, 2, 3]（并列时编号小的在前）",
    )
    got = _ids(m.nearest_neighbours(np.array([1.0, 0.0]), E.copy(), 10), "nearest_neighbours([1, 0], E, 10)")
    assert got == [1, 2, 3, 0], (
        f"nearest_neighbours([1, 0], E of 4 rows, k=10) returned {got}; expected [1, 2, 3, 0]",
        f"nearest_neighbours([1, 0], 4 行的 E, k=10) 返回 {got}，应为 [1, 2, 3, 0]",
    )


def check_analogy(m: ModuleType, ref: ModuleType) -> None:
    """analogy: man : king = woman : queen, and the three input words are never the answer
    zh: 类比：man 之于 king，正如 woman 之于 queen；三个输入词本身永远不会是答案"""
    for a, b, c in ((2, 0, 3), (3, 1, 2), (2, 6, 3)):
        got = _ids(m.analogy(TOY.copy(), a, b, c, 3), f"analogy(E, {WORDS[a]}, {WORDS[b]}, {WORDS[c]}, k=3)")
        want = ref.analogy(TOY, a, b, c, 3)
        hint = " (exclude a, b and c from the answers)" if set(got) & {a, b, c} else ""
        hint_zh = "（答案里要排除 a、b、c 这三个词）" if set(got) & {a, b, c} else ""
        assert got == want, (
            f"{WORDS[a]} : {WORDS[b]} = {WORDS[c]} : ? gave {[WORDS[i] if 0 <= i < 8 else i for i in got]}; "
            f"expected {[WORDS[i] for i in want]}{hint}",
            f"{WORDS[a]} : {WORDS[b]} = {WORDS[c]} : ? 得到 {[WORDS[i] if 0 <= i < 8 else i for i in got]}，"
            f"应为 {[WORDS[i] for i in want]}{hint_zh}",
        )
