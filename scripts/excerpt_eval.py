"""Short articles: how often an excerpt of a talk is trusted against its own English, and against another's.

    python scripts/excerpt_eval.py DATA_DIR [DATA_DIR …] [--count 600] [--sizes 2 3 4 6 8] [--seed 5]

Each DIR holds talk folders with human English and Chinese subtitles (en.vtt, zh-cn.vtt), as ../shared/data/ted
does. Every trial takes a run of sentences of one talk's Chinese subtitles (as ../shared/bench/ted_eval.py cuts
them) as a one-paragraph article and aligns it in-process, half of the trials against the talk's own English and
half against another talk's. Prints, per excerpt size, how many were trusted (no `warning`) and, of the talk's
own, how many start within a second (plus the talk's timing slack) of the human start. The figures for
companion/align/trust.py's FEW and MIN_EVIDENCE_FEW were measured so.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, nargs="+")
    ap.add_argument("--count", type=int, default=600, help="trials (half against the talk's own English)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4, 6, 8], help="sentences an excerpt may have")
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import ted_eval

    from companion.article import parse_article
    from companion.pipeline import align_article
    from companion.transcript import read_transcript

    talks = sorted(p for d in a.data for p in d.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists())
    if len(talks) < 2:
        ap.error("needs two talks or more")
    read: dict[Path, tuple] = {}

    def talk(path: Path) -> tuple:
        if path not in read:
            en, zh = ted_eval.read_cues(path / "en.vtt"), ted_eval.read_cues(path / "zh-cn.vtt")
            read[path] = (ted_eval.chinese_sentences(zh, en), ted_eval.timing_slack(zh, en),
                          read_transcript(str(path / "en.vtt")))
        return read[path]

    rng = random.Random(a.seed)
    tally: Counter = Counter()
    for n in range(a.count):
        source = rng.choice(talks)
        english = source if n % 2 == 0 else rng.choice([t for t in talks if t != source])
        sentences, slack, _ = talk(source)
        size = rng.choice(a.sizes)
        first = rng.randrange(0, len(sentences) - size)
        excerpt = sentences[first:first + size]
        text = "# 摘录\n\n## 第1部分\n\n" + "".join(s for _, s in excerpt) + "\n"
        report = align_article(parse_article(text, fmt="markdown"), talk(english)[2])
        kind = "own" if english == source else "other"
        start = report.paragraphs[0].start if report.paragraphs else None
        tally[kind, size, "trials"] += 1
        tally[kind, size, "trusted"] += report.trusted
        tally[kind, size, "right"] += bool(report.trusted and start is not None
                                           and abs(start - excerpt[0][0]) <= 1.0 + slack)
    for size in sorted(a.sizes):
        own, other = (f"{tally[k, size, 'trusted']}/{tally[k, size, 'trials']}" for k in ("own", "other"))
        print(f"{size:>3} sentences: own English trusted {own} ({tally['own', size, 'right']} start right), "
              f"another talk's trusted {other}")
    own, other = (f"{sum(tally[k, s, 'trusted'] for s in a.sizes)}/{sum(tally[k, s, 'trials'] for s in a.sizes)}"
                  for k in ("own", "other"))
    print(f"all: own English trusted {own} ({sum(tally['own', s, 'right'] for s in a.sizes)} start right), "
          f"another talk's trusted {other}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
