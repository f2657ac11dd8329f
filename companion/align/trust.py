"""Whether an alignment can be trusted at all, and why not: the reasons fill the report's `warning`.

An article that translates the transcript finds dictionary evidence for most of its text; one that
belongs to another episode finds only chance matches, however its sentences are cut (evidence is
counted on the aligner's units, so a few very long sentences cannot pass on chance alone).
"""

from __future__ import annotations

from companion.align.timing import Placed

# A unit this similar to its English has real evidence (chance is 0.25 in the bead score, and
# similarity counts both sides' coverage).
SUPPORT = 0.18
# Share of the Chinese text with real evidence below which the result is not trusted. On the
# development talks articles that belong to the transcript reach 0.88 or more in every mode and other talks' articles
# at most 0.34 (0.36 counted by unit; `scripts/shape_eval.py pairs ../shared/data/ted ../shared/data/longform`: every
# talk's and lecture's whole article against every other's English, 306 pairs, none trusted; their own 0.90 or more).
MIN_EVIDENCE = 0.5
# Recognised words cut at pauses give chance more to find. Every TED talk's article against every other talk's
# recognised words (`scripts/shape_eval.py pairs ../shared/data/ted --audio-dir`: neural voice, cached PocketSphinx
# words, 210 pairs) reached 0.44 (0.38 the third highest; 0.42 and 0.37 since evidence is counted by unit, see
# evidence_share), against their own 0.84 or more (0.78 in ted_eval.py's intro, omit and truncate articles, seed 7).
# With a further 15 % or 30 % of the recognised words replaced at random (word error rates near 30 % and 42 %, as real
# recordings may have), their own clean articles kept 0.75 and 0.61 at least. Half-way between chance and a poorly
# heard translation: 0.55.
MIN_EVIDENCE_HEARD = 0.55
# An article of a few sentences is placed wherever its words are found, anywhere in the episode, so chance alone
# often finds evidence for half of it. `scripts/shape_eval.py excerpt`, 1,200 excerpts of 2-8 sentences of the
# development talks and lectures, 600 against their own English, 600 against another talk's: with MIN_EVIDENCE alone
# 588 and 84 trusted (550 and 34 before the length ratio of so short an article was kept plausible,
# aligner.PLAUSIBLE_RATIO); with MIN_EVIDENCE_FEW (0.7 / 0.8 / 0.9) up to FEW sentences, 573 / 553 / 492 and
# 33 / 19 / 13, the last mostly two sentences of thanks, applause and a shared word or two. Excerpts of 10-32
# sentences: 199 of 200 and none of 200 (with FEW 8, 200 and one, of 10 sentences).
FEW = 12
MIN_EVIDENCE_FEW = 0.8
UNTRUSTED = "too little evidence that this article translates this transcript; check that they belong together"


def supported(where: Placed) -> bool:
    return where.matched and where.similarity >= SUPPORT


def evidence_share(placed: list[Placed], lengths: list[int]) -> float:
    """Share of the Chinese characters in units with real evidence: a long sentence's clause groups are counted each
    on its own (a sentence's similarity averages them), so that a sentence whose clauses find English by chance here
    and there does not pass whole. Every TED talk's article made of one comma-joined sentence a paragraph, against
    its recognised words and three other talks' (cached PocketSphinx words, seed 7): counted by sentence, other talks'
    reached 0.64, 0.52 and 0.45 (one trusted); counted by unit, 0.51, 0.45 and 0.44, their own 0.89 or more either
    way (sentence articles: other talks' 0.43 -> 0.37, their own unchanged, 0.78 or more). The price is paid by short
    articles, judged by MIN_EVIDENCE_FEW, with a long sentence one of whose clause groups finds little:
    `scripts/shape_eval.py excerpt`, own English trusted 279 -> 276 of 300, other talks' 7 of 300 as before."""
    total = sum(lengths) or 1
    return sum(n for where in placed if where.matched for n, similarity in where.found if similarity >= SUPPORT) / total


def judge(placed: list[Placed], lengths: list[int], heard: bool = False) -> list[str]:
    """The reasons not to trust this alignment (`lengths`: its sentences'); none when it can be trusted. `heard`
    says the English is recognised words cut at pauses."""
    share = evidence_share(placed, lengths)
    few = len(lengths) <= FEW
    needed = MIN_EVIDENCE_FEW if few else MIN_EVIDENCE_HEARD if heard else MIN_EVIDENCE
    if share < needed:
        why = f"evidence for {share:.0%} of the Chinese text, {needed:.0%} needed"
        return [f"{UNTRUSTED} ({why}{f' in an article of {FEW} sentences or fewer' if few else ''})"]
    return []
