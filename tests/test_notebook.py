"""Notes through the real CLI: add, edit, delete, undo, show, export/import and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli, db_rows

LONG = (
    "点积除以 √d_k 是为了让 softmax 不饱和。" * 6
    + " And a long English tail that must wrap across several lines rather than being cut off with an ellipsis, "
    "because nothing the learner wrote is ever truncated: END-OF-NOTE"
)


def test_note_round_trip_with_undo(cli: Cli, home: Path) -> None:
    added = cli.json("note", "注意力", "QKᵀ/√d_k keeps the softmax soft")["added"]
    assert added["topic"] == "attention" and added["text"] == "QKᵀ/√d_k keeps the softmax soft"
    nid = added["id"]
    edited = cli.json("note-edit", nid[:6], "QKᵀ/√d_k keeps gradients alive")["edited"]
    assert edited["id"] == nid and edited["text"] == "QKᵀ/√d_k keeps gradients alive"
    assert cli.json("notes", "attention")[0]["text"] == "QKᵀ/√d_k keeps gradients alive"
    assert cli.json("note-delete", nid[:6])["deleted"]["id"] == nid
    assert cli.json("notes") == []

    undone = cli.json("undo")["undone"]
    assert undone["kind"] == "note" and undone["action"] == "note-delete"
    assert [n["text"] for n in cli.json("notes")] == ["QKᵀ/√d_k keeps gradients alive"]
    assert cli.ok("undo").stdout.strip().startswith(f"Undid note-edit: note {nid[:8]} (made ")
    assert [n["text"] for n in cli.json("notes")] == ["QKᵀ/√d_k keeps the softmax soft"]
    assert cli.ok("undo", "--lang", "zh").stdout.strip().startswith(f"撤销了笔记添加：{nid[:8]}（")
    assert cli.json("notes") == []
    assert db_rows(home, "SELECT count(*) FROM notes") == [(0,)]


def test_note_text_from_stdin_and_errors(cli: Cli) -> None:
    added = cli.ok("note", "attention", "--json", input="from stdin\nsecond line\n").json()["added"]
    assert added["text"] == "from stdin\nsecond line"
    r = cli("note", "attention", "   ")
    assert r.exit_code == 2 and "the note is empty" in r.stderr
    r = cli("note", "attention", "   ", "--lang", "zh")
    assert r.exit_code == 2 and "笔记是空的" in r.stderr
    r = cli("note-edit", "zz", "x")
    assert r.exit_code == 1 and "too short" in r.stderr
    r = cli("note-delete", "ffffffff")
    assert r.exit_code == 1 and "no note 'ffffffff'" in r.stderr and "llmstudy notes" in r.stderr
    r = cli("note", "no-such-topic", "x")
    assert r.exit_code == 1 and "unknown topic" in r.stderr


def test_notes_view_groups_by_topic_and_shows_every_word(cli: Cli) -> None:
    cli.ok("note", "attention", LONG)
    cli.ok("note", "transformer", "residual + layer norm")
    out = cli.ok("notes").stdout
    assert out.index("Attention mechanism (attention)") < out.index("residual + layer norm")
    assert "END-OF-NOTE" in out and "…" not in out
    assert "".join(out.split()).count("点积除以√d_k是为了让softmax不饱和。") == 6
    assert cli.ok("notes", "rag").stdout.strip().startswith("No notes on rag yet")
    assert cli.ok("notes", "--lang", "zh").stdout.count("注意力机制 (attention)") == 1


def test_show_ends_with_the_learners_trace(cli: Cli) -> None:
    cli.ok("note", "attention", LONG)
    cli.ok("teach", "attention", "--offline", input="Q K V softmax dot products scaled by sqrt d_k.")
    cli.ok("log", "45m", "attention", "--note", "read the paper")
    cli.ok("lab", "start", "scaled-attention")
    out = cli.ok("show", "attention").stdout
    assert out.index("Sources") < out.index("My notes") < out.index("My explanations") < out.index("Labs") < out.index("Sessions")
    assert "END-OF-NOTE" in out and "latest coverage" in out and "scaled-attention: started" in out
    assert "45m — read the paper" in out
    from llmstudy.output.terminal import cells

    assert all(cells(line) <= 80 for line in out.splitlines())
    zh = cli.ok("show", "attention", "--lang", "zh").stdout
    assert "我的笔记" in zh and "我的解释" in zh and "最近一次覆盖度" in zh
    detail = cli.json("show", "attention")
    assert detail["notes"][0]["text"] == LONG
    assert detail["explanations"][0]["text"].startswith("Q K V") and detail["labs"][0]["lab"] == "scaled-attention"
    assert detail["sessions"][0]["note"] == "read the paper"


def test_export_import_carries_notes_and_explanations(cli: Cli, tmp_path: Path) -> None:
    nid = cli.json("note", "attention", "my note")["added"]["id"]
    cli.ok("note-edit", nid, "my edited note")
    cli.ok("teach", "attention", "--offline", input="softmax of scaled dot products")
    out = tmp_path / "backup.json"
    cli.ok("export", "-o", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [n["text"] for n in doc["data"]["notes"]] == ["my edited note"]
    assert doc["data"]["explanations"][0]["text"] == "softmax of scaled dot products"
    other = tmp_path / "other.db"
    added = cli.json("--db", str(other), "import", str(out))["added"]
    assert added["notes"] == 1 and added["explanations"] == 1
    assert cli.json("--db", str(other), "import", str(out))["added"]["notes"] == 0  # twice: nothing new
    assert cli.json("--db", str(other), "notes")[0]["text"] == "my edited note"
    history = cli.json("--db", str(other), "teach", "attention", "--history")
    assert history[0]["score"] == cli.json("teach", "attention", "--history")[0]["score"]
    # imported text is searchable at once
    assert cli.json("--db", str(other), "search", "edited")["hits"][0]["kind"] == "note"

    bad = dict(doc)
    bad["data"] = {"explanations": [dict(doc["data"]["explanations"][0], score=3)]}
    broken = tmp_path / "bad.json"
    broken.write_text(json.dumps(bad), encoding="utf-8")
    r = cli("--db", str(tmp_path / "third.db"), "import", str(broken))
    assert r.exit_code == 1 and "score must be between 0 and 1" in r.stderr


def test_markdown_export_one_file_per_topic(cli: Cli, tmp_path: Path) -> None:
    r = cli("export", "--format", "md", "-o", str(tmp_path / "empty"))
    assert r.exit_code == 0 and "no files written" in r.stderr
    cli.ok("note", "attention", LONG)
    cli.ok("note", "attention", "second note")
    cli.ok("teach", "attention", "--offline", input="softmax of scaled dot products")
    cli.ok("log", "1h", "transformer", "--note", "read the annotated transformer")
    folder = tmp_path / "notebook"
    r = cli("export", "--format", "md", "-o", str(folder))
    assert r.exit_code == 0 and "Wrote 2 Markdown files" in r.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["attention.md", "transformer.md"]
    text = (folder / "attention.md").read_text(encoding="utf-8")
    assert text.startswith("# Attention mechanism (attention)\n")
    assert LONG in text and "second note" in text and text.index(LONG) < text.index("second note")
    assert "## My explanations" in text and "softmax of scaled dot products" in text and "- Missed: " in text
    assert "- 2026-11-22 · 1h — read the annotated transformer" in (folder / "transformer.md").read_text(encoding="utf-8")
    cli.ok("export", "--format", "md", "-o", str(folder), "--lang", "zh")
    assert "## 笔记" in (folder / "attention.md").read_text(encoding="utf-8")
    r = cli("export", "--format", "md")
    assert r.exit_code == 2 and "needs a folder" in r.stderr
    r = cli("export", "--format", "pdf", "-o", str(folder))
    assert r.exit_code == 2 and "unknown export format" in r.stderr
