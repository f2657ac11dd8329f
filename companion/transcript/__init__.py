"""The English timed transcript: one model, read from VTT, SRT, Whisper/WhisperX, Podcasting 2.0 JSON or text."""

from companion.transcript.model import Segment, Transcript, Word
from companion.transcript.readers import read_transcript

__all__ = ["Segment", "Transcript", "Word", "read_transcript"]
