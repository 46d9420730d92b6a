"""Fill-in-the-blank questions: a curated sentence, one curated term blanked, the model's wrong answers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from llmstudy.cli.quiz_steps import QUIZ_SIZE
from llmstudy.context import bundled_data_dir
from llmstudy.core.records import TopicRec, question_from_doc, topic_from_doc
from llmstudy.core.teachback import score
from llmstudy.llm import cloze
from llmstudy.llm.quizgen import CLOZE_SPARE, CLOZE_TRIES, MODEL_TRIES
from llmstudy.storage.store import Store
from tests.fake_llm import FakeLLM, knowledge_replies, quiz_reply, quiz_turn, serving
from tests.helpers import Cli, db_rows

INVALID = {"json": quiz_reply("attention", 1, {"answer_index": 9})}  # an own question the schema refuses


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLM]:
    with serving(monkeypatch, LLMSTUDY_BLANKS=None) as server:  # blanks on, as by default
        yield server


def topics() -> dict[str, TopicRec]:
    doc = yaml.safe_load((bundled_data_dir() / "roadmap.yaml").read_text(encoding="utf-8"))
    return {t["id"]: topic_from_doc(t) for t in doc["topics"]}


def wrong(*words: str) -> dict[str, Any]:
    """A blank's reply: ``words``, padded with repeats of the first to the six asked for."""
    return {"json": {"wrong": [*words, *[words[0]] * (3 + CLOZE_SPARE - len(words))]}}


def measured(home: Path, llm: FakeLLM, right_of_asked: str) -> None:
    """The model as `llm check` (or an earlier quiz) left it: curated questions answered right."""
    store = Store.open(home / "llmstudy.db", bundled_data_dir())
    try:
        store.set_meta(f"llm_trust:{llm.base_url}:fake-model", right_of_asked)
    finally:
        store.close()


def purposes(cli: Cli) -> list[str]:
    return [c["purpose"] for c in cli.json("llm", "log", "-n", "100")][::-1]


def cloze_requests(llm: FakeLLM) -> list[dict[str, Any]]:
    return [r for r in llm.requests if "wrong" in json.dumps(r.get("response_format", {}))]


# -- the blanks (pure) -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_topic_has_blanks_and_each_is_its_curated_sentence_less_one_term(lang: str) -> None:
    for topic in topics().values():
        found = cloze.blanks(topic, lang)
        # enough for a whole default quiz from a model that only writes wrong answers
        assert len(found) >= QUIZ_SIZE, f"{topic.id} ({lang}) has {len(found)} blanks"
        for b in found:
            assert b.stem.startswith(cloze.LEAD.get(lang)) and b.stem.count(cloze.BLANK) == 1
            assert b.stem[len(cloze.LEAD.get(lang)) :].replace(cloze.BLANK, b.key) == b.fact == topic.key_points[b.fact_index].get(lang)
            assert "".join(b.key.casefold().split()) in {"".join(a.casefold().split()) for a in b.alternatives}  # "8 个" for 8个
            assert not any(re.search(rf"(?<![A-Za-z0-9]){re.escape(a)}(?![A-Za-z0-9])", b.stem, re.I) for a in b.alternatives)
        # the first blanks take one key point each, so a quiz's blanks are on different facts
        firsts = [b.fact_index for b in found[: len({b.fact_index for b in found})]]
        assert len(firsts) == len(set(firsts))


def test_blanks_already_used_are_left_out() -> None:
    topic = topics()["attention"]
    first, second, *_ = cloze.blanks(topic, "en")
    assert cloze.blanks(topic, "en", [first.stem])[0] == second


def test_a_term_is_blanked_only_as_a_whole_word_once_and_without_another_spelling_left() -> None:
    doc = {
        "id": "t",
        "title": {"zh": "题", "en": "T"},
        "summary": {"zh": "摘要", "en": "Summary"},
        "sources": [{"title": "S", "url": "https://example.org"}],
        "key_points": [
            {"zh": "甲", "en": "Bahdanau wrote about BA here.", "terms": ["BA"]},  # not the start of Bahdanau
            {"zh": "乙", "en": "GPT and GPT again.", "terms": ["GPT"]},  # twice: which one?
            {"zh": "丙", "en": "LoRA means Low-Rank Adaptation.", "terms": ["LoRA|Low-Rank Adaptation"]},  # one spelling stays
            {"zh": "用字节级 BPE。", "en": "It uses byte-level BPE.", "terms": ["byte-level|字节级"]},
            {"zh": "给 8 个示例。", "en": "Give eight examples.", "terms": ["eight|8个"]},  # Chinese spaced or not
        ],
    }
    topic = topic_from_doc(doc)
    assert [b.stem for b in cloze.blanks(topic, "en")] == [
        "Fill in the blank: Bahdanau wrote about ____ here.",
        "Fill in the blank: It uses ____ BPE.",
        "Fill in the blank: Give ____ examples.",
    ]
    assert [(b.stem, b.key) for b in cloze.blanks(topic, "zh")] == [("填空：用____ BPE。", "字节级"), ("填空：给 ____示例。", "8 个")]


def test_a_term_the_curation_marks_no_blank_is_never_blanked_but_teach_back_still_counts_it() -> None:
    point: dict[str, Any] = {"zh": "动手：用 PyTorch 写。", "en": "Hands-on: write it in PyTorch.", "terms": ["hands-on|动手", "PyTorch"]}
    doc = {
        "id": "t",
        "title": {"zh": "题", "en": "T"},
        "summary": {"zh": "摘要", "en": "Summary"},
        "sources": [{"title": "S", "url": "https://example.org"}],
        "key_points": [point],
    }
    first = cloze.blanks(topic_from_doc(doc), "en")[0]
    assert first.key == "Hands-on"
    point["no_blank"] = ["动手"]  # any spelling names the term
    topic = topic_from_doc(doc)
    assert [b.key for b in cloze.blanks(topic, "en")] == ["PyTorch"]
    assert [b.key for b in cloze.blanks(topic, "zh")] == ["PyTorch"]
    assert score(topic.key_points, topic.terms, "a hands-on exercise").points[0].found == ("hands-on",)


@pytest.mark.parametrize(
    "offered",
    [
        ["Bahdanau"],  # the key
        ["bahdanau et al."],  # holding the key
        ["Soft alignment"],  # shares a word with another spelling of the term
        ["Bengio"],  # the sentence says it: ruled out by reading
        ["Bahdanu"],  # the key misspelt: a spelling test
        ["Option B"],  # a placeholder
        ["错误：Hinton"],  # says it is wrong
    ],
)
def test_a_wrong_answer_that_could_be_right_or_is_given_away_is_dropped(offered: list[str]) -> None:
    stem = "Fill in the blank: In 2014 ____, Cho and Bengio added attention."
    b = cloze.Blank(stem, "Bahdanau", ("Bahdanau", "alignment"), "In 2014 Bahdanau, Cho and Bengio added attention.", 0)
    assert cloze.wrong_answers(b, [*offered, "Hinton"], 3) == ["Hinton"]


def test_wrong_answers_share_no_word_with_the_key_repeat_nothing_and_match_a_number() -> None:
    b = cloze.Blank("填空：提升____；", "推理速度", ("推理速度",), "提升推理速度；", 0)
    assert cloze.wrong_answers(b, ["推断速度", "训练成本", "训练成本", "模型体积", "显存占用"], 3) == ["训练成本", "模型体积", "显存占用"]
    precision = cloze.Blank("填空：降低权重____。", "精度", ("精度",), "降低权重精度。", 0)
    assert cloze.wrong_answers(precision, ["精确度", "精准度评估", "位宽", "稀疏度", "参数量"], 3) == ["位宽", "稀疏度", "参数量"]
    # cut off by the reply's grammar at the length allowed: half a word
    assert cloze.wrong_answers(precision, ["位宽", "Transformer架构的分层自", "稀疏度", "参数量"], 3, max_length=17) == ["位宽", "稀疏度", "参数量"]
    # the topic's own name: "The original model is a Transformer" is right too
    original = cloze.blanks(topics()["transformer"], "en")[0]
    assert original.key == "encoder-decoder"
    offered = ["Transformer", "Transformer architecture", "the Transformer", "Transformers", "a Transformer model", "RNN", "CNN", "LSTM"]
    assert cloze.wrong_answers(original, offered, 3) == ["RNN", "CNN", "LSTM"]
    assert cloze.wrong_answers(original, ["Transformer-2", "RNN", "CNN"], 3) == ["Transformer-2", "RNN", "CNN"]  # another thing
    # the sentence's own words respelt: ruled out by reading
    residual = cloze.Blank("Fill in the blank: each sub-layer has a ____ and layer normalisation.", "residual connection", ("residual connection",), "", 0)
    assert cloze.wrong_answers(residual, ["Layer normalization", "dropout", "attention mask", "softmax"], 3) == ["dropout", "attention mask", "softmax"]
    mha = cloze.Blank("Fill in the blank: each layer has ____.", "multi-head attention", ("multi-head attention",), "", 0)
    assert cloze.wrong_answers(mha, ["self-attention", "convolution", "recurrence", "pooling"], 3) == ["convolution", "recurrence", "pooling"]
    fp16 = cloze.Blank("Fill in the blank: ____ → INT8.", "FP16", ("FP16",), "FP16 → INT8.", 0)
    assert cloze.wrong_answers(fp16, ["F16", "FP32", "16位浮点数", "INT4", "FP64"], 3) == ["FP32", "INT4", "FP64"]  # FP16 misspelt, or said again
    six = cloze.Blank("Fill in the blank: each stack has ____.", "6 layers", ("6 layers",), "each stack has 6 layers.", 0)
    assert cloze.wrong_answers(six, ["many layers", "12 layers", "8 blocks", "attention", "24 blocks"], 2) == ["8 blocks", "24 blocks"]


# -- in a quiz (the scripted server) -----------------------------------------------


def test_when_the_models_own_question_fails_the_first_question_is_a_blank(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "12/12")
    blank = cloze.blanks(topics()["attention"], "en")[0]
    offered = [blank.key, "Bengio", "Hinton", "Vaswani", "LeCun", "Sutskever"]  # the key and a word of the sentence go
    llm.replies = [INVALID, wrong(*offered)]
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    result = r.json()
    item = result["items"][0]
    assert result["source"] == "llm" and "fallback_reason" not in result
    assert (item["source"], item["prompt"], item["explanation"]) == ("cloze", blank.stem, blank.fact)
    assert item["answer"].endswith(") " + blank.key)
    doc = json.loads(db_rows(home, "SELECT doc FROM generated_questions")[0][0])
    assert [o["en"] for o in doc["options"]] == [blank.key, "Hinton", "Vaswani", "LeCun"] and doc["answer_index"] == 0
    assert doc["made_by"]["en"].endswith("the wrong answers by fake-model") and doc["source"]["title"].startswith("Bahdanau")
    # the request: the term and the topic, not the sentence (a small model copies its words)
    (request,) = cloze_requests(llm)
    said = json.dumps(request["messages"], ensure_ascii=False)
    assert f"Term: {blank.key}" in said and "Jointly Learning" in blank.fact and "Jointly Learning" not in said
    schema = request["response_format"]["json_schema"]["schema"]["properties"]["wrong"]
    assert schema["minItems"] == schema["maxItems"] == 3 + CLOZE_SPARE and request["presence_penalty"] > 0
    assert purposes(cli) == ["quiz", "cloze", "first-question"]


def test_later_questions_get_the_models_own_tries_then_a_blank(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "10/12")
    blank = cloze.blanks(topics()["attention"], "en")[0]
    llm.replies = [*quiz_turn("attention"), *[INVALID] * MODEL_TRIES, wrong("Hinton", "Vaswani", "LeCun")]
    r = cli("quiz", "attention", "-n", "2", "--json", input="c\na\n")
    assert r.exit_code == 0, r.stderr
    assert [(it["source"], it["prompt"]) for it in r.json()["items"]] == [
        ("llm", "Generated question 0 about attention?"),
        ("cloze", blank.stem),
    ]
    asks = [r["messages"][1]["content"] for r in llm.requests if "questions" in json.dumps(r.get("response_format", {}))]
    facts = [next(ln for ln in a.split("\n") if ln.startswith("- ")) for a in asks]
    assert len(asks) == 1 + MODEL_TRIES and len(set(facts)) == len(facts)  # each reply on another fact


def test_unusable_wrong_answers_move_on_to_another_blank_then_the_bank(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "12/12")
    found = cloze.blanks(topics()["attention"], "en")
    llm.replies = [INVALID, *[wrong("Option A", "选项B", "错误：Hinton")] * (CLOZE_TRIES + 1)]
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    result = r.json()
    assert result["source"] == "bank" and "invalid" in result["fallback_reason"]
    keys = [re.search(r"Term: (.*)", r["messages"][1]["content"]).group(1) for r in cloze_requests(llm)]  # type: ignore[union-attr]
    assert keys[0] == found[0].key and len(set(keys)) == CLOZE_TRIES + 1 and set(keys) <= {b.key for b in found}
    assert db_rows(home, "SELECT count(*) FROM generated_questions") == [(0,)]
    assert len(llm.requests) == 1 + CLOZE_TRIES + 1  # one own reply, the blanks, nothing more
    errors = [c["error"] for c in cli.json("llm", "log") if c["purpose"] == "cloze"]
    assert len(errors) == CLOZE_TRIES + 1 and all("usable" in e for e in errors)


def test_a_quizs_blanks_are_on_different_key_points_while_there_are_any(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "2/12")  # blanks only
    found = cloze.blanks(topics()["attention"], "en")
    usable = wrong("convolution", "pooling", "dropout")
    llm.replies = [usable]
    cli.ok("quiz", "attention", "-n", "1", input="a\n")  # the first key point's blank
    # Now the second key point's first term comes first, then its second term (its first is
    # used once the quiz shows it), before the third key point's first.
    llm.replies = [usable, usable]
    r = cli("quiz", "attention", "-n", "2", "--json", input="a\na\n")
    facts = [next(b.fact_index for b in found if b.stem == it["prompt"]) for it in r.json()["items"]]
    assert facts == [1, 2], facts


def test_a_blank_whose_wrong_answers_were_unusable_is_not_tried_again_in_that_quiz(
    cli: Cli, llm: FakeLLM, home: Path
) -> None:
    measured(home, llm, "2/12")  # blanks only, measured enough: every request is a blank's
    found = cloze.blanks(topics()["attention"], "en")
    unusable, usable = wrong("Option A", "选项B", "错误：Hinton"), wrong("convolution", "pooling", "dropout")
    llm.replies = [unusable, usable, unusable, unusable, usable]
    r = cli("quiz", "attention", "-n", "2", "--json", input="a\na\n")
    assert r.exit_code == 0, r.stderr
    keys = [re.search(r"Term: (.*)", r["messages"][1]["content"]).group(1) for r in cloze_requests(llm)]  # type: ignore[union-attr]
    shown = [it["prompt"] for it in r.json()["items"]]
    assert len(shown) == 2 and all(it["source"] == "cloze" for it in r.json()["items"])
    assert keys.count(found[0].key) == 1  # unusable once: not asked again for the second question
    facts = [next(b.fact_index for b in found if b.stem == stem) for stem in shown]
    assert len(set(facts)) == 2, shown  # not the first question's sentence with another term missing


def test_a_weak_models_unusable_blanks_say_why_the_bank_fills_in(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "2/12")
    llm.replies = [wrong("Option A", "选项B", "错误：Hinton")] * (CLOZE_TRIES + 1)
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.json()["source"] == "bank" and "wrong answers for blanks were unusable (3 times)" in r.json()["fallback_reason"]
    llm.replies = [wrong("Option A", "选项B", "错误：Hinton")] * (CLOZE_TRIES + 1)
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", input="a\n")
    assert "模型为填空题写的错误选项不可用（3 次）" in r.stdout + r.stderr


def test_when_the_last_blanks_are_unusable_the_quiz_says_so_not_that_all_were_asked(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "2/12")
    left = len(cloze.blanks(topics()["python-ml"], "en"))
    usable, unusable = wrong("Haskell", "Fortran", "COBOL"), wrong("Option A", "选项B", "错误：Hinton")
    llm.replies = [usable] * (left - 2)
    cli.ok("quiz", "python-ml", "-n", str(left - 2), input="a\n" * (left - 2))
    llm.replies = [unusable, unusable]  # the two blanks left
    r = cli("quiz", "python-ml", "-n", "1", "--json", input="a\n")
    assert r.json()["source"] == "bank" and "unusable (2 times)" in r.json()["fallback_reason"], r.json()["fallback_reason"]


def test_once_every_blank_was_asked_a_weak_model_writes_nothing_the_bank_says_why(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "2/12")
    every = len(cloze.blanks(topics()["python-ml"], "en"))
    llm.replies = [wrong("Haskell", "Fortran", "COBOL")] * every
    r = cli("quiz", "python-ml", "-n", str(every), "--json", input="a\n" * every)
    assert [it["source"] for it in r.json()["items"]] == ["cloze"] * every
    asked = len(llm.requests)
    r = cli("quiz", "python-ml", "-n", "2", "--json", input="a\na\n")
    assert r.exit_code == 0 and r.json()["source"] == "bank"
    assert "every blank of this topic has been asked before" in r.json()["fallback_reason"]
    assert len(llm.requests) == asked  # not the weak model's own questions instead


def test_a_failing_server_makes_no_blank_calls(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "12/12")
    llm.replies = [{"status": 500}] * 5
    r = cli("quiz", "attention", "-n", "2", "--json", input="a\na\n")
    assert r.exit_code == 0, r.stderr
    assert r.json()["source"] == "bank" and r.json()["fallback_reason"]
    assert cloze_requests(llm) == []


def test_a_chinese_blank_reads_in_chinese(cli: Cli, llm: FakeLLM, home: Path) -> None:
    measured(home, llm, "12/12")
    blank = cloze.blanks(topics()["attention"], "zh")[0]
    llm.replies = [INVALID, wrong("辛顿", "瓦斯瓦尼", "杨立昆")]
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    item = r.json()["items"][0]
    assert item["source"] == "cloze" and item["prompt"].startswith("填空：") and item["prompt"] == blank.stem
    assert "Simplified Chinese" in cloze_requests(llm)[0]["messages"][0]["content"]


def test_a_blank_says_how_it_was_made_in_the_learners_language_and_travels_with_an_export(
    cli: Cli, llm: FakeLLM, home: Path, tmp_path: Path
) -> None:
    llm.replies = [wrong("辛顿", "瓦斯瓦尼", "杨立昆")]
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", input="a\n")
    assert r.exit_code == 0, r.stderr
    assert "填空题：原句和答案来自整理好的内容，错误选项由 fake-model 编写" in r.stdout
    assert "wrong answers by" not in r.stdout and "generated by" not in r.stdout
    cli.ok("export", "-o", str(tmp_path / "out.json"))
    other = ["--db", str(tmp_path / "other.db")]
    cli.ok(*other, "import", str(tmp_path / "out.json"))
    (doc,) = [json.loads(d) for (d,) in db_rows(tmp_path, "SELECT doc FROM generated_questions", "other.db")]
    assert doc["made_by"]["en"] == "Fill in the blank: the sentence and answer are curated, the wrong answers by fake-model"


@pytest.mark.parametrize("blanks", [True, False])
def test_a_question_generated_before_made_by_reads_as_one_generated_now(
    cli: Cli, llm: FakeLLM, home: Path, monkeypatch: pytest.MonkeyPatch, blanks: bool
) -> None:
    """Older versions said how a question was made in English, inside its source's title."""
    if not blanks:
        monkeypatch.setenv("LLMSTUDY_BLANKS", "off")
    llm.replies = [wrong("Hinton", "Vaswani", "LeCun")] if blanks else quiz_turn("attention")
    cli.ok("quiz", "attention", "-n", "1", input="a\n")
    ((raw,),) = db_rows(home, "SELECT doc FROM generated_questions")
    now = question_from_doc(json.loads(raw))
    assert now.made_by is not None and ("填空题" in now.made_by.zh) == blanks
    older = json.loads(raw)
    del older["made_by"]
    how = "a curated sentence, wrong answers by fake-model; from" if blanks else "generated by fake-model from the curated topic; grounded in"
    older["source"]["title"] = f"{how}: {now.source.title}"
    assert question_from_doc(older) == now
    assert question_from_doc({**older, "id": "own-000000000001"}).made_by is None  # only a generated one's title is read so


def test_the_next_quiz_blanks_another_term(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [wrong("Hinton", "Vaswani", "LeCun")] * 2  # not measured, -n 1: a blank, nothing else
    first = cli("quiz", "attention", "-n", "1", "--json", input="a\n").json()["items"][0]["prompt"]
    second = cli("quiz", "attention", "-n", "1", "--json", input="a\n").json()["items"][0]["prompt"]
    assert cloze.BLANK in first and cloze.BLANK in second and first != second


def test_blanks_can_be_turned_off_and_a_bilingual_quiz_has_none(
    cli: Cli, llm: FakeLLM, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm.replies = [INVALID] * 3
    r = cli("quiz", "attention", "-n", "1", "--bilingual", "--json", input="a\n")
    assert r.exit_code == 0 and r.json()["source"] == "bank" and cloze_requests(llm) == []
    monkeypatch.setenv("LLMSTUDY_BLANKS", "off")
    llm.replies = [INVALID] * 3
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0 and r.json()["source"] == "bank" and cloze_requests(llm) == []
    assert "invalid 3 times in a row" in r.json()["fallback_reason"]
    monkeypatch.setenv("LLMSTUDY_BLANKS", "sometimes")
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 2 and "LLMSTUDY_BLANKS must be on or off" in r.stderr and "Traceback" not in r.stderr
    # or in the config file
    monkeypatch.delenv("LLMSTUDY_BLANKS")
    config = home / "config.toml"
    config.write_text("[llm]\nblanks = false\n", encoding="utf-8")
    llm.replies = [INVALID] * 3
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0 and r.json()["source"] == "bank" and cloze_requests(llm) == []
    assert cli.json("llm", "status")["blanks"] is False
    config.write_text('[llm]\nblanks = "maybe"\n', encoding="utf-8")
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 2 and "blanks must be on or off" in r.stderr and "blanks = false" in r.stderr
    assert "Traceback" not in r.stderr


# -- how far the model is trusted ----------------------------------------------------


def test_a_model_not_yet_measured_gets_blanks_and_is_measured_while_the_learner_answers(
    cli: Cli, llm: FakeLLM, home: Path
) -> None:
    blank = wrong("Hinton", "Vaswani", "LeCun")
    llm.replies = [blank, *knowledge_replies("attention", 3), blank]
    r = cli("quiz", "attention", "-n", "2", "--json", input="a\na\n")
    assert r.exit_code == 0, r.stderr
    assert [it["source"] for it in r.json()["items"]] == ["cloze", "cloze"]  # 3 of 3 right, but 3 are too few
    assert purposes(cli) == ["cloze", "first-question", "knowledge", "knowledge", "knowledge", "cloze"]
    assert db_rows(home, "SELECT value FROM meta WHERE key LIKE 'llm_trust:%'") == [("3/3",)]
    # adding up: once 12 are asked, 5 in 6 right, the model writes its own questions
    measured(home, llm, "9/9")
    llm.replies = [blank, *knowledge_replies("attention", 3), *quiz_turn("attention")]
    r = cli("quiz", "attention", "-n", "2", "--json", input="a\nc\n")
    assert [it["source"] for it in r.json()["items"]] == ["cloze", "llm"]
    assert db_rows(home, "SELECT value FROM meta WHERE key LIKE 'llm_trust:%'") == [("12/12",)]
    # settled: the next quiz asks for the model's own question first, without measuring again
    llm.replies = [*quiz_turn("attention", first=1)]
    r = cli("quiz", "attention", "-n", "1", "--json", input="c\n")
    assert [it["source"] for it in r.json()["items"]] == ["llm"] and purposes(cli)[-3:] == ["quiz", "check", "first-question"]


def test_a_model_that_gets_curated_questions_wrong_gives_blanks_only(cli: Cli, llm: FakeLLM, home: Path) -> None:
    """Its own questions were mostly wrong (the 0.5B model, read by hand): they are not asked for."""
    measured(home, llm, "8/9")  # three earlier quizzes
    blanks = [wrong("Hinton", "Vaswani", "LeCun"), wrong("Hinton", "Vaswani", "LeCun")]
    llm.replies = [blanks[0], *knowledge_replies("attention", 1), blanks[1]]
    r = cli("quiz", "attention", "-n", "2", "--json", input="a\na\n")
    assert r.exit_code == 0, r.stderr
    assert [it["source"] for it in r.json()["items"]] == ["cloze", "cloze"]
    assert "quiz" not in purposes(cli) and db_rows(home, "SELECT value FROM meta WHERE key LIKE 'llm_trust:%'") == [("9/12",)]
    llm.requests.clear()
    llm.replies = [wrong("Hinton", "Vaswani", "LeCun")] * 3
    r = cli("quiz", "attention", "-n", "3", "--json", input="a\na\na\n")
    assert [it["source"] for it in r.json()["items"]] == ["cloze"] * 3 and len(llm.requests) == 3


def test_a_failing_server_is_no_evidence_against_the_model(cli: Cli, llm: FakeLLM, home: Path) -> None:
    llm.replies = [wrong("Hinton", "Vaswani", "LeCun")]  # then HTTP 500 for every call
    r = cli("quiz", "attention", "-n", "2", "--json", input="a\na\n")
    assert r.exit_code == 0, r.stderr
    assert [it["source"] for it in r.json()["items"]] == ["cloze", "bank"]
    assert db_rows(home, "SELECT value FROM meta WHERE key LIKE 'llm_trust:%'") == []


def test_llm_check_measures_the_model_for_the_quizzes(cli: Cli, llm: FakeLLM, home: Path) -> None:
    ok = {"json": {"ok": True}}
    llm.replies = [ok, ok, ok, *quiz_turn("attention"), *knowledge_replies("attention", 1)]
    d = cli("llm", "check", "--json").json()
    assert d["verdict"] == "weak" and any("fill-in-the-blank questions only" in a for a in d["advice"])
    assert not any("until the model has answered" in a for a in d["advice"])  # said once
    assert db_rows(home, "SELECT value FROM meta WHERE key LIKE 'llm_trust:%'") == [("1/3",)]
    llm.replies = [ok, ok, ok, *quiz_turn("attention"), *knowledge_replies("attention", 3)]
    d = cli.json("llm", "check")
    assert db_rows(home, "SELECT value FROM meta WHERE key LIKE 'llm_trust:%'") == [("4/6",)]  # added up
    assert any("until the model has answered 5 in 6 of 12 or more curated questions right (so far 4/6)" in a for a in d["advice"])
    status = cli.json("llm", "status")
    assert (status["blanks"], status["curated_answered"], status["writes_own_questions"]) == (True, "4/6", False)
    measured(home, llm, "11/12")
    assert cli.json("llm", "status")["writes_own_questions"] is True
    text = cli.ok("llm", "status", "--lang", "zh").stdout
    assert "题库题答对" in text and "11/12" in text and "自己出题" in text
    llm.replies = [ok, ok, ok, *quiz_turn("attention", langs=("zh",)), *knowledge_replies("attention", 1, lang="zh")]
    r = cli("llm", "check", "--lang", "zh")
    assert "测验以填空题为主" in r.stdout and "所以测验只用填空题" in r.stdout
