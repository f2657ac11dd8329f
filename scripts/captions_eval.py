"""Score alignment against captions: talk folders with their English stripped of punctuation and case.

    python scripts/captions_eval.py DATA_DIR WORK_DIR [--article punctuated|captions]
                                    [--english captions|punctuated] [--variant clean,omit]

Auto-captions exported as SRT come with neither punctuation nor word times. This writes
WORK_DIR/captions/<talk>/ for every talk folder of DATA_DIR (as ../shared/data/ted holds them): en.vtt with
the cue times kept and the text stripped of punctuation and lower-cased, and a copy of zh-cn.vtt; then runs
../shared/bench/ted_eval.py. With --article punctuated (the default) the article is built from the
punctuated subtitles, as a translator punctuates, and the tool is given the captions; with --article
captions, ted_eval.py runs on the stripped folders themselves, so the article is built from them too (its
sentences end only where the Chinese subtitles have a full stop). With --article captions --english
punctuated the article is built so, but the tool is given the talk's own punctuated English: an article
pasted from subtitles with (almost) no sentence punctuation. scripts/transcript_eval.py does the same for other
shapes of English. The figures in companion/align/aligner.py
(sentence_pieces), companion/align/refine.py and the README were measured so.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from transcript_eval import swapping  # scripts/ is on the path when a script in it runs

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "ted_eval.py"
TIMING = re.compile(r"-->|^WEBVTT|^NOTE|^Kind:|^Language:|^\d+$")


def as_captions(vtt: str) -> str:
    """The WebVTT with every cue's text as auto-captions give it: no punctuation, lower case."""
    lines = vtt.split("\n")
    return "\n".join(line if not line.strip() or TIMING.search(line.strip())
                     else re.sub(r"[^\w' ]+", " ", line).lower().strip() for line in lines)


def write_captions(data: Path, work: Path) -> Path:
    out = work / "captions"
    for talk in sorted(p for p in data.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists()):
        (out / talk.name).mkdir(parents=True, exist_ok=True)
        (out / talk.name / "en.vtt").write_text(as_captions((talk / "en.vtt").read_text(encoding="utf-8")),
                                                encoding="utf-8")
        shutil.copyfile(talk / "zh-cn.vtt", out / talk.name / "zh-cn.vtt")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--article", choices=["punctuated", "captions"], default="punctuated")
    ap.add_argument("--english", choices=["punctuated", "captions"], default="captions",
                    help="what the tool is given: the captions, or the talk's own punctuated en.vtt")
    ap.add_argument("--variant", default="clean,intro,omit,truncate")
    a = ap.parse_args()
    if a.article == a.english == "punctuated":
        ap.error("with both punctuated this is ../shared/bench/ted_eval.py itself")
    captions = write_captions(a.data, a.work).resolve()
    keep = a.work / f"runs-{a.article}-{a.english}"
    data = captions if a.article == "captions" else a.data
    given = captions if a.english == "captions" else a.data.resolve()
    if data == given:
        companion = f"{shlex.quote(sys.executable)} -m companion"
    else:
        companion = swapping(given, "en.vtt")
    return subprocess.call([sys.executable, str(BENCH), str(data), "--variant", a.variant, "--companion", companion,
                            "--keep", str(keep)], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
