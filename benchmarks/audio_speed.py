#!/usr/bin/env python3
"""Real-time factors and peak memory of the audio path on a long file (prints figures, asserts nothing).

Builds an episode of at least MINUTES minutes by repeating examples/episode.mp3 (and its untimed
text, and its cues as Whisper segments of a turn each), then measures, each in a fresh process: bare
ffmpeg decoding to 16 kHz mono, our streamed decoding, speech recognition (plain, and adapted to the
voice as wide-band audio is), forced alignment, and the timing of a transcript's sentences inside its
segments. Run it twice with different lengths to see that peak memory does not grow with length.

    python benchmarks/audio_speed.py [--minutes 60] [--only forced]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = {
    "decode": "from media.decode import stream; sum(len(c.samples) for c in stream(AUDIO))",
    "recognition": "from media.recognize import recognise; recognise(AUDIO)",
    "recognition adapted to the voice (the default on wide-band audio)": (
        "from media.recognize import recognise; from media.speech import WIDE_BAND\n"
        "recognise(AUDIO, options=WIDE_BAND, adapt=True)"),
    "forced alignment": ("from companion.transcript.untimed import read_english_text, spoken\n"
                         "from media.force_align import force_align\n"
                         "lines = read_english_text(TEXT)\n"
                         "force_align(AUDIO, [w for l in lines for t in l.tokens for w in spoken(t)])"),
    "a transcript's sentences timed inside its segments (--transcript T --audio A)": (
        "from companion.commands import words_inside\nfrom companion.transcript import read_transcript\n"
        "words_inside(read_transcript(str(Path(TEXT).with_suffix('.json'))), AUDIO)"),
}


def build(folder: Path, minutes: float) -> tuple[Path, Path, float]:
    from media.decode import duration
    from media.ffmpeg import ffmpeg

    one = ROOT / "examples" / "episode.mp3"
    copies = max(1, int(minutes * 60 // duration(one)) + 1)
    listing = folder / "list.txt"
    listing.write_text("".join(f"file '{one}'\n" for _ in range(copies)))
    audio = folder / "long.mp3"
    subprocess.run([ffmpeg(), "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy",
                    str(audio)], check=True)
    text = folder / "long.txt"
    text.write_text("\n\n".join([(ROOT / "examples" / "episode.en.txt").read_text(encoding="utf-8")] * copies))
    (folder / "long.json").write_text(json.dumps({"segments": _turns(duration(one), copies)}))
    return audio, text, duration(audio)


def _turns(length: float, copies: int) -> list[dict]:
    """The example's cues merged into one segment per speaker turn (Whisper segments without word times), once per
    copy of its audio."""
    import webvtt

    turns: list[dict] = []
    for k in range(copies):
        voice = None
        for cue in webvtt.read(str(ROOT / "examples" / "episode.en.vtt")):
            start, end = (k * length + t.in_milliseconds() / 1000 for t in (cue.start_time, cue.end_time))
            if turns and cue.voice == voice:
                turns[-1].update(end=end, text=f"{turns[-1]['text']} {cue.text}")
            else:
                turns.append({"start": start, "end": end, "text": cue.text})
            voice = cue.voice
    return turns


def measure(code: str, audio: Path, text: Path) -> tuple[float, float]:
    """Seconds and peak resident MB (of the process or of its largest worker) of one step in a child process."""
    program = (f"import resource, sys, time\nfrom pathlib import Path\nAUDIO = Path({str(audio)!r})\n"
               f"TEXT = {str(text)!r}\nt = time.perf_counter()\n{code}\n"
               "print(time.perf_counter() - t, max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
               " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"failed: {out.stderr.strip().splitlines()[-1]}")
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), int(peak) / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--only", default="", help="measure only the steps whose name holds this text")
    a = ap.parse_args()
    from media.ffmpeg import ffmpeg

    with tempfile.TemporaryDirectory() as tmp:
        audio, text, length = build(Path(tmp), a.minutes)
        print(f"episode: {length / 60:.1f} min")
        start = time.perf_counter()
        subprocess.run([ffmpeg(), "-nostdin", "-loglevel", "error", "-i", str(audio), "-ac", "1", "-ar", "16000", "-f",
                        "s16le", "-"], stdout=subprocess.DEVNULL, check=True)
        bare = time.perf_counter() - start
        print(f"bare ffmpeg decode: {bare:.2f} s (RTF {bare / length:.4f})")
        for name, code in ((n, c) for n, c in STEPS.items() if a.only in n):
            seconds, peak = measure(code, audio, text)
            extra = f", {seconds / bare:.2f}x bare ffmpeg" if name == "decode" else ""
            print(f"{name}: {seconds:.1f} s, RTF {seconds / length:.4f}{extra}, peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
