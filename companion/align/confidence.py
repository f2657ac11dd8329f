"""Confidence: the probability that a sentence's start is within a second of the truth.

A small logistic model over what separates right from wrong placements: the margin of the start
(how much dearer the best alignment gets when the start moves by more than a second), the
sentence's own evidence and its neighbours', whether it has English of its own at all, shares a
segment, starts at the same moment as the sentence before or inside a long segment, whether its
start is an English sentence's start and the first of its paragraph, how far the time since the
sentence before is from what that sentence's length leads one to expect, how well the whole
translation matches its English (a loose translation misleads more often), whether the English
was recognised speech or captions without punctuation (the more so for a long Chinese sentence) or recognised
speech with punctuation (Whisper's), whether the Chinese is subtitle text pasted one cue per line (its pace
then says more), and whether the sentence's first clause is found only after the segment it starts in, or only in
the segment before. Words recognised and cut at pauses have the same features weighed by a model of their own (HEARD).
`scripts/fit_confidence.py` fits COEFFICIENTS (and HEARD with `--mode asr`); docs/confidence.md records how, on
what, with which figures.
"""

from __future__ import annotations

import math
import re

import numpy as np

from companion.align.timing import Placed
from companion.align.units import LONG, clauses
from companion.lexicon.chinese import CONNECTIVE, tokens  # CONNECTIVE: its start is less certain
from companion.lexicon.english import keys

FEATURES = ("bias", "matched", "margin", "similarity", "neighbours", "shared", "partial", "tied", "long_cue",
            "short_text", "first_cover", "before_cover", "taken_before", "connective", "dangling", "agrees", "fragments",
            "pace", "rushed", "opens_paragraph", "opens_english", "document", "captions", "long_caption",
            "pasted", "pasted_pace", "recognised", "head_later", "head_before")
# An English segment ending on a conjunction or a comma hands its last words to what follows.
DANGLING = re.compile(r"(\b(and|but|so|or|because|cuz|now|then|okay|well|that|if|when|which)|,)\s*$", re.I)
# Fitted by scripts/fit_confidence.py on the tuned half of the development material (TED 1004 1006 1008 1009
# 1012 1023 1029 1051, cs193p17-l3, sicp-6b; transcript mode, four variants, talk 1019 left out), then moved
# step by step as the aligner changed; the offsets of the other kinds of English (`fragments`, `captions`,
# `long_caption`, `pasted`, `pasted_pace`, `recognised`) were each fitted alone on runs of that kind. Every
# step and its figures: docs/confidence.md. Now, transcript mode, four variants, seed 7, judged as calibration.py
# does with speaker labels dropped (tuned / held back): TED AUROC .859 / .953, ECE .009 / .024, 27 / 61 % of
# wrong and 2.1 / 4.8 % of right sentences below 0.8; long-form .941 / .928, .024 / .028, 63 / 78 %, 3.3 / 6.4 %.
# `head_later` was fitted with the bias on the tuned half, the bias kept, then `head_before` alone (docs/confidence.md,
# steps 21 and 22).
COEFFICIENTS = np.array([-3.814, 0.840, 1.876, 0.871, 1.125, -0.892, -1.634, -0.898, 0.174, -0.594, -0.515,
                         -0.362, 0.134, -0.317, 0.620, 0.156, -0.510, -0.863, -1.009, 0.488, 1.671, 2.061, 0.183, -0.518,
                         0.040, -0.411, -1.3, -1.175, -1.395])
# Recognised words cut at pauses (PocketSphinx's) are another kind of evidence, not the same with an offset: the
# margin and the neighbours say more there, the first pass's agreement less. Fitted by scripts/fit_confidence.py
# --mode asr on all 15 TED talks (neural voice, four variants, seed 7; 4,924 sentences); fitted on the tune talks
# alone it scored AUROC .836 on the held-back six, where COEFFICIENTS scored .802 (docs/confidence.md, step 18);
# `head_later` fitted alone on the tune talks later, `head_before` left at 0 (steps 21 and 22); the bias refitted
# alone once the second pass judged recognised openings by meaning (step 26).
HEARD = np.array([-0.449, -0.158, 1.299, 0.469, 0.402, -0.194, -1.279, 2.570, 0.065, -0.734, 0.153, -0.086, -0.817,
                  0.141, -0.193, 0.521, 0.000, -1.093, 0.054, 0.022, 0.000, 2.375, 0.000, 0.000, 0.000, 0.000, 0.000,
                  -0.828, 0.0])
MARGIN_CAP = 30.0  # cost units: beyond this a margin adds nothing
# A rough English speaking time per Chinese character of its translation: the scale of `pace` (the Chinese
# subtitles of the development talks and lectures take 0.17-0.28 s of speech a character).
SECONDS_PER_CHARACTER = 0.22
# Share of the development sentences whose English starts an English sentence: stands for the
# unknown where the English has no punctuation to tell (recognised speech, auto-captions).
OPENS_ENGLISH = 0.81
UNTRUSTED_CAP = 0.1  # an untrusted alignment's evidence may be chance: no sentence is surer than a guess


def features(placed: list[Placed], texts: list[str], opens: list[bool], fragments: bool,
             captions: bool = False, pasted: list[bool] | None = None, recognised: bool = False) -> np.ndarray:
    """One row per sentence, in FEATURES order; `opens[k]` says sentence k opens a paragraph,
    `pasted[k]` that it comes from subtitle text pasted one cue per line (a cue starts mid-sentence as
    often as not, so whether its start opens an English sentence is unknown, as for recognised words)."""
    pasted = pasted or [False] * len(placed)
    rows = []
    sims = [p.similarity if p.matched else 0.0 for p in placed]
    document = float(np.mean([p.similarity for p in placed if p.matched] or [0.0]))
    for k, (p, text) in enumerate(zip(placed, texts)):
        near = [sims[j] for j in (k - 1, k + 1) if 0 <= j < len(placed)]
        margin = min(max(p.margin, 0.0), MARGIN_CAP) if p.matched else 0.0
        tied = k > 0 and placed[k - 1].start is not None and p.start is not None and p.start <= placed[k - 1].start
        pace = _pace(placed[k - 1], texts[k - 1], p) if k else 0.0
        rows.append([1.0, float(p.matched), math.log1p(margin), p.similarity, sum(near) / len(near) if near else 0.0,
                     float(p.shared), float(p.partial), float(tied), min(p.cue, 10.0) / 10.0,
                     float(len(text) <= 6), *p.edge, float(bool(CONNECTIVE.match(text))),
                     float(bool(DANGLING.search(p.before))), p.agrees, float(fragments),
                     abs(pace), min(pace, 0.0), float(opens[k]),
                     OPENS_ENGLISH if p.opens_english is None or pasted[k] else p.opens_english, document,
                     float(captions), float(captions and len(text) > LONG), float(pasted[k]), pasted[k] * abs(pace),
                     float(recognised and not fragments), *_first_clause_found(text, p)])
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES))


def _pace(before: Placed, text: str, placed: Placed) -> float:
    """How far the time from the sentence before's start to this start is from what the sentence
    before's length leads one to expect (log ratio): a start squeezed or stretched is suspect."""
    if before.start is None or placed.start is None:
        return 0.0
    expected = max(1, len(text)) * SECONDS_PER_CHARACTER
    return math.log(max(placed.start - before.start, 0.1) / expected)


def _first_clause_found(text: str, placed: Placed) -> tuple[float, float]:
    """(later, before): 1 when the sentence's first clause (all of it, when it is one) finds none of its words in the
    segment the sentence starts in but some later in its English, and 1 when it finds none in its English but some in
    the segment before. Translators keep a sentence's clauses in the English order: the first is most often a start a
    segment early, on English a sentence left out rendered, the second a start a segment late (`…a little button, if
    you click on it, | it will tell you…` for 如果你点击它，它会告诉你…). Transcript mode, seed 7, four variants,
    sentences at 0.8 or more without these two: the first are wrong 21 % (TED, 71 sentences) and 9 % (long-form, 193)
    of the time, the second 5 % (42) and 23 % (73); all others there, 1.1-1.4 % (docs/confidence.md, step 23)."""
    if not placed.first or not placed.english.startswith(placed.first):
        return 0.0, 0.0
    head = {k for t in tokens(clauses(text)[0]) for k in t.keys}
    first = head & set(keys(placed.first))
    later = head & set(keys(placed.english[len(placed.first):]))
    before = head & set(keys(placed.before))
    return float(not first and bool(later)), float(not first and not later and bool(before))


def assign(placed: list[Placed], texts: list[str], opens: list[bool], fragments: bool, trusted: bool,
           coefficients: np.ndarray | None = None, captions: bool = False, pasted: list[bool] | None = None,
           recognised: bool = False) -> None:
    """Set every timed sentence's confidence (0 for those without a time); `recognised` says the English is
    speech recognition's. Recognised words cut at pauses (unpunctuated, with word times) have a model of their own
    (HEARD)."""
    heard = fragments and not captions
    weights = (HEARD if heard else COEFFICIENTS) if coefficients is None else coefficients
    x = features(placed, texts, opens, fragments, captions, pasted, recognised)
    probability = 1.0 / (1.0 + np.exp(-(x @ weights))) if len(x) else np.zeros(0)
    for p, value in zip(placed, probability):
        p.confidence = round(float(value), 3) if p.start is not None else 0.0
        if not trusted:
            p.confidence = min(p.confidence, UNTRUSTED_CAP)
