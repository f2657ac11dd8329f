"""The cue model shared by every subtitle writer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cue:
    """A timed subtitle: blocks of lines shown together (e.g. English lines, then Chinese lines)."""

    start: float
    end: float
    blocks: list[list[str]] = field(default_factory=list)
    voice: str | None = None

    @property
    def lines(self) -> list[str]:
        return [line for block in self.blocks for line in block if line]
