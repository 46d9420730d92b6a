"""`teach` through the real CLI: offline scoring in both languages, history, `next`, and
grading by a scripted model (valid, invalid once, invalid twice, broken)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, db_rows
from tests.fake_llm import FakeLLM, serving

GOOD_EN = (
    "Attention lets the decoder softly align to the relevant parts of the source sentence; Bahdanau, Cho and "
    "Bengio added it to the RNN encoder-decoder for translation in 2014. Scaled dot-product attention is "
    "softmax(QK^T/sqrt(d_k))V: dividing by sqrt(d_k) keeps large dot products from pushing the softmax into "
    "regions with tiny gradients. In self-attention Q, K and V come from the same sequence, so any two "
    "positions are one step apart, which helps long-range dependencies, and all positions are computed in "
    "parallel. Modelling alignment explicitly is the Transformer's key advantage."
)
POOR_EN = "Attention is a neural network trick that makes chatbots smarter."
GOOD_ZH = (
    "注意力让解码器在每一步软对齐到源句子的相关部分，2014 年 Bahdanau 等人把它加入 RNN 编码器-解码器。"
    "缩放点积注意力是 softmax(QKᵀ/√d_k)V，除以 √d_k 可以避免点积过大，让 softmax 进入梯度极小的区域。"
    "自注意力中 Q、K、V 来自同一序列，任意两个位置只隔一步，便于建模长距离依赖，所有位置可以并行计算。"
    "注意力把对齐显式建模，这是 Transformer 的核心优势。"
)
POOR_ZH = "注意力是一种神经网络的技术，让聊天机器人变得更聪明。"


@pytest.mark.parametrize(
    ("lang", "good", "poor"), [("en", GOOD_EN, POOR_EN), ("zh", GOOD_ZH, POOR_ZH)], ids=["en", "zh"]
)
def test_offline_scores_a_good_and_a_poor_explanation(cli: Cli, home: Path, lang: str, good: str, poor: str) -> None:
    r = cli("teach", "attention", "--offline", "--json", "--lang", lang, input=good)
    assert r.exit_code == 0, r.stderr
    res = r.json()
    assert res["score"] >= 0.8 and res["source"] == "offline" and res["fallback_reason"] is None
    assert len(res["covered"]) >= 3 and len(res["covered"]) + len(res["missing"]) == 4
    assert res["text"] == good.strip()  # stored and shown as written
    # the key points come back in the learner's language
    assert all(any("\u4e00" <= c <= "\u9fff" for c in k) == (lang == "zh") for k in res["covered"])

    bad = cli.json("teach", "attention", "--offline", "--lang", lang, "--file", _write(home, poor))
    assert bad["score"] < 0.3 and len(bad["missing"]) >= 3

    rows = db_rows(home, "SELECT topic, source, score FROM explanations ORDER BY created_at, rowid")
    assert [(t, s) for t, s, _ in rows] == [("attention", "offline")] * 2
    assert rows[0][2] == res["score"] and rows[1][2] == bad["score"]
    history = cli.json("teach", "attention", "--history", "--lang", lang)
    assert [h["score"] for h in history] == [res["score"], bad["score"]]


# Explanations in the learner's own words, not the key points' (backprop's curated terms).
OWN_WORDS = {
    "en": (
        "Training runs a forward pass to get the loss, then a backward pass applies the chain rule to get "
        "the gradient of every weight, for about as much compute as the forward pass. Rumelhart, Hinton and "
        "Williams made it famous in 1986. You usually minimise cross-entropy or MSE with SGD or Adam. "
        "PyTorch's autograd does it for you, but you need it to understand vanishing and exploding gradients."
    ),
    "zh": (
        "训练时先做前向传播算出损失，再用反向传播按链式法则求出每个参数的梯度，计算量和前向差不多。"
        "1986 年 Rumelhart、Hinton 等人的论文让它出名。常用交叉熵或均方误差作损失函数，用 SGD 或 Adam 优化。"
        "PyTorch 的自动微分会替你做，但要懂它才能理解梯度消失和梯度爆炸。"
    ),
}
VAGUE = {
    "en": "Back-propagation is an important way to train neural networks and make them better.",
    "zh": "反向传播是训练神经网络的重要方法，能让神经网络变得更好。",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_own_words_score_well_in_either_language_and_vague_text_does_not(cli: Cli, lang: str) -> None:
    good = cli("teach", "backprop", "--offline", "--json", "--lang", lang, input=OWN_WORDS[lang]).json()
    assert good["score"] >= 0.8 and len(good["covered"]) == 4, good["points"]
    vague = cli("teach", "backprop", "--offline", "--json", "--lang", lang, input=VAGUE[lang]).json()
    assert vague["score"] <= 0.2 and not vague["covered"]
    # the terms are shown in the learner's language
    shown = [t for p in good["points"] for t in p["found"]]
    assert ("梯度" in shown) == (lang == "zh") and ("gradients" in shown or "gradient" in shown) == (lang == "en")


def _write(home: Path, text: str) -> str:
    path = home / "explanation.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_view_shows_coverage_then_the_curated_explanation(cli: Cli) -> None:
    out = cli.ok("teach", "attention", "--offline", input=POOR_EN).stdout
    assert "Coverage 0.0" in out and "Missed (4)" in out and "could mention:" in out
    assert out.index("Missed") < out.index("Compare with the curated explanation") < out.rindex("softmax(QKᵀ/√d_k)V")
    zh = cli.ok("teach", "注意力", "--offline", "--lang", "zh", input=GOOD_ZH).stdout
    assert "覆盖度" in zh and "已覆盖" in zh and "对照整理好的讲解" in zh
    from llmstudy.output.terminal import cells

    assert all(cells(line) <= 80 for line in out.splitlines() + zh.splitlines())


def test_mixed_language_explanation(cli: Cli) -> None:
    mixed = "缩放点积：softmax(QK^T/sqrt(d_k)) V，除以 √d_k 避免梯度极小；self-attention 里 Q、K、V 来自同一序列，可以并行计算。"
    res = cli("teach", "attention", "--offline", "--json", input=mixed).json()
    assert 0.3 <= res["score"] <= 0.8 and len(res["covered"]) == 2


def test_empty_explanation_is_refused_and_not_stored(cli: Cli, home: Path) -> None:
    r = cli("teach", "attention", "--offline", input="  \n")
    assert r.exit_code == 2 and "empty" in r.stderr and "hint: write it" in r.stderr
    r = cli("teach", "attention", "--offline", "--lang", "zh", input="")
    assert r.exit_code == 2 and "解释是空的" in r.stderr
    assert db_rows(home, "SELECT count(*) FROM explanations") == [(0,)]
    r = cli("teach", "attention", "--file", str(home / "missing.md"))
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_a_low_score_feeds_next(cli: Cli) -> None:
    topic = cli.json("next")["topic"]["id"]
    reasons = cli.json("next")["reasons"]
    assert not any("explanation" in r for r in reasons)
    cli.ok("teach", topic, "--offline", input="I am not sure what this is.")
    reasons = cli.json("next")["reasons"]
    assert any(f"llmstudy teach {topic}" in r and "covered 0%" in r for r in reasons)
    zh = cli.json("next", "--lang", "zh")["reasons"]
    assert any("只覆盖了 0%" in r for r in zh)


def test_editor_template_has_the_title_and_no_answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """$EDITOR gets the template; the # lines are dropped from what it saves."""
    from llmstudy.actions.teach import template
    from llmstudy.cli.editor import edit
    from llmstudy.core.lookup import resolve_topic
    from llmstudy.storage.store import Store
    from tests.conftest import DATA

    store = Store.open(tmp_path / "t.db", DATA)
    topic = resolve_topic("attention", store.topics())
    store.close()
    text = template(topic, "en")
    assert "Attention mechanism (attention)" in text
    assert not any(k.en[:30] in text for k in topic.key_points)
    seen = tmp_path / "seen.txt"
    script = tmp_path / "fake-editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(p.read_text())\n"
        "p.write_text(p.read_text() + 'My explanation.\\n# dropped\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    assert edit(text) == "My explanation."
    assert seen.read_text() == text
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c 'import sys; sys.exit(3)'")
    from llmstudy.errors import LlmstudyError

    with pytest.raises(LlmstudyError, match="exited with 3"):
        edit(text)


# -- graded by a model ---------------------------------------------------------------


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLM]:
    with serving(monkeypatch, OPENAI_API_KEY="sk-test") as server:
        yield server


def grade(covered: list[int], missing: list[int], wrong: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"json": {"covered": covered, "missing": missing, "wrong": wrong or []}}


WRONG = [{"statement": "dividing by d_k makes it faster", "correction": "It keeps the softmax out of tiny gradients."}]


def test_model_grades_covered_missing_and_wrong(cli: Cli, llm: FakeLLM, home: Path) -> None:
    llm.replies = [grade([1, 3], [2, 4], WRONG)]
    r = cli("teach", "attention", "--json", input=POOR_EN + " Dividing by d_k makes it faster.")
    assert r.exit_code == 0, r.stderr
    res = r.json()
    assert res["source"] == "llm" and res["model"] == "fake-model" and res["score"] == 0.5
    assert res["covered"][0].startswith("In 2014 Bahdanau") and res["covered"][1].startswith("Scaled dot-product")
    assert len(res["missing"]) == 2
    assert res["wrong"] == [{"statement": WRONG[0]["statement"], "correction": WRONG[0]["correction"]}]
    assert res["text"] == POOR_EN + " Dividing by d_k makes it faster."  # never rewritten
    body = llm.requests[0]
    assert body["response_format"]["type"] == "json_schema"
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["wrong"]["maxItems"] == 10
    assert "1. In 2014 Bahdanau" in body["messages"][1]["content"] and POOR_EN in body["messages"][1]["content"]
    assert "do not rewrite it" in body["messages"][0]["content"]
    stored = db_rows(home, "SELECT source, model, score, feedback FROM explanations")
    assert stored[0][:3] == ("llm", "fake-model", 0.5) and "one line" not in stored[0][3]
    assert json.loads(stored[0][3])["wrong"][0]["correction"] == WRONG[0]["correction"]
    text = cli.ok("teach", "attention", "--history").stdout
    assert "llm · fake-model" in text
    # the text view lists the wrong statement with its correction
    llm.replies = [grade([1, 2, 3, 4], [], WRONG)]
    out = cli.ok("teach", "attention", input=GOOD_EN).stdout
    assert "graded by fake-model" in out and "Wrong (1)" in out and "→ It keeps the softmax" in out


def test_invalid_grading_gets_one_corrective_retry(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [grade([1, 2], [2]), grade([1, 2], [3, 4])]
    res = cli.json("teach", "attention", "--file", _write_tmp(POOR_EN))
    assert res["source"] == "llm" and res["score"] == 0.5
    assert len(llm.requests) == 2
    retry = llm.requests[1]["messages"][-1]["content"]
    assert "listed more than once" in retry and "[3, 4] are neither covered nor missing" in retry


def _write_tmp(text: str) -> str:
    path = Path(os.environ["LLMSTUDY_HOME"]) / "mine.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "replies",
    [
        [grade([1, 9], [2, 3, 4])] * 2,  # a key point that does not exist
        [{"json": {"covered": [1], "missing": [2, 3, 4], "wrong": [], "score": 1}}] * 2,  # extra field
        [{"json": {"covered": [1], "missing": [2, 3, 4], "wrong": [{"statement": "", "correction": "x"}]}}] * 2,
        [{"content": "Looks good to me!"}, {"content": "Really good."}],
        [{"raw": "<html>proxy error</html>"}],
        [{"status": 500}, {"status": 500}, {"status": 500}],
    ],
    ids=["out-of-range", "extra-field", "empty-statement", "no-json", "malformed", "http-500"],
)
def test_unusable_grading_falls_back_to_offline(cli: Cli, llm: FakeLLM, home: Path, replies: list[dict[str, Any]]) -> None:
    llm.replies = list(replies)
    r = cli("teach", "attention", "--json", input=GOOD_EN)
    assert r.exit_code == 0, r.stderr
    res = r.json()
    assert res["source"] == "offline" and res["fallback_reason"] and res["score"] >= 0.8
    assert db_rows(home, "SELECT source FROM explanations") == [("offline",)]


def test_fallback_is_said_in_the_text_view(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [{"content": "no"}, {"content": "still no"}]
    out = cli.ok("teach", "attention", input=GOOD_EN).stdout
    assert "The model's grading was unusable (the model's gradings were invalid twice" in out
    assert "offline: concept terms" in out


def test_offline_flag_never_calls_the_model(cli: Cli, llm: FakeLLM) -> None:
    cli.ok("teach", "attention", "--offline", input=GOOD_EN)
    assert llm.requests == []


def test_llm_flag_without_a_model_is_an_error(cli: Cli) -> None:
    r = cli("teach", "attention", "--llm", input=GOOD_EN)
    assert r.exit_code == 1 and "no LLM is configured" in r.stderr
