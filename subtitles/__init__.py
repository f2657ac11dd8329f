"""Subtitle cues: the model, WebVTT and SRT writing, line breaking and timing rules."""

from subtitles.cue import Cue

__all__ = ["Cue"]
