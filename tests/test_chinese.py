"""`--lang zh` is Chinese throughout: errors, hints, statuses, durations, did-you-mean with titles."""

from __future__ import annotations

import re

import pytest

from tests.helpers import Cli

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
