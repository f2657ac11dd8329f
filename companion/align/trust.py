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
# development talks articles that belong to the transcript reach 0.88 or more in every mode and
# other talks' articles at most 0.34.
MIN_EVIDENCE = 0.5
UNTRUSTED = "too little evidence that this article translates this transcript; check that they belong together"


def supported(where: Placed) -> bool:
    return where.matched and where.similarity >= SUPPORT


def evidence_share(placed: list[Placed], lengths: list[int]) -> float:
    """Share of the Chinese characters in sentences with real evidence."""
    total = sum(lengths) or 1
    return sum(n for where, n in zip(placed, lengths) if supported(where)) / total


def judge(placed: list[Placed], lengths: list[int]) -> list[str]:
    """The reasons not to trust this alignment; none when it can be trusted."""
    share = evidence_share(placed, lengths)
    if share < MIN_EVIDENCE:
        return [f"{UNTRUSTED} (evidence for {share:.0%} of the Chinese text, {MIN_EVIDENCE:.0%} needed)"]
    return []
