"""The help page drawn in Chinese (typer draws the English one): wrapped by display width,
so a line of Chinese fits the terminal."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import NamedTuple

from llmstudy.output.terminal import Out, cells, width, wrap

LEFT_MAX = 30  # a longer option name puts its help on the next line


class HelpPage(NamedTuple):
    usage: str
    text: str  # paragraphs separated by blank lines
    sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]  # title, (name, help) rows


def render(page: HelpPage) -> str:
    buf = io.StringIO()
    out = Out(buf)
    out.width = width()
    out.line(f"用法：{page.usage}", indent="  ", first="")
    for paragraph in page.text.split("\n\n"):
        out.line()
        for ln in paragraph.splitlines():
            out.line(ln, indent="  ")
    for title, rows in page.sections:
        if not rows:
            continue
        out.line()
        out.line(f"{title}：")
        left = min(max(cells(name) for name, _ in rows), LEFT_MAX)
        for name, text in rows:
            pad = " " * (2 + left + 2)
            if cells(name) > left:
                out.raw(f"  {name}")
                lines = wrap(text, out.width, indent=pad, first=pad)
            else:
                first = f"  {name}{' ' * (left - cells(name))}  "
                lines = wrap(text, out.width, indent=pad, first=first)
            for ln in lines:
                out.raw(ln)
    return buf.getvalue().rstrip("\n")
