"""Confidence: the probability that a sentence's start is within a second of the truth.

A small logistic model over what separates right from wrong placements: the margin of the start
(how much dearer the best alignment gets when the start moves by more than a second), the
sentence's own evidence and its neighbours', whether it shares a segment or was only partly
placed, and whether the English was recognised speech. See FEATURES for the order and COEFFICIENTS
for what they were fitted on.
"""

from __future__ import annotations

import math

import numpy as np

from companion.align.timing import UNMATCHED_CONFIDENCE, Placed

FEATURES = ("bias", "margin", "similarity", "neighbours", "shared", "partial", "segments", "fragments")
# Fitted by scripts/fit_confidence.py; see its output in the module that holds the numbers.
COEFFICIENTS = np.array([1.0, 0.6, 3.0, 1.0, -0.5, -0.8, -0.05, -0.8])
MARGIN_CAP = 20.0  # cost units: beyond this a margin adds nothing


def features(placed: list[Placed], fragments: bool) -> np.ndarray:
    """One row per sentence, in FEATURES order (rows of unmatched sentences are unused)."""
    rows = []
    sims = [p.similarity if p.matched else 0.0 for p in placed]
    for k, p in enumerate(placed):
        near = [sims[j] for j in (k - 1, k + 1) if 0 <= j < len(placed)]
        rows.append([1.0, math.log1p(min(max(p.margin, 0.0), MARGIN_CAP)), p.similarity,
                     sum(near) / len(near) if near else 0.0, float(p.shared), float(p.partial),
                     float(min(p.segments, 12)), float(fragments)])
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES))


def assign(placed: list[Placed], fragments: bool, trusted: bool, coefficients: np.ndarray = COEFFICIENTS) -> None:
    """Set every sentence's confidence; an untrusted alignment's never exceed a guess's."""
    x = features(placed, fragments)
    probability = 1.0 / (1.0 + np.exp(-(x @ coefficients))) if len(x) else np.zeros(0)
    for p, value in zip(placed, probability):
        if not p.matched:
            p.confidence = UNMATCHED_CONFIDENCE if p.start is not None else 0.0
        else:
            p.confidence = round(float(value), 3)
        if not trusted:
            p.confidence = min(p.confidence, UNMATCHED_CONFIDENCE)
