"""Property: export then import into an empty database gives back exactly the same user data,
and importing again (or importing the same file into the source) adds nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmstudy.actions.exchange import dumps, export_doc, read_export
from llmstudy.storage.store import Store
from tests.helpers import DATA

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
            assert src.import_rows(read_export(file)["data"]) == dict.fromkeys(doc["data"], 0)
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
