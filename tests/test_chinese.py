"""`--lang zh` is Chinese throughout: errors, hints, statuses, durations, did-you-mean with titles."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Cli, db_rows, run_process

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "attenton"],
        ["log", "2"],
        ["log", "1h", "attention", "--date", "2030-01-01"],
        ["log", "1h", "attention", "--week", "9"],
        ["lab", "start", "no-such-lab"],
        ["next", "--track", "nope"],
        ["undo"],
        ["timeline", "--from", "2020", "--to", "2010"],
        ["resources", "--kind", "podcast"],
        ["explain", "attention", "--level", "genius"],
        ["sessions", "--limit", "0"],
        ["timer", "stop"],
        ["edit", "abcd"],
        ["import", "/no/such/export.json"],
        ["--data", "/no/such/folder", "topics"],
        ["quiz", "attention", "-n", "0", "--offline"],
        ["lab", "check", "scaled-attention"],
    ],
)
def test_errors_and_hints_are_chinese(cli: Cli, args: list[str]) -> None:
    r = cli("--lang", "zh", *args)
    assert r.exit_code in (1, 2), r.stdout
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("错误：") and CJK.search(lines[0].removeprefix("错误：")), r.stderr
    assert len(lines) == 2 and lines[1].startswith("提示：") and CJK.search(lines[1]), r.stderr
    assert "Traceback" not in r.stderr


def test_did_you_mean_names_titles(cli: Cli) -> None:
    assert "attention（注意力机制）" in cli("show", "attenton", "--lang", "zh").stderr
    assert "attention (Attention mechanism)" in cli("show", "attenton").stderr


def test_statuses_and_durations_are_chinese(cli: Cli) -> None:
    cli.ok("log", "13h51m", "attention")
    out = cli.ok("done", "attention", "--lang", "zh").stdout
    assert "未开始 → 已完成" in out
    assert "已完成" in cli.ok("show", "attention", "--lang", "zh").stdout
    topics = cli.ok("topics", "--lang", "zh").stdout
    assert "已完成" in topics and "13小时51分" in topics


def test_unknown_llmstudy_lang_falls_back_to_english(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMSTUDY_LANG", "klingon")
    r = cli("next")
    assert r.exit_code == 0 and "Next:" in r.stdout and "LLMSTUDY_LANG" in r.stderr


def test_chinese_wraps_without_orphans(cli: Cli) -> None:
    from llmstudy.output.terminal import CLOSING, cells, wrap

    texts = [t["title"] + "：" + cli.json("show", t["id"], "--lang", "zh")["summary"] for t in cli.json("topics", "--lang", "zh")[:15]]
    texts.append("GPT-3 有 1750亿参数，是当时最大的语言模型之一。")
    for text in texts:
        for width in range(20, 81, 3):
            lines = wrap(text, width)
            assert all(line[:1] not in CLOSING for line in lines[1:]), (width, lines)
            assert all(cells(line) <= width + 2 for line in lines), (width, lines)  # +2: a kept comma
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.endswith("1750") for w in range(20, 40) for line in wrap(texts[-1], w))


def test_break_offsets_keep_units_and_closing_marks() -> None:
    from llmstudy.output.terminal import CLOSING, break_offsets, cells, units

    text = "GPT-3（2020 年 5 月）有 1750 亿参数，“few-shot”即可。Kaplan 等发现规律。"
    assert [text[a:b] for a, b in units(text)][:4] == ["GPT-3", "（2020 年 ", "5 月）", "有 "]
    for width in range(12, 40):  # narrower than a unit ("（2020 年 "), it must be folded
        cuts = [0, *break_offsets(text, width), len(text)]
        lines = [text[a:b] for a, b in itertools.pairwise(cuts)]
        assert "".join(lines) == text
        assert all(line[:1] not in CLOSING for line in lines[1:]), (width, lines)
        assert all(cells(line.rstrip()) <= width for line in lines), (width, lines)
        assert not any(re.search(r"\d\s*$", a) and re.match(r"\s*[亿年月]", b) for a, b in itertools.pairwise(lines))


@pytest.mark.parametrize(
    "args", [["timeline"], ["topics"], ["roadmap"], ["resources"], ["show", "gpt"], ["show", "scaling-laws"], ["tree"]]
)
def test_views_break_chinese_lines_properly(cli: Cli, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """At 80 columns no line of a view (rich or plain) is wider, starts with closing punctuation,
    or splits a number from its unit ("1750 / 亿参数", a lone "。" were what rich did by itself)."""
    from llmstudy.output.terminal import CLOSING, cells

    monkeypatch.setenv("COLUMNS", "80")
    lines = cli.ok("--lang", "zh", *args).stdout.splitlines()
    assert max(map(cells, lines)) <= 80, args
    bodies = [ln.strip(" │┃║╭╮╰╯─━┏┓┗┛") for ln in lines]
    assert not [b for b in bodies if b[:1] in CLOSING and b[:1] not in "—·…"], args
    for a, b in itertools.pairwise(bodies):
        assert not (re.search(r"\d$", a) and re.match(r"[亿万年月日倍个]", b)), (a, b)



def test_columns_wrap_one_column_and_align_the_others() -> None:
    from llmstudy.output.terminal import Out, cells

    buf = io.StringIO()
    out = Out(buf)
    out.width, out.color = 40, False
    out.columns(["id", "标题", "n"], [["a", "很长的标题，" * 6, "1"], ["bb\x1b[31m", "short", "10"]], flex=1, right=(2,))
    lines = buf.getvalue().splitlines()
    assert "\x1b" not in buf.getvalue() and max(map(cells, lines)) <= 40
    assert lines[0].split() == ["id", "标题", "n"] and lines[-1].split() == ["bb[31m", "short", "10"]
    title_at = lines[0].index("标题")
    wrapped = lines[1 : len(lines) - 1]
    assert len(wrapped) >= 2 and all(ln[:title_at].strip() == "" for ln in wrapped[1:])
    assert "".join(ln[title_at:].replace(" 1", "").strip() for ln in wrapped) == "很长的标题，" * 6
    assert lines[1].endswith(" 1") and lines[-1].endswith("10")  # numbers right-aligned to one edge
    assert cells(lines[1]) == cells(lines[-1])


def test_flow_breaks_only_between_items() -> None:
    from llmstudy.output.terminal import Out

    buf = io.StringIO()
    out = Out(buf)
    out.width, out.color = 30, False
    items = ["·attention [实验 scaled-attention]", "·gpt", "·evaluation [lab bleu] [lab perplexity]", "✓rag"]
    out.flow(items, "    ")
    lines = buf.getvalue().splitlines()
    # an item wider than the line keeps a line of its own rather than being cut
    assert [ln.strip() for ln in lines] == [items[0] + ",", "·gpt,", items[2] + ",", "✓rag"]
    assert all(ln.startswith("    ") for ln in lines)


def test_a_bad_imported_row_is_named_in_chinese(cli: Cli, tmp_path: Path) -> None:
    row = {"id": "0" * 32, "topic": "attention", "minutes": 30, "day": "2026-11-20", "week": "three", "note": None,
           "created_at": "2026-11-20T10:00:00+00:00", "updated_at": "2026-11-20T10:00:00+00:00"}  # fmt: skip
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"format": "llmstudy-export", "version": 2, "data": {"sessions": [row]}}), encoding="utf-8")
    r = cli("--lang", "zh", "import", str(f))
    assert r.exit_code == 1 and "sessions[0].week：必须是整数" in r.stderr and "没有导入任何内容" in r.stderr, r.stderr
    assert "提示：修正这一行" in r.stderr


def test_an_import_says_what_it_brought_in_the_learners_words(cli: Cli, tmp_path: Path) -> None:
    """The summary names rows as the learner reads them, only those the import touched."""
    cli.ok("log", "1h", "attention")
    cli.ok("note", "attention", "笔记")
    f = tmp_path / "backup.json"
    cli.ok("export", "-o", str(f))
    other = ["--db", str(tmp_path / "other.db")]
    zh = cli.ok(*other, "--lang", "zh", "import", str(f)).stdout
    assert zh.splitlines()[0] == "已导入：1 条学习记录、1 条笔记", zh
    en = cli.ok(*other, "--lang", "en", "import", str(f)).stdout
    assert en.splitlines() == ["nothing new: every row of the file is already here (or a newer version is)"]
    assert "sessions" not in zh and "0" not in zh


def test_ascii_units_agree_with_the_general_rules() -> None:
    """Line-breaking units take a regex shortcut for ASCII text; it must cut exactly where the
    general (character by character) rules cut."""
    import random
    import string

    from llmstudy.output.terminal import cjk_units, units

    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + " \t,.;:?!()[]{}%-'\"/"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["Attention Is All You Need (Vaswani et al., 2017): softmax(QK^T/sqrt(d_k))V.", "  (a) [b] {c}, d."]
    assert all(units(t) == cjk_units(t) for t in texts)


def test_llm_status_reads_as_chinese(cli: Cli) -> None:
    out = cli.ok("--lang", "zh", "llm", "status").stdout
    assert "API 密钥" in out and "未设置" in out and "not set" not in out and "False" not in out


def test_a_count_reads_right_in_both_languages() -> None:
    from llmstudy.core.records import Bi

    streak = Bi("连续学习 {n} 天", "Streak: {n} day{s}")
    assert [streak.format("en", n=n) for n in (0, 1, 2)] == ["Streak: 0 days", "Streak: 1 day", "Streak: 2 days"]
    assert streak.format("zh", n=1) == "连续学习 1 天"


def _click_tree() -> list[tuple[str, Any]]:
    """Every command of the program as typer builds it: (path, click command)."""
    import typer.main

    from llmstudy.cli.app import load

    out: list[tuple[str, Any]] = []

    def walk(cmd: Any, path: str) -> None:
        out.append((path, cmd))
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(load()), "")
    return out


def test_every_help_text_has_its_chinese() -> None:
    """The Chinese help covers every command and option, and names none that is gone."""
    from llmstudy.cli.help import BUILT_IN
    from llmstudy.cli.help_zh import COMMANDS, OPTIONS

    tree = _click_tree()
    assert {path for path, _ in tree} == set(COMMANDS)
    helps = {p.help for _, cmd in tree for p in cmd.params if getattr(p, "help", None)}
    assert helps == set(OPTIONS), (helps - set(OPTIONS), set(OPTIONS) - helps)
    for path, (summary, text) in COMMANDS.items():
        assert summary and "\n" not in summary and not summary.endswith("。"), path
        english = next(cmd for p, cmd in tree if p == path).help or ""
        if "Example: " in english:  # the example command itself is kept; quoted text is translated
            example = english.split("Example: ")[1].split("\n")[0]
            assert re.sub(r'"[^"]*"', '""', example) in re.sub(r'"[^"]*"', '""', text.replace("示例：", "")), path
    assert set(BUILT_IN) == {"Show this message and exit."}


@pytest.mark.parametrize("args", [["--lang", "zh", "log", "--help"], ["--lang", "zh", "lab", "check", "--help"], ["--lang", "zh", "card"]])
def test_help_in_chinese(cli: Cli, args: list[str]) -> None:
    from llmstudy.cli.help_zh import COMMANDS, OPTIONS
    from llmstudy.output.terminal import cells

    r = cli(*args)
    out = r.stdout or r.stderr  # a group without its command shows its help on stderr (exit 2)
    path = " ".join(a for a in args[2:] if not a.startswith("-"))
    assert r.exit_code == (2 if path == "card" else 0) and out.startswith(f"用法：llmstudy {path} [选项]"), out
    assert COMMANDS[path][1].split("\n")[0] in out.replace("\n  ", "")
    assert "选项：" in out and "显示本帮助并退出。" in out and "Show this message" not in out
    assert not [english for english in OPTIONS if english in out]
    assert max(cells(ln) for ln in out.splitlines()) <= 80
    if path == "card":
        assert "命令：" in out and COMMANDS["card add"][0] in out


def test_help_follows_the_learners_language(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from llmstudy.cli.help_zh import COMMANDS

    monkeypatch.setenv("LLMSTUDY_LANG", "zh")
    out = cli.ok("--help").stdout
    assert out.startswith("用法：llmstudy [选项] 命令 [参数]...") and COMMANDS["next"][0] in out
    assert cli.ok("--lang", "en", "log", "--help").stdout.startswith("Usage: llmstudy log [OPTIONS]")
    monkeypatch.setenv("LLMSTUDY_LANG", "en")
    assert cli.ok("--help").stdout.startswith("Usage: llmstudy [OPTIONS] COMMAND [ARGS]...")
    # a command's own --lang, after it, is read from the command line before any option is applied
    r = run_process("log", "--lang", "zh", "--help")
    assert r.returncode == 0 and r.stdout.startswith("用法：llmstudy log [选项]"), r.stdout


def test_streamed_markdown_breaks_chinese_lines_properly(capsys: pytest.CaptureFixture[str]) -> None:
    """A model's Chinese Markdown is the one text rich still wraps: by our rules (no line starts
    with closing punctuation, a number keeps its unit), which rich's own wrapper broke."""
    from llmstudy.output.rich_views import LiveMarkdown
    from llmstudy.output.terminal import CLOSING, cells

    text = "GPT-3 有 1750 亿参数，" * 3 + "上下文学习让它只看几个示例就能完成新任务。" * 4
    with LiveMarkdown() as sink:
        sink.show(text)
    lines = [ln.strip() for ln in capsys.readouterr().out.splitlines() if ln.strip()]
    assert len(lines) > 2 and max(map(cells, lines)) <= 80
    assert not [ln for ln in lines if ln[0] in CLOSING]
    assert not [a for a, b in itertools.pairwise(lines) if a.endswith("1750") or b.startswith("亿")]


def test_hints_are_in_chinese_too(cli: Cli, tmp_path: Path) -> None:
    r = cli("--lang", "zh", "export", "--format", "pdf")
    assert r.exit_code == 2 and "提示：--format 可选 json、md、anki、csv 或 ics" in r.stderr, r.stderr
    latin1 = tmp_path / "note.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    r = cli("--lang", "zh", "teach", "attention", "--offline", "--file", str(latin1))
    assert r.exit_code == 2 and "提示：请使用 UTF-8 编码的文本文件" in r.stderr, r.stderr


USAGE_ERRORS = [
    (["sesions"], "No such command 'sesions'. Did you mean 'sessions'?", "没有名为 sesions 的命令（你是不是想用 'sessions'？）", "llmstudy --help"),
    (["quiz"], "Missing argument 'topic'.", "缺少参数 topic", "llmstudy quiz --help"),
    (["quiz", "attention", "-n", "x"], "Invalid value for '-n': 'x' is not a valid int.", "-n 的值无效：“x” 不是整数", "llmstudy quiz --help"),
    (["next", "--trak", "x"], "No such option: --trak (Possible options: --track)", "没有名为 --trak 的选项（你是不是想用 --track？）", "llmstudy next --help"),
    (["next", "--bogus"], "No such option: --bogus", "没有名为 --bogus 的选项", "llmstudy next --help"),
    (["--db"], "Option '--db' requires an argument.", "选项 --db 后面要跟一个值", "llmstudy --help"),
    (["log", "1h", "attention", "b", "c"], "Got unexpected extra argument(s) (b c)", "多余的参数：b c", "llmstudy log --help"),
    (["stats", "--streak-minutes", "0"], "Invalid value for '--streak-minutes': 0 is not in the range x>=1.",
     "--streak-minutes 的值无效：0 不在 x>=1 的范围内", "llmstudy stats --help"),
    (["plan", "--hours-per-week", "x"], "Invalid value for '--hours-per-week': 'x' is not a valid float.",
     "--hours-per-week 的值无效：“x” 不是数字", "llmstudy plan --help"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "english", "chinese", "help_path"), USAGE_ERRORS, ids=[" ".join(u[0]) for u in USAGE_ERRORS])
def test_a_usage_error_is_one_line_and_a_hint_in_the_learners_language(
    home: Path, args: list[str], english: str, chinese: str, help_path: str
) -> None:
    """Click's own errors (typo, missing argument, wrong type) read like every other error."""
    for lang, message, hint in (("en", english, f"see {help_path}"), ("zh", chinese, f"用法见 {help_path}")):
        r = run_process("--lang", lang, *args) if args != ["--db"] else run_process(*args, env={"LLMSTUDY_LANG": lang})
        prefix = ("error: ", "hint: ") if lang == "en" else ("错误：", "提示：")
        assert (r.returncode, r.stdout) == (2, ""), r.stderr
        assert r.stderr == f"{prefix[0]}{message}\n{prefix[1]}{hint}\n"
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(0,)]


def test_a_group_without_its_command_still_shows_its_help(cli: Cli) -> None:
    r = run_process("lab")  # as click shows it: on stderr, exit code 2
    assert r.returncode == 2 and r.stderr.startswith("Usage: llmstudy lab [OPTIONS] COMMAND") and "check" in r.stderr
    whole = cli("card")  # the same in-process, through the typer app the tests use
    assert whole.exit_code == 2 and whole.stderr.startswith("Usage: llmstudy card") and "list" in whole.stderr


def test_a_usage_error_in_process_reads_the_same(cli: Cli) -> None:
    r = cli("--lang", "zh", "next", "--trak", "x")
    assert (r.exit_code, r.stderr) == (2, "错误：没有名为 --trak 的选项（你是不是想用 --track？）\n提示：用法见 llmstudy next --help\n")
