#!/usr/bin/env python3
"""Wall time of `companion batch` on 16 transcript-mode episodes with 1 and with 2 local workers, the
speed-up, and the peak memory of an episode's process (prints figures, asserts nothing).

The episodes are the development TED talks (articles built from their Chinese subtitles as
../shared/bench/ted_eval.py builds them, clean), repeated to sixteen.

    python benchmarks/batch_speed.py [--data ../shared/data/ted] [--episodes 16]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(data: Path, count: int, folder: Path) -> Path:
    sys.path.insert(0, str(ROOT.parent / "shared" / "bench"))
    import ted_eval as te

    talks = sorted(p for p in data.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists())
    rows = ["name,article,transcript"]
    for k in range(count):
        talk = talks[k % len(talks)]
        en, zh = te.read_cues(talk / "en.vtt"), te.read_cues(talk / "zh-cn.vtt")
        article, _, _ = te.build_article(te.chinese_sentences(zh, en), random.Random(k), "clean", en[-1][1])
        (folder / f"e{k}.md").write_text(article, encoding="utf-8")
        rows.append(f"e{k},e{k}.md,{talk / 'en.vtt'}")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


def measure(manifest: Path, out: Path, workers: int) -> tuple[float, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "companion", "batch", str(manifest), "--out", str(out), "--workers",
                           str(workers), "--quiet"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"companion batch failed: {done.stderr.strip()}")
    records = json.loads((out / "batch.json").read_text(encoding="utf-8"))["episodes"]
    return seconds, max(r.get("peak_mb", 0.0) for r in records)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ted")
    ap.add_argument("--episodes", type=int, default=16)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = build(a.data, a.episodes, folder)
        figures = {}
        for workers in (1, 2):
            seconds, peak = measure(manifest, folder / f"out{workers}", workers)
            figures[workers] = seconds
            print(f"{a.episodes} episodes, {workers} worker(s): {seconds:.1f} s wall, "
                  f"{peak:.0f} MB peak per episode process")
        print(f"speed-up with 2 workers: {figures[1] / figures[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
