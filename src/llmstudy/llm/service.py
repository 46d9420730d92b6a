"""The model behind the use cases' Protocols: a question writer, an explainer, a status probe.

The client is built once per command and shared; every call is recorded through ``record``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from llmstudy.actions.results import TRUST_SAMPLE, LlmCheck, ModeProbe, SampleQuestion, knows_enough, writes_well
from llmstudy.core.records import Bi, Graded, Lang, QuestionRec, TopicRec
from llmstudy.errors import LLMError
from llmstudy.llm.client import CallRecord, LlmClient
from llmstudy.llm.grading import LlmGrade, grade_messages, graded, validate_grade
from llmstudy.llm.prompts import explain_messages, question_from_llm
from llmstudy.llm.quizgen import KNOWLEDGE_QUESTIONS, QuizJob, Waiting
from llmstudy.llm.settings import LlmSettings


class Memory:
    """What the store remembers for the model: the structured-output mode that worked, and how
    many curated questions it answered right ("right/asked")."""

    def __init__(self, get: Callable[[str], str | None], put: Callable[[str, str], None]) -> None:
        self.get, self.put = get, put


@contextlib.contextmanager
def no_wait(message: Bi) -> Iterator[None]:
    yield


class Model:
    """A configured endpoint: writes questions, explains topics.

    ``langs``: the languages of generated questions (the learner's, or both on request).
    ``waiting``: shows that the learner waits for the model (a spinner on a terminal).
    """

    def __init__(
        self,
        settings: LlmSettings,
        record: Callable[[CallRecord], None],
        memory: Memory,
        langs: tuple[str, ...] = ("en",),
        waiting: Waiting = no_wait,
    ) -> None:
        self.settings = settings
        self.client = LlmClient(settings, record)
        self.record = record
        self.model = self.client.model
        self.memory = memory
        self.langs = langs
        self.waiting = waiting
        self.mode_key = f"llm_mode:{settings.base_url}:{settings.model}"
        self.trust_key = f"llm_trust:{settings.base_url}:{settings.model}"

    def remember(self, kind: str, value: Any) -> None:
        """``mode``: the output mode that worked; ``trust``: (right, asked) on curated questions."""
        key, text = (self.mode_key, str(value)) if kind == "mode" else (self.trust_key, "{}/{}".format(*value))
        if self.memory.get(key) != text:
            self.memory.put(key, text)

    def measured(self) -> tuple[int, int] | None:
        """Curated questions the model answered right so far: (right, asked), or None."""
        match = re.fullmatch(r"(\d+)/(\d+)", self.memory.get(self.trust_key) or "")
        return (int(match[1]), int(match[2])) if match and int(match[2]) else None

    def write(
        self, topic: TopicRec, n: int, avoid: Sequence[str], known: Sequence[QuestionRec] = ()
    ) -> Iterator[tuple[QuestionRec, str]]:
        """Checked questions one by one; generation starts now, in a background thread."""
        mode = self.memory.get(self.mode_key)
        job = QuizJob(self.settings, topic, n, avoid, self.langs, mode, self.measured(), known).start()
        return self._questions(job, topic)

    def _questions(self, job: QuizJob, topic: TopicRec) -> Iterator[tuple[QuestionRec, str]]:
        source = job.questions(self.record, self.remember, self.waiting)
        try:
            for q, origin in source:
                yield question_from_llm(q, topic, self.model, self.langs, origin == "cloze"), origin
        finally:
            source.close()

    def grade(self, topic: TopicRec, text: str, lang: Lang) -> Graded:
        """The model's grading of a teach-back, checked locally (``LLMError`` when unusable)."""
        remembered = self.memory.get(self.mode_key)
        n = len(topic.key_points)
        grade, mode = self.client.structured(
            "teach",
            grade_messages(topic, text, lang),
            ("teach_back", LlmGrade.model_json_schema()),
            lambda data: validate_grade(data, n),
            remembered,
            Bi("模型的评分", "the model's gradings"),
        )
        if remembered != mode:
            self.memory.put(self.mode_key, mode)
        assert grade is not None
        return graded(grade, topic)

    def explain(self, topic: TopicRec, level: str, lang: Lang, question: str | None) -> Iterator[str]:
        return self.client.stream("explain", explain_messages(topic, level, lang, question))


PROBE = [{"role": "user", "content": 'Reply with this JSON object only: {"ok": true}'}]
PROBE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["ok"],
    "properties": {"ok": {"type": "boolean"}},
}
SLOW_SECONDS = 15.0  # a first question later than this feels broken


def check(model: Model, topic: TopicRec, bank: Sequence[QuestionRec] = ()) -> LlmCheck:
    """Probe the endpoint: reachable, model listed, output modes, one sample question, and
    ``KNOWLEDGE_QUESTIONS`` of the topic's curated questions (``bank``) answered without
    their keys; a verdict."""
    import time

    from llmstudy.llm.client import MODES, ModeUnsupported
    from llmstudy.llm.schema import extract_json

    s = model.settings
    client = model.client
    advice: list[Bi] = []

    def hint(exc: LLMError) -> None:
        said = exc.said_hint
        if said:
            advice.append(said if isinstance(said, Bi) else Bi(said, said))

    def result(**kw: Any) -> LlmCheck:
        base: dict[str, Any] = {
            "model": model.model,
            "base_url": s.base_url,
            "timeout_seconds": s.timeout,
            "reachable": False,
            "error": None,
            "listed": (),
            "model_listed": None,
            "modes": (),
            "mode": None,
            "sample": None,
            "knowledge": None,
            "verdict": "unusable",
            "advice": tuple(advice),
        }
        return LlmCheck(**(base | kw))

    try:
        listed = tuple(client.models())
    except LLMError as exc:
        advice.append(Bi(f"检查 OPENAI_BASE_URL（{s.base_url}）并确认服务器在运行。", f"Check OPENAI_BASE_URL ({s.base_url}) and that the server runs."))
        hint(exc)
        return result(error=exc.message)
    model_listed = None if not listed else model.model in listed
    if model_listed is False:
        names = ", ".join(listed[:5])
        advice.append(Bi(f"端点列出的模型是：{names}；请把 LLMSTUDY_MODEL 设为其中之一。", f"The endpoint lists: {names}; set LLMSTUDY_MODEL to one of them."))

    probes: list[ModeProbe] = []
    for mode in MODES:
        deadline = time.monotonic() + s.timeout
        try:
            reply = client.call("probe", PROBE, mode, deadline, schema=("probe", PROBE_SCHEMA), max_tokens=20, temperature=0)
        except ModeUnsupported as exc:
            probes.append(ModeProbe(mode, False, f"refused: {exc}"))
            continue
        except LLMError as exc:
            probes.append(ModeProbe(mode, False, exc.message))
            hint(exc)
            return result(reachable=True, listed=listed, model_listed=model_listed, modes=tuple(probes), error=exc.message)
        try:
            data = extract_json(reply.text)
            works = isinstance(data, dict) and "ok" in data
        except ValueError:
            works = False
        probes.append(ModeProbe(mode, works, f"{reply.seconds:.1f} s" if works else "no JSON object in the reply"))
    best = next((p.mode for p in probes if p.works), None)
    common = {"reachable": True, "listed": listed, "model_listed": model_listed, "modes": tuple(probes), "mode": best}
    if best is None:
        advice.append(Bi("模型回复中没有 JSON：换一个指令模型。", "The model's replies hold no JSON: use an instruction-tuned model."))
        return result(**common)
    model.remember("mode", best)
    if best != "json_schema":
        advice.append(
            Bi(
                f"服务器不支持 json_schema，使用 {best}：无效回复会更多；llama.cpp 的 llama-server 支持 json_schema。",
                f"The server does not honour json_schema; using {best}: expect more invalid replies (llama.cpp's llama-server supports json_schema).",
            )
        )

    job = QuizJob(s, topic, 1, [], model.langs, best)
    try:
        sampled, good, problems, verdict = job.sample()
    except LLMError as exc:
        job.drain(model.record)
        hint(exc)
        return result(**common, error=exc.message)
    job.drain(model.record)
    right, asked = job.knowledge(bank, KNOWLEDGE_QUESTIONS)
    job.drain(model.record)
    total = model.measured() or (0, 0)
    if asked:
        common["knowledge"] = (right, asked)
        total = (total[0] + right, total[1] + asked)
        model.remember("trust", total)  # what quizzes go by
    weak_knowledge = asked > 0 and not knows_enough(right, asked)
    if weak_knowledge:
        advice.append(
            Bi(
                f"模型只答对了题库中 {right}/{asked} 道题（瞎猜也能对 1/4）：它核对答案不可靠，它出的题也可能有错，"
                "所以测验只用填空题（题干和答案来自整理好的内容，错误选项由模型写）。换更大的模型或托管 API。",
                f"The model answered {right} of {asked} curated questions right (guessing gets 1 in 4): its answer checks are unreliable, "
                "and the questions it writes may be wrong, so quizzes give fill-in-the-blank questions only (the sentence and the "
                "answer curated, the wrong answers by the model). Use a larger model or a hosted API.",
            )
        )
    elif not writes_well(*total):
        advice.append(
            Bi(
                f"测验先出填空题，直到模型答对题库中 {TRUST_SAMPLE} 道以上题目的 5/6（目前 {total[0]}/{total[1]}）才让它自己出题；每次测验都会再测几道。",
                f"Quizzes give fill-in-the-blank questions until the model has answered 5 in 6 of {TRUST_SAMPLE} or more curated "
                f"questions right (so far {total[0]}/{total[1]}); each quiz measures a few more.",
            )
        )
    seconds = sampled.seconds if sampled else 0.0
    sample = SampleQuestion(
        seconds=seconds,
        completion_tokens=sampled.completion_tokens if sampled else None,
        valid=bool(good),
        kept=bool(good) and verdict is None,
        problem=verdict if good else "; ".join(problems[:3]),
        prompt=job.text(good[0]["prompt"]) if good else None,
    )
    if not sample.valid:
        advice.append(
            Bi(
                "样题无效：这样的题会被丢弃，由填空题和题库补上；更大的模型会好很多。",
                "The sample question was invalid: such questions are dropped, and blanks and the bank fill in; a larger model does much better.",
            )
        )
        return result(**common, sample=sample, verdict="weak")
    if not sample.kept:
        advice.append(Bi("样题的答案未通过独立核对：这样的题会被丢弃。", "The sample's answer key failed the independent check: such questions are dropped."))
    if seconds * 2 > s.timeout:
        want = int(seconds * 3) + 1
        advice.append(Bi(f"生成一道题要 {seconds:.0f} 秒：把 LLMSTUDY_LLM_TIMEOUT 设为 {want} 左右。", f"One question takes {seconds:.0f} s: set LLMSTUDY_LLM_TIMEOUT to about {want}."))
    if seconds > SLOW_SECONDS:
        advice.append(Bi("太慢：用更小的 -n，或更快的机器/托管 API。", "Slow: use a small -n, or a faster machine or a hosted API."))
        return result(**common, sample=sample, verdict="slow")
    return result(**common, sample=sample, verdict="good" if sample.kept and not weak_knowledge else "weak")
