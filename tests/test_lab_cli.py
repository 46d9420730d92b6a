"""The lab commands through the real CLI: files the learner owns, attempts, hints, the solution."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from llmstudy.labs.catalog import get_lab
from tests.helpers import Cli, db_rows

LAB = "scaled-attention"


def lab_path(home: Path) -> Path:
    return home / "labs" / "scaled_attention.py"


def solve(home: Path) -> None:
    shutil.copy(get_lab(LAB).dir / "solution.py", lab_path(home))


def test_list_shows_every_lab_with_its_status(cli: Cli) -> None:
    rows = cli.json("lab", "list")
    assert len(rows) >= 15 and {"id", "topic", "title", "status", "attempts"} == set(rows[0])
    assert {r["status"] for r in rows} == {"new"}
    zh = cli.json("lab", "list", "--lang", "zh")
    assert zh[0]["title"] != rows[0]["title"]


def test_start_writes_the_starter_and_never_overwrites_edits(cli: Cli, home: Path) -> None:
    d = cli.json("lab", "start", LAB)
    path = lab_path(home)
    assert d["path"] == str(path) and not d["kept_existing"]
    assert path.read_text() == (get_lab(LAB).dir / "starter.py").read_text()
    path.write_text("# my work\n")
    again = cli.json("lab", "start", LAB)
    assert again["kept_existing"] and path.read_text() == "# my work\n"
    reset = cli.json("lab", "start", LAB, "--reset")
    assert Path(reset["backup"]).read_text() == "# my work\n"
    assert "NotImplementedError" in path.read_text()
    assert "lab check" in cli.ok("lab", "start", LAB).stdout


def test_check_fails_on_the_starter_then_passes_once(cli: Cli, home: Path) -> None:
    cli.ok("lab", "start", LAB)
    r = cli("lab", "check", "--json")  # no id: the lab last worked on
    assert r.exit_code == 1
    d = r.json()
    assert d["lab"] == LAB and not d["passed"] and all(not c["passed"] for c in d["checks"])
    assert "not implemented yet" in d["checks"][1]["message"]
    solve(home)
    first = cli.json("lab", "check", LAB)
    assert first["passed"] and first["first_pass"]
    assert not cli.json("lab", "check", LAB)["first_pass"]
    assert db_rows(home, "SELECT passed FROM lab_attempts ORDER BY at, rowid") == [(0,), (1,), (1,)]
    assert next(r for r in cli.json("lab", "list") if r["id"] == LAB) | {"title": ""} == {
        "id": LAB, "topic": "attention", "title": "", "status": "passed", "attempts": 3,
    }  # fmt: skip
    out = cli.ok("lab", "check", "--lang", "zh").stdout
    assert "检查通过" in out
    labs = cli.json("stats")["labs"]
    assert labs["passed"] == 1 and labs["started"] == 1 and labs["total"] >= 15
    assert "Labs: 1/" in cli.ok("stats").stdout
    week1 = cli.json("roadmap")["weeks"][0]
    assert {"id": LAB, "passed": True} in week1["labs"]
    assert "lab✓" in cli.ok("roadmap", "--track", "six-week").stdout


def test_a_plausible_wrong_solution_fails_with_a_specific_message(
    cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("lab", "start", LAB)
    source = (get_lab(LAB).dir / "solution.py").read_text()
    assert "/ np.sqrt(d_k)" in source
    lab_path(home).write_text(source.replace("/ np.sqrt(d_k)", "/ 1.0", 1))  # forgets to scale the scores
    r = cli("lab", "check", LAB)
    assert r.exit_code == 1 and "✗" in r.stdout and "Traceback" not in r.stdout + r.stderr
    assert cli("lab", "check", LAB, "--json").json()["error_kind"] is None  # it loads; a check fails

    def weights_message(*lang: str) -> str:
        r = cli("lab", "check", LAB, "--json", *lang)
        assert r.exit_code == 1
        return str(next(c["message"] for c in r.json()["checks"] if c["name"] == "check_weights_and_output"))

    en, zh = weights_message("--lang", "en"), weights_message("--lang", "zh")
    assert en.startswith("attention weights row 0 are") and "without dividing by √d_k = 4" in en
    assert zh.startswith("attention 权重的第 0 行是") and "没有除以 √d_k = 4" in zh
    monkeypatch.setenv("LLMSTUDY_LANG", "zh")  # the learner's language, without --lang
    assert weights_message() == zh
    out = cli("lab", "check", LAB).stdout
    assert "attention 权重的第 0 行是" in out and "expected" not in out and "returned" not in out


def test_broken_file_is_reported_not_crashed(cli: Cli, home: Path) -> None:
    cli.ok("lab", "start", LAB)
    lab_path(home).write_text("def causal_mask(:\n")
    r = cli("lab", "check", LAB, "--json")
    assert r.exit_code == 1 and r.json()["error_kind"] == "syntax"
    assert r.json()["error"].startswith("your file has a syntax error: ")
    zh = cli("lab", "check", LAB, "--lang", "zh")
    assert zh.exit_code == 1 and "✗ 你的文件有语法错误：" in zh.stdout
    assert "没有运行：你的文件无法加载" in zh.stdout  # the checks it could not run say so in Chinese too
    assert "    第 1 行：def causal_mask(:" in zh.stdout  # the learner's line, worded in Chinese around it
    lab_path(home).unlink()
    r = cli("lab", "check", LAB)
    assert r.exit_code == 1 and r.stderr.startswith("error: ") and "Traceback" not in r.stderr
    r = cli("lab", "check", LAB, "--lang", "zh")
    assert r.exit_code == 1 and "没有这个文件" in r.stderr and "会写出要编辑的初始文件" in r.stderr


def test_the_lines_of_a_traceback_read_in_chinese(cli: Cli, home: Path) -> None:
    cli.ok("lab", "start", LAB)
    source = lab_path(home).read_text(encoding="utf-8")
    lab_path(home).write_text(source + "\n\ndef causal_mask(T):\n    return 1 / 0\n", encoding="utf-8")
    en = cli("lab", "check", LAB, "--json").json()
    zh = cli("lab", "check", LAB, "--json", "--lang", "zh").json()
    line = next(c for c in en["checks"] if c["traceback"])["traceback"][-1]
    assert re.fullmatch(r"line \d+, in causal_mask: return 1 / 0", line), line
    lines = next(c for c in zh["checks"] if c["traceback"])["traceback"]
    assert re.fullmatch(r"第 \d+ 行，causal_mask 中：return 1 / 0", lines[-1]), lines
    assert "，causal_mask 中：return 1 / 0" in cli("lab", "check", LAB, "--lang", "zh").stdout  # the text view too


def test_frame_lines_are_worded_by_their_shape() -> None:
    from llmstudy.labs.runner import frame_line

    assert frame_line("line 7, in add: return helper(a)", "zh") == "第 7 行，add 中：return helper(a)"
    assert frame_line("line 2, in <module>: ", "zh") == "第 2 行，<module> 中："
    assert frame_line("... the line above 997 more times ...", "zh") == "……上面这一行又重复了 997 次……"
    assert frame_line("... 12 more frames ...", "zh") == "……中间还有 12 层调用……"
    assert frame_line("line 1: def f(:", "zh") == "第 1 行：def f(:"
    assert frame_line("line 7, in add: return helper(a)", "en") == "line 7, in add: return helper(a)"
    assert frame_line("something else", "zh") == "something else"


def test_hints_come_one_at_a_time_and_are_recorded(cli: Cli, home: Path) -> None:
    assert cli("lab", "hint", LAB).exit_code == 1  # not started
    cli.ok("lab", "start", LAB)
    total = len(get_lab(LAB).hints)
    numbers = [cli.json("lab", "hint", LAB)["number"] for _ in range(total + 1)]
    assert numbers == [*range(1, total + 1), total]
    assert db_rows(home, "SELECT hints_shown FROM labs") == [(total,)]


def test_solution_opens_after_a_pass_or_with_force(cli: Cli, home: Path) -> None:
    cli.ok("lab", "start", LAB)
    r = cli("lab", "solution", LAB)
    assert r.exit_code == 2 and "--force" in r.stderr
    assert "def attention" in cli.ok("lab", "solution", LAB, "--force").stdout
    solve(home)
    cli.ok("lab", "check", LAB)
    assert "def attention" in cli.ok("lab", "solution", LAB).stdout


def test_unknown_lab_suggests_close_ids(cli: Cli) -> None:
    r = cli("lab", "start", "scaled-atention")
    assert r.exit_code == 1 and "scaled-attention" in r.stderr


def test_next_suggests_the_topics_lab_and_labs_travel_with_export(cli: Cli, home: Path, tmp_path: Path) -> None:
    cli.ok("done", "dev-environment")
    cli.ok("done", "transformer")
    d = cli.json("next")
    assert d["topic"]["id"] == "attention" and LAB in d["labs"]
    assert f"llmstudy lab start {LAB}" in cli.ok("next").stdout
    cli.ok("lab", "start", LAB)
    cli("lab", "check", LAB)
    out = tmp_path / "backup.json"
    cli.ok("export", "-o", str(out))
    other = tmp_path / "other.db"
    added = cli.json("--db", str(other), "import", str(out))["added"]
    assert added["labs"] == 1 and added["lab_attempts"] == 1
