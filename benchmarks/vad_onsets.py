#!/usr/bin/env python3
"""Which speech detector finds speech onsets better: pydub's silence tools or webrtcvad (prints figures).

On audio made by ../shared/bench/make_talk_audio.py every cue is spoken from its start time, so
each cue start of en.vtt is a true speech onset (where it follows a pause). For each detector:
the share of such onsets with a detected region start within 0.1 s and 0.25 s, and the number
of regions found per true onset (over-segmentation), and the time it takes.

    python benchmarks/vad_onsets.py --talks ../shared/data/ted --audio-dir ../talk-audio
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import webvtt

from media.silence import speech_regions


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--talks", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "ted")
    ap.add_argument("--audio-dir", type=Path, required=True)
    a = ap.parse_args()
    for method in ("pydub", "webrtcvad"):
        hits = {0.1: 0, 0.25: 0}
        total = regions_found = 0
        seconds = 0.0
        for talk in sorted(p for p in a.audio_dir.iterdir() if (p / "talk.mp3").exists()):
            cues = list(webvtt.read(str(a.talks / talk.name / "en.vtt")))
            # onsets after a pause of at least 0.3 s (otherwise the voice runs on and there is no onset)
            onsets = [c.start_time.in_milliseconds() / 1000 for prev, c in zip(cues, cues[1:])
                      if c.start_time.in_milliseconds() - prev.end_time.in_milliseconds() >= 300]
            start = time.perf_counter()
            found = np.array([r[0] for r in speech_regions(talk / "talk.mp3", method)])
            seconds += time.perf_counter() - start
            regions_found += len(found)
            total += len(onsets)
            for onset in onsets:
                distance = np.min(np.abs(found - onset)) if len(found) else np.inf
                for tolerance in hits:
                    hits[tolerance] += distance <= tolerance
        print(f"{method}: {total} onsets, {hits[0.1] / total:.1%} within 0.1 s, {hits[0.25] / total:.1%} within "
              f"0.25 s, {regions_found / total:.2f} regions per onset, {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
