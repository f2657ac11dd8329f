#!/usr/bin/env python3
"""Take the README's screenshot of the example episode's companion page (docs/preview.png).

Aligns examples/episode.zh.txt with examples/episode.en.vtt, writes the preview page with the
example audio (examples/episode.mp3 when present, else a tone of the same length made with
ffmpeg), and screenshots it with headless Chromium. Needs: the project installed, ffmpeg,
chromium, and a CJK font (Debian fonts-noto-cjk) for the Chinese to render.

    python scripts/screenshot_preview.py [--out docs/preview.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "preview.png")
    a = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not shutil.which("ffmpeg"):
        print("needs chromium and ffmpeg on PATH", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        audio = ROOT / "examples" / "episode.mp3"
        if not audio.exists():
            audio = folder / "episode.mp3"
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=210",
                            "-b:a", "32k", str(audio)], check=True)
        subprocess.run(["companion", "align", str(ROOT / "examples" / "episode.zh.txt"), "--transcript",
                        str(ROOT / "examples" / "episode.en.vtt"), "--audio", str(audio), "--out", str(folder),
                        "--name", "episode", "--preview", "--quiet"], check=True)
        page = folder / "episode.preview" / "index.html"
        a.out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={folder / 'profile'}", "--hide-scrollbars", "--window-size=1100,1000",
                        f"--screenshot={a.out}", page.as_uri()], check=True, capture_output=True)
    print(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
