"""The errors the program shows to the user.

Lower layers raise these; the CLI's single error boundary prints
``error: <message>`` and ``hint: <hint>`` on stderr and exits with ``exit_code``.
"""

from __future__ import annotations


class LlmstudyError(Exception):
    """A problem the user can act on. ``hint`` is phrased as what to do next."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


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
