"""Check a learner's file against a lab, in a child process with a time limit.

``run_checks`` starts ``harness.py`` with this interpreter (``-I``: isolated), in
a temporary directory, in its own process group, with the output bounded. A
file that does not parse, fails to import, loops forever, prints without end,
exits or crashes gives a ``LabRun`` with ``error``/``error_kind`` set, never an
exception; only a missing file raises ``LabFileMissing``. Standard library only:
NumPy is imported by the child, never here.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from llmstudy.core.records import Bi
from llmstudy.errors import NotFoundError
from llmstudy.labs.catalog import Lab

HARNESS = Path(__file__).resolve().with_name("harness.py")
PIPE_LIMIT = 16_000  # bytes of raw child output kept (the learner's prints are bounded by the harness)
GRACE = 2.0  # seconds after the soft time limit before the whole process group is killed
SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class LabFileMissing(NotFoundError):
    """The learner's file does not exist."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            Bi(f"没有这个文件：{path}", f"no such file: {path}"),
            Bi("`llmstudy lab start ID` 会写出要编辑的初始文件", "`llmstudy lab start ID` writes the starter file to edit"),
        )
        self.path = path


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    description_zh: str
    passed: bool
    message: Bi  # empty when passed
    traceback: tuple[str, ...]  # "line N, in func: source", the learner's frames only

    def frames(self, lang: str) -> tuple[str, ...]:
        """The traceback's lines in ``lang``."""
        return tuple(frame_line(line, lang) for line in self.traceback)


@dataclass(frozen=True)
class LabRun:
    lab_id: str
    passed: bool
    checks: tuple[CheckResult, ...]
    error: Bi | None  # why the run as a whole did not complete (None when every check ran)
    # "syntax" | "import" | "exception" | "timeout" | "crash" | "unreadable" | "internal"
    error_kind: str | None
    error_traceback: tuple[str, ...] = ()  # the learner's frames for a load error or a timeout
    output: str = ""  # what the learner's code printed (bounded)

    def error_frames(self, lang: str) -> tuple[str, ...]:
        """The load error's or timeout's traceback lines in ``lang``."""
        return tuple(frame_line(line, lang) for line in self.error_traceback)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.passed)


class _Drain:
    """Read a pipe to the end in a thread, keeping the first ``limit`` bytes."""

    def __init__(self, pipe: IO[bytes], limit: int) -> None:
        self.pipe = pipe
        self.limit = limit
        self.kept = bytearray()
        self.dropped = 0
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            while chunk := os.read(self.pipe.fileno(), 65536):
                room = self.limit - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]
                self.dropped += max(0, len(chunk) - max(room, 0))
        except (OSError, ValueError):
            pass

    def text(self, timeout: float = 1.0) -> str:
        self.thread.join(timeout)
        out = self.kept.decode("utf-8", "replace")
        if self.dropped:
            out += f"\n[… {self.dropped:,} more bytes not shown]"
        return out


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - no process groups
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass


def _check(raw: dict[str, Any], message: Bi | None = None) -> CheckResult:
    return CheckResult(
        name=str(raw.get("name", "?")),
        description=str(raw.get("description", "")),
        description_zh=str(raw.get("description_zh", "")),
        passed=bool(raw.get("passed", False)) and message is None,
        message=message if message is not None else harness_message(raw),
        traceback=tuple(str(line) for line in raw.get("traceback", [])),
    )


# The harness's own words, by the code it sends with them ("say": code, arguments); it is
# standard library only and writes English. An argument that is itself a code list (a
# "where_…" place) is worded first. A check's assertion text is the lab's: it comes in both
# languages when the check gave a pair (en, zh), else as written.
_HARNESS_SAYS = {
    "not_run": Bi("没有运行", "not run"),
    "not_run_load": Bi("没有运行：你的文件无法加载", "not run: your file could not be loaded"),
    "not_run_time": Bi("没有运行：前面的检查已用完时间", "not run: the time limit was reached in an earlier check"),
    "not_implemented": Bi("还没有实现：{0}()", "not implemented yet: {0}()"),
    "timed_out": Bi(
        "超时：运行 {0} 秒后仍未结束（死循环，还是计算量太大？）",
        "timed out: still running after {0} s (an endless loop, or far too much work?)",
    ),
    "check_failed": Bi("检查未通过", "check failed"),
    "no_attribute": Bi(
        "你的文件里没有 {0}；检查程序要调用它（请保留初始文件里的名字）",
        "your file has no {0}; the checker calls it (keep the names the starter uses)",
    ),
    "sys_exit": Bi(
        "你的代码{1}试图退出（SystemExit，退出码 {0}）；请删掉 sys.exit 调用（检查程序会导入你的文件，再调用其中的函数）",
        "your code tried to exit (SystemExit, code {0}) {1}; remove the sys.exit call "
        "(the checker imports your file and calls your functions)",
    ),
    "interrupted": Bi("你的代码{0}被中断", "interrupted {0}"),
    "bad_call": Bi(
        "{0}（调用你的函数失败：请保持初始文件中函数签名的参数不变）",
        "{0} (calling your function failed: keep the parameters of the starter's signature)",
    ),
    "raised_in_check": Bi(
        "{0}（这个异常是检查程序在查看你的代码返回的结果时抛出的）",
        "{0} (raised by the check while examining what your code returned)",
    ),
    "raised": Bi("{0}（{1}由你的代码抛出）", "{0} (raised {1})"),
    "syntax_at": Bi("{0}：第 {1} 行：{2}", "{0}: line {1}: {2}"),
    "where_import": Bi("在文件被导入时", "while your file was being imported"),
    "where_code": Bi("在运行时", "in your code"),
}


def _said(say: object) -> Bi | None:
    """A ``say`` list worded in both languages, or None for an unknown code or a wrong argument count."""
    if not (isinstance(say, list) and say and say[0] in _HARNESS_SAYS):
        return None
    zh: list[str] = []
    en: list[str] = []
    for arg in say[1:]:
        if isinstance(arg, list):
            inner = _said(arg)
            if inner is None:
                return None
            zh.append(inner.zh)
            en.append(inner.en)
        else:
            zh.append(str(arg))
            en.append(str(arg))
    try:
        return Bi(_HARNESS_SAYS[say[0]].zh.format(*zh), _HARNESS_SAYS[say[0]].en.format(*en))
    except IndexError:
        return None


# The harness writes the learner's frames in these English shapes (``Harness.format_frames``
# and a syntax error's line); in Chinese they are worded here, the learner's source as it is.
_FRAMES_ZH = (
    (re.compile(r"line (\d+), in (.+?): (.*)", re.S), "第 {0} 行，{1} 中：{2}"),
    (re.compile(r"\.\.\. the line above (\d+) more times \.\.\."), "……上面这一行又重复了 {0} 次……"),
    (re.compile(r"\.\.\. (\d+) more frames \.\.\."), "……中间还有 {0} 层调用……"),
    (re.compile(r"line (\d+): (.*)", re.S), "第 {0} 行：{1}"),
)


def frame_line(line: str, lang: str) -> str:
    """One traceback line as the harness wrote it, in ``lang``."""
    if lang == "zh":
        for pattern, zh in _FRAMES_ZH:
            m = pattern.fullmatch(line)
            if m:
                return zh.format(*m.groups())
    return line


def harness_message(raw: dict[str, Any]) -> Bi:
    """A check's (or a load error's) message in both languages: the harness's own words by their
    code, else the check's text (its Chinese when it gave one, ``message_zh``)."""
    said = _said(raw.get("say"))
    if said is not None:
        return said
    text = str(raw.get("message", ""))
    zh = raw.get("message_zh")
    return Bi(zh if isinstance(zh, str) and zh else text, text)


def _exit_text(code: int | None) -> Bi:
    if code is None:
        return Bi("仍在运行", "was still running")
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return Bi(f"被 {name} 终止", f"was killed by {name}")
    return Bi(f"以退出码 {code} 结束", f"exited with code {code}")


def _stopped_where(running: object) -> Bi:
    if running == "load":
        return Bi("（在加载你的文件时）", " while loading your file")
    return Bi(f"（在 {running} 中）", f" during {running}") if running else Bi("", "")


def _output(state: dict[str, Any]) -> str:
    out = str(state.get("output", ""))
    dropped = int(state.get("output_dropped", 0) or 0)
    if dropped:
        out += f"\n[… {dropped:,} more characters of output not shown]"
    return out


def run_checks(lab: Lab, learner_file: Path, *, timeout: float | None = None) -> LabRun:
    """Run ``lab``'s checks on ``learner_file``; ``timeout`` overrides the lab's time limit (seconds)."""
    limit = float(timeout if timeout is not None else lab.timeout)
    path = Path(learner_file).expanduser()
    if not path.exists():
        raise LabFileMissing(path)
    path = path.resolve()
    try:
        with path.open("rb") as f:
            f.read(1)
    except OSError as exc:
        why = Bi("它是一个文件夹", "it is a folder") if path.is_dir() else Bi(exc.strerror or str(exc), exc.strerror or str(exc))
        return LabRun(lab.id, False, (), Bi(f"无法读取 {path}：{why.zh}", f"cannot read {path}: {why.en}"), "unreadable")

    with tempfile.TemporaryDirectory(prefix="llmstudy-lab-", ignore_cleanup_errors=True) as tmp:
        result = Path(tmp) / "result.json"
        argv = [str(lab.checks), str(lab.solution), str(path), str(result), f"{limit:g}"]
        started = _start(argv, tmp, limit + GRACE)
        if isinstance(started, Bi):
            return LabRun(lab.id, False, (), started, "crash")
        code, killed, raw_output = started
        state = _read_state(result)
    return _interpret(lab, state, code, killed, limit, raw_output)


def run_checks_batch(lab: Lab, learner_files: list[Path], *, timeout: float | None = None) -> tuple[LabRun, ...]:
    """``run_checks`` for many files in one child process (one NumPy import instead of one per file).

    Only for trusted files, such as the test suite's wrong solutions: the files share the process,
    so one file's side effects could reach the next. A file whose run did not finish (a crash, a
    hard kill) is checked again on its own with ``run_checks``.
    """
    limit = float(timeout if timeout is not None else lab.timeout)
    paths = [Path(p).expanduser().resolve() for p in learner_files]
    for path in paths:
        if not path.is_file():
            raise LabFileMissing(path)
    states: list[dict[str, Any] | None] = [None] * len(paths)
    with tempfile.TemporaryDirectory(prefix="llmstudy-lab-", ignore_cleanup_errors=True) as tmp:
        argv = ["--batch", str(lab.checks), str(lab.solution), f"{limit:g}", tmp, *map(str, paths)]
        started = _start(argv, tmp, (limit + GRACE) * max(1, len(paths)))
        if not isinstance(started, str):
            states = [_read_state(Path(tmp) / f"{i}.json") for i in range(len(paths))]
    runs: list[LabRun] = []
    for path, state in zip(paths, states, strict=True):
        if state is not None and state.get("done"):
            runs.append(_interpret(lab, state, 0, False, limit, ""))
        else:
            runs.append(run_checks(lab, path, timeout=timeout))
    return tuple(runs)


def _start(harness_args: list[str], cwd: str, hard_limit: float) -> tuple[int | None, bool, str] | Bi:
    """Run the harness; return (exit code, killed?, bounded raw output), or why it could not start."""
    argv = [sys.executable, "-I", str(HARNESS), *harness_args]
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, **SINGLE_THREAD},
            start_new_session=os.name == "posix",
        )
    except OSError as exc:
        return Bi(f"无法启动 {sys.executable}：{exc}", f"cannot start {sys.executable}: {exc}")
    assert proc.stdout is not None
    drain = _Drain(proc.stdout, PIPE_LIMIT)
    killed = False
    try:
        proc.wait(timeout=hard_limit)
    except subprocess.TimeoutExpired:
        killed = True
    finally:
        _kill_group(proc)  # the harness, and anything the learner's code started
        proc.wait()
    raw_output = drain.text()
    if not drain.thread.is_alive():  # else a process outside the group still holds the pipe: leave it open
        proc.stdout.close()
    return proc.returncode, killed, raw_output


def _read_state(result: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _interpret(
    lab: Lab,
    state: dict[str, Any] | None,
    code: int | None,
    killed: bool,
    limit: float,
    raw_output: str,
) -> LabRun:
    if state is None:
        if killed:
            message = Bi(f"你的代码在 {limit:g} 秒内没有结束，已被停止（死循环？）", f"your code did not finish within {limit:g} s and was stopped (an endless loop?)")
            return LabRun(lab.id, False, (), message, "timeout")
        tail = raw_output.strip()[-600:]
        how = _exit_text(code)
        more = f"：\n{tail}" if tail else ""
        message = Bi(f"检查进程在开始之前就{how.zh}{more}", f"the checker process {how.en} before it could start" + (f":\n{tail}" if tail else ""))
        return LabRun(lab.id, False, (), message, "crash")

    output = _output(state)
    if state.get("internal_error"):
        broken = state["internal_error"]
        message = Bi(f"这个实验自带的文件坏了（请报告）：\n{broken}", f"this lab's own files are broken (please report it):\n{broken}")
        return LabRun(lab.id, False, (), message, "internal", output=output)

    raw_checks: list[dict[str, Any]] = list(state.get("checks", []))
    running = state.get("running")
    finished = bool(state.get("done"))
    load_error = state.get("load_error")
    error: Bi | None = None
    kind: str | None = None
    error_traceback: tuple[str, ...] = ()
    checks: list[CheckResult] = []

    if load_error:
        kind = str(load_error.get("kind", "exception"))
        error_traceback = tuple(str(line) for line in load_error.get("traceback", []))
        what = {
            "syntax": Bi("你的文件有语法错误", "your file has a syntax error"),
            "import": Bi("你的文件导入某个模块失败", "your file could not import something"),
            "timeout": Bi("你的文件没有在限定时间内加载完", "your file did not finish loading in time"),
        }.get(kind, Bi("你的文件在导入时抛出了异常", "your file raised an error while being imported"))
        detail = harness_message(load_error)
        error = Bi(f"{what.zh}：{detail.zh}", f"{what.en}: {detail.en}")
    elif not finished:
        if killed:
            kind = "timeout"
            where = _stopped_where(running)
            error = Bi(
                f"你的代码在 {limit:g} 秒内没有结束，已被停止{where.zh}（死循环？）",
                f"your code did not finish within {limit:g} s and was stopped{where.en} (an endless loop?)",
            )
        else:
            kind = "crash"
            where, how = _stopped_where(running), _exit_text(code)
            tail = raw_output.strip()[-600:]
            more = f"\n{tail}" if tail else ""
            error = Bi(
                f"检查进程{where.zh}{how.zh}，没有跑完；你的代码是否调用了 os._exit()，或让 Python 崩溃了？{more}",
                f"the checker process {how.en}{where.en} without finishing; does your code call os._exit() or crash Python?{more}",
            )
    elif state.get("timed_out"):
        kind = "timeout"
        stuck = next(
            (c for c in raw_checks if c.get("status") == "failed" and (c.get("say") or [None])[0] == "timed_out"), None
        )
        name = stuck["name"] if stuck else None
        error = Bi(
            f"你的代码在 {limit:g} 秒内没有结束{f'（{name}）' if name else ''}（死循环，还是计算量太大？）",
            f"your code did not finish within {limit:g} s{f' in {name}' if name else ''} (an endless loop, or far too much work?)",
        )
        if stuck:
            error_traceback = tuple(str(line) for line in stuck.get("traceback", []))

    for raw in raw_checks:
        status = raw.get("status")
        if not finished and status == "running":
            message = (
                Bi(f"这项检查进行到 {limit:g} 秒时被停止（死循环？）", f"stopped after {limit:g} s during this check (an endless loop?)")
                if killed
                else Bi("进程在这项检查中途退出了", "the process died during this check")
            )
            checks.append(_check(raw, message))
        elif not finished and status == "pending":
            checks.append(_check(raw, Bi("没有运行：前面的检查中运行已停止", "not run: the run stopped in an earlier check")))
        else:
            checks.append(_check(raw))
    passed = error is None and bool(checks) and all(c.passed for c in checks)
    return LabRun(lab.id, passed, tuple(checks), error, kind, error_traceback, output)
