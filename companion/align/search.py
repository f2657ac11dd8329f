"""Monotonic dynamic programming over beads (Gale–Church style) with skips on both sides.

A bead joins `a` consecutive Chinese sentences to `b` consecutive English sentences.
Its cost adds a prior for its shape, a length term (the Chinese length against the
English length times the document's ratio) and a lexical term (chance - similarity,
so that beads with real evidence lower the total).
Skipping a Chinese sentence (untranslatable, added by the translator) or an English
sentence (untranslated intro, ad, outro) has a fixed cost of its own. Each row is
computed with numpy over the band of English sentences it may reach.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from companion.align.evidence import Evidence

SKIPS: tuple[tuple[int, int], ...] = ((1, 0), (0, 1))


@dataclass(frozen=True)
class Params:
    skip_zh: float = 5.0
    skip_en: float = 1.0
    lexical: float = 8.0
    chance: float = 0.25  # similarity that earns nothing; better beads lower the cost
    length: float = 1.0
    length_cap: float = 6.0
    # The bead shapes searched, each with the cost of its shape.
    # 2-2 beads are left out: they let two sentences swap partners inside the bead.
    prior: dict = field(default_factory=lambda: {(1, 1): 0.0, (1, 2): 2.0, (2, 1): 2.0, (1, 3): 2.5, (3, 1): 2.5})


@dataclass(frozen=True)
class Bead:
    zh: tuple[int, int]  # half-open range of Chinese sentences
    en: tuple[int, int]  # half-open range of English sentences
    similarity: float
    length_z: float  # signed, in standard deviations

    @property
    def matched(self) -> bool:
        return self.zh[1] > self.zh[0] and self.en[1] > self.en[0]


class Scorer:
    """Bead similarity and length deviation from prefix sums, vectorised over English positions.

    Similarity is the mean, over every sentence of the bead on both sides, of the share of
    that sentence's weight matched on the other side: a sentence with no evidence pulls a
    bead down, so beads do not swallow unrelated neighbours.
    """

    def __init__(self, ev: Evidence, ratio: float, variance: float):
        self.zh_rows = np.zeros((ev.zh_hit.shape[0], ev.zh_hit.shape[1] + 1))
        self.zh_rows[:, 1:] = ev.zh_hit.cumsum(1)  # zh_rows[i, j]: hits of Chinese i in English < j
        self.en_cols = np.zeros((ev.en_hit.shape[0] + 1, ev.en_hit.shape[1]))
        self.en_cols[1:] = ev.en_hit.cumsum(0)  # en_cols[i, j]: hits of English j in Chinese < i
        self.zh_total = np.maximum(ev.zh_total, 1e-9)
        self.en_total = np.maximum(ev.en_total, 1e-9)
        self.lz = np.concatenate([[0.0], np.cumsum(ev.zh_len)])
        self.le = np.concatenate([[0.0], np.cumsum(ev.en_len)])
        self.ratio, self.variance = ratio, variance

    def score(self, i: int, a: int, js: np.ndarray, b: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarity, length deviation) of beads ending at Chinese i and English positions js."""
        total = np.zeros(len(js))
        for r in range(i - a, i):
            total += np.minimum(1.0, (self.zh_rows[r, js] - self.zh_rows[r, js - b]) / self.zh_total[r])
        for c in range(b):
            col = js - b + c
            total += np.minimum(1.0, (self.en_cols[i, col] - self.en_cols[i - a, col]) / self.en_total[col])
        sim = total / (a + b)
        lz = self.lz[i] - self.lz[i - a]
        le = self.le[js] - self.le[js - b]
        dev = (lz - self.ratio * le) / np.sqrt(self.variance * (self.ratio * le + lz) / 2 + 1.0)
        return sim, dev


def align(ev: Evidence, ratio: float, variance: float, params: Params,
          band: tuple[np.ndarray, np.ndarray] | None = None) -> list[Bead]:
    """The cheapest monotonic bead sequence covering all sentences on both sides."""
    n, m = len(ev.zh_total), len(ev.en_total)
    scorer = Scorer(ev, ratio, variance)
    shapes = SKIPS + tuple(params.prior)
    skip_en = shapes.index((0, 1))
    lo, hi = band if band is not None else (np.zeros(n + 1, int), np.full(n + 1, m))
    cost = np.full((n + 1, m + 1), np.inf)
    back = np.full((n + 1, m + 1), -1, dtype=np.int8)
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i] + 1)
        row = np.full(len(js), np.inf)
        arg = np.full(len(js), -1, dtype=np.int8)
        if i == 0 and lo[0] == 0:
            row[0] = 0.0
        for k, (a, b) in enumerate(shapes):
            if a == 0 or a > i:  # English skips are chained below, after the row is known
                continue
            ok = js >= b
            if not ok.any():
                continue
            jj = js[ok]
            if b:
                sim, dev = scorer.score(i, a, jj, b)
                step = params.prior[(a, b)] + (a + b) / 2 * (
                    params.length * np.minimum(dev * dev / 2, params.length_cap) + params.lexical * (params.chance - sim))
            else:
                step = params.skip_zh * a
            cand = cost[i - a, jj - b] + step
            better = cand < row[ok]
            idx = np.flatnonzero(ok)[better]
            row[idx] = cand[better]
            arg[idx] = k
        # English skips (0, 1) chain along the row: a running minimum does them all at once.
        through = np.minimum.accumulate(row - params.skip_en * js) + params.skip_en * js
        better = through < row - 1e-12
        row[better] = through[better]
        arg[better] = skip_en
        cost[i, js] = row
        back[i, js] = arg
    return _trace(back, shapes, scorer, n, m)


def _trace(back: np.ndarray, shapes: tuple[tuple[int, int], ...], scorer: Scorer, n: int, m: int) -> list[Bead]:
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back[i, j])
        if k < 0:
            raise RuntimeError("alignment band left no path")  # a band always contains a path by construction
        a, b = shapes[k]
        if a and b:
            sim, dev = scorer.score(i, a, np.array([j]), b)
            beads.append(Bead((i - a, i), (j - b, j), float(sim[0]), float(dev[0])))
        else:
            beads.append(Bead((i - a, i), (j - b, j), 0.0, 0.0))
        i, j = i - a, j - b
    return beads[::-1]
