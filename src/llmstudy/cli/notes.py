"""The notebook: `note`, `notes`, `note-edit`, `note-delete`.

Notes are flat commands (`note`, `notes`, `note-edit`, `note-delete`) rather than a `note`
group: the common act, `llmstudy note attention "…"`, stays one word like `log`, and a
group could not also take a topic as its first argument. They mirror `log`, `sessions`,
`edit` and `delete`.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, TopicArg, command, context, later, present
from llmstudy.cli.editor import compose
from llmstudy.core.lookup import resolve_topic

if TYPE_CHECKING:
    from llmstudy.actions import notebook
else:
    notebook = later("llmstudy.actions.notebook")


@command("note")
def note(
    topic: TopicArg,
    text: Annotated[str | None, typer.Argument(help="The note (default: $EDITOR on a terminal, else stdin).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Write a note on a topic (`llmstudy undo` takes it back).

    Example: llmstudy note attention "√d_k keeps the softmax out of its flat tails"
    """
    ctx = context(lang)
    with ctx.store() as store:
        t = resolve_topic(topic, store.topics())
        body = compose(notebook.template(t, ctx.lang), None, text, keep_own_comments=True)
        result = notebook.add_note(store, t.id, body)
    present(result, json, ctx.lang)


@command("notes")
def notes(
    topic: Annotated[str | None, typer.Argument(help="Only this topic's notes.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """List your notes, by topic, each whole.

    Example: llmstudy notes attention
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = notebook.list_notes(store, topic)
    present(result, json, ctx.lang)


@command("note-edit")
def note_edit(
    note_id: Annotated[str, typer.Argument(help="Note id (or its first characters) from `llmstudy notes`.")],
    text: Annotated[str | None, typer.Argument(help="The new text (default: $EDITOR on a terminal, else stdin).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Replace a note's text (`llmstudy undo` restores it).

    Example: llmstudy note-edit 3f2a "softmax(QKᵀ/√d_k)V"
    """
    ctx = context(lang)
    with ctx.store() as store:
        current = store.find_note(note_id)
        body = compose(current.text + "\n", None, text, keep_own_comments=True)
        result = notebook.edit_note(store, current.id, body)
    present(result, json, ctx.lang)


@command("note-delete")
def note_delete(
    note_id: Annotated[str, typer.Argument(help="Note id (or its first characters).")],
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Delete a note (`llmstudy undo` brings it back).

    Example: llmstudy note-delete 3f2a
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = notebook.delete_note(store, note_id)
    present(result, json, ctx.lang)
