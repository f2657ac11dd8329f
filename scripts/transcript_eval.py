"""Score alignment on the talks' subtitles rewritten into other shapes users bring as their transcript.

    python scripts/transcript_eval.py SHAPE DATA_DIR WORK_DIR [--variant clean,intro,omit,truncate] [--seed 7]
                                      [--audio-dir AUDIO_DIR]

SHAPE is one of:
  merged    the English cues merged in runs of one to three (as Whisper segments them), given as Whisper JSON
            segments without word times; the Chinese keeps its finer timing
  words     the English as a Podcasting 2.0 JSON transcript of a segment per word (as hosts generate it), each
            word timed by its share of its cue's characters
  capitals  the English in capitals, as old closed captions are
  diarised  the English as WhisperX JSON with a speaker per segment: a speaker label (`PROFESSOR:`) names it, `>>`
            changes it; labels and `>>` leave the text (a cue with one mid-line is cut there by characters)
  notes     music annotations written as notes alone (`♪♪`) in both languages, as many subtitles write them

This writes WORK_DIR/SHAPE/<talk>/ for every talk folder of DATA_DIR (as ../shared/data/ted holds them), then runs
../shared/bench/ted_eval.py: the articles are built from DATA_DIR's own Chinese subtitles (from the rewritten ones
for `notes`, whose Chinese changes too) and the tool is given the rewritten English instead of each talk's en.vtt.
With --audio-dir (folders made by ../shared/bench/make_talk_audio.py), the tool is given each talk's audio as well,
as `--transcript T --audio A` runs (transcript.word_times). The figures in companion/transcript (split.py,
readers.py, word_times.py) and lexicon.english.lone_notes were measured so.
`scripts/captions_eval.py` does the same for auto-captions.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
Cue = tuple[float, float, str]
LABEL = re.compile(r">>|\b[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}:")  # `>>`, `PROFESSOR:`, `TJ:`
MUSIC = {"en": re.compile(r"[(\[]\s*music\s*[)\]]", re.I), "zh-cn": re.compile(r"[（(\[【]\s*音乐\s*[）)\]】]")}


def merged(cues: list[Cue]) -> dict:
    rng, segments, i = random.Random(1), [], 0
    while i < len(cues):
        run = cues[i:i + rng.randint(1, 3)]
        segments.append({"start": run[0][0], "end": run[-1][1], "text": " ".join(" ".join(c[2].split()) for c in run)})
        i += len(run)
    return {"language": "en", "segments": segments}


def words(cues: list[Cue]) -> dict:
    segments = []
    for start, end, text in cues:
        tokens = text.split()
        share = (end - start) / max(1, sum(len(w) + 1 for w in tokens))
        for w in tokens:
            step = share * (len(w) + 1)
            segments.append({"startTime": round(start, 3), "endTime": round(start + step, 3), "body": w})
            start += step
    return {"version": "1.0.0", "segments": segments}


def diarised(cues: list[Cue]) -> dict:
    segments, speaker, names = [], "SPEAKER_00", {}
    for start, end, text in cues:
        text, turns, at = " ".join(text.split()), [], 0
        for m in LABEL.finditer(text):
            turns.append((speaker, text[at:m.start()].strip()))
            label = m.group()
            speaker = ("SPEAKER_01" if speaker == "SPEAKER_00" else "SPEAKER_00") if label == ">>" \
                else names.setdefault(label, f"SPEAKER_{len(names):02d}")
            at = m.end()
        turns = [(who, said) for who, said in turns + [(speaker, text[at:].strip())] if said]
        total = sum(len(said) for _, said in turns) or 1
        for who, said in turns:
            until = start + (end - start) * len(said) / total
            segments.append({"start": round(start, 3), "end": round(until, 3), "text": said, "speaker": who})
            start = until
    return {"language": "en", "segments": segments}


ENGLISH: dict[str, tuple[str, Callable[[list[Cue]], dict]]] = {
    "merged": ("en.json", merged), "words": ("en.json", words), "diarised": ("en.json", diarised)}


def vtt(cues: list[Cue]) -> str:
    def clock(t: float) -> str:
        return f"{int(t // 3600):02d}:{int(t % 3600 // 60):02d}:{t % 60:06.3f}"

    return "WEBVTT\n" + "".join(f"\n{clock(a)} --> {clock(b)}\n{text}\n" for a, b, text in cues)


def write_shape(shape: str, data: Path, work: Path) -> tuple[Path, str]:
    """The rewritten talk folders and the name of the English file the tool is to be given in each."""
    sys.path.insert(0, str(BENCH))
    import ted_eval

    out = work / shape
    name = ENGLISH[shape][0] if shape in ENGLISH else "en.vtt"
    for talk in sorted(p for p in data.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists()):
        (out / talk.name).mkdir(parents=True, exist_ok=True)
        english = ted_eval.read_cues(talk / "en.vtt")
        if shape in ENGLISH:
            (out / talk.name / name).write_text(json.dumps(ENGLISH[shape][1](english)), encoding="utf-8")
        elif shape == "capitals":
            (out / talk.name / name).write_text(vtt([(a, b, text.upper()) for a, b, text in english]),
                                                encoding="utf-8")
        else:  # notes: both languages, the articles built from the rewritten Chinese
            for language in ("en", "zh-cn"):
                cues = ted_eval.read_cues(talk / f"{language}.vtt")
                (out / talk.name / f"{language}.vtt").write_text(
                    vtt([(a, b, MUSIC[language].sub("♪♪", text)) for a, b, text in cues]), encoding="utf-8")
    return out, name


def as_companion(given: Path, name: str, args: list[str], audio: Path | None = None) -> int:
    """`companion` with each talk's en.vtt swapped for file `name` of the same talk in folder `given`, and given
    that talk's `audio`/TALK/talk.mp3 too when `audio` is set."""
    sys.path.insert(0, str(ROOT))
    from companion.cli import main

    swapped = []
    for a in args:
        talk = Path(a).parent.name
        if a.endswith("en.vtt") and (given / talk).is_dir():
            swapped.append(str(given / talk / name))
            if audio is not None:
                swapped += ["--audio", str(audio / talk / "talk.mp3")]
        else:
            swapped.append(a)
    return main(swapped)


def swapping(given: Path, name: str, audio: Path | None = None) -> str:
    """ted_eval.py's --companion command that runs as_companion."""
    with_audio = ["--audio-dir", audio.resolve()] if audio is not None else []
    return " ".join(shlex.quote(str(x)) for x in (sys.executable, Path(__file__).resolve(), "--as-companion",
                                                   given.resolve(), name, *with_audio))


def main() -> int:
    if sys.argv[1:2] == ["--as-companion"]:
        if sys.argv[4:5] == ["--audio-dir"]:
            return as_companion(Path(sys.argv[2]), sys.argv[3], sys.argv[6:], Path(sys.argv[5]))
        return as_companion(Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shape", choices=["merged", "words", "capitals", "diarised", "notes"])
    ap.add_argument("data", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--variant", default="clean,intro,omit,truncate")
    ap.add_argument("--seed", default="7")
    ap.add_argument("--audio-dir", type=Path, help="give each talk's AUDIO_DIR/TALK/talk.mp3 (make_talk_audio.py's) "
                                                   "with its transcript")
    a = ap.parse_args()
    rewritten, name = write_shape(a.shape, a.data, a.work)
    data = rewritten if a.shape == "notes" else a.data
    return subprocess.call([sys.executable, str(BENCH / "ted_eval.py"), str(data), "--variant", a.variant,
                            "--seed", a.seed, "--companion", swapping(rewritten, name, a.audio_dir),
                            "--keep", str(a.work / f"runs-{a.shape}")], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
