"""Where a paragraph left without times finds its English when it is aligned alone: translators sometimes move a
paragraph (an answer put before its question, an aside to the end), and a monotonic alignment cannot follow.

The paragraph is aligned alone against the whole transcript and judged as an article of its length would be
(trust.judge: evidence for most of its text, as few sentences need); a paragraph of the editor's finds no such
place. The report names the place, and the paragraph keeps no times: subtitles and chapters follow the article.
"""

from __future__ import annotations

from companion.align.aligner import align_sentences
from companion.align.trust import judge, supported
from companion.transcript.model import Transcript

# Mean similarity of its sentences that a paragraph aligned alone needs, besides evidence for most of its text:
# chance finds some evidence for most of a short text somewhere in a long episode. `scripts/shape_eval.py moved`
# (TED talks): moved paragraphs found alone .30-.85, most above .45; three sentences of another talk put in as an
# editor's note .26-.40, and at .45 none is taken for a moved paragraph.
SIMILAR = 0.45
SLACK = 5.0  # seconds: a paragraph whose English is this near its gap is not moved, only weakly matched


def found_elsewhere(zh: list[str], transcript: Transcript) -> list[tuple[float, float]]:
    """(start, end) of each sentence of `zh` that finds its English, aligned alone against `transcript`; none
    when they find too little evidence anywhere."""
    placed = align_sentences(zh, transcript).placed
    matched = [p.similarity for p in placed if p.matched]
    if judge(placed, [len(text) for text in zh]) or sum(matched) < SIMILAR * max(1, len(matched)):
        return []
    return [(p.start, p.end) for p in placed if supported(p) and p.start is not None]


def out_of_order(found: list[tuple[float, float]], before: float | None, after: float | None) -> bool:
    """Whether English found at `found` lies outside the gap between the end of the timed paragraph before
    (`before`) and the start of the one after (`after`), by more than SLACK seconds."""
    start, end = min(a for a, _ in found), max(b for _, b in found)
    return (before is not None and end < before - SLACK) or (after is not None and start > after + SLACK)
