"""`llmstudy card …`: the learner's own question/answer cards."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from llmstudy.cli.base import JsonOpt, LangOpt, app, command, command_group, context, later, present
from llmstudy.core.records import Bi
from llmstudy.errors import UsageError

if TYPE_CHECKING:
    from llmstudy.actions import cards as own
    from llmstudy.core import cards
else:
    cards = later("llmstudy.core.cards")
    own = later("llmstudy.actions.cards")

card_app = command_group("Your own question/answer cards, quizzed and reviewed like the others.")
app.add_typer(card_app, name="card")

NEED_BOTH = Bi("请同时给出 --question 和 --answer（或在终端上两者都不给，用编辑器写）",
               "give both --question and --answer (or neither, on a terminal, to write them in your editor)")  # fmt: skip


@command("add", group=card_app)
def add(
    topic: Annotated[str, typer.Argument(help="Topic id, alias or title.")],
    question: Annotated[str | None, typer.Option("--question", "-q", help="The question.")] = None,
    answer: Annotated[str | None, typer.Option("--answer", "-a", help="The answer you will compare yours with.")] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Write the card in $EDITOR (the default on a terminal).")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Add a card of your own: a short answer you grade yourself, scheduled by FSRS.

    Without --question and --answer on a terminal (or with --edit), $EDITOR opens a template.

    Example: llmstudy card add attention --question "Why divide by sqrt(d_k)?" --answer "Keeps the logits' variance near 1"
    """
    ctx = context(lang)
    if question is None and answer is None and (edit or sys.stdin.isatty()):
        question, answer = _from_editor()
    elif question is None or answer is None:
        raise UsageError(NEED_BOTH, hint='llmstudy card add attention -q "…" -a "…"')
    with ctx.store() as store:
        result = own.add(store, topic, question, answer)
    present(result, json, ctx.lang)


def _from_editor() -> tuple[str, str]:
    from llmstudy.cli.editor import run_editor

    hint = Bi("设置 EDITOR，或使用 --question 和 --answer", "set EDITOR, or use --question and --answer")
    return cards.parse_card_text(run_editor(cards.CARD_TEMPLATE, hint))


@command("list", group=card_app)
def list_(
    topic: Annotated[str | None, typer.Argument(help="Only this topic.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """List your own cards with their ids.

    Example: llmstudy card list attention
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = own.list_cards(store, topic)
    present(result, json, ctx.lang)


@command("delete", group=card_app)
def delete(
    card_id: Annotated[str, typer.Argument(help="The card's id from `llmstudy card list` (or its first characters).")],
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Delete one of your cards and its schedule (your answers to it stay in your history).

    Example: llmstudy card delete own-3f2a
    """
    ctx = context(lang)
    with ctx.store() as store:
        result = own.delete(store, card_id)
    present(result, json, ctx.lang)
