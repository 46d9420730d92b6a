"""The reading commands through the real CLI, in both languages, with exact --json shapes."""

from __future__ import annotations

import itertools
import re

import pytest

from llmstudy import __version__
from tests.helpers import Cli

COMMANDS = [
    ["next"],
    ["roadmap"],
    ["roadmap", "--track", "concept-tree"],
    ["topics"],
    ["show", "attention"],
    ["timeline"],
    ["timeline", "--from", "2017", "--to", "2020"],
    ["resources"],
    ["resources", "lora", "--kind", "paper"],
    ["tree"],
]


def test_version_and_paths(cli: Cli, home: object) -> None:
    assert cli.ok("--version").stdout.strip() == f"llmstudy {__version__}"
    p = cli.json("paths")
    assert p["db"] == f"{home}/llmstudy.db" and p["db_from"] == "LLMSTUDY_HOME"
    p = cli.json("--db", "/tmp/x/other.db", "paths")
    assert p["db"] == "/tmp/x/other.db" and p["db_from"] == "--db"


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_view_fits_80_columns_without_colour(cli: Cli, args: list[str], lang: str) -> None:
    r = cli.ok(*args, "--lang", lang)
    assert r.stdout.strip()
    assert "\x1b[" not in r.stdout
    from llmstudy.output.terminal import cells

    for line in r.stdout.splitlines():
        assert cells(line) <= 80, line


def test_language_changes_the_text(cli: Cli) -> None:
    en = cli.json("show", "attention", "--lang", "en")
    zh = cli.json("show", "attention", "--lang", "zh")
    assert en["title"] != zh["title"] and re.search(r"[\u4e00-\u9fff]", zh["title"])
    assert en["id"] == zh["id"] == "attention"


def test_language_defaults(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    zh = cli.json("show", "attention")
    monkeypatch.setenv("LLMSTUDY_LANG", "en")
    en = cli.json("show", "attention")
    assert zh["title"] != en["title"] and re.search(r"[\u4e00-\u9fff]", zh["title"])
    r = cli("show", "attention", "--lang", "fr")
    assert r.exit_code == 2 and "unknown language" in r.stderr


def test_roadmap_json_shape(cli: Cli) -> None:
    d = cli.json("roadmap")
    assert [w["week"] for w in d["weeks"]] == [1, 2, 3, 4, 5, 6]
    assert [w["planned_hours"] for w in d["weeks"]] == [4, 5, 5, 6, 18, 38]
    assert set(d["weeks"][0]) == {"week", "title", "planned_hours", "logged_hours", "topics", "labs"}
    assert "attention" in d["weeks"][0]["topics"]
    assert {t["id"] for t in d["tracks"]} == {"six-week", "concept-tree", "three-part", "post-training"}
    one = cli.json("roadmap", "--track", "concept-tree")
    assert [t["id"] for t in one["tracks"]] == ["concept-tree"]
    assert sum(s["planned_hours"] for s in one["tracks"][0]["stages"]) == 6.5


def test_topics_json_shape(cli: Cli) -> None:
    rows = cli.json("topics")
    assert len(rows) >= 50
    attention = next(r for r in rows if r["id"] == "attention")
    assert {"id", "title", "week", "prerequisites", "planned_hours", "status", "logged_minutes"} <= set(attention)
    assert attention["week"] == 1 and attention["planned_hours"] == 1 and attention["status"] == "pending"


def test_show_json_and_aliases(cli: Cli) -> None:
    for name in ("attention", "self-attention", "自注意力", "Self Attention", "ATTENTION"):
        d = cli.json("show", name)
        assert d["id"] == "attention"
    d = cli.json("show", "lora")
    assert d["summary"] and d["key_points"] and d["analogy"]
    assert all({"id", "kind", "title", "url"} <= set(r) for r in d["resources"])
    assert d["resources"]


def test_unknown_topic_suggests(cli: Cli) -> None:
    r = cli("show", "attenton")
    assert r.exit_code == 1
    assert "did you mean attention" in r.stderr
    assert r.stderr.splitlines()[1].startswith("hint: ")
    r = cli("show", "注意")
    assert r.exit_code == 1 and "attention" in r.stderr
    r = cli("show", "zzzzzz")
    assert r.exit_code == 1 and "did you mean" not in r.stderr


def test_timeline_filters(cli: Cli) -> None:
    events = cli.json("timeline")
    assert len(events) >= 40
    assert set(events[0]) >= {"id", "date", "title", "summary", "era", "topics", "source"}
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    some = cli.json("timeline", "--from", "2017", "--to", "2018")
    assert some and all(e["date"][:4] in ("2017", "2018") for e in some)
    eras = {e["era"] for e in events}
    era = sorted(eras)[0]
    assert all(e["era"] == era for e in cli.json("timeline", "--era", era))
    found = cli.json("timeline", "--search", "Attention Is All You Need")
    assert any(e["source"]["arxiv"] == "1706.03762" for e in found)
    zh_found = cli.json("timeline", "--search", "注意力")
    assert zh_found
    linked = cli.json("timeline", "--topic", "rlhf")
    assert linked and all("rlhf" in e["topics"] for e in linked)


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["timeline", "--from", "17"], 2, "not a year"),
        (["timeline", "--from", "2020", "--to", "2010"], 2, "after"),
        (["timeline", "--era", "nope"], 2, "unknown era"),
        (["resources", "--kind", "podcast"], 2, "unknown kind"),
        (["roadmap", "--track", "nope"], 1, "no track"),
        (["next", "--track", "nope"], 1, "no track"),
    ],
)
def test_bad_options(cli: Cli, args: list[str], code: int, fragment: str) -> None:
    r = cli(*args)
    assert r.exit_code == code and fragment in r.stderr and "Traceback" not in r.stderr


def test_resources_filters(cli: Cli) -> None:
    papers = cli.json("resources", "--kind", "paper")
    assert papers and all(p["kind"] == "paper" for p in papers)
    lora = cli.json("resources", "lora")
    assert any(r["arxiv"] == "2106.09685" for r in lora)
    assert all("lora" in r["topics"] for r in lora)


def test_tree(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # long labels wrap
    rows = cli.json("tree")
    by_id = {r["id"]: r for r in rows}
    assert "mlp" in by_id["backprop"]["prerequisites"]
    out = cli.ok("tree").stdout
    assert out.index("(mlp)") < out.index("(backprop)") < out.index("(transformer)")
    lines = out.splitlines()
    mlp = next(ln for ln in lines if "(mlp)" in ln)
    backprop = next(ln for ln in lines if "(backprop)" in ln)
    assert mlp.startswith("├── ") and backprop.startswith("│   ├── ")  # under its first prerequisite
    # every guide and branch hangs from something above it (never from blank space or a "└"),
    # also on the wrapped lines of a long label
    for above, below in itertools.pairwise(lines[1:]):
        guides = len(below) - len(below.lstrip("│├└─ "))
        for col, ch in enumerate(below[:guides]):
            if ch in "│├└":
                assert col < len(above) and above[col] not in " └", (above, below)


def test_next_first_form(cli: Cli) -> None:
    d = cli.json("next")
    assert d["track"] == "six-week"
    assert d["topic"]["id"] == "dev-environment"
    assert d["topic"]["summary"] and 1 <= len(d["resources"]) <= 3
    assert d["reasons"]


def test_no_color_respected(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    r = cli.ok("roadmap")
    assert "\x1b[" not in r.stdout


def test_help_has_examples(cli: Cli) -> None:
    from llmstudy.cli.app import load

    app = load()

    names = [c.name for c in app.registered_commands]
    assert len(names) >= 15
    for args in [[n] for n in names if n] + [["llm", "status"], ["llm", "log"]]:
        r = cli.ok(*args, "--help")
        assert "Example: llmstudy" in r.stdout, args
