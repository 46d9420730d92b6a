"""Property: export then import into an empty database gives back exactly the same user data,
and importing again (or importing the same file into the source) adds nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmstudy.actions.exchange import dumps, export_doc, read_export
from llmstudy.core import cards
from llmstudy.storage.store import Store
from tests.helpers import DATA, Cli

TOPICS = ["attention", "transformer", "rag", "lora", "moe"]
NOTES = st.one_of(st.none(), st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and s != ""))
SESSIONS = st.lists(
    st.tuples(
        st.sampled_from(TOPICS),
        st.integers(min_value=1, max_value=960),
        st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2026, 11, 22)),
        st.one_of(st.none(), st.integers(min_value=1, max_value=6)),
        NOTES,
    ),
    max_size=12,
)
TEXTS = st.text(min_size=1, max_size=60).filter(lambda s: s.strip() == s and s != "")
WRITTEN = st.lists(st.tuples(st.sampled_from(TOPICS), TEXTS, st.floats(min_value=0, max_value=1)), max_size=6)
STATUSES = st.dictionaries(st.sampled_from(TOPICS), st.sampled_from(["learning", "done", "skipped"]), max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=SESSIONS, statuses=STATUSES, written=WRITTEN)
def test_export_import_round_trip(
    template_db: Path,
    sessions: list[tuple[str, int, dt.date, int | None, str | None]],
    statuses: dict[str, str],
    written: list[tuple[str, str, float]],
) -> None:
    from llmstudy.core.records import Bi, Graded

    feedback = Graded((Bi("要点", "a point"),), (), (("a claim", "the fix"),))
    with tempfile.TemporaryDirectory() as tmp:
        src_path, dst_path = Path(tmp) / "src.db", Path(tmp) / "dst.db"
        shutil.copy(template_db, src_path)
        shutil.copy(template_db, dst_path)
        with Store.open(src_path, DATA) as src:
            for topic, minutes, day, week, note in sessions:
                src.add_session(topic, minutes, day, week, note)
            for topic, status in statuses.items():
                src.set_status(topic, status)
            for topic, text, score in written:  # a note and a teach-back attempt each
                src.update_note(src.add_note(topic, text).id, text + " (edited)")
                src.add_explanation(topic, text, score, "offline", None, feedback)
            doc = export_doc(src)
            file = Path(tmp) / "export.json"
            file.write_text(dumps(doc), encoding="utf-8")
            assert src.import_rows(read_export(file)["data"]) == dict.fromkeys(set(doc["data"]) - {"deleted"}, 0)
            before = src.export_rows()
            src_explanations = src.explanations()
            index = "SELECT kind, ref, body FROM search_index WHERE kind IN ('note', 'explanation', 'session') ORDER BY 1, 2"
            src_index = src.conn.execute(index).fetchall()
        with Store.open(dst_path, DATA) as dst:
            added = dst.import_rows(read_export(file)["data"])
            assert added["sessions"] == len(sessions) and added["statuses"] == len(statuses)
            assert added["notes"] == added["explanations"] == len(written)
            assert dst.export_rows() == before
            assert dst.explanations() == src_explanations
            index = "SELECT kind, ref, body FROM search_index WHERE kind IN ('note', 'explanation', 'session') ORDER BY 1, 2"
            assert dst.conn.execute(index).fetchall() == src_index
            assert dst.import_rows(read_export(file)["data"])["sessions"] == 0
            assert dst.export_rows() == before


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b"]),
        st.integers(min_value=0, max_value=5),
        st.one_of(st.integers(min_value=1, max_value=600), st.just(0)),  # 0: delete it
    ),
    max_size=10,
)


RESETS = st.dictionaries(st.sampled_from(TOPICS), st.sampled_from(["learning", "done", "skipped", "pending"]), max_size=5)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shared=SESSIONS, own_a=SESSIONS, own_b=SESSIONS, edits=EDITS, statuses_a=RESETS, statuses_b=RESETS)
def test_two_homes_converge_after_importing_both_ways(
    template_db: Path,
    shared: list[tuple[str, int, dt.date, int | None, str | None]],
    own_a: list[tuple[str, int, dt.date, int | None, str | None]],
    own_b: list[tuple[str, int, dt.date, int | None, str | None]],
    edits: list[tuple[str, int, int]],
    statuses_a: dict[str, str],
    statuses_b: dict[str, str],
) -> None:
    """Both homes start from a common history, then log, edit the same sessions (often in the
    same second), delete some, and set or reset statuses apart. Exported and imported both ways, they
    end identical: newer wins, a tie goes to the same row on both sides, and a deletion travels
    as a tombstone (an edit newer than the deletion survives it)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = {h: Path(tmp) / f"{h}.db" for h in "ab"}
        for p in paths.values():
            shutil.copy(template_db, p)
        with Store.open(paths["a"], DATA) as a:
            base = [a.add_session(*s) for s in shared]
            for topic in TOPICS[:3]:
                a.set_status(topic, "learning")  # a shared status that either home may reset
            (Path(tmp) / "base.json").write_text(dumps(export_doc(a)), encoding="utf-8")
        with Store.open(paths["b"], DATA) as b:
            b.import_rows(read_export(Path(tmp) / "base.json")["data"])
        for home, own, statuses in (("a", own_a, statuses_a), ("b", own_b, statuses_b)):
            with Store.open(paths[home], DATA) as s:
                for row in own:
                    s.add_session(*row)
                for who, index, minutes in edits:
                    if who == home and base:
                        sid = base[index % len(base)].id
                        if s._session(sid) is None:
                            continue
                        if minutes == 0:
                            s.delete_session(sid)
                        else:
                            s.update_session(sid, {"minutes": minutes})
                for topic, status in statuses.items():
                    s.set_status(topic, status)
                (Path(tmp) / f"{home}.json").write_text(dumps(export_doc(s)), encoding="utf-8")
        with Store.open(paths["a"], DATA) as a:
            a.import_rows(read_export(Path(tmp) / "b.json")["data"])
            rows_a = a.export_rows()
        with Store.open(paths["b"], DATA) as b:
            b.import_rows(read_export(Path(tmp) / "a.json")["data"])
            rows_b = b.export_rows()
        assert rows_a == rows_b


def test_the_later_of_two_edits_within_a_second_wins_on_both_homes(template_db: Path, tmp_path: Path) -> None:
    """Edits carry sub-second timestamps: the later edit wins even when its row sorts first,
    where whole seconds would leave a tie to the tie-break (the larger row: 45 minutes here)."""
    paths = {h: tmp_path / f"{h}.db" for h in "ab"}
    for p in paths.values():
        shutil.copy(template_db, p)
    with Store.open(paths["a"], DATA) as a:
        sid = a.add_session("attention", 30, dt.date(2026, 11, 20), None, None).id
        (tmp_path / "base.json").write_text(dumps(export_doc(a)), encoding="utf-8")
    with Store.open(paths["b"], DATA) as b:
        b.import_rows(read_export(tmp_path / "base.json")["data"])
        b.update_session(sid, {"minutes": 45})
        (tmp_path / "b.json").write_text(dumps(export_doc(b)), encoding="utf-8")
    with Store.open(paths["a"], DATA) as a:
        a.update_session(sid, {"minutes": 40})  # microseconds later, usually within the same second
        stamp = a.export_rows()["sessions"][0]["updated_at"]
        assert "." in stamp  # sub-second
        (tmp_path / "a.json").write_text(dumps(export_doc(a)), encoding="utf-8")
        a.import_rows(read_export(tmp_path / "b.json")["data"])
        rows_a = a.export_rows()
    with Store.open(paths["b"], DATA) as b:
        b.import_rows(read_export(tmp_path / "a.json")["data"])
        rows_b = b.export_rows()
    assert rows_a == rows_b
    assert rows_a["sessions"][0]["minutes"] == 40


def test_cards_are_rebuilt_from_the_merged_answers(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two machines answer the same question on different days. After importing each other's
    export, both hold the same schedule, rebuilt from both answers (two reviews), not the
    newer side's card that knows only one of them."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-11-18")
    cli.ok("--db", str(a), "quiz", "attention", "-n", "1", "--offline", "--seed", "1", input="a\n")
    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-11-20")
    cli.ok("--db", str(b), "quiz", "attention", "-n", "1", "--offline", "--seed", "2", input="b\n")
    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-11-22")
    for src in ("a", "b"):
        cli.ok("--db", str(tmp_path / f"{src}.db"), "export", "-o", str(tmp_path / f"{src}.json"))
    for src, dst in (("a", b), ("b", a)):
        cli.ok("--db", str(dst), "import", str(tmp_path / f"{src}.json"))
    rows = {}
    for home in (a, b):
        conn = sqlite3.connect(home)
        rows[home] = conn.execute("SELECT question_id, card, due, reps, lapses, updated_at FROM cards").fetchall()
        answers = conn.execute("SELECT at, id, rating FROM answers ORDER BY at").fetchall()
        conn.close()
    assert rows[a] == rows[b] and len(rows[a]) == 1
    assert rows[a][0][3] == 2 and len(answers) == 2  # both answers count
    replayed = cards.replay([(str(x), str(y), str(z)) for x, y, z in answers])
    assert replayed is not None and rows[a][0][1] == replayed.card and rows[a][0][2] == replayed.due.isoformat()
