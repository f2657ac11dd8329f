"""The second pass: Chinese units placed on the transcript's own timed segments (cues), near the first pass.

The first pass joins Chinese units to English *sentences*; a unit that begins inside a long English
sentence (several Chinese sentences rendering one English sentence, a quoted reply merged into the
next) is then placed only as finely as that sentence, and a wrong split between neighbours shifts a
whole run by a cue or two. This pass searches again on the segments themselves, each unit's
segments confined to a band around where the first pass put it: a unit takes a run of consecutive
segments, may share its first segment with the unit before (it begins mid-cue), and segments no
unit takes are skipped (untranslated words). Skipping a sentence's head and beginning after it,
mid-sentence, costs skip_en per segment and mid_sentence (5.0 for one), which taking the head costs
more than only with a length mismatch near length_cap: the head of an English sentence whose rest a
unit renders ("Now I'm going to describe…", words with no evidence of their own) is that unit's, not
left as untranslated (on all the development runs, no head was). A unit that begins inside a segment
starts when that segment starts, the subtitle convention.

A forward and a backward search give, for each boundary between units, the cost of the best
alignment through every position: how much dearer the best becomes when a unit starts elsewhere
(its margin) is what confidence leans on most.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from companion.align.clause_order import FirstClauses
from companion.align.evidence import Evidence
from companion.align.meaning import Openings
from companion.align.names import UnrenderedNames
from companion.align.refine_costs import RefineParams
from companion.align.search import Band, Scorer, block_positions, block_size, length_cost, lexical_cost, lookup, shifted
from companion.align.skips import (SKIP_RUN, SKIP_SENTENCE, SkipCosts, edge_skips, explained_skips, left_out_ends,
                                   skip_backward, skip_forward)

INF = np.inf
STRANDED_WORD = 1  # kinds of a sentence's head left at the end of the cue before: its first word alone,
STRANDED_PHRASE = 2  # … or its first few words, all function words (`So I'm just`)


@dataclass
class Refined:
    """Per unit: its segment run [first, last] (inclusive) or None when it was skipped; whether it
    shares its first segment with the unit before; the margin of its start; its run's similarity;
    the evidence at its start."""

    runs: list[tuple[int, int] | None]
    shared: list[bool]
    margins: list[float] = field(default_factory=list)
    similarity: list[float] = field(default_factory=list)
    edges: list[tuple[float, float, float]] = field(default_factory=list)  # see _edges


def refine(ev: Evidence, ratio: float, band: Band, starts: np.ndarray, opens: np.ndarray,
           turns: np.ndarray | None = None, params: RefineParams = RefineParams(),
           stranded: np.ndarray | None = None, renders: np.ndarray | None = None,
           left_out: np.ndarray | None = None, intro: np.ndarray | None = None,
           quiet: np.ndarray | None = None, heads: Evidence | None = None, ads: np.ndarray | None = None,
           openings: Openings | None = None, names: UnrenderedNames | None = None,
           annotations: np.ndarray | None = None) -> Refined:
    """Units (rows of `ev`) against segments (its columns); `starts` holds each segment's start time,
    used to tell which alternative positions would move a unit's start by more than a second;
    `opens[p]` says segment p opens an English sentence (a unit beginning elsewhere costs more);
    `turns[k]` says unit k opens a new speaker's turn, so it never shares a segment with the unit before;
    `stranded[p]` says segment p follows a sentence's head left alone at the end of its cue (a word,
    STRANDED_WORD, or a few function words, STRANDED_PHRASE), and `renders[k]` which of those kinds unit k
    renders (bit flags, `所以，`): see `_span_costs`; `left_out[p]` says segment p belongs to an English
    sentence the first pass gave to no unit (skipping that whole sentence costs skip_left_out, and nothing for
    the words a unit finds in it: see `explained`), `intro[p]` that segment p lies in an untranslated intro the
    first pass left out (skipping it costs skip_intro), `ads[p]` that segment p belongs to a sponsor read
    (transcript.ads: skipping it costs skip_intro wherever it lies, so that the unit after a mid-roll ad does not
    begin on its "Now, back to the show."); `quiet[k]` that unit k is nothing but sound annotations
    (`（掌声），`), which may only take runs where it finds something (`(Applause)`, a recogniser's `applause`), and,
    where `heads` are given, only runs that begin there: speech is not applause, whatever else leaving the unit with
    no English costs (it is then put in its gap, see timing); `heads` is the evidence of each unit's first clause
    (see clause_order); `openings` how near in meaning each unit's first clause is to each segment it may start
    with (meaning.py: a run nearer than RefineParams.opening_chance costs the less, the nearer); `names` which segments
    open a sentence with a name a unit does not render (names.py: a run of two or more beginning there costs
    RefineParams.head_name); `annotations[p]` that segment p holds nothing but sound annotations (`[Music]`): a unit
    begins there only where it finds it (see `_span_costs`)."""
    n, m = len(ev.zh_total), len(ev.en_total)
    scorer = Scorer(ev, ratio, params.length_spread)
    stranded = np.zeros(m, dtype=np.int8) if stranded is None else stranded
    renders = np.zeros(n, dtype=np.int8) if renders is None else renders
    spans = _span_costs(scorer, band, n, m, params, opens, stranded, renders, quiet,
                        FirstClauses.of(heads) if heads is not None else None, left_out, openings, names,
                        annotations)
    opens = opens | (stranded != 0)  # for skipping whole sentences, the rest opens its own
    share = np.where(turns if turns is not None else np.zeros(n, dtype=bool), INF, params.share)
    sentences = _sentence_edges(opens, m)
    left_out = np.zeros(m, dtype=bool) if left_out is None else left_out
    whole = explained_skips(ev, sentences[0], left_out_ends(sentences[0], left_out), params.skip_sentence,
                            params.skip_left_out, params.explained)
    ads = np.zeros(m, dtype=bool) if ads is None else ads
    intro = ads if intro is None else intro | ads
    run = (params.skip_run, params.skip_run_each)
    between = SkipCosts(params.skip_en, params.skip_intro, np.concatenate([[0], np.cumsum(ads)]), *run)
    edge = SkipCosts(params.skip_en_edge, params.skip_intro, np.concatenate([[0], np.cumsum(intro)]), *run)
    edges = {i: edge_skips(ev, unit, sentences[0], intro, edge, params.explained) for i, unit in ((0, 0), (n, n - 1))}

    def skipping(i: int) -> tuple[SkipCosts, np.ndarray]:
        """Row i's skip costs: segments, and whole sentences by the position where they end."""
        return edges[i] if i in edges else (between, whole(i))

    forward, back = _forward(spans, band, n, m, params, share, sentences, skipping)
    _, after = _backward(spans, band, n, m, params, share, sentences, skipping)
    runs, shared = _trace(back, band, n, m, sentences[0])
    # margins on the default scale, so that confidence reads them alike whatever the lexical weight
    margins = [m * RefineParams.lexical / params.lexical for m in _margins(forward, after, band, runs, starts, share)]
    return Refined(runs, shared, margins, _similarities(scorer, runs), _edges(scorer, runs))


def _similarities(scorer: Scorer, runs: list[tuple[int, int] | None]) -> list[float]:
    """Each unit's similarity to its run of segments (0 for a skipped unit), run lengths taken together."""
    out = [0.0] * len(runs)
    by_length: dict[int, list[int]] = {}
    for k, run in enumerate(runs):
        if run:
            by_length.setdefault(run[1] - run[0] + 1, []).append(k)
    for b, units in by_length.items():
        rows = np.array(units) + 1
        sim, _ = scorer.beads(rows, np.array([[runs[k][1] + 1] for k in units]), 1, b)
        for k, value in zip(units, sim[:, 0]):
            out[k] = float(value)
    return out


def _edges(scorer: Scorer, runs: list[tuple[int, int] | None]) -> list[tuple[float, float, float]]:
    """Evidence at each unit's start: how much of its first segment it explains, how much of the segment
    before it explains, and how much of its first segment the unit before explains (zeros when skipped)."""
    placed = [k for k, run in enumerate(runs) if run]
    units = np.array(placed, dtype=int)
    first = np.array([runs[k][0] for k in placed], dtype=int)

    def cover(unit: np.ndarray, segment: np.ndarray) -> np.ndarray:
        u, at = np.maximum(unit, 0)[:, None], (np.maximum(segment, 0) + 1)[:, None]
        value = (scorer.en_prefix(u, at) - scorer.en_prefix(u, at - 1))[:, 0]
        return np.where((unit < 0) | (segment < 0), 0.0, value)

    out = [(0.0, 0.0, 0.0)] * len(runs)
    if placed:
        for k, own, before, taken in zip(placed, cover(units, first), cover(units, first - 1), cover(units - 1, first)):
            out[k] = (float(own), float(before), float(taken))
    return out


def _span_costs(scorer: Scorer, band: Band, n: int, m: int, params: RefineParams, opens: np.ndarray,
                stranded: np.ndarray, renders: np.ndarray,
                quiet: np.ndarray | None = None, heads: FirstClauses | None = None,
                left_out: np.ndarray | None = None, openings: Openings | None = None,
                names: UnrenderedNames | None = None, annotations: np.ndarray | None = None) -> list[np.ndarray]:
    """costs[i][b - 1, k]: unit i-1 taking the b segments that end just before position band.lo[i] + k
    (INF where there are fewer than b segments); computed once for both directions.

    Words count per segment (each segment's share of the unit's words is evidence of its own), but the
    length ratio is one fact about the whole run, costed once: segments are cue-sized slices of speech,
    and a run of six short cues is no less likely a translation than the same words in two long ones.
    Scaling the length cost by the run's segments, as the words are, made long runs dear, and a unit that
    renders one English sentence more than its length foretells (a lecturer's "Remember back to my MVC
    talk, …" before "And we have these pointers…") left that sentence untaken. Transcript mode, paragraphs
    within 1 s, tuned (TED 1004 1006 1008 1009 1012 1019 1023 1029 1051; long-form cs193p17-l3 sicp-6b) /
    held back (TED 1011 1013 1014 1054 1057 1058; long-form cs193p16-l2): long-form clean .944/.922 ->
    .951/.946, intro .964/.891 -> .960/.906, omit .902/.880 -> .914/.895, truncate .951/.920 -> .955/.930;
    TED clean .992/.980 -> .988/.980, intro .984/.966 unchanged, omit .968/.915 -> .959/.915, truncate
    .993/.983 -> .987/.983. Forced mode unchanged (.971 clean, .945 intro). Recognised fragments keep the
    cost per segment they were fitted with (RefineParams.for_fragments).

    A sentence whose first word was left alone at the end of a cue (`…above flips. So, | let's work on
    flips first`) is, for a unit that does not render that word, two: the word, which the unit before
    may take as cheaply as a short sentence, and the rest, which opens a sentence; a unit that renders it
    (`所以，让我们先处理Flips`) sees one sentence, as before. Subtitlers put such a sentence in the next cue
    unless its translation keeps the word. Transcript mode, paragraphs within 1 s, tuned / held back:
    long-form clean .959/.946 -> .961/.958, intro .974/.906 -> .967/.914, omit .922/.895 -> .928/.902,
    truncate .972/.920 -> .980/.950 (sentences 6000 -> 6018 of 6501); TED unchanged. Without the
    rendering test (every unit sees two sentences): paragraphs alike, sentences 6000 -> 5986.

    A head of up to four function words (`…right? So I'm just | gonna go through my cards`) is stranded
    alike, unless the unit renders it, which a short opening clause or a conditional does (`如果不是的话，`
    for "If not,"): lecturers open sentences so, and subtitlers leave the words with the sentence before
    when the translation has nothing for them. Tuned / held back, long-form: clean .963/.952 -> .968/.964,
    intro .967/.938 -> .967/.945, omit .928/.910 -> .934/.917, truncate .984/.970 -> .988/.980 (sentences
    .961 .954 .923 .971 -> .963 .956 .926 .973); TED unchanged. Such a head is a whole cue of its own
    too (`And most of all,`): subtitlers give that cue its translation, so it strands nothing (TED, three
    sentences otherwise lost). Heads of up to three words: long-form held back gains only on clean
    (.958); any short head, rendered or not: long-form sentences lose.

    No run begins on a segment of nothing but sound annotations (`[Music]`, `(Applause)`) whose sound its unit does not
    render: speech does not begin on music or applause. Without this rule auto-captions' opening `[Music]` (skipping
    it costs as much as any fragment there) and a break's 20 s of `[Music]` in punctuated English (skipping costs a
    sentence) were taken by the next unit, which began with the music (tests/test_align_classes.py): a lecture given
    as auto-captions with its translation unpunctuated (one sentence, as ted_eval.py builds such an article) began
    3.4 s early on `[music]`: that probe, clean / omit / truncate, .667 -> 1.000 of paragraphs; the lectures as
    auto-captions keeping their `[LAUGH]` tags, clean .845/.840 -> .851/.842. ted_eval.py's articles, seeds 7 / 100 /
    200, four variants, TED and long-form transcript mode, TED recognised words, forced mode and captions_eval.py:
    every talk's figures as before (their annotations the translators render). Confidence moved a little (the margins
    lose alternatives that began on annotations): calibration.py on TED AUROC .829 -> .824, the same 26 of 68 wrong
    and 67 right sentences below 0.8."""
    costs: list[np.ndarray] = [np.zeros((params.longest, 0))]
    # crossing weights summed, for each set of head kinds a unit renders: a head it leaves out splits its sentence
    every = STRANDED_WORD | STRANDED_PHRASE
    crossing = np.stack([np.concatenate([[0], np.cumsum(_crossing_weights(
        scorer.ev.en_len, opens | ((stranded & (every ^ kinds)) != 0), params))]) for kinds in range(every + 1)])
    bs = np.arange(1, params.longest + 1)[:, None]
    prior = np.array([params.prior(b) for b in range(1, params.longest + 1)])[:, None]
    size = block_size(band, params.longest)
    quiet = np.zeros(n, dtype=bool) if quiet is None else quiet
    for first in range(1, n + 1, size):  # a block of rows at once: the costs do not depend on the path
        rows = np.arange(first, min(first + size, n + 1))
        js = block_positions(band, rows, m)
        sim, dev = scorer.runs(rows, js, params.longest)
        q = np.maximum(js[None] - bs[:, :, None], 0)
        sentences = (1 + bs[:, :, None]) / 2  # the run as a bead counts it: its sentences on both sides, averaged
        words, length = lexical_cost(sim, params), length_cost(dev, params)
        fit = sentences * (words + length) if params.length_per_segment else sentences * words + length
        kinds = renders[rows - 1][None, :, None]  # the heads the unit renders: with them, one sentence
        at, after = np.minimum(q, m - 1), np.minimum(q + 1, m)
        opening = opens[at] | ((stranded[at] & (every ^ kinds)) != 0)
        crossed = crossing[kinds, js[None]] - crossing[kinds, after]
        block = prior[:, :, None] + params.mid_sentence * ~opening + params.cross_sentence * crossed + fit
        unfound = scorer.ev.found((rows - 1)[None, :, None], at) <= 0  # a first segment with none of its words
        if openings is not None:  # such a first segment is judged with the next (meaning.py)
            cos = openings.runs(rows, js, params.longest)
            head = (bs[:, :, None] >= 2) & unfound
            cos[head] = np.maximum(cos, openings.with_next(rows, js, params.longest))[head]
            block += params.opening * np.minimum(params.opening_chance - cos, 0.0)
        if names is not None:  # a head opening a sentence with a name the unit lacks (names.py)
            block += params.head_name * ((bs[:, :, None] >= 2) & names.at((rows - 1)[None, :, None], at))
        sounds = quiet[rows - 1][None, :, None]
        silent = sounds & (sim <= 0)
        if heads is not None:
            later = heads.later(rows, js, params.longest)
            block += params.head_later * later
            if left_out is not None:
                block += params.head_left_out * (later & left_out[at])
            silent |= sounds & later  # (`Thank you. | (Applause)` for a closing （掌声）)
        block[js[None] < bs[:, :, None]] = INF
        block[silent] = INF
        if annotations is not None:  # speech never begins on music it leaves out
            block[annotations[at] & unfound] = INF
        costs.extend(block[:, k, :band.hi[i] - band.lo[i] + 1] for k, i in enumerate(rows))
    return costs


def _crossing_weights(lengths: np.ndarray, opens: np.ndarray, params: RefineParams) -> np.ndarray:
    """Per segment, the share of cross_sentence a unit pays to reach into the English sentence that opens
    there (0 where none does): short sentences ("It's a pleasure.", "Right.") are merged into a
    neighbour's translation far more often than long ones are left untranslated, so reaching into one
    costs in proportion to its length, up to `short` letters."""
    out = opens.astype(float)
    starts = np.flatnonzero(opens)
    if params.short > 0 and len(starts):
        out[starts] = np.clip(np.add.reduceat(lengths, starts) / params.short, 0.0, 1.0)
    return out


def _sentence_edges(opens: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """(begins, ends): begins[p] is where the English sentence ending at position p begins, ends[p]
    where the one beginning at p ends (-1 where p is no such edge)."""
    starts = list(np.flatnonzero(opens)) + [m]
    begins = np.full(m + 1, -1)
    ends = np.full(m + 1, -1)
    for a, b in zip(starts, starts[1:]):
        begins[b], ends[a] = a, b
    return begins, ends


def _forward(spans, band: Band, n: int, m: int, params: RefineParams, share_cost: np.ndarray, sentences,
             skipping: Callable[[int], tuple[SkipCosts, np.ndarray]]):
    """cost[i][p - lo[i]]: cheapest placing of the first i units within the first p segments, the last
    segment taken by unit i-1 (or skipped); back codes: 0 skip segment, 1 skip unit, 2b run of b,
    2b+1 run of b sharing its first segment. skipping(i): what skipping segments costs in row i (between units
    i-1 and i), and each whole English sentence by the position where it ends."""
    cost: list[np.ndarray] = []
    back: list[np.ndarray] = []
    longest = params.longest
    for i in range(n + 1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        if i == 0:
            row = np.where(js == 0, 0.0, INF)
            code = np.full(len(js), -1, dtype=np.int16)
        else:
            w = shifted(cost[i - 1], band.lo[i - 1], band.lo[i], len(js), longest)  # w[k]: at js - longest + k
            plain = w[longest - 1::-1]  # run of b = 1..longest after a unit ending at js - b
            share = w[longest:0:-1] + share_cost[i - 1]  # … sharing that unit's last segment
            cand = np.minimum(plain, share) + spans[i]
            pick = cand.argmin(0)
            cols = np.arange(len(js))
            row = cand[pick, cols]
            code = (2 * pick + 2 + (share[pick, cols] < plain[pick, cols])).astype(np.int16)
            code[row == INF] = -1
            skip = w[longest] + params.skip_zh
            better = skip < row
            row[better], code[better] = skip[better], 1
        skip_forward(row, code, js, *skipping(i), sentences[0])
        cost.append(row)
        back.append(code)
    return cost, back


def _backward(spans, band: Band, n: int, m: int, params: RefineParams, share_cost: np.ndarray,
              sentences, skipping: Callable[[int], tuple[SkipCosts, np.ndarray]]
              ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """rest[i][p - lo[i]]: cheapest way to place units i.. in segments p.. (the mirror of `_forward`);
    and after[i][p - lo[i]]: the same when unit i must begin at segment p."""
    rest: list[np.ndarray] = [np.array([])] * (n + 1)
    after: list[np.ndarray] = [np.array([])] * (n + 1)
    longest = params.longest
    for i in range(n, -1, -1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        row = np.full(len(js), INF)
        if i == n:
            row[js == m] = 0.0
        else:
            nlo, count = band.lo[i + 1], len(js)
            ahead = shifted(rest[i + 1], nlo, band.lo[i] + longest, count, longest)  # ahead[k]: at js + k
            padded = np.full((longest, count + longest + 1), INF)
            a, b = max(band.lo[i] - nlo, 0), min(band.lo[i] + count + longest - nlo + 1, spans[i + 1].shape[1])
            if a < b:
                padded[:, a + nlo - band.lo[i]:b + nlo - band.lo[i]] = spans[i + 1][:, a:b]
            rows, cols = _diagonals(count, longest)
            through = ahead[1:] + padded[rows, cols + 1]  # unit i over segments [p, p + b)
            shared = ahead[:-1] + padded[rows, cols] + share_cost[i]  # … over [p - 1, p - 1 + b)
            shared[:, js < 1] = INF
            after[i] = through.min(0)
            row = np.minimum(np.minimum(after[i], shared.min(0)), ahead[0] + params.skip_zh)
        skip_backward(row, js, *skipping(i), sentences[1])
        rest[i] = row
    return rest, after


@functools.lru_cache(maxsize=4096)
def _diagonals(count: int, longest: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices [b - 1, p] -> (b - 1, p + b - 1) for b = 1..longest: each run length's span cost seen
    from the position where the run would begin (one lookup per row in `_backward`)."""
    bs = np.arange(1, longest + 1)[:, None]
    return np.broadcast_to(bs - 1, (longest, count)), np.arange(count)[None, :] + bs - 1


def _trace(back: list[np.ndarray], band: Band, n: int, m: int, begins: np.ndarray):
    """Runs per unit from the back codes."""
    runs: list[tuple[int, int] | None] = [None] * n
    shared = [False] * n
    i, p = n, m
    while i > 0 or p > 0:
        code = int(back[i][p - band.lo[i]])
        if code < 0:
            raise RuntimeError("the refinement band holds no complete path")  # band construction prevents this
        if code == 0:
            p -= 1
            continue
        if code == SKIP_SENTENCE:
            p = begins[p]
            continue
        if code >= SKIP_RUN:
            p -= code - SKIP_RUN
            continue
        if code == 1:
            i -= 1
            continue
        b, share = code // 2, code % 2 == 1
        runs[i - 1] = (p - b, p - 1)
        shared[i - 1] = share
        p = p - b + 1 if share else p - b
        i -= 1
    return runs, shared


def _margins(forward, after, band: Band, runs, starts: np.ndarray, share_cost: np.ndarray) -> list[float]:
    """For each unit, how much dearer the best alignment becomes when the unit must begin somewhere its
    start would differ by more than a second (INF when the band holds no such place)."""
    margins = []
    for i, run in enumerate(runs):
        if run is None:
            margins.append(0.0)
            continue
        js = np.arange(band.lo[i], band.hi[i] + 1)
        plain = forward[i] + after[i]
        shared = lookup(forward[i], band.lo[i], js + 1) + share_cost[i] + after[i]
        cost = np.minimum(plain, shared)
        best = float(np.min(cost))
        at = starts[np.minimum(js, len(starts) - 1)]
        far = (np.abs(at - starts[run[0]]) > 1.0) & np.isfinite(cost)
        margins.append(float(np.min(cost[far]) - best) if far.any() else float("inf"))
    return margins
