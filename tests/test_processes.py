"""Real processes: the fast path, what it imports, concurrent writers and a kill mid-write."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import pytest

from llmstudy.main import FAST_COMMANDS, GLOBAL_OPTIONS, parse_fast
from tests.helpers import ENTRY, Cli, run_on_terminal, run_process

HEAVY = ("openai", "sqlite_utils", "yaml", "pydantic", "rich", "typer", "click", "fsrs", "httpx", "numpy", "tomllib")

PROBE = """
import json, os, sys
from llmstudy.main import main
try:
    main()
finally:
    with open(os.environ["PROBE_OUT"], "w") as f:
        json.dump(sorted(sys.modules), f)
"""


def probe_modules(args: list[str], out: Path, env: dict[str, str] | None = None, input: str | None = None) -> list[str]:
    """Run the entry point in a subprocess; return every module it imported."""
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        input=input,
        env={**os.environ, **(env or {}), "PROBE_OUT": str(out)},
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    return list(json.loads(out.read_text()))


@pytest.mark.parametrize("args", [["next"], ["log", "30m"], ["log", "1h", "attention", "--note", "x", "--json"]])
def test_hot_commands_import_nothing_heavy(home: Path, tmp_path: Path, args: list[str]) -> None:
    modules = probe_modules(args, tmp_path / "modules.json")
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
    assert "typing" not in modules  # its names are for the type checker (core/record.py)
    # the search index and teach-back scoring load only when learner text is written
    index = {"llmstudy.storage.search_index", "llmstudy.core.textsearch"}
    assert set(modules) & index == (index if "--note" in args else set())
    assert "llmstudy.core.teachback" not in modules


def test_cold_start_loads_catalog_then_stays_light(tmp_path: Path) -> None:
    """First run on an empty home migrates and loads (heavy); the second run is light."""
    env = {"LLMSTUDY_HOME": str(tmp_path / "fresh")}
    assert "yaml" in probe_modules(["next"], tmp_path / "m1.json", env)
    assert "yaml" not in probe_modules(["next"], tmp_path / "m2.json", env)


def test_fast_path_knows_exactly_the_typer_options() -> None:
    import typer.main

    from llmstudy.cli.app import load

    app = load()

    group = typer.main.get_command(app)
    eager = {"--help", "--version", "--install-completion", "--show-completion"}  # they end the run: typer's
    glob = {o for p in group.params for o in p.opts if o.startswith("--")} - eager
    assert glob == set(GLOBAL_OPTIONS)
    for name, spec in FAST_COMMANDS.items():
        cmd = group
        for word in name.split():  # "lab list": the group, then its command
            cmd = cmd.commands[word]  # type: ignore[attr-defined]
        options = [p for p in cmd.params if p.param_type_name == "option"]
        opts = {o for p in options for o in (*p.opts, *p.secondary_opts)} - {"--help"}
        assert opts == set(cast(dict[str, object], spec["options"])), name
        table = cast(dict[str, tuple[object, ...]], spec["options"])
        for p in options:  # a flag sets True; of a pair (--llm/--offline), the second sets False
            if p.is_flag:  # type: ignore[attr-defined]
                flags = [(table[o], True) for o in p.opts] + [(table[o], False) for o in p.secondary_opts]
                assert all(f[1] is False and (f[2:] or (True,))[0] is value for f, value in flags), p.opts
                assert len({f[0] for f, _ in flags}) == 1, p.opts  # one destination
            else:
                assert all(table[o][1] is True for o in p.opts), p.opts
        args = tuple(p.name for p in cmd.params if p.param_type_name == "argument")
        assert args == spec["positionals"], name


def test_command_modules_are_what_the_modules_register() -> None:
    """The table that picks one module per typed command names every command, each by the
    module that really defines it."""
    from llmstudy.cli.app import COMMAND_MODULES, load

    app = load()
    found = {c.name: c.callback.__module__ for c in app.registered_commands if c.callback}
    for g in app.registered_groups:
        assert g.typer_instance is not None
        found[g.name] = g.typer_instance.registered_commands[0].callback.__module__
    assert found == {name: f"llmstudy.cli.{module}" for name, module in COMMAND_MODULES.items()}
    assert [c.name for c in app.registered_commands][:3] == ["next", "today", "log"]  # help lists the daily loop first


def test_a_typed_command_loads_only_its_own_module(home: Path, tmp_path: Path) -> None:
    from llmstudy.cli.app import load

    whole = len(load().registered_commands)
    one = load("export")
    assert [c.name for c in one.registered_commands] == ["export"] and not one.registered_groups
    assert [g.name for g in load("lab").registered_groups] == ["lab"] and not load("lab").registered_commands
    assert len(load().registered_commands) == whole  # the whole app is left whole
    modules = set(probe_modules(["paths"], tmp_path / "paths.json"))
    cli_modules = {m for m in modules if m.startswith("llmstudy.cli.") and m not in ("llmstudy.cli.base", "llmstudy.cli.boundary")}
    assert cli_modules == {"llmstudy.cli.app", "llmstudy.cli.reading"}
    # help and completion need every command
    modules = set(probe_modules(["--help"], tmp_path / "help.json"))
    assert {"llmstudy.cli.labs", "llmstudy.cli.quizzing", "llmstudy.cli.notes", "llmstudy.cli.cards"} <= modules
    # ... but not the actions behind them: those run on first use (what they import is not loaded)
    assert not modules & {"llmstudy.labs.catalog", "llmstudy.labs.runner", "tomllib", "fsrs", "llmstudy.storage.health", "llmstudy.core.planner", "llmstudy.core.stats"}


def test_llm_status_without_a_model_imports_no_client(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LLMSTUDY_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    modules = probe_modules(["llm", "status"], tmp_path / "status.json")
    assert "openai" not in modules and "llmstudy.llm.client" not in modules


def test_an_unknown_command_still_gets_a_suggestion(cli: Cli) -> None:
    r = run_process("sesions")
    assert r.returncode == 2 and "sessions" in r.stderr, r.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["next", "--help"],
        ["log"],
        ["next", "--bogus"],
        ["quiz"],
        ["quiz", "attention", "--llm", "--offline"],
        ["quiz", "attention", "--seed", "-1"],
        ["quiz", "attention", "-n3"],
        ["review", "--limit", "x"],
        ["show"],
        ["stats", "--streak-minutes", "0"],
        ["sessions", "--limit", "٣"],
        ["log", "1h", "a", "b"],
        ["--db"],
        ["log", "1h", "--week", "x"],
        ["lab"],
        ["lab", "list", "extra"],
        ["lab", "check"],
    ],
)
def test_fast_path_declines_what_typer_should_handle(argv: list[str]) -> None:
    assert parse_fast(argv) is None


def test_fast_path_parses() -> None:
    assert parse_fast(["--db=/x.db", "log", "1h", "rag", "--week", "6", "--note=hi", "--json"]) == (
        "log",
        {"db": "/x.db", "data": None, "lang": None},
        {"duration": "1h", "topic": "rag", "week": 6, "note": "hi", "json": True},
    )


READERS = [
    ["next", "--track", "concept-tree"],
    ["today"],
    ["topics"],
    ["show", "attention"],
    ["roadmap", "--track", "concept-tree"],
    ["timeline", "--from", "2017", "--to", "2019"],
    ["resources", "attention", "--kind", "paper"],
    ["tree"],
    ["stats", "--streak-minutes", "30"],
    ["sessions", "--limit", "1"],
    ["sessions", "--all", "--topic", "attention"],
    ["lab", "list"],
    ["search", "注意力", "--kind", "note", "-n", "5"],
    ["search", "attention"],
    ["notes"],
    ["notes", "attention"],
    ["card", "list"],
    ["card", "list", "attention"],
    ["timer", "status"],
]


@pytest.mark.parametrize("args", READERS, ids=[" ".join(a) for a in READERS])
def test_reading_commands_skip_typer_and_agree_with_it(cli: Cli, home: Path, tmp_path: Path, args: list[str]) -> None:
    """The reading commands' fast path gives what the typer command gives, text and JSON, and
    imports no typer, click, yaml, pydantic or rich."""
    cli.ok("log", "1h", "attention", "--note", "n1")
    cli.ok("log", "30m", "attention")
    if args[0] in ("notes", "card", "search", "timer"):  # something of each to list or find
        cli.ok("note", "attention", "注意力 is a weighted sum over the values")
        cli.ok("card", "add", "attention", "-q", "Why divide by sqrt(d_k)?", "-a", "注意力 logits keep unit variance")
        cli.ok("timer", "start", "attention")
    assert parse_fast(args) is not None
    fast = run_process(*args, "--json")
    assert fast.returncode == 0, fast.stderr
    assert json.loads(fast.stdout) == cli.json(*args)
    text = run_process(*args, env={"COLUMNS": "80"})
    assert text.returncode == 0 and text.stdout == cli.ok(*args).stdout
    modules = probe_modules(args, tmp_path / "modules.json")
    assert not [m for m in modules if m.split(".")[0] in ("typer", "click", "yaml", "pydantic", "openai", "numpy", "rich")]


def test_fast_path_and_typer_agree(cli: Cli) -> None:
    fast = run_process("next", "--json", "--lang", "zh")
    assert fast.returncode == 0, fast.stderr
    assert json.loads(fast.stdout) == cli.json("next", "--lang", "zh")
    r = run_process("log", "2")
    assert r.returncode == 2 and r.stderr.startswith("error: ") and "hint: " in r.stderr
    r = run_process("log", "-1h")
    assert r.returncode == 2 and "cannot be negative" in r.stderr
    r = run_process("--lang", "zh", "log", "2")
    assert r.returncode == 2 and r.stderr.startswith("错误：") and "没有单位" in r.stderr
    r = run_process("log", "1h", "attenton")
    assert r.returncode == 1 and "did you mean attention" in r.stderr
    r = run_process("log", "--help")
    assert r.returncode == 0 and "Example: llmstudy log" in r.stdout


def test_concurrent_writers_lose_nothing(home: Path) -> None:
    writers, each = 6, 5
    script = (
        "import sys\n"
        "from llmstudy.main import main\n"
        "name = sys.argv[1]\n"
        f"for i in range({each}):\n"
        "    sys.argv = ['llmstudy', 'log', '10m', 'attention', '--note', name + '-' + str(i)]\n"
        "    main()\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, f"w{w}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    conn = sqlite3.connect(home / "llmstudy.db")
    notes = sorted(r[0] for r in conn.execute("SELECT note FROM sessions"))
    assert notes == sorted(f"w{w}-{i}" for w in range(writers) for i in range(each))
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == writers * each
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_killed_writer_leaves_a_valid_database(home: Path, cli: Cli) -> None:
    cli.ok("log", "1h", "attention", "--note", "before the crash")
    script = (
        "import datetime as dt, os, sys\n"
        "from llmstudy.storage.store import Store\n"
        "from llmstudy.context import bundled_data_dir\n"
        "s = Store.open(__import__('pathlib').Path(sys.argv[1]), bundled_data_dir())\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    s.add_session('rag', 5, dt.date(2026, 11, 1), None, 'loop')\n"
    )
    p = subprocess.Popen([sys.executable, "-c", script, str(home / "llmstudy.db")], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    conn = sqlite3.connect(home / "llmstudy.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    loop = conn.execute("SELECT count(*) FROM sessions WHERE note = 'loop'").fetchone()[0]
    journal = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    conn.close()
    assert loop > 0 and journal == loop + 1  # every committed session has its journal row
    sessions = cli.json("sessions", "--topic", "attention")
    assert [s["note"] for s in sessions] == ["before the crash"]
    cli.ok("log", "30m", "attention")


def test_interactive_quiz_on_a_terminal(home: Path) -> None:
    """On a real terminal (a pty) the quiz uses rich panels and prompts and still records answers."""
    conn = sqlite3.connect(home / "llmstudy.db")
    doc = json.loads(conn.execute("SELECT doc FROM c_questions WHERE topic = 'attention' ORDER BY ord").fetchone()[0])
    conn.close()
    assert doc["kind"] == "choice"
    right = doc["options"][doc["answer_index"]]["en"][:20]  # the learner reads the options

    def respond(shown: str) -> str | None:
        if "Your answer" not in shown:
            return None
        flat = " ".join(shown.split())  # rich may wrap an option
        return flat[flat.index(right) - 3]  # "c) <text>": the letter it has this time

    code, text = run_on_terminal("quiz", "attention", "-n", "1", "--offline", respond=respond)
    assert code == 0, text
    assert "╭" in text and "[1/1]" in text  # a rich panel
    assert "Score: 1/1" in text
    conn = sqlite3.connect(home / "llmstudy.db")
    assert conn.execute("SELECT count(*), sum(correct) FROM answers").fetchone() == (1, 1)
    conn.close()


@pytest.mark.parametrize("args", [["next"], ["timeline"]])
def test_closed_pipe_is_quiet(home: Path, args: list[str]) -> None:
    """`llmstudy next | head -1`: the reader leaving early is not an error worth a message."""
    p = subprocess.Popen(
        [*ENTRY, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert p.returncode != 0
    assert "internal error" not in err and "Traceback" not in err


def test_quiz_and_review_skip_typer_and_agree_with_it(cli: Cli, home: Path, tmp_path: Path) -> None:
    """A quiz and a review through the fast path ask the same, take the same answers and
    report the same as through typer (each on a fresh database of its own), without typer."""
    from tests import answers
    from tests.test_quiz import planned

    cli.ok("next")  # the catalog, to read the planned questions from
    qs = planned(home, "attention", 3)
    script = answers.text(qs, 4, right=[True, False, True])
    runs = [
        ["quiz", "attention", "-n", "3", "--offline", "--seed", "4", "--json"],
        ["review", "-n", "2", "--seed", "4", "--json"],
        ["review", "--forecast", "--json"],
    ]
    for i, args in enumerate(runs):
        assert parse_fast(args) is not None
        fast = run_process("--db", str(tmp_path / "fast.db"), *args, input=script)
        slow = cli("--db", str(tmp_path / "typer.db"), *args, input=script)
        assert fast.returncode == slow.exit_code == 0, fast.stderr
        assert fast.stderr == slow.stderr
        mine, theirs = json.loads(fast.stdout), json.loads(slow.stdout)
        for result in (mine, theirs):
            for item in result.get("items", []):
                assert item.pop("next_due")  # the moment each run answered
        assert mine == theirs, args
        if i == 0:
            assert (mine["asked"], mine["correct"]) == (3, 2)
    modules = probe_modules(runs[0][:-1], tmp_path / "modules.json", input=script)
    assert not [m for m in modules if m.split(".")[0] in ("typer", "click", "yaml", "pydantic", "openai", "numpy", "rich")]
    assert "fsrs" in modules  # it did schedule the answers


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["sesions"], ["--version"], ["--bogus"], ["--db"]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_listing_prints_what_the_whole_app_prints(
    home: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], lang: str
) -> None:
    """Help, a typo and --version run on a listing of the commands (names and help, no
    parameters); it prints exactly what the whole app prints."""
    from typer.testing import CliRunner

    from llmstudy.cli.app import listing, load

    monkeypatch.setenv("LLMSTUDY_LANG", lang)  # in-process, the program's help reads no --lang
    whole, listed = (CliRunner().invoke(app, args) for app in (load(), listing(load())))
    assert (listed.exit_code, listed.stdout, listed.stderr) == (whole.exit_code, whole.stdout, whole.stderr)
    assert listed.stdout or listed.stderr
    process = run_process(*args, env={"LLMSTUDY_LANG": lang})
    assert process.returncode == whole.exit_code and process.stdout.split()[:3] == whole.stdout.split()[:3]


def test_the_listing_cannot_run_a_command() -> None:
    from llmstudy.cli.app import listing, load

    listed = listing(load())
    assert [c.name for c in listed.registered_commands] == [c.name for c in load().registered_commands]
    for info in listed.registered_commands:
        with pytest.raises(RuntimeError, match="listing"):
            info.callback()  # type: ignore[misc]
