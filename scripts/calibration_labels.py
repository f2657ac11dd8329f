"""calibration.py's figures for the runs it kept, judged twice: as it counts, and with speaker labels left out.

    python scripts/calibration_labels.py DATA_DIR KEEP_DIR [--seed 7] [--tolerance 1.0] [--doubtful 0.8]

../shared/bench/calibration.py finds the human start of each reported sentence by counting the characters of the
sentences before it. It counts a speaker label (`教授：`, `Data：`) that the report has moved out of the text into
`speaker`, as ted_eval.py expects; so after a label every sentence of the paragraph is compared with a start some
characters too early. This reads the reports calibration.py kept (`--keep KEEP_DIR`, same seed) and prints both
judgements, with the wrong sentences per talk, so that the labels' share of the "wrong" ones shows.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"


def judged(data: Path, keep: Path, seed: int, tolerance: float, labels_counted: bool) -> list[tuple[str, float, bool]]:
    """(talk, confidence, right) for every timed sentence of the kept runs, as calibration.py pairs them."""
    sys.path.insert(0, str(BENCH))
    import ted_eval
    from fit_confidence import speaker_labels  # the labels the report moved into `speaker`, as ted_eval.py drops them

    talks = sorted(p for p in data.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists())
    rows = []
    for i, talk in enumerate(talks):
        en = ted_eval.read_cues(talk / "en.vtt")
        zh = ted_eval.read_cues(talk / "zh-cn.vtt")
        sentences = ted_eval.chinese_sentences(zh, en)
        slack = ted_eval.timing_slack(zh, en)
        for run in sorted(keep.glob(f"{talk.name}-*/out/talk.alignment.json")):
            variant = run.parent.parent.name.removeprefix(f"{talk.name}-")
            report = json.loads(run.read_text(encoding="utf-8"))
            _, paragraphs, _ = ted_eval.build_article(sentences, random.Random(seed + i), variant, en[-1][1])
            unlabel = (lambda text: text) if labels_counted else speaker_labels(report)
            for gold, paragraph in zip(paragraphs, report.get("paragraphs", [])):
                starts: list[float] = []
                for start, text in gold:
                    starts += [start] * len(re.sub(r"\s+", "", unlabel(text)))
                at = 0
                for s in paragraph["sentences"]:
                    if s.get("start") is not None and at < len(starts):
                        rows.append((talk.name, float(s.get("confidence") or 0.0),
                                     abs(s["start"] - starts[at]) <= tolerance + slack))
                    at += len(re.sub(r"\s+", "", s.get("text", "")))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("keep", type=Path, help="the folder calibration.py kept its runs in")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tolerance", type=float, default=1.0)
    ap.add_argument("--doubtful", type=float, default=0.8)
    a = ap.parse_args()
    sys.path.insert(0, str(BENCH))
    from calibration import auroc

    for counted in (True, False):
        rows = judged(a.data, a.keep, a.seed, a.tolerance, counted)
        wrong = [r for r in rows if not r[2]]
        right = [r for r in rows if r[2]]
        per_talk = {}
        for talk, _, _ in wrong:
            per_talk[talk] = per_talk.get(talk, 0) + 1
        print(f"{'labels counted (calibration.py)' if counted else 'labels left out'}: {len(rows)} sentences, "
              f"{len(wrong)} wrong; AUROC {auroc([(c, ok) for _, c, ok in rows]):.3f}; doubtful (< {a.doubtful}): "
              f"{sum(c < a.doubtful for _, c, _ in wrong)}/{len(wrong)} wrong, "
              f"{sum(c < a.doubtful for _, c, _ in right)}/{len(right)} right; wrong per talk {per_talk}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
