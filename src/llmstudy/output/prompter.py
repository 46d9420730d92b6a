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
from llmstudy.core import cards, dates
from llmstudy.core.records import Bi, Lang, QuestionRec
from llmstudy.output.terminal import Out, clean
from llmstudy.output.words import resource_line

CHOICE = Bi("你的答案（a-d，可加 easy/hard）：", "Your answer (a-d, optionally easy/hard): ")
TRUE_FALSE = Bi("对还是错（t/f）：", "True or false (t/f): ")
SHORT = Bi("你的回答：", "Your answer: ")
MODEL_ANSWER = Bi("参考答案：", "Model answer: ")
SELF_GRADE = Bi("答对了吗？（y/n/easy/hard）：", "Did you get it? (y/n/easy/hard): ")
UNREADABLE = Bi("看不懂“{line}”。可以输入：{accepted}", "Could not read “{line}”. Accepted: {accepted}")
SKIPPED = Bi("这题跳过：不计分，也不保存。", "Skipped: not scored and not stored.")
END_OF_INPUT = Bi("（输入结束）", "(end of input)")
RIGHT = Bi("✓ 正确", "✓ right")
WRONG = Bi("✗ 错误", "✗ wrong")
ANSWER = Bi("答案：", "Answer: ")
SOURCE = Bi("来源：", "Source: ")
SCORE = Bi("得分: {right}/{asked}", "Score: {right}/{asked}")
SKIPPED_COUNT = Bi("（{n} 题因答案无法识别而跳过）", " ({n} skipped: unreadable answers)")
INTERRUPTED = Bi("已中断：之前给出的 {n} 个答案已保存。", "Interrupted: {n} answer{s} given, kept.")
TO_REVIEW = Bi("复习这些资源：", "To review what you missed:")
COMES_BACK = Bi(
    "答错的题当天会再次出现，答对的题几天后再出现：llmstudy review",
    "Missed questions come back later today, right ones in days: llmstudy review",
)
NONE_DUE = Bi("现在没有到期的复习", "No reviews are due")
NEXT_DUE = Bi("；下一次在 {when}", "; the next is due {when}")
MORE_DUE = Bi("还有 {n} 张卡片到期：llmstudy review", "{n} more cards are due: llmstudy review")
LIMIT_REACHED = Bi(
    "已达到今天的复习上限（{limit} 张），还有 {n} 张到期。明天继续，或提高上限：llmstudy review --limit {more}"
    "（或在 config.toml 的 [review] 中设置 daily_limit）",
    "Today's review limit ({limit}) is reached; {n} more are due. Continue tomorrow, or raise it: "
    "llmstudy review --limit {more} (or daily_limit in [review] of config.toml)",
)


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

    def ask(self, index: int, total: int, shown: cards.Shown) -> cards.Graded | cards.Unreadable | None:
        lang, q = self.lang, shown.question
        self.heading(f"[{index}/{total}]", q.prompt.get(lang))
        if q.kind == "choice":
            for letter, opt in zip(cards.LETTERS, shown.options, strict=False):
                self.say(f"{letter}) {opt.get(lang)}", first="     ", indent="        ")
            prompt = CHOICE.get(lang)
        elif q.kind == "true_false":
            prompt = TRUE_FALSE.get(lang)
        else:
            prompt = SHORT.get(lang)
        # On a terminal the learner gets three tries; a script gets none: its line is
        # reported and the question skipped, so a typo never counts as a wrong answer.
        tries = 3 if self.interactive else 1
        line = ""
        for _ in range(tries):
            read = self.read(prompt)
            if read is None:
                self._ended()
                return None
            line = read
            if q.kind == "short":
                return self._self_grade(q, line.strip(), tries)
            graded = cards.grade(shown, line)
            if graded is not None:
                return graded
            self._unreadable(line, cards.accepted(q))
        return self._skip(line, cards.accepted(q))

    def _self_grade(self, q: QuestionRec, answer: str, tries: int) -> cards.Graded | cards.Unreadable | None:
        lang = self.lang
        self.say(MODEL_ANSWER.get(lang) + cards.correct_answer(q, lang), indent="  ")
        verdict = ""
        for _ in range(tries):
            read = self.read(SELF_GRADE.get(lang))
            if read is None:
                self._ended()
                return None
            verdict = read
            graded = cards.self_grade(answer, verdict)
            if graded is not None:
                return graded
            self._unreadable(verdict, cards.SELF_GRADE_ACCEPTS)
        return self._skip(verdict, cards.SELF_GRADE_ACCEPTS)

    def _unreadable(self, line: str, accepted: Bi) -> None:
        self.say(UNREADABLE.format(self.lang, line=line.strip(), accepted=accepted.get(self.lang)), "yellow")

    def _skip(self, line: str, accepted: Bi) -> cards.Unreadable:
        self.say(SKIPPED.get(self.lang), "yellow")
        return cards.Unreadable(line.strip(), accepted)

    def _ended(self) -> None:
        self.say(END_OF_INPUT.get(self.lang), "dim")
        return None

    def feedback(self, shown: cards.Shown, item: QuizItem) -> None:
        lang, q = self.lang, shown.question
        self.say((RIGHT if item.correct else WRONG).get(lang), "green" if item.correct else "red")
        if not item.correct or q.kind != "short":
            self.say(ANSWER.get(lang) + cards.correct_answer(q, lang, shown), indent="  ")
        if q.explanation.get(lang):
            self.say(q.explanation.get(lang), "dim", indent="  ")
        if q.made_by is not None:
            self.say(q.made_by.get(lang), "dim", indent="  ")
        if q.source.title:
            link = q.source.link or ""
            self.say(SOURCE.get(lang) + q.source.title + (f" — {link}" if link else ""), "dim", indent="  ")

    # -- after the last question -------------------------------------------------

    def summary(self, result: QuizResult) -> None:
        lang = self.lang
        if result.source == "review" and not result.items and not result.skipped and not result.interrupted:
            if result.daily_limit is not None:
                self._limit(result)
                return
            if result.remaining:  # cards were due, but the input ended before an answer
                self.say(MORE_DUE.format(lang, n=result.remaining), "dim")
                return
            when = ""
            if result.next_due is not None and result.now is not None:
                when = NEXT_DUE.format(lang, when=dates.when(result.next_due, result.now, lang))
            self.say(NONE_DUE.get(lang) + when)
            return
        right = sum(1 for it in result.items if it.correct)
        self.say()
        skipped = SKIPPED_COUNT.format(lang, n=len(result.skipped)) if result.skipped else ""
        self.say(SCORE.format(lang, right=right, asked=len(result.items)) + skipped, "bold")
        if result.interrupted:
            self.say(INTERRUPTED.format(lang, n=len(result.items)), "yellow")
        if result.to_review:
            self.say(TO_REVIEW.get(lang), "bold")
            for tid, res in result.to_review:
                self.say(f"- {tid}: {resource_line(res, lang)}", first="  ", indent="    ")
            self.say(COMES_BACK.get(lang), "dim")
        if result.daily_limit is not None:
            self._limit(result)
        elif result.remaining:
            self.say(MORE_DUE.format(lang, n=result.remaining), "dim")

    def _limit(self, result: QuizResult) -> None:
        assert result.daily_limit is not None
        limit, n = result.daily_limit, result.remaining or 0
        self.say(LIMIT_REACHED.format(self.lang, limit=limit, n=n, more=limit + n), "yellow")


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
