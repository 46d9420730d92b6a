"""Pure teach-back scoring and the search index's words: Chinese, English and mixed text."""

from __future__ import annotations

from llmstudy.core import teachback as tb
from llmstudy.core import textsearch as ts
from llmstudy.core.records import Bi

POINTS = (
    Bi(
        "缩放点积注意力：softmax(QKᵀ/√d_k)V；除以 √d_k 是为了避免点积过大、把 softmax 推到梯度极小的区域。",
        "Scaled dot-product attention: softmax(QKᵀ/√d_k)V; dividing by √d_k keeps large dot products "
        "from pushing the softmax into regions with tiny gradients.",
    ),
    Bi(
        "自注意力中 Q、K、V 都来自同一序列；任意两个位置之间只隔一步，所有位置可以并行计算。",
        "In self-attention Q, K and V all come from the same sequence; any two positions are one step apart, "
        "and all positions can be computed in parallel.",
    ),
)


def test_terms_of_a_key_point_in_both_languages() -> None:
    latin, cjk = tb.point_terms(POINTS[0])
    assert {"softmax", "dot", "product", "gradient", "tiny", "scal"} <= latin
    assert not latin & {"the", "by", "from", "into", "with"}  # stop words
    assert "d" not in latin and "v" not in latin  # one-letter words carry nothing
    assert {"点积", "梯度", "缩放", "区域"} <= cjk
    assert not any(c in tb.CJK_STOP_CHARS for pair in cjk for c in pair)  # no "的注" fragments


def test_stemming_meets_in_the_middle() -> None:
    assert tb.stem("products") == tb.stem("product")
    assert tb.stem("dividing") == tb.stem("divide") == tb.stem("divides")
    assert tb.stem("dependencies") == tb.stem("dependency")


def test_terms_every_point_shares_are_not_distinctive() -> None:
    # "attention" is in both points' English: it proves nothing about either.
    cov = tb.score(POINTS, "attention attention attention 注意力")
    assert cov.score == 0.0 and not cov.covered
    assert all("attention" not in p.terms for p in cov.points)


def test_good_and_poor_in_english() -> None:
    good = tb.score(
        POINTS,
        "Scaled dot products go through a softmax; dividing by sqrt(d_k) keeps large values from tiny gradients. "
        "In self-attention queries, keys and values come from the same sequence, so all positions are computed "
        "in parallel and any two positions are one step apart.",
    )
    poor = tb.score(POINTS, "It is a neural network thing that makes chatbots better.")
    assert good.score >= 0.9 and len(good.covered) == 2
    assert poor.score == 0.0 and len(poor.missing) == 2


def test_good_and_poor_in_chinese() -> None:
    good = tb.score(
        POINTS,
        "先算点积，再除以根号 d_k 做缩放，避免点积过大让 softmax 进入梯度极小的区域。"
        "自注意力里 Q、K、V 来自同一序列，任意两个位置只隔一步，可以并行计算。",
    )
    poor = tb.score(POINTS, "注意力是一种很厉害的技术，让模型变得更聪明。")
    assert good.score >= 0.9 and [p.number for p in good.covered] == [0, 1]
    assert poor.score < 0.2 and not poor.covered


def test_mixed_language_counts_the_better_language_per_point() -> None:
    mixed = tb.score(POINTS, "点积要缩放，不然 softmax 的梯度极小。Self-attention computes all positions in parallel.")
    assert [p.covered for p in mixed.points] == [True, True]
    assert {"点积", "梯度极小"} <= set(mixed.points[0].found)
    assert "parallel" in mixed.points[1].found


def test_no_key_points_scores_zero() -> None:
    assert tb.score((), "anything").score == 0.0


def test_editor_template_lines_are_dropped() -> None:
    assert tb.strip_template("# Explain attention\n  # more\nMy text\n\n# end\nsecond line\n") == "My text\n\nsecond line"
    # a note keeps its own Markdown headings: only the template's lines go
    template = "# A note on attention. This line is ignored.\n"
    assert tb.strip_template(template + "# Why √d_k\nbody\n", only=template) == "# Why √d_k\nbody"


def test_index_words_split_cjk_into_bigrams() -> None:
    assert ts.index_words("缩放点积注意力 Softmax归一化") == "缩放 放点 点积 积注 注意 意力 softmax 归一 一化"
    assert ts.index_chars("点积 dot 点") == "点 积"


def test_queries_of_one_to_four_characters() -> None:
    assert ts.parse_query("点").match == '{chars} : "点"'
    assert ts.parse_query("点积").match == '{words} : "点积"'
    assert ts.parse_query("注意力").match == '{words} : "注意 意力"'
    assert ts.parse_query("注意力机").match == '{words} : "注意 意力 力机"'
    assert ts.parse_query("Q").match == '{words} : "q"*'
    assert ts.parse_query('at"t').match == '{words} : "at"* AND {words} : "t"*'  # quotes cannot break out
    assert ts.parse_query("  ,.!  ").match == ""


def test_highlights_and_snippets() -> None:
    text = "Attention is all you need. 缩放点积注意力 uses dot products; reattention is not a word."
    terms = ts.parse_query("atten 点积").terms
    spans = ts.highlights(text, terms)
    assert [text[s:e] for s, e in spans] == ["Atten", "点积"]  # Latin at word starts only
    long = "x " * 100 + "the softmax here " + "y " * 100
    cut, inside = ts.snippet(long, ("softmax",))
    assert cut.startswith("…") and cut.endswith("…") and len(cut) < 130
    assert [cut[s:e] for s, e in inside] == ["softmax"]


def test_pairs_are_shown_as_phrases() -> None:
    assert tb.phrases("让解码器每一步都对齐到源句子的相关部分", {"解码", "码器", "相关", "关部", "部分", "句子"}) == [
        "解码器",
        "句子",
        "相关部分",
    ]
