"""The Chinese units the aligner places: sentences, with long ones cut into clause groups.

A sentence of hundreds of characters (comma-joined prose, text pasted from subtitles with no
sentence punctuation) spans minutes of speech: as one unit it would be squeezed into the few
English units one bead may join, and it would cost time out of proportion. Such a sentence is
cut, for alignment only, at clause marks (，；：、 and spaces between Chinese runs) into groups of
about CLAUSE characters; its start is then its first group's, its end its last group's. A `.`
between Chinese runs (a full stop in text pasted from subtitles, or the dot of a transliterated
name) does not end a sentence but cuts a unit, unless a piece beside it is shorter than DOT_PIECE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.text import CJK_CHARS, CJK_GAP

LONG = 80  # characters: a longer sentence is cut into clause groups
CLAUSE = 40  # characters a clause group aims at
HARD = 120  # characters: with no clause mark in reach, a group is cut here anyway
CLAUSE_END = re.compile(rf"[，,；;：:、]+[”’」』）)】》]*|{CJK_GAP.pattern}")
DOT_PIECE = 4  # characters: a dot next to a shorter piece (`米斯.范.德罗`) is a name's, and cuts nothing
DOT = re.compile(rf"(?<=[{CJK_CHARS}])[.．][”’」』）)】》\"']*(?=[{CJK_CHARS}])")
CLAUSE_MARK = re.compile(r"[，,；;：:]")  # where a clause ends (not 、, which parts a list's items)


@dataclass(frozen=True)
class Unit:
    """Characters [lo, hi) of sentence `sentence` (its index in the aligned list)."""

    sentence: int
    text: str
    lo: int
    hi: int

    @property
    def first(self) -> bool:
        return self.lo == 0


def clauses(text: str) -> list[str]:
    """A text's clauses, cut at CLAUSE_MARK (the text itself when it has none). Translators keep a sentence's
    clauses in the English order, so its first clause is said where the sentence starts (see clause_order)."""
    return [c for c in CLAUSE_MARK.split(text) if c.strip()] or [text]


def units_of(sentences: list[str]) -> list[Unit]:
    """Every sentence as one unit, or as clause groups when it is longer than LONG."""
    out: list[Unit] = []
    for k, text in enumerate(sentences):
        out.extend(Unit(k, text[a:b], a, b) for a, b in _groups(text))
    return out


def _groups(text: str) -> list[tuple[int, int]]:
    """Character spans of the units of one sentence: its `.`-cut pieces, each in clause groups."""
    dots = list(DOT.finditer(text))
    bounds = [0] + [m.end() for m in dots]  # where each piece between dots begins …
    stops = [m.start() for m in dots] + [len(text)]  # … and where its text stops
    ends = [m.end() for k, m in enumerate(dots)
            if min(stops[k] - bounds[k], stops[k + 1] - bounds[k + 1]) >= DOT_PIECE] + [len(text)]
    return [(lo + a, lo + b) for lo, hi in zip([0] + ends[:-1], ends) for a, b in _clause_groups(text[lo:hi])]


def _clause_groups(text: str) -> list[tuple[int, int]]:
    if len(text) <= LONG:
        return [(0, len(text))]
    cuts = [m.end() for m in CLAUSE_END.finditer(text) if 0 < m.end() < len(text)]
    groups, start = [], 0
    while len(text) - start > LONG:
        reach = [c for c in cuts if start + CLAUSE // 2 <= c <= start + HARD]
        cut = min(reach, key=lambda c: abs(c - start - CLAUSE)) if reach else start + CLAUSE
        groups.append((start, cut))
        start = cut
    if start < len(text):
        if groups and len(text) - start < CLAUSE // 2:  # a short tail joins the group before it
            groups[-1] = (groups[-1][0], len(text))
        else:
            groups.append((start, len(text)))
    return groups
