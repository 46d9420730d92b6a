"""Quiz, review, explain and LLM commands."""

from __future__ import annotations
