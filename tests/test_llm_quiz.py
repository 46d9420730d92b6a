"""Model questions one by one: the schema sent, partial acceptance, the key check, time to first question."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from llmstudy.actions import quiz as quizzing
from llmstudy.actions.results import QuizItem
from llmstudy.context import bundled_data_dir
from llmstudy.core import cards
from llmstudy.core.records import Bi
from llmstudy.llm.service import Memory, Model
from llmstudy.llm.settings import load_settings
from llmstudy.storage.store import Store
from tests import answers
from tests.fake_llm import FakeLLM, check_reply, knowledge_replies, quiz_reply, quiz_turn, serving
from tests.helpers import Cli, db_rows, run_process


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLM]:
    # the model's own questions; blanks: test_llm_blanks.py
    with serving(monkeypatch, LLMSTUDY_BLANKS="off") as server:
        yield server


def test_the_schema_sent_states_every_constraint(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = quiz_turn("attention")
    cli.ok("quiz", "attention", "-n", "1", "--json", input="c\n")
    fmt = llm.requests[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    questions = schema["properties"]["questions"]
    assert (questions["minItems"], questions["maxItems"]) == (1, 1)
    item = questions["items"]
    assert item["additionalProperties"] is False and set(item["required"]) == set(item["properties"])
    props = item["properties"]
    assert props["topic"]["const"] == "attention"
    assert (props["options"]["minItems"], props["options"]["maxItems"]) == (4, 4)
    assert props["answer_index"]["enum"] == [0, 1, 2, 3]
    for text in (props["prompt"], props["options"]["items"], props["explanation"]):
        assert text["type"] == "string" and text["minLength"] == 1 and text["maxLength"] > 0
    # the check is asked for one letter, by schema too
    check = llm.requests[1]["response_format"]["json_schema"]["schema"]
    assert check["properties"]["answer"]["enum"] == ["a", "b", "c", "d"]


def test_a_model_quiz_through_the_entry_point(cli: Cli, llm: FakeLLM, home: Path) -> None:
    """`quiz` takes the fast path (no typer): with a model configured it still asks it, in the
    learner's language, and records the call."""
    llm.replies = quiz_turn("attention", langs=("zh",))
    r = run_process("quiz", "attention", "-n", "1", "--lang", "zh", "--json", input="c\n")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert [(it["source"], it["prompt"]) for it in result["items"]] == [("llm", "关于 attention 的生成题 0？")]
    assert [c["purpose"] for c in cli.json("llm", "log")][::-1][:2] == ["quiz", "check"]


def test_questions_in_the_learners_language_or_both(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = quiz_turn("attention", langs=("zh",))
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", "--json", input="c\n")
    assert r.exit_code == 0, r.stderr
    assert "Simplified Chinese" in llm.requests[0]["messages"][0]["content"]
    assert r.json()["items"][0]["prompt"] == "关于 attention 的生成题 0？"
    stem = llm.requests[0]["response_format"]["json_schema"]["schema"]["properties"]["questions"]["items"]["properties"]["prompt"]
    assert re.search(stem["pattern"], "为什么要除以 √d_k？") and not re.search(stem["pattern"], "Why divide by √d_k?")
    llm.requests.clear()
    llm.replies = quiz_turn("attention", langs=("zh", "en"), first=1)
    r = cli("quiz", "attention", "-n", "1", "--bilingual", "--json", input="c\n")
    assert r.exit_code == 0, r.stderr
    prompt = llm.requests[0]["response_format"]["json_schema"]["schema"]["properties"]["questions"]["items"]
    assert prompt["properties"]["prompt"]["required"] == ["zh", "en"]
    zh, en = (prompt["properties"]["prompt"]["properties"][x] for x in ("zh", "en"))
    assert "pattern" in zh and "pattern" not in en  # each text in its language
    assert r.json()["items"][0]["prompt"] == "Generated question 1 about attention?"


def test_a_reply_keeps_its_valid_questions_and_asks_only_for_the_missing(cli: Cli, llm: FakeLLM, home: Path) -> None:
    two = quiz_reply("attention", 2, first=1)
    two["questions"][1]["options"] = two["questions"][1]["options"][:3]
    bad = quiz_reply("attention", 1, {"answer_index": 9}, first=3)
    llm.replies = [*quiz_turn("attention"), {"json": two}, check_reply(two["questions"][0]), *[{"json": bad}] * 3]
    r = cli("quiz", "attention", "-n", "3", "--json", input="c\nc\na\n")
    assert r.exit_code == 0, r.stderr
    result = r.json()
    assert result["source"] == "mixed" and "invalid 3 times" in result["fallback_reason"]
    assert [it["source"] for it in result["items"]] == ["llm", "llm", "bank"]
    assert [it["prompt"] for it in result["items"][:2]] == [
        "Generated question 0 about attention?",
        "Generated question 1 about attention?",
    ]
    users = [req["messages"][1]["content"] for req in llm.requests]
    asks = [next(ln for ln in u.split("\n") if ln.startswith("Write ")) for u in users if "Question:" not in u]
    assert [a.split(",")[0] for a in asks] == ["Write 1 question", "Write 2 questions", *["Write 1 question"] * 3]
    correction = llm.requests[4]["messages"]
    assert len(correction) == 2 and "exactly 4" in correction[-1]["content"]  # named, the bad reply not shown
    assert db_rows(home, "SELECT count(*) FROM generated_questions") == [(2,)]


def test_a_question_whose_key_fails_the_check_is_never_shown(cli: Cli, llm: FakeLLM, home: Path) -> None:
    """Valid questions whose keys fail the check get one more try than invalid replies."""
    from llmstudy.llm.quizgen import MAX_MISSES, MAX_REJECTED

    assert MAX_REJECTED > MAX_MISSES
    replies = [quiz_reply("attention", 1, first=i) for i in range(MAX_REJECTED + 1)]
    llm.replies = [turn for r in replies for turn in ({"json": r}, check_reply(r["questions"][0], agree=False))]
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    result = r.json()
    assert result["source"] == "bank" and "failed the check" in result["fallback_reason"]
    assert "Generated question" not in r.stdout + r.stderr
    checks = [c for c in cli.json("llm", "log") if c["purpose"] == "check"]
    assert len(checks) == MAX_REJECTED and all(c["error"].startswith("rejected: the key says") for c in checks)
    assert db_rows(home, "SELECT count(*) FROM generated_questions") == [(0,)]
    # the check saw the options in another order, and not the key
    check_prompt = llm.requests[1]["messages"][1]["content"]
    assert "answer_index" not in check_prompt and "a) option 0-" in check_prompt and "a) option 0-0" not in check_prompt


def test_one_rejected_one_kept(cli: Cli, llm: FakeLLM) -> None:
    first = quiz_reply("attention", 1)
    llm.replies = [{"json": first}, check_reply(first["questions"][0], agree=False), *quiz_turn("attention", first=1)]
    result = json.loads(cli("quiz", "attention", "-n", "1", "--json", input="c\n").stdout)
    assert result["source"] == "llm" and result["items"][0]["prompt"] == "Generated question 1 about attention?"


def test_repeated_options_are_completed_by_one_short_call_then_checked(cli: Cli, llm: FakeLLM, home: Path) -> None:
    reply = quiz_reply("attention", 1, langs=("zh",))
    q = reply["questions"][0]
    q["options"] = ["循环网络", "循环网络", "缩放点积", "卷积"]  # the key (index 2) survives the repeat
    done = {**q, "options": ["循环网络", "缩放点积", "卷积", "词袋"], "answer_index": 1}
    # two spare wrong answers are asked for; the first that is new is taken (a copy is skipped)
    llm.replies = [{"json": reply}, {"json": {"wrong": ["循环网络", "词袋", "卷积神经网络"]}}, check_reply(done, lang="zh")]
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    item = r.json()["items"][0]
    assert item["source"] == "llm" and item["prompt"] == q["prompt"]
    repair = llm.requests[1]
    schema = repair["response_format"]["json_schema"]["schema"]["properties"]["wrong"]
    assert (schema["minItems"], schema["maxItems"]) == (3, 3) and repair["presence_penalty"] > 0
    # about as long as the key (4 characters): the grammar ends a looping answer, and the
    # token budget holds the longest reply the schema allows, so the JSON is never cut off
    assert schema["items"]["maxLength"] == 4 * 3 // 2 + 10 == 16
    assert repair["max_tokens"] >= 3 * (16 + len('"", ')) + len('{"wrong": []}')
    assert "Correct answer: 缩放点积" in repair["messages"][1]["content"]
    stored = json.loads(db_rows(home, "SELECT doc FROM generated_questions")[0][0])
    assert [o["zh"] for o in stored["options"]] == done["options"] and stored["answer_index"] == 1
    assert sorted(c["purpose"] for c in cli.json("llm", "log")) == ["check", "first-question", "quiz", "repair"]


@pytest.mark.parametrize(
    ("new_wrong", "why"),
    [
        (["other", "same", "Same!"], "repeat an option (0 of 1 new)"),
        (["Option D", "same", "other"], "a new wrong answer is a placeholder"),
        (["Wrong: blue", "right", "other"], "or says it is wrong"),
        (["a wrong answer that goes on and on", "x", "y"], "must be at most 17 characters"),  # "right": 5 * 3 // 2 + 10
    ],
    ids=["repeats-again", "placeholder", "labelled", "too-long"],
)
def test_a_repair_that_fails_its_own_check_is_not_shown(cli: Cli, llm: FakeLLM, new_wrong: list[str], why: str) -> None:
    reply = quiz_reply("attention", 1)
    reply["questions"][0]["options"] = ["same", "same", "right", "other"]
    llm.replies = [{"json": reply}, {"json": {"wrong": new_wrong}}] * 3
    r = cli("quiz", "attention", "-n", "1", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    assert r.json()["source"] == "bank" and "distinct" in r.json()["fallback_reason"]
    repairs = [c for c in cli.json("llm", "log") if c["purpose"] == "repair"]
    assert len(repairs) == 3 and all(why in c["error"] for c in repairs)


def test_placeholders_are_not_answers() -> None:
    from llmstudy.llm.schema import placeholder

    for fake in ["正确", "错误1", "错误 2", "Option B", "option-c", "True", "false", "(A)", "选项甲", "答案", "不正确", "Yes"]:
        assert placeholder(fake), fake
    for real in ["Q", "K", "64", "2017", "Softmax", "正确率下降", "Optional RLHF", "A recurrent network", "编码器", "no-op"]:
        assert not placeholder(real), real


def test_options_that_say_whether_they_are_right_are_caught() -> None:
    from llmstudy.llm.schema import labelled

    for telling in ["正确答案：二元交叉熵", "错误答案: 最小化 KL 散度", "错误：FP32", "（正确）：6 层", "Correct answer: 6",
                    "wrong: the values", "[Incorrect]: x", "True: yes", "对：是的"]:  # fmt: skip
        assert labelled(telling), telling
    for real in ["正确率下降", "错误率：2%", "Correctness of the key", "Wrong-way attention", "6 层", "对齐：软对齐",
                 "Ratio: 2:1", "true positives"]:  # fmt: skip
        assert not labelled(real), real


def test_a_question_whose_options_give_the_key_away_is_never_shown(cli: Cli, llm: FakeLLM) -> None:
    """What the real 0.5B model wrote in Chinese: "正确答案：…", "错误答案：…" before each option."""
    reply = quiz_reply("attention", 1, langs=("zh",))
    options = reply["questions"][0]["options"]
    reply["questions"][0]["options"] = [("正确答案：" if i == 0 else "错误答案：") + o for i, o in enumerate(options)]
    reply["questions"][0]["answer_index"] = 0
    llm.replies = [{"json": reply}] * 3
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    result = r.json()
    assert result["source"] == "bank" and "must not say which is right" in result["fallback_reason"]
    assert all(not it["prompt"].startswith("关于 attention 的生成题") for it in result["items"])
    assert [c["purpose"] for c in cli.json("llm", "log")] == ["quiz"] * 3  # no repair, no check


def test_a_true_or_false_statement_with_placeholder_options_is_never_shown(cli: Cli, llm: FakeLLM) -> None:
    """What the real 0.5B model wrote: a fact restated, options "正确/错误1/错误2/错误3". Its own
    key-less check agreed with "正确", so only the placeholder rule stops it."""
    reply = quiz_reply("attention", 1, langs=("zh",))
    reply["questions"][0].update(options=["正确", "错误1", "错误2", "错误3"], answer_index=0)
    llm.replies = [{"json": reply}] * 3
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    result = r.json()
    assert result["source"] == "bank" and "placeholders like '正确'" in result["fallback_reason"]
    assert [c["purpose"] for c in cli.json("llm", "log")] == ["quiz"] * 3  # no repair, no check
    assert "placeholders" in llm.requests[1]["messages"][1]["content"]  # the next request names the fault


@pytest.mark.parametrize("stem", ["Why divide by √d_k?", "Transformer 为什么要除以 √d_k？"])
def test_a_chinese_quiz_refuses_a_question_that_does_not_begin_in_chinese(cli: Cli, llm: FakeLLM, stem: str) -> None:
    """Asked for Chinese, the real 0.5B model sometimes wrote the question in English: it is not
    shown; the next request names the fault, and a Chinese question then is. (A server that
    follows the schema cannot write it: the stem's pattern begins with a Chinese character.)"""
    english = quiz_reply("attention", 1, langs=("zh",))  # valid in every other way
    english["questions"][0]["prompt"] = stem
    chinese = quiz_reply("attention", 1, langs=("zh",), first=1)
    llm.replies = [{"json": english}, {"json": chinese}, check_reply(chinese["questions"][0], lang="zh")]
    r = cli("quiz", "attention", "-n", "1", "--lang", "zh", "--json", input="a\n")
    assert r.exit_code == 0, r.stderr
    assert [(it["source"], it["prompt"]) for it in r.json()["items"]] == [("llm", "关于 attention 的生成题 1？")]
    assert "must be in Simplified Chinese, beginning with a Chinese character" in llm.requests[1]["messages"][1]["content"]
    assert [c["purpose"] for c in cli.json("llm", "log")][::-1][:2] == ["quiz", "quiz"]  # no check of the English one


class Recorder:
    """A prompter that answers 'c' and notes when each question was shown."""

    def __init__(self) -> None:
        self.shown: list[float] = []
        self.notes: list[str] = []

    def note(self, message: Bi, style: str = "dim") -> None:
        self.notes.append(message.en)

    def ask(self, index: int, total: int, shown: cards.Shown) -> cards.Graded | cards.Unreadable | None:
        self.shown.append(time.monotonic())
        return cards.grade(shown, "c")

    def feedback(self, shown: cards.Shown, item: QuizItem) -> None:
        pass


def test_the_first_question_is_shown_before_the_second_is_written(llm: FakeLLM, home: Path) -> None:
    finished: list[float] = []
    slow = quiz_turn("attention", first=1, delay=1.0)
    llm.replies = [*quiz_turn("attention"), *slow]
    original = llm._next

    def timed(body: dict[str, object]) -> dict[str, object]:
        reply = original(body)
        if reply.get("delay"):
            threading.Timer(float(reply["delay"]), lambda: finished.append(time.monotonic())).start()
        return reply

    llm._next = timed  # type: ignore[method-assign]
    store = Store.open(home / "llmstudy.db", bundled_data_dir())
    try:
        settings = load_settings(home / "config.toml")
        model = Model(settings, store.record_llm_call, Memory(store.meta, store.set_meta))
        prompter = Recorder()
        topic = store.topics()["attention"]
        result = quizzing.quiz(store, dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC), topic, 2, model, prompter)
        calls = store.llm_calls(20)
    finally:
        store.close()
    assert result.source == "llm" and [o for _, o in result.origins] == ["llm", "llm"]
    assert len(prompter.shown) == 2 and finished
    assert prompter.shown[0] < finished[0] <= prompter.shown[1]
    first = [c for c in calls if c["purpose"] == "first-question"]
    assert len(first) == 1 and first[0]["latency_ms"] < 1000  # logged: the time to the first question


OK = {"json": {"ok": True}}


def test_llm_check_json_schema_ok(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [OK, OK, {"content": 'Sure: {"ok": true}'}, *quiz_turn("attention"), *knowledge_replies("attention", 4)]
    r = cli("llm", "check", "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    assert d["reachable"] is True and d["model_listed"] is True and d["mode"] == "json_schema"
    assert all(m["works"] for m in d["modes"].values())
    assert d["sample"]["valid"] and d["sample"]["kept"] and d["tokens_per_second"] > 0
    assert d["knowledge"] == {"right": 3, "asked": 3}  # the topic's curated choice questions, up to 4
    assert d["verdict"] == "good"
    assert cli.json("llm", "status")["remembered_mode"] == "json_schema"
    llm.replies = [OK, OK, OK, *quiz_turn("attention"), *knowledge_replies("attention", 4)]
    text = cli("llm", "check")
    assert "Verdict" in text.stdout and "3/3 answered right" in text.stdout


def test_llm_check_puts_curated_questions_to_the_model_without_their_keys(cli: Cli, llm: FakeLLM) -> None:
    """A model that gets curated questions wrong cannot be trusted to check keys: the verdict says so."""
    llm.replies = [OK, OK, OK, *quiz_turn("attention"), *knowledge_replies("attention", 2, lang="zh")]
    r = cli("llm", "check", "--lang", "zh")
    assert r.exit_code == 0, r.stderr
    assert "答对 2/3" in r.stdout and "模型只答对了题库中 2/3 道题" in r.stdout
    llm.replies = [OK, OK, OK, *quiz_turn("attention"), *knowledge_replies("attention", 2)]
    d = cli("llm", "check", "--json").json()
    assert d["sample"]["kept"] and d["knowledge"] == {"right": 2, "asked": 3} and d["verdict"] == "weak"
    assert any("2 of 3 curated questions" in a for a in d["advice"])
    asked = llm.requests[-3:]
    for request in asked:
        user = request["messages"][1]["content"]
        assert user.count("\n- ") == 1  # one curated fact, the closest to the question
        assert "answer_index" not in user and "Question: " in user
    calls = [c for c in cli.json("llm", "log", "-n", "100") if c["purpose"] == "knowledge"]
    assert len(calls) == 6 and sum(1 for c in calls[:3] if c["error"]) == 1


def test_llm_check_server_rejects_schema(cli: Cli, llm: FakeLLM) -> None:
    llm.replies = [{"reject_schema": True}, OK, {"content": '{"ok": true}'}, *quiz_turn("attention"), *knowledge_replies("attention", 3)]
    d = cli("llm", "check", "--json").json()
    assert d["modes"]["json_schema"]["works"] is False and d["mode"] == "json_object"
    assert d["sample"]["kept"] and d["knowledge"] == {"right": 3, "asked": 3} and d["verdict"] == "good"
    assert any("json_schema" in a for a in d["advice"])
    # the sample and the curated questions used the mode that works
    assert all(r["response_format"]["type"] == "json_object" for r in llm.requests[-5:])


def test_llm_check_plain_only_and_an_unlisted_model(cli: Cli, llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMSTUDY_MODEL", "other-model")
    reply = quiz_reply("attention", 1)
    llm.replies = [
        {"plain_only": True},
        {"content": 'Here: {"ok": true}'},
        {"content": "```json\n" + json.dumps(reply) + "\n```"},
        {"content": "The answer is " + check_reply(reply["questions"][0])["json"]["answer"]},
    ]
    d = cli("llm", "check", "--json").json()
    assert [m["works"] for m in d["modes"].values()] == [False, False, True] and d["mode"] == "plain"
    assert d["model_listed"] is False and any("fake-model" in a for a in d["advice"])
    assert d["sample"]["kept"] is True
    assert "response_format" not in llm.requests[-1]


def test_llm_check_invalid_sample_and_unreachable(cli: Cli, llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    llm.replies = [OK, OK, OK, {"json": quiz_reply("attention", 1, {"answer_index": 5})}]
    d = cli("llm", "check", "--json").json()
    assert d["verdict"] == "weak" and d["sample"]["valid"] is False and "answer_index" in d["sample"]["problem"]
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    r = cli("llm", "check", "--json")
    assert r.exit_code == 1 and r.json()["verdict"] == "unusable" and "cannot reach" in r.json()["error"]


@pytest.mark.parametrize(
    "reply",
    [{"stream": []}, {"stream": ["  ", "\n"]}, {"raw": "<html>gateway</html>"}, {"json": {"unexpected": "object"}}],
)
def test_explain_empty_or_non_text_reply_is_an_error(cli: Cli, llm: FakeLLM, reply: dict[str, object]) -> None:
    llm.replies = [reply]
    r = cli("explain", "attention")
    assert r.exit_code == 1, (r.stdout, r.stderr)
    assert r.stderr.startswith("error: ") and "Traceback" not in r.stderr


def test_explain_markdown_is_rendered_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from llmstudy.output.rich_views import LiveMarkdown

    with LiveMarkdown() as sink:
        for piece in ["# Attention\n\n", "It is a **weighted** sum", " of `values`. [red]x[/] \x1b[31m"]:
            sink.show(piece)
    out = capsys.readouterr().out
    assert "Attention" in out and "weighted" in out and "**" not in out and "# " not in out
    assert "[red]x[/]" in out and "\x1b[31m" not in out


def test_explain_levels_offline_differ(cli: Cli) -> None:
    child = cli.ok("explain", "lora", "--offline", "--level", "child").stdout
    beginner = cli.ok("explain", "lora", "--offline").stdout
    expert = cli.ok("explain", "lora", "--offline", "--level", "expert").stdout
    assert len({child, beginner, expert}) == 3
    assert "Think of it like this" in child and "ΔW" not in child  # no formulas for a child
    assert "ΔW" in expert and "Sources" in expert and "arxiv.org/abs/2106.09685" in expert
    assert "softmax(QKᵀ/√d_k)V" in cli.ok("explain", "attention", "--level", "expert").stdout
    assert "Analogy" in beginner and "Sources" not in beginner
    assert all("needs a model" in text for text in (child, beginner, expert))


FACT_BACKED = {
    "options": [
        "Bahdanau, Cho and Bengio added attention to the RNN encoder-decoder",
        "Vaswani invented convolution kernels for images",
        "Hochreiter proposed gating units for memory",
        "Rosenblatt built perceptron hardware",
    ],
    "prompt": "Who added attention to the RNN encoder-decoder in 2014?",
}


def test_the_curated_fact_decides_the_key_check_when_it_clearly_backs_one_option(cli: Cli, llm: FakeLLM) -> None:
    good = quiz_reply("attention", 1, {**FACT_BACKED, "answer_index": 0})
    llm.replies = [{"json": good}]
    seeded = answers.text(good["questions"], 5)
    result = json.loads(cli("quiz", "attention", "-n", "1", "--seed", "5", "--json", input=seeded).stdout)
    assert result["source"] == "llm" and result["correct"] == 1
    assert len(llm.requests) == 1  # no model call for the check
    check = next(c for c in cli.json("llm", "log") if c["purpose"] == "check")
    assert check["mode"] == "facts" and check["error"] is None


def test_a_key_the_curated_fact_contradicts_is_rejected(cli: Cli, llm: FakeLLM) -> None:
    wrong = quiz_reply("attention", 1, {**FACT_BACKED, "answer_index": 2})
    llm.replies = [{"json": wrong}, *quiz_turn("attention", first=1)]
    r = cli("quiz", "attention", "-n", "1", "--json", input="c\n")
    assert r.json()["items"][0]["prompt"] == "Generated question 1 about attention?"
    assert "Who added attention" not in r.stdout + r.stderr
    rejected = [c for c in cli.json("llm", "log") if c["purpose"] == "check" and c["error"]]
    assert len(rejected) == 1 and "the curated fact backs another option" in rejected[0]["error"]


def test_a_negated_question_is_left_to_the_model_check() -> None:
    from llmstudy.llm.quizgen import facts_verdict

    options, fact = FACT_BACKED["options"], "In 2014 Bahdanau, Cho and Bengio added attention to the RNN encoder-decoder"
    assert facts_verdict("Who added attention?", options, 0, [fact]) is True
    assert facts_verdict("Who added attention?", options, 3, [fact]) is False
    assert facts_verdict("Which is NOT true about attention?", options, 3, [fact]) is None
    assert facts_verdict("Who?", ["a thing", "b thing", "c thing", "d thing"], 0, [fact]) is None


def test_the_facts_check_reads_numbers_and_chinese_words() -> None:
    """A number is a word (a small model's favourite error is a wrong count), and Chinese
    is compared by two-character words: single characters are shared by unrelated phrases."""
    from llmstudy.llm.quizgen import facts_verdict

    fact = "The original Transformer stacks 6 encoder layers and 6 decoder layers."
    assert facts_verdict("How many encoder layers?", ["6", "3", "5", "7"], 2, [fact]) is False
    assert facts_verdict("How many encoder layers?", ["6", "3", "5", "7"], 0, [fact]) is True

    alibi = "ALiBi 不加位置向量，而是按 token 之间的距离给注意力分数加线性惩罚，能外推到比训练时更长的序列。"
    options = ["两者拼接，向量维度翻倍到 2·d_model", "在 softmax 之前加到注意力分数上", "两者维度都是 d_model，直接逐元素相加", "与词嵌入逐元素相乘"]
    # Character by character, option 1 shares most of the fact and looked backed: the right key (2) was rejected.
    assert facts_verdict("原始 Transformer 如何把位置编码和词嵌入结合起来？", options, 2, [alibi]) is None
    lora = "原理：把权重更新 ΔW 写成两个小矩阵的乘积 BA；原权重冻结，训练时只更新低秩部分。"
    lora_options = ["把权重更新写成两个小矩阵的乘积", "微调全部参数", "把学习率逐层调小", "给模型加一个检索器"]
    assert facts_verdict("LoRA 怎样减少可训练参数？", lora_options, 0, [lora]) is True
    assert facts_verdict("LoRA 怎样减少可训练参数？", lora_options, 1, [lora]) is False


def test_the_spinner_draws_only_on_a_terminal() -> None:
    import io

    from llmstudy.output.prompter import Spinner

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    piped, tty = io.StringIO(), Tty()
    for stream in (piped, tty):
        with Spinner("en", stream)(Bi("等待", "Waiting for the model")):
            time.sleep(0.5)
    assert piped.getvalue() == ""
    assert "Waiting for the model" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[2K")
    quick = Tty()
    with Spinner("en", quick)(Bi("等待", "Waiting")):
        pass
    assert quick.getvalue() == ""  # an instant wait draws nothing


def test_which_questions_the_repair_takes() -> None:
    from llmstudy.llm.schema import repeated_options

    q = quiz_reply("attention", 1)["questions"][0]
    assert repeated_options(q, "attention") is None  # nothing to repair
    same = {**q, "options": ["loop", "loop", "loop", "loop"], "answer_index": 3}
    assert repeated_options(same, "attention") == ({**same, "options": ["loop"], "answer_index": 0}, 3)
    two = {**q, "options": ["rnn", "cnn", "rnn", "mlp"], "answer_index": 2}
    assert repeated_options(two, "attention") == ({**two, "options": ["rnn", "cnn", "mlp"], "answer_index": 0}, 1)
    statement = {**q, "options": ["正确", "错误", "错误", "错误"], "answer_index": 0}
    assert repeated_options(statement, "attention") is None  # no new wrong answer mends a true-or-false
    assert repeated_options({**two, "topic": "rag"}, "attention") is None  # another fault as well
    assert repeated_options({**two, "answer_index": 7}, "attention") is None


def test_a_chinese_stem_may_hold_no_ascii_quote_and_the_fault_says_so() -> None:
    """The stem's pattern leaves out " and \\ (a grammar writes the string unescaped); a server
    that ignores the schema is told why its stem was refused."""
    from llmstudy.llm.schema import validate_quiz

    reply = quiz_reply("attention", 1, langs=("zh",))
    reply["questions"][0]["prompt"] = '为什么说 "注意力" 是加权和？'
    good, found = validate_quiz(reply, "attention", 1, ("zh",))
    assert good == [] and 'without " or \\' in found[0]
    reply["questions"][0]["prompt"] = "为什么说“注意力”是加权和？"
    assert validate_quiz(reply, "attention", 1, ("zh",)) == ([reply["questions"][0]], [])
