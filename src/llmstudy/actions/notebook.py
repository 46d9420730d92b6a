"""The learner's notebook: notes per topic (undoable), and the Markdown export of it all."""

from __future__ import annotations

from pathlib import Path

from llmstudy.actions.files import write_atomic
from llmstudy.actions.results import MarkdownExported, NoteChanged, NoteList
from llmstudy.core import notebook_md
from llmstudy.core.lookup import resolve_topic
from llmstudy.core.records import Bi, Lang, TopicRec
from llmstudy.errors import UsageError
from llmstudy.storage.store import Store

MAX_CHARS = 20_000
TEMPLATE = Bi(
    "# 笔记：{title}（{id}）。这一行会被忽略；保存并关闭编辑器即保存，留空则取消。\n",
    "# A note on {title} ({id}). This line is ignored; save and close to keep it, leave it empty to cancel.\n",
)


def template(topic: TopicRec, lang: Lang) -> str:
    return TEMPLATE.format(lang, title=topic.title.get(lang), id=topic.id)


def _check(text: str) -> str:
    body = text.strip()
    if not body:
        raise UsageError(
            Bi("笔记是空的，没有保存。", "the note is empty; nothing was saved"),
            hint=Bi('llmstudy note attention "你的笔记"', 'llmstudy note attention "what you learned"'),
        )
    if len(body) > MAX_CHARS:
        raise UsageError(
            Bi(f"笔记超过 {MAX_CHARS} 个字符。", f"the note is longer than {MAX_CHARS} characters"),
            hint=Bi("分成几条笔记", "split it into several notes"),
        )
    return body


def add_note(store: Store, topic: str, text: str) -> NoteChanged:
    t = resolve_topic(topic, store.topics())
    return NoteChanged("added", store.add_note(t.id, _check(text)), t)


def edit_note(store: Store, note_id: str, text: str) -> NoteChanged:
    body = _check(text)
    note = store.update_note(store.find_note(note_id).id, body)
    return NoteChanged("edited", note, store.topics().get(note.topic))


def delete_note(store: Store, note_id: str) -> NoteChanged:
    note = store.delete_note(store.find_note(note_id).id)
    return NoteChanged("deleted", note, store.topics().get(note.topic))


def list_notes(store: Store, topic: str | None) -> NoteList:
    topics = store.topics()
    topic_id = None if topic is None else resolve_topic(topic, topics).id
    return NoteList(tuple(store.notes(topic_id)), topics, topic_id)


def export_markdown(store: Store, output: str | None, lang: Lang) -> MarkdownExported:
    """One Markdown file per topic the learner wrote or logged anything on, into ``output``."""
    if not output:
        raise UsageError(
            Bi("--format md 需要一个目录：-o DIR", "--format md needs a folder: -o DIR"),
            hint="llmstudy export --format md -o notebook",
        )
    directory = Path(output).expanduser()
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            Bi(f"{directory} 不是目录", f"{directory} is not a folder"), hint="llmstudy export --format md -o notebook"
        )
    directory.mkdir(parents=True, exist_ok=True)
    notes, explanations = store.notes(), store.explanations()
    sessions, _ = store.sessions()
    files = []
    for t in store.topics().values():
        doc = notebook_md.topic_markdown(
            t,
            [n for n in notes if n.topic == t.id],
            [e for e in explanations if e.topic == t.id],
            [s for s in sessions if s.topic == t.id],
            lang,
        )
        if doc is not None:
            path = directory / f"{t.id}.md"
            write_atomic(path, doc)
            files.append(path)
    return MarkdownExported(directory, tuple(files))
