"""What leaving English out costs in the segment-level search (refine.py), and skips chained along a row.

A segment skipped alone costs a fixed amount (more at some marked segments); a whole English sentence
skipped at once costs its own amount, less for one the first pass gave to no unit and more for one a
neighbouring unit finds words in (see `RefineParams.explained`); and, where it is allowed, a run of two or more
segments skipped at once costs an opening amount and less for each segment (see `RefineParams.skip_run`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from companion.align.evidence import Evidence
from companion.align.search import SAME, chained_skips

SKIP_SENTENCE = 1000  # back code of a skipped English sentence
SKIP_RUN = 20000  # back codes from here on: a run of (code - SKIP_RUN) segments skipped at once
LONGEST_RUN = 12000  # segments: the longest run one back code holds (codes are int16)


# Extra skip costs (see edge_skips) are counted in these steps, so that their sums are exact: a cost must not
# depend on where it lies (see `search.chained_skips`).
QUANTUM = 1 / 64


@dataclass(frozen=True)
class SkipCosts:
    """What skipping segments costs: `per` each, but `marked_cost` for those marked (`marked[p]`: how many of
    the first p segments are), plus QUANTUM times `extra[p]` summed over them (`extra` cumulative, in whole
    steps). A cost depends on how many of each kind are skipped, never on where they lie, so that rounding does
    not either (see `search.chained_skips`)."""

    per: float
    marked_cost: float
    marked: np.ndarray
    run_open: float = 0.0  # a run of two or more segments skipped at once: run_open + run_each a segment
    run_each: float = 0.0  # (never, when run_open is 0)
    extra: np.ndarray | None = None

    def between(self, first, last) -> np.ndarray:
        """What skipping segments first..last-1 costs (arrays of positions, or numbers)."""
        k = self.marked[last] - self.marked[first]
        cost = self.marked_cost * k + self.per * (last - first - k)
        return cost if self.extra is None else cost + QUANTUM * (self.extra[last] - self.extra[first])


def left_out_ends(begins: np.ndarray, left_out: np.ndarray) -> np.ndarray:
    """Per position: whether an English sentence ends there all of whose segments the first pass left out."""
    gone = np.zeros(len(begins), dtype=bool)
    for b in np.flatnonzero(begins >= 0):
        gone[b] = left_out[begins[b]:b].all()
    return gone


def explained_skips(ev: Evidence, begins: np.ndarray, gone: np.ndarray, sentence: float, left_out_cost: float,
                    weight: float) -> Callable[[int], np.ndarray]:
    """What skipping the whole English sentence that ends at each position costs between units i-1 and i:
    `left_out_cost` for one the first pass left out (`gone`, see left_out_ends), else `sentence` plus `weight`
    times the larger share of its words (by weight) that either unit finds there and nowhere near.

    Tried and left out (transcript mode, long-form, paragraphs within 1 s, seeds 7 / 100 / 200 / 300): a whole
    sentence's cost scaled by its length, as reaching into one is (refine._crossing_weights, up to 30 letters, at
    least 0.3 of it): omit .954 -> .952 at seed 7; for sentences the first pass left out only, omit at seeds 7 and
    300 unchanged.
    Counting also the unit before the one before, or the one after the next: one lecture sentence right in clean,
    intro and truncate (+.002-.003), omit -.002 at one seed or another, TED unchanged: one sentence's gain, for no
    reason found in it.
    The rest of a sentence (two segments or more after its first) skipped at once for 3.5 plus this weight times
    the share of its words a unit beside it finds, where segment by segment it costs skip_en each: a Chinese sentence
    rendering only the head of a long English sentence whose rest the translator left out (`这个照片比较有意思。` for
    "In an interesting photo, | their father, … | …HIV.") otherwise leaves the whole sentence untaken and starts 20 s
    late on the next. Flat, a unit took a head it found nothing in and left its own tail (talk 1058); allowed only
    after a unit that finds a word in the head: TED omit at seeds 7 / 100 .959/.968 .963/.973 -> .959/.969
    .965/.974 (held back .947 -> .953 at 100), every other TED figure unchanged, but the held-back lecture lost omit
    (seed 7 .962/.909 -> .955/.905, 300 sentences .910 -> .908: its lecturer says "controller" and "model" in every
    head). Wrong starts counted as in refine_costs.RefineParams.lexical, tuned / held back: 140/157 -> 139/155."""
    n = len(ev.zh_total)
    whole = np.where(gone, left_out_cost, sentence)
    ends = np.flatnonzero(begins >= 0)
    if weight <= 0 or not len(ends):
        return lambda i: whole
    firsts = begins[ends]
    placed = ~gone[ends]
    total = np.concatenate([[0.0], np.cumsum(ev.en_total)])
    sizes = np.maximum(total[ends] - total[firsts], 1e-9)

    @functools.lru_cache(maxsize=4)
    def share(unit: int) -> np.ndarray:
        if not 0 <= unit < n:
            return np.zeros(len(ends))
        found = np.concatenate([[0.0], np.cumsum(found_words(ev, unit))])
        return np.where(placed, (found[ends] - found[firsts]) / sizes, 0.0)

    def between(i: int) -> np.ndarray:
        out = whole.copy()
        out[ends] += weight * np.maximum(share(i - 1), share(i))
        return out
    return between


def found_words(ev: Evidence, unit: int) -> np.ndarray:
    """Per segment: the weight of its words that `unit` finds there (at most the segment's own), less those it
    also finds in a segment nearby (`Evidence.en_repeats`: a repeated name says nothing of where the unit is)."""
    m = len(ev.en_total)
    lo = ev.start[unit]
    width = min(ev.width, m - lo)
    hit = np.zeros(m)
    hit[lo:lo + width] = np.minimum(ev.en_hit[unit, :width], ev.en_total[lo:lo + width])
    rows = slice(ev.en_repeats.first[unit], ev.en_repeats.first[unit + 1])
    for at in (ev.en_repeats.p[rows], ev.en_repeats.q[rows]):
        np.subtract.at(hit, at, ev.en_repeats.weight[rows] * ev.en_total[at])
    return np.maximum(hit, 0.0)


def edge_skips(ev: Evidence, unit: int, begins: np.ndarray, intro: np.ndarray, skips: SkipCosts,
               weight: float) -> tuple[SkipCosts, np.ndarray]:
    """What skipping English before the first unit (`unit` 0) or after the last costs, segment by segment and
    sentence by sentence (`begins`, see refine._sentence_edges): as `skips` says, plus `weight` times the share
    of each segment's words the unit finds there, outside an untranslated intro (`intro`). An intro costs
    almost nothing to leave out, but a first unit rendering three English sentences ("Hello, everyone. My
    grandmother kept… Every evening…" as 大家好，我的祖母…，每天傍晚…) left the first one out as cheaply,
    although it finds words there (好 for "hello")."""
    m = len(ev.en_total)
    whole = np.full(m + 1, skips.per)
    if weight <= 0 or not 0 <= unit < len(ev.zh_total):
        return skips, whole
    share = found_words(ev, unit) / np.maximum(ev.en_total, 1e-9)
    steps = np.concatenate([[0], np.cumsum(np.rint(weight * share * ~intro / QUANTUM).astype(np.int64))])
    ends = np.flatnonzero(begins >= 0)
    whole[ends] += QUANTUM * (steps[ends] - steps[begins[ends]])
    return replace(skips, extra=steps), whole


def skip_forward(row, code, js, skips: SkipCosts, whole: np.ndarray, begins: np.ndarray) -> None:
    """Chain skips along a row, left to right: segments at what `skips` says they cost, the whole English
    sentence ending at position p at whole[p]."""
    _chain_forward(row, code, js, skips, 0)
    if _run_forward(row, code, skips):
        _chain_forward(row, code, js, skips, 0)
    lo = js[0]
    starts = begins[js]
    for k in np.flatnonzero((starts >= lo) & (js - starts > 1)):
        cost = row[starts[k] - lo] + whole[js[k]]
        if cost < row[k]:
            row[k], code[k] = cost, SKIP_SENTENCE
            _chain_forward(row, code, js, skips, k)


def _chain_forward(row, code, js, skips: SkipCosts, start: int) -> None:
    """One segment skip after another, from position `start` on (see `search.chained_skips`)."""
    through = chained_skips(row[start:], skips.between(js[start], js[start:]))
    better = np.flatnonzero(through < row[start:] - SAME) + start
    row[better], code[better] = through[better - start], 0


def skip_backward(row, js, skips: SkipCosts, whole: np.ndarray, ends: np.ndarray) -> None:
    """The mirror of `skip_forward`, right to left (whole[q] for the sentence ending at q)."""
    _chain_backward(row, js, skips, len(js))
    if _run_backward(row, skips):
        _chain_backward(row, js, skips, len(js))
    stops = ends[js]
    for k in np.flatnonzero((stops >= 0) & (stops <= js[-1]) & (stops - js > 1))[::-1]:
        cost = row[stops[k] - js[0]] + whole[stops[k]]
        if cost < row[k]:
            row[k] = cost
            _chain_backward(row, js, skips, k + 1)


def _run_forward(row, code, skips: SkipCosts) -> bool:
    """Runs of two or more segments skipped at once, ending at each position: a running minimum of
    row[q] - run_each * q, q counted from the row's first position (see `search.chained_skips`). Whether any
    position became cheaper."""
    if skips.run_open <= 0 or len(row) < 3:
        return False
    at = np.arange(len(row))
    offset = row - skips.run_each * at
    best = np.minimum.accumulate(offset)
    where = np.maximum.accumulate(np.where(offset <= best, at, 0))  # the position of the running minimum
    cost = np.full(len(row), np.inf)
    cost[2:] = best[:-2] + skips.run_each * at[2:] + skips.run_open
    length = at - np.concatenate([[0, 0], where[:-2]])
    better = np.flatnonzero((cost < row - SAME) & (length <= LONGEST_RUN))
    row[better], code[better] = cost[better], SKIP_RUN + length[better]
    return len(better) > 0


def _run_backward(row, skips: SkipCosts) -> bool:
    """The mirror of `_run_forward`, right to left."""
    if skips.run_open <= 0 or len(row) < 3:
        return False
    at = np.arange(len(row))
    best = np.minimum.accumulate((row + skips.run_each * at)[::-1])[::-1]
    cost = np.full(len(row), np.inf)
    cost[:-2] = best[2:] - skips.run_each * at[:-2] + skips.run_open
    better = cost < row - SAME
    row[better] = cost[better]
    return bool(better.any())


def _chain_backward(row, js, skips: SkipCosts, stop: int) -> None:
    """One segment skip before another, for positions before `stop`: `search.chained_skips` read from the
    right."""
    if stop:
        back = js[:stop][::-1]
        row[:stop] = np.minimum(row[:stop], chained_skips(row[:stop][::-1], skips.between(back, back[0]))[::-1])
