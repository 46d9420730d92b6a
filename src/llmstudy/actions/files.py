"""Files the learner keeps: written whole or not at all, and only where a file belongs."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError, UsageError

STALE_SECONDS = 60  # a temp file this old is no export in progress: one that was killed


def target(path: Path) -> Path:
    """Where writing ``path`` really goes: a symlink's target; refused unless a regular file
    (or nothing yet)."""
    path = Path(os.path.realpath(path.expanduser()))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise cannot_write(path, exc) from None
    else:
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a pipe or a device)"
            raise UsageError(
                Bi(f"{path} 不是普通文件，不能写入", f"cannot write to {path}: it is {kind}"),
                hint=Bi("用 -o 指定一个文件路径；-o - 写到标准输出", "give -o a file path; -o - writes to stdout"),
            )
    return path


def cannot_write(path: Path, exc: OSError) -> LlmstudyError:
    return LlmstudyError(
        Bi(f"无法写入 {path}（{exc.strerror}）", f"cannot write {path} ({exc.strerror})"),
        hint=Bi("换一个可以写入的文件夹", "choose a writable folder"),
    )


def sweep(path: Path, fresh: Path) -> None:
    """Remove the temp files a killed write of ``path`` left behind. "Old" is measured against
    ``fresh``, the temp file just made (the file system's clock, not ours), so a write still
    in progress elsewhere keeps its file."""
    try:
        now = fresh.stat().st_mtime
    except OSError:
        return
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if stale != fresh and stale.is_file() and not stale.is_symlink() and now - stale.stat().st_mtime > STALE_SECONDS:
                stale.unlink()
        except OSError:
            pass  # not ours to fight over


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same folder, then replace: never a half-written file."""
    path = path.expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    path = target(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise cannot_write(path, exc) from None
    sweep(path, Path(tmp))
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
