"""Where to search on a long episode: align blocks of sentences first, then only near that path.

Short episodes are searched in full. Past FULL_LIMIT cells, the sentences are joined into
blocks (BLOCK English sentences, as many Chinese ones or more: see chinese_block), the same bead
search runs on the blocks, and every row of the fine search is confined to its block's English
counterpart widened by MARGIN sentences. Rows that cross a long untranslated stretch stay as wide as
the stretch, so the path can skip it.

Chinese cut finer than the English (subtitle text pasted as an article: two or three cues to an
English sentence) once made blocks of the same count on both sides, a Chinese block lasting half as
long as an English one; the coarse path then paired them one to one and stretched a translation that
stops early over the untranslated rest (cs193p17-l3 pasted, stopping at 60 %: its last 40 % all
wrong). Pasted mode (scripts/fit_confidence.py's construction, 15 talks and 3 lectures, four
variants), sentences within 1 s of their cue: 21,065 -> 21,651 of 25,232 -> 25,300; that lecture's
intro 901/1,381 -> 1,169/1,428, truncate 703/1,158 -> 1,021/1,179; transcript, captions and
recognition modes unchanged.
"""

from __future__ import annotations

import numpy as np

from companion.align.evidence import Sides, weigh
from companion.align.search import Band, Params, align

FULL_LIMIT = 400_000  # rows x English positions searched without a band (about an hour of speech)
BLOCK = 8
MARGIN = 12  # English sentences on each side of the coarse path (8, 12 and 24 gave the same starts on the long development recordings)


def choose_band(sides: Sides, params: Params, ratio: float) -> Band | None:
    """None (search everything) for ordinary episodes, else a band around a coarse alignment."""
    n, m = len(sides.zh_tokens), len(sides.en_keys)
    if (n + 1) * (m + 1) <= FULL_LIMIT:
        return None
    zh_block = chinese_block(n, m)
    coarse = sides.blocks(zh_block, BLOCK)
    beads = align(weigh(coarse, longest=params.reach), ratio, params)
    centre_lo = np.zeros(n + 1, dtype=int)
    centre_hi = np.zeros(n + 1, dtype=int)
    for bead in beads:
        rows = slice(bead.zh[0] * zh_block, min(n, bead.zh[1] * zh_block) + 1)
        centre_lo[rows] = bead.en[0] * BLOCK
        centre_hi[rows] = min(m, bead.en[1] * BLOCK)
    lo = np.minimum.accumulate(np.clip(centre_lo - MARGIN, 0, m)[::-1])[::-1]
    hi = np.maximum.accumulate(np.clip(centre_hi + MARGIN, 0, m))
    lo[0], hi[-1] = 0, m
    hi[:-1] = np.maximum(hi[:-1], lo[1:])  # every row reaches where the next one starts
    return Band(lo, hi)


def chinese_block(n: int, m: int) -> int:
    """Chinese sentences per coarse block beside BLOCK English ones: as many, or more in proportion when the
    Chinese is cut finer (subtitle text pasted as an article), so that a block lasts about as long on both sides."""
    return max(BLOCK, round(BLOCK * n / max(1, m)))


def evidence_window(band: Band | None, m: int, reach: int) -> tuple[np.ndarray | None, int | None]:
    """For each Chinese sentence, the first English sentence of its evidence window, and the width;
    `reach` is the most English sentences one bead joins (evidence must extend that far past the band)."""
    if band is None:
        return None, None
    widest = 2 * MARGIN + 3 * BLOCK  # a coarse bead spans at most three blocks
    width = int(np.max(np.minimum(band.hi[1:] - band.lo[1:], widest))) + 2 * reach
    return band.lo[1:] - reach, min(width, m)
