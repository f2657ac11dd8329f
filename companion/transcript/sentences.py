"""English sentences for the aligner: segments merged at sentence punctuation, cut at long pauses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.lexicon.english import spoken_text
from companion.text import SENTENCE_END
from companion.transcript.model import Segment, Transcript

MAX_LENGTH = 15.0  # seconds; a longer sentence is cut at the next segment boundary
# Lecture captions seldom end a cue at a sentence end, so their sentences run to this length. Shorter (10 and 8 s)
# lost long-form clean paragraphs within 1 s (.977 -> .976 / .972) and truncate (.986 -> .980), omit alike; ending a
# sentence after every segment with a sentence end inside it lost far more (clean .919): the next segment then opens
# a sentence that began in the one before.
# Text with no punctuation (speech recognition, auto-captions) is cut into short fragments at
# pauses instead; the aligner then joins several fragments to one Chinese sentence.
FRAGMENT_PAUSE = 0.25
FRAGMENT_LENGTH = 2.0


@dataclass(frozen=True)
class EnglishSentence:
    """Segments `first`..`last` (inclusive) of the transcript read as one sentence."""

    text: str
    start: float
    end: float
    first: int
    last: int
    # begins mid-sentence: punctuated text whose sentence before was cut at MAX_LENGTH, not where it ends
    # (unpunctuated fragments are each a sentence of their own)
    continues: bool = False


def is_punctuated(transcript: Transcript) -> bool:
    """Whether the text marks sentence ends (about one per 40 words at least), as human transcripts do."""
    text = " ".join(s.text for s in transcript.segments)
    return len(re.findall(r"[.?!…]", text)) * 40 >= len(text.split())


def english_sentences(transcript: Transcript) -> list[EnglishSentence]:
    """Punctuated text is cut at sentence ends; unpunctuated text (recognition, auto-captions) into
    short fragments at pauses."""
    segs = transcript.segments
    punctuated = is_punctuated(transcript)
    pause, longest = (float("inf"), MAX_LENGTH) if punctuated else (FRAGMENT_PAUSE, FRAGMENT_LENGTH)
    out: list[EnglishSentence] = []
    first = 0
    cut = False
    for i, seg in enumerate(segs):
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        ends = (nxt is None or bool(SENTENCE_END.search(seg.text)) or nxt.start - seg.end >= pause
                # intro music is a sentence of its own, so that the first words' sentence does not begin
                # with it (long-form, paragraphs within 1 s: clean .936 -> .938)
                or (not out and _sound_only(seg) and not _sound_only(nxt))
                or (nxt.speaker is not None and seg.speaker is not None and nxt.speaker != seg.speaker))
        if ends or seg.end - segs[first].start >= longest:
            text = " ".join(s.text for s in segs[first:i + 1])
            out.append(EnglishSentence(text, segs[first].start, seg.end, first, i, cut))
            first, cut = i + 1, punctuated and not ends
    return out


def _sound_only(segment: Segment) -> bool:
    """A cue that is nothing but sound annotations (`[MUSIC]`, `(Applause)`)."""
    return not spoken_text(segment.text).strip()
