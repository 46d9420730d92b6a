"""What must never be shown or stored: a key, and the secrets a URL can carry.

``https://user:token@host/v1?api-key=...`` becomes ``https://host/v1``: userinfo, query
and fragment are dropped wherever a URL is shown or stored, and a known key is replaced
by ``[redacted]`` in any text we keep. Stored prompts and replies are capped in size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[redacted]"
MAX_STORED = 16 * 1024
TRUNCATED = "\n[truncated: {n} more characters]"
# What a logged model call keeps of each text (``cap``); an import is held to the same.
CALL_LIMITS = {"model": 200, "host": 400, "prompt": MAX_STORED, "response": MAX_STORED, "error": 2000}
_URL = re.compile(r"\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^\s/?#@]*@)?([^\s/?#]*)([^\s?#]*)(\?[^\s#]*)?(#\S*)?")


def display_url(url: str) -> str:
    """``url`` without userinfo, query or fragment."""
    return _URL.sub(lambda m: m.group(1) + m.group(3) + m.group(4), url)


def host(url: str) -> str:
    """The host (and port) of ``url``, never its userinfo."""
    m = _URL.match(url.strip())
    return m.group(3) if m else url


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with each secret (8 characters or more) replaced and URLs shown bare."""
    for secret in secrets:
        if secret and len(secret) >= 8:
            text = text.replace(secret, REDACTED)
    return display_url(text)


def capped_length(limit: int) -> int:
    """The longest text ``cap(..., limit)`` can return (its truncation mark included)."""
    return limit + len(TRUNCATED.format(n=10**12))


def cap(text: str, limit: int = MAX_STORED) -> str:
    """At most ``limit`` characters, marked when cut."""
    if len(text) <= limit:
        return text
    return text[:limit] + TRUNCATED.format(n=len(text) - limit)
