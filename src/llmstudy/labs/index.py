"""Which labs practise a topic, read cheaply (for `next`, on the hot path: no tomllib, no catalog)."""

from __future__ import annotations

import re
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
_TOPIC = re.compile(r'^topic\s*=\s*"([^"]+)"', re.M)


def lab_topics(root: Path | None = None) -> dict[str, str]:
    """Every lab id and the topic it practises."""
    base = root or CONTENT_DIR
    out = {}
    for toml in sorted(base.glob("*/lab.toml")):
        m = _TOPIC.search(toml.read_text(encoding="utf-8"))
        if m:
            out[toml.parent.name] = m.group(1)
    return out


def labs_for_topic(topic: str, root: Path | None = None) -> tuple[str, ...]:
    """Ids of the labs whose ``lab.toml`` names ``topic`` (folder name = lab id)."""
    base = root or CONTENT_DIR
    found = []
    for toml in sorted(base.glob("*/lab.toml")):
        m = _TOPIC.search(toml.read_text(encoding="utf-8"))
        if m and m.group(1) == topic:
            found.append(toml.parent.name)
    return tuple(found)


def lab_count(root: Path | None = None) -> int:
    return sum(1 for _ in (root or CONTENT_DIR).glob("*/lab.toml"))
