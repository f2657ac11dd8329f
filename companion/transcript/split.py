"""Segments that hold several sentences, cut at their sentence ends.

Whisper segments and paragraph-stamped transcripts (`[00:32] Lena: …`) often put several
sentences, or a whole speaker turn, in one timed unit; the aligner can then time a Chinese
sentence no finer than that unit. Such segments are cut where a sentence ends: at the word,
when word times are known; else at a time shared out by characters (at a plausible speaking
rate), and only in segments longer than a subtitle cue, whose own timing beats interpolation.
"""

from __future__ import annotations

import re

from companion.transcript.model import Segment, Transcript, Word

LONG = 8.0  # seconds: a segment without word times longer than this is cut at its sentence ends
# Slow speech, in characters a second: a stamped paragraph that runs until the next stamp may end
# in a long pause, so its sentences are timed at no more than this rate from its start.
SLOW_SPEECH = 12.0
ENDS = re.compile(r"[.?!…][\"')\]”’]*$")
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
    return Transcript(out, transcript.source)


def _ends_sentence(word: str, following: str) -> bool:
    return bool(ENDS.search(word)) and bool(STARTS.match(following)) and word.lower().rstrip(".") not in ABBREVIATIONS


def _by_words(seg: Segment) -> list[Segment]:
    parts: list[list[Word]] = [[]]
    for k, word in enumerate(seg.words):
        parts[-1].append(word)
        if k + 1 < len(seg.words) and _ends_sentence(word.text.strip(), seg.words[k + 1].text.strip()):
            parts.append([])
    if len(parts) == 1:
        return [seg]
    return [Segment(p[0].start, p[-1].end, " ".join(w.text.strip() for w in p), seg.speaker, p) for p in parts]


def _by_characters(seg: Segment) -> list[Segment]:
    tokens = seg.text.split()
    pieces: list[list[str]] = [[]]
    for k, token in enumerate(tokens):
        pieces[-1].append(token)
        if k + 1 < len(tokens) and _ends_sentence(token, tokens[k + 1]):
            pieces.append([])
    if len(pieces) == 1:
        return [seg]
    total = sum(len(t) + 1 for t in tokens)
    spoken = min(seg.end - seg.start, total / SLOW_SPEECH)
    out, done = [], 0
    for k, piece in enumerate(pieces):
        size = sum(len(t) + 1 for t in piece)
        start = seg.start + spoken * done / total
        end = seg.end if k == len(pieces) - 1 else seg.start + spoken * (done + size) / total
        out.append(Segment(start, end, " ".join(piece), seg.speaker))
        done += size
    return out
