"""Fit the confidence model (companion/align/confidence.py) and say how honest it is, on held-back talks too.

    python scripts/fit_confidence.py --fit DIR [DIR …] --check DIR [DIR …] [--mode transcript|captions|asr|pasted
                                     --audio-dir D] [--only FEATURE …]

Each DIR holds talk folders with human English and Chinese subtitles (en.vtt, zh-cn.vtt), as
../shared/data/ted does. Articles are built exactly as ../shared/bench/ted_eval.py builds them, in
its four variants (clean, intro, omit, truncate), and aligned in-process; a sentence is right when
its start is within a second (plus the talk's timing slack) of the human start of the subtitle its
first character comes from, as ../shared/bench/calibration.py judges it. The model is fitted on the
--fit talks only; the figures are printed for both halves, with the model as it is and as fitted. Paste
the coefficients it prints into COEFFICIENTS (HEARD with `--mode asr`: recognised words have a model of their
own). Mode `captions` strips the English of punctuation and case first, as auto-captions come,
and builds each article twice: from the punctuated subtitles and from the captions themselves. Mode
`pasted` builds each article as the Chinese subtitles pasted into a text file, one cue per line (the
four variants made of cues as ted_eval.py makes them of sentences), and judges every sentence against
the start of the cue its first character comes from.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT.parent / "shared" / "bench"
VARIANTS = ("clean", "intro", "omit", "truncate")
SEEN: list = []  # (talk, variant, human start, report sentence) of every sample, for a closer look
BINS = [(0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.98), (0.98, 1.01)]


def samples(folders: list[Path], mode: str, audio_dir: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and right/wrong labels of every timed sentence of every talk and variant."""
    sys.path.insert(0, str(BENCH))
    import ted_eval as te

    from companion.align import confidence

    captured: list[np.ndarray] = []
    original = confidence.assign

    def spy(placed, texts, opens, fragments, trusted, coefficients=None, captions=False, pasted=None, recognised=False):
        captured.append(confidence.features(placed, texts, opens, fragments, captions, pasted, recognised))
        original(placed, texts, opens, fragments, trusted, coefficients, captions, pasted, recognised)

    confidence.assign = spy
    import companion.pipeline as pipeline

    pipeline.assign = spy
    rows, labels = [], []
    for folder in folders:
        talks = sorted(p for p in folder.iterdir() if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists())
        for i, talk in enumerate(talks):
            en, zh = te.read_cues(talk / "en.vtt"), te.read_cues(talk / "zh-cn.vtt")
            transcript = english(talk, mode, audio_dir)
            if mode == "pasted":
                for variant in VARIANTS:
                    cues = pasted_cues(zh, random.Random(7 + i), variant, en[-1][1])
                    article = "演讲\n\n" + "\n".join(" ".join(text.split()) for _, _, text in cues) + "\n"
                    found, right = judged(talk.name, variant, article, [[(a, text) for a, _, text in cues]], transcript,
                                          te.timing_slack(zh, en), captured, fmt="text")
                    rows += found
                    labels += right
                continue
            # captions: the article built from the punctuated subtitles (a translator punctuates) and, as
            # ted_eval.py builds it from unpunctuated ones, from the captions themselves (few sentence ends)
            for source in ([en, [(a, b, as_caption(text)) for a, b, text in en]] if mode == "captions" else [en]):
                sentences, slack = te.chinese_sentences(zh, source), te.timing_slack(zh, source)
                for variant in VARIANTS:
                    article, paras, _ = te.build_article(sentences, random.Random(7 + i), variant, en[-1][1])
                    found, right = judged(talk.name, variant, article, paras, transcript, slack, captured)
                    rows += found
                    labels += right
    confidence.assign = pipeline.assign = original
    return np.array(rows), np.array(labels, dtype=float)


def judged(name: str, variant: str, article: str, paras, transcript, slack: float, captured: list,
           fmt: str = "markdown"):
    """Feature rows and right/wrong labels of one article's timed sentences. The gold `paras` match the
    report's paragraphs one to one, or there is one for the whole text (pasted cues: the reader makes
    the paragraphs)."""
    from companion.article import parse_article
    from companion.pipeline import align_article

    captured.clear()
    report = json.loads(align_article(parse_article(article, fmt=fmt), transcript).to_json())
    x = captured[0]
    rows, labels = [], []
    k = 0
    unlabel = speaker_labels(report)
    predicted = report["paragraphs"]
    if len(paras) == 1 and len(predicted) > 1:
        predicted = [{"sentences": [s for p in predicted for s in p["sentences"]]}]
    for gold, pred in zip(paras, predicted):
        starts = [g for g, text in gold for _ in unlabel(re.sub(r"\s+", "", text))]
        position = 0
        for s in pred["sentences"]:
            if s["start"] is not None and position < len(starts):
                rows.append(x[k])
                labels.append(abs(s["start"] - starts[position]) <= 1.0 + slack)
                SEEN.append((name, variant, starts[position], s))
            position += len(re.sub(r"\s+", "", s["text"]))
            k += 1
    return rows, labels


def pasted_cues(zh, rng: random.Random, variant: str, duration: float):
    """The Chinese cues a pasted article of `variant` holds: all of them, those after the first quarter
    (intro), about 85 % (omit), or the first 60 % (truncate)."""
    if variant == "intro":
        return [c for c in zh if c[0] >= 0.25 * duration]
    if variant == "omit":
        return [c for c in zh if rng.random() >= 0.15]
    if variant == "truncate":
        return zh[: max(1, int(len(zh) * 0.6))]
    return zh


def speaker_labels(report: dict):
    """A function that drops from gold text the speaker labels (`教授：`) the tool moved out of its sentences'
    text, as ted_eval.score does: otherwise every sentence after a label is judged against a start one
    label's length too early in the paragraph (most often the sentence before's)."""
    names = sorted({s["speaker"] for p in report["paragraphs"] for s in p["sentences"] if s.get("speaker")},
                   key=len, reverse=True)
    if not names:
        return lambda text: text
    label = re.compile("|".join(re.escape(name) + "[:：]" for name in names))
    return lambda text: label.sub("", text)


def as_caption(text: str) -> str:
    """English as auto-captions give it: no punctuation, lower case."""
    return re.sub(r"[.,?!;:\"]", "", text).lower()


def english(talk: Path, mode: str, audio_dir: Path | None):
    from companion.transcript import read_transcript
    from companion.transcript.model import Segment, Transcript

    if mode in ("transcript", "pasted"):
        return read_transcript(str(talk / "en.vtt"))
    if mode == "captions":
        given = read_transcript(str(talk / "en.vtt"))
        return Transcript([Segment(s.start, s.end, as_caption(s.text), s.speaker) for s in given.segments], given.source)
    from companion.transcript.from_words import transcript_from_words
    from media.speech import recognise_speech

    cache = audio_dir / talk.name / "recognised.json"
    if cache.exists():
        return read_transcript(str(cache))
    from companion.transcript.from_words import transcript_json

    heard = transcript_from_words(recognise_speech(audio_dir / talk.name / "talk.mp3", "pocketsphinx").words, str(talk))
    cache.write_text(transcript_json(heard), encoding="utf-8")
    return read_transcript(str(cache))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, start: np.ndarray | None = None,
        free: list[int] | None = None) -> np.ndarray:
    """Logistic regression by Newton's method with a small ridge on all but the bias; with `free`, only
    those coefficients move from `start` (the others stay as they are)."""
    w = np.zeros(x.shape[1]) if start is None else start.astype(float).copy()
    idx = np.arange(x.shape[1]) if free is None else np.array(free)
    ridge = np.full(x.shape[1], l2)
    ridge[0] = 0.0
    ridge = ridge[idx]
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x[:, idx].T @ (p - y) + ridge * w[idx]
        hessian = (x[:, idx] * (p * (1 - p))[:, None]).T @ x[:, idx] + np.diag(ridge)
        step = np.linalg.solve(hessian, gradient)
        w[idx] -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def report(name: str, confidence: np.ndarray, right: np.ndarray, doubtful: float = 0.8) -> str:
    pairs = list(zip(confidence, right.astype(bool)))
    ece = 0.0
    lines = []
    for lo, hi in BINS:
        b = [(c, r) for c, r in pairs if lo <= c < hi]
        if b:
            acc = sum(r for _, r in b) / len(b)
            conf = sum(c for c, _ in b) / len(b)
            ece += len(b) / len(pairs) * abs(acc - conf)
            lines.append(f"  [{lo:.2f},{hi:.2f}): {len(b):5d} sentences, mean confidence {conf:.3f}, right {acc:.3f}")
    wrong = [c for c, r in pairs if not r]
    good = [c for c, r in pairs if r]
    below_wrong = sum(c < doubtful for c in wrong)
    below_right = sum(c < doubtful for c in good)
    lines.insert(0, f"{name}: {len(pairs)} sentences, {len(wrong)} wrong; ECE {ece:.3f}; AUROC {auroc(pairs):.3f}; "
                    f"doubtful (< {doubtful}): {below_wrong}/{len(wrong)} wrong ({below_wrong / max(1, len(wrong)):.0%}), "
                    f"{below_right}/{len(good)} right ({below_right / max(1, len(good)):.0%})")
    return "\n".join(lines)


def auroc(pairs) -> float:
    """Probability that a right sentence has more confidence than a wrong one (ties count half)."""
    pos = np.array([c for c, r in pairs if r])
    neg = np.array([c for c, r in pairs if not r])
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    values = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(values))
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == values[i]:
            j += 1
        ranks[i:j] = (i + j + 1) / 2
        i = j
    is_pos = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))])[order]
    return float((ranks[is_pos == 1].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", type=Path, nargs="+", required=True)
    ap.add_argument("--check", type=Path, nargs="+", default=[])
    ap.add_argument("--mode", choices=["transcript", "captions", "asr", "pasted"], default="transcript")
    ap.add_argument("--audio-dir", type=Path)
    ap.add_argument("--only", nargs="+", metavar="FEATURE",
                    help="fit only these coefficients, the others kept as the model has them "
                         "(COEFFICIENTS, or HEARD with --mode asr; e.g. `pasted` on --mode pasted runs)")
    a = ap.parse_args()
    from companion.align.confidence import COEFFICIENTS, FEATURES, HEARD

    name, current = ("HEARD", HEARD) if a.mode == "asr" else ("COEFFICIENTS", COEFFICIENTS)
    x, y = samples(a.fit, a.mode, a.audio_dir)
    w = fit(x, y, start=current if a.only else None,
            free=[FEATURES.index(feature) for feature in a.only] if a.only else None)
    print(f"{name} = np.array([" + ", ".join(f"{v:.3f}" for v in w) + "])  # " + ", ".join(FEATURES))
    print(report("as it is", 1 / (1 + np.exp(-(x @ current))), y))
    print(report("fit", 1 / (1 + np.exp(-(x @ w))), y))
    if a.check:
        xc, yc = samples(a.check, a.mode, a.audio_dir)
        print(report("check, as it is", 1 / (1 + np.exp(-(xc @ current))), yc))
        print(report("check", 1 / (1 + np.exp(-(xc @ w))), yc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
