"""Burn the example's styled bilingual subtitles into a frame, as a viewer sees them: docs/frame.png.

    python scripts/burn_frame.py [--at SECONDS]

Aligns the example episode into a temporary folder and draws STEM.bilingual.ass onto a 1280x720
frame with ffmpeg's subtitles filter (libass), which picks the fonts the file names.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--at", type=float, default=26.0, help="second of the episode to show")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "frame.png")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from companion.cli import main as companion

    with tempfile.TemporaryDirectory() as folder:
        code = companion(["align", str(ROOT / "examples" / "episode.zh.txt"), "--transcript",
                          str(ROOT / "examples" / "episode.en.vtt"), "--out", folder, "--name", "ep", "--quiet"])
        if code != 0:
            return code
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        f"color=c=0x2b3a4a:s=1280x720:d={a.at + 2}", "-ss", str(a.at), "-vf",
                        f"subtitles={folder}/ep.bilingual.ass", "-frames:v", "1", str(a.out)], check=True)
    print(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
