"""Narrow-band audio: a telephone line (or an 8 kHz file) carries nothing above 4 kHz.

PocketSphinx's English model was trained on wide-band speech and recognises far fewer words of
such audio; the report says so, so that a weak result is not mistaken for a bad translation.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from media.decode import RATE, stream

CUTOFF = 4000.0  # Hz: the top of a telephone channel
NARROW = 0.001  # share of speech energy above CUTOFF below which audio is narrow-band: wide-band speech
# holds 1.3-4.5 % there on the development recordings, telephone calls and 8 kHz files under 0.01 %
FRAME = 512
LISTEN = 180.0  # seconds of audio examined: enough to judge, cheap on a long episode


def high_band_share(path: Path) -> float:
    """Share of the energy of the louder (speech) frames that lies above CUTOFF."""
    total = high = 0.0
    freqs = np.fft.rfftfreq(FRAME, 1 / RATE)
    window = np.hanning(FRAME)
    heard = 0.0
    for chunk in stream(path, 10.0):
        usable = len(chunk.samples) // FRAME * FRAME
        if usable:
            frames = chunk.samples[:usable].astype(float).reshape(-1, FRAME) * window
            power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
            energy = power.sum(1)
            loud = energy > np.percentile(energy, 50)
            total += float(power[loud].sum())
            high += float(power[loud][:, freqs > CUTOFF].sum())
        heard += len(chunk.samples) / RATE
        if heard >= LISTEN:
            break
    return high / total if total else 0.0


@functools.lru_cache(maxsize=8)
def narrow_band(path: Path) -> bool:
    """Whether `path` carries telephone-band audio (asked before recognition and again for the report)."""
    return high_band_share(path) < NARROW
