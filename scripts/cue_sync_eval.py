"""How close the Chinese subtitle cues start to the human Chinese subtitles' times, inside sentences and at their starts.

    python scripts/cue_sync_eval.py DATA_DIR WORK_DIR [--seed 7] [--variant clean] [--mode transcript|forced|asr
                                    --audio-dir D]

Runs ../shared/bench/ted_eval.py's articles (its `run_one`, talk i with seed + i, as its scores), keeping the
outputs in WORK_DIR, then finds each bilingual cue's first Chinese characters in the human subtitles (zh-cn.vtt; in
order, over sentences the article left out) and, where a human cue begins there, compares the two starts (so the
human time is exact, not a share of a cue). Prints, for cues that start a
sentence of the report and for those inside one, and for the talks tuned on and held back (split_eval.HELD): how
many, the median and 90th percentile distance, and the shares more than one and two seconds off. The figures of
companion/align/inside.py were measured so.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import webvtt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split_eval import BENCH, HELD  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")
PREFIX = 4  # characters of a cue that find it in the human text
REACH = 2000  # characters ahead where they are looked for


def run(job: tuple) -> None:
    """One talk through ted_eval.run_one, its outputs kept."""
    sys.path.insert(0, str(BENCH))
    import ted_eval

    talks, i, variant, seed, keep, mode, audio = job
    ted_eval.run_one(f"{shlex.quote(sys.executable)} -m companion", talks[i], talks[(i + 1) % len(talks)], variant,
                     seed + i, 1.0, keep, mode, audio)


def human_starts(zh_vtt: Path) -> list[tuple[str, float | None]]:
    """Every Chinese character of the human subtitles, with its cue's start when it is the cue's first."""
    out: list[tuple[str, float | None]] = []
    for cue in webvtt.read(str(zh_vtt)):
        for k, ch in enumerate(HAN.findall(cue.text)):
            out.append((ch, cue.start_time.in_milliseconds() / 1000 if k == 0 else None))
    return out


def offsets(talk: Path, out: Path) -> list[tuple[bool, float]]:
    """(starts a sentence, |cue start - human start|) for each bilingual cue whose Chinese begins a human cue."""
    report = json.loads((out / "talk.alignment.json").read_text(encoding="utf-8"))
    opening, at = set(), 0
    for sentence in (s for p in report["paragraphs"] for s in p["sentences"] if s.get("start") is not None):
        opening.add(at)
        at += len(HAN.findall(sentence["text"]))
    human = human_starts(talk / "zh-cn.vtt")
    text = "".join(ch for ch, _ in human)
    found, h, ours = [], 0, 0
    for cue in webvtt.read(str(out / "talk.bilingual.vtt")):
        chars = "".join(HAN.findall(cue.text))
        if not chars:
            continue
        j = text.find(chars[:PREFIX], h, h + REACH)  # sentences the article left out are skipped over
        if j >= 0:
            if human[j][1] is not None:
                found.append((ours in opening, abs(cue.start_time.in_milliseconds() / 1000 - human[j][1])))
            h = j + len(chars)
        ours += len(chars)
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--variant", default="clean")
    ap.add_argument("--mode", default="transcript")
    ap.add_argument("--audio-dir", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    talks = sorted(p for p in a.data.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists())
    jobs = [(talks, i, a.variant, a.seed, a.work, a.mode, a.audio_dir) for i in range(len(talks))]
    with ProcessPoolExecutor(a.jobs) as pool:
        list(pool.map(run, jobs))
    rows: dict[tuple[bool, bool], list[float]] = {}
    for talk in talks:
        for opens, off in offsets(talk, a.work / f"{talk.name}-{a.variant}" / "out"):
            rows.setdefault((opens, talk.name in HELD), []).append(off)
    for (opens, held), values in sorted(rows.items()):
        o = np.array(values)
        print(f"{'sentence starts' if opens else 'inside sentences'} {'held back' if held else 'tuned':>9}: "
              f"{len(o):5d} cues, median {np.median(o):.2f} s, p90 {np.percentile(o, 90):.2f} s, "
              f"over 1 s {np.mean(o > 1):.3f}, over 2 s {np.mean(o > 2):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
