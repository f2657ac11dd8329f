"""A transcript from timed words (speech recognition or forced alignment), and back to JSON.

Recognised words carry no punctuation or capitals (but "I"); they are grouped into segments at
pauses or when a segment grows long, which is also how the aligner reads unpunctuated text.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Iterable, Protocol

from companion.transcript.model import Segment, Transcript, Word
from companion.transcript.split import split_at_sentences

PAUSE = 0.25  # seconds of silence that end a segment
MAX_WORDS = 8
MAX_SECONDS = 3.0


class TimedText(Protocol):
    text: str
    start: float
    end: float


CLAUSE_END = re.compile(r"[,.;:?!…]['\"”’)]*$")  # a punctuated word (Whisper's) that ends a clause


def transcript_from_words(words: Iterable[TimedText], source: str = "") -> Transcript:
    """Segments of words, cut at pauses or when one grows long. Punctuated words (Whisper's) cut a long
    segment at a clause mark: the word that closes its clause still joins it (`delivered to your door.`,
    not `door.` left to flash alone), else it ends after its last mark."""
    segments: list[Segment] = []
    current: list[Word] = []
    for w in words:
        word = Word(w.text, w.start, w.end)
        if current and word.start - current[-1].end >= PAUSE:
            segments.append(_segment(current))
            current = []
        elif current and (len(current) >= MAX_WORDS or word.end - current[0].start > MAX_SECONDS):
            if CLAUSE_END.search(word.text) and not CLAUSE_END.search(current[-1].text):
                segments.append(_segment([*current, word]))
                current = []
                continue
            marks = [k for k, w in enumerate(current) if CLAUSE_END.search(w.text)]
            cut = marks[-1] + 1 if marks else len(current)
            segments.append(_segment(current[:cut]))
            current = current[cut:]
        current.append(word)
    if current:
        segments.append(_segment(current))
    # punctuated words (Whisper) may end a sentence mid-segment
    return split_at_sentences(Transcript(segments, source, recognised=True))


def _segment(words: list[Word]) -> Segment:
    text = " ".join("I" if w.text == "i" else (w.text.replace("i'", "I'", 1) if w.text.startswith("i'") else w.text)
                    for w in words)
    return Segment(words[0].start, words[-1].end, text, None, list(words))


def transcript_json(transcript: Transcript) -> str:
    """Whisper-style JSON (segments with words), which `companion align --transcript` reads back."""
    return json.dumps({"segments": [
        {"start": round(s.start, 3), "end": round(s.end, 3), "text": s.text,
         "words": [{"word": w.text, "start": round(w.start, 3), "end": round(w.end, 3)} for w in s.words]}
        for s in transcript.segments]}, ensure_ascii=False, indent=1) + "\n"


def recase(transcript: Transcript, text: str) -> Transcript:
    """Recognised words written as `text` (the article) writes them: `sam rivera` -> `Sam Rivera`,
    `gpt` -> `GPT`. Only words capitalised there change, and not stopwords or words of a 《title》,
    whose capitals are the title's, not the word's."""
    from companion.lexicon.english import STOPWORDS

    names = re.findall(r"[A-Za-z][A-Za-z0-9'\-]*", re.sub(r"《[^》]*》", " ", text))
    forms = {w.lower(): w for w in names if not w.islower() and w.lower() not in STOPWORDS}
    if not forms:
        return transcript

    def cased(words: str) -> str:
        return " ".join(forms.get(w.lower(), w) for w in words.split())

    return replace(transcript, segments=[Segment(s.start, s.end, cased(s.text), s.speaker,
                                                 [Word(cased(w.text), w.start, w.end) for w in s.words])
                                         for s in transcript.segments])

