"""The labs shipped in ``labs/content/<lab-id>/``: read and validate each ``lab.toml``.

A lab folder holds ``lab.toml`` (id, topic, order, timeout, title, task, hints),
``starter.py`` (what the learner edits), ``solution.py`` (the reference) and
``checks.py`` (``check_*(m, ref)`` functions run by the harness). Standard
library only: nothing here imports NumPy or the curated-data stack.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llmstudy.core.records import Bi
from llmstudy.errors import DataError, NotFoundError

CONTENT_DIR = Path(__file__).resolve().parent / "content"
LAB_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_TIMEOUT = 10.0
KEYS = {"id", "topic", "order", "timeout", "title", "task", "hints"}
FILES = ("starter.py", "solution.py", "checks.py")


class LabDataError(DataError):
    """A lab folder is broken: names the file, the key and what is wrong."""


class UnknownLab(NotFoundError):
    """No lab with that id."""


@dataclass(frozen=True)
class Lab:
    id: str
    topic: str
    order: int
    timeout: float
    title_zh: str
    title_en: str
    task_zh: str
    task_en: str
    hints: tuple[tuple[str, str], ...]  # (zh, en), from a nudge to almost the answer
    dir: Path

    @property
    def starter(self) -> Path:
        return self.dir / "starter.py"

    @property
    def solution(self) -> Path:
        return self.dir / "solution.py"

    @property
    def checks(self) -> Path:
        return self.dir / "checks.py"

    def title(self, lang: str) -> str:
        return Bi(self.title_zh, self.title_en).get(lang)

    def task(self, lang: str) -> str:
        return Bi(self.task_zh, self.task_en).get(lang)


def _bilingual(data: dict[str, Any], key: str, where: str) -> tuple[str, str]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise LabDataError(f"{where}: '{key}' must be a table with 'zh' and 'en' strings")
    out: list[str] = []
    for lang in ("zh", "en"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise LabDataError(f"{where}: '{key}.{lang}' must be a non-empty string")
        out.append(text.strip())
    extra = set(value) - {"zh", "en"}
    if extra:
        raise LabDataError(f"{where}: '{key}' has unknown keys {sorted(extra)} (only zh, en)")
    return out[0], out[1]


def load_lab(folder: Path) -> Lab:
    """Read and validate one lab folder."""
    path = folder / "lab.toml"
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LabDataError(f"{where}: cannot read ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LabDataError(f"{where}: not valid TOML: {exc}") from exc
    unknown = set(data) - KEYS
    if unknown:
        raise LabDataError(f"{where}: unknown keys {sorted(unknown)} (known: {', '.join(sorted(KEYS))})")
    lab_id = data.get("id")
    if not isinstance(lab_id, str) or not LAB_ID.match(lab_id):
        raise LabDataError(f"{where}: 'id' must be a kebab-case string, got {lab_id!r}")
    if lab_id != folder.name:
        raise LabDataError(f"{where}: 'id' is {lab_id!r} but the folder is {folder.name!r}; they must match")
    topic = data.get("topic")
    if not isinstance(topic, str) or not topic.strip():
        raise LabDataError(f"{where}: 'topic' must be a topic id (string)")
    order = data.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        raise LabDataError(f"{where}: 'order' must be an integer, got {order!r}")
    timeout = data.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= 600:
        raise LabDataError(f"{where}: 'timeout' must be a number of seconds in (0, 600], got {timeout!r}")
    title = _bilingual(data, "title", where)
    task = _bilingual(data, "task", where)
    raw_hints = data.get("hints")
    if not isinstance(raw_hints, list) or not 2 <= len(raw_hints) <= 4:
        raise LabDataError(f"{where}: 'hints' must be 2 to 4 [[hints]] tables with zh and en")
    hints: list[tuple[str, str]] = []
    for i, hint in enumerate(raw_hints, 1):
        if not isinstance(hint, dict):
            raise LabDataError(f"{where}: hint {i} must be a table with zh and en")
        hints.append(_bilingual({"hints": hint}, "hints", f"{where}: hint {i}"))
    for name in FILES:
        if not (folder / name).is_file():
            raise LabDataError(f"{folder / name}: missing (a lab needs {', '.join(FILES)} next to lab.toml)")
    return Lab(
        id=lab_id,
        topic=topic.strip(),
        order=order,
        timeout=float(timeout),
        title_zh=title[0],
        title_en=title[1],
        task_zh=task[0],
        task_en=task[1],
        hints=tuple(hints),
        dir=folder,
    )


def load_labs(root: Path | None = None) -> tuple[Lab, ...]:
    """Every lab under ``root`` (default: the bundled content), sorted by order then id."""
    base = root or CONTENT_DIR
    if not base.is_dir():
        return ()
    folders = [f for f in sorted(base.iterdir()) if f.is_dir() and not f.name.startswith(("_", "."))]
    labs = [load_lab(folder) for folder in folders]
    return tuple(sorted(labs, key=lambda lab: (lab.order, lab.id)))


def get_lab(lab_id: str, root: Path | None = None) -> Lab:
    """The lab with this id; ``UnknownLab`` (with close matches as a hint) otherwise."""
    labs = load_labs(root)
    for lab in labs:
        if lab.id == lab_id:
            return lab
    ids = [lab.id for lab in labs]
    import difflib  # only for a lab not found

    close = difflib.get_close_matches(lab_id, ids, n=3)
    hint = (
        Bi(f"你是不是想找 {'、'.join(close)}？", f"did you mean {', '.join(close)}?")
        if close
        else Bi("llmstudy lab list 列出全部实验", "`llmstudy lab list` shows the labs")
    )
    raise UnknownLab(Bi(f"没有名为 {lab_id!r} 的实验", f"no lab named {lab_id!r}"), hint)
