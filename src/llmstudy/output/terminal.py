"""Minimal terminal output for the hot commands (`next`, `log`), which must not import rich.

Text is wrapped to the terminal width (at most 80 columns) counting East Asian
wide characters as two cells; colour only on a terminal and never with NO_COLOR.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import TextIO

MAX_WIDTH = 80
_CODES = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "cyan": "36", "red": "31", "magenta": "35"}


def use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def width(stream: TextIO | None = None) -> int:
    try:
        cols = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size((stream or sys.stdout).fileno()).columns
    except (OSError, ValueError):
        cols = MAX_WIDTH
    return max(20, min(MAX_WIDTH, cols))


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clean(text: str) -> str:
    """Drop control characters from text we did not write: escape sequences (ESC, BEL, C1),
    bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069, format characters, category Cf)
    that could make a line read differently from what it holds, and lone surrogates
    (from a non-UTF-8 argument), which no terminal can be sent."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")


def wrap(text: str, limit: int, indent: str = "", first: str = "") -> list[str]:
    """Wrap by display cells; break at spaces for Latin text, anywhere between CJK characters."""
    lines: list[str] = []
    for para in clean(text).split("\n"):
        prefix = first if not lines else indent
        line, used = prefix, cells(prefix)
        for word in _words(para):
            w = cells(word)
            if used + w > limit and line.strip():
                lines.append(line.rstrip())
                line, used = indent, cells(indent)
                word = word.lstrip()
                w = cells(word)
            line += word
            used += w
        lines.append(line.rstrip())
    return lines


# No line may start with these (kinsoku): they stay with the text before them.
CLOSING = set("，。、；：？！）」』】》〉”’…—·,.;:?!)]}%")


def _words(text: str) -> list[str]:
    """Units that are never split: a Latin word, a CJK character, a number with its CJK unit,
    each with any closing punctuation after it."""
    out: list[str] = []
    cur = ""
    for c in text:
        if c in CLOSING and (cur or out):
            if cur:
                cur += c
            else:
                out[-1] += c
            continue
        if unicodedata.east_asian_width(c) in "WF":
            if cur and cur[-1].isdigit():  # 1750亿: the number keeps its unit
                out.append(cur + c)
                cur = ""
                continue
            if cur:
                out.append(cur)
                cur = ""
            out.append(c)
        elif c == " ":
            cur += c
            out.append(cur)
            cur = ""
        else:
            cur += c
    if cur:
        out.append(cur)
    return out


class Out:
    """Styled, wrapped lines to one stream."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.color = use_color(self.stream)
        self.width = width(self.stream)

    def style(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def line(self, text: str = "", *styles: str, indent: str = "", first: str | None = None) -> None:
        for ln in wrap(text, self.width, indent=indent, first=indent if first is None else first):
            self.stream.write(self.style(ln, *styles) + "\n")

    def raw(self, text: str) -> None:
        self.stream.write(text + "\n")
