"""The one place errors become output: ``error: …`` and ``hint: …`` on stderr, and an exit code.

Used by the typer commands and by the fast path in ``launch``, so both report
alike. Never prints a traceback unless LLMSTUDY_DEBUG is set, and then without
local variables (an API key can live in one).
"""

from __future__ import annotations

import os
import sqlite3
import sys

from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError, StoreError

ERROR = Bi("错误：", "error: ")
HINT = Bi("提示：", "hint: ")
INTERRUPTED = Bi("已中断", "interrupted")
BUG = Bi(
    "这是程序的缺陷；请设置 LLMSTUDY_DEBUG=1 重新运行，并报告输出的 traceback",
    "this is a bug; rerun with LLMSTUDY_DEBUG=1 and report the traceback",
)


def report(exc: BaseException, lang: str = "en") -> int:
    """Print ``exc`` for the user (in ``lang``) and return the exit code."""
    if isinstance(exc, KeyboardInterrupt):
        sys.stderr.write(INTERRUPTED.get(lang) + "\n")
        return 130
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`llmstudy timeline | head`): stop quietly, as cat would.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        exc = StoreError(f"the database stayed busy ({exc})", hint="another llmstudy is writing; try again")
    elif isinstance(exc, sqlite3.DatabaseError):
        exc = StoreError(
            f"database error ({exc})",
            hint="check the file with `llmstudy paths`; restore from `llmstudy export`",
        )
    if isinstance(exc, LlmstudyError):
        message, hint = exc.text(lang)
        sys.stderr.write(f"{ERROR.get(lang)}{one_line(message)}\n")
        if hint:
            sys.stderr.write(f"{HINT.get(lang)}{one_line(hint)}\n")
        return exc.exit_code
    if os.environ.get("LLMSTUDY_DEBUG"):
        import traceback

        sys.stderr.write(redact("".join(traceback.format_exception(exc))))
    sys.stderr.write(f"error: internal error ({type(exc).__name__}: {one_line(str(exc))[:200]})\n")
    sys.stderr.write(f"{HINT.get(lang)}{BUG.get(lang)}\n")
    return 1


def one_line(text: str) -> str:
    return redact(" ".join(text.split()))


def redact(text: str) -> str:
    """Remove the API key from any text we print, whatever produced it."""
    key = os.environ.get("OPENAI_API_KEY") or os.environ.get("LLMSTUDY_API_KEY")
    if key and len(key) >= 8:
        text = text.replace(key, "[redacted]")
    return text
