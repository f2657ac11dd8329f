"""The cue model shared by every subtitle writer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Control characters (NUL, backspace, escape, …) but tab and newline: never shown, and they break players.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without control characters, as every subtitle and chapter writer puts it out."""
    return CONTROLS.sub("", text)


@dataclass
class Cue:
    """A timed subtitle: blocks of lines shown together (e.g. English lines, then Chinese lines)."""

    start: float
    end: float
    blocks: list[list[str]] = field(default_factory=list)
    voice: str | None = None

    @property
    def shown(self) -> list[list[str]]:
        """Each block's lines to show, without the spaces at their edges (a line of pasted subtitle
        text may be cut where a space stood between two sentences), a line break inside a line (a report a
        person edited) making two lines: a blank line would end a WebVTT or SRT cue halfway."""
        return [[part.strip() for line in block for part in line.splitlines() if part.strip()] for block in self.blocks]

    @property
    def lines(self) -> list[str]:
        return [line for block in self.shown for line in block]
