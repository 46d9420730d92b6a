"""The daily loop through the real CLI: today, plan at a pace, the timer, dates that make sense."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.helpers import TODAY, Cli, answering, db_rows, run_on_terminal, run_process


def test_today_says_tonight_in_a_few_lines(cli: Cli) -> None:
    d = cli.json("today")
    assert d["topic"]["id"] == "dev-environment" and d["reviews_due"] == 0
    assert d["planned_minutes"] == round(4 * 60 / 7) and d["streak_days"] == 0 and not d["streak_at_risk"]
    cli.ok("log", "30m", "attention", "--date", "yesterday")
    d = cli.json("today")
    assert d["topic"]["id"] == "attention" and d["labs"] == ["scaled-attention"]
    assert d["streak_days"] == 1 and d["streak_at_risk"]  # yesterday counted; today not yet
    out = cli.ok("today", "--lang", "zh").stdout
    assert "今晚" in out and "保住" in out
    fast = run_process("today", "--json")
    assert fast.returncode == 0, fast.stderr


def test_plan_at_a_pace_stretches_the_stages(cli: Cli) -> None:
    d = cli.json("plan")
    assert d["start"] is None and d["hours_per_week"] is None and len(d["stages"]) == 6
    d = cli.json("plan", "--start", "2026-11-01", "--hours-per-week", "6")
    assert d["start"] == "2026-11-01" and d["hours_per_week"] == 6 and d["track"] == "six-week"
    # 76 hours at 6 a week: about 13 weeks; each stage keeps its share
    finish = dt.date.fromisoformat(d["finish"])
    assert 12 * 7 <= (finish - dt.date(2026, 11, 1)).days <= 13 * 7
    assert [s["hours"] for s in d["stages"]] == [4, 5, 5, 6, 18, 38]
    # behind is measured against the pace: 22 days at 6h/week = 18h51m
    assert d["planned_minutes_to_date"] == round(360 * 22 / 7) and d["behind_minutes"] == round(360 * 22 / 7)
    n = cli.json("next")
    assert any("at your pace" in r for r in n["reasons"])
    assert "按这个节奏" in cli.ok("plan", "--lang", "zh").stdout
    assert cli("plan", "--hours-per-week", "0").exit_code == 2


def test_one_back_dated_entry_does_not_move_the_plan(cli: Cli) -> None:
    cli.ok("log", "30m", "attention")
    assert cli.json("plan")["start"] == TODAY
    r = cli("log", "30m", "rag", "--date", "1900-01-01")
    assert r.exit_code == 2 and "--force" in r.stderr
    cli.ok("log", "30m", "rag", "--date", "2026-11-01")  # back-dated, within the year: kept
    assert cli.json("plan")["start"] == TODAY  # ...and the plan did not move
    assert cli.json("next")["position"]["calendar_stage"] == 1
    cli.ok("plan", "--start", "2026-11-15")
    assert cli("log", "30m", "rag", "--date", "2026-11-10").exit_code == 2  # before the plan you set
    cli.ok("log", "30m", "rag", "--date", "2026-11-10", "--force")


def test_a_day_holds_at_most_16_hours(cli: Cli, home: Path) -> None:
    cli.ok("log", "10h", "attention")
    r = cli("log", "7h", "attention")
    assert r.exit_code == 2 and "16 hours" in r.stderr
    assert db_rows(home, "SELECT sum(minutes) FROM sessions") == [(600,)]
    sid = cli.json("sessions")[0]["id"]
    assert cli("edit", sid, "--duration", "17h").exit_code == 2
    cli.ok("edit", sid, "--duration", "16h")  # replaces its own 10h


def test_timer_survives_and_logs(cli: Cli, home: Path) -> None:
    assert cli.json("timer", "status")["action"] == "none"
    d = cli.json("timer", "start", "attention", "--ago", "25m")
    assert d["action"] == "started" and d["timer"]["topic"] == "attention"
    r = cli("timer", "start")  # one at a time
    assert r.exit_code == 2 and "a timer is already running (25m)" in r.stderr, r.stderr
    assert "计时器已在运行（25分钟）" in cli("timer", "start", "--lang", "zh").stderr
    assert cli.json("timer", "status")["elapsed_minutes"] == 25
    d = cli.json("timer", "stop", "--note", "QKV by hand")
    assert d["logged"]["session"]["minutes"] == 25 and d["logged"]["session"]["note"] == "QKV by hand"
    assert db_rows(home, "SELECT topic, minutes FROM sessions") == [("attention", 25)]
    assert cli("timer", "stop").exit_code == 1  # nothing running
    cli.ok("timer", "start", "--ago", "5h")
    r = cli("timer", "stop")
    assert r.exit_code == 2 and "--yes" in r.stderr
    d = cli.json("timer", "stop", "--yes")
    assert d["logged"]["session"]["minutes"] == 300 and d["logged"]["chosen_by_next"]
    cli.ok("timer", "start")
    assert cli.json("timer", "cancel")["action"] == "cancelled"
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(2,)]


def test_a_forgotten_timer_is_confirmed_on_a_terminal(cli: Cli, home: Path) -> None:
    cli.ok("timer", "start", "attention", "--ago", "5h")
    asked: list[str] = []
    code, _ = run_on_terminal("timer", "stop", respond=answering("Log all of it?", "n", asked))
    assert code == 1 and "The timer has run for 5h: forgotten?" in asked[0]
    assert db_rows(home, "SELECT count(*) FROM sessions") == [(0,)] and cli.json("timer", "status")["action"] == "running"
    code, text = run_on_terminal("timer", "stop", respond=answering("Log all of it?", "y", asked))
    assert code == 0, text
    assert db_rows(home, "SELECT topic, minutes FROM sessions") == [("attention", 300)]


def test_next_shows_core_reading_first(cli: Cli) -> None:
    for t in ("dev-environment", "attention", "transformer", "text-generation", "word-embeddings",
              "positional-encoding", "multi-head-attention", "feed-forward"):  # fmt: skip
        cli.ok("done", t)
    d = cli.json("next")
    assert d["topic"]["id"] == "transformer-implementation"
    ids = [r["id"] for r in d["resources"]]
    assert ids[0] == "cs336" and "github" not in ids
    ranks = {r["id"]: r["rank"] for r in cli.json("resources", "transformer-implementation")}
    assert [ranks[i] for i in ids] == sorted(ranks[i] for i in ids) and ranks[ids[0]] == 1


def test_calendar_export_has_the_stages_and_reviews(cli: Cli, tmp_path: Path) -> None:
    import icalendar

    cli.ok("plan", "--start", "2026-11-16", "--hours-per-week", "6")
    cli.ok("quiz", "attention", "-n", "2", "--offline", "--seed", "1", input="a\na\n")
    out = tmp_path / "plan.ics"
    r = cli.ok("export", "--format", "ics", "-o", str(out))
    assert "calendar events" in r.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    stages = [e for e in events if str(e["uid"]).startswith("stage-six-week-")]
    assert len(stages) == 6 and stages[0].decoded("dtstart") == dt.date(2026, 11, 16)
    assert "Week 1" in str(stages[0]["summary"])
    assert any(str(e["uid"]).startswith("reviews-") for e in events)
    again = tmp_path / "again.ics"
    cli.ok("export", "--format", "ics", "-o", str(again))

    def uids(path: Path) -> list[str]:
        return sorted(str(e["uid"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))

    assert uids(out) == uids(again)  # stable: a calendar updates instead of duplicating
