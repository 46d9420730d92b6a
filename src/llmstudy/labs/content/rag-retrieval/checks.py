"""Checks for the RAG retrieval lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def _corpus(seed: int, n: int = 10, d: int = 16) -> tuple[Array, Array]:
    rng = np.random.default_rng(seed)
    docs = rng.normal(size=(n, d)) * rng.uniform(0.2, 5.0, size=(n, 1))
    query = rng.normal(size=d)
    return query, docs


def _top(m: ModuleType, query: Array, docs: Array, k: int) -> tuple[list[int], Array]:
    result = m.top_k(query, docs, k)
    assert isinstance(result, tuple) and len(result) == 2, (
        f"top_k returned {type(result).__name__}, expected a tuple (indices, scores)",
        f"top_k 返回的是 {type(result).__name__}，应当返回元组 (indices, scores)",
    )
    idx = [int(i) for i in np.asarray(result[0]).ravel()]
    assert all(float(i) == float(j) for i, j in zip(idx, np.asarray(result[0]).ravel(), strict=True)), (
        "top_k returned non-integer indices",
        "top_k 返回的下标不是整数",
    )
    return idx, np.asarray(result[1], dtype=np.float64).ravel()


def check_cosine_matches(m: ModuleType, ref: ModuleType) -> None:
    """cosine_similarity of a query with 10 random documents
    zh: 查询与 10 个随机文档的余弦相似度"""
    query, docs = _corpus(1)
    got = np.asarray(m.cosine_similarity(query, docs), dtype=np.float64)
    want = ref.cosine_similarity(query, docs)
    assert got.shape == want.shape, (
        f"cosine_similarity(query (16,), docs (10, 16)) returned shape {got.shape}, expected {want.shape}",
        f"cosine_similarity(query (16,), docs (10, 16)) 返回的形状是 {got.shape}，应为 {want.shape}",
    )
    bad = np.flatnonzero(~np.isclose(got, want))
    dot = bool(bad.size) and np.allclose(got, docs @ query)
    hint = " (that is the dot product: divide by both norms)" if dot else ""
    hint_zh = "（这是点积：还要除以两个向量的范数）" if dot else ""
    assert bad.size == 0, (
        f"cosine_similarity for document {bad[0]} returned {got[bad[0]]:.5f}, expected {want[bad[0]]:.5f}{hint}",
        f"cosine_similarity 对文档 {bad[0]} 返回 {got[bad[0]]:.5f}，应为 {want[bad[0]]:.5f}{hint_zh}",
    )


def check_cosine_ignores_length(m: ModuleType, ref: ModuleType) -> None:
    """scaling a document or the query does not change the cosine similarity
    zh: 缩放文档或查询不改变余弦相似度"""
    query, docs = _corpus(2, n=6)
    base = np.asarray(m.cosine_similarity(query, docs), dtype=np.float64)
    scaled = np.asarray(
        m.cosine_similarity(3.0 * query, docs * np.array([[10.0], [0.1], [1.0], [7.0], [2.0], [0.5]])), dtype=np.float64
    )
    assert np.allclose(base, scaled), (
        f"scaling the documents by [10, 0.1, 1, 7, 2, 0.5] and the query by 3 changed cosine_similarity from {base.round(4).tolist()} to {scaled.round(4).tolist()}",
        f"把各文档分别乘以 [10, 0.1, 1, 7, 2, 0.5]、查询乘以 3 之后，cosine_similarity 从 {base.round(4).tolist()} 变成了 {scaled.round(4).tolist()}",
    )
    assert np.all(np.abs(base) <= 1.0 + 1e-9), (
        f"cosine_similarity returned {base.round(4).tolist()}, expected values in [-1, 1]",
        f"cosine_similarity 返回 {base.round(4).tolist()}，取值应在 [-1, 1] 之间",
    )


def check_zero_vectors(m: ModuleType, ref: ModuleType) -> None:
    """a zero document or a zero query has similarity 0.0, never nan
    zh: 零向量文档或零向量查询的相似度是 0.0，不能是 nan"""
    query, docs = _corpus(3, n=4, d=5)
    docs[2] = 0.0
    got = np.asarray(m.cosine_similarity(query, docs), dtype=np.float64)
    assert np.isfinite(got[2]) and got[2] == 0.0, (
        f"cosine_similarity with an all-zero document 2 returned {float(got[2])!r} for it, expected 0.0",
        f"文档 2 全为 0 时，cosine_similarity 对它返回 {float(got[2])!r}，应为 0.0",
    )
    got = np.asarray(m.cosine_similarity(np.zeros(5), docs), dtype=np.float64)
    assert np.all(np.isfinite(got)) and np.all(got == 0.0), (
        f"cosine_similarity with an all-zero query returned {got.tolist()}, expected all 0.0",
        f"查询全为 0 时，cosine_similarity 返回 {got.tolist()}，应当全为 0.0",
    )


def check_top_k_order(m: ModuleType, ref: ModuleType) -> None:
    """top_k returns the 3 most similar documents, highest first, with their scores
    zh: top_k 返回最相似的 3 个文档（最高的在前）及其相似度"""
    query, docs = _corpus(4)
    idx, scores = _top(m, query, docs, 3)
    want_idx, want_scores = ref.top_k(query, docs, 3)
    sims = ref.cosine_similarity(query, docs)
    hint = hint_zh = ""
    if idx == np.argsort(sims)[:3].tolist():
        hint = " (those are the least similar: sort from highest to lowest)"
        hint_zh = "（这些是最不相似的：要从高到低排序）"
    elif idx == np.argsort(-(docs @ query))[:3].tolist():
        hint = " (that ranks by the dot product; use the cosine similarity)"
        hint_zh = "（这是按点积排的序；应当按余弦相似度排）"
    assert idx == want_idx.tolist(), (
        f"top_k(query, 10 documents, k=3) returned indices {idx}, expected {want_idx.tolist()}{hint}",
        f"top_k(query, 10 个文档, k=3) 返回下标 {idx}，应为 {want_idx.tolist()}{hint_zh}",
    )
    assert scores.shape == want_scores.shape and np.allclose(scores, want_scores), (
        f"top_k(k=3) returned scores {scores.round(4).tolist()}, expected {want_scores.round(4).tolist()} (the cosine similarities, highest first)",
        f"top_k(k=3) 返回的分数是 {scores.round(4).tolist()}，应为 {want_scores.round(4).tolist()}（即余弦相似度，从高到低）",
    )


def check_long_document_does_not_win(m: ModuleType, ref: ModuleType) -> None:
    """a long document pointing away from the query does not outrank a short one pointing at it
    zh: 方向偏离查询的长文档，不能排在方向一致的短文档前面"""
    query = np.array([1.0, 0.0, 0.0])
    docs = np.array([[0.9, 0.1, 0.0], [30.0, 25.0, 20.0], [0.0, 1.0, 0.0]])
    idx, _scores = _top(m, query, docs, 1)
    assert idx == [0], (
        f"top_k(query [1, 0, 0], docs [[0.9, 0.1, 0], [30, 25, 20], [0, 1, 0]], k=1) returned {idx}, expected [0]: "
        "document 1 has the largest dot product but points elsewhere",
        f"top_k(query [1, 0, 0], docs [[0.9, 0.1, 0], [30, 25, 20], [0, 1, 0]], k=1) 返回 {idx}，应为 [0]："
        "文档 1 的点积最大，但方向偏离了查询",
    )


def check_ties_lower_index_first(m: ModuleType, ref: ModuleType) -> None:
    """equal similarities (duplicate documents) keep the lower index first
    zh: 相似度相同（重复的文档）时编号小的在前"""
    query = np.array([1.0, 1.0])
    docs = np.array([[0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 1.0]])
    idx, _scores = _top(m, query, docs, 4)
    assert idx == [1, 3, 4, 0], (
        f"top_k(query [1, 1], docs [[0, 1], [1, 1], [1, 0], [1, 1], [1, 1]], k=4) returned {idx}, expected [1, 3, 4, 0] (ties: lower index first)",
        f"top_k(query [1, 1], docs [[0, 1], [1, 1], [1, 0], [1, 1], [1, 1]], k=4) 返回 {idx}，应为 [1, 3, 4, 0]（相似度相同时下标小的在前）",
    )


def check_k_larger_than_corpus(m: ModuleType, ref: ModuleType) -> None:
    """k larger than the corpus returns every document; k = 0 returns nothing
    zh: k 大于文档数时返回全部文档；k = 0 时返回空结果"""
    query, docs = _corpus(5, n=4)
    idx, scores = _top(m, query, docs, 10)
    want_idx, _w = ref.top_k(query, docs, 10)
    assert idx == want_idx.tolist(), (
        f"top_k with k=10 on 4 documents returned indices {idx}, expected all 4: {want_idx.tolist()}",
        f"在 4 个文档上、k=10 时，top_k 返回下标 {idx}，应当返回全部 4 个：{want_idx.tolist()}",
    )
    assert len(scores) == 4, (
        f"top_k with k=10 on 4 documents returned {len(scores)} scores, expected 4",
        f"在 4 个文档上、k=10 时，top_k 返回了 {len(scores)} 个分数，应为 4 个",
    )
    idx, scores = _top(m, query, docs, 0)
    assert idx == [] and len(scores) == 0, (
        f"top_k with k=0 returned indices {idx}, expected an empty result",
        f"k=0 时 top_k 返回下标 {idx}，应当返回空结果",
    )
