"""The SQLite store: migrations, catalog reloads that leave user data alone, damaged files."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import yaml

from llmstudy.storage.migrations import MIGRATIONS
from llmstudy.storage.store import Store
from llmstudy.storage.tables import CURATED_TABLES, SCHEMA_VERSION, USER_TABLES
from tests.helpers import DATA, Cli


def test_schema_version_matches_migrations() -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION


def test_migrations_from_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = Store.open(path, DATA)
    assert store.schema_version() == SCHEMA_VERSION
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(CURATED_TABLES) | set(USER_TABLES) | {"meta"} <= tables
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.meta("catalog_hash")
    indexes = {r[0] for r in store.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index'") if r[0]}
    assert any('"sessions" ("day", "minutes")' in s for s in indexes)
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_migrating_step_by_step_keeps_data(tmp_path: Path) -> None:
    """A database at version 1 with user data upgrades to the current schema intact."""
    from llmstudy.storage.migrations import migrate

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 1)
    conn.execute(
        "INSERT INTO sessions (id, topic, minutes, day, week, note, created_at, updated_at)"
        " VALUES ('abc123', 'attention', 60, '2026-11-01', 1, 'old', '2026-11-01T10:00:00+00:00',"
        " '2026-11-01T10:00:00+00:00')"
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    store = Store.open(path, DATA)
    assert store.schema_version() == SCHEMA_VERSION
    assert [s.id for s in store.sessions()[0]] == ["abc123"]
    store.close()


def test_newer_schema_is_refused(cli: Cli, home: Path) -> None:
    conn = sqlite3.connect(home / "llmstudy.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    r = cli("topics")
    assert r.exit_code == 1 and "newer llmstudy" in r.stderr and "hint: upgrade" in r.stderr


def test_reload_on_data_change_keeps_user_tables(cli: Cli, tmp_path: Path, home: Path) -> None:
    cli.ok("log", "1h", "attention", "--note", "kept")
    cli.ok("done", "mlp")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "roadmap.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["topics"][0]["title"]["en"] = "Changed title"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")

    conn = sqlite3.connect(home / "llmstudy.db")
    hash_before = conn.execute("SELECT value FROM meta WHERE key = 'catalog_hash'").fetchone()[0]
    conn.close()
    rows = cli.json("--data", str(data), "topics")
    assert rows[0]["title"] == "Changed title"
    conn = sqlite3.connect(home / "llmstudy.db")
    assert conn.execute("SELECT value FROM meta WHERE key = 'catalog_hash'").fetchone()[0] != hash_before
    assert conn.execute("SELECT topic, note FROM sessions").fetchall() == [("attention", "kept")]
    assert conn.execute("SELECT topic, status FROM statuses").fetchall() == [("mlp", "done")]
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 2
    conn.close()


def test_no_reload_when_unchanged(home: Path) -> None:
    store = Store.open(home / "llmstudy.db", DATA)
    assert store.ensure_catalog(DATA) is False
    store.close()


def test_damaged_database_file(cli: Cli, home: Path) -> None:
    (home / "llmstudy.db").write_bytes(b"this is not sqlite at all" * 100)
    for args in (["topics"], ["next"], ["log", "1h", "attention"]):
        r = cli(*args)
        assert r.exit_code == 1, args
        assert r.stderr.startswith("error: ") and "not a usable llmstudy database" in r.stderr
        assert "hint: " in r.stderr and "Traceback" not in r.stderr


def test_db_path_is_a_folder(cli: Cli, tmp_path: Path) -> None:
    r = cli("--db", str(tmp_path), "topics")
    assert r.exit_code == 1 and "is not a file" in r.stderr
