#!/usr/bin/env python3
"""Wall time and peak memory of `companion align` on a long episode (prints figures, asserts nothing).

Builds an episode of about HOURS hours by repeating the development TED talks with shifted
times (English VTT) and a Chinese Markdown article from their Chinese subtitles, then runs
the command once at that length and once at twice that length. The long-text variant writes
every paragraph as one comma-joined sentence, so that many English cues share long Chinese runs
(the case that once made line breaking cubic); the recognised-words variant gives the English as a
recogniser would (lower case, no punctuation, timed words cut at pauses, as Whisper-style JSON), so
that the second pass runs as it does on recognised speech.

    python benchmarks/align_speed.py [--data ../shared/data/ted] [--hours 3]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import webvtt

from companion.transcript.from_words import transcript_from_words, transcript_json
from companion.transcript.model import Word
from subtitles.timecode import timestamp


def build(data: Path, hours: float, folder: Path, long_text: bool = False, heard: bool = False) -> tuple[Path, Path]:
    talks = sorted(p for p in data.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists())
    en_lines, article, offset, part = ["WEBVTT", ""], ["# 长节目", ""], 0.0, 0
    words: list[Word] = []
    while offset < hours * 3600:
        for talk in talks:
            if offset >= hours * 3600:  # about HOURS: whole talks until it is reached (15 talks last some 2.6 h)
                break
            en = list(webvtt.read(str(talk / "en.vtt")))
            zh = [re.sub(r"\s+", "", c.text) for c in webvtt.read(str(talk / "zh-cn.vtt"))]
            for c in en:
                start = offset + c.start_time.in_milliseconds() / 1000
                end = offset + c.end_time.in_milliseconds() / 1000
                en_lines += [f"{timestamp(start)} --> {timestamp(end)}", c.text, ""]
                if heard:  # its words spread evenly over the cue
                    said = re.sub(r"[^\w' ]", " ", c.text.lower()).split()
                    step = (end - start) / max(1, len(said))
                    words += [Word(w, start + step * k, start + step * (k + 0.8)) for k, w in enumerate(said)]
            part += 1
            article += [f"## 第{part}部分", ""]
            for k in range(0, len(zh), 6):
                if long_text:
                    article += ["，".join(t.rstrip("。？！，") for t in zh[k:k + 6]) + "。", ""]
                else:
                    article += ["".join(t if t[-1] in "。？！，" else t + "。" for t in zh[k:k + 6]), ""]
            offset += en[-1].end_time.in_milliseconds() / 1000 + 5
    english = folder / ("long.en.json" if heard else "long.en.vtt")
    text = transcript_json(transcript_from_words(words)) if heard else "\n".join(en_lines)
    english.write_text(text, encoding="utf-8")
    (folder / "long.md").write_text("\n".join(article), encoding="utf-8")
    return folder / "long.md", english


def measure(article: Path, transcript: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of one run in a child process (which must succeed)."""
    code = ("import resource, sys; from companion.cli import main\n"
            "code = main(sys.argv[1:])\n"
            "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, "align", str(article), "--transcript", str(transcript),
                           "--out", str(out), "--quiet", "--force"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    exit_code, peak_kb = proc.stderr.strip().splitlines()[-1].split()
    if exit_code not in ("0", "1"):
        raise SystemExit(f"companion align failed: {proc.stderr.strip()}")
    return seconds, int(peak_kb) / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "ted")
    ap.add_argument("--hours", type=float, default=3.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for kind, long_text, heard in (("sentences", False, False), ("long Chinese runs", True, False),
                                       ("recognised words", False, True)):
            figures = []
            for hours in (a.hours, 2 * a.hours):
                folder = Path(tmp) / f"{hours}h-{long_text}-{heard}"
                folder.mkdir()
                article, transcript = build(a.data, hours, folder, long_text, heard)
                seconds, peak = measure(article, transcript, folder / "out")
                figures.append(seconds)
                print(f"{hours:g} h episode ({kind}): {seconds:.2f} s wall, {peak:.0f} MB peak")
            print(f"time ratio for doubled input ({kind}): {figures[1] / figures[0]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
