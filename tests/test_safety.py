"""Issue 13: nothing lost, nothing broken, nothing leaked — each class through the real CLI."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Cli, db_rows, run_process

GOOD_CARD_ANSWER = "0"


def _export(cli: Cli, tmp_path: Path) -> dict[str, Any]:
    """A real export holding one row of every table we can make offline."""
    cli.ok("log", "1h", "attention", "--note", "read the paper")
    cli.ok("done", "tokenization")
    cli.ok("card", "add", "attention", "--question", "Why scale by sqrt(d)?", "--answer", "keeps softmax soft")
    out = tmp_path / "full.json"
    cli.ok("export", "-o", str(out))
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def _import(cli: Cli, tmp_path: Path, doc: dict[str, Any]) -> Any:
    f = tmp_path / "in.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    return cli("--db", str(tmp_path / "fresh.db"), "import", str(f))


def _fresh_rows(tmp_path: Path, table: str) -> int:
    conn = sqlite3.connect(tmp_path / "fresh.db")
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("table", "field", "value", "fragment"),
    [
        ("sessions", "minutes", True, "sessions[0].minutes"),
        ("sessions", "minutes", 961, "1-960"),
        ("sessions", "minutes", "60", "sessions[0].minutes"),
        ("sessions", "topic", "no-such-topic", "sessions[0].topic"),
        ("sessions", "day", "2026-1-5", "sessions[0].day"),
        ("sessions", "day", "yesterday", "sessions[0].day"),
        ("sessions", "day", "2099-01-01", "in the future"),
        ("sessions", "week", 99, "outside the plan"),
        ("sessions", "week", "three", "sessions[0].week"),
        ("sessions", "week", False, "sessions[0].week"),
        ("sessions", "note", "x" * 4001, "sessions[0].note"),
        ("sessions", "note", 5, "sessions[0].note"),
        ("sessions", "id", "../../etc", "sessions[0].id"),
        ("sessions", "updated_at", "later", "sessions[0].updated_at"),
        ("statuses", "status", "mastered", "statuses[0].status"),
        ("statuses", "topic", "nope", "statuses[0].topic"),
        ("own_cards", "question", "", "own_cards[0].question"),
        ("own_cards", "topic", 3, "own_cards[0].topic"),
    ],
)
def test_import_refuses_a_bad_row_whole(
    cli: Cli, tmp_path: Path, table: str, field: str, value: Any, fragment: str
) -> None:
    doc = _export(cli, tmp_path)
    doc["data"][table][0][field] = value
    r = _import(cli, tmp_path, doc)
    assert r.exit_code == 1, r.stderr
    assert fragment in r.stderr and "nothing was imported" in r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    for t in ("sessions", "statuses", "own_cards"):
        assert _fresh_rows(tmp_path, t) == 0


def test_import_checks_cards_generated_questions_answers_and_labs(cli: Cli, tmp_path: Path) -> None:
    from fsrs import Card

    doc = _export(cli, tmp_path)
    own = doc["data"]["own_cards"][0]["id"]
    card = {"question_id": own, "topic": "attention", "card": "{}", "due": "2026-11-22T12:00:00+00:00",
            "reps": 1, "lapses": 0, "updated_at": "2026-11-22T12:00:00+00:00"}
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("cards", card, "cards[0].card"),
        ("cards", card | {"card": "not json"}, "cards[0].card"),
        ("cards", card | {"reps": True, "card": Card().to_json()}, "cards[0].reps"),
    ]
    question = {"id": "gen-x", "topic": "attention", "kind": "choice", "prompt": {"zh": "问", "en": "Q"},
                "options": [{"zh": "a", "en": "a"}], "answer_index": 0,
                "explanation": {"zh": "解", "en": "E"}, "source": {"title": "t", "url": "https://x.org"}}
    gen = {"id": "gen-x", "topic": "attention", "doc": json.dumps(question), "model": "m",
           "created_at": "2026-11-22T12:00:00+00:00"}
    cases += [
        ("generated_questions", gen, "generated_questions[0].doc"),
        ("generated_questions", gen | {"doc": "{"}, "generated_questions[0].doc"),
    ]
    answer = {"id": "0" * 32, "question_id": own, "topic": "attention", "at": "2026-11-22T12:00:00+00:00",
              "answer": "x", "correct": 2, "rating": "good", "source": "review"}
    cases += [("answers", answer, "answers[0].correct"), ("answers", answer | {"correct": 1, "rating": "wow"}, "rating")]
    lab = {"lab": "softmax-ce", "topic": "attention", "file": "/tmp/x.py", "hints_shown": -1,
           "started_at": "2026-11-22T12:00:00+00:00", "updated_at": "2026-11-22T12:00:00+00:00"}
    attempt = {"id": "1" * 32, "lab": "softmax-ce", "at": "2026-11-22T12:00:00+00:00", "passed": 1,
               "checks_passed": 5, "checks_total": 3}
    cases += [("labs", lab, "labs[0].hints_shown"), ("lab_attempts", attempt, "lab_attempts[0].checks_passed")]
    for table, row, fragment in cases:
        bad = json.loads(json.dumps(doc))
        bad["data"][table] = [row]
        r = _import(cli, tmp_path, bad)
        assert r.exit_code == 1 and fragment in r.stderr and "nothing was imported" in r.stderr, (table, r.stderr)
        assert _fresh_rows(tmp_path, "sessions") == 0
    # why a question is not valid reads in Chinese too (the data's own validators, in both languages)
    bad = json.loads(json.dumps(doc))
    bad["data"]["generated_questions"] = [gen]
    (tmp_path / "in.json").write_text(json.dumps(bad), encoding="utf-8")
    r = cli("--db", str(tmp_path / "fresh.db"), "--lang", "zh", "import", str(tmp_path / "in.json"))
    assert r.exit_code == 1 and "不是有效的题目（选择题必须正好有 4 个选项）" in r.stderr, r.stderr


def test_a_good_generated_question_and_card_import(cli: Cli, tmp_path: Path) -> None:
    from fsrs import Card

    doc = _export(cli, tmp_path)
    question = {"id": "gen-ok", "topic": "attention", "kind": "true_false", "prompt": {"zh": "问", "en": "Q"},
                "answer_bool": True, "explanation": {"zh": "解", "en": "E"},
                "source": {"title": "t", "url": "https://x.org"}}
    doc["data"]["generated_questions"] = [{"id": "gen-ok", "topic": "attention", "doc": json.dumps(question),
                                           "model": "m", "created_at": "2026-11-22T12:00:00+00:00"}]
    doc["data"]["cards"] = [{"question_id": "gen-ok", "topic": "attention", "card": Card().to_json(),
                             "due": "2026-11-22T12:00:00+00:00", "reps": 1, "lapses": 0,
                             "updated_at": "2026-11-22T12:00:00+00:00"}]
    r = _import(cli, tmp_path, doc)
    assert r.exit_code == 0, r.stderr
    assert _fresh_rows(tmp_path, "generated_questions") == 1 and _fresh_rows(tmp_path, "cards") == 1


def test_import_limits_size_nesting_and_file_kind(cli: Cli, tmp_path: Path, home: Path) -> None:
    import os

    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    r = cli("import", str(deep))
    assert r.exit_code == 1 and "nested too deeply" in r.stderr
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    r = cli("import", str(big))
    assert r.exit_code == 1 and "larger than 50 MB" in r.stderr
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    r = cli("import", str(fifo))  # must not hang waiting for a writer
    assert r.exit_code == 1 and "not a regular file" in r.stderr
    r = cli("import", str(tmp_path))
    assert r.exit_code == 1 and "not a regular file" in r.stderr
    surrogate = tmp_path / "s.json"
    doc = _export(cli, tmp_path)
    doc["data"]["sessions"][0]["note"] = "\ud800"
    surrogate.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii: a \ud800 escape
    r = cli("--db", str(tmp_path / "fresh.db"), "import", str(surrogate))
    assert r.exit_code == 1 and "sessions[0].note" in r.stderr and "surrogate" in r.stderr
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(1,)]


def _poison(home: Path) -> None:
    """Rows an older version or a hand edit could leave behind."""
    conn = sqlite3.connect(home / "llmstudy.db")
    with conn:
        rows = [
            ("a" * 32, "attention", 60, "2026-11-20", "three"),
            ("b" * 32, "attention", "lots", "2026-11-20", 1),
            ("c" * 32, "attention", 30, "yesterday", 1),
            ("d" * 32, "attention", 0, "2026-11-20", None),
            ("Legacy-ID-1", "rag", 45, "2026-11-21", None),
            ("e" * 32, "attention", 20, "2099-19-39", 1),  # the shape of a day, not a day
            ("f" * 32, "rag", 25, "2023-02-30", None),
        ]
        conn.executemany(
            "INSERT INTO sessions (id, topic, minutes, day, week, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, '2026-11-20T10:00:00+00:00', '2026-11-20T10:00:00+00:00')",
            rows,
        )
        conn.execute(
            "INSERT INTO cards (question_id, topic, card, due, reps, lapses, updated_at)"
            " VALUES ('own-000000000001', 'attention', '{broken', '2026-11-01T00:00:00+00:00', 1, 0, '2026-11-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO cards (question_id, topic, card, due, reps, lapses, updated_at)"
            " VALUES ('attention-01', 'attention', '{}', 'soon', 1, 0, '2026-11-01T00:00:00+00:00')"
        )
        conn.execute("INSERT INTO statuses (topic, status, updated_at) VALUES ('rag', 'mastered', 'x')")
        conn.execute("INSERT INTO meta (key, value) VALUES ('timer', '{not json')")
    conn.close()


def test_invalid_rows_never_break_reading_commands(cli: Cli, home: Path) -> None:
    cli.ok("log", "1h", "attention")
    _poison(home)
    for args in (["next"], ["stats"], ["sessions"], ["sessions", "--all"], ["today"], ["timer", "status"],
                 ["review", "--forecast"], ["topics"], ["export"]):
        r = cli(*args)
        assert r.exit_code == 0, (args, r.stderr)
        assert "internal error" not in r.stderr
    listed = cli.json("sessions", "--all")
    assert {s["id"] for s in listed} >= {"Legacy-ID-1"} and "a" * 32 not in {s["id"] for s in listed}
    stats = cli.json("stats")  # each sum skips the rows bad for it: minutes, then the week or the day
    assert stats["total_minutes"] == 60 + 60 + 30 + 45 + 20 + 25  # every row with valid minutes
    assert stats["by_topic"] == {"attention": 60 + 30 + 20, "rag": 45 + 25}  # not the week "three"
    assert sum(sum(m for m in row if m) for row in stats["heatmap"]["rows"]) == 60 + 60 + 45  # no day that is not one
    r = cli("review", "--json", input="x\n" * 5)
    assert r.exit_code == 0 and "internal error" not in r.stderr, r.stderr


def test_a_session_whose_day_is_no_date_cannot_be_edited_without_a_date(cli: Cli, home: Path) -> None:
    _poison(home)
    r = cli("edit", "f" * 32, "--duration", "30m")
    assert r.exit_code == 2 and "'2023-02-30' is not a date" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert cli.json("edit", "f" * 32, "--duration", "30m", "--date", "2026-11-19")["edited"]["date"] == "2026-11-19"


def test_a_session_is_found_by_its_full_id_whatever_its_form(cli: Cli, home: Path) -> None:
    _poison(home)
    assert cli.json("delete", "Legacy-ID-1")["deleted"]["id"] == "Legacy-ID-1"
    cli.ok("undo")
    assert cli.json("delete", "legacy-id-1")["deleted"]["id"] == "Legacy-ID-1"


def test_doctor_finds_and_repair_moves_aside(cli: Cli, home: Path) -> None:
    assert cli.json("doctor")["healthy"] is True
    cli.ok("log", "1h", "attention")
    _poison(home)
    r = cli("doctor", "--json")
    assert r.exit_code == 1
    report = r.json()
    assert report["integrity"] == ["ok"] and report["schema"] == report["expected_schema"]
    assert report["invalid"] == {"sessions": 6, "statuses": 1, "cards": 2}
    text = cli("doctor")
    assert "Invalid rows: sessions 6, statuses 1, cards 2" in text.stdout and "--repair" in text.stdout
    fixed = cli.json("doctor", "--repair")
    assert fixed["repaired"] == {"sessions": 6, "statuses": 1, "cards": 2}
    assert fixed["healthy"] is True and fixed["quarantined"] == 9
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(2,)]
    kept = db_rows(home, "SELECT tbl, row FROM quarantine WHERE tbl = 'sessions' ORDER BY seq")
    assert json.loads(kept[0][1])["week"] == "three"
    assert cli.ok("doctor").stdout.strip().endswith("All is well.")


ESCAPES = ("\x1b", "\x07", "\u202e", "\u2066", "\x9b")


def test_foreign_text_is_cleaned_in_every_view(cli: Cli, tmp_path: Path, home: Path) -> None:
    doc = _export(cli, tmp_path)
    doc["data"]["sessions"][0]["note"] = "evil \x1b[31mRED\x1b[0m \u202eabc\u202c \u2066x\u2069 bell\x07 csi\x9b2J"
    doc["data"]["sessions"][0]["updated_at"] = "2030-01-01T00:00:00+00:00"  # newer: the import wins
    f = tmp_path / "evil.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    cli.ok("import", str(f))
    assert "\x1b[31m" in cli.json("sessions")[0]["note"]  # kept as written; only views clean it
    shown = cli.ok("sessions").stdout
    assert "evil [31mRED[0m" in shown and "\x1b" not in shown and "\u202e" not in shown
    conn = sqlite3.connect(home / "llmstudy.db")
    with conn:  # a hand edit: the id and topic themselves hold escapes
        conn.execute(
            "INSERT INTO sessions (id, topic, minutes, day, week, note, created_at, updated_at) VALUES"
            " ('x\x1b[2Jy\u202e', 'atten\x1b]0;owned\x07tion', 30, '2026-11-21', NULL, 'n\x1b[5m',"
            " '2026-11-21T10:00:00+00:00', '2026-11-21T10:00:00+00:00')"
        )
    conn.close()
    for args in (["sessions", "--all"], ["stats"], ["show", "attention"], ["today"], ["next"], ["delete", "x\x1b[2Jy\u202e"]):
        r = cli(*args)
        assert r.exit_code in (0, 1), (args, r.stderr)
        for bad in ESCAPES:
            assert bad not in r.stdout and bad not in r.stderr, (args, repr(bad))


def test_clean_drops_bidi_and_escapes() -> None:
    from llmstudy.output.terminal import clean

    text = "a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j\x1b[0mk\x07l\ud800m"
    assert clean(text) == "abcdefghij[0mklm"
    assert clean("中文\tok\n") == "中文\tok\n"


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["log", "1" * 400 + "m", "attention"], 2, "cannot read duration"),
        (["log", "1h", "attention", "--week", "\u0663"], 2, "not a week number"),
        (["log", "1h", "attention", "--week", "\uff13"], 2, "not a week number"),
        (["log", "1h", "attention", "--week", str(10**30)], 2, "not a week number"),
        (["sessions", "--week", str(10**30)], 2, "not a week number"),
        (["edit", "abcd", "--week", str(10**30)], 2, "not a week number"),
        (["llm", "log", "-n", str(10**30)], 2, "too large"),
        (["log", "1h", "\udcff\udcfe"], 1, "unknown topic"),
        (["log", "1h", "attention", "--note", "bad \udcff note"], 2, "not valid UTF-8"),
        (["log", "1h", "attention", "--note", "lone \ud800"], 2, "not valid UTF-8"),
        (["edit", "abcd", "--note", "\udcff"], 2, "not valid UTF-8"),
        (["sessions", "--from", "\udcff"], 2, "is not a date"),
        (["card", "add", "attention", "--question", "q\udcff", "--answer", "a"], 2, "UTF-8"),
    ],
)
def test_hostile_arguments_get_one_line_errors(cli: Cli, home: Path, args: list[str], code: int, fragment: str) -> None:
    r = cli(*args)
    assert r.exit_code == code, (r.exit_code, r.stderr)
    assert fragment in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert "\udcff" not in r.stderr and "\ud800" not in r.stderr
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(0,)]
    assert db_rows(home, "SELECT count(*) FROM own_cards") == [(0,)]


def test_non_utf8_stdin_is_not_a_crash(cli: Cli, home: Path) -> None:
    from llmstudy.cli.app import load

    app = load()

    r = cli.runner.invoke(app, ["quiz", "attention", "--offline", "-n", "1"], input=b"\xff\xfe\n")
    assert r.exit_code in (0, 2) and "internal error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    if r.exit_code == 2:
        assert "not valid UTF-8" in r.stderr
        assert db_rows(home, "SELECT count(*) FROM answers") == [(0,)]


def test_export_writes_only_regular_files(cli: Cli, tmp_path: Path) -> None:
    import os
    import time

    cli.ok("log", "1h", "attention")
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    cli.ok("export", "-o", str(link))
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["format"] == "llmstudy-export"
    assert json.loads(cli.ok("export", "-o", "-").stdout)["format"] == "llmstudy-export"
    assert "question_zh" in cli.ok("export", "--format", "csv", "-o", "-").stdout
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for where in (tmp_path, fifo, Path("/dev/null")):
        r = cli("export", "-o", str(where))
        assert r.exit_code == 2 and "cannot write to" in r.stderr and "-o -" in r.stderr, r.stderr
    r = cli("export", "--format", "anki", "-o", str(tmp_path))
    assert r.exit_code == 2 and "a folder" in r.stderr
    # a temp file left by a killed export is removed by the next one; a fresh one (in progress) is not
    stale = tmp_path / ".out.json.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    fresh = tmp_path / ".out.json.def456.tmp"
    fresh.write_text("busy", encoding="utf-8")
    cli.ok("export", "-o", str(tmp_path / "out.json"))
    assert not stale.exists() and fresh.exists()
    assert sorted(p.name for p in tmp_path.glob(".out.json.*")) == [fresh.name]


def test_data_folder_files_must_be_regular(cli: Cli, tmp_path: Path) -> None:
    import os
    import shutil

    from tests.helpers import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "timeline.yaml").unlink()
    os.mkfifo(data / "timeline.yaml")
    r = cli("--db", str(tmp_path / "x.db"), "--data", str(data), "topics")  # must not hang on the FIFO
    assert r.exit_code == 1 and "not a regular file" in r.stderr, r.stderr


def test_a_foreign_sqlite_file_is_left_alone(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "shop.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    for args in (["stats"], ["log", "1h", "attention"], ["import", str(other)]):
        r = cli("--db", str(other), *args)
        assert r.exit_code == 1 and "is not an llmstudy database" in r.stderr and "customers" in r.stderr, r.stderr
    assert other.read_bytes() == before
    assert not Path(str(other) + "-wal").exists()
    conn = sqlite3.connect(other)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["customers"]
    conn.close()


def test_a_database_we_may_not_change_opens_read_only(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, which ignores file modes, so os.access is made to answer as for a
    user without write permission on the folder: the same decision the program makes."""
    import os

    cli.ok("log", "1h", "attention")
    db_path = home / "llmstudy.db"
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    real_access = os.access

    def access(path: Any, mode: int, **kw: Any) -> bool:
        if mode & os.W_OK and Path(path).resolve() in (db_path.resolve(), home.resolve()):
            return False
        return real_access(path, mode, **kw)

    monkeypatch.setattr(os, "access", access)
    before = db_rows(home, "SELECT count(*) FROM sessions")
    assert len(cli.json("sessions")) == 1
    cli.ok("stats")
    cli.ok("next")
    out = tmp_path / "backup.json"
    cli.ok("export", "-o", str(out))
    assert len(json.loads(out.read_text(encoding="utf-8"))["data"]["sessions"]) == 1
    for args in (["log", "30m", "attention"], ["done", "attention"], ["doctor", "--repair"], ["import", str(out)]):
        r = cli(*args)
        assert r.exit_code == 1, (args, r.stderr)
        assert "read-only" in r.stderr and str(db_path) in r.stderr, r.stderr
    assert db_rows(home, "SELECT count(*) FROM sessions") == before


def _freeze(folder: Path) -> Callable[[], None] | None:
    """Make ``folder`` really read-only (chmod as a user; as root, which ignores modes, the
    immutable flag), checked by trying to write; return how to undo it, or None if this
    machine cannot."""
    import os
    import subprocess

    def writable() -> bool:
        try:
            (folder / ".probe").write_text("x")
        except OSError:
            return False
        (folder / ".probe").unlink()
        return True

    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)

        def restore() -> None:
            for p, m in modes.items():
                p.chmod(m)

        if writable():
            restore()
            return None
        return restore
    paths = [str(folder), *(str(p) for p in folder.iterdir())]

    def unset() -> None:
        subprocess.run(["chattr", "-i", *paths], capture_output=True, check=False)

    if subprocess.run(["chattr", "+i", *paths], capture_output=True, check=False).returncode != 0 or writable():
        unset()
        return None
    return unset


def test_a_really_read_only_folder(cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same through the entry point in a subprocess, in a folder the OS refuses to change
    (here the immutable flag, as tests run as root). On a machine that can make none, the
    program's own decision is simulated instead, in-process, as in the test above."""
    import os

    cli.ok("log", "1h", "attention")
    conn = sqlite3.connect(home / "llmstudy.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    thaw = _freeze(home)

    def run(*args: str) -> tuple[int, str, str]:
        if thaw is not None:
            p = run_process(*args)
            return p.returncode, p.stdout, p.stderr
        r = cli(*args)
        return r.exit_code, r.stdout, r.stderr

    if thaw is None:
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda path, mode, **kw: not (mode & os.W_OK) and real_access(path, mode, **kw))
    try:
        code, out, err = run("sessions", "--json")
        assert code == 0 and len(json.loads(out)) == 1, err
        assert run("export", "-o", str(tmp_path / "backup.json"))[0] == 0
        code, out, err = run("log", "30m", "attention")
        assert code == 1 and "read-only" in err and "Traceback" not in err, err
    finally:
        if thaw is not None:
            thaw()
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(1,)]


def test_disk_full_and_read_only_errors_have_their_own_words() -> None:
    import errno
    import io
    import sys

    from llmstudy.cli.boundary import report

    cases = [
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (sqlite3.OperationalError("database or disk is full"), "the disk is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.DatabaseError("file is not a database"), "database error"),
        (OverflowError("Python int too large to convert to SQLite INTEGER"), "too large"),
    ]
    for exc, words in cases:
        saved, sys.stderr = sys.stderr, io.StringIO()
        try:
            code = report(exc)
            text = sys.stderr.getvalue()
        finally:
            sys.stderr = saved
        assert code in (1, 2) and words in text and "internal error" not in text, (exc, text)


def test_secrets_never_stored_or_shown(cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fake_llm import FakeLLM

    secret, token = "sk-test-SECRET-abcdef123456", "userTOKEN-98765"
    server = FakeLLM().start()
    try:
        url = server.base_url.replace("http://", f"http://learner:{token}@")
        monkeypatch.setenv("OPENAI_BASE_URL", url)
        monkeypatch.setenv("OPENAI_API_KEY", secret)
        monkeypatch.setenv("LLMSTUDY_MODEL", "fake-model")
        monkeypatch.setenv("LLMSTUDY_LLM_TIMEOUT", "5")
        long_reply = "x" * 40_000
        # the model echoes the key and a URL with a password; the reply is far over 16 KB
        server.replies = [{"stream": [f"your key is {secret} ", f"see https://a:{token}@h.example/p?k={token} ", long_reply]}]
        r = cli("explain", "attention", "--ask", f"is {secret} mine?")
        assert r.exit_code == 0, r.stderr
        status = cli.json("llm", "status")
        text = cli.ok("llm", "status").stdout
        calls = cli.json("llm", "log", "--full") if "--full" in cli("llm", "log", "--help").stdout else cli.json("llm", "log")
        monkeypatch.setenv("OPENAI_BASE_URL", url + "?api-key=" + token)
        shown = cli("llm", "status", "--json")
    finally:
        server.stop()
    assert status["base_url"] == server.base_url and token not in text
    assert calls[0]["host"] == server.base_url.split("/")[2]
    assert token not in shown.stdout + shown.stderr and secret not in shown.stdout + shown.stderr
    stored = db_rows(home, "SELECT host, prompt, response FROM llm_calls")
    host, prompt, response = stored[0]
    assert token not in host and secret not in (prompt or "") and secret not in response and token not in response
    assert "[redacted]" in response and len(response) < 17_000 and "[truncated:" in response
    for f in home.iterdir():
        if f.is_file():
            data = f.read_bytes()
            assert secret.encode() not in data and token.encode() not in data, f


def test_import_says_what_it_added_and_updated(cli: Cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    sid = cli.json("--db", str(a), "log", "1h", "attention")["session"]["id"]
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "a.json"))
    cli.ok("--db", str(b), "edit", sid, "--duration", "2h")
    cli.ok("--db", str(b), "log", "30m", "rag")
    doc = json.loads(cli.ok("--db", str(b), "export").stdout)
    for row in doc["data"]["sessions"]:  # b's edit is the newer one, whatever the second
        row["updated_at"] = "2030-01-01T00:00:00+00:00"
    (tmp_path / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    result = cli.json("--db", str(a), "import", str(tmp_path / "b.json"))
    assert result["added"]["sessions"] == 1 and result["updated"]["sessions"] == 1
    minutes = {s["id"]: s["minutes"] for s in cli.json("--db", str(a), "sessions")}
    assert minutes[sid] == 120
    again = cli.json("--db", str(a), "import", str(tmp_path / "b.json"))
    assert not any(again["added"].values()) and not any(again["updated"].values())


def test_a_deletion_travels_and_undo_stays_local(cli: Cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    sid = cli.json("--db", str(a), "log", "1h", "attention")["session"]["id"]
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "a.json"))
    cli.ok("--db", str(a), "delete", sid)
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a2.json"))
    cli.ok("--db", str(b), "export", "-o", str(tmp_path / "b.json"))
    cli.ok("--db", str(a), "import", str(tmp_path / "b.json"))  # b's older copy does not bring it back
    assert cli.json("--db", str(a), "sessions") == []
    assert cli.json("--db", str(b), "import", str(tmp_path / "a2.json"))["updated"]["deleted"] == 1
    assert cli.json("--db", str(b), "sessions") == []
    # b's undo reverts b's own last change, the import that brought the deletion (whole),
    # never a's deletion on a; then b's first import; then nothing
    undone = cli.json("--db", str(b), "undo")["undone"]
    assert (undone["kind"], undone["added"], undone["updated"]) == ("import", 0, 1)  # it had deleted one
    assert len(cli.json("--db", str(b), "sessions")) == 1 and cli.json("--db", str(a), "sessions") == []
    assert cli.json("--db", str(b), "undo")["undone"]["kind"] == "import"
    assert cli.json("--db", str(b), "sessions") == []
    r = cli("--db", str(b), "undo")
    assert r.exit_code == 1 and "nothing to undo" in r.stderr


def test_deleted_notes_travel_and_an_undone_note_stays_gone(cli: Cli, tmp_path: Path) -> None:
    """A note deleted (or written and undone) on one machine is not brought back by the other's
    older copy, and the deletion reaches the other machine; a note edited there after the
    deletion survives it."""
    a, b = ["--db", str(tmp_path / "a.db")], ["--db", str(tmp_path / "b.db")]
    note = {t: cli.json(*a, "note", "attention", t)["added"]["id"] for t in ("keep", "gone", "edited there")}
    cli.ok(*a, "export", "-o", str(tmp_path / "a1.json"))
    cli.ok(*b, "import", str(tmp_path / "a1.json"))
    cli.ok(*a, "note-delete", note["gone"])
    cli.ok(*a, "note-delete", note["edited there"])
    cli.ok(*a, "note", "rag", "undone")
    cli.ok(*a, "export", "-o", str(tmp_path / "a2.json"))
    cli.ok(*b, "import", str(tmp_path / "a2.json"))  # b now has "undone" too
    assert cli.json(*a, "undo")["undone"]["action"] == "note"
    cli.ok(*a, "export", "-o", str(tmp_path / "a3.json"))
    doc = json.loads(cli.ok(*b, "export").stdout)  # b's older copies, and an edit made there later
    doc["data"]["notes"].append({**next(n for n in json.loads((tmp_path / "a1.json").read_text())["data"]["notes"] if n["id"] == note["edited there"]),
                                 "text": "edited there, later", "updated_at": "2099-01-01T00:00:00+00:00"})  # fmt: skip
    (tmp_path / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    cli.ok(*a, "import", str(tmp_path / "b.json"))
    assert sorted(n["text"] for n in cli.json(*a, "notes")) == ["edited there, later", "keep"]
    assert cli.json(*b, "import", str(tmp_path / "a3.json"))["updated"]["deleted"] == 1  # "undone"; "gone" went with a2
    assert [n["text"] for n in cli.json(*b, "notes")] == ["keep"]
    assert cli.json(*a, "search", "gone", "--kind", "note")["hits"] == []


def test_an_import_can_be_undone_whole(cli: Cli, tmp_path: Path) -> None:
    """Undo after an import takes back what it added, restores what it replaced or deleted,
    and withdraws its tombstones; the import's summary says so."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    shared = cli.json("--db", str(a), "log", "1h", "attention")["session"]["id"]
    gone = cli.json("--db", str(a), "log", "20m", "moe")["session"]["id"]
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a1.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "a1.json"))
    cli.ok("--db", str(b), "done", "rag")
    before = cli.json("--db", str(b), "sessions")
    cli.ok("--db", str(a), "edit", shared, "--duration", "2h")
    cli.ok("--db", str(a), "delete", gone)
    cli.ok("--db", str(a), "log", "30m", "lora")
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a2.json"))
    out = cli.ok("--db", str(b), "import", str(tmp_path / "a2.json")).stdout
    assert "Undo with: llmstudy undo" in out
    assert {s["topic"]: s["minutes"] for s in cli.json("--db", str(b), "sessions")} == {"attention": 120, "lora": 30}
    undone = cli.ok("--db", str(b), "undo").stdout
    assert "Undid import: removed the 1 row it added, restored the 2 it changed" in undone, undone
    after = cli.json("--db", str(b), "sessions")
    strip = [{k: v for k, v in s.items() if k != "updated_at"} for s in before]
    assert [{k: v for k, v in s.items() if k != "updated_at"} for s in after] == strip
    assert cli.json("--db", str(b), "show", "rag")["status"] == "done"  # b's own change stays
    # its tombstone is withdrawn too: b's export no longer deletes moe elsewhere
    doc = json.loads(cli.ok("--db", str(b), "export").stdout)
    assert all(d["key"] != gone for d in doc["data"]["deleted"])


def test_an_import_is_not_undone_over_answers_given_since(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    cli.ok("--db", str(a), "log", "1h", "attention")
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "a.json"))
    monkeypatch.setenv("LLMSTUDY_TODAY", "2099-01-01")  # an answer after the import (the import is stamped by the real clock)
    cli.ok("--db", str(b), "quiz", "attention", "-n", "1", "--offline", "--seed", "1", input="a\n")
    r = cli("--db", str(b), "undo")
    assert r.exit_code == 1 and "answers were recorded after that import" in r.stderr
    zh = cli("--db", str(b), "undo", "--lang", "zh")
    assert zh.exit_code == 1 and "导入之后又有了新的答题" in zh.stderr and "answers" not in zh.stderr
    assert len(cli.json("--db", str(b), "sessions")) == 1


def test_the_llm_log_travels_and_an_imported_host_cannot_carry_secrets(cli: Cli, tmp_path: Path) -> None:
    from llmstudy.llm.client import CallRecord
    from llmstudy.storage.store import Store
    from tests.helpers import DATA

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    cli.ok("--db", str(a), "topics")  # creates and loads it
    with Store.open(a, DATA) as s:
        s.record_llm_call(CallRecord("quiz", "m", "127.0.0.1:8080", "json_schema", "p", "r", 10, 5, 900, None))
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a.json"))
    assert cli.json("--db", str(b), "import", str(tmp_path / "a.json"))["added"]["llm_calls"] == 1
    calls = cli.json("--db", str(b), "llm", "log")
    assert [(c["purpose"], c["latency_ms"]) for c in calls] == [("quiz", 900)]
    doc = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    doc["data"]["llm_calls"][0]["host"] = "user:secret@example.com"
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    r = cli("--db", str(tmp_path / "c.db"), "import", str(tmp_path / "bad.json"))
    assert r.exit_code == 1 and "llm_calls[0].host" in r.stderr and "secret" not in r.stderr
