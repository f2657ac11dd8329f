"""English names a unit does not render, at the head of its run: the second pass's evidence that the head is
another sentence's.

Names survive translation (布莱尔 for "Blair", or the Latin itself), so a segment that opens an English sentence and
holds a name the unit finds nowhere in its words is most often a sentence the translator left out before it: a
run that begins there and goes on into English the unit does render pays RefineParams.head_name. Without it
(`Tony Blair being used as a mounting block, | and Rumsfeld and Bush laughing…` for 拉姆斯菲尔德和布什在笑，…, the
sentence rendering the first line left out) taking the head cost less than skipping it, and the sentence began 5 s
early. Only a head that opens a sentence: one that goes on the sentence before (`if you wanna use Concentration game
but I am responsible for`) holds that sentence's names, and the next one's start often lies in it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from companion.align.evidence import Evidence, Sides, weigh
from companion.lexicon.english import name_keys


@dataclass(frozen=True)
class UnrenderedNames:
    """Evidence of each unit's tokens against the names of each segment (piece) of its window that opens a sentence."""

    names: Evidence

    @classmethod
    def of(cls, sides: Sides, texts: list[str], opens: np.ndarray, start: np.ndarray, width: int,
           longest: int) -> "UnrenderedNames":
        """`sides` as the second pass weighs them, `texts` the segments' and `opens` which of them open a sentence;
        `start`, `width` and `longest` the second pass's window."""
        keys = [name_keys(text) if opening else set() for text, opening in zip(texts, opens)]
        return cls(weigh(replace(sides, en_keys=keys), start, width, longest))

    def at(self, units: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """out[...]: segment positions[...] opens a sentence and holds a name that unit units[...] does not render
        (arrays that broadcast together)."""
        return (self.names.en_total[positions] > 0) & (self.names.found(units, positions) <= 0)
