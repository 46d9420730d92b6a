"""Run one lab's checks against a learner's file; started by ``llmstudy.labs.runner`` in a child process.

    python -I harness.py CHECKS SOLUTION LEARNER RESULT_JSON [TIME_LIMIT]

It imports nothing from llmstudy (the child runs isolated). The three files are
loaded by path; the learner's prints go to a bounded buffer; every exception is
caught; tracebacks keep only the learner's own frames. The result JSON is
rewritten after each step, so a process that dies (``os._exit``, a crash, the
parent's hard kill) still leaves a record of what finished and what was running:

    {"version": 1, "load_error": null | {"kind", "message", "message_zh", "say", "traceback"},
     "checks": [{"name", "description", "description_zh", "status", "passed", "message", "message_zh",
                 "say", "traceback"}],
     "running": null | "load" | CHECK_NAME, "timed_out": bool, "done": bool,
     "output": str, "output_dropped": int, "internal_error": null | str}

``status`` is pending, running, passed or failed. ``message`` is always English.

A check's own words are its assertion message. A message may be a plain string (both
languages then read it as written) or a pair ``(english, chinese)``::

    assert got == want, (f"add(2, 3) returned {got}", f"add(2, 3) 返回了 {got}")

``message_zh`` holds the Chinese of such a pair, else null (as in result files written
before it existed). ``say`` is null, or for the harness's own words their code and
arguments, e.g. ``["not_implemented", "add"]``, which the runner words in the learner's
language; an argument may itself be a code list (``["where_import"]``, a place worded in
turn). ``TIME_LIMIT`` (seconds) arms a soft timer: code still running then is interrupted
where it is (so the learner sees the line of the endless loop) and the remaining checks
are skipped.
"""

from __future__ import annotations

import importlib.util
import inspect
import io
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable
from types import FrameType, ModuleType
from typing import Any

OUTPUT_LIMIT = 8_000
MESSAGE_LIMIT = 1_500
FRAME_LIMIT = 8
# What several labs' checks share (``content/lab_checking.py``), imported by name.
SHARED_CHECKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "content", "lab_checking.py")

# Where code was running when it raised, in the harness's English; the runner words the
# same keys ("where_" + key) in both languages.
WHERE = {"import": "while your file was being imported", "code": "in your code"}


def clip(text: str) -> str:
    return text[:MESSAGE_LIMIT] + " …" if len(text) > MESSAGE_LIMIT else text


def assertion_text(exc: AssertionError) -> tuple[str, str | None]:
    """A check's assertion message: (english, chinese) when it gave the pair, else (text, None)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], tuple) and len(exc.args[0]) == 2:
        en, zh = exc.args[0]
        if isinstance(en, str) and isinstance(zh, str):
            return en, zh
    return str(exc), None


class OutOfTime(BaseException):
    """Raised by the soft timer; a BaseException, so a learner's ``except Exception`` does not swallow it."""


class BoundedText(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters written and counts the rest."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        room = self.limit - self.kept
        if room > 0:
            piece = s[:room]
            self.parts.append(piece)
            self.kept += len(piece)
        self.dropped += len(s) - max(0, min(room, len(s)))
        return len(s)

    def text(self) -> str:
        return "".join(self.parts)


class Harness:
    def __init__(self, checks_path: str, solution_path: str, learner_path: str, result_path: str) -> None:
        self.checks_path = checks_path
        self.solution_path = solution_path
        self.learner_path = learner_path
        self.learner_real = os.path.realpath(learner_path)
        # The checks' own files: the lab's checks and what several labs' checks share.
        self.checks_real = {os.path.realpath(checks_path), os.path.realpath(SHARED_CHECKS)}
        self.result_path = result_path
        self.out = BoundedText(OUTPUT_LIMIT)
        self.learner: ModuleType | None = None
        self.state: dict[str, Any] = {
            "version": 1,
            "load_error": None,
            "checks": [],
            "running": None,
            "timed_out": False,
            "done": False,
            "output": "",
            "output_dropped": 0,
            "internal_error": None,
        }

    # -- result file -----------------------------------------------------

    def save(self) -> None:
        self.state["output"] = self.out.text()
        self.state["output_dropped"] = self.out.dropped
        tmp = self.result_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.state, f, ensure_ascii=False)
        os.replace(tmp, self.result_path)

    # -- tracebacks ------------------------------------------------------

    def learner_frames(self, exc: BaseException) -> list[traceback.FrameSummary]:
        frames = traceback.extract_tb(exc.__traceback__)
        return [f for f in frames if os.path.realpath(f.filename) == self.learner_real]

    def format_frames(self, frames: list[traceback.FrameSummary]) -> list[str]:
        raw = [f"line {f.lineno}, in {f.name}: {(f.line or '').strip()}" for f in frames]
        lines: list[str] = []
        i = 0
        while i < len(raw):  # collapse a recursion's repeats, as Python's own tracebacks do
            j = i
            while j < len(raw) and raw[j] == raw[i]:
                j += 1
            lines.append(raw[i])
            if j - i > 1:
                lines.append(f"... the line above {j - i - 1} more times ...")
            i = j
        if len(lines) > FRAME_LIMIT:
            hidden = len(lines) - FRAME_LIMIT
            lines = [*lines[:2], f"... {hidden} more frames ...", *lines[-(FRAME_LIMIT - 2) :]]
        return lines

    def describe(self, exc: BaseException, where: str) -> dict[str, Any]:
        """The result fields (message, message_zh, say, traceback) for an exception raised while
        ``where`` (a key of ``WHERE``) ran. The harness's own words also go out as a code with
        arguments ("say"), so the runner can word them in the learner's language."""
        frames = self.learner_frames(exc)
        if not frames and exc.__cause__ is not None:  # a check that re-raised the learner's error with a hint
            frames = self.learner_frames(exc.__cause__)
        lines = self.format_frames(frames)
        innermost = traceback.extract_tb(exc.__traceback__)
        from_checks = bool(innermost) and os.path.realpath(innermost[-1].filename) in self.checks_real
        text = str(exc)
        place = ["where_" + where]
        message_zh: str | None = None
        say: list[Any] | None = None
        if isinstance(exc, OutOfTime):
            message, say = text, ["timed_out", _timer["seconds"]]
        elif isinstance(exc, NotImplementedError) and frames:
            message, say = f"not implemented yet: {frames[-1].name}()", ["not_implemented", frames[-1].name]
        elif isinstance(exc, AssertionError) and from_checks:
            message, message_zh = assertion_text(exc)
            if not message:
                message, message_zh, say = "check failed", None, ["check_failed"]
        elif isinstance(exc, AttributeError) and self.learner is not None and getattr(exc, "obj", None) is self.learner:
            message = f"your file has no {exc.name}; the checker calls it (keep the names the starter uses)"
            say = ["no_attribute", str(exc.name)]
        elif isinstance(exc, SystemExit):
            message = (
                f"your code tried to exit (SystemExit, code {exc.code!r}) {WHERE[where]}; remove the sys.exit call "
                "(the checker imports your file and calls your functions)"
            )
            say = ["sys_exit", repr(exc.code), place]
        elif isinstance(exc, KeyboardInterrupt):
            message, say = f"interrupted {WHERE[where]}", ["interrupted", place]
        else:
            error = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
            error = clip(error)  # Python's own words: the same in both languages
            message = error
            if from_checks and not frames and isinstance(exc, TypeError) and "argument" in text:
                message += " (calling your function failed: keep the parameters of the starter's signature)"
                say = ["bad_call", error]
            elif from_checks:
                message += " (raised by the check while examining what your code returned)"
                say = ["raised_in_check", error]
            elif frames:
                message += f" (raised {WHERE[where]})"
                say = ["raised", error, place]
        return {
            "message": clip(message),
            "message_zh": None if message_zh is None else clip(message_zh),
            "say": say,
            "traceback": lines,
        }

    # -- steps -----------------------------------------------------------

    def load_module(self, name: str, path: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    def load_learner(self) -> ModuleType | None:
        self.state["running"] = "load"
        self.save()
        try:
            with self.redirected():
                module = self.load_module("learner", self.learner_path)
        except SyntaxError as exc:
            line = (exc.text or "").rstrip("\n")
            where = f"line {exc.lineno}: " if exc.lineno else ""
            self.state["load_error"] = {
                "kind": "syntax",
                "message": f"{type(exc).__name__}: {where}{exc.msg}",
                "message_zh": None,
                "say": ["syntax_at", type(exc).__name__, str(exc.lineno), exc.msg] if exc.lineno else None,
                "traceback": [f"line {exc.lineno}: {line.strip()}"] if line.strip() else [],
            }
            return None
        except OutOfTime as exc:
            self.state["load_error"] = {"kind": "timeout", **self.describe(exc, "import")}
            self.state["timed_out"] = True
            return None
        except BaseException as exc:  # noqa: BLE001 - anything the learner's file does at import is reported
            kind = "import" if isinstance(exc, ImportError) else "exception"
            self.state["load_error"] = {"kind": kind, **self.describe(exc, "import")}
            return None
        finally:
            self.state["running"] = None
        return module

    def redirected(self) -> _Redirect:
        return _Redirect(self.out)

    def run(self, time_limit: float | None) -> None:
        try:
            checks_module = self.load_module("lab_checks", self.checks_path)
            reference = self.load_module("lab_solution", self.solution_path)
            checks = find_checks(checks_module)
        except BaseException:  # noqa: BLE001 - a broken lab, not the learner's fault
            self.state["internal_error"] = traceback.format_exc(limit=-3)
            self.state["done"] = True
            self.save()
            return
        self.state["checks"] = [
            {
                "name": name,
                "description": description,
                "description_zh": description_zh,
                "status": "pending",
                "passed": False,
                "message": "not run",
                "message_zh": None,
                "say": ["not_run"],
                "traceback": [],
            }
            for name, _func, description, description_zh in checks
        ]
        arm_timer(time_limit)
        learner = self.load_learner()
        self.learner = learner
        if learner is not None:
            for entry, (name, func, _d, _z) in zip(self.state["checks"], checks, strict=True):
                if self.state["timed_out"] or _timer["expired"]:
                    self.state["timed_out"] = True
                    entry.update(message="not run: the time limit was reached in an earlier check", say=["not_run_time"])
                    continue
                self.run_check(entry, name, func, learner, reference)
        else:
            for entry in self.state["checks"]:
                entry.update(message="not run: your file could not be loaded", say=["not_run_load"])
        disarm_timer()
        self.state["done"] = True
        self.save()

    def run_check(
        self,
        entry: dict[str, Any],
        name: str,
        func: Callable[[ModuleType, ModuleType], object],
        learner: ModuleType,
        reference: ModuleType,
    ) -> None:
        entry["status"] = "running"
        self.state["running"] = name
        self.save()
        try:
            with self.redirected():
                func(learner, reference)
        except OutOfTime as exc:
            entry.update(status="failed", passed=False, **self.describe(exc, "code"))
            self.state["timed_out"] = True
        except BaseException as exc:  # noqa: BLE001 - a failing check, whatever it raised
            entry.update(status="failed", passed=False, **self.describe(exc, "code"))
        else:
            entry.update(status="passed", passed=True, message="", say=None)
        self.state["running"] = None
        self.save()


class _Redirect:
    """Point sys.stdout/sys.stderr at the bounded buffer (and stdin at nothing) for the duration."""

    def __init__(self, out: BoundedText) -> None:
        self.out = out
        self.saved: tuple[Any, Any, Any] = (None, None, None)

    def __enter__(self) -> None:
        self.saved = (sys.stdout, sys.stderr, sys.stdin)
        sys.stdout = sys.stderr = self.out
        sys.stdin = io.StringIO("")
        _timer["inside"] = True
        if _timer["expired"]:
            raise OutOfTime(_timer["message"])

    def __exit__(self, *exc: object) -> None:
        _timer["inside"] = False
        sys.stdout, sys.stderr, sys.stdin = self.saved


def find_checks(module: ModuleType) -> list[tuple[str, Callable[[ModuleType, ModuleType], object], str, str]]:
    """The module's ``check_*`` functions in file order, with their descriptions (en, zh)."""
    found = []
    for name, value in vars(module).items():
        if name.startswith("check_") and inspect.isfunction(value) and value.__module__ == module.__name__:
            doc = inspect.getdoc(value) or ""
            lines = [line.strip() for line in doc.splitlines() if line.strip()]
            description = lines[0] if lines else name
            description_zh = next((line[3:].strip() for line in lines if line.startswith("zh:")), "")
            found.append((value.__code__.co_firstlineno, name, value, description, description_zh))
    found.sort(key=lambda item: item[0])
    return [(name, value, description, description_zh) for _line, name, value, description, description_zh in found]


# The soft timer interrupts only the learner's code (inside a _Redirect); when it fires in
# the harness's own bookkeeping it just marks the time as spent.
_timer: dict[str, Any] = {"inside": False, "expired": False, "message": "", "seconds": ""}


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    _timer["expired"] = True
    if _timer["inside"]:
        _timer["inside"] = False
        raise OutOfTime(_timer["message"])


def arm_timer(seconds: float | None) -> None:
    if seconds is None or seconds <= 0 or not hasattr(signal, "setitimer"):
        return
    _timer["expired"] = _timer["inside"] = False
    _timer["message"] = f"timed out: still running after {seconds:g} s (an endless loop, or far too much work?)"
    _timer["seconds"] = f"{seconds:g}"
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def disarm_timer() -> None:
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)


def main(argv: list[str]) -> int:
    sys.dont_write_bytecode = True  # never leave __pycache__ next to the learner's file
    sys.path.append(os.path.dirname(SHARED_CHECKS))  # `from lab_checking import …` in a lab's checks
    if argv[:1] == ["--batch"] and len(argv) >= 6:
        # --batch CHECKS SOLUTION TIME_LIMIT OUT_DIR LEARNER...: one process for many trusted files
        # (the test suite's wrong solutions); OUT_DIR/<i>.json for the i-th file.
        checks, solution, limit, out_dir, learners = argv[1], argv[2], float(argv[3]), argv[4], argv[5:]
        for i, learner in enumerate(learners):
            sys.modules.pop("learner", None)
            Harness(checks, solution, learner, os.path.join(out_dir, f"{i}.json")).run(limit)
        return 0
    if len(argv) not in (4, 5):
        print("usage: harness.py CHECKS SOLUTION LEARNER RESULT_JSON [TIME_LIMIT]", file=sys.stderr)
        return 2
    time_limit = float(argv[4]) if len(argv) == 5 else None
    Harness(*argv[:4]).run(time_limit)
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    # The result is written; do not wait for threads the learner started or run its atexit hooks.
    os._exit(code)
