"""Text cut into reading units: whole clauses per subtitle, never a scrap, within the line limits.

A subtitle is read at a glance: it should end where a clause ends (，、；：or a sentence end), not in
the middle of one with its comma a word away, and never leave a scrap of a few characters for
the next subtitle. `groups` packs a sentence's clauses into pieces of at most `room` characters;
a clause longer than that is cut at word boundaries into even parts. English shown alone (`english_cuts`)
is cut the same way: at sentence ends first, then at clause marks.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable

from subtitles.linebreak import cut_chinese, display_width, wrap_chinese

CLAUSE_MARKS = "，、；：,;:—"
SENTENCE_MARKS = "。？！…?!｡"
CLOSERS = "”’」』）)》\"'"
SCRAP = 4  # characters: a piece this short, cut from a longer sentence, is a scrap
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Costs of cutting English after a word (english_cuts), in cues: a cut that parts a clause costs more than showing
# one more cue, so that a run of four sentences is four cues rather than three cut mid-phrase.
ENGLISH_CUT = {"sentence": 0.0, "clause": 0.5, "word": 2.0}
FLASH = 3.0  # cues: what a cue too short to read costs (`most.` alone, 0.2 s), more than any cut it would save
EVEN = 0.1  # cues, times the square of how full a cue is: among equal cuts, the one that leaves cues even
_CLAUSE = re.compile(rf"[^{CLAUSE_MARKS}{SENTENCE_MARKS}]*(?:[{CLAUSE_MARKS}{SENTENCE_MARKS}]+[{CLOSERS}]*|$)")


def clauses(text: str) -> list[str]:
    """`text` cut after each clause or sentence mark (closing quotes stay with it); they rebuild it."""
    return [m.group() for m in _CLAUSE.finditer(text) if m.group()]


def visible(text: str) -> int:
    """Characters a reader reads: punctuation and spaces do not count."""
    return sum(1 for ch in text if ch.isalnum())


def chinese(text: str) -> int:
    """Chinese characters: what makes a piece a scrap or not (`DigiNotar的，` is one)."""
    return len(_CJK.findall(text))


@functools.lru_cache(maxsize=1 << 14)
def fits(text: str, width: int, lines: int = 2) -> bool:
    """Whether `text` wraps into `lines` lines of at most `width` (display_width: Latin counts half)."""
    size = display_width(text)
    if size <= width:
        return True
    if size > width * lines:
        return False
    wrapped = wrap_chinese(text, width)
    return len(wrapped) <= lines and all(display_width(line) <= width for line in wrapped)


def groups(text: str, width: int, lines: int = 2) -> list[str]:
    """Pieces of whole clauses that fit `lines` lines of `width` characters (a longer clause is cut
    evenly at words); no piece is a scrap of SCRAP characters or fewer while the text is longer."""
    room = width * lines
    pieces: list[str] = []
    for clause in clauses(text):
        if display_width(clause) > room:
            parts = math.ceil(display_width(clause) / room)
            pieces.extend(p for p in cut_chinese(clause, [len(clause) * k / parts for k in range(1, parts)]) if p)
        elif pieces and _joinable(pieces[-1], clause, room) and fits(pieces[-1] + clause, width, lines):
            pieces[-1] += clause
        else:
            pieces.append(clause)
    return _no_scraps(pieces, width, lines)


def _joinable(piece: str, clause: str, room: int) -> bool:
    """Join clauses into one piece while they fit; a piece already holding two thirds of the room is
    closed, so that the next one is not left short."""
    return visible(piece) < room * 2 // 3 or chinese(clause) <= SCRAP


def _no_scraps(pieces: list[str], width: int, lines: int) -> list[str]:
    """A scrap joins the shorter of its neighbours; when the two no longer fit, they are cut again
    where neither side is a scrap, or else left as they are (the line limits come first)."""
    out = list(pieces)
    k = 0
    while len(out) > 1 and k < len(out):
        if chinese(out[k]) > SCRAP:
            k += 1
            continue
        j = k + 1 if k == 0 or (k < len(out) - 1 and len(out[k + 1]) < len(out[k - 1])) else k - 1
        a, b = min(j, k), max(j, k)
        pair = out[a] + out[b]
        if fits(pair, width, lines):
            out[a:b + 1] = [pair]
            k = a
            continue
        halves = _rebalance(pair)
        if len(halves) == 2 and all(chinese(h) > SCRAP for h in halves):
            out[a:b + 1] = halves
        k += 1
    return out


def _rebalance(text: str) -> list[str]:
    """Two pieces of `text`, neither a scrap: at the clause boundary nearest the middle, else a word."""
    cut = clause_cut(text)
    if cut is None:
        cut = len(cut_chinese(text, [len(text) / 2])[0])
    return [text[:cut], text[cut:]] if 0 < cut < len(text) else [text]


def clause_cut(text: str) -> int | None:
    """The clause boundary nearest the middle of `text` that leaves no scrap on either side."""
    edges, at = [], 0
    for clause in clauses(text)[:-1]:
        at += len(clause)
        if chinese(text[:at]) > SCRAP and chinese(text[at:]) > SCRAP:
            edges.append(at)
    return min(edges, key=lambda e: abs(e - len(text) / 2)) if edges else None


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence (closing quotes and brackets after the mark allowed)."""
    tail = text.rstrip(CLOSERS + " ")
    return bool(tail) and tail[-1] in SENTENCE_MARKS


def english_cuts(ends: list[str], fill: Callable[[int, int], float | None],
                 flashes: Callable[[int, int], bool]) -> list[int]:
    """Where a run of English words is cut into cues, given what each word ends (a "sentence", a "clause" or a
    "word"), `fill(i, j)`: how full a cue of words i to j-1 is (1 at the line or time limit; None past it, and no
    less for a longer run) and `flashes(i, j)`: whether it would show too briefly to read. Returns the indices that
    open the second cue on, for the fewest cues with the cheapest cuts (ENGLISH_CUT, FLASH, EVEN); a word too
    long to fit alone is a cue of its own."""
    n = len(ends)
    if n == 0 or fill(0, n) is not None:
        return []
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        cut = 1 + (ENGLISH_CUT[ends[j - 1]] if j < n else 0.0)
        for i in range(j - 1, -1, -1):
            full = fill(i, j)
            if full is None and i < j - 1:
                break
            total = best[i] + cut + EVEN * (1.0 if full is None else full) ** 2 + (FLASH if flashes(i, j) else 0.0)
            if total < best[j]:
                best[j], back[j] = total, i
    cuts, j = [], back[n]
    while j > 0:
        cuts.append(j)
        j = back[j]
    return cuts[::-1]
