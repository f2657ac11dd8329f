"""Monotonic dynamic programming over beads (Gale–Church style) with skips on both sides.

A bead joins `a` consecutive Chinese sentences to `b` consecutive English sentences.
Its cost adds a prior for its shape, a length term (the Chinese length against the
English length times the document's ratio) and a lexical term (chance - similarity,
so that beads with real evidence lower the total).
Skipping a Chinese sentence (untranslatable, added by the translator) or an English
sentence (untranslated intro, ad, outro) has a fixed cost of its own. Each row is
computed with numpy over the band of English positions it may reach (all of them for an
ordinary episode; a strip around a coarse first pass for a long one); the bead costs, which
do not depend on the path, are computed for blocks of rows at once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from companion.align.evidence import Evidence, Repeats, length_deviation, window_columns

SKIPS: tuple[tuple[int, int], ...] = ((1, 0), (0, 1))
# The first pass's cost of leaving out a recognised fragment between sentences (1.0 in a transcript and in
# captions). Left out, such a fragment went to the sentence before in the second pass, although it most often
# holds the next one's misheard opening words ("and so now", fillers: a fragment late in 11 of 15 sentences
# in tests/test_align_classes.py); taken, it goes to the next. The price is omission: a sentence after one
# the translator left out now starts on that one's fragments.
# Recognition mode, 15 TED talks spoken by make_talk_audio.py (cached PocketSphinx words), paragraphs within
# 2 s, tuned (1004 1006 1008 1009 1012 1019 1023 1029 1051) / held back (1011 1013 1014 1054 1057 1058):
# clean .929/.914 -> .941/.919, intro .901/.905 -> .918/.905, omit .866/.795 -> .834/.812, truncate
# .940/.888 -> .953/.914; lectures (each alone) SICP 6B clean .839 -> .857, omit .769 -> .731, cs193p16-l2
# clean .677 -> .719, omit .662 -> .654; faster-whisper tiny.en (its unpunctuated stretches) clean .923 ->
# .925, omit .845 -> .822. 2.0 and 3.0 score alike (no fragment is left out then), 1.25 as 1.0. Captions
# (no word times) lose with it (TED omit sentences .850 -> .798): kept at 1.0 there.
SKIP_HEARD = 1.5


@dataclass(frozen=True)
class Params:
    # The first pass only finds the neighbourhood the second searches (refine_costs.RefineParams), so its costs matter
    # little. Checked by counting wrong sentence starts as scripts/fit_confidence.py labels them, ted_eval.py's four
    # transcript variants, seed 7, tuned half / held back (as in refine_costs.RefineParams.lexical): as set, 140 of
    # 7,077 / 157 of 4,003;
    # skip_en 0.7, 1.5: 141/157, 141/153; skip_zh 4, 6 and length_spread 2.0, 3.5: unchanged; lexical 6, 10:
    # 144/160, 141/156.
    skip_zh: float = 5.0
    skip_en: float = 1.0
    # Untranslated English before the first or after the last Chinese sentence (intros, ads, outros, a translation
    # that stops) is common; in the middle it is rarer, so dearer. And cheap: where a translation stops halfway, nothing
    # after its last sentences pulls the path back, and each English sentence they take (or leave between them) spares
    # a skip after them, so a dearer skip there rewards drifting. On words alone a short closing sentence (不要这么做了。)
    # found its one word in a long English sentence further on, and a lecture's last seven sentences ran 60-120 s into
    # the untranslated rest, beyond the second pass's reach. The same at both ends, or it is a prior on where the whole
    # article lies (0.2 after the last sentence only put a two-sentence excerpt of a long episode at its start).
    # Transcript mode, ted_eval.py's articles, seeds 7 / 100 / 200 / 300, paragraphs / sentences within 1 s, 0.5 ->
    # 0.2: long-form truncate .974/.978 -> .980/.983 at seed 100 (the held-back lecture .940 -> .960), every other
    # variant and seed of long-form and TED (7 / 100 / 200) unchanged; 0.0 and 0.35 (at the end) scored as 0.2.
    # Recognised speech keeps 0.5: see for_fragments.
    skip_en_edge: float = 0.2
    lexical: float = 8.0
    chance: float = 0.25  # similarity that earns nothing; better beads lower the cost
    length: float = 1.0
    length_spread: float = 2.5  # variance of the length difference per unit of length, times the ratio
    length_cap: float = 6.0
    # The bead shapes searched, each with the cost of its shape.
    # 2-2 beads are left out: they let two sentences swap partners inside the bead.
    prior: dict = field(default_factory=lambda: {(1, 1): 0.0, (1, 2): 2.0, (2, 1): 2.0, (1, 3): 2.5, (3, 1): 2.5})

    @property
    def reach(self) -> int:
        """The most English sentences one bead joins."""
        return max(b for _, b in self.prior)

    @classmethod
    def for_fragments(cls, heard: bool = False) -> "Params":
        """For unpunctuated English cut into short (about 2 s) fragments: one Chinese sentence often
        spans several, up to eight for a long one; each more costs half a point. In speech recognition's
        words (`heard`), a fragment no Chinese sentence explains is misheard far more often than left
        untranslated: leaving one out between sentences costs SKIP_HEARD, more than a bead's taking it. Leaving
        fragments out before the first sentence or after the last costs 0.5 each, as it did before transcripts' 0.2:
        there 0.2 lost intro articles (15 TED talks, cached PocketSphinx words, paragraphs within 2 s, seeds 7 / 100 /
        200: .960 .973 .946 -> .957 .970 .940)."""
        return cls(prior={(1, 1): 0.0, (2, 1): 1.0, (3, 1): 1.5, (4, 1): 2.5,
                          **{(1, b): 0.5 * (b - 1) for b in range(2, 9)}},
                   skip_en_edge=0.5, **({"skip_en": SKIP_HEARD} if heard else {}))


@dataclass(frozen=True)
class Bead:
    zh: tuple[int, int]  # half-open range of Chinese sentences
    en: tuple[int, int]  # half-open range of English sentences
    similarity: float

    @property
    def matched(self) -> bool:
        return self.zh[1] > self.zh[0] and self.en[1] > self.en[0]


class Scorer:
    """Bead similarity and length deviation, vectorised over English positions.

    Similarity is the mean, over every sentence of the bead on both sides, of the share of
    that sentence's weight matched on the other side: a sentence with no evidence pulls a
    bead down, so beads do not swallow unrelated neighbours. A Chinese word found in several
    English units of a bead counts once: else a neighbour that only repeats the sentence's words
    ("…a hotel in the north of Sweden." before "…look like something from the north of Sweden.")
    seems to add evidence, and a unit swallows the sentence the translator left out. In a run of one
    Chinese unit (`runs`), an English word found again counts once too, unless the unit itself repeats
    it (see Evidence.en_repeats): an untranslated sentence that repeats the next one's words ("That storm
    nearly destroyed the tower." before "…a storm that nearly destroyed the tower.") explained them a
    second time. Transcript mode, the articles ted_eval.py builds with seeds 7 / 100 / 200, paragraphs/
    sentences within 1 s: TED omit .952/.964 -> .954/.966, .955/.966 -> .958/.969, .965/.957 -> .973/.963,
    the other variants alike or up to .004 better; long-form sentences up in every variant and seed (clean
    .965 .964 .963 -> .966 .965 .964, omit .935 .934 .923 -> .939 .939 .930), paragraphs too but for seed
    7's omit (.944 -> .938) and clean (.972 -> .971). Discounting every repeat, even one the unit renders
    twice, lost long-form clean (.972 -> .964). The held-back lecture (cs193p16-l2) gains sentences in every
    variant and seed (omit .882 .894 .883 -> .890 .904 .891) and loses three paragraphs' starts in clean (.964
    -> .952 at seed 7), each now below 0.8 confidence. Recognition mode (15 TED talks, within 2 s): paragraphs
    clean .951 -> .949, intro .921 -> .930, omit .840 -> .837, truncate .962 -> .958, sentences omit .850 ->
    .863; with the whisper extra's tiny.en, TED clean .920 -> .923, omit .830 -> .842. Captions
    (scripts/captions_eval.py): long-form clean .854 -> .860, intro .861 -> .877; TED clean .965 -> .962,
    intro .942 -> .936. Forced mode (TED clean and intro): paragraphs unchanged (.987, .976).
    """

    def __init__(self, ev: Evidence, ratio: float, spread: float):
        self.ev = ev
        self.zh_rows = np.zeros((ev.zh_hit.shape[0], ev.width + 1))
        self.zh_rows[:, 1:] = ev.zh_hit.cumsum(1)  # zh_rows[r, k]: hits of Chinese r in its first k columns
        self.zh_total = np.maximum(ev.zh_total, 1e-9)
        self.en_total = np.maximum(ev.en_total, 1e-9)
        # en_rows[r, k]: for Chinese r alone, the summed coverage of its window's first k English units
        columns = window_columns(ev.start, ev.width, len(ev.en_total))
        self.en_rows = np.zeros_like(self.zh_rows)
        self.en_rows[:, 1:] = np.minimum(1.0, ev.en_hit / self.en_total[columns]).cumsum(1)
        self.lz = np.concatenate([[0.0], np.cumsum(ev.zh_len)])
        self.le = np.concatenate([[0.0], np.cumsum(ev.en_len)])
        self.ratio, self.spread = ratio, spread

    def _zh_prefix(self, r: np.ndarray, js: np.ndarray) -> np.ndarray:
        # r: rows (R, 1), js: positions (R, W); np.minimum/np.maximum cost less than np.clip here
        return self.zh_rows[r, np.minimum(np.maximum(js - self.ev.start[r], 0), self.ev.width)]

    def en_prefix(self, r: np.ndarray, js: np.ndarray) -> np.ndarray:
        """Summed coverage, by Chinese unit r, of the English units of its window before position js."""
        return self.en_rows[r, np.minimum(np.maximum(js - self.ev.start[r], 0), self.ev.width)]

    def runs(self, rows: np.ndarray, js: np.ndarray, longest: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarity, length deviation) of Chinese unit i-1 alone against the 1..longest English units
        ending just before each position, for every row i of `rows` at its positions js[k] (shape
        (rows, W)): arrays of shape (longest, rows, W); runs that would start before the first unit
        hold nonsense and are the caller's to mask."""
        r = (rows - 1)[:, None]
        bs = np.arange(1, longest + 1)[:, None, None]
        at = np.minimum(np.maximum(js - self.ev.start[r], 0), self.ev.width)
        before = np.minimum(np.maximum(js[None] - bs - self.ev.start[r][None], 0), self.ev.width)
        hits = self.zh_rows[r, at][None] - self.zh_rows[r, before] - self.repeated(rows - 1, js, range(1, longest + 1))
        zh = np.minimum(1.0, hits / self.zh_total[r][None])
        found = self.en_rows[r, at][None] - self.en_rows[r, before]
        en = np.maximum(found - self.repeated(rows - 1, js, range(1, longest + 1), self.ev.en_repeats), 0.0)
        sim = (zh + en) / (1 + bs)
        le = self.le[js][None] - self.le[np.maximum(js[None] - bs, 0)]
        dev = length_deviation((self.lz[rows] - self.lz[rows - 1])[None, :, None], le, self.ratio, self.spread)
        return sim, dev

    def beads(self, rows: np.ndarray, js: np.ndarray, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarity, length deviation) of beads of `a` Chinese and `b` English units ending at each row
        of `rows` and its positions js[k] (shape (rows, W)); nonsense where a row or position is too
        small for the bead, for the caller to mask."""
        total = np.zeros(js.shape)
        units = [np.maximum(rows - a + q, 0)[:, None] for q in range(a)]
        for r in units:
            hits = self._zh_prefix(r, js) - self._zh_prefix(r, js - b) - self.repeated(r[:, 0], js, (b,))[0]
            total += np.minimum(1.0, hits / self.zh_total[r])
        if a == 1:  # one Chinese unit: its English coverage sums from a prefix table
            total += self.en_prefix(units[0], js) - self.en_prefix(units[0], js - b)
        else:
            for c in range(b):
                cols = np.maximum(js - b + c, 0)
                hits = sum(self.ev.found(r, cols) for r in units)
                total += np.minimum(1.0, hits / self.en_total[cols])
        sim = total / (a + b)
        lz = (self.lz[rows] - self.lz[np.maximum(rows - a, 0)])[:, None]
        le = self.le[js] - self.le[np.maximum(js - b, 0)]
        return sim, length_deviation(lz, le, self.ratio, self.spread)

    def repeated(self, units: np.ndarray, js: np.ndarray, lengths, rep: Repeats | None = None) -> np.ndarray:
        """out[l, r, k]: weight found twice by Chinese unit units[r] in the run of lengths[l] English units
        ending just before js[r, k] (each row of js consecutive positions): what the hits over-count. `rep`:
        the repeated finds to count (the Chinese side's, Evidence.repeats, unless given)."""
        rep, lengths = self.ev.repeats if rep is None else rep, np.asarray(lengths)
        rows, width = js.shape
        if lengths.max() < 2:  # one unit holds each find once
            return np.zeros((len(lengths), rows, width))
        begin, counts = rep.first[units], rep.first[units + 1] - rep.first[units]
        which = np.repeat(np.arange(rows), counts)
        pick = np.arange(counts.sum()) + np.repeat(begin - np.cumsum(counts) + counts, counts)
        near = rep.q[pick] - rep.p[pick] < lengths.max()  # farther apart, no run holds both
        which, pick = which[near], pick[near]
        base, p, q, weight = js[which, 0], rep.p[pick], rep.q[pick], rep.weight[pick]
        out = np.zeros((len(lengths), rows * (width + 1)))
        for level, b in enumerate(lengths):  # the run [j - b, j) holds p and q when q < j <= p + b
            lo, hi = q + 1 - base, p + b - base
            ok = (lo <= hi) & (hi >= 0) & (lo < width)
            at = which[ok] * (width + 1)
            out[level] = np.bincount(at + np.maximum(lo[ok], 0), weight[ok], out.shape[1]) \
                - np.bincount(at + np.minimum(hi[ok], width - 1) + 1, weight[ok], out.shape[1])
        return np.cumsum(out.reshape(len(lengths), rows, width + 1), axis=2)[:, :, :-1]

    def similarity(self, i: int, a: int, js: np.ndarray, b: int) -> np.ndarray:
        """The similarity of `beads` for one row: an array of shape (len(js),)."""
        return self.beads(np.array([i]), js[None, :], a, b)[0][0]


SAME = 1e-9  # cost units: paths dearer by less than this are as cheap (rounding on sums of thousands of steps)


def chained_skips(row: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """The cheapest cost at each position of a row when it may also be reached by skipping the positions
    before it one by one, `steps[k]` being what skipping from the row's first position to its k-th costs:
    a running minimum. Steps count from the row's first position, so that the sums stay small: counted
    from the episode's start, thousands of positions times a skip's cost lose more to rounding than SAME,
    a position then seems cheaper to skip into than to reach by its own bead, and the trace leaves the
    best path (long unpunctuated episodes placed some sentences apart from where the same words were
    placed elsewhere)."""
    return np.minimum.accumulate(row - steps) + steps


def fit_cost(sim: np.ndarray, dev: np.ndarray, params) -> np.ndarray:
    """The length and lexical part of a bead's cost per sentence in it (`Params` or `RefineParams`)."""
    return length_cost(dev, params) + lexical_cost(sim, params)


def length_cost(dev: np.ndarray, params) -> np.ndarray:
    """How unlikely the bead's length ratio is (Gale–Church: half the squared deviation, capped)."""
    return params.length * np.minimum(dev * dev / 2, params.length_cap)


def lexical_cost(sim: np.ndarray, params) -> np.ndarray:
    """How far the bead's words fall short of chance agreement, per sentence in it."""
    return params.lexical * (params.chance - sim)


BLOCK_CELLS = 1_000_000  # floats per array when costs are computed for a block of rows: bounds memory


def block_size(band: Band, depth: int) -> int:
    """How many rows' costs to compute at once (up to 256; fewer on a wide band or many run lengths)."""
    return max(1, min(256, BLOCK_CELLS // (max(1, depth) * (int((band.hi - band.lo).max()) + 1))))


def block_positions(band: Band, rows: np.ndarray, m: int) -> np.ndarray:
    """The band positions of each row (rows, W), padded to the widest row with m."""
    width = int((band.hi[rows] - band.lo[rows]).max()) + 1
    return np.minimum(band.lo[rows][:, None] + np.arange(width)[None, :], m)


def lookup(row: np.ndarray, lo: int, positions: np.ndarray) -> np.ndarray:
    """row[p - lo] for the consecutive positions given, INF outside the row."""
    out = np.full(len(positions), np.inf)
    if len(positions):
        first = positions[0] - lo
        a, b = max(first, 0), min(first + len(positions), len(row))
        if a < b:
            out[a - first:b - first] = row[a:b]
    return out


def shifted(row: np.ndarray, lo: int, first: int, count: int, shifts: int) -> np.ndarray:
    """M[k, c] = row at position first + c + k - shifts for k in 0..shifts (INF outside the row): the
    row seen from `count` positions, each shifted back by 0..shifts, without a Python loop."""
    padded = lookup(row, lo, np.arange(first - shifts, first + count))
    return padded[_grid(count, shifts)]


@functools.lru_cache(maxsize=4096)
def _grid(count: int, shifts: int) -> np.ndarray:
    """Indices [k, c] = k + c: `shifted`'s windows by one lookup (numpy's sliding_window_view costs
    more than the lookup itself at these sizes)."""
    return np.arange(shifts + 1)[:, None] + np.arange(count)[None, :]


@dataclass(frozen=True)
class Band:
    """Row i (Chinese sentences consumed) may reach English positions lo[i] .. hi[i] (both included)."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> "Band":
        return cls(np.zeros(n + 1, dtype=int), np.full(n + 1, m, dtype=int))

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())


def align(ev: Evidence, ratio: float, params: Params, band: Band | None = None) -> list[Bead]:
    """The cheapest monotonic bead sequence covering all sentences on both sides, within the band."""
    n, m = len(ev.zh_total), len(ev.en_total)
    band = band or Band.full(n, m)
    scorer = Scorer(ev, ratio, params.length_spread)
    shapes = SKIPS + tuple(params.prior)
    skip_en = shapes.index((0, 1))
    ones = [(k, b) for k, (a, b) in enumerate(shapes) if a == 1 and b >= 1]
    longest = max((b for _, b in ones), default=0)
    steps = _Steps(scorer, params, band, shapes)
    cost: list[np.ndarray] = []
    back: list[np.ndarray] = []
    for i in range(n + 1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        row = np.full(len(js), np.inf)
        arg = np.full(len(js), -1, dtype=np.int8)
        if i == 0 and band.lo[0] == 0:
            row[0] = 0.0
        step = steps.row(i) if i >= 1 else {}
        if i >= 1 and ones:  # one Chinese sentence to b English ones: every b at once
            before = shifted(cost[i - 1], band.lo[i - 1], band.lo[i], len(js), longest)  # [k]: at js - longest + k
            for k, b in ones:
                cand = before[longest - b] + step[k][:len(js)]
                better = cand < row
                row[better] = cand[better]
                arg[better] = k
        for k, (a, b) in enumerate(shapes):
            if a == 0 or a > i or (a == 1 and b >= 1):  # English skips are chained below, after the row is known
                continue
            prev_k = js - b - band.lo[i - a]
            ok = (js >= b) & (prev_k >= 0) & (prev_k < len(cost[i - a]))
            if not ok.any():
                continue
            cand = cost[i - a][prev_k[ok]] + (step[k][:len(js)][ok] if b else params.skip_zh * a)
            better = cand < row[ok]
            idx = np.flatnonzero(ok)[better]
            row[idx] = cand[better]
            arg[idx] = k
        # English skips (0, 1) chain along the row: a running minimum does them all at once.
        per = params.skip_en_edge if i in (0, n) else params.skip_en
        through = chained_skips(row, per * (js - js[0]))
        better = through < row - SAME
        row[better] = through[better]
        arg[better] = skip_en
        cost.append(row)
        back.append(arg)
    return _trace(back, band, shapes, scorer, n, m)


class _Steps:
    """The cost of every bead shape that joins both sides, at every position of a row's band,
    computed for a block of rows at once (they do not depend on the path), so that the search
    itself only adds and compares."""

    def __init__(self, scorer: Scorer, params: Params, band: Band, shapes: tuple[tuple[int, int], ...]):
        self.scorer, self.params, self.band, self.shapes = scorer, params, band, shapes
        self.longest = max((b for a, b in shapes if a == 1), default=0)
        self.size = block_size(band, self.longest)
        self.first, self.block = 1, {}

    def row(self, i: int) -> dict[int, np.ndarray]:
        """{shape index: step cost at each position of row i's band (and beyond it: padding)}."""
        if not self.first <= i < self.first + self.size or not self.block:
            self.first = i
            self.block = self._compute(np.arange(i, min(i + self.size, len(self.band.lo))))
        return {k: v[i - self.first] for k, v in self.block.items()}

    def _compute(self, rows: np.ndarray) -> dict[int, np.ndarray]:
        p = self.params
        js = block_positions(self.band, rows, len(self.scorer.le) - 1)
        out = {}
        if self.longest:
            sim, dev = self.scorer.runs(rows, js, self.longest)
        for k, (a, b) in enumerate(self.shapes):
            if a == 1 and b >= 1:
                s, d = sim[b - 1], dev[b - 1]
            elif a >= 2 and b >= 1:
                s, d = self.scorer.beads(rows, js, a, b)
            else:
                continue
            out[k] = p.prior[(a, b)] + (a + b) / 2 * fit_cost(s, d, p)
        return out


def _trace(back: list[np.ndarray], band: Band, shapes: tuple[tuple[int, int], ...], scorer: Scorer,
           n: int, m: int) -> list[Bead]:
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - band.lo[i]
        if not 0 <= k < len(back[i]) or back[i][k] < 0:
            raise RuntimeError("the alignment band holds no complete path")  # Band construction prevents this
        a, b = shapes[int(back[i][k])]
        if a and b:
            beads.append(Bead((i - a, i), (j - b, j), float(scorer.similarity(i, a, np.array([j]), b)[0])))
        else:
            beads.append(Bead((i - a, i), (j - b, j), 0.0))
        i, j = i - a, j - b
    return beads[::-1]
