"""The quiz's side of the terminal: show a question, read the answer, give feedback.

Questions and feedback go to stdout, or to stderr with --json so stdout holds only the
result. On a terminal the learner answers at a rich prompt; otherwise one answer per line
is read from stdin (a letter, t/f, or free text followed by a y/n self-grade line for
short answers), so a quiz can be scripted.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from llmstudy.actions.results import QuizItem, QuizResult
from llmstudy.core import cards
from llmstudy.core.records import Bi, Lang, QuestionRec
from llmstudy.output.terminal import Out, clean

CHOICE = Bi("你的答案（a-d，可加 easy/hard）：", "Your answer (a-d, optionally easy/hard): ")
TRUE_FALSE = Bi("对还是错（t/f）：", "True or false (t/f): ")
SHORT = Bi("你的回答：", "Your answer: ")
MODEL_ANSWER = Bi("参考答案：", "Model answer: ")
SELF_GRADE = Bi("答对了吗？（y/n/easy/hard）：", "Did you get it? (y/n/easy/hard): ")
UNREADABLE = Bi("看不懂这个答案，请重试。", "Could not read that answer; try again.")
END_OF_INPUT = Bi("（输入结束）", "(end of input)")
RIGHT = Bi("✓ 正确", "✓ right")
WRONG = Bi("✗ 错误", "✗ wrong")
ANSWER = Bi("答案：", "Answer: ")
SOURCE = Bi("来源：", "Source: ")
SCORE = Bi("得分: {right}/{asked}", "Score: {right}/{asked}")
TO_REVIEW = Bi("复习这些资源：", "To review what you missed:")
COMES_BACK = Bi(
    "答错的题会通过间隔重复再次出现：llmstudy review", "Missed questions come back by spaced repetition: llmstudy review"
)
NONE_DUE = Bi("现在没有到期的复习", "No reviews are due")
NEXT_DUE = Bi("；下一次在 {when}", "; the next is due {when}")


class Prompter:
    """Plain lines, for pipes and scripts."""

    def __init__(self, lang: Lang, as_json: bool, stdin: TextIO | None = None) -> None:
        self.lang = lang
        self.out = Out(sys.stderr if as_json else sys.stdout)
        self.stdin = stdin or sys.stdin
        self.interactive = self.stdin.isatty()

    # -- drawing (overridden on a terminal) -------------------------------------

    def say(self, text: str = "", *styles: str, indent: str = "", first: str | None = None) -> None:
        self.out.line(text, *styles, indent=indent, first=first)
        self.out.stream.flush()

    def read(self, prompt: str) -> str | None:
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

    def heading(self, header: str, text: str) -> None:
        self.say()
        self.say(f"{header} {text}", "bold")

    # -- the Prompter protocol of actions.quiz -----------------------------------

    def note(self, message: Bi, style: str = "dim") -> None:
        self.say(message.get(self.lang), style)

    def ask(self, index: int, total: int, q: QuestionRec) -> cards.Graded | None:
        lang = self.lang
        self.heading(f"[{index}/{total}]", q.prompt.get(lang))
        if q.kind == "choice":
            for letter, opt in zip(cards.LETTERS, q.options, strict=True):
                self.say(f"{letter}) {opt.get(lang)}", first="     ", indent="        ")
            prompt = CHOICE.get(lang)
        elif q.kind == "true_false":
            prompt = TRUE_FALSE.get(lang)
        else:
            prompt = SHORT.get(lang)
        line: str | None = None
        for _ in range(3 if self.interactive else 1):
            line = self.read(prompt)
            if line is None:
                self.say(END_OF_INPUT.get(lang), "dim")
                return None
            if q.kind == "short":
                self.say(MODEL_ANSWER.get(lang) + cards.correct_answer(q, lang), indent="  ")
                verdict = self.read(SELF_GRADE.get(lang))
                if verdict is None:
                    self.say(END_OF_INPUT.get(lang), "dim")
                    return None
                graded = cards.self_grade(line.strip(), verdict)
                if graded is not None:
                    return graded
                if not self.interactive:
                    return cards.Graded(line.strip(), False, "again")
                continue
            graded = cards.grade(q, line)
            if graded is not None:
                return graded
            self.say(UNREADABLE.get(lang), "yellow")
        # scripted input that cannot be read counts as a miss, so it comes back soon
        return cards.Graded(line.strip() if line else "", False, "again")

    def feedback(self, q: QuestionRec, item: QuizItem) -> None:
        lang = self.lang
        self.say((RIGHT if item.correct else WRONG).get(lang), "green" if item.correct else "red")
        if not item.correct or q.kind != "short":
            self.say(ANSWER.get(lang) + cards.correct_answer(q, lang), indent="  ")
        self.say(q.explanation.get(lang), "dim", indent="  ")
        link = q.source.link or ""
        self.say(SOURCE.get(lang) + q.source.title + (f" — {link}" if link else ""), "dim", indent="  ")

    # -- after the last question -------------------------------------------------

    def summary(self, result: QuizResult) -> None:
        lang = self.lang
        if not result.items and result.source == "review":
            when = "" if result.next_due is None else NEXT_DUE.format(lang, when=result.next_due.isoformat()[:16])
            self.say(NONE_DUE.get(lang) + when)
            return
        right = sum(1 for it in result.items if it.correct)
        self.say()
        self.say(SCORE.format(lang, right=right, asked=len(result.items)), "bold")
        if result.to_review:
            self.say(TO_REVIEW.get(lang), "bold")
            for tid, res in result.to_review:
                link = f" — {res.link}" if res.link else ""
                self.say(f"- {tid}: [{res.kind}] {res.title.get(lang)}{link}", first="  ", indent="    ")
            self.say(COMES_BACK.get(lang), "dim")


class RichPrompter(Prompter):
    """On a terminal: rich panels and prompts. Text we did not write stays plain ``Text``."""

    def __init__(self, lang: Lang, as_json: bool) -> None:
        super().__init__(lang, as_json)
        from llmstudy.output.rich_views import console

        self.rich = console(stderr=as_json)

    def say(self, text: str = "", *styles: str, indent: str = "", first: str | None = None) -> None:
        from rich.padding import Padding
        from rich.text import Text

        body = Text(clean(text), style=" ".join(styles))
        self.rich.print(Padding(body, (0, 0, 0, len(indent))) if indent else body)

    def heading(self, header: str, text: str) -> None:
        from rich.panel import Panel
        from rich.text import Text

        self.rich.print()
        self.rich.print(Panel(Text(clean(text), style="bold"), title=header, title_align="left", border_style="cyan"))

    def read(self, prompt: str) -> str | None:
        from rich.text import Text

        try:
            return self.rich.input(Text(prompt, style="bold cyan"))
        except EOFError:
            self.rich.print()
            return None


def make_prompter(lang: Lang, as_json: bool) -> Prompter:
    return RichPrompter(lang, as_json) if sys.stdin.isatty() else Prompter(lang, as_json)


class Spinner:
    """A spinner and the seconds waited, on stderr, while the model works; only on a terminal.

    Used as ``with spinner(message): ...``. It draws after a short pause (most waits are
    instant) and clears its line when done, so piped output and --json never see it.
    """

    FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def __init__(self, lang: Lang, stream: TextIO | None = None) -> None:
        self.lang = lang
        self.stream = stream or sys.stderr

    @contextlib.contextmanager
    def __call__(self, message: Bi) -> Iterator[None]:
        if not self.stream.isatty():
            yield
            return
        import threading
        import time

        done = threading.Event()
        text = clean(message.get(self.lang))

        def spin() -> None:
            start = time.monotonic()
            i = 0
            while not done.wait(0.3 if i == 0 else 0.1):
                self.stream.write(f"\r{self.FRAMES[i % len(self.FRAMES)]} {text} {time.monotonic() - start:.0f}s ")
                self.stream.flush()
                i += 1
            if i:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()

        thread = threading.Thread(target=spin, daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()
