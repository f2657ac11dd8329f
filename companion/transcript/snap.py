"""Timed text whose cue boundaries sit a little off the speech: moved onto the pauses in the audio."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from companion.transcript.model import Segment, Transcript
from media.silence import snap


def snap_to_speech(transcript: Transcript, regions: list[tuple[float, float]], window: float = 0.3) -> Transcript:
    """Each segment's start moves to a speech onset, its end to a speech offset, within `window` seconds
    (never past its neighbours). Segments with word times are left as they are: those are exact."""
    onsets = np.array([a for a, _ in regions])
    offsets = np.array([b for _, b in regions])
    out: list[Segment] = []
    for seg in transcript.segments:
        if seg.words:
            out.append(seg)
            continue
        start, end = snap(seg.start, onsets, window), snap(seg.end, offsets, window)
        if out:
            start = max(start, out[-1].end)
        if end <= start:
            start, end = seg.start, seg.end
        out.append(replace(seg, start=start, end=end))
    return replace(transcript, segments=out)
