#!/usr/bin/env python3
"""How close forced alignment puts each English cue's start to the human subtitle time (prints figures).

For every talk folder made by ../shared/bench/make_talk_audio.py (talk.mp3 and en.txt, one cue
per line) beside the talk's en.vtt, aligns en.txt to talk.mp3 with our forced aligner and
compares the start of each line's first word with its cue's start. With --aeneas, runs
aeneas-ng (a separate install, see its docs) on the same audio and lines for comparison.

    python benchmarks/cue_timing.py --talks ../shared/data/ted --audio-dir ../talk-audio [--aeneas PYTHON]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import webvtt


def ours(audio: Path, text: Path) -> list[float]:
    from companion.transcript.untimed import read_english_text, spoken
    from media.force_align import force_align

    lines = read_english_text(str(text))
    words = [w for line in lines for token in line.tokens for w in spoken(token)]
    times = force_align(audio, words)
    starts, k = [], 0
    for line in lines:
        n = sum(len(spoken(t)) for t in line.tokens)
        found = [t for t in times[k:k + n] if t is not None]
        starts.append(found[0].start if found else float("nan"))
        k += n
    return starts


def aeneas(python: str, audio: Path, text: Path) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "map.json"
        subprocess.run([python, "-m", "aeneas.tools.execute_task", str(audio), str(text),
                        "task_language=eng|is_text_type=plain|os_task_file_format=json", str(out)],
                       check=True, capture_output=True)
        return [float(f["begin"]) for f in json.loads(out.read_text())["fragments"]]


def report(name: str, errors: np.ndarray) -> None:
    errors = np.abs(errors[~np.isnan(errors)])
    print(f"{name}: {len(errors)} cues, median error {np.median(errors):.3f} s, "
          f"{np.mean(errors <= 0.5):.1%} within 0.5 s, {np.mean(errors <= 1.0):.1%} within 1 s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--talks", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "ted")
    ap.add_argument("--audio-dir", type=Path, required=True)
    ap.add_argument("--aeneas", help="a Python interpreter that has aeneas-ng installed")
    a = ap.parse_args()
    pooled: dict[str, list[float]] = {"ours": [], "aeneas": []}
    for talk in sorted(p for p in a.audio_dir.iterdir() if (p / "talk.mp3").exists()):
        gold = [c.start_time.in_milliseconds() / 1000 for c in webvtt.read(str(a.talks / talk.name / "en.vtt"))]
        runs = {"ours": ours(talk / "talk.mp3", talk / "en.txt")}
        if a.aeneas:
            runs["aeneas"] = aeneas(a.aeneas, talk / "talk.mp3", talk / "en.txt")
        for name, starts in runs.items():
            errors = np.array(starts[:len(gold)]) - np.array(gold[:len(starts)])
            report(f"{talk.name} {name}", errors)
            pooled[name] += list(errors)
    for name, errors in pooled.items():
        if errors:
            report(f"all talks {name}", np.array(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
