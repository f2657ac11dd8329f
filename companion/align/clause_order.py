"""Where each unit's first clause finds its words, for the second pass's runs of segments.

Translators keep a sentence's clauses in the English order, so a Chinese sentence's first clause is said where the
sentence starts. A run whose first segment holds none of the first clause's words while a later segment of the
run holds some most often starts early, on English that a sentence the translator left out rendered (or on the
tail of the sentence before): the second pass charges such a run RefineParams.head_later.

The mirror, a run whose first segment holds none of the first clause's words while the segment before it holds
some (a start a segment late: `…a little button, if you click on it, | it will tell you…`), was tried at 0.5 and
1.0 of head_later: long-form clean at seeds 7 / 200 .977 / .974 -> .976 / .972, truncate .986 -> .983; the words
before are as often the sentence before's, said again (`So those are the three camps.` before 接下来根据…"阵营"…).
Leaving out of the first clause the words the sentence before also says gained nothing with the mirror rule and
lost without it (seed 200 clean .974 -> .970); the mirror rule alone with those words left out (a separate evidence)
gained long-form a paragraph here and there (seed 100 clean .970 -> .972) but lost TED intro at seeds 7 and 100 (.979
-> .976, .985 -> .982). As confidence features both sides serve (confidence.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from companion.align.evidence import Evidence


@dataclass(frozen=True)
class FirstClauses:
    """found[r, k]: how many of the first k segments of unit r's window hold a word of its first clause."""

    start: np.ndarray
    found: np.ndarray

    @classmethod
    def of(cls, ev: Evidence) -> "FirstClauses":
        """From the evidence of each unit's first clause (no words for a unit without one) on the segments."""
        found = np.zeros((ev.zh_hit.shape[0], ev.width + 1))
        found[:, 1:] = (ev.zh_hit > 0).cumsum(1)
        return cls(ev.start, found)

    def later(self, rows: np.ndarray, js: np.ndarray, longest: int) -> np.ndarray:
        """out[b - 1, r, k]: whether unit rows[r] - 1's first clause finds nothing in the first segment of the run
        of b segments ending just before js[r, k], but something in the rest of that run."""
        units = (rows - 1)[None, :, None]
        firsts = js[None] - np.arange(1, longest + 1)[:, None, None]

        def before(at: np.ndarray) -> np.ndarray:
            return self.found[units, np.minimum(np.maximum(at - self.start[units], 0), self.found.shape[1] - 1)]

        after_first = before(firsts + 1)
        return (after_first == before(firsts)) & (before(js[None]) > after_first)
