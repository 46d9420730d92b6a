"""The bundled data is valid; broken copies give one clear error naming file, path and problem."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from llmstudy.curriculum.schema import Roadmap
from llmstudy.curriculum.validate import find_cycle, load
from tests.helpers import DATA, Cli


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load(DATA)


def test_bundled_data_is_valid_and_complete(catalog: Any) -> None:
    rm: Roadmap = catalog.roadmap
    weekly = next(t for t in rm.tracks if t.id == rm.default_track)
    assert [s.planned_hours for s in weekly.stages] == [4, 5, 5, 6, 18, 38]
    speed = next(t for t in rm.tracks if t.id == "concept-tree")
    assert sum(s.planned_hours or 0 for s in speed.stages) == 6.5
    assert {t.id for t in rm.tracks} == {"six-week", "concept-tree", "three-part", "post-training"}
    ids = {t.id for t in rm.topics}
    assert {"attention", "transformer", "lora", "rlhf", "rag", "mlp", "agents"} <= ids
    assert len(catalog.timeline.events) >= 40
    years = [e.year for e in catalog.timeline.events]
    assert min(years) < 1960 and max(years) >= 2023
    kinds = Counter(r.kind for r in catalog.resources)
    assert {"course", "book", "paper", "person", "site", "tool"} <= set(kinds)


def test_every_event_and_topic_has_a_source(catalog: Any) -> None:
    for e in catalog.timeline.events:
        assert e.source.url or e.source.arxiv, e.id
    for t in catalog.roadmap.topics:
        assert t.sources, t.id


def test_known_errata_are_corrected(catalog: Any) -> None:
    topics = {t.id: t for t in catalog.roadmap.topics}
    assert "Low-Rank Adaptation" in topics["lora"].summary.en
    events = {e.id: e for e in catalog.timeline.events}
    roberta = next(e for e in events.values() if "RoBERTa" in e.title.en)
    assert roberta.date.startswith("2019-07") and roberta.erratum is not None
    assert events["gpt-4"].date == "2023-03-14" and events["gpt-4"].erratum is not None
    assert events["gpt-3"].date.startswith("2020-05") and "175" in events["gpt-3"].summary.en
    transformer = next(e for e in events.values() if e.source.arxiv == "1706.03762")
    assert transformer.date == "2017-06-12"


def test_arxiv_ids_are_consistent(catalog: Any) -> None:
    """The same arXiv id always names the same paper year (catches typos in ids)."""
    for r in catalog.resources:
        if r.arxiv and r.year:
            yy = int(r.arxiv[:2])
            assert r.year in (2000 + yy, 2000 + yy + 1), (r.id, r.arxiv, r.year)
    for e in catalog.timeline.events:
        if e.source.arxiv:
            assert abs(e.year - (2000 + int(e.source.arxiv[:2]))) <= 1, (e.id, e.source.arxiv)


def test_find_cycle() -> None:
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def _edit(path: Path, fn: Any) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _topic(doc: dict[str, Any], tid: str) -> dict[str, Any]:
    return next(t for t in doc["topics"] if t["id"] == tid)


BROKEN = [
    (
        "roadmap.yaml",
        lambda d: d["topics"].append(dict(d["topics"][0])),
        ["roadmap.yaml", "duplicate topic id"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "attention")["prerequisites"].append("no-such-topic"),
        ["roadmap.yaml", "topics[", "(attention).prerequisites", "unknown topic 'no-such-topic'"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "mlp")["prerequisites"].append("transformer"),
        ["roadmap.yaml", "prerequisite cycle", "mlp"],
    ),
    (
        "roadmap.yaml",
        lambda d: d["tracks"][0]["stages"][0].update(planned_hours=5),
        ["roadmap.yaml", "tracks[0] (six-week).stages[0].planned_hours", "add up to 4, not 5"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "rag").pop("summary"),
        ["roadmap.yaml", "(rag).summary", "Field required"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "rag")["title"].pop("zh"),
        ["roadmap.yaml", "(rag).title.zh", "Field required"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "attention")["key_points"][2]["terms"].append("backprop|反向传播"),
        ["(attention).key_points[2]", "term 'backprop|反向传播' does not occur in the key point's zh text"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "attention")["key_points"][2].update(terms=["softmax"]),
        ["(attention).key_points[2].terms", "at least 2 items"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "attention")["key_points"][0].pop("terms"),
        ["(attention).key_points[0].terms", "Field required"],
    ),
    (
        "roadmap.yaml",
        lambda d: _topic(d, "attention")["key_points"][2].update(no_blank=["backprop"]),
        ["(attention).key_points[2]", "no_blank names 'backprop', which is not one of the point's terms"],
    ),
    (
        "timeline.yaml",
        lambda d: d["events"][0].update(date="2017-02-30"),
        ["timeline.yaml", "events[0]", ".date", "not a real date"],
    ),
    (
        "timeline.yaml",
        lambda d: d["events"][0].update(era="no-era"),
        ["timeline.yaml", "events[0]", "unknown era 'no-era'"],
    ),
    (
        "resources.yaml",
        lambda d: d["resources"][0].update(kind="podcast"),
        ["resources.yaml", "resources[0]", ".kind"],
    ),
    (
        "resources.yaml",
        lambda d: d["resources"][0].update(topics=["attnetion"]),
        ["resources.yaml", "unknown topic 'attnetion'"],
    ),
]


@pytest.mark.parametrize(("file", "breaker", "fragments"), BROKEN)
def test_broken_copy_gives_one_clear_error_in_either_language(
    cli: Cli, tmp_path: Path, file: str, breaker: Any, fragments: list[str]
) -> None:
    """In Chinese the same error reads in Chinese: pydantic's own words by their type, ours as written."""
    data = _copy(tmp_path)
    _edit(data / file, breaker)
    r = cli("--data", str(data), "topics")
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("error: ") and lines[1].startswith("hint: ") and len(lines) == 2
    for f in fragments:
        assert f in lines[0], (f, lines[0])
    assert "Traceback" not in r.stderr
    en = lines[0]
    r = cli("--data", str(data), "--lang", "zh", "topics")
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("错误：") and lines[1].startswith("提示：") and len(lines) == 2
    problem = lines[0].split(file, 1)[-1]  # the place is ids and field names; the problem is in Chinese
    assert re.search("[\u4e00-\u9fff]", problem), lines[0]
    assert file in lines[0] and lines[0].removeprefix("错误：") != en.removeprefix("error: ")
    for english in ("Field required", "does not occur", "not one of", "unknown", "duplicate", "at least", "add up", "not a real date", "cycle"):
        assert english not in lines[0], lines[0]


def test_yaml_syntax_error_names_the_line(cli: Cli, tmp_path: Path) -> None:
    data = _copy(tmp_path)
    (data / "timeline.yaml").write_text("version: 1\neras: [\n  - oops: {\n", encoding="utf-8")
    r = cli("--data", str(data), "timeline")
    assert r.exit_code == 1
    assert r.stderr.startswith("error: timeline.yaml: line ")
    zh = cli("--data", str(data), "--lang", "zh", "timeline").stderr
    assert zh.startswith("错误：timeline.yaml：第 3 行：这里缺少值\n"), zh  # PyYAML's words in Chinese


BROKEN_YAML = [  # (text, its problem in Chinese, where both parsers agree on it)
    ("a: b: c\n", "这里不能写映射的值（冒号后少了空格，或缩进不对？）"),
    ("a:\n  - x\n - y\n", "缩进不对：这里应当是同一层的键"),
    ("key: [1, 2\n", "列表里缺少逗号或“]”"),
    ("key: {a: 1\n", "映射里缺少逗号或“}”"),
    ("a: 'unclosed\n", "文件意外结束（引号或括号没有闭合？）"),
    ("a:\n\tb: 1\n", "缩进里有制表符（YAML 只能用空格缩进）"),
    ("a: *nope\n", "引用了没有定义的锚点（*名字）"),
    ("a: !!python/object:x {}\n", "不支持的标签 'tag:yaml.org,2002:python/object:x'"),
    ('a: "\\q"\n', "引号里有不认识的转义字符"),
    ("- a\nb: 1\n", None),  # libyaml: a '-' item expected; Python: the block's end
    ("a: @x\n", "这里的字符不能开始一个值"),
    ("? [a, b]\n: 1\n", "这个键不能当作映射的键"),
    ("a: !x!y 1\n", "用了没有定义的标签"),
    ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "%YAML 指令写了两次"),
    ("&x a: &x b\n", "同一个锚点（&名字）定义了两次"),
    ("a: |\n b\nc\n", "找不到应有的冒号"),
]


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_yaml_problems_read_in_chinese_whichever_parser_pyyaml_has(loader: str) -> None:
    """The C parser (libyaml, in PyPI's wheels) and the pure-Python one word problems differently."""
    from llmstudy.curriculum.validate import yaml_problem

    parser = getattr(yaml, loader, None)
    if parser is None:  # PyYAML built without libyaml: the pure-Python run covers what the program uses
        parser = yaml.SafeLoader
    for text, zh in BROKEN_YAML:
        with pytest.raises(yaml.YAMLError) as caught:
            yaml.load(text, Loader=parser)
        problem = yaml_problem(caught.value, text)
        assert problem.en == str(getattr(caught.value, "problem", None) or "invalid YAML")
        assert problem.zh != problem.en and re.search("[\u4e00-\u9fff]", problem.zh), (text, problem.en)
        if zh is not None:
            assert problem.zh == zh, (text, problem.en)


def test_missing_file_and_missing_folder(cli: Cli, tmp_path: Path) -> None:
    data = _copy(tmp_path)
    (data / "resources.yaml").unlink()
    r = cli("--data", str(data), "topics")
    assert r.exit_code == 1 and "resources.yaml: file is missing" in r.stderr
    r = cli("--data", str(tmp_path / "nowhere"), "topics")
    assert r.exit_code == 1 and "does not exist" in r.stderr


def _dump(home: Path) -> list[str]:
    """Every row of every table, as SQL text: the database's content, not its size."""
    import sqlite3

    conn = sqlite3.connect(home / "llmstudy.db")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_broken_data_writes_nothing(cli: Cli, tmp_path: Path, home: Path) -> None:
    cli.ok("log", "1h", "attention")
    before = _dump(home)
    data = _copy(tmp_path)
    _edit(data / "roadmap.yaml", lambda d: d["topics"].append(dict(d["topics"][0])))
    assert cli("--data", str(data), "next").exit_code == 1
    assert _dump(home) == before
    assert cli.json("sessions")[0]["topic"] == "attention"


def test_other_data_folder_is_used(cli: Cli, tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data / "roadmap.yaml", lambda d: _topic(d, "rag")["title"].update(en="Retrieval (edited copy)"))
    shown = cli.json("--data", str(data), "show", "rag")
    assert shown["title"] == "Retrieval (edited copy)"
