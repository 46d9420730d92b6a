"""The errors the program shows to the user.

Lower layers raise these; the CLI's single error boundary prints
``error: <message>`` and ``hint: <hint>`` on stderr and exits with ``exit_code``.
"""

from __future__ import annotations

from llmstudy.core.records import Bi

Said = str | Bi  # a message in English only (older code, foreign text) or in both languages


class LlmstudyError(Exception):
    """A problem the user can act on. ``hint`` is phrased as what to do next.

    Message and hint may be ``Bi`` (Chinese and English); the error boundary shows the
    learner's language. ``.message`` / ``.hint`` are the English texts.
    """

    exit_code = 1

    def __init__(self, message: Said, hint: Said | None = None) -> None:
        self.said = message
        self.said_hint = hint
        self.message = message.en if isinstance(message, Bi) else message
        self.hint = hint.en if isinstance(hint, Bi) else hint
        super().__init__(self.message)

    def text(self, lang: str) -> tuple[str, str | None]:
        """Message and hint in ``lang`` (English where only English exists)."""

        def pick(x: Said | None) -> str | None:
            return x.get(lang) if isinstance(x, Bi) else x

        return pick(self.said) or self.message, pick(self.said_hint)


class UsageError(LlmstudyError):
    """The command line itself is wrong (bad value for an option)."""

    exit_code = 2


class NotFoundError(LlmstudyError):
    """A topic, session, question or file that does not exist."""


class DataError(LlmstudyError):
    """The curated data (YAML) is broken: names the file, the path inside it and the problem."""


class StoreError(LlmstudyError):
    """The database cannot be used: damaged, not SQLite, locked for too long, newer schema."""


class LLMError(LlmstudyError):
    """The language model endpoint failed or answered something unusable."""
