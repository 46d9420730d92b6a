"""Logging, editing, undo, statuses, stats, export/import through the real CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import TODAY, Cli, answering, db_rows, run_on_terminal


def test_log_records_a_session_with_totals(cli: Cli, home: Path) -> None:
    d = cli.json("log", "1h30m", "attention", "--note", "derived softmax(QK^T)V")
    assert d["session"]["minutes"] == 90 and d["session"]["topic"] == "attention"
    assert d["session"]["date"] == TODAY and d["session"]["week"] == 1
    assert d["totals"]["topic"] == {"logged_minutes": 90, "planned_minutes": 60}
    assert d["totals"]["week"] == {"week": 1, "logged_minutes": 90, "planned_minutes": 240}
    assert d["chosen_by_next"] is False
    import uuid

    assert uuid.UUID(hex=d["session"]["id"]).version == 4
    assert db_rows(home, "SELECT topic, minutes, day, week, note FROM sessions") == [
        ("attention", 90, TODAY, 1, "derived softmax(QK^T)V")
    ]
    out = cli.ok("log", "30m", "self-attention").stdout
    assert "Logged 30m on" in out and "Topic: 2h / 1h" in out and "Week 1: 2h / 4h" in out


def test_log_without_topic_uses_next(cli: Cli) -> None:
    expected = cli.json("next")["topic"]["id"]
    d = cli.json("log", "20m")
    assert d["chosen_by_next"] is True and d["topic"]["id"] == expected
    assert "used the one `llmstudy next` recommends" in cli.ok("log", "20m").stdout


def test_log_date_and_week(cli: Cli) -> None:
    assert cli.json("log", "1h", "rag", "--date", "yesterday")["session"]["date"] == "2026-11-21"
    assert cli.json("log", "1h", "rag", "--date", "2026-10-01")["session"]["date"] == "2026-10-01"
    d = cli.json("log", "1h", "rag", "--week", "6")
    assert d["session"]["week"] == 6 and d["totals"]["week"]["week"] == 6
    assert cli.json("log", "1h", "rag")["session"]["week"] is None  # rag is not in the weekly plan
    assert cli.json("log", "1h", "moe")["session"]["week"] == 6


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["log", "2"], 2, "no unit"),
        (["log", "abc", "attention"], 2, "cannot read duration"),
        (["log", "0m", "attention"], 2, "zero"),
        (["log", "17h", "attention"], 2, "more than 16 hours"),
        (["log", "1h", "attention", "--date", "2026-11-23"], 2, "in the future"),
        (["log", "1h", "attention", "--date", "someday"], 2, "not a date"),
        (["log", "1h", "attenshun"], 1, "did you mean attention"),
        (["log", "1h", "attention", "--week", "7"], 2, "outside the plan"),
        (["log", "1h", "attention", "--week", "0"], 2, "outside the plan"),
    ],
)
def test_bad_log_writes_nothing(cli: Cli, home: Path, args: list[str], code: int, fragment: str) -> None:
    r = cli(*args)
    assert r.exit_code == code, r.stderr
    assert fragment in r.stderr and r.stderr.startswith("error: ") and "\nhint: " in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(0,)]
    assert db_rows(home, "SELECT count(*) FROM journal") == [(0,)]


def test_negative_duration_is_a_usage_error(cli: Cli, home: Path) -> None:
    r = cli("log", "-1h", "attention")
    assert r.exit_code == 2
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(0,)]


def test_sessions_filters_and_shape(cli: Cli) -> None:
    cli.ok("log", "1h", "attention", "--date", "2026-11-01")
    cli.ok("log", "2h", "transformer", "--date", "2026-11-10")
    cli.ok("log", "45m", "rag", "--note", "hybrid search")
    all_ = cli.json("sessions")
    assert [s["topic"] for s in all_] == ["attention", "transformer", "rag"]
    assert set(all_[0]) == {"id", "topic", "minutes", "date", "week", "note"}
    assert [s["topic"] for s in cli.json("sessions", "--topic", "自注意力")] == ["attention"]
    assert [s["topic"] for s in cli.json("sessions", "--week", "1")] == ["attention", "transformer"]
    assert [s["topic"] for s in cli.json("sessions", "--from", "2026-11-05", "--to", "2026-11-20")] == ["transformer"]
    assert "hybrid search" in cli.ok("sessions").stdout


def test_sessions_shows_the_latest_and_says_how_many_are_hidden(cli: Cli) -> None:
    from llmstudy.actions.tracking import DEFAULT_SESSIONS

    total = DEFAULT_SESSIONS + 2
    for day in range(1, total + 1):
        cli.ok("log", "10m", "attention", "--date", f"2026-10-{day:02d}", "--note", f"day {day}")
    text = cli.ok("sessions").stdout
    notes = [line.rstrip().rsplit("day ", 1)[1] for line in text.splitlines() if "day " in line]
    assert notes == [str(d) for d in range(3, total + 1)]  # the latest, oldest first
    assert "2 earlier sessions not shown (--limit N or --all shows more)" in text
    assert "21 earlier sessions not shown" in cli.ok("sessions", "--limit", "1").stdout
    everything = cli.ok("sessions", "--all").stdout
    assert "not shown" not in everything and "day 1\n" in everything
    assert "另有 2 条较早的记录未显示" in cli.ok("sessions", "--lang", "zh").stdout
    assert len(cli.json("sessions")) == total and len(cli.json("sessions", "--limit", "3")) == 3


def test_the_help_states_the_defaults_the_actions_use(cli: Cli) -> None:
    """Help writes these defaults as text (reading them would load the actions for any --help)."""
    from llmstudy.actions.search import LIMIT
    from llmstudy.actions.tracking import DEFAULT_SESSIONS, DEFAULT_STREAK_MINUTES

    assert f"(default {DEFAULT_SESSIONS};" in " ".join(cli.ok("sessions", "--help").stdout.split())
    assert f"(default {DEFAULT_STREAK_MINUTES})" in " ".join(cli.ok("stats", "--help").stdout.split())
    assert f"（默认 {DEFAULT_STREAK_MINUTES}）" in cli.ok("--lang", "zh", "stats", "--help").stdout
    assert f"(default {LIMIT})" in " ".join(cli.ok("search", "--help").stdout.split())


def test_edit_delete_undo(cli: Cli) -> None:
    sid = cli.json("log", "1h", "attention")["session"]["id"]
    edited = cli.json("edit", sid[:6], "--duration", "45m", "--note", "fixed")
    assert edited["edited"]["minutes"] == 45 and edited["edited"]["note"] == "fixed"
    moved = cli.json("edit", sid, "--topic", "moe")
    assert moved["edited"]["topic"] == "moe" and moved["edited"]["week"] == 6
    assert cli("edit", sid, "--date", "2030-01-01").exit_code == 2
    assert cli("edit", sid).exit_code == 2
    assert cli.json("sessions")[0]["topic"] == "moe"

    undone = cli.json("undo")["undone"]
    assert undone["action"] == "edit" and undone["restored"]["topic"] == "attention"
    assert cli.json("sessions")[0]["topic"] == "attention"

    cli.ok("delete", sid[:8])
    assert cli.json("sessions") == []
    out = cli.ok("undo").stdout
    assert "Undid delete" in out
    assert cli.json("sessions")[0]["minutes"] == 45

    r = cli("delete", "ffffffff")
    assert r.exit_code == 1 and "no session" in r.stderr
    assert cli("delete", "ab").exit_code == 1


def test_undo_reverts_log_and_status_then_nothing(cli: Cli) -> None:
    cli.ok("log", "1h", "attention")
    cli.ok("done", "attention")
    assert "attention is pending again" in cli.ok("undo").stdout
    assert "Undid log" in cli.ok("undo").stdout
    assert cli.json("sessions") == []
    r = cli("undo")
    assert r.exit_code == 1 and "nothing to undo" in r.stderr


def test_statuses(cli: Cli) -> None:
    cli.ok("done", "attention")
    cli.ok("skip", "dev-environment")
    cli.ok("start", "transformer")
    by_id = {t["id"]: t for t in cli.json("topics")}
    assert by_id["attention"]["status"] == "done"
    assert by_id["dev-environment"]["status"] == "skipped"
    assert by_id["transformer"]["status"] == "learning"
    cli.ok("reset", "attention")
    assert {t["id"]: t for t in cli.json("topics")}["attention"]["status"] == "pending"
    r = cli("done", "nope-topic")
    assert r.exit_code == 1


def test_next_explains_and_follows_progress(cli: Cli) -> None:
    d = cli.json("next")
    assert d["topic"]["id"] == "dev-environment"
    assert any("no prerequisites" in r for r in d["reasons"])
    assert d["after"]["id"]
    cli.ok("done", "dev-environment")
    d = cli.json("next")
    # transformer comes before attention in week 1 but needs it: attention first.
    assert d["topic"]["id"] == "attention"
    cli.ok("done", "attention")
    d = cli.json("next")
    assert d["topic"]["id"] == "transformer"
    assert any("prerequisites are done" in r for r in d["reasons"])
    zh = cli.json("next", "--lang", "zh")
    assert zh["topic"]["id"] == "transformer" and any("前置" in r for r in zh["reasons"])


def test_next_stays_with_the_topic_in_progress(cli: Cli) -> None:
    """The walk that used to go wrong: MHA started, then `next` jumped to feed-forward."""
    for t in ("dev-environment", "attention", "transformer", "text-generation", "word-embeddings", "positional-encoding"):
        cli.ok("done", t)
    cli.ok("start", "multi-head-attention")
    cli.ok("log", "40m", "multi-head-attention")
    d = cli.json("next")
    assert d["topic"]["id"] == "multi-head-attention"
    assert "in the middle of it (40m logged)" in d["reasons"][0]
    assert not any("next unfinished" in r for r in d["reasons"])
    logged = cli.json("log", "30m", "--note", "continued MHA")
    assert logged["topic"]["id"] == "multi-head-attention" and logged["chosen_by_next"]
    cli.ok("done", "multi-head-attention")
    assert cli.json("next")["topic"]["id"] == "feed-forward"  # then the plan's order


def test_next_reports_behind_plan(cli: Cli) -> None:
    cli.ok("log", "30m", "attention", "--date", "2026-11-01")
    d = cli.json("next")
    assert d["position"]["calendar_stage"] == 4
    # day 22: weeks 1-3 in full and the first day of week 4 (6h / 7)
    assert d["position"]["planned_minutes_to_date"] == (4 + 5 + 5) * 60 + round(6 * 60 / 7)
    assert d["position"]["behind_minutes"] == (4 + 5 + 5) * 60 + round(6 * 60 / 7) - 30
    assert any("behind plan" in r for r in d["reasons"])


def test_next_when_track_is_finished(cli: Cli) -> None:
    track = cli.json("roadmap", "--track", "concept-tree")["tracks"][0]
    for stage in track["stages"]:
        for t in stage["topics"]:
            cli.ok("done", t)
    d = cli.json("next", "--track", "concept-tree")
    assert d["topic"] is None and "done or skipped" in d["reasons"][0]
    assert "every topic" in cli.ok("next", "--track", "concept-tree").stdout


def test_stats_json(cli: Cli) -> None:
    cli.ok("log", "1h", "attention", "--date", "2026-11-20")
    cli.ok("log", "20m", "attention", "--date", "2026-11-21")
    cli.ok("log", "30m", "moe", "--date", "2026-11-22")
    cli.ok("log", "10m", "rag", "--date", "2026-11-18")
    s = cli.json("stats")
    assert s["total_minutes"] == 120
    assert s["by_topic"] == {"attention": 80, "moe": 30, "rag": 10}
    assert s["by_roadmap_week"]["1"] == {
        "title": s["by_roadmap_week"]["1"]["title"],
        "planned_minutes": 240,
        "logged_minutes": 80,
    }
    assert s["by_roadmap_week"]["6"]["logged_minutes"] == 30
    assert s["streak_days"] == 3
    assert cli.json("stats", "--streak-minutes", "30")["streak_days"] == 1
    assert len(s["by_calendar_week"]) == 8 and s["by_calendar_week"][-1]["minutes"] == 120
    assert len(s["heatmap"]["rows"]) == 7 and all(len(r) == 12 for r in s["heatmap"]["rows"])
    out = cli.ok("stats").stdout
    assert "Streak: 3" in out and "Roadmap weeks" in out
    assert cli.ok("stats", "--lang", "zh").stdout


def test_export_import_round_trip(cli: Cli, tmp_path: Path, home: Path) -> None:
    cli.ok("log", "1h", "attention", "--note", "我的笔记")
    cli.ok("done", "mlp")
    out = tmp_path / "backup.json"
    cli.ok("export", "-o", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "llmstudy-export" and doc["version"] == 3
    assert doc["data"]["sessions"][0]["note"] == "我的笔记"

    # importing into the same database twice adds nothing
    assert cli.json("import", str(out))["added"]["sessions"] == 0
    assert len(cli.json("sessions")) == 1

    # into a fresh database: everything comes back, once
    other = tmp_path / "other.db"
    assert cli.json("--db", str(other), "import", str(out))["added"] == {
        "sessions": 1,
        "statuses": 1,
        "cards": 0,
        "answers": 0,
        "generated_questions": 0,
        "labs": 0,
        "lab_attempts": 0,
        "own_cards": 0,
        "notes": 0,
        "explanations": 0,
        "llm_calls": 0,
    }
    cli.ok("--db", str(other), "import", str(out))
    assert len(cli.json("--db", str(other), "sessions")) == 1
    assert {t["id"]: t for t in cli.json("--db", str(other), "topics")}["mlp"]["status"] == "done"


def test_merge_from_two_machines(cli: Cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    cli.ok("--db", str(a), "log", "1h", "attention")
    cli.ok("--db", str(b), "log", "2h", "rag")
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "a.json"))
    cli.ok("--db", str(b), "export", "-o", str(tmp_path / "b.json"))
    cli.ok("--db", str(a), "import", str(tmp_path / "b.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "a.json"))
    ids_a = sorted(s["id"] for s in cli.json("--db", str(a), "sessions"))
    ids_b = sorted(s["id"] for s in cli.json("--db", str(b), "sessions"))
    assert ids_a == ids_b and len(ids_a) == 2


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json", "not JSON"),
        ('{"format": "other"}', "not an llmstudy export"),
        ('{"format": "llmstudy-export", "version": 99, "data": {}}', "not supported"),
        ('{"format": "llmstudy-export", "version": 0, "data": {}}', "not supported"),
        ('{"format": "llmstudy-export", "version": 1, "data": {"sessions": [{"id": "x"}]}}', "lacks"),
        (
            '{"format": "llmstudy-export", "version": 1, "data": {"sessions": [{"id": "0123456789abcdef0123456789abcdef",'
            ' "topic": "attention", "minutes": -5, "day": "2026-01-01", "created_at": "t", "updated_at": "t"}]}}',
            "minutes must be",
        ),
        ('{"format": "llmstudy-export", "version": 1, "data": {"secrets": []}}', "unknown table"),
    ],
)
def test_bad_import_changes_nothing(cli: Cli, tmp_path: Path, home: Path, content: str, fragment: str) -> None:
    cli.ok("log", "1h", "attention")
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    r = cli("import", str(f))
    assert r.exit_code == 1 and fragment in r.stderr and "nothing was imported" in r.stderr
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(1,)]


def test_import_missing_file(cli: Cli, tmp_path: Path) -> None:
    r = cli("import", str(tmp_path / "nope.json"))
    assert r.exit_code == 1 and "no such file" in r.stderr


def test_roadmap_and_topics_show_logged_hours(cli: Cli) -> None:
    cli.ok("log", "2h", "attention")
    weeks = cli.json("roadmap")["weeks"]
    assert weeks[0]["logged_hours"] == 2
    assert {t["id"]: t for t in cli.json("topics")}["attention"]["logged_minutes"] == 120
    assert "2h/4h" in cli.ok("roadmap", "--track", "six-week").stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tracking_views_fit_80_columns(cli: Cli, lang: str) -> None:
    from llmstudy.output.terminal import cells

    note = "推导了缩放点积注意力 softmax(QKᵀ/√d_k)V，并且用 PyTorch 写了一个多头注意力的小实现 " * 2
    cli.ok("log", "1h30m", "multi-head-attention", "--note", note)
    cli.ok("log", "20m", "moe", "--date", "2026-10-01")
    cli.ok("done", "dev-environment")
    for args in (
        ["next"],
        ["log", "10m", "rag", "--note", note],
        ["sessions"],
        ["stats"],
        ["explain", "lora"],
        ["roadmap"],
    ):
        out = cli.ok(*args, "--lang", lang).stdout
        for line in out.splitlines():
            assert cells(line) <= 80, (args, line)


def _age_newest_change(home: Path, at: str) -> None:
    conn = sqlite3.connect(home / "llmstudy.db")
    with conn:
        conn.execute("UPDATE journal SET at = ? WHERE seq = (SELECT max(seq) FROM journal)", (at,))
    conn.close()


def test_undo_says_what_when_and_which_id(cli: Cli, home: Path) -> None:
    sid = cli.json("log", "1h", "attention")["session"]["id"]
    _age_newest_change(home, f"{TODAY}T11:55:00+00:00")  # the test clock reads noon
    out = cli.ok("undo").stdout
    assert f"Undid log: removed 1h attention {TODAY} ({sid[:8]}, made 5 minutes ago)" in out
    cli.ok("done", "attention")
    _age_newest_change(home, f"{TODAY}T11:59:30+00:00")
    assert "是未开始（刚才）" in cli.ok("--lang", "zh", "undo").stdout.replace("恢复为", "是")
    assert cli.json("undo")["undone"] is None


def test_an_old_change_is_confirmed_on_a_terminal(cli: Cli, home: Path) -> None:
    cli.ok("log", "1h", "attention")
    _age_newest_change(home, f"{TODAY}T09:00:00+00:00")  # three hours before the test clock's noon
    asked: list[str] = []
    code, text = run_on_terminal("undo", respond=answering("Undo it?", "n", asked))
    assert code == 1 and asked and "The newest change is a log" in asked[0] and "09:00" not in text.split("?")[-1]
    assert len(cli.json("sessions")) == 1  # refused: nothing undone
    code, text = run_on_terminal("undo", respond=answering("Undo it?", "y", asked))
    assert code == 0 and "Undid log" in text, text
    assert cli.json("sessions") == []
    # not on a terminal (a script), or with --yes, it does not ask
    cli.ok("done", "attention")
    _age_newest_change(home, f"{TODAY}T09:00:00+00:00")
    assert "attention is pending again" in cli.ok("undo").stdout


def test_undo_is_stamped_now_and_travels_to_the_other_machine(cli: Cli, tmp_path: Path) -> None:
    """An undone edit is written back with a fresh updated_at and an undone log leaves a
    tombstone, so importing this home elsewhere reverts there too instead of losing to the
    other machine's copy of the change."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    sid = cli.json("--db", str(a), "log", "1h", "attention")["session"]["id"]
    other = cli.json("--db", str(a), "log", "20m", "moe")["session"]["id"]
    cli.json("--db", str(a), "edit", sid, "--duration", "45m")
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "1.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "1.json"))  # b has the edit (45m) and both sessions
    assert cli.json("--db", str(a), "undo")["undone"]["action"] == "edit"  # a: back to 1h, stamped now
    cli.json("--db", str(a), "delete", other)
    cli.json("--db", str(a), "undo")  # the delete undone: moe is back
    cli.json("--db", str(a), "log", "10m", "rag")
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "2.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "2.json"))
    sessions_b = {s["topic"]: s["minutes"] for s in cli.json("--db", str(b), "sessions")}
    assert sessions_b == {"attention": 60, "moe": 20, "rag": 10}
    assert cli.json("--db", str(a), "undo")["undone"]["action"] == "log"  # rag undone after b got it
    cli.ok("--db", str(a), "export", "-o", str(tmp_path / "3.json"))
    cli.ok("--db", str(b), "import", str(tmp_path / "3.json"))
    sessions_b = {s["topic"]: s["minutes"] for s in cli.json("--db", str(b), "sessions")}
    assert sessions_b == {"attention": 60, "moe": 20}
