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

A sentence of one clause is its own first clause (aligner._first_clauses): a short English sentence the translator
left out before one rendered at length (`It's all built in there. | But there's a price.` for 但这样做也要付出代价。) was taken
with it, the translation's length asking for more English. Transcript mode, paragraphs / sentences within 1 s, omit
articles (every other variant unchanged): TED, seeds 7 / 100 / 200 / 300 / 500, .954/.966 .960/.972 .973/.965
.972/.970 .956/.962 -> .957/.967 .963/.973 .979/.968 .974/.973 .959/.963 (400 unchanged); long-form, seeds 100 / 200
/ 300, sentences .946 .943 .936 -> .947 .944 .937 (paragraphs .942 -> .945 at 200); Chinese subtitles pasted one cue
per line (fit_confidence.py --mode pasted, each sentence judged against its cue): wrong 1,972 -> 1,849 of 16,009 on
the tuned half, 1,456 -> 1,412 of 9,583 held back. Most of TED's gain is the rule for sounds below (alone: .954/.966
.963/.973 .979/.968 .972/.972 .959/.963). Not in captions: cut at guessed openers into pieces of a few words, the
first piece holds none of a one-clause sentence's words as often as not (`but the hardest | part is keeping the
water out` for 但最难的是不让水进到盒子里。, whose 难 the dictionary renders `difficult`), and the sentence started a cue late.
Forced alignment (TED clean and intro) and captions: every figure unchanged.

A unit that is nothing but sounds (`（掌声）`) may not begin a run at all where its sounds are found only later
(refine): a closing `（掌声）` after thanks the translator left out began with the thanks. Requiring every segment
of its run to hold a sound (no speech after it either) moved no figure: left out.

Tried and left out: pricing a segment left untaken between two units by the share of its words the next unit's
first clause finds there (a lecture sentence starting a cue late, its own opening cue skipped: `…Okay? And enums are
like structs.` for 枚举于结构体相似，…). At 2 and 4 (RefineParams units), long-form seed 7: such late starts 23 -> 17,
but starts a cue early 78 -> 86 (omit sentences .947 -> .942): a cue shared by two sentences is as often the one
before's. And the end-side mirror, a run whose last segment holds none of its sentence's last clause while an earlier
one holds some, at 0.5: long-form up a little (seed 300 clean .966 -> .968, truncate .976 -> .979), TED down at seed
200 (clean .985 -> .983, intro .979 -> .976, truncate .985 -> .981) and in omit at seed 100 (.963 -> .960).
Nor a further price for a run whose first segment holds none of the whole unit's words either (a head the translator
left out inside one English sentence: `Tony Blair being used as a mounting block, | and Rumsfeld and Bush laughing…`
for 拉姆斯菲尔德和布什在笑，…, 5 s early). At 2, seeds 7 / 100: TED omit .959 / .963 -> .962 / .965 (held back .943 /
.947 -> .949 / .953), but intro .979 / .985 -> .976 / .979 and clean sentences .987 -> .985, and long-form lost in
every variant (clean .977 -> .972, truncate .986 -> .980 at seed 7); at 1, TED alike: where the dictionary lacks the
word (选择 for "choose"), a reordered sentence's first segment holds none of its words too. A name there that the unit
does not render is surer, and is priced (names.py).
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
