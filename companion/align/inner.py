"""Inside a bead that joins several Chinese sentences to longer English: which segments each one covers.

The bead's English segments (cues, Whisper segments) are shared out in order, each Chinese
sentence taking one or more consecutive segments, so as to maximise word evidence and keep
lengths in proportion. This is what puts a sentence that starts mid-way through an English
sentence at the right cue.
"""

from __future__ import annotations

import numpy as np

from companion.align.evidence import gather, length_deviation

LENGTH_WEIGHT = 0.05  # per squared standard deviation, against similarity in [0, 1]


def share_segments(zh_texts: list[str], segment_texts: list[str], ratio: float, spread: float) -> list[int] | None:
    """Index of the first segment of each Chinese sentence, or None when there are too few segments."""
    a, n = len(zh_texts), len(segment_texts)
    if a < 2 or n < a:
        return None
    ev = gather(zh_texts, segment_texts)
    zh_rows = np.concatenate([np.zeros((a, 1)), ev.zh_hit.cumsum(1)], axis=1)
    en_share = np.minimum(1.0, ev.en_hit / np.maximum(ev.en_total, 1e-9))
    en_rows = np.concatenate([np.zeros((a, 1)), en_share.cumsum(1)], axis=1)
    seg_len = np.concatenate([[0.0], np.cumsum(ev.en_len)])

    def gain(k: int, p: int, q: int) -> float:
        zh_cov = min(1.0, (zh_rows[k, q] - zh_rows[k, p]) / max(ev.zh_total[k], 1e-9))
        en_cov = (en_rows[k, q] - en_rows[k, p]) / (q - p)
        dev = length_deviation(ev.zh_len[k], seg_len[q] - seg_len[p], ratio, spread)
        return (zh_cov + en_cov) / 2 - LENGTH_WEIGHT * dev * dev

    # best[k][q]: best total for the first k sentences covering segments [0, q)
    best = np.full((a + 1, n + 1), -np.inf)
    back = np.zeros((a + 1, n + 1), dtype=int)
    best[0, 0] = 0.0
    for k in range(1, a + 1):
        for q in range(k, n - (a - k) + 1):
            for p in range(k - 1, q):
                value = best[k - 1, p] + gain(k - 1, p, q)
                if value > best[k, q]:
                    best[k, q], back[k, q] = value, p
    starts, q = [], n
    for k in range(a, 0, -1):
        q = back[k, q]
        starts.append(q)
    return starts[::-1]
