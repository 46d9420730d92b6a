"""Which files make up the curated data, and their content hash.

Kept apart from ``catalog`` so the warm path can check the hash without
importing yaml or pydantic.
"""

from __future__ import annotations

import os
from pathlib import Path

ROADMAP = "roadmap.yaml"
RESOURCES = "resources.yaml"
TIMELINE = "timeline.yaml"
QUESTIONS_DIR = "questions"
# Bump when the way the catalog is stored in SQLite changes, so a reload happens.
STORAGE_FORMAT = "2"


def data_files(data_dir: Path) -> list[Path]:
    """The files that make up the catalog, in a stable order."""
    files = [data_dir / ROADMAP, data_dir / RESOURCES, data_dir / TIMELINE]
    qdir = data_dir / QUESTIONS_DIR
    if qdir.is_dir():
        files += sorted(qdir.glob("*.yaml"))
    return files


def content_hash(data_dir: Path) -> str:
    """A hash of every data file's name and bytes: reload only when this changes."""
    import hashlib

    h = hashlib.sha256(STORAGE_FORMAT.encode())
    for path in data_files(data_dir):
        h.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except FileNotFoundError:
            h.update(b"<missing>")
        h.update(b"\0")
    return h.hexdigest()


def fingerprint(data_dir: Path) -> str:
    """Cheap stand-in for the hash: each file's path, size and mtime.

    When it matches what was stored at the last load the files were not
    touched, so the warm path skips reading and hashing ~1 MB of YAML.
    """
    parts = [STORAGE_FORMAT, os.path.abspath(data_dir)]
    for path in data_files(data_dir):
        try:
            st = path.stat()
            parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
        except FileNotFoundError:
            parts.append(f"{path.name}:missing")
    return "|".join(parts)
