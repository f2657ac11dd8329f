"""From beads to times: every Chinese sentence gets a span, matched or placed in the gap it sits in."""

from __future__ import annotations

import math
from dataclasses import dataclass

from companion.align.inner import share_segments
from companion.align.search import Bead
from companion.transcript.model import Transcript
from companion.transcript.sentences import EnglishSentence

SNAP = 2.0  # seconds: a sentence boundary inside a bead moves to a segment start this close
UNMATCHED_CONFIDENCE = 0.1  # a sentence placed by interpolation in a gap, with no English of its own


@dataclass
class Placed:
    """Where one Chinese sentence landed."""

    start: float | None
    end: float | None
    matched: bool
    similarity: float
    english: str
    confidence: float = UNMATCHED_CONFIDENCE


def confidence(similarity: float, fragments: bool = False) -> float:
    """Probability that a matched sentence's start is within a second of the truth.

    Logistic fits of that outcome on bead similarity over the development talks 1004 and 1012
    (all variants). Punctuated English: zero evidence gives 0.90 (neighbours still pin the
    sentence down), similarity 0.2 gives 0.97, 0.5 gives 0.99. Unpunctuated fragments (speech
    recognition) are coarser and their words noisier: 0.85 at zero evidence, 0.90 at 0.5.
    Length deviation did not help once similarity was known.
    """
    a, b = (1.7, 1.1) if fragments else (2.2, 6.0)
    return round(1 / (1 + math.exp(-(a + b * similarity))), 3)


def place(beads: list[Bead], zh_texts: list[str], zh_lengths: list[float], en: list[EnglishSentence],
          transcript: Transcript, ratio: float, spread: float, fragments: bool = False) -> list[Placed]:
    """A span for every Chinese sentence: matched ones inside their bead, the others in the gaps;
    `fragments` says the English was unpunctuated (confidence is calibrated apart)."""
    placed: list[Placed | None] = [None] * len(zh_lengths)
    for bead in beads:
        if not bead.matched:
            continue
        first, last = en[bead.en[0]], en[bead.en[1] - 1]
        english = " ".join(e.text for e in en[bead.en[0]:bead.en[1]])
        lengths = [zh_lengths[i] for i in range(*bead.zh)]
        segments = transcript.segments[first.first:last.last + 1]
        shares = share_segments(zh_texts[bead.zh[0]:bead.zh[1]], [s.text for s in segments], ratio, spread)
        if shares is not None:
            edges = [segments[k].start for k in shares] + [last.end]
            spans = list(zip(edges, edges[1:]))
        else:
            spans = _split_span(first.start, last.end, lengths, [s.start for s in segments])
        for i, (s, e) in zip(range(*bead.zh), spans):
            placed[i] = Placed(s, e, True, bead.similarity, english, confidence(bead.similarity, fragments))
    return _fill_gaps(placed, zh_lengths)


def _split_span(start: float, end: float, lengths: list[float], segment_starts: list[float]) -> list[tuple[float, float]]:
    """Share [start, end] between sentences by length, moving inner cuts to nearby segment starts."""
    total = sum(lengths) or 1.0
    cuts, acc = [], 0.0
    for length in lengths[:-1]:
        acc += length
        t = start + (end - start) * acc / total
        floor = cuts[-1] if cuts else start
        near = [s for s in segment_starts if s > floor and abs(s - t) <= SNAP]
        cuts.append(min(near, key=lambda s: abs(s - t)) if near else max(t, floor))
    edges = [start, *cuts, end]
    return list(zip(edges, edges[1:]))


def _fill_gaps(placed: list[Placed | None], zh_lengths: list[float]) -> list[Placed]:
    """Unmatched sentences get times inside the gap between their matched neighbours."""
    out: list[Placed] = []
    i = 0
    n = len(placed)
    while i < n:
        if placed[i] is not None:
            out.append(placed[i])
            i += 1
            continue
        j = i
        while j < n and placed[j] is None:
            j += 1
        before = next((p for p in reversed(out) if p.start is not None), None)
        after = placed[j] if j < n else None
        if before is None or after is None:
            out.extend(Placed(None, None, False, 0.0, "") for _ in range(i, j))
        else:
            gap_start, gap_end = before.end, after.start
            if gap_end - gap_start < 0.5:  # no room: share the end of the previous sentence
                gap_start = before.start + (before.end - before.start) * 0.5
                before.end = gap_start
            spans = _split_span(gap_start, gap_end, zh_lengths[i:j], [])
            out.extend(Placed(s, e, False, 0.0, "") for s, e in spans)
        i = j
    return out
