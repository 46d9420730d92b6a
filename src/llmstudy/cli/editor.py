"""Where the learner's longer text comes from: a file, $EDITOR on a terminal, or stdin.

What only the editor needs is imported when it opens: every ``--help`` loads this module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError, UsageError


def read_file(file: str) -> str:
    path = Path(file).expanduser()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(Bi(f"没有文件 {path}", f"{path}: no such file"), hint=Bi("检查路径", "check the path")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(Bi(f"无法读取 {path}（{exc}）", f"cannot read {path} ({exc})"), hint=Bi("请使用 UTF-8 编码的文本文件", "use a UTF-8 text file")) from None


NO_EDITOR_HINT = Bi("设置 EDITOR，或用 --file / 标准输入", "set EDITOR, or use --file or stdin")


def run_editor(template: str, no_editor_hint: Bi = NO_EDITOR_HINT) -> str:
    """Open $VISUAL/$EDITOR on ``template`` in a temporary file; return what the learner saved."""
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, name = tempfile.mkstemp(prefix="llmstudy-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(template)
        try:
            code = subprocess.call([*shlex.split(editor), name])
        except OSError as exc:
            raise LlmstudyError(
                Bi(f"无法启动编辑器 {editor!r}（{exc.strerror}）", f"cannot start the editor {editor!r} ({exc.strerror})"),
                hint=no_editor_hint,
            ) from None
        if code != 0:
            raise LlmstudyError(
                Bi(f"编辑器退出码 {code}，没有保存", f"the editor exited with {code}; nothing was saved"),
                hint=Bi("再试一次", "try again"),
            )
        return Path(name).read_text(encoding="utf-8")
    finally:
        Path(name).unlink(missing_ok=True)


def edit(template: str, keep_own_comments: bool = False) -> str:
    """The editor's text with the # lines dropped (only the template's own ones with
    ``keep_own_comments``: a note may have headings)."""
    from llmstudy.core.teachback import strip_template

    return strip_template(run_editor(template), template if keep_own_comments else None)


def compose(template: str, file: str | None, text: str | None = None, keep_own_comments: bool = False) -> str:
    """The text given on the command line, else --file, else the editor on a terminal, else stdin."""
    if text is not None:
        return text
    if file is not None:
        return read_file(file)
    if sys.stdin.isatty() and sys.stdout.isatty():
        return edit(template, keep_own_comments)
    return sys.stdin.read()
