"""Confidence: the probability that a sentence's start is within a second of the truth.

A small logistic model over what separates right from wrong placements: the margin of the start
(how much dearer the best alignment gets when the start moves by more than a second), the
sentence's own evidence and its neighbours', whether it has English of its own at all, shares a
segment, starts at the same moment as the sentence before or inside a long segment, and whether
the English was recognised speech. `scripts/fit_confidence.py` fits COEFFICIENTS (see there for
the material and the figures).
"""

from __future__ import annotations

import math
import re

import numpy as np

from companion.align.timing import Placed

FEATURES = ("bias", "matched", "margin", "similarity", "neighbours", "shared", "partial", "tied", "long_cue",
            "short_text", "first_cover", "before_cover", "taken_before", "connective", "dangling", "agrees", "fragments")
# A Chinese sentence opening with a connective often begins where the English clause before it
# ends (`…doesn't work, but | what if…` rendered `…。那，如果…`): its start is less certain.
CONNECTIVE = re.compile(r"^(那么?|所以|但是?|可是|因为|总之|然后|而且|并且|另外|其实|好的?|嗯|哦|对|是的|不过|于是|比如|例如|就是说?)")
# An English segment ending on a conjunction or a comma hands its last words to what follows.
DANGLING = re.compile(r"(\b(and|but|so|or|because|cuz|now|then|okay|well|that|if|when|which)|,)\s*$", re.I)
# Fitted by scripts/fit_confidence.py on the development talks 1004 1006 1008 1009 1012 1023 1029 1051
# and the long recordings cs193p17-l3 and sicp-6b (transcript mode, all four variants; 7,140
# sentences, talk 1019 left out for its coarse reference timing); checked on the held-back talks
# 1011 1013 1014 1054 1057 1058 and cs193p16-l2: ECE 0.033, AUROC 0.857, 57 % of the wrong
# sentences and 9 % of the right ones below 0.8.
COEFFICIENTS = np.array([-1.190, 0.264, 1.946, 0.773, 1.159, -0.522, -1.592, -0.331, -0.365, -0.699, -0.558,
                         -0.455, 0.173, -0.345, -0.114, 0.534, 0.000])
MARGIN_CAP = 30.0  # cost units: beyond this a margin adds nothing
UNTRUSTED_CAP = 0.1  # an untrusted alignment's evidence may be chance: no sentence is surer than a guess


def features(placed: list[Placed], texts: list[str], fragments: bool) -> np.ndarray:
    """One row per sentence, in FEATURES order."""
    rows = []
    sims = [p.similarity if p.matched else 0.0 for p in placed]
    for k, (p, text) in enumerate(zip(placed, texts)):
        near = [sims[j] for j in (k - 1, k + 1) if 0 <= j < len(placed)]
        margin = min(max(p.margin, 0.0), MARGIN_CAP) if p.matched else 0.0
        tied = k > 0 and placed[k - 1].start is not None and p.start is not None and p.start <= placed[k - 1].start
        rows.append([1.0, float(p.matched), math.log1p(margin), p.similarity, sum(near) / len(near) if near else 0.0,
                     float(p.shared), float(p.partial), float(tied), min(p.cue, 10.0) / 10.0,
                     float(len(text) <= 6), *p.edge, float(bool(CONNECTIVE.match(text))),
                     float(bool(DANGLING.search(p.before))), p.agrees, float(fragments)])
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES))


def assign(placed: list[Placed], texts: list[str], fragments: bool, trusted: bool,
           coefficients: np.ndarray | None = None) -> None:
    """Set every timed sentence's confidence (0 for those without a time)."""
    weights = COEFFICIENTS if coefficients is None else coefficients
    x = features(placed, texts, fragments)
    probability = 1.0 / (1.0 + np.exp(-(x @ weights))) if len(x) else np.zeros(0)
    for p, value in zip(placed, probability):
        p.confidence = round(float(value), 3) if p.start is not None else 0.0
        if not trusted:
            p.confidence = min(p.confidence, UNTRUSTED_CAP)
