"""Plain data classes for English timed text."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.text import speaker_changes


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@dataclass
class Segment:
    """One timed unit as the source gives it (a cue, a Whisper segment), with word times when known."""

    start: float
    end: float
    text: str
    speaker: str | None = None
    words: list[Word] = field(default_factory=list)
    guessed: bool = False  # its time was not heard but spread over the speech around it
    # its times were shared out by characters inside a longer unit (transcript.split), not given by the source
    interpolated: bool = False


@dataclass
class Transcript:
    """Segments sorted by start, without overlaps or empty text; `source` names where they came from."""

    segments: list[Segment]
    source: str = ""
    cleaned: int = 0  # control characters removed while reading
    untimed: int = 0  # segments whose inner sentences the audio could not time (transcript.word_times)
    # The words were heard by speech recognition (a Whisper-style JSON, `companion transcribe`'s or the audio's
    # own), not written by a person: its sentences are less sure (see align.confidence, `recognised`).
    recognised: bool = False
    # Its segments are a subtitle track's cues (WebVTT, SRT, ASS): each the unit its translation was timed on, so a
    # sentence starting inside one starts with it, as its translation does (see transcript.split).
    cues: bool = False

    @property
    def duration(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def speaker_changes(self) -> list[bool]:
        """Per segment: whether a named speaker takes over from another there (voice tags, diarised JSON)."""
        return speaker_changes([s.speaker for s in self.segments])
