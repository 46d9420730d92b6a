"""What still draws with rich: a model's Markdown as it streams (``LiveMarkdown``) and the
console the quiz's spinner writes to. The model's text goes in cleaned of control characters,
and rich's Markdown does not read rich markup.
"""

from __future__ import annotations

from typing import Any

import rich.text
from rich.console import Console

from llmstudy.output.terminal import MAX_WIDTH, break_offsets, clean

# Rich breaks a run of Chinese anywhere, so a line may start with "。" and "1750 亿" may be
# split from its unit. Its wrapper calls ``rich.text.divide_line``; ours breaks by the same
# rules as the plain views (kinsoku, numbers with units). tests/test_chinese.py checks streamed
# Chinese Markdown, so a rich release that stops calling it is caught there.
setattr(rich.text, "divide_line", break_offsets)  # noqa: B010 - a private name: mypy must not vouch for it


def console(stderr: bool = False) -> Console:
    probe = Console(stderr=stderr)
    return Console(
        stderr=stderr,
        width=min(MAX_WIDTH, probe.width),
        highlight=False,
        emoji=False,
        markup=False,
    )


class LiveMarkdown:
    """A model's Markdown on a terminal, re-rendered as it arrives.

    Rich's Markdown does not read rich markup, and control characters are cleaned, so
    the model's text stays text. The live region starts at the first piece, so a spinner
    can run until then.
    """

    def __init__(self) -> None:
        self.text = ""
        self.live: Any = None

    def show(self, piece: str) -> None:
        from rich.live import Live
        from rich.markdown import Markdown

        self.text += clean(piece)
        if self.live is None:
            self.live = Live(console=console(), refresh_per_second=8, vertical_overflow="visible")
            self.live.start()
        self.live.update(Markdown(self.text))

    def __enter__(self) -> LiveMarkdown:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()
