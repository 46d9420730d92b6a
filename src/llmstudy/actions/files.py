"""Files the learner keeps: written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from llmstudy.errors import LlmstudyError


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same folder, then replace: never a half-written file."""
    path = path.expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise LlmstudyError(f"cannot write {path} ({exc.strerror})", hint="choose a writable folder") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
