"""Where speech is: regions found by pydub's silence detection or by WebRTC's voice activity detector.

Both stream the 16 kHz decoding chunk by chunk. pydub compares loudness with a threshold set
from the file's own level (a first pass), so it needs no training; webrtcvad (the optional
`webrtcvad-wheels` package) classifies 30 ms frames. `benchmarks/vad_onsets.py` measures
which finds speech onsets better. `snap` moves cue boundaries onto the nearest onset or offset.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from media.decode import RATE, stream
from media.errors import MediaError

FRAME = 0.03  # seconds
MIN_SILENCE = 0.2  # seconds of quiet that separate two regions
BELOW_LEVEL = 16.0  # dB under the file's speech level that count as quiet


def speech_regions(path: Path, method: str = "pydub") -> list[tuple[float, float]]:
    """(start, end) of every stretch of speech, in seconds."""
    if method == "pydub":
        flags = _pydub_frames(path)
    elif method == "webrtcvad":
        flags = _webrtc_frames(path)
    else:
        raise MediaError(f"unknown speech detector {method!r}; use pydub or webrtcvad")
    return _regions(flags)


def _frames(path: Path):
    size = int(FRAME * RATE)
    for chunk in stream(path, 30.0):
        usable = len(chunk.samples) // size * size
        yield chunk.samples[:usable].reshape(-1, size)


def _pydub_frames(path: Path) -> np.ndarray:
    """Loud-enough frames, by pydub's dBFS of each frame against the file's 90th-percentile level."""
    from pydub import AudioSegment

    levels = []
    for frames in _frames(path):
        for frame in frames:
            segment = AudioSegment(frame.tobytes(), sample_width=2, frame_rate=RATE, channels=1)
            levels.append(segment.dBFS if segment.rms else -120.0)
    levels = np.array(levels)
    if not len(levels):
        return levels.astype(bool)
    return levels > np.percentile(levels, 90) - BELOW_LEVEL


def _webrtc_frames(path: Path) -> np.ndarray:
    try:
        import webrtcvad
    except ImportError:
        raise MediaError("the webrtcvad detector needs: pip install webrtcvad-wheels") from None
    vad = webrtcvad.Vad(2)
    return np.array([vad.is_speech(frame.tobytes(), RATE) for frames in _frames(path) for frame in frames], dtype=bool)


def _regions(flags: np.ndarray) -> list[tuple[float, float]]:
    """Runs of speech frames, joining runs separated by less than MIN_SILENCE."""
    regions: list[tuple[float, float]] = []
    gap = int(round(MIN_SILENCE / FRAME))
    k = 0
    n = len(flags)
    while k < n:
        if not flags[k]:
            k += 1
            continue
        start = k
        while k < n and flags[k]:
            k += 1
        if regions and start - round(regions[-1][1] / FRAME) < gap:
            regions[-1] = (regions[-1][0], k * FRAME)
        else:
            regions.append((start * FRAME, k * FRAME))
    return regions


def snap(time: float, edges: np.ndarray, window: float = 0.3) -> float:
    """`time` moved to the nearest edge (a sorted array of onsets or offsets) within `window`."""
    if not len(edges):
        return time
    k = int(np.searchsorted(edges, time))
    near = [e for e in edges[max(0, k - 1):k + 1] if abs(e - time) <= window]
    return min(near, key=lambda e: abs(e - time)) if near else time
