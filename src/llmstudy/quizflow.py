"""Running a quiz, a review or an explanation: the loop between the learner, the store,
the scheduler and (optionally) the model.

Questions and feedback go to stdout, or to stderr with --json so stdout holds only
the result. On a terminal the learner answers at a prompt; otherwise one answer per
line is read from stdin (a letter, t/f, or free text followed by a y/n self-grade
line for short answers), so a quiz can be scripted.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from llmstudy import quiz
from llmstudy.config import LlmSettings
from llmstudy.domain import TopicRec
from llmstudy.errors import LLMError, LlmstudyError, NotFoundError, UsageError
from llmstudy.models import Question
from llmstudy.store import Store
from llmstudy.term import Out

MAX_QUESTIONS = 50


class Console:
    """Where questions go and where answers come from."""

    def __init__(self, as_json: bool, stdin: TextIO | None = None) -> None:
        self.out = Out(sys.stderr if as_json else sys.stdout)
        self.stdin = stdin or sys.stdin
        self.interactive = self.stdin.isatty()

    def say(self, text: str = "", *styles: str, indent: str = "", first: str | None = None) -> None:
        self.out.line(text, *styles, indent=indent, first=first)
        self.out.stream.flush()

    def ask(self, prompt: str) -> str | None:
        """One answer; ``None`` at end of input."""
        self.out.stream.write(prompt)
        self.out.stream.flush()
        line = self.stdin.readline()
        if not line:
            if self.interactive:
                self.out.stream.write("\n")
            return None
        if not self.interactive:
            self.out.stream.write(line if line.endswith("\n") else line + "\n")
        return line.rstrip("\n")

    def question(self, header: str, text: str) -> None:
        self.say()
        self.say(f"{header} {text}", "bold")


class RichConsole(Console):
    """On a terminal: rich panels and prompts. Text we did not write stays plain ``Text``."""

    def __init__(self, as_json: bool) -> None:
        super().__init__(as_json)
        from llmstudy.render import console

        self.rich = console(stderr=as_json)

    def say(self, text: str = "", *styles: str, indent: str = "", first: str | None = None) -> None:
        from rich.padding import Padding
        from rich.text import Text

        from llmstudy.term import clean

        body = Text(clean(text), style=" ".join(styles))
        self.rich.print(Padding(body, (0, 0, 0, len(indent))) if indent else body)

    def question(self, header: str, text: str) -> None:
        from rich.panel import Panel
        from rich.text import Text

        from llmstudy.term import clean

        self.rich.print()
        self.rich.print(Panel(Text(clean(text), style="bold"), title=header, title_align="left", border_style="cyan"))

    def ask(self, prompt: str) -> str | None:
        from rich.text import Text

        try:
            return self.rich.input(Text(prompt, style="bold cyan"))
        except EOFError:
            self.rich.print()
            return None


def make_console(as_json: bool) -> Console:
    return RichConsole(as_json) if sys.stdin.isatty() else Console(as_json)


def load_bank(store: Store, topic: TopicRec) -> list[Question]:
    """Curated questions, saved generated ones, then those derived from our own data."""
    bank = [Question.model_validate(d) for d in store.question_docs(topic.id)]
    seen = {q.id for q in bank}
    bank += [q for q in quiz.derived_questions(topic, store.topics(), store.events()) if q.id not in seen]
    return bank


def find_question(store: Store, question_id: str, topic_id: str) -> Question | None:
    topics = store.topics()
    if topic_id not in topics:
        return None
    for q in load_bank(store, topics[topic_id]):
        if q.id == question_id:
            return q
    return None


def llm_questions(store: Store, settings: LlmSettings, topic: TopicRec, n: int, avoid: Sequence[str]) -> list[Question]:
    from llmstudy.llm_client import LlmClient

    client = LlmClient(settings, store.record_llm_call)
    mode_key = f"llm_mode:{settings.base_url}:{settings.model}"
    generated, mode = client.generate_quiz(topic.id, quiz.quiz_messages(topic, n, avoid), n, store.meta(mode_key))
    if store.meta(mode_key) != mode:
        store.set_meta(mode_key, mode)
    out = []
    for g in generated:
        q = quiz.question_from_llm(g, topic, client.model)
        store.save_generated(q.id, topic.id, q.model_dump_json(exclude_none=True), client.model)
        out.append(q)
    return out


def run_quiz(
    store: Store,
    topic: TopicRec,
    n: int,
    prefer: str | None,  # "llm", "offline" or None (LLM when configured)
    settings_loader: Callable[[], LlmSettings],
    lang: str,
    as_json: bool,
    now: dt.datetime,
) -> dict[str, Any]:
    if not 1 <= n <= MAX_QUESTIONS:
        raise UsageError(f"-n must be between 1 and {MAX_QUESTIONS}", hint="llmstudy quiz attention -n 5")
    con = make_console(as_json)
    zh = lang == "zh"
    bank = load_bank(store, topic)
    source = "bank"
    fallback: str | None = None
    questions: list[Question] = []
    if prefer != "offline":
        settings = settings_loader()
        if prefer == "llm" and not settings.configured:
            raise LlmstudyError(
                "no LLM is configured",
                hint="set LLMSTUDY_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL; see llmstudy llm status",
            )
        if settings.configured:
            con.say(f"正在用 {settings.model} 出题…" if zh else f"Asking {settings.model} for questions…", "dim")
            try:
                questions = llm_questions(store, settings, topic, n, [q.prompt.en for q in bank])
                source = "llm"
            except LLMError as exc:
                fallback = exc.message
                con.say(
                    (
                        f"模型出题失败（{exc.message}），改用离线题库。"
                        if zh
                        else f"The model failed ({exc.message}); using the offline bank."
                    ),
                    "yellow",
                )
    if source == "bank":
        if not bank:
            raise NotFoundError(
                f"no questions for {topic.id}", hint="llmstudy show " + topic.id + " to study it instead"
            )
        questions = quiz.pick(bank, store.card_dues(topic.id), now, n)
    result = ask_all(store, con, questions, lang, source, now)
    result = {"topic": topic.id, "source": source, **result}
    if fallback:
        result["fallback_reason"] = fallback
    finish(store, con, result, lang)
    return result


def run_review(store: Store, n: int, lang: str, as_json: bool, now: dt.datetime) -> dict[str, Any]:
    if not 1 <= n <= MAX_QUESTIONS:
        raise UsageError(f"-n must be between 1 and {MAX_QUESTIONS}", hint="llmstudy review -n 10")
    con = make_console(as_json)
    questions = []
    for qid, tid in store.due_cards(now, n):
        q = find_question(store, qid, tid)
        if q is not None:
            questions.append(q)
    if not questions:
        upcoming = min(store.card_dues().values(), default=None)
        when = (
            ""
            if upcoming is None
            else (f"；下一次在 {upcoming[:16]}" if lang == "zh" else f"; the next is due {upcoming[:16]}")
        )
        con.say(("现在没有到期的复习" if lang == "zh" else "No reviews are due") + when)
        return {"topic": None, "source": "review", "asked": 0, "correct": 0, "items": []}
    result = {"topic": None, **ask_all(store, con, questions, lang, "review", now)}
    finish(store, con, result, lang)
    return result


def ask_all(
    store: Store, con: Console, questions: Sequence[Question], lang: str, source: str, now: dt.datetime
) -> dict[str, Any]:
    zh = lang == "zh"
    items: list[dict[str, Any]] = []
    for i, q in enumerate(questions, start=1):
        con.question(f"[{i}/{len(questions)}]", q.prompt.get(lang))
        graded = ask_one(con, q, lang)
        if graded is None:
            con.say("（输入结束）" if zh else "(end of input)", "dim")
            break
        card, due = quiz.schedule(store.card_json(q.id), graded.rating, now)
        store.record_answer(
            question_id=q.id,
            topic=q.topic,
            answer=graded.given,
            correct=graded.correct,
            rating=graded.rating,
            source=source,
            card=card,
            due=due,
            at=now,
        )
        mark = ("✓ 正确" if zh else "✓ right") if graded.correct else ("✗ 错误" if zh else "✗ wrong")
        con.say(mark, "green" if graded.correct else "red")
        if not graded.correct or q.kind != "short":
            con.say(("答案：" if zh else "Answer: ") + quiz.correct_answer(q, lang), indent="  ")
        con.say(q.explanation.get(lang), "dim", indent="  ")
        link = q.source.url or (f"https://arxiv.org/abs/{q.source.arxiv}" if q.source.arxiv else "")
        con.say(
            ("来源：" if zh else "Source: ") + q.source.title + (f" — {link}" if link else ""),
            "dim",
            indent="  ",
        )
        items.append(
            {
                "id": q.id,
                "topic": q.topic,
                "kind": q.kind,
                "prompt": q.prompt.get(lang),
                "given": graded.given,
                "correct": graded.correct,
                "answer": quiz.correct_answer(q, lang),
                "explanation": q.explanation.get(lang),
                "rating": graded.rating,
                "next_due": due.isoformat(),
            }
        )
    return {"asked": len(items), "correct": sum(1 for it in items if it["correct"]), "items": items}


def ask_one(con: Console, q: Question, lang: str) -> quiz.Graded | None:
    zh = lang == "zh"
    if q.kind == "choice":
        for letter, opt in zip(quiz.LETTERS, q.options, strict=True):
            con.say(f"{letter}) {opt.get(lang)}", first="     ", indent="        ")
        prompt = "你的答案 (a-d，可加 easy/hard): " if zh else "Your answer (a-d, optionally easy/hard): "
    elif q.kind == "true_false":
        prompt = "对还是错 (t/f): " if zh else "True or false (t/f): "
    else:
        prompt = "你的回答: " if zh else "Your answer: "
    for _ in range(3 if con.interactive else 1):
        line = con.ask(prompt)
        if line is None:
            return None
        if q.kind == "short":
            con.say(("参考答案：" if zh else "Model answer: ") + quiz.correct_answer(q, lang), indent="  ")
            verdict = con.ask("答对了吗？(y/n/easy/hard): " if zh else "Did you get it? (y/n/easy/hard): ")
            if verdict is None:
                return None
            graded = quiz.self_grade(line.strip(), verdict)
            if graded is not None:
                return graded
            if not con.interactive:
                return quiz.Graded(line.strip(), False, "again")
            continue
        graded = quiz.grade(q, line)
        if graded is not None:
            return graded
        con.say("看不懂这个答案，请重试。" if zh else "Could not read that answer; try again.", "yellow")
    # scripted input that cannot be read counts as a miss, so it comes back soon
    return quiz.Graded(line.strip() if line else "", False, "again")


def finish(store: Store, con: Console, result: dict[str, Any], lang: str) -> None:
    zh = lang == "zh"
    asked, correct = result["asked"], result["correct"]
    con.say()
    con.say(f"{'得分' if zh else 'Score'}: {correct}/{asked}", "bold")
    missed_topics = list(dict.fromkeys(it["topic"] for it in result["items"] if not it["correct"]))
    if missed_topics:
        from llmstudy.hot import pick_resources

        con.say("复习这些资源：" if zh else "To review what you missed:", "bold")
        for tid in missed_topics:
            for r in pick_resources(store, tid, 1):
                link = f" — {r.link}" if r.link else ""
                con.say(f"- {tid}: [{r.kind}] {r.title.get(lang)}{link}", first="  ", indent="    ")
        con.say(
            "答错的题会通过间隔重复再次出现：llmstudy review"
            if zh
            else "Missed questions come back by spaced repetition: llmstudy review",
            "dim",
        )


def explain_offline(topic: TopicRec, lang: str) -> None:
    con = Console(False)
    con.say(f"{topic.title.get(lang)} ({topic.id})", "bold", "cyan")
    con.say(topic.summary.get(lang), indent="  ")
    con.say()
    for k in topic.key_points:
        con.say(f"• {k.get(lang)}", indent="    ")
    if topic.analogy is not None:
        con.say()
        con.say(("类比：" if lang == "zh" else "Analogy: ") + topic.analogy.get(lang), indent="  ")


def explain_llm(
    store: Store, settings: LlmSettings, topic: TopicRec, level: str, lang: str, question: str | None
) -> None:
    from llmstudy.llm_client import LlmClient
    from llmstudy.term import clean

    client = LlmClient(settings, store.record_llm_call)
    out = sys.stdout
    wrote = False
    for piece in client.stream("explain", quiz.explain_messages(topic, level, lang, question)):
        out.write(clean(piece))  # model text is text: control sequences never reach the terminal
        out.flush()
        wrote = True
    if wrote:
        out.write("\n")


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
