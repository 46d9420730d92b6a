"""`llm status`: the configuration (never the key) and, when configured, whether the endpoint
answers. Unconfigured, it needs no client, so it imports no ``openai`` (about 60 bare Python
starts here).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from llmstudy.actions.results import LlmStatus, writes_well
from llmstudy.errors import LLMError
from llmstudy.llm.settings import LlmSettings

if TYPE_CHECKING:
    from llmstudy.llm.service import Model


def status(settings: LlmSettings, config_file: Path, model: Model | None) -> tuple[LlmStatus, LLMError | None]:
    """The configuration (never the key) and, when configured, whether the endpoint answers."""
    endpoint, error = None, None
    measured = None if model is None else model.measured()
    if model is not None:
        try:
            endpoint = model.client.ping()
        except LLMError as exc:
            error = exc
            endpoint = f"error: {exc.message}"
    result = LlmStatus(
        configured=settings.configured,
        model=settings.model,
        base_url=settings.display_url,
        api_key="set" if settings.api_key else "not set",
        api_key_from=settings.key_source,
        timeout_seconds=settings.timeout,
        config_file=config_file,
        remembered_mode=None if model is None else model.memory.get(model.mode_key),
        blanks=settings.blanks,
        curated_answered=None if measured is None else f"{measured[0]}/{measured[1]}",
        writes_own_questions=None if model is None else writes_well(*(measured or (0, 0))),
        endpoint=endpoint,
    )
    return result, error
