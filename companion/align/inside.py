"""Where the pieces of one aligned Chinese sentence are spoken: its clause groups placed on the English of its span.

The aligner times sentences; a subtitle shows a sentence in pieces of a line or two (subtitles.reading), and a piece
timed by its share of the sentence's characters starts where the English it renders is not yet, or no longer, said.
Here the span's words are cut into one run per piece, in order, so that each piece's CC-CEDICT glosses find as many
words as they can in its own run, each run near the piece's share of the characters (a translator keeps a sentence's
clauses in the English order as a rule, not always), cut after a comma or a sentence end or where an English cue
begins when the words allow, as subtitlers cut. The captions use it for the pieces of a sentence, and where a
bilingual cue too tall to show is cut in two (captions._within_lines).

Pieces inside a sentence more than a second from the human Chinese subtitles' time (scripts/cue_sync_eval.py), tuned /
held back (TED 1011 1013 1014 1054 1057 1058, lecture cs193p16-l2), by characters -> so: clean articles, TED .222/.230
-> .116/.112, long-form .378/.469 -> .183/.280; omit articles, TED .237/.256 -> .124/.116, long-form .414/.496 ->
.200/.323; TED clean with the neural voice's audio, forced alignment .207/.212 -> .120/.129 and recognised words
.287/.312 -> .172/.221; English captions without punctuation, with an article of long comma-joined sentences built
from them (scripts/captions_eval.py's folders), TED .574/.548 -> .124/.171, long-form .652/.763 -> .234/.297. A cue
that starts a sentence shows up to half a second early when the piece after it now starts sooner (captions: nine
characters a second at most): long-form held back, 43 -> 48 of 524 more than a second off; the others alike.
"""

from __future__ import annotations

import numpy as np

from companion.lexicon.chinese import tokens
from companion.lexicon.english import keys

# Fitted on the tuned half above (a grid of 0-0.6, 0-2 and 0-2): what a run of English words longer or shorter than
# its piece's share of the sentence's characters costs a word, in words found (0.1-0.2 alike; 0.6 lost half the gain);
SPREAD = 0.15
PUNCTUATED = 1.0  # and what a cut after a word that ends in a comma or a sentence mark is worth,
CUE_START = 1.0  # or before a word that opens an English cue (the human Chinese keeps to the English cues)
CLAUSE_MARKS = ",.?!;:"
BAND = 30  # words: how far a run may end from where the characters put it (on the development material no run
# went further than 20; 10 moved a few, 5 lost a tenth of the gain)


def cut_times(pieces: list[str], words: list[str], starts: list[float], opens: list[bool]) -> list[float] | None:
    """When each piece after the first starts: the start of the first English word of its run. `words` are those
    spoken in the sentence's span, in order, with their `starts` and whether each `opens` an English cue. None when
    there are fewer words than pieces."""
    n, k = len(words), len(pieces)
    if k < 2 or n < k:
        return None
    word_keys = [set(keys(w)) for w in words]
    glossed = [{key for t in tokens(piece) for key in t.keys} for piece in pieces]
    lengths = np.array([len(p) for p in pieces], dtype=float)
    share = lengths / lengths.sum() * n
    ideal = np.concatenate([[0.0], np.cumsum(share)])  # where each run ends, by the characters
    # what a cut before word b is worth
    worth = np.array([0.0] + [PUNCTUATED * (w[-1:] in CLAUSE_MARKS) for w in words])
    worth[:n] += CUE_START * np.array(opens, dtype=float)
    lo, hi = _ends(ideal, n, k)
    cost = [np.zeros(1)]
    back: list[np.ndarray] = [np.zeros(1, dtype=int)]
    for i in range(1, k + 1):
        first = lo[i - 1]  # found: how many words piece i-1's glosses find from `first` on
        found = np.concatenate([[0.0], np.cumsum([bool(w & glossed[i - 1]) for w in word_keys[first:hi[i]]])])
        row, rows_back = np.empty(hi[i] - lo[i] + 1), np.empty(hi[i] - lo[i] + 1, dtype=int)
        for b in range(lo[i], hi[i] + 1):
            a = np.arange(first, min(hi[i - 1], b - 1) + 1)
            c = cost[i - 1][a - first] - (found[b - first] - found[a - first]) + SPREAD * np.abs(b - a - share[i - 1])
            if i < k:
                c = c - worth[b]
            best = int(np.argmin(c))
            row[b - lo[i]], rows_back[b - lo[i]] = c[best], a[best]
        cost.append(row)
        back.append(rows_back)
    cuts, b = [], n
    for i in range(k, 1, -1):
        b = int(back[i][b - lo[i]])
        cuts.append(b)
    return [starts[b] for b in reversed(cuts)]


def _ends(ideal: np.ndarray, n: int, k: int) -> tuple[list[int], list[int]]:
    """Where run i may end, from word lo[i] to word hi[i]: within BAND words of its `ideal` end, each run keeping a
    word at least (run 0 is the empty start, run k ends with the last word)."""
    lo, hi = [0], [0]
    for i in range(1, k):
        last = n - (k - i)
        lo.append(min(max(int(ideal[i]) - BAND, lo[-1] + 1), last))
        hi.append(max(min(int(ideal[i]) + BAND, last), lo[-1]))
    return lo + [n], hi + [n]
