"""`search` through the real CLI: Chinese and English, one to four characters, the learner's
text kept in the index on every write, and the curated rows rebuilt on a catalog reload."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, Cli


def hits(cli: Cli, *args: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = cli.json("search", *args)["hits"]
    return result


@pytest.mark.parametrize(
    ("query", "kind", "expect"),
    [
        ("点积", "topic", "attention"),  # two characters inside 缩放点积注意力
        ("注意力", "topic", "attention"),
        ("自注意力", "topic", "attention"),
        ("词元", "topic", None),  # any topic: checked below to contain it
        ("attention", "topic", "attention"),
        ("atten", "topic", "attention"),  # a prefix
        ("LoRA", "topic", "lora"),
        ("Vaswani", "event", "transformer-paper"),
        ("softmax 除以", "question", None),  # mixed: every word must match
    ],
)
def test_curriculum_in_both_languages(cli: Cli, query: str, kind: str, expect: str | None) -> None:
    found = hits(cli, query, "--kind", kind)
    assert found and all(h["kind"] == kind for h in found)
    if expect is not None:
        assert expect in [h["id"] for h in found[:3]], [h["id"] for h in found]
    for h in found:
        text = (h["text"] + (h["title"] or "")).lower()
        assert all(word.lower() in text for word in query.split()), h


@pytest.mark.parametrize("query", ["积", "点积", "注意力", "注意力机", "Q", "QK", "dot", "soft"])
def test_one_to_four_character_queries_match_substrings_or_word_starts(cli: Cli, query: str) -> None:
    found = hits(cli, query, "-n", "50")
    assert found, query
    for h in found:
        text = h["text"] + "\n" + (h["title"] or "")
        if query.isascii():
            import re

            assert re.search(r"(?<![A-Za-z0-9])" + query, text, re.I), (query, h)
        else:
            assert query in text, (query, h)


def test_the_learners_text_is_indexed_on_every_write(cli: Cli) -> None:
    nid = cli.json("note", "attention", "缩放因子 is my mnemonic")["added"]["id"]
    assert [h["id"] for h in hits(cli, "缩放因子", "--kind", "note")] == [nid]
    assert hits(cli, "mnemo")[0]["command"] == "llmstudy notes attention"
    cli.ok("note-edit", nid, "now about 残差连接")
    assert hits(cli, "mnemonic", "--kind", "note") == []
    assert [h["id"] for h in hits(cli, "残差", "--kind", "note")] == [nid]
    cli.ok("note-delete", nid)
    assert hits(cli, "残差", "--kind", "note") == []
    cli.ok("undo")
    assert [h["id"] for h in hits(cli, "残差", "--kind", "note")] == [nid]

    cli.ok("teach", "attention", "--offline", input="查询和键做点积 then softmax")
    found = hits(cli, "查询", "--kind", "explanation")
    assert found[0]["topic"] == "attention" and found[0]["command"] == "llmstudy teach attention --history"

    sid = cli.json("log", "30m", "lora", "--note", "低秩分解 rank-8 adapters")["session"]["id"]
    assert [h["id"] for h in hits(cli, "低秩", "--kind", "session")] == [sid]
    assert hits(cli, "adapters", "--kind", "session")[0]["command"] == "llmstudy sessions --topic lora"
    cli.ok("edit", sid[:6], "--note", "")
    assert hits(cli, "低秩", "--kind", "session") == []
    cli.ok("undo")
    assert [h["id"] for h in hits(cli, "低秩", "--kind", "session")] == [sid]
    cli.ok("delete", sid[:6])
    assert hits(cli, "低秩", "--kind", "session") == []


def test_catalog_reload_rebuilds_the_curated_rows(cli: Cli, tmp_path: Path) -> None:
    cli.ok("note", "attention", "keep me searchable")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "roadmap.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    attention = next(t for t in doc["topics"] if t["id"] == "attention")
    attention["title"] = {"zh": "专注机制甲乙", "en": "Zorblax mechanism"}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert hits(cli, "Zorblax") == []
    found = cli.json("--data", str(data), "search", "zorblax")["hits"]
    assert [h["id"] for h in found] == ["attention"]
    assert [h["id"] for h in cli.json("--data", str(data), "search", "甲乙")["hits"]] == ["attention"]
    assert cli.json("--data", str(data), "search", "searchable")["hits"][0]["kind"] == "note"  # untouched


def test_every_row_is_indexed_once_after_rebuilds_and_writes(cli: Cli, home: Path, tmp_path: Path) -> None:
    """A rebuild inserts without looking for old entries (it cleared them); a write replaces."""
    import sqlite3

    note = cli.json("note", "attention", "first words")["added"]["id"]
    cli.ok("note-edit", note[:6], "quuxwords second")
    cli.ok("log", "1h", "attention", "--note", "a session note")
    out = tmp_path / "all.json"
    cli.ok("export", "-o", str(out))
    cli.ok("--db", str(tmp_path / "other.db"), "import", str(out))  # a fresh catalog, then the learner's rows
    for db in (home / "llmstudy.db", tmp_path / "other.db"):
        conn = sqlite3.connect(db)
        rows = conn.execute("SELECT kind, ref FROM search_index").fetchall()
        topics, questions = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("c_topics", "c_questions"))
        conn.close()
        assert len(rows) == len(set(rows)), db
        kinds = [k for k, _ in rows]
        assert (kinds.count("topic"), kinds.count("question")) == (topics, questions)
        assert (kinds.count("note"), kinds.count("session")) == (1, 1)
    assert [h["kind"] for h in cli.json("--db", str(tmp_path / "other.db"), "search", "quuxwords")["hits"]] == ["note"]


def test_text_view_highlights_and_says_how_to_open(cli: Cli) -> None:
    out = cli.ok("search", "点积", "--kind", "topic").stdout
    assert re.search(r"\b[2-9]\d* hits for “点积”", out) and "→ llmstudy show attention" in out
    assert "\x1b[" not in out  # no colour off a terminal: the highlight is styling only
    zh = cli.ok("search", "attention", "-n", "3", "--lang", "zh").stdout
    assert "条结果" in zh and "[主题]" in zh
    from llmstudy.output.terminal import cells

    assert all(cells(line) <= 80 for line in out.splitlines() + zh.splitlines())
    import io

    from llmstudy.actions.results import SearchHit, SearchResult
    from llmstudy.core.records import Bi
    from llmstudy.output.search_views import search
    from llmstudy.output.terminal import Out

    buf = io.StringIO()
    term = Out(buf)
    term.color, term.width = True, 80  # as on a terminal
    hit = SearchHit("note", "n1", "attention", Bi("", ""), "why divide the 点积 by √d_k \x1b[2J", None, "llmstudy notes attention")
    search(SearchResult("点积", ("点积",), None, (hit,)), "en", term)
    shown = buf.getvalue()
    assert "\x1b[1;33m点积\x1b[0m" in shown and "\x1b[2J" not in shown
    assert "why divide the " in shown and " by √d_k" in shown


def test_nothing_found_and_bad_queries(cli: Cli) -> None:
    assert cli.ok("search", "qwxyzzy").stdout.strip() == "Nothing found for “qwxyzzy”."
    r = cli("search", "...")
    assert r.exit_code == 2 and "no word to look for" in r.stderr
    r = cli("search", "x", "--kind", "poem")
    assert r.exit_code == 2 and "unknown kind" in r.stderr and "topic|event" in r.stderr
    r = cli("search", '"; DROP TABLE notes; --')
    assert r.exit_code == 0


def test_migrating_a_database_indexes_what_is_already_there(tmp_path: Path) -> None:
    """A version-3 database keeps its catalog (no reload follows the migration): it is indexed."""
    import sqlite3

    from llmstudy.curriculum.validate import load
    from llmstudy.storage.catalog_sync import replace_catalog
    from llmstudy.storage.migrations import migrate
    from llmstudy.storage.store import Store

    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 3)
    conn.execute("BEGIN")
    conn.execute("CREATE VIRTUAL TABLE search_index USING fts5(kind, ref, topic, title, body, at, words, chars)")
    replace_catalog(conn, load(DATA))  # what a version-3 program loaded (it had no index: dropped below)
    conn.execute("DROP TABLE search_index")
    conn.execute(
        "INSERT INTO sessions (id, topic, minutes, day, week, note, created_at, updated_at) VALUES"
        " ('s1', 'attention', 30, '2026-11-01', 1, '旧的笔记 old words', '2026-11-01T10:00:00+00:00',"
        " '2026-11-01T10:00:00+00:00')"
    )
    conn.execute("COMMIT")
    conn.close()
    store = Store.open(path, DATA)
    from llmstudy.core.textsearch import parse_query

    assert [h.ref for h in store.search(parse_query("旧的"), "session", 5)] == ["s1"]
    assert store.search(parse_query("点积"), "topic", 5)
    store.close()


def test_own_cards_are_found_and_leave_with_their_card(cli: Cli) -> None:
    """A card the learner wrote is searchable as soon as it is written, gone when deleted, back
    after undo."""
    card = cli.json("card", "add", "attention", "-q", "为什么要除以 √d_k？", "-a", "keeps the softmax out of saturation")["added"]
    hits = cli.json("search", "saturation", "--kind", "card")["hits"]
    assert [(h["kind"], h["id"], h["command"]) for h in hits] == [("card", card["id"], "llmstudy card list attention")]
    assert [h["id"] for h in cli.json("search", "除以")["hits"] if h["kind"] == "card"] == [card["id"]]
    cli.ok("card", "delete", card["id"])
    assert cli.json("search", "saturation", "--kind", "card")["hits"] == []
    cli.ok("undo")
    assert [h["id"] for h in cli.json("search", "saturation", "--kind", "card")["hits"]] == [card["id"]]
    assert "[card] Attention mechanism" in cli.ok("search", "saturation").stdout


def test_a_version_6_database_indexes_the_own_cards_it_has(tmp_path: Path) -> None:
    import sqlite3

    from llmstudy.core.textsearch import parse_query
    from llmstudy.curriculum.validate import load
    from llmstudy.storage.catalog_sync import replace_catalog
    from llmstudy.storage.migrations import migrate
    from llmstudy.storage.store import Store

    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 6)
    conn.execute("BEGIN")
    replace_catalog(conn, load(DATA))
    conn.execute(
        "INSERT INTO own_cards (id, topic, question, answer, created_at, updated_at) VALUES"
        " ('own-0123456789ab', 'attention', '缩放因子是什么？', 'one over root d_k', '2026-11-01T10:00:00+00:00',"
        " '2026-11-01T10:00:00+00:00')"
    )
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path, DATA) as store:
        assert [h.ref for h in store.search(parse_query("缩放因子"), "card", 5)] == ["own-0123456789ab"]
