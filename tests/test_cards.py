"""Own cards, the review workload (daily limit, forecast), the Anki and CSV exports, and the
migration that turned stored letters into option indexes. All through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import sys
import zipfile
from pathlib import Path
from typing import Any

import genanki
import pytest

from llmstudy.curriculum.validate import load
from llmstudy.storage.migrations import migrate
from tests import answers
from tests.helpers import DATA, Cli, db_rows


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load(DATA)


@pytest.fixture
def bare(tmp_path: Path, catalog: Any) -> tuple[Path, str]:
    """The curated data without its question bank, and a topic whose bank is then empty
    (no prerequisites, no timeline event): a quiz on it asks only your own cards."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "questions")
    linked = {t for e in catalog.timeline.events for t in e.topics}
    lonely = next(t.id for t in catalog.roadmap.topics if not t.prerequisites and t.id not in linked)
    return data, lonely


def test_own_card_is_quizzed_scheduled_reviewed_and_deleted(
    cli: Cli, home: Path, bare: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, topic = bare
    d = ["--data", str(data)]
    added = cli.json(*d, "card", "add", topic, "--question", "What does `uv sync` do?", "--answer", "Installs the lock file")
    card = added["added"]
    assert card["id"].startswith("own-") and card["topic"] == topic
    assert cli.json(*d, "card", "list", topic) == [card]
    assert cli.json(*d, "card", "list", "attention") == []
    assert "What does `uv sync` do?" in cli.ok(*d, "card", "list").stdout

    r = cli(*d, "quiz", topic, "--offline", "--json", input="it installs things\ny\n")
    assert r.exit_code == 0, r.stderr
    result = json.loads(r.stdout)
    assert [it["id"] for it in result["items"]] == [card["id"]] and result["correct"] == 1
    assert "Model answer: Installs the lock file" in r.stderr and "Source:" not in r.stderr
    (due,) = db_rows(home, f"SELECT due FROM cards WHERE question_id = '{card['id']}'")[0]
    assert due >= "2026-11-23T12:00"  # a right first answer: a day or more

    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-12-20")
    r = cli(*d, "review", "--json", input="still\nn\n")
    result = json.loads(r.stdout)
    assert [it["id"] for it in result["items"]] == [card["id"]] and result["correct"] == 0

    r = cli.ok(*d, "card", "delete", card["id"][:8])
    assert f"Deleted card {card['id']}" in r.stdout
    assert cli.json(*d, "card", "list") == []
    assert db_rows(home, f"SELECT count(*) FROM cards WHERE question_id = '{card['id']}'") == [(0,)]
    assert db_rows(home, f"SELECT count(*) FROM answers WHERE question_id = '{card['id']}'") == [(2,)]  # history
    r = cli(*d, "card", "delete", card["id"])
    assert r.exit_code == 1 and "no card" in r.stderr and "llmstudy card list" in r.stderr


def test_undo_brings_a_deleted_card_back_with_its_schedule(cli: Cli, home: Path, bare: tuple[Path, str]) -> None:
    data, topic = bare
    d = ["--data", str(data)]
    card = cli.json(*d, "card", "add", topic, "-q", "What does `uv sync` do?", "-a", "Installs the lock file")["added"]
    cli.ok(*d, "quiz", topic, "--offline", input="it installs\ny\n")
    schedule = db_rows(home, f"SELECT card, due, reps FROM cards WHERE question_id = '{card['id']}'")
    assert len(schedule) == 1
    assert "Undo with: llmstudy undo" in cli.ok(*d, "card", "delete", card["id"]).stdout
    undone = cli.json(*d, "undo")["undone"]
    assert (undone["kind"], undone["action"], undone["restored"]["question"]) == ("card", "card delete", card["question"])
    assert [c["id"] for c in cli.json(*d, "card", "list")] == [card["id"]]
    assert db_rows(home, f"SELECT card, due, reps FROM cards WHERE question_id = '{card['id']}'") == schedule
    doc = json.loads(cli.ok(*d, "export").stdout)  # the deletion, undone, no longer travels
    assert all(g["key"] != card["id"] for g in doc["data"]["deleted"])
    cli.ok(*d, "card", "delete", card["id"])
    out = cli.ok(*d, "undo", "--lang", "zh").stdout
    assert f"撤销了删除卡片：已恢复 {card['id']}" in out, out


def test_a_deleted_card_stays_deleted_across_a_merge(cli: Cli, tmp_path: Path, bare: tuple[Path, str]) -> None:
    """A card deleted on one machine is not brought back, nor its schedule, by the other's copy
    (which was answered there); the deletion reaches the other machine; the answers stay."""
    data, topic = bare
    a, b = ["--data", str(data), "--db", str(tmp_path / "a.db")], ["--data", str(data), "--db", str(tmp_path / "b.db")]
    card = cli.json(*a, "card", "add", topic, "-q", "What does `uv sync` do?", "-a", "Installs the lock file")["added"]
    cli.ok(*a, "export", "-o", str(tmp_path / "a1.json"))
    cli.ok(*b, "import", str(tmp_path / "a1.json"))
    cli.ok(*b, "quiz", topic, "--offline", input="it installs\ny\n")  # b answers it: a schedule there
    cli.ok(*a, "card", "delete", card["id"])
    cli.ok(*b, "export", "-o", str(tmp_path / "b.json"))
    cli.ok(*a, "import", str(tmp_path / "b.json"))
    assert cli.json(*a, "card", "list") == []
    assert db_rows(tmp_path, "SELECT count(*) FROM cards", "a.db") == [(0,)]
    assert db_rows(tmp_path, "SELECT count(*) FROM answers", "a.db") == [(1,)]  # b's answer, as history
    cli.ok(*a, "export", "-o", str(tmp_path / "a2.json"))
    assert cli.json(*b, "import", str(tmp_path / "a2.json"))["updated"]["deleted"] == 1
    assert cli.json(*b, "card", "list") == []
    assert db_rows(tmp_path, "SELECT count(*) FROM cards", "b.db") == [(0,)]


def test_card_add_needs_both_sides(cli: Cli, home: Path) -> None:
    r = cli("card", "add", "attention", "--question", "Q only")
    assert r.exit_code == 2 and "give both --question and --answer" in r.stderr
    r = cli("card", "add", "attention", "--question", "  ", "--answer", "A")
    assert r.exit_code == 2 and "the card has no question" in r.stderr
    r = cli("card", "add", "attenton", "-q", "Q", "-a", "A")
    assert r.exit_code == 1 and "did you mean attention" in r.stderr
    r = cli("card", "add", "attention", "-q", "问题", "-a", "  ", "--lang", "zh")
    assert r.exit_code == 2 and "卡片缺少答案" in r.stderr
    assert db_rows(home, "SELECT count(*) FROM own_cards") == [(0,)]


def test_card_add_in_the_editor(cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text().replace('# Question\\n', '# Question\\nWhat is a KV cache?\\n')\n"
        "p.write_text(t.replace('# Answer\\n', '# Answer\\nStored keys and values of past tokens\\n# a comment\\n'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    card = cli.json("card", "add", "kv-cache", "--edit")["added"]
    assert card["question"] == "What is a KV cache?" and card["answer"] == "Stored keys and values of past tokens"
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c pass")  # saved unchanged: nothing written
    r = cli("card", "add", "kv-cache", "--edit")
    assert r.exit_code == 2 and "the card has no question" in r.stderr
    assert len(cli.json("card", "list")) == 1


def test_own_cards_are_exported_and_imported(cli: Cli, home: Path, tmp_path: Path) -> None:
    card = cli.json("card", "add", "attention", "-q", "为什么要除以 √d_k？", "-a", "让点积方差保持在 1 左右")["added"]
    out = tmp_path / "backup.json"
    cli.ok("export", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["data"]["own_cards"] == [card]
    other = tmp_path / "other.db"
    assert cli.json("--db", str(other), "import", str(out))["added"]["own_cards"] == 1
    assert cli.json("--db", str(other), "import", str(out))["added"]["own_cards"] == 0
    assert cli.json("--db", str(other), "card", "list") == [card]
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["data"]["own_cards"][0]["id"] = "attention-01"  # would take a curated question's card
    out.write_text(json.dumps(doc), encoding="utf-8")
    r = cli("import", str(out))
    assert r.exit_code == 1 and "own_cards[0].id must start with 'own-'" in r.stderr


def _miss_all(cli: Cli, home: Path, topic: str, n: int, seed: int) -> list[str]:
    docs = [
        json.loads(r[0])
        for r in db_rows(home, f"SELECT doc FROM c_questions WHERE topic = '{topic}' ORDER BY ord")
    ][:n]
    cli.ok("quiz", topic, "-n", str(n), "--offline", "--seed", str(seed), input=answers.text(docs, seed, False))
    return [d["id"] for d in docs]


def test_review_stops_at_the_daily_limit_and_says_what_remains(
    cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missed = _miss_all(cli, home, "attention", 5, 1) + _miss_all(cli, home, "transformer", 3, 2)
    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-11-23")  # every miss is due now
    assert cli.json("review", "--forecast")["due_now"] == 8
    r = cli("review", "--limit", "3", "--json", input="x\n" * 20)
    result = json.loads(r.stdout)
    assert result["asked"] == 0 and len(result["skipped"]) == 3  # unreadable: not counted against the limit
    # "1" reads as an answer to every kind: option a, true, and a short answer graded right
    r = cli("review", "--limit", "3", "--seed", "0", input="1\n" * 30)
    assert r.exit_code == 0, r.stderr
    assert db_rows(home, "SELECT count(*) FROM answers WHERE source = 'review'") == [(3,)]
    assert "Today's review limit (3) is reached; 5 more are due." in " ".join(r.stdout.split())
    assert "llmstudy review --limit 8" in r.stdout
    r = cli("review", "--limit", "3", "--json", input="a\n")
    result = json.loads(r.stdout)
    assert result["asked"] == 0 and result["remaining"] == 5 and result["daily_limit_reached"]
    # the limit from the config file, raised by --limit for one run
    (home / "config.toml").write_text("[review]\ndaily_limit = 4\n")
    result = json.loads(cli("review", "--json", input="1\n" * 30).stdout)
    assert result["asked"] == 1 and result["remaining"] == 4 and result["daily_limit_reached"]
    result = json.loads(cli("review", "--limit", "100", "--json", input="1\n" * 30).stdout)
    assert result["asked"] == 4 and result["remaining"] == 0 and not result["daily_limit_reached"]
    assert {row[0] for row in db_rows(home, "SELECT question_id FROM answers WHERE source = 'review'")} == set(missed)
    # a new day, a new allowance
    assert cli.json("review", "--forecast")["reviewed_today"] == 8
    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-11-24")
    assert cli.json("review", "--forecast")["reviewed_today"] == 0


def test_forecast_shows_the_week_ahead(cli: Cli, home: Path) -> None:
    docs = [json.loads(r[0]) for r in db_rows(home, "SELECT doc FROM c_questions WHERE topic = 'rnn' ORDER BY ord")]
    lines = answers.lines(docs[:3], 5, [False, True, True])
    lines[-1] += " easy"  # right and easy: further out than good
    cli.ok("quiz", "rnn", "-n", "3", "--offline", "--seed", "5", input="\n".join(lines) + "\n")
    f = cli.json("review", "--forecast")
    assert f["due_now"] == 0 and f["cards"] == 3 and f["daily_limit"] == 50
    days = {d["date"]: d["due"] for d in f["days"]}
    assert f["days"][0]["date"] == "2026-11-22" and len(days) == 7
    assert days["2026-11-22"] == 1  # the miss, in ten minutes
    assert days["2026-11-24"] == 1  # good: two days
    assert sum(days.values()) == 2  # easy: eight days, outside the week
    text = cli.ok("review", "--forecast").stdout
    assert "2026-11-22 today" in text and "Reviews due on each of the next 7 days" in text
    assert "今天" in cli.ok("review", "--forecast", "--lang", "zh").stdout


def _apkg(path: Path, tmp_path: Path) -> tuple[list[tuple[str, str, str]], dict[str, Any]]:
    """The notes (guid, fields, tags) and decks of an .apkg: a zip holding an SQLite collection."""
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist()
        col = tmp_path / f"{path.stem}.anki2"
        col.write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(col)
    try:
        notes = [(str(g), str(f), str(t)) for g, f, t in conn.execute("SELECT guid, flds, tags FROM notes")]
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    finally:
        conn.close()
    return notes, decks


def test_anki_export_has_both_languages_a_deck_per_topic_and_stable_guids(
    cli: Cli, home: Path, tmp_path: Path, catalog: Any
) -> None:
    first = tmp_path / "one.apkg"
    r = cli.ok("export", "--format", "anki", "-o", str(first))
    assert "notes in" in r.stderr and str(first) in " ".join(r.stderr.split())
    notes, decks = _apkg(first, tmp_path)
    by_id = {f.split("\x1f")[-1]: (g, f.split("\x1f"), t) for g, f, t in notes}
    assert len(by_id) == len(notes)  # one note per question
    assert {q.id for q in catalog.questions} <= set(by_id)  # the whole curated bank
    names = {d["name"] for d in decks.values()}
    assert "llmstudy::attention" in names and "llmstudy::transformer" in names
    q = next(q for q in catalog.questions if q.id.startswith("attention") and q.kind == "choice")
    guid, fields, tags = by_id[q.id]
    assert guid == genanki.guid_for(q.id)
    assert q.prompt.zh.split("(")[0][:10] in fields[0] and q.prompt.en.split("(")[0][:20] in fields[1]
    right = q.options[q.answer_index]
    assert right.zh.split(",")[0][:10] in fields[2] and right.en.split(",")[0][:20] in fields[3]
    assert "attention" in tags.split() and "choice" in tags.split()

    # your own card joins; a second export keeps every GUID, so Anki updates instead of duplicating
    card = cli.json("card", "add", "attention", "-q", "Q <b>not html</b>", "-a", "A & B")["added"]
    second = tmp_path / "two.apkg"
    cli.ok("export", "--format", "anki", "-o", str(second))
    notes2, _ = _apkg(second, tmp_path)
    assert {g for g, _, _ in notes} < {g for g, _, _ in notes2}
    own = next(f.split("\x1f") for g, f, _ in notes2 if g == genanki.guid_for(card["id"]))
    assert own[0] == own[1] == "Q &lt;b&gt;not html&lt;/b&gt;" and own[2] == "A &amp; B"


def test_csv_export(cli: Cli, home: Path, tmp_path: Path, catalog: Any) -> None:
    r = cli.ok("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["question_zh", "question_en", "answer_zh", "answer_en", "topic", "id"]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) and {q.id for q in catalog.questions} <= set(ids)
    q = next(q for q in catalog.questions if q.kind == "true_false")
    row = next(row for row in rows if row["id"] == q.id)
    assert row["topic"] == q.topic and row["question_en"].startswith(q.prompt.en)
    assert row["answer_en"].startswith("true" if q.answer_bool else "false")
    assert row["answer_zh"].startswith("对" if q.answer_bool else "错")
    out = tmp_path / "cards.csv"
    r = cli.ok("export", "--format", "csv", "-o", str(out))
    assert out.read_text(encoding="utf-8") == cli.ok("export", "--format", "csv").stdout
    assert f"Wrote {len(rows)} rows" in r.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["export", "--format", "anki"], "an Anki deck is a binary file: give one with -o"),
        (["export", "--format", "xml"], "unknown export format 'xml'"),
    ],
)
def test_export_format_errors(cli: Cli, args: list[str], fragment: str) -> None:
    r = cli(*args)
    assert r.exit_code == 2 and fragment in r.stderr


def test_migration_turns_stored_letters_into_option_indexes(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(conn, 3)
    conn.execute("INSERT INTO c_questions (id, topic, ord, doc) VALUES ('c-1', 't', 0, '{\"kind\": \"choice\"}')")
    conn.execute("INSERT INTO c_questions (id, topic, ord, doc) VALUES ('s-1', 't', 1, '{\"kind\": \"short\"}')")
    rows = [("1", "c-1", "b"), ("2", "gen-first-x", "d"), ("3", "s-1", "a"), ("4", "tf-1", "t")]
    for aid, qid, given in rows:
        conn.execute(
            "INSERT INTO answers (id, question_id, topic, at, answer, correct) VALUES (?, ?, 't', '2026-01-01', ?, 1)",
            (aid, qid, given),
        )
    migrate(conn, 4)
    got = dict(conn.execute("SELECT question_id, answer FROM answers").fetchall())
    conn.close()
    assert got == {"c-1": "1", "gen-first-x": "3", "s-1": "a", "tf-1": "t"}
