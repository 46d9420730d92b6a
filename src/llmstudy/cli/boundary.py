"""The one place errors become output: ``error: …`` and ``hint: …`` on stderr, and an exit code.

Used by the typer commands and by the fast path in ``launch``, so both report
alike. Never prints a traceback unless LLMSTUDY_DEBUG is set, and then without
local variables (an API key can live in one).
"""

from __future__ import annotations

import os
import sys

from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError, StoreError, UsageError

ERROR = Bi("错误：", "error: ")
HINT = Bi("提示：", "hint: ")
INTERRUPTED = Bi("已中断", "interrupted")
BUG = Bi(
    "这是程序的缺陷；请设置 LLMSTUDY_DEBUG=1 重新运行，并报告输出的 traceback",
    "this is a bug; rerun with LLMSTUDY_DEBUG=1 and report the traceback",
)


def report(exc: BaseException, lang: str = "en") -> int:
    """Print ``exc`` for the user (in ``lang``) and return the exit code."""
    import sqlite3  # here, not above: every command loads this module, and most never fail

    if isinstance(exc, KeyboardInterrupt):
        sys.stderr.write(INTERRUPTED.get(lang) + "\n")
        return 130
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`llmstudy timeline | head`): stop quietly, as cat would.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    if isinstance(exc, OverflowError):
        # a typed number SQLite cannot hold (``-n 10**30``): the command line's fault, not a bug
        exc = UsageError(
            Bi("数字太大", "a number on the command line is too large"),
            hint=Bi("用一个合理的数，例如 -n 20", "use a sensible number, e.g. -n 20"),
        )
    elif isinstance(exc, UnicodeError):
        # a non-UTF-8 argument or input that reached a place that must encode it
        exc = UsageError(
            Bi("输入含有无效的字符（不是 UTF-8）", "the input holds characters that are not valid UTF-8"),
            hint=Bi("用 UTF-8 终端重新输入", "type it again in a UTF-8 terminal"),
        )
    if _disk_full(exc):
        exc = StoreError(
            Bi("磁盘已满：没有写入任何内容", "the disk is full: nothing was written"),
            hint=Bi("腾出一些空间后重试", "free some space and try again"),
        )
    elif isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
        exc = StoreError(
            Bi(f"数据库是只读的（{exc}）", f"the database is read-only ({exc})"),
            hint=Bi("检查数据库文件及其文件夹的写权限（llmstudy paths 显示位置）", "check write permission on the database file and its folder (llmstudy paths shows where)"),
        )
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        exc = StoreError(
            Bi(f"数据库一直很忙（{exc}）", f"the database stayed busy ({exc})"),
            hint=Bi("另一个 llmstudy 正在写入，请再试一次", "another llmstudy is writing; try again"),
        )
    elif isinstance(exc, sqlite3.DatabaseError):
        exc = StoreError(
            Bi(f"数据库出错（{exc}）", f"database error ({exc})"),
            hint=Bi("用 llmstudy paths 找到文件检查；可以从 llmstudy export 的导出恢复", "check the file with `llmstudy paths`; restore from `llmstudy export`"),
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


def _disk_full(exc: BaseException) -> bool:
    import errno
    import sqlite3

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "disk is full" in str(exc)


def one_line(text: str) -> str:
    from llmstudy.output.terminal import clean

    # an error can quote what the learner typed or a file held: no escapes reach the terminal
    return redact(" ".join(clean(text).split()))


# Keys read in this run from elsewhere than the environment (the config file), so an error
# line can leave them out too; the CLI adds them when it loads the LLM settings.
SECRETS: set[str] = set()


def redact(text: str) -> str:
    """Remove the API key from any text we print, whatever produced it."""
    from llmstudy.core.redaction import redact as redact_text

    # and a URL's userinfo or query (https://user:token@host/v1?key=...) is shown bare
    keys = (os.environ.get("OPENAI_API_KEY"), os.environ.get("LLMSTUDY_API_KEY"), *SECRETS)
    return redact_text(text, keys)
