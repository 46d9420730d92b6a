"""The offline quiz: the curated bank, scripted answers through the CLI, FSRS scheduling."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from llmstudy.core import cards as quiz
from llmstudy.core.records import question_from_doc
from llmstudy.curriculum.validate import load
from tests.helpers import DATA, Cli


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load(DATA)


def test_bank_covers_every_topic(catalog: Any) -> None:
    counts = Counter(q.topic for q in catalog.questions)
    core = {
        st.topic
        for t in catalog.roadmap.tracks
        if t.id in ("six-week", "concept-tree")
        for s in t.stages
        for st in s.topics
    }
    for topic in catalog.roadmap.topics:
        need = 5 if topic.id in core else 2
        assert counts[topic.id] >= need, (topic.id, counts[topic.id])
    kinds = Counter(q.kind for q in catalog.questions)
    assert set(kinds) == {"choice", "true_false", "short"}


def correct_line(q: dict[str, Any]) -> list[str]:
    if q["kind"] == "choice":
        return ["abcd"[q["answer_index"]]]
    if q["kind"] == "true_false":
        return ["t" if q["answer_bool"] else "f"]
    return ["my own words", "y"]


def wrong_line(q: dict[str, Any]) -> list[str]:
    if q["kind"] == "choice":
        return ["abcd"[(q["answer_index"] + 1) % 4]]
    if q["kind"] == "true_false":
        return ["f" if q["answer_bool"] else "t"]
    return ["no idea", "n"]


def planned(home: Path, topic: str, n: int) -> list[dict[str, Any]]:
    """The questions a fresh quiz will ask: new cards in bank order (curated first)."""
    conn = sqlite3.connect(home / "llmstudy.db")
    docs = [
        json.loads(r[0]) for r in conn.execute("SELECT doc FROM c_questions WHERE topic = ? ORDER BY ord", (topic,))
    ]
    conn.close()
    return docs[:n]


def test_scripted_quiz_all_right(cli: Cli, home: Path) -> None:
    qs = planned(home, "attention", 3)
    lines = [line for q in qs for line in correct_line(q)]
    r = cli("quiz", "attention", "-n", "3", "--offline", "--json", input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.stderr
    result = json.loads(r.stdout)  # stdout holds only the result
    assert result["topic"] == "attention" and result["source"] == "bank"
    assert result["asked"] == 3 and result["correct"] == 3
    assert [it["id"] for it in result["items"]] == [q["id"] for q in qs]
    assert all(it["rating"] in ("good", "easy", "hard") for it in result["items"])
    assert "Score: 3/3" in r.stderr
    assert cli.json("next")["topic"]["mastery"] is None  # dev-environment: never quizzed
    conn = sqlite3.connect(home / "llmstudy.db")
    assert conn.execute("SELECT count(*), sum(correct) FROM answers").fetchone() == (3, 3)
    dues = [row[0] for row in conn.execute("SELECT due FROM cards")]
    conn.close()
    assert len(dues) == 3 and all(d > "2026-11-22T12:00:00+00:00" for d in dues)


def test_misses_come_back_by_review(cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    qs = planned(home, "transformer", 2)
    lines = wrong_line(qs[0]) + correct_line(qs[1])
    r = cli("quiz", "transformer", "-n", "2", "--offline", input="\n".join(lines) + "\n")
    assert r.exit_code == 0
    assert "Score: 1/2" in r.stdout and "✗ wrong" in r.stdout and "To review what you missed" in r.stdout
    assert "transformer: [" in r.stdout  # a resource for the miss
    # a few minutes later the missed card is due (FSRS learning step); the right one is not
    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-11-22")
    assert cli.json("next")["reviews_due"] == 0  # the clock has not moved
    monkeypatch.setenv("LLMSTUDY_TODAY", "2026-11-23")
    d = cli.json("next")
    assert d["reviews_due"] >= 1 and "review" in d["reasons"][0]
    r = cli("review", "--json", input="\n".join(correct_line(qs[0]) + correct_line(qs[1])) + "\n")
    result = json.loads(r.stdout)
    assert qs[0]["id"] in [it["id"] for it in result["items"]]
    s = cli.json("stats")
    assert s["mastery"]["transformer"] == 1.0  # both questions' latest answers are right
    assert cli.json("next", "--track", "concept-tree")["reviews_due"] == 0
    assert cli.json("show", "transformer")["id"] == "transformer"


def test_quiz_stops_cleanly_at_end_of_input(cli: Cli, home: Path) -> None:
    qs = planned(home, "rnn", 3)
    r = cli("quiz", "rnn", "-n", "3", "--offline", "--json", input="\n".join(correct_line(qs[0])) + "\n")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["asked"] == 1


def test_unreadable_scripted_answer_is_a_miss(cli: Cli, home: Path) -> None:
    qs = [q for q in planned(home, "attention", 5) if q["kind"] == "choice"]
    r = cli("quiz", "attention", "-n", "1", "--offline", "--json", input="zzz\n")
    result = json.loads(r.stdout)
    assert result["asked"] == 1 and result["correct"] == 0 and result["items"][0]["id"] == qs[0]["id"]


def test_short_answer_is_self_graded(cli: Cli, home: Path) -> None:
    qs = planned(home, "attention", 5)
    short = [i for i, q in enumerate(qs) if q["kind"] == "short"]
    assert short
    lines: list[str] = []
    for q in qs:
        lines += correct_line(q) if q["kind"] != "short" else ["weighted sum over positions", "easy"]
    r = cli("quiz", "attention", "-n", "5", "--offline", "--json", input="\n".join(lines) + "\n")
    result = json.loads(r.stdout)
    item = result["items"][short[0]]
    assert item["kind"] == "short" and item["correct"] and item["rating"] == "easy"
    assert item["given"] == "weighted sum over positions"
    assert "Model answer:" in r.stderr


def test_quiz_in_chinese(cli: Cli, home: Path) -> None:
    qs = planned(home, "attention", 1)
    r = cli("quiz", "自注意力", "-n", "1", "--offline", "--lang", "zh", input=correct_line(qs[0])[0] + "\n")
    assert r.exit_code == 0 and "得分: 1/1" in r.stdout


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["quiz", "attenton", "--offline"], 1, "did you mean attention"),
        (["quiz", "attention", "-n", "0", "--offline"], 2, "-n must be between"),
        (["quiz", "attention", "-n", "51", "--offline"], 2, "-n must be between"),
        (["quiz", "attention", "--llm"], 1, "no LLM is configured"),
        (["review", "-n", "0"], 2, "-n must be between"),
    ],
)
def test_quiz_errors(cli: Cli, home: Path, args: list[str], code: int, fragment: str) -> None:
    r = cli(*args, input="")
    assert r.exit_code == code and fragment in r.stderr and "Traceback" not in r.stderr
    conn = sqlite3.connect(home / "llmstudy.db")
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    conn.close()


def test_empty_bank_is_an_error(cli: Cli, tmp_path: Path, catalog: Any) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "questions")
    linked = {t for e in catalog.timeline.events for t in e.topics}
    lonely = next(t.id for t in catalog.roadmap.topics if not t.prerequisites and t.id not in linked)
    r = cli("--data", str(data), "quiz", lonely, "--offline", input="")
    assert r.exit_code == 1 and f"no questions for {lonely}" in r.stderr


def test_review_with_nothing_due(cli: Cli) -> None:
    r = cli.ok("review")
    assert "No reviews are due" in r.stdout
    assert cli.json("review")["asked"] == 0


def test_fsrs_due_dates_move_as_expected() -> None:
    now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    _, due_again = quiz.schedule(None, "again", now)
    assert now < due_again <= now + dt.timedelta(minutes=10)
    _, due_good = quiz.schedule(None, "good", now)
    _, due_easy = quiz.schedule(None, "easy", now)
    assert due_again < due_good < due_easy
    # reviewing a learned card "good" again pushes it further out each time
    c, d1 = quiz.schedule(None, "easy", now)
    c, d2 = quiz.schedule(c, "good", d1)
    c, d3 = quiz.schedule(c, "good", d2)
    assert (d3 - d2) > (d2 - d1) > dt.timedelta(0)
    # a lapse brings it back soon
    _, d4 = quiz.schedule(c, "again", d3)
    assert d4 - d3 < dt.timedelta(days=1)


def test_grading() -> None:
    q = question_from_doc(
        {
            "id": "x-01",
            "topic": "attention",
            "kind": "choice",
            "prompt": {"zh": "问", "en": "q"},
            "options": [{"zh": str(i), "en": str(i)} for i in range(4)],
            "answer_index": 2,
            "explanation": {"zh": "因", "en": "e"},
            "source": {"title": "t", "url": "https://example.org"},
        }
    )
    assert quiz.grade(q, "c") == quiz.Graded("c", True, "good")
    assert quiz.grade(q, "C easy") == quiz.Graded("c", True, "easy")
    assert quiz.grade(q, "3 hard") == quiz.Graded("c", True, "hard")
    assert quiz.grade(q, "a easy") == quiz.Graded("a", False, "again")
    assert quiz.grade(q, "e") is None and quiz.grade(q, "") is None
    assert quiz.self_grade("x", "n") == quiz.Graded("x", False, "again")
    assert quiz.self_grade("x", "对") == quiz.Graded("x", True, "good")


def test_pick_prefers_due_then_new() -> None:
    now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    qs = [
        question_from_doc(
            {
                "id": f"q-{i}",
                "topic": "attention",
                "kind": "true_false",
                "prompt": {"zh": "问", "en": "q"},
                "answer_bool": True,
                "explanation": {"zh": "因", "en": "e"},
                "source": {"title": "t", "arxiv": "1706.03762"},
            }
        )
        for i in range(4)
    ]
    due = {"q-0": "2026-12-01T00:00:00+00:00", "q-2": "2026-11-20T00:00:00+00:00"}
    assert [q.id for q in quiz.pick(qs, due, now, 4)] == ["q-2", "q-1", "q-3", "q-0"]


def test_derived_questions_are_right(catalog: Any) -> None:
    from llmstudy.core.records import event_from_doc, topic_from_doc

    topics = {t.id: topic_from_doc(t.model_dump(mode="json")) for t in catalog.roadmap.topics}
    events = [event_from_doc(e.model_dump(mode="json")) for e in catalog.timeline.events]
    qs = quiz.derived_questions(topics["transformer"], topics, events)
    kinds = {q.id.split("-")[1] for q in qs}
    assert {"prereq", "paper", "first"} <= kinds
    for q in qs:
        assert q.answer_index is not None
        right = q.options[q.answer_index].en
        if q.id.startswith("gen-prereq-"):
            assert right in {topics[p].title.en for p in topics["transformer"].prerequisites}
        if q.id.startswith("gen-first-"):
            dates = {e.title.en: e.date for e in events}
            assert dates[right] == min(dates[o.en] for o in q.options)
    assert qs == quiz.derived_questions(topics["transformer"], topics, events)  # stable


def test_next_shows_mastery_of_its_topic(cli: Cli, home: Path) -> None:
    qs = planned(home, "dev-environment", 2)
    lines = correct_line(qs[0]) + wrong_line(qs[1])
    cli.ok("quiz", "dev-environment", "-n", "2", "--offline", input="\n".join(lines) + "\n")
    d = cli.json("next")
    assert d["topic"]["id"] == "dev-environment" and d["topic"]["mastery"] == 0.5
    assert "Mastery: 50%" in cli.ok("next").stdout
