"""Questions one at a time: a worker thread asks the model while the learner answers.

- The first request asks for one question, so the learner sees it as soon as it is valid
  and checked; the next asks for all that are still missing, and so on. The valid questions
  of a reply are kept; only the missing ones are asked for again (naming the problems
  found). Three replies in a row with nothing usable end it.
- Answer-key check: every valid question is put to the model again without its key (the
  options in another order, the same curated facts); a question is kept only if that
  answer agrees with the key. Small models often mark the wrong option as correct.
- Blanks (``cloze``): a curated sentence with one curated term blanked, the model writing only
  the wrong answers. They fill what the model's own questions do not deliver, and are all a
  model gets that answers too few curated questions right (``_produce`` says the order).
- Only the main thread touches the store: the worker sends everything (call records, the
  output mode that worked, the model's measured trust, questions, its end) through one queue,
  which the iterator the quiz consumes drains on the main thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import queue
import re
import threading
import time
from collections.abc import Callable, Generator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from llmstudy.actions.results import TRUST_SAMPLE, writes_well
from llmstudy.core.records import Bi, QuestionRec, TopicRec
from llmstudy.errors import LLMError
from llmstudy.llm import cloze
from llmstudy.llm.client import MODES, NO_JSON_MODE, CallRecord, LlmClient, ModeUnsupported, Reply
from llmstudy.llm.prompts import check_messages, cloze_messages, distractor_messages, focus_facts, quiz_messages
from llmstudy.llm.schema import (
    LETTERS,
    answer_letter,
    answer_schema,
    content_words,
    distractor_length,
    distractor_schema,
    distractor_tokens,
    extract_json,
    labelled,
    norm,
    placeholder,
    problems,
    quiz_schema,
    repeated_options,
    validate_quiz,
)
from llmstudy.llm.settings import LlmSettings

Waiting = Callable[[Bi], AbstractContextManager[None]]
WAITING = Bi("模型正在出题…", "The model is writing a question…")
# Small models repeat an option four times; a presence penalty took a 0.5B model from 1 to
# 3-4 valid questions in 4 here. The grammar still forces the JSON structure.
PRESENCE_PENALTY = 1.0
# Replies in a row with no usable question before the bank takes over: three when the reply
# itself was invalid (a model that cannot write the shape rarely learns it on a fourth try),
# four when its questions were valid but the key check rejected them: then the model can
# write, it only keyed wrong, and another try is another draw. With a 0.5B model about one
# try in four yields a kept question (bench/llm.py), so each extra try saves about a quarter
# of the quizzes still failing. A try costs ~10 s on a laptop CPU; later questions are
# written while the learner answers.
MAX_MISSES = 3
MAX_REJECTED = 4
REPAIR_SPARE = 2  # wrong answers a repair asks for beyond those it needs
# With blanks to fall back on, the model's own questions get two replies: with a 0.5B model
# about one in four yields a kept question, and a reply costs ~10 s the learner may wait.
MODEL_TRIES = 2
CLOZE_SPARE = 3  # wrong answers a blank asks for beyond three: some repeat the sentence or the key
CLOZE_TRIES = 2  # blanks given up on (too few usable wrong answers) before the blanks stop
# Curated questions (keys known right) put to the model without their keys: how far its checks,
# and the questions it writes, can be trusted (`llm check`, and a quiz with a model not yet
# measured). Fewer than 3 of 4 right and they are weak evidence (the 0.5B model: 18/30 in
# Chinese, 15/30 in English, over 10 topics).
KNOWLEDGE_QUESTIONS = 4
TOKENS_PER_QUESTION = 400  # a cap: small models sometimes repeat a string until they run out
ALL_ASKED = Bi("这个主题的填空题都已经出过了", "every blank of this topic has been asked before")


def ladder(start: str | None) -> list[str]:
    """The output modes to try, from the remembered one down to plain text."""
    return list(MODES[MODES.index(start) :]) if start in MODES else list(MODES)


NEGATION = re.compile(r"\b(not|never|false|incorrect|except|wrong|untrue)\b|不|错误|并非|没有|除了", re.I)
CLEAR = 0.25  # how far the best option must lead the others for the facts to decide


def fact_support(options: Sequence[str], facts: Sequence[str]) -> list[float]:
    """For each option, the share of its words found in the curated facts."""
    known = {w for f in facts for w in content_words(f)}
    scores = []
    for o in options:
        words = content_words(o)
        scores.append(sum(w in known for w in words) / len(words) if words else 0.0)
    return scores


def facts_verdict(prompt: str, options: Sequence[str], key: int, facts: Sequence[str]) -> bool | None:
    """Do the curated facts clearly back the key (True), clearly back another option (False), or
    not decide (None)? Negated questions ("which is NOT…") are left to the model check."""
    if NEGATION.search(prompt):
        return None
    scores = fact_support(options, facts)
    best_other = max(sc for i, sc in enumerate(scores) if i != key)
    if scores[key] >= 0.5 and scores[key] - best_other >= CLEAR:
        return True
    if best_other >= 0.5 and best_other - scores[key] >= CLEAR:
        return False
    return None


def rotation(prompt: str) -> list[int]:
    """The order the key-less check shows the options in: shifted by 1-3, so the key moves."""
    shift = 1 + hashlib.sha256(prompt.encode()).digest()[0] % 3
    return [(i + shift) % 4 for i in range(4)]


class QuizJob:
    """One quiz's generation: started in a thread, consumed by ``questions`` on the main thread."""

    def __init__(
        self,
        settings: LlmSettings,
        topic: TopicRec,
        n: int,
        avoid: Sequence[str],
        langs: tuple[str, ...],
        mode: str | None,
        measured: tuple[int, int] | None = None,
        known: Sequence[QuestionRec] = (),
    ) -> None:
        """``measured``: curated questions the model answered right so far, (right, asked); fewer
        than ``TRUST_SAMPLE`` asked, and this quiz measures it again on ``known`` (the topic's
        curated questions) and adds to them. Whether its own questions come depends on it."""
        self.settings, self.topic, self.n, self.avoid, self.langs = settings, topic, n, list(avoid), langs
        self.measured, self.known = measured or (0, 0), list(known)
        self.trusted = writes_well(*self.measured)
        self.modes = ladder(mode)
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.stop = threading.Event()
        self.client = LlmClient(settings, lambda rec: self.events.put(("call", rec)))
        self.thread = threading.Thread(target=self._run, name="llmstudy-quiz", daemon=True)
        self.started = time.monotonic()
        self.last_reply: Reply | None = None
        self.asked = 0  # replies asked of the model's own questions
        self.blanks_short: Bi | None = None  # why blanks fell short
        self.blanked: set[int] = set()  # the key points this quiz's blanks are on
        self.unusable: list[str] = []  # stems whose wrong answers were unusable: not tried again

    def sample(self) -> tuple[Reply | None, list[dict[str, Any]], list[str], str | None]:
        """One question, in this thread (``llm check``): the reply, valid questions, problems, key verdict."""
        shape = self.modes[0] != "json_schema"
        _, good, problems = self._ask(quiz_messages(self.topic, 1, [], self.langs, 0, shape), 1)
        verdict = self._check_key(good[0], focus_facts(self.topic, 0, 1)) if good else None
        return self.last_reply, good, problems, verdict

    def drain(self, record: Callable[[CallRecord], None]) -> None:
        """Record the calls reported so far (on the main thread)."""
        with contextlib.suppress(queue.Empty):
            while True:
                kind, value = self.events.get_nowait()
                if kind == "call":
                    record(value)

    # -- the worker thread -----------------------------------------------------------

    def start(self) -> QuizJob:
        self.started = time.monotonic()
        self.thread.start()
        return self

    def _run(self) -> None:
        try:
            self._produce()
        except LLMError as exc:
            self.events.put(("error", exc))
        except Exception as exc:  # noqa: BLE001 - a bug here must not hang the quiz: the bank takes over
            name = type(exc).__name__
            self.events.put(("error", LLMError(Bi(f"出题失败（{name}）", f"the question writer failed ({name})"))))
        finally:
            self.events.put(("done", None))

    def text(self, value: Any) -> str:
        """A text of a validated question in the learner's language."""
        return str(value if len(self.langs) == 1 else value[self.langs[0]])

    def _produce(self) -> None:
        """The model's own questions and blanks, as far as the model has earned trust.

        A model that ``writes_well`` writes its own questions first: the first gets one reply
        (~10 s on a laptop CPU), then a blank (seconds), which bounds the wait; the next ones get
        ``MODEL_TRIES`` replies, written while the learner answers, then blanks. Any other model's
        questions were mostly wrong (the 0.5B model: a right and sensible one in four or fewer,
        read by hand), so it gets blanks only. Until the measure is settled, a quiz also measures
        the model on the topic's curated questions while the learner answers its first blank; a
        model that then has earned it writes the rest. Without blanks (a bilingual quiz, or
        LLMSTUDY_BLANKS=off) the model's own questions get every try, then the bank. When every
        blank of the topic has been asked, a model that has not earned trust gets no questions
        of its own either: the bank, with that reason."""
        kept: list[dict[str, Any]] = []
        blanks_on = self.settings.blanks and len(self.langs) == 1
        can_blank = blanks_on and bool(cloze.blanks(self.topic, self.langs[0], self.avoid))
        if blanks_on and not can_blank and not self.trusted:
            raise LLMError(
                ALL_ASKED,
                hint=Bi("模型还没有证明自己能出题：见 llmstudy llm status", "the model has not shown it can write questions: see llmstudy llm status"),
            )
        short: LLMError | None = None  # why the model's own questions fell short
        broken: LLMError | None = None  # the server failed: no more calls
        blank_first = can_blank and not self.trusted
        if blank_first:
            broken = self._blanks(kept, 1)
            if self.measured[1] < TRUST_SAMPLE and broken is None and self.n > 1 and not self.stop.is_set():
                self._measure()
        own = not blanks_on or self.trusted
        stages = [(1, 1)] + ([(self.n, MODEL_TRIES)] if self.n > 1 else [])  # (questions wanted by then, replies)
        for target, tries in stages:
            if len(kept) >= target or self.stop.is_set() or broken is not None:
                continue
            if own:
                try:
                    short = self._own(kept, target, tries if can_blank else None) or short
                except LLMError as exc:
                    if not can_blank:
                        raise
                    broken = exc
                if short is not None and not can_blank:
                    raise short
            if can_blank and len(kept) < target and broken is None and (own or not (blank_first and target == 1)):
                broken = self._blanks(kept, target - len(kept))
        if self.blanks_short is not None:
            short = short or LLMError(self.blanks_short, hint=Bi("llmstudy llm log 可以看到这些回复", "llmstudy llm log shows the replies"))
        failure = broken or short
        if len(kept) < self.n and not self.stop.is_set() and failure is not None:
            raise failure

    def _measure(self) -> None:
        """How many curated questions the model answers right, added to what earlier quizzes
        measured: reported (remembered for the next quizzes) and deciding whether its own
        questions come next."""
        try:
            right, asked = self.knowledge(self.known, KNOWLEDGE_QUESTIONS)
        except LLMError:
            return  # a failing server shows at the next call
        if asked:
            self.measured = (self.measured[0] + right, self.measured[1] + asked)
            self.trusted = writes_well(*self.measured)
            self.events.put(("trust", self.measured))

    def _blanks(self, kept: list[dict[str, Any]], want: int) -> LLMError | None:
        """Up to ``want`` blanks, each on a key point this quiz has not blanked while there is
        one (the same sentence twice, with another term missing, makes a poor quiz); the error
        that stopped them."""
        failed = 0  # blanks of this call whose wrong answers were unusable: the next blank instead
        while want and failed <= CLOZE_TRIES and not self.stop.is_set():
            used = [*self.avoid, *self.unusable, *(self.text(q["prompt"]) for q in kept)]
            found = cloze.blanks(self.topic, self.langs[0], used)
            if not found:
                if not self.unusable:  # else the reason is theirs, already said
                    self.blanks_short = ALL_ASKED
                return None
            pick = next((b for b in found if b.fact_index not in self.blanked), found[0])
            try:
                q = self._blank(pick)
            except LLMError as exc:
                return exc  # the server failed (not the answers): other blanks would fail alike
            if q is None:
                failed += 1
                self.unusable.append(pick.stem)
                self.blanks_short = Bi(
                    f"模型为填空题写的错误选项不可用（{failed} 次）", f"the model's wrong answers for blanks were unusable ({failed} times)"
                )
                continue
            kept.append(q)
            self.blanked.add(pick.fact_index)
            self.events.put(("question", (q, "cloze")))
            want -= 1
        return None

    def _blank(self, blank: cloze.Blank) -> dict[str, Any] | None:
        """``blank`` with three wrong answers by the model, or None if it offered too few."""
        asked = 3 + CLOZE_SPARE
        length = distractor_length(blank.key)

        def keep(offered: Sequence[Any]) -> tuple[list[str], str | None]:
            wrong = cloze.wrong_answers(blank, offered, 3, length)
            if len(wrong) < 3:
                return wrong, f"only {len(wrong)} of the wrong answers are usable (not the key, not words of the sentence, all different)"
            return wrong, None

        messages = cloze_messages(self.topic, blank.key, asked, self.langs[0])
        wrong = self._wrong_answers("cloze", messages, asked, length, keep, 0.7)
        return cloze.question(self.topic, blank, wrong) if wrong else None

    def _own(self, kept: list[dict[str, Any]], target: int, tries: int | None) -> LLMError | None:
        """The model's own questions until ``kept`` holds ``target``: each checked, the valid
        ones of a reply kept, the missing ones asked for again. ``tries``: at most that many
        replies (when blanks can fill the rest); otherwise until too many in a row fail. Returns
        why it stopped short (None if it did not); a failing server raises ``LLMError``."""
        requests = misses = 0
        problems: list[str] = []
        rejected: list[str] = []
        while len(kept) < target and not self.stop.is_set():
            spent = tries is not None and requests >= tries
            if spent or misses >= (MAX_MISSES if problems else MAX_REJECTED) or requests >= self.n + MAX_REJECTED:
                if problems:
                    found = "; ".join(problems[:3])
                    times = max(misses, 1)
                    return LLMError(
                        Bi(
                            f"模型出的题连续 {times} 次无效：{found}",
                            f"the model's questions were invalid {times} time{'s' if times > 1 else ''} in a row: {found}",
                        ),
                        hint=Bi(
                            "llmstudy llm log --full 可以看到这些回复", "llmstudy llm log --full shows the replies"
                        ),
                    )
                found = "; ".join(rejected[-2:])
                return LLMError(
                    Bi(f"模型给的答案没有通过核对：{found}", f"the model's answer keys failed the check: {found}"),
                    hint=Bi(
                        "llmstudy llm log 可以看到核对过程；更大的模型会好一些",
                        "llmstudy llm log shows the checks; a larger model helps",
                    ),
                )
            k = 1 if not kept else target - len(kept)
            # No earlier questions in the prompt: a 0.5B model copied every one it was shown.
            # Each request is on other facts instead; repeats are rejected locally.
            start = self.asked  # across calls: the next ones are on other facts
            self.asked += 1
            messages = quiz_messages(self.topic, k, [], self.langs, start, self.modes[0] != "json_schema")
            if problems:
                # Named, not shown: a small model handed its own bad reply copies it again.
                note = "A previous reply was invalid: " + "; ".join(problems[:5]) + ". Avoid that."
                messages[-1] = {"role": "user", "content": messages[-1]["content"] + "\n" + note}
            text, good, problems = self._ask(messages, k)
            facts = focus_facts(self.topic, start, k)
            if len(good) < k and len(self.langs) == 1:
                good += self._repaired(text, k - len(good), facts)
            requests += 1
            rejected = []
            for i, q in enumerate(good):
                if self.stop.is_set():
                    return None
                verdict = self._repeats(q, kept) or self._check_key(q, facts[i : i + 1] or facts)
                if verdict is None:
                    kept.append(q)
                    self.events.put(("question", (q, "llm")))
                else:
                    rejected.append(verdict)
            misses = 0 if len(good) > len(rejected) else misses + 1
        return None

    def _ask(self, messages: list[dict[str, str]], k: int) -> tuple[str, list[dict[str, Any]], list[str]]:
        """One reply for ``k`` questions: its text, the valid questions, the problems."""
        deadline = time.monotonic() + self.settings.timeout
        found: tuple[list[dict[str, Any]], list[str]] = ([], [])

        def check(text: str) -> str | None:
            nonlocal found
            try:
                found = validate_quiz(extract_json(text), self.topic.id, k, self.langs)
            except ValueError as exc:
                found = [], [str(exc)]
            good, problems = found
            if not problems:
                return None
            return f"kept {len(good)} of {k}; invalid: " + "; ".join(problems[:3])

        schema = ("quiz", quiz_schema(self.topic.id, k, self.langs))
        while True:
            mode = self.modes[0]
            try:
                reply = self.client.call(
                    "quiz",
                    messages,
                    mode,
                    deadline,
                    check,
                    schema,
                    max_tokens=TOKENS_PER_QUESTION * k * len(self.langs),
                    presence_penalty=PRESENCE_PENALTY,
                )
            except ModeUnsupported:
                self.modes.pop(0)
                if not self.modes:  # "plain" never raises ModeUnsupported; kept for safety
                    raise LLMError(NO_JSON_MODE, hint="llmstudy llm check") from None
                continue
            self.events.put(("mode", mode))
            self.last_reply = reply
            return reply.text, found[0], found[1]

    def _repaired(self, text: str, missing: int, facts: Sequence[Bi]) -> list[dict[str, Any]]:
        """Questions of a reply whose only fault was repeated options, completed with new wrong
        answers by one short call each (a small model often repeats an option, above all in
        Chinese; a whole new question costs ten times the tokens). They still face the key check."""
        try:
            data = extract_json(text)
        except ValueError:
            return []
        found = data.get("questions") if isinstance(data, dict) else None
        out: list[dict[str, Any]] = []
        for q in found if isinstance(found, list) else []:
            if len(out) >= missing or self.stop.is_set():
                break
            fixed = repeated_options(q, self.topic.id)
            if fixed is not None:
                done = self._complete(*fixed, facts)
                if done is not None:
                    out.append(done)
        return out

    def _complete(self, q: dict[str, Any], n: int, facts: Sequence[Bi]) -> dict[str, Any] | None:
        """``q`` with ``n`` new wrong answers, or None. The call asks for ``REPAIR_SPARE`` more
        than needed and keeps the first ``n`` that are new: a small model copies an option it
        was shown about as often as it writes a new one."""
        options = [str(o) for o in q["options"]]
        key = int(q["answer_index"])
        asked = n + REPAIR_SPARE

        def keep(offered: Sequence[Any]) -> tuple[list[str], str | None]:
            seen = {norm(o) for o in options}
            new: list[str] = []
            refused = ""
            for w in (str(w).strip() for w in offered):
                if placeholder(w) or labelled(w):
                    refused = "a new wrong answer is a placeholder or says it is wrong"
                elif norm(w) not in seen and len(new) < n:
                    seen.add(norm(w))
                    new.append(w)
            if len(new) < n:
                return new, refused or f"the new wrong answers repeat an option ({len(new)} of {n} new)"
            return new, None

        messages = distractor_messages(self.topic, facts, str(q["prompt"]), options, key, asked, self.langs[0])
        try:
            wrong = self._wrong_answers("repair", messages, asked, distractor_length(options[key]), keep, 0.4)
        except LLMError:
            return None
        return {**q, "options": [*options, *wrong]} if wrong else None

    def _wrong_answers(
        self,
        purpose: str,
        messages: list[dict[str, str]],
        asked: int,
        length: int,
        keep: Callable[[Sequence[Any]], tuple[list[str], str | None]],
        temperature: float,
    ) -> list[str] | None:
        """Wrong answers from one short call (a repair, a blank): ``asked`` of them, each at most
        ``length`` characters; ``keep`` picks the usable ones, or says why too few are (logged
        as the call's error). None when too few; ``LLMError`` when the call fails. The presence
        penalty that helps questions against repeated options helps here for the same reason."""
        schema = distractor_schema(asked, length)
        kept: list[str] | None = None

        def check(text: str) -> str | None:
            nonlocal kept
            try:
                data = extract_json(text)
            except ValueError as exc:
                return str(exc)
            found = problems(data, schema)
            if found:
                return "; ".join(found[:3])
            usable, why = keep(data["wrong"])
            kept = usable if why is None else None
            return why

        reply = self._short_call(
            purpose, messages, check, ("distractors", schema), distractor_tokens(asked, length), temperature, PRESENCE_PENALTY
        )
        return kept if reply is not None else None

    def _short_call(
        self,
        purpose: str,
        messages: list[dict[str, str]],
        check: Callable[[str], str | None],
        schema: tuple[str, dict[str, Any]],
        max_tokens: int,
        temperature: float = 0.4,
        presence_penalty: float | None = None,
    ) -> Reply | None:
        """One short call (a check, a repair) in the first output mode the server takes; None
        if it takes none. ``LLMError`` when the call fails."""
        deadline = time.monotonic() + self.settings.timeout
        for mode in self.modes:
            try:
                return self.client.call(
                    purpose, messages, mode, deadline, check, schema, max_tokens, temperature, presence_penalty
                )
            except ModeUnsupported:
                continue
        return None

    def _repeats(self, q: dict[str, Any], kept: list[dict[str, Any]]) -> str | None:
        """Why ``q`` is not new (a bank question or one of this quiz), or ``None``."""
        prompt = self.text(q["prompt"])
        seen = {norm(p) for p in self.avoid} | {norm(self.text(k["prompt"])) for k in kept}
        if norm(prompt) not in seen:
            return None
        reason = "rejected: repeats an existing question"
        self._local(prompt, reason, "")
        return reason

    def _local(self, prompt: str, reason: str | None, note: str) -> None:
        """A check decided here, logged like a call so `llm log` shows every verdict."""
        record = CallRecord("check", self.client.model, self.settings.host, "facts", "", f"{prompt}\n{note}", None, None, 0, reason)
        self.events.put(("call", record))

    def _check_key(self, q: dict[str, Any], facts: Sequence[Bi]) -> str | None:
        """``None`` when an independent check agrees with the key, else why the question is rejected.

        First the curated fact the question was written from: when its words clearly back
        one option, that decides (and saves a model call). Otherwise the model answers the
        question without its key, the options in another order.
        """
        prompt = self.text(q["prompt"])
        options = [self.text(o) for o in q["options"]]
        key = int(q["answer_index"])
        backed = facts_verdict(prompt, options, key, [f.get(self.langs[0]) for f in facts])
        if backed is True:
            self._local(prompt, None, f"the curated fact backs the key {options[key]!r}")
            return None
        if backed is False:
            reason = f"rejected: the key says {options[key]!r}, the curated fact backs another option"
            self._local(prompt, reason, "")
            return reason
        return self.answer(prompt, options, key, facts)

    def answer(self, prompt: str, options: Sequence[str], key: int, facts: Sequence[Bi], purpose: str = "check") -> str | None:
        """The model answers a question without its key (the options in another order, with
        the curated facts): ``None`` when it picks ``key``, else why not."""
        return self._answer(prompt, options, key, facts, purpose)[1]

    def _answer(self, prompt: str, options: Sequence[str], key: int, facts: Sequence[Bi], purpose: str) -> tuple[bool, str | None]:
        """``answer``, and whether the model answered at all (False: the call failed)."""
        order = rotation(prompt)

        def judge(text: str) -> str | None:
            letter = answer_letter(text)
            if letter is None:
                return "rejected: the check gave no answer"
            picked = order[LETTERS.index(letter)]
            if picked != key:
                return f"rejected: the key says {options[key]!r}, an independent answer chose {options[picked]!r}"
            return None

        messages = check_messages(self.topic, facts, prompt, [options[i] for i in order], self.langs[0])
        try:
            reply = self._short_call(purpose, messages, judge, ("answer", answer_schema()), max_tokens=20, temperature=0)
        except LLMError as exc:
            return False, f"rejected: the check failed ({exc.message})"
        return (False, "rejected: the check got no answer") if reply is None else (True, judge(reply.text))

    def knowledge(self, bank: Sequence[QuestionRec], n: int) -> tuple[int, int]:
        """How many of ``n`` curated choice questions (keys known right) the model's key-less
        check answers right, given the curated fact closest to each: how far its checks, and
        the keys it writes, can be trusted. (right, asked)."""
        lang = self.langs[0]
        facts = list(self.topic.key_points) or [self.topic.summary]
        asked = right = 0
        for q in [q for q in bank if q.kind == "choice" and len(q.options) == 4][:n]:
            prompt, options, key = q.prompt.get(lang), [o.get(lang) for o in q.options], q.answer_index
            if key is None:
                continue
            said = set(content_words(f"{prompt} {options[key]}"))
            fact = max(facts, key=lambda f: len(said & set(content_words(f.get(lang)))))
            answered, why = self._answer(prompt, options, key, [fact], "knowledge")
            if not answered:
                continue  # the server failed, not the model: no evidence either way
            asked += 1
            right += why is None
        return right, asked

    # -- the main thread ---------------------------------------------------------------

    def questions(
        self, record: Callable[[CallRecord], None], remember: Callable[[str, Any], None], waiting: Waiting
    ) -> Generator[tuple[dict[str, Any], str], None, None]:
        """The questions as they come, each with where it came from ("llm": the model's own,
        checked; "cloze": a curated sentence with the model's wrong answers); call records, the
        output mode that worked and the model's measured trust are handled on the way."""
        first = True
        try:
            while True:
                kind, value = self._next(waiting)
                if kind == "call":
                    record(value)
                elif kind in ("mode", "trust"):
                    remember(kind, value)
                elif kind == "question":
                    if first:
                        first = False
                        record(self._first_question(value[0]))
                    yield value
                elif kind == "error":
                    raise value
                else:
                    return
        finally:
            self.stop.set()
            self.thread.join(timeout=0.2)  # a request in flight may take long: do not wait for it
            self.drain(record)

    def _next(self, waiting: Waiting) -> tuple[str, Any]:
        with contextlib.suppress(queue.Empty):
            return self.events.get_nowait()
        # The worker's own requests end within the timeout; the margin lets their error speak first.
        limit = self.settings.timeout + 1
        with waiting(WAITING):
            try:
                return self.events.get(timeout=limit)
            except queue.Empty:
                raise LLMError(
                    Bi(f"模型超时：{limit:g} 秒内没有出题", f"the model timed out: no question within {limit:g}s"),
                    hint=Bi("调大 LLMSTUDY_LLM_TIMEOUT，或试试 llmstudy llm check", "raise LLMSTUDY_LLM_TIMEOUT or try llmstudy llm check"),
                ) from None

    def _first_question(self, q: dict[str, Any]) -> CallRecord:
        """The time to the first question, logged like a call (``llm log`` shows it)."""
        return CallRecord(
            purpose="first-question",
            model=self.client.model,
            host=self.settings.host,
            mode=self.modes[0],
            prompt=self.topic.id,
            response=self.text(q["prompt"]),
            prompt_tokens=None,
            completion_tokens=None,
            latency_ms=int((time.monotonic() - self.started) * 1000),
            error=None,
        )
