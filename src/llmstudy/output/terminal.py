"""Terminal output without rich: the hot commands (`next`, `log`) and the plain views (long
lists, search, confirmations) write through ``Out``.

Text is wrapped to the terminal width (at most 80 columns) counting East Asian
wide characters as two cells; colour only on a terminal and never with NO_COLOR.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import sys
import unicodedata
from collections.abc import Collection, Sequence

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
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


@functools.lru_cache(maxsize=4096)
def _char_cells(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def cells(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(map(_char_cells, text))


def clean(text: str) -> str:
    """Drop control characters from text we did not write: escape sequences (ESC, BEL, C1),
    bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069, format characters, category Cf)
    that could make a line read differently from what it holds, and lone surrogates
    (from a non-UTF-8 argument), which no terminal can be sent."""
    if text.isprintable():  # no character of category C (the common case, checked in C)
        return text
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` display cells, with "…" where it was cut."""
    text = clean(text)
    if cells(text) <= limit:
        return text
    out, used = "", 0
    for c in text:
        w = cells(c)
        if used + w > limit - 1:
            break
        out, used = out + c, used + w
    return out + "…"


def wrap(text: str, limit: int, indent: str = "", first: str = "") -> list[str]:
    """Wrap by display cells; break at spaces for Latin text, anywhere between CJK characters;
    a word wider than a line (a long URL) is folded."""
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
            while used + w > limit:  # wider than a whole line (a long URL): folded by characters
                k = taken = 0
                while k < len(word) and used + taken + cells(word[k]) <= limit:
                    taken += cells(word[k])
                    k += 1
                if k == 0:
                    break
                lines.append(line + word[:k])
                line, used = indent, cells(indent)
                word = word[k:]
                w = cells(word)
            line += word
            used += w
        lines.append(line.rstrip())
    return lines


# No line may start with these (kinsoku): they stay with the text before them.
CLOSING = set("，。、；：？！）」』】》〉”’…—·,.;:?!)]}%")
# No line may end with these: they stay with the text after them.
OPENING = set("（「『【《〈“‘([{")


def _wide(c: str) -> bool:
    return _char_cells(c) == 2


# For ASCII text the rules below reduce to: opening brackets, then a run up to a space or an
# opening bracket (closing marks included), then spaces. tests/test_chinese.py checks both
# ways agree.
_ASCII_UNIT = re.compile(r"[(\[{]*[^\s(\[{]* *")


def units(text: str) -> list[tuple[int, int]]:
    if text.isascii():
        spans, i = [], 0
        while i < len(text):
            m = _ASCII_UNIT.match(text, i)
            j = m.end() if m and m.end() > i else i + 1
            spans.append((i, j))
            i = j
        return spans
    return cjk_units(text)


def cjk_units(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that a line is never broken inside: a Latin word with the spaces after
    it, a CJK character, a number with its CJK unit ("1750 亿", "3 月"), each with any closing
    punctuation after it and any opening punctuation before it."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        start = i
        while i < n and text[i] in OPENING:  # opening marks go with what follows them
            i += 1
        if i < n and _wide(text[i]) and text[i] not in CLOSING:
            i += 1
        else:
            while i < n and not text[i].isspace() and not _wide(text[i]) and text[i] not in OPENING:
                i += 1
            word = text[start:i]
            j = i
            while j < n and text[j] == " ":
                j += 1
            if word[-1:].isdigit() and j < n and _wide(text[j]) and text[j] not in CLOSING | OPENING:
                i = j + 1  # the number keeps its unit
        while i < n and text[i] in CLOSING:
            i += 1
        while i < n and text[i] == " ":
            i += 1
        if i == start:  # a lone space or a closing mark at the very start
            i += 1
        spans.append((start, i))
    return spans


def _words(text: str) -> list[str]:
    return [text[a:b] for a, b in units(text)]


def break_offsets(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break ``text`` (one paragraph) into lines of at most ``width`` cells, by the
    rules of ``units``; a unit wider than a line is folded by characters. Same signature and
    meaning as rich's ``divide_line``, which the rich views use it for."""
    if cells(text.rstrip()) <= width:  # most table cells: nothing to break
        return []
    breaks: list[int] = []
    used = 0
    for a, b in units(text):
        unit = text[a:b]
        w = cells(unit.rstrip())
        if used + w <= width:
            used += cells(unit)
            continue
        if used and a:
            breaks.append(a)
            used = 0
        if w <= width or not fold:
            used = cells(unit)
            continue
        last = 0  # fold a unit wider than the line, never before a closing mark
        for k, c in enumerate(unit):
            cw = cells(c)
            if used + cw > width and used:
                at = k - 1 if c in CLOSING and k - 1 > last else k
                breaks.append(a + at)
                last, used = at, cells(unit[at:k])
            used += cw
    return breaks


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for each line of ``text``."""
    out, at = [], 0
    for para in text.split("\n"):
        out.append((at, para))
        at += len(para) + 1
    return out


class Out:
    """Styled, wrapped lines to one stream."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.color = use_color(self.stream)
        self.width = width(self.stream)

    def style(self, text: str, *styles: str) -> str:
        styles = tuple(word for s in styles for word in s.split())  # "bold yellow" is two
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def line(self, text: str = "", *styles: str, indent: str = "", first: str | None = None) -> None:
        for ln in wrap(text, self.width, indent=indent, first=indent if first is None else first):
            self.stream.write(self.style(ln, *styles) + "\n")

    def bullet(self, text: str, mark: str = "•", *styles: str) -> None:
        """One list item, its wrapped lines under its text: "  • text"."""
        self.line(f"{mark} {text}", *styles, first="  ", indent="    ")

    def raw(self, text: str) -> None:
        self.stream.write(text + "\n")

    def item(self, label: str, label_style: str, parts: Sequence[tuple[str, tuple[str, ...]]], pad: int) -> None:
        """``label`` in a column ``pad`` cells wide, then each part wrapped beside it in its styles."""
        blank = " " * pad
        label = clean(label)
        head = self.style(label, label_style) + " " * max(1, pad - cells(label))
        for text, styles in parts:
            for ln in wrap(text, self.width, indent=blank, first=blank):
                self.stream.write(head + self.style(ln[pad:], *styles) + "\n")
                head = blank

    def marked(self, text: str, spans: Sequence[tuple[int, int]], indent: str, base: str, mark: str) -> None:
        """``text`` (already clean) wrapped after ``indent`` in ``base``, the ``spans`` of it in ``mark``."""
        for para_start, para in _paragraphs(text):
            bounds = [0, *break_offsets(para, self.width - cells(indent)), len(para)]
            for a, b in itertools.pairwise(bounds):
                line = para[a:b].rstrip()
                if not self.color:
                    self.stream.write(indent + line + "\n")
                    continue
                cuts = sorted({0, len(line)} | {min(max(p - para_start - a, 0), len(line)) for span in spans for p in span})
                painted = []
                for x, y in itertools.pairwise(cuts):
                    inside = any(s <= para_start + a + x and para_start + a + y <= e for s, e in spans)
                    painted.append(self.style(line[x:y], mark if inside else base))
                self.stream.write(indent + "".join(painted) + "\n")

    def flow(self, items: Sequence[str], indent: str, *styles: str) -> None:
        """Items joined by ", ", lines broken only between items."""
        line = ""
        for k, item in enumerate(clean(i) for i in items):
            piece = item + ("," if k < len(items) - 1 else "")
            if line and cells(indent + line + " " + piece) > self.width:
                self.stream.write(indent + self.style(line, *styles) + "\n")
                line = ""
            line = f"{line} {piece}" if line else piece
        if line:
            self.stream.write(indent + self.style(line, *styles) + "\n")

    def columns(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], flex: int, right: Collection[int] = ()
    ) -> None:
        """Rows under a bold header, columns one space apart. Column ``flex`` takes the width
        the others leave and wraps; the others keep their widest cell."""
        table = [[clean(c) for c in row] for row in [header, *rows]]
        widths = [max(cells(row[i]) for row in table) for i in range(len(header))]
        others = sum(widths) - widths[flex] + len(widths) - 1
        widths[flex] = max(10, min(widths[flex], self.width - others))
        for k, row in enumerate(table):
            cols = [wrap(c, widths[i]) if i == flex else [c] for i, c in enumerate(row)]
            for n in range(max(map(len, cols))):
                cell = [col[n] if n < len(col) else "" for col in cols]
                fill = [" " * (widths[i] - cells(c)) for i, c in enumerate(cell)]
                line = " ".join(f + c if i in right else c + f for i, (c, f) in enumerate(zip(cell, fill, strict=True)))
                self.stream.write(self.style(line.rstrip(), "bold" if k == 0 else "") + "\n")
