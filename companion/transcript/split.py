"""Segments that hold several sentences, cut at their sentence ends.

Whisper segments and paragraph-stamped transcripts (`[00:32] Lena: …`) often put several
sentences, or a whole speaker turn, in one timed unit; the aligner can then time a Chinese
sentence no finer than that unit. Such segments are cut where a sentence ends: at the word,
when word times are known; else at a time shared out by characters (at a plausible speaking
rate), and only in segments longer than a subtitle cue, whose own timing beats interpolation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from companion.text import SENTENCE_END
from companion.transcript.model import Segment, Transcript

LONG = 8.0  # seconds: a segment without word times longer than this is cut at its sentence ends
# Slow speech, in characters a second: a stamped paragraph that runs until the next stamp may end
# in a long pause, so its sentences are timed at no more than this rate from its start.
SLOW_SPEECH = 12.0
STARTS = re.compile(r"^[\"'(\[“‘]*[A-Z0-9]")
# Words after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset("mr mrs ms dr prof st sr jr vs etc e.g i.e u.s no vol fig approx".split())


def split_at_sentences(transcript: Transcript) -> Transcript:
    """The same transcript with each multi-sentence segment cut into one segment per sentence."""
    out: list[Segment] = []
    for seg in transcript.segments:
        if seg.words:
            out.extend(_by_words(seg))
        elif seg.end - seg.start > LONG:
            out.extend(_by_characters(seg))
        else:
            out.append(seg)
    return replace(transcript, segments=out)


def sentence_ranges(tokens: list[str]) -> list[tuple[int, int]]:
    """Ranges [a, b) of `tokens` that make one sentence each: a token ends one when it ends with a
    full stop (not an abbreviation's), question or exclamation mark and the next starts like a sentence."""
    ranges, first = [], 0
    for k in range(len(tokens) - 1):
        word, following = tokens[k], tokens[k + 1]
        if SENTENCE_END.search(word) and STARTS.match(following) and word.lower().rstrip(".") not in ABBREVIATIONS:
            ranges.append((first, k + 1))
            first = k + 1
    return ranges + [(first, len(tokens))]


def _by_words(seg: Segment) -> list[Segment]:
    ranges = sentence_ranges([w.text.strip() for w in seg.words])
    if len(ranges) == 1:
        return [seg]
    return [Segment(seg.words[a].start, seg.words[b - 1].end, " ".join(w.text.strip() for w in seg.words[a:b]),
                    seg.speaker, seg.words[a:b]) for a, b in ranges]


def _by_characters(seg: Segment) -> list[Segment]:
    tokens = seg.text.split()
    ranges = sentence_ranges(tokens)
    if len(ranges) == 1:
        return [seg]
    offsets = [0]  # characters (with a space each) before every token
    for token in tokens:
        offsets.append(offsets[-1] + len(token) + 1)
    spoken = min(seg.end - seg.start, offsets[-1] / SLOW_SPEECH)
    return [Segment(seg.start + spoken * offsets[a] / offsets[-1],
                    seg.end if b == len(tokens) else seg.start + spoken * offsets[b] / offsets[-1],
                    " ".join(tokens[a:b]), seg.speaker) for a, b in ranges]
