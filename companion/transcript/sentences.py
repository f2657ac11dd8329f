"""English sentences for the aligner: segments merged at sentence punctuation, cut at long pauses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.transcript.model import Transcript

ENDS = re.compile(r"[.?!…][\"')\]”’]*$")
MAX_PAUSE = 1.0  # seconds of silence that end an unpunctuated sentence
MAX_LENGTH = 15.0  # seconds; a longer run is cut at the next segment boundary


@dataclass(frozen=True)
class EnglishSentence:
    """Segments `first`..`last` (inclusive) of the transcript read as one sentence."""

    text: str
    start: float
    end: float
    first: int
    last: int


def english_sentences(transcript: Transcript) -> list[EnglishSentence]:
    segs = transcript.segments
    out: list[EnglishSentence] = []
    first = 0
    for i, seg in enumerate(segs):
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        close = (nxt is None or bool(ENDS.search(seg.text)) or nxt.start - seg.end >= MAX_PAUSE
                 or seg.end - segs[first].start >= MAX_LENGTH
                 or (nxt.speaker is not None and seg.speaker is not None and nxt.speaker != seg.speaker))
        if close:
            text = " ".join(s.text for s in segs[first:i + 1])
            out.append(EnglishSentence(text, segs[first].start, seg.end, first, i))
            first = i + 1
    return out
