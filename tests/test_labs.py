"""Labs: every bundled lab's reference passes, its starter and its wrong solutions fail; broken
learner files give a clear LabRun; the lab data is validated.

The checks of the bundled labs run once per session, in parallel (each run is a child process).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from llmstudy.labs.catalog import CONTENT_DIR, Lab, LabDataError, UnknownLab, get_lab, load_lab, load_labs
from llmstudy.labs.runner import (
    _HARNESS_SAYS,
    HARNESS,
    LabFileMissing,
    LabRun,
    harness_message,
    run_checks,
    run_checks_batch,
)

ROOT = Path(__file__).resolve().parent.parent
WRONG_DIR = Path(__file__).resolve().parent / "lab_wrong"
LABS = load_labs()
LAB_IDS = [lab.id for lab in LABS]
WRONG = sorted(WRONG_DIR.glob("*/wrong_*.py"))
CJK = re.compile(r"[\u4e00-\u9fff]")
FRAME = re.compile(
    r"^(line \d+(, in \S+)?: .*|\.\.\. \d+ more frames \.\.\.|\.\.\. the line above \d+ more times \.\.\.)$"
)


def frames_are_learners_only(run: LabRun) -> bool:
    lines = [*run.error_traceback, *(line for c in run.checks for line in c.traceback)]
    return all(FRAME.match(line) and "llmstudy" not in line and "harness" not in line for line in lines)


@pytest.fixture(scope="session")
def bundled_runs() -> dict[tuple[str, str], LabRun]:
    """Every lab's reference solution (one process each, through run_checks), then its starter and
    wrong solutions (one process per lab, through run_checks_batch), checked in parallel."""
    workers = max(2, min(4, (os.cpu_count() or 2)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        single = {(lab.id, "solution"): pool.submit(run_checks, lab, lab.solution) for lab in LABS}
        files = {lab.id: [lab.starter, *sorted((WRONG_DIR / lab.id).glob("wrong_*.py"))] for lab in LABS}
        batches = {lab.id: pool.submit(run_checks_batch, lab, files[lab.id]) for lab in LABS}
        runs = {key: future.result() for key, future in single.items()}
        for lab_id, future in batches.items():
            names = ["starter", *(path.name for path in files[lab_id][1:])]
            runs.update({(lab_id, name): run for name, run in zip(names, future.result(), strict=True)})
    return runs


def describe(run: LabRun) -> str:
    lines = [f"error [{run.error_kind}]: {run.error.en}"] if run.error else []
    lines += [f"{'ok ' if c.passed else 'FAIL'} {c.name}: {c.message.en} {list(c.traceback)}" for c in run.checks]
    return "\n".join(lines)


# -- the bundled labs ----------------------------------------------------------------------


def test_there_are_labs() -> None:
    assert len(LABS) >= 8
    assert len(set(LAB_IDS)) == len(LAB_IDS)


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_reference_solution_passes(lab_id: str, bundled_runs: dict[tuple[str, str], LabRun]) -> None:
    run = bundled_runs[lab_id, "solution"]
    assert run.passed, describe(run)
    assert run.error is None and len(run.checks) >= 3
    assert all(c.description for c in run.checks)


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_starter_fails_with_not_implemented(lab_id: str, bundled_runs: dict[tuple[str, str], LabRun]) -> None:
    run = bundled_runs[lab_id, "starter"]
    assert not run.passed and run.error is None, describe(run)
    assert any(c.message.en.startswith("not implemented yet:") or "None" in c.message.en for c in run.failed), describe(run)
    assert all(CJK.search(c.message.zh) and not CJK.search(c.message.en) for c in run.failed), describe(run)
    assert frames_are_learners_only(run), describe(run)


@pytest.mark.parametrize("path", WRONG, ids=[f"{p.parent.name}/{p.stem}" for p in WRONG])
def test_wrong_solution_fails_a_check(path: Path, bundled_runs: dict[tuple[str, str], LabRun]) -> None:
    assert path.parent.name in LAB_IDS, f"{path}: no lab {path.parent.name!r}"
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, f"{path} needs a docstring saying what is wrong"
    run = bundled_runs[path.parent.name, path.name]
    assert run.error is None, describe(run)
    assert run.checks and not run.passed, f"{path.name} passed every check of {path.parent.name}"
    for check in run.failed:
        assert check.message.en and len(check.message.en) < 1600
    assert frames_are_learners_only(run), describe(run)


@pytest.mark.parametrize("path", WRONG, ids=[f"{p.parent.name}/{p.stem}" for p in WRONG])
def test_wrong_solution_is_told_in_chinese_too(path: Path, bundled_runs: dict[tuple[str, str], LabRun]) -> None:
    run = bundled_runs[path.parent.name, path.name]
    assert run.failed, describe(run)
    for check in run.failed:
        said = f"{check.name}:\n  en: {check.message.en}\n  zh: {check.message.zh}"
        assert CJK.search(check.message.zh) and check.message.zh != check.message.en, said
        assert not CJK.search(check.message.en), said


# What a check says to the learner: an assert's message, or what a raise raises.
SPOKEN_ZH = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # CJK characters and punctuation


def _literal_text(node: ast.expr) -> str:
    return "".join(c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str))


@pytest.mark.parametrize("lab_id", [*LAB_IDS, "lab_checking"])
def test_every_check_message_is_an_english_chinese_pair(lab_id: str) -> None:
    """A message that is not a pair (en, zh) would reach a Chinese learner in English only
    (each lab's checks, and ``lab_checking``, what several share)."""
    from llmstudy.labs.harness import SHARED_CHECKS

    path = Path(SHARED_CHECKS) if lab_id == "lab_checking" else get_lab(lab_id).checks
    bad: list[str] = []
    spoken = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assert):
            message = node.msg
        elif isinstance(node, ast.Raise):
            exc = node.exc
            raised = isinstance(exc, ast.Call) and isinstance(exc.func, ast.Name) and exc.func.id == "AssertionError"
            message = exc.args[0] if isinstance(exc, ast.Call) and raised and len(exc.args) == 1 else None
        else:
            continue
        spoken += 1
        if not (isinstance(message, ast.Tuple) and len(message.elts) == 2):
            bad.append(f"line {node.lineno}: not a pair (en, zh)")
            continue
        en, zh = message.elts
        if SPOKEN_ZH.search(_literal_text(en)) or not SPOKEN_ZH.search(_literal_text(zh)):
            bad.append(f"line {node.lineno}: the first text must be English, the second Chinese")
    assert spoken >= 3 and bad == [], f"{path}:\n" + "\n".join(bad)


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_each_lab_has_two_wrong_solutions(lab_id: str) -> None:
    assert len(list((WRONG_DIR / lab_id).glob("wrong_*.py"))) >= 2


def test_lab_topics_exist_in_the_curriculum() -> None:
    roadmap = yaml.safe_load((ROOT / "data" / "roadmap.yaml").read_text(encoding="utf-8"))
    topics = {t["id"] for t in roadmap["topics"]}
    assert [(lab.id, lab.topic) for lab in LABS if lab.topic not in topics] == []


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_lab_text_and_files(lab_id: str) -> None:
    lab = get_lab(lab_id)
    assert 2 <= len(lab.hints) <= 4
    assert re.search(r"[\u4e00-\u9fff]", lab.task_zh) and re.search(r"[\u4e00-\u9fff]", lab.title_zh)
    starter = ast.parse(lab.starter.read_text(encoding="utf-8"))
    solution = ast.parse(lab.solution.read_text(encoding="utf-8"))
    assert ast.get_docstring(starter), f"{lab.starter} needs a module docstring"
    public = {n.name for n in solution.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
    in_starter = {n.name for n in starter.body if isinstance(n, ast.FunctionDef)}
    assert public <= in_starter, f"starter lacks {sorted(public - in_starter)}"
    checks = ast.parse(lab.checks.read_text(encoding="utf-8"))
    for node in checks.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("check_"):
            assert ast.get_docstring(node), f"{lab.checks}: {node.name} needs a docstring"


def test_harness_and_parent_side_import_no_numpy_and_no_llmstudy_in_the_child() -> None:
    def imported(path: Path) -> set[str]:
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
        return found

    assert not imported(HARNESS) & {"llmstudy", "numpy"}
    for name in ("__init__.py", "runner.py", "catalog.py"):
        assert "numpy" not in imported(HARNESS.with_name(name)), name


# -- a tiny lab of our own, for the runner's edge cases (no NumPy: fast) ---------------------

TINY_TOML = """
id = "tiny"
topic = "mlp"
order = 1
timeout = 10
[title]
zh = "加法"
en = "Addition"
[task]
zh = "实现 add(a, b)。"
en = "Implement add(a, b)."
[[hints]]
zh = "用加号。"
en = "Use +."
[[hints]]
zh = "return a + b"
en = "return a + b"
"""

TINY_CHECKS = '''
from types import ModuleType


def check_add(m: ModuleType, ref: ModuleType) -> None:
    """add adds two numbers
    zh: add 把两个数相加"""
    got = m.add(2, 3)
    assert got == ref.add(2, 3), f"add(2, 3) returned {got!r}; expected 5"


def check_negative(m: ModuleType, ref: ModuleType) -> None:
    """add handles negative numbers"""
    got = m.add(-2, -3)
    assert got == -5, (f"add(-2, -3) returned {got!r}; expected -5", f"add(-2, -3) 返回 {got!r}，应为 -5")
'''


@pytest.fixture
def tiny(tmp_path: Path) -> Callable[[str], tuple[Lab, Path]]:
    folder = tmp_path / "content" / "tiny"
    folder.mkdir(parents=True)
    (folder / "lab.toml").write_text(TINY_TOML, encoding="utf-8")
    (folder / "checks.py").write_text(TINY_CHECKS, encoding="utf-8")
    (folder / "solution.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    (folder / "starter.py").write_text('def add(a, b):\n    raise NotImplementedError("add")\n', encoding="utf-8")
    lab = load_lab(folder)

    def learner(source: str) -> tuple[Lab, Path]:
        path = tmp_path / "mine" / "learner.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return lab, path

    return learner


def test_tiny_solution_and_starter(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny("def add(a, b):\n    return a + b\n")
    run = run_checks(lab, path)
    assert run.passed and [c.name for c in run.checks] == ["check_add", "check_negative"]
    assert run.checks[0].description == "add adds two numbers"
    assert run.checks[0].description_zh == "add 把两个数相加"
    run = run_checks(lab, lab.starter)
    assert not run.passed and run.error is None
    assert [c.message.en for c in run.checks] == ["not implemented yet: add()"] * 2
    assert run.checks[0].traceback == ('line 2, in add: raise NotImplementedError("add")',)
    assert not (lab.dir / "__pycache__").exists() and not (path.parent / "__pycache__").exists()


def test_wrong_answer_message_and_traceback(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny(
        """
        def helper(a):
            return 1 / (a - a)

        def add(a, b):
            if a < 0:
                return helper(a)
            return a - b
        """
    )
    run = run_checks(lab, path)
    assert not run.passed and run.error is None
    assert run.checks[0].message.en == "add(2, 3) returned -1; expected 5"
    assert run.checks[0].message.zh == run.checks[0].message.en  # a plain-string message, as written
    assert run.checks[0].traceback == ()
    second = run.checks[1]
    assert second.message.en.startswith("ZeroDivisionError: division by zero")
    assert second.traceback == ("line 7, in add: return helper(a)", "line 3, in helper: return 1 / (a - a)")
    assert frames_are_learners_only(run)


def test_a_message_pair_is_told_in_each_language_and_a_plain_one_in_both(
    tiny: Callable[[str], tuple[Lab, Path]],
) -> None:
    lab, path = tiny("def add(a, b):\n    return a - b\n")
    run = run_checks(lab, path)
    plain, pair = run.checks
    assert not plain.passed and plain.message.zh == plain.message.en == "add(2, 3) returned -1; expected 5"
    assert not pair.passed and (pair.message.zh, pair.message.en) == (
        "add(-2, -3) 返回 1，应为 -5",
        "add(-2, -3) returned 1; expected -5",
    )


def test_a_pair_raised_by_a_check_and_a_long_pair_are_kept_in_both_languages(
    tiny: Callable[[str], tuple[Lab, Path]],
) -> None:
    lab, path = tiny("def add(a, b):\n    return a - b\n")
    lab.checks.write_text(
        textwrap.dedent(
            '''
            def check_add(m, ref):
                """add adds"""
                got = m.add(2, 3)
                if got != 5:
                    raise AssertionError((f"add(2, 3) returned {got}", f"add(2, 3) 返回 {got}")) from None


            def check_long(m, ref):
                """a long message is cut in both languages"""
                assert m.add(1, 1) == 2, ("x" * 5000, "长" * 5000)
            '''
        ),
        encoding="utf-8",
    )
    raised, long = run_checks(lab, path).checks
    assert (raised.message.zh, raised.message.en) == ("add(2, 3) 返回 -1", "add(2, 3) returned -1")
    assert long.message.en.startswith("xxx") and long.message.zh.startswith("长长长")
    assert len(long.message.en) < 1600 and len(long.message.zh) < 1600


# A check that trips each of the harness's own sentences; the learner reads it in both languages.
RAISES_IN_THE_CHECK = '''
def check_add(m, ref):
    """add returns a number"""
    got = m.add(2, 3)
    assert got + 0 == 5, ("add(2, 3) is not 5", "add(2, 3) 不是 5")
'''
BARE_ASSERT = '''
def check_add(m, ref):
    """add adds"""
    assert m.add(2, 3) == 5
'''


# (learner source, a checks file in place of the tiny one, where the message is, the codes it says)
HARNESS_SENTENCES: dict[str, tuple[str, str | None, str, list[str]]] = {
    "missing-function": ("def plus(a, b):\n    return a + b\n", None, "check", ["no_attribute"]),
    "exit-in-check": ("import sys\n\ndef add(a, b):\n    sys.exit(3)\n", None, "check", ["sys_exit", "where_code"]),
    "exit-at-import": ("import sys\nsys.exit(0)\n", None, "error", ["sys_exit", "where_import"]),
    "interrupt-in-check": ("def add(a, b):\n    raise KeyboardInterrupt\n", None, "check", ["interrupted", "where_code"]),
    "interrupt-at-import": ("raise KeyboardInterrupt\n", None, "error", ["interrupted", "where_import"]),
    "wrong-signature": ("def add(a):\n    return a\n", None, "check", ["bad_call"]),
    "error-in-the-check": ("def add(a, b):\n    return str(a + b)\n", RAISES_IN_THE_CHECK, "check", ["raised_in_check"]),
    "error-in-check": ("def add(a, b):\n    return 1 / 0\n", None, "check", ["raised", "where_code"]),
    "error-at-import": ("x = {}['key']\n", None, "error", ["raised", "where_import"]),
    "syntax": ("def add(a, b)\n    return a + b\n", None, "error", ["syntax_at"]),
    "bare-assert": ("def add(a, b):\n    return a - b\n", BARE_ASSERT, "check", ["check_failed"]),
}


@pytest.mark.parametrize(("source", "checks", "where", "codes"), HARNESS_SENTENCES.values(), ids=HARNESS_SENTENCES)
def test_the_harness_own_sentences_reach_the_learner_in_both_languages(
    tiny: Callable[[str], tuple[Lab, Path]], source: str, checks: str | None, where: str, codes: list[str]
) -> None:
    lab, path = tiny(source)
    if checks is not None:
        lab.checks.write_text(checks, encoding="utf-8")
    run = run_checks(lab, path)
    message = run.error if where == "error" else run.checks[0].message
    assert message is not None and not run.passed, describe(run)
    assert CJK.search(message.zh) and not CJK.search(message.en), message
    for code in codes:  # each code's wording, its arguments anything, is in the message of its language
        for lang, text in (("zh", message.zh), ("en", message.en)):
            parts = re.split(r"\{\d+\}", _HARNESS_SAYS[code].get(lang))
            assert re.search(".*".join(map(re.escape, parts)), text, re.S), (code, lang, text)


def test_every_harness_code_is_produced_by_a_test() -> None:
    covered = {code for *_rest, codes in HARNESS_SENTENCES.values() for code in codes}
    # said before the harness spoke its own sentences by code; tested above and in the next test
    older = {"not_run", "not_run_load", "not_run_time", "not_implemented", "timed_out"}
    assert covered | older == set(_HARNESS_SAYS)


@pytest.mark.parametrize(
    ("source", "kind", "words"),
    [
        ("def add(a, b)\n    return a + b\n", "syntax", "line 1"),
        ("def add(a, b):\n\treturn a\n        return b\n", "syntax", "line 3"),
        ("import torch_that_is_not_installed\n", "import", "torch_that_is_not_installed"),
        ("from math import no_such_name\n", "import", "no_such_name"),
        ("x = {}['key']\n", "exception", "KeyError"),
        ("import sys\nsys.exit(0)\n", "exception", "SystemExit, code 0"),
    ],
    ids=["syntax", "indentation", "missing-module", "missing-name", "keyerror", "sys-exit"],
)
def test_file_that_cannot_load(tiny: Callable[[str], tuple[Lab, Path]], source: str, kind: str, words: str) -> None:
    lab, path = tiny(source)
    run = run_checks(lab, path)
    assert not run.passed and run.error_kind == kind, (run.error_kind, run.error)
    assert run.error and words in run.error.en
    assert [c.message.en for c in run.checks] == ["not run: your file could not be loaded"] * 2
    assert frames_are_learners_only(run), run.error_traceback


def test_endless_loop_at_import_times_out_at_its_line(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny("n = 0\nwhile True:\n    n += 1\n")
    run = run_checks(lab, path, timeout=1)
    assert run.error_kind == "timeout" and not run.passed
    assert run.error and "1 s" in run.error.en
    assert run.error_traceback and run.error_traceback[-1].startswith(("line 2, in <module>", "line 3, in <module>"))


def test_endless_loop_in_a_check_names_the_check_and_skips_the_rest(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny("def add(a, b):\n    while True:\n        pass\n")
    run = run_checks(lab, path, timeout=1)
    assert run.error_kind == "timeout" and run.error and "check_add" in run.error.en
    assert run.checks[0].message.en.startswith("timed out")
    assert run.checks[0].traceback and run.checks[0].traceback[-1].startswith(("line 2, in add", "line 3, in add"))
    assert run.checks[1].message.en.startswith("not run")


def test_hang_that_ignores_the_soft_timer_is_killed(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny(
        """
        import signal, subprocess, sys

        signal.signal(signal.SIGALRM, signal.SIG_IGN)

        def add(a, b):
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
            while True:
                pass
        """
    )
    run = run_checks(lab, path, timeout=0.5)
    assert run.error_kind == "timeout" and not run.passed
    assert run.error and "check_add" in run.error.en
    assert run.checks[0].message.en.startswith("stopped after 0.5 s")
    assert run.checks[1].message.en.startswith("not run")


def test_huge_output_is_bounded(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny(
        """
        import os
        print("x" * 50_000_000)
        os.write(1, b"y" * 50_000_000)

        def add(a, b):
            print("adding", a, b)
            return a + b
        """
    )
    run = run_checks(lab, path)
    assert run.passed, run
    assert len(run.output) < 20_000
    assert run.output.startswith("xxxx") and "more characters of output not shown" in run.output


def test_huge_output_with_a_failing_file(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny('print("z" * 50_000_000)\n\ndef add(a, b):\n    raise NotImplementedError\n')
    run = run_checks(lab, path)
    assert not run.passed and run.error is None
    assert run.checks[0].message.en == "not implemented yet: add()"
    assert len(run.output) < 20_000


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("import os\nos._exit(3)\n", "exited with code 3"),
        ("import os\n\ndef add(a, b):\n    os._exit(0)\n", "during check_add"),
        ("import os, signal\n\ndef add(a, b):\n    os.kill(os.getpid(), signal.SIGKILL)\n", "SIGKILL"),
    ],
    ids=["os-exit-at-import", "os-exit-in-check", "killed"],
)
def test_process_that_dies(tiny: Callable[[str], tuple[Lab, Path]], source: str, words: str) -> None:
    lab, path = tiny(source)
    run = run_checks(lab, path)
    assert run.error_kind == "crash" and not run.passed
    assert run.error and words in run.error.en and "os._exit" in run.error.en
    if run.checks:
        assert not run.checks[0].passed


def test_sys_exit_and_input_inside_a_check(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny(
        """
        import sys

        def add(a, b):
            if a < 0:
                return int(input("a number: "))
            sys.exit(0)
        """
    )
    run = run_checks(lab, path, timeout=5)
    assert run.error is None
    assert "SystemExit, code 0" in run.checks[0].message.en
    assert run.checks[1].message.en.startswith("EOFError")


def test_batch_matches_single_runs_and_reruns_a_crash(tiny: Callable[[str], tuple[Lab, Path]], tmp_path: Path) -> None:
    lab, good = tiny("def add(a, b):\n    return a + b\n")
    sources = {
        "wrong.py": "def add(a, b):\n    return a - b\n",
        "exits.py": "import os\n\ndef add(a, b):\n    os._exit(0)\n",
        "loops.py": "def add(a, b):\n    while True:\n        pass\n",
        "syntax.py": "def add(a, b)\n",
    }
    paths = [good]
    for name, source in sources.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(source, encoding="utf-8")
    paths.append(good)
    batch = run_checks_batch(lab, paths, timeout=1)
    assert [r.passed for r in batch] == [True, False, False, False, False, True]
    assert [r.error_kind for r in batch] == [None, None, "crash", "timeout", "syntax", None]
    assert batch[1] == run_checks(lab, paths[1], timeout=1)
    assert batch[3].checks[0].traceback[-1].startswith(("line 2, in add", "line 3, in add"))


def test_recursion_traceback_is_short(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny("def add(a, b):\n    return add(a, b)\n")
    run = run_checks(lab, path)
    assert run.checks[0].message.en.startswith("RecursionError")
    assert run.checks[0].traceback[0] == "line 2, in add: return add(a, b)"
    assert re.fullmatch(r"\.\.\. the line above \d+ more times \.\.\.", run.checks[0].traceback[1])
    assert len(run.checks[0].traceback) == 2 and frames_are_learners_only(run)


def test_missing_function_and_wrong_signature(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny("def plus(a, b):\n    return a + b\n")
    run = run_checks(lab, path)
    assert run.checks[0].message.en.startswith("your file has no add;"), run.checks[0].message.en
    lab, path = tiny("def add(a):\n    return a\n")
    run = run_checks(lab, path)
    assert run.checks[0].message.en.startswith("TypeError: add() takes 1 positional argument but 2 were given")
    assert "starter's signature" in run.checks[0].message.en


def test_prints_are_kept_and_threads_do_not_hold_the_run(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny(
        """
        import sys, threading, time, atexit

        threading.Thread(target=time.sleep, args=(60,)).start()
        atexit.register(time.sleep, 60)

        def add(a, b):
            print("adding", a, b)
            print("to stderr", file=sys.stderr)
            return a + b
        """
    )
    started = time.monotonic()
    run = run_checks(lab, path, timeout=20)
    assert run.passed and time.monotonic() - started < 10
    assert "adding 2 3\nto stderr\nadding -2 -3" in run.output


def test_missing_and_unreadable_learner_files(tiny: Callable[[str], tuple[Lab, Path]], tmp_path: Path) -> None:
    lab, _path = tiny("")
    with pytest.raises(LabFileMissing, match="no such file"):
        run_checks(lab, tmp_path / "nope.py")
    run = run_checks(lab, tmp_path)
    assert run.error_kind == "unreadable" and run.error and "folder" in run.error.en
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked.py"
        locked.write_text("def add(a, b):\n    return a + b\n")
        locked.chmod(0)
        assert run_checks(lab, locked).error_kind == "unreadable"


def test_broken_lab_is_an_internal_error(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny("def add(a, b):\n    return a + b\n")
    lab.solution.write_text("this is not python\n", encoding="utf-8")
    run = run_checks(lab, path)
    assert run.error_kind == "internal" and not run.passed


def test_parent_never_imports_numpy(tiny: Callable[[str], tuple[Lab, Path]]) -> None:
    lab, path = tiny("def add(a, b):\n    return a + b\n")
    probe = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from llmstudy.labs.catalog import load_labs\nfrom llmstudy.labs.runner import run_checks\n"
        "from llmstudy.labs.catalog import load_lab\n"
        "load_labs()\n"
        f"r = run_checks(load_lab(Path({str(lab.dir)!r})), Path({str(path)!r}))\n"
        "print(json.dumps([r.passed, 'numpy' in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == [True, False]


# -- lab.toml validation -----------------------------------------------------------------------


def write_lab(root: Path, toml: str, files: tuple[str, ...] = ("starter.py", "solution.py", "checks.py")) -> Path:
    folder = root / "tiny"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lab.toml").write_text(toml, encoding="utf-8")
    for name in files:
        (folder / name).write_text("", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda t: t.replace('id = "tiny"', 'id = "other"'), "'id' is 'other' but the folder is 'tiny'"),
        (lambda t: t.replace('topic = "mlp"\n', ""), "'topic'"),
        (lambda t: t.replace("order = 1", 'order = "1"'), "'order' must be an integer"),
        (lambda t: t.replace("timeout = 10", "timeout = -1"), "'timeout'"),
        (lambda t: t.replace('en = "Addition"', ""), "'title.en'"),
        (lambda t: t.split("[[hints]]")[0] + "[[hints]]" + t.split("[[hints]]")[1], "2 to 4"),
        (lambda t: t + "\n[extra]\nzh = 'x'\n", "unknown keys ['extra']"),
        (lambda t: t.replace("[title]", "[title"), "not valid TOML"),
    ],
    ids=["id-mismatch", "no-topic", "order-type", "timeout", "title-en", "one-hint", "unknown-key", "toml"],
)
def test_lab_toml_validation(tmp_path: Path, change: Callable[[str], str], words: str) -> None:
    write_lab(tmp_path / "labs", change(TINY_TOML))
    with pytest.raises(LabDataError) as err:
        load_labs(tmp_path / "labs")
    assert words in str(err.value) and "lab.toml" in str(err.value)


def test_lab_without_checks_file(tmp_path: Path) -> None:
    write_lab(tmp_path / "labs", TINY_TOML, files=("starter.py", "solution.py"))
    with pytest.raises(LabDataError, match=r"checks\.py: missing"):
        load_labs(tmp_path / "labs")


def test_labs_are_sorted_and_found_by_id(tmp_path: Path) -> None:
    write_lab(tmp_path / "labs", TINY_TOML)
    lab = load_labs(tmp_path / "labs")[0]
    assert (lab.id, lab.order, lab.timeout, lab.hints[1]) == ("tiny", 1, 10.0, ("return a + b", "return a + b"))
    assert [lab.order for lab in LABS] == sorted(lab.order for lab in LABS)
    assert LABS[0].dir.parent == CONTENT_DIR
    with pytest.raises(UnknownLab) as err:
        get_lab("tinny", tmp_path / "labs")
    assert err.value.hint and "tiny" in err.value.hint


def test_the_harness_own_words_are_said_by_code_in_both_languages() -> None:
    said = harness_message({"message": "not implemented yet: add()", "say": ["not_implemented", "add"]})
    assert (said.zh, said.en) == ("还没有实现：add()", "not implemented yet: add()")
    timed = harness_message({"message": "timed out: ...", "say": ["timed_out", "0.5"]})
    assert timed.zh.startswith("超时：运行 0.5 秒后") and timed.en.startswith("timed out: still running after 0.5 s")
    own = harness_message({"message": "add(2, 3) returned -1; expected 5", "say": None})
    assert own.zh == own.en == "add(2, 3) returned -1; expected 5"  # the lab's words, as written
    assert harness_message({"message": "x", "say": ["no-such-code"]}).zh == "x"
    assert harness_message({"message": "x", "say": ["not_implemented"]}).zh == "x"  # a code without its argument
    pair = harness_message({"message": "add(2, 3) returned -1", "message_zh": "add(2, 3) 返回 -1", "say": None})
    assert (pair.zh, pair.en) == ("add(2, 3) 返回 -1", "add(2, 3) returned -1")
    exited = harness_message({"message": "...", "say": ["sys_exit", "0", ["where_import"]]})
    assert exited.zh.startswith("你的代码在文件被导入时试图退出（SystemExit，退出码 0）")
    assert exited.en.startswith("your code tried to exit (SystemExit, code 0) while your file was being imported;")
    assert harness_message({"message": "x", "say": ["sys_exit", "0", ["no-such-place"]]}).zh == "x"
