"""The database's tables, its schema version and how rows get ids and timestamps.

Shared by the store, the migrations and the catalog sync, so none of them imports another.
"""

from __future__ import annotations

import datetime as dt
import os

SCHEMA_VERSION = 7  # == len(migrations.MIGRATIONS); a test keeps them equal
CURATED_TABLES = (
    "c_topics",
    "c_tracks",
    "c_resources",
    "c_resource_topics",
    "c_eras",
    "c_events",
    "c_questions",
)
USER_TABLES = (
    "sessions",
    "statuses",
    "journal",
    "cards",
    "answers",
    "generated_questions",
    "llm_calls",
    "labs",
    "lab_attempts",
    "own_cards",
    "notes",
    "explanations",
)


def now_iso() -> str:
    """A row's timestamp (UTC, to the microsecond: two edits within a second on two machines
    must still order for a merge). Stamping rows is storage's business, not the use case's."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    """A random (version 4) UUID as 32 hex digits, built without importing uuid (slow to import)."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # RFC 4122 variant
    return b.hex()
