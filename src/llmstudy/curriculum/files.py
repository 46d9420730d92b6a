"""Which files make up the curated data, and their content hash.

Kept apart from ``catalog`` so the warm path can check the hash without
importing yaml or pydantic.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from llmstudy.core.records import Bi
from llmstudy.errors import DataError

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


MAX_DATA_FILE = 20 * 1024 * 1024
DATA_FOLDER = Bi("--data 要指向一个放着 YAML 文件的文件夹", "--data must name a folder of YAML files")


def read_data_file(path: Path) -> bytes | None:
    """A data file's bytes, or None if it is missing. Checked with ``stat`` before opening:
    a FIFO would block the command forever, a device would never end."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(Bi(f"{path.name}：无法读取（{exc.strerror}）", f"{path.name}: cannot read it ({exc.strerror})")) from None
    if not stat.S_ISREG(st.st_mode):
        raise DataError(Bi(f"{path}：不是普通文件", f"{path}: not a regular file"), hint=DATA_FOLDER)
    mb = MAX_DATA_FILE // (1024 * 1024)
    if st.st_size > MAX_DATA_FILE:
        raise DataError(Bi(f"{path}：大于 {mb} MB", f"{path}: larger than {mb} MB"), hint=DATA_FOLDER)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(Bi(f"{path.name}：无法读取（{exc.strerror}）", f"{path.name}: cannot read it ({exc.strerror})")) from None


def content_hash(data_dir: Path) -> str:
    """A hash of every data file's name and bytes: reload only when this changes."""
    import hashlib

    h = hashlib.sha256(STORAGE_FORMAT.encode())
    for path in data_files(data_dir):
        h.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        data = read_data_file(path)
        h.update(b"<missing>" if data is None else data)
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
