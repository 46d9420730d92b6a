"""The model a command uses, built once per command from the settings; None when none is
configured. openai is imported only when a model is built."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError

if TYPE_CHECKING:
    from llmstudy.context import Context
    from llmstudy.llm.service import Memory, Model
    from llmstudy.llm.settings import LlmSettings
    from llmstudy.storage.store import Store


def settings_of(ctx: Context) -> LlmSettings:
    """The LLM settings; a key from the config file joins the secrets every error line hides."""
    from llmstudy.cli import boundary
    from llmstudy.llm.settings import load_settings

    settings = load_settings(ctx.paths().config)
    if settings.api_key:
        boundary.SECRETS.add(settings.api_key)
    return settings


def model_for(ctx: Context, store: Store, required: bool, bilingual: bool = False) -> Model | None:
    """The configured model (built once for the command), or None when there is none.

    Questions are written in the learner's language (both with ``bilingual``); waits show a
    spinner on a terminal.
    """

    settings = settings_of(ctx)
    if not settings.configured:
        if required:
            raise LlmstudyError(
                Bi("还没有配置模型", "no LLM is configured"),
                hint=Bi(
                    "设置 LLMSTUDY_MODEL 以及 OPENAI_API_KEY 或 OPENAI_BASE_URL；见 llmstudy llm status",
                    "set LLMSTUDY_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL; see llmstudy llm status",
                ),
            )
        return None
    from llmstudy.llm.service import Model
    from llmstudy.output.prompter import Spinner

    langs = ("zh", "en") if bilingual else (ctx.lang,)
    return Model(settings, recorder(store, settings), memory(store), langs, Spinner(ctx.lang))


def recorder(store: Store, settings: LlmSettings) -> Callable[[Any], None]:
    """Store each call with this endpoint's key redacted from it."""
    return functools.partial(store.record_llm_call, secrets=(settings.api_key, os.environ.get("OPENAI_API_KEY")))


def memory(store: Store) -> Memory:
    """What is remembered per endpoint is keyed by the URL without its userinfo or query."""
    from llmstudy.core.redaction import display_url
    from llmstudy.llm.service import Memory

    return Memory(lambda key: store.meta(display_url(key)), lambda key, value: store.set_meta(display_url(key), value))
