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


TERMS = (
    ("scaled|scaling|缩放", "dot product|dot-product|点积", "softmax", "√d_k|d_k|sqrt|根号", "gradient|梯度"),
    ("self-attention|self attention|自注意力", "same sequence|同一序列", "parallel|并行", "one step|一步"),
)


def test_curated_terms_match_in_either_language() -> None:
    english = tb.Said.of("Dot products are scaled before the softmax.")
    chinese = tb.Said.of("点积 要 缩放，再做 softmax。")
    for said in (english, chinese):
        assert [tb.named(t, said) for t in TERMS[0]] == [True, True, True, False, False]


def test_latin_alternatives_match_whole_words_in_order() -> None:
    assert tb.named("dot product", tb.Said.of("two dot-products? no: dot products"))
    assert not tb.named("dot product", tb.Said.of("a product of dots"))  # both words, wrong order
    assert not tb.named("softmax", tb.Said.of("a soft max"))  # other words
    assert not tb.named("max", tb.Said.of("softmax"))  # part of a word is not the word
    assert not tb.named("one step", tb.Said.of("onesteps"))
    assert tb.named("RNN", tb.Said.of("rnns and LSTMs"))  # case and plural
    assert tb.named("√d_k", tb.Said.of("divide by √ d_k"))  # symbols: spaces do not matter


def test_stemming_meets_in_the_middle() -> None:
    assert tb.stem("products") == tb.stem("product")
    assert tb.stem("dividing") == tb.stem("divide") == tb.stem("divides")
    assert tb.stem("dependencies") == tb.stem("dependency")
    assert tb.stem("bias") == tb.stem("biases") and tb.stem("analysis") == "analysis" and tb.stem("loss") == "loss"


def test_a_term_must_occur_in_its_point_in_both_languages() -> None:
    assert tb.term_problem("softmax", POINTS[0]) is None
    assert tb.term_problem("scaled|缩放", POINTS[0]) is None
    def problem(term: str) -> Bi:
        found = tb.term_problem(term, POINTS[0])
        assert found is not None, term
        return found

    assert "zh text" in problem("scaled").en and "中文原文" in problem("scaled").zh  # the Chinese text says 缩放
    assert "en text" in problem("缩放").en and "英文原文" in problem("缩放").zh
    assert "zh text" in problem("backprop|反向传播").en  # not this point at all
    assert "repeats" in problem("softmax|Softmax").en and "重复" in problem("softmax|Softmax").zh
    assert problem(" | ") == Bi("概念词是空的", "a term is empty")


def test_terms_are_shown_in_the_learners_language() -> None:
    assert tb.label("scaled|scaling|缩放", chinese=False) == "scaled"
    assert tb.label("scaled|scaling|缩放", chinese=True) == "缩放"
    assert tb.label("softmax", chinese=True) == "softmax"
    assert tb.label("√d_k|根号", chinese=False) == "√d_k"


def test_good_and_poor_in_english() -> None:
    good = tb.score(
        POINTS,
        TERMS,
        "Scaled dot products go through a softmax; dividing by sqrt(d_k) keeps large values from tiny gradients. "
        "In self-attention queries, keys and values come from the same sequence, so all positions are computed "
        "in parallel and any two positions are one step apart.",
    )
    poor = tb.score(POINTS, TERMS, "It is a neural network thing that makes chatbots better, with attention.")
    assert good.score == 1.0 and len(good.covered) == 2
    assert poor.score == 0.0 and len(poor.missing) == 2


def test_good_and_poor_in_chinese() -> None:
    good = tb.score(
        POINTS,
        TERMS,
        "先算点积，再除以根号 d_k 做缩放，避免点积过大让 softmax 进入梯度极小的区域。"
        "自注意力里 Q、K、V 来自同一序列，任意两个位置只隔一步，可以并行计算。",
    )
    poor = tb.score(POINTS, TERMS, "注意力是一种很厉害的技术，让模型变得更聪明。")
    assert good.score == 1.0 and [p.number for p in good.covered] == [0, 1]
    assert "缩放" in good.points[0].found and "自注意力" in good.points[1].terms  # shown in Chinese
    assert poor.score == 0.0 and not poor.covered


def test_naming_one_term_in_three_is_not_coverage() -> None:
    one = tb.score(POINTS[:1], TERMS[:1], "Something with a softmax.")
    assert one.points[0].coverage == 0.2 and not one.covered and one.score == 0.4
    two = tb.score(POINTS[:1], TERMS[:1], "A softmax over dot products.")
    assert two.covered and two.score == 0.8


def test_mixed_language_counts_terms_from_both() -> None:
    mixed = tb.score(POINTS, TERMS, "点积要缩放，不然 softmax 的梯度极小。Self-attention computes all positions in parallel.")
    assert [p.covered for p in mixed.points] == [True, True]
    assert set(mixed.points[0].found) == {"scaled", "dot product", "softmax", "gradient"}  # mostly Latin letters
    assert set(mixed.points[1].found) == {"self-attention", "parallel"}


def test_no_key_points_scores_zero() -> None:
    assert tb.score((), (), "anything").score == 0.0


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
