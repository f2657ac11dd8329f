"""The article's own timestamps as a check on the alignment (transcripts print a time at each turn).

They are times of the recording the article was made from, which may have been cut differently from
the one aligned (an ad inserted, an intro trimmed), so they are off by an amount that holds for a
stretch of the episode, and are not used for timing. Where the stamped paragraphs around one start
at their stamps plus one such amount and it does not, it is more likely misplaced than they are: its
first sentence is marked doubtful, and the report says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

# Seconds: stamps are whole seconds, and a transcript marks a turn's start a moment early or late.
TOLERANCE = 3.0
NEIGHBOURS = 3  # stamped paragraphs on each side whose offsets a paragraph's is compared with
MIN_STAMPS = 3  # fewer stamps than this say nothing about the recording
DOUBT = 0.3  # the most confidence a sentence starting away from its paragraph's stamp keeps


@dataclass
class StampCheck:
    checked: int  # stamped paragraphs with a time
    offset: float  # seconds the aligned recording runs after the stamps (median)
    off: dict[int, float] = field(default_factory=dict)  # paragraph index -> seconds from where its neighbours put it

    @property
    def followed(self) -> bool:
        """Whether the stamps follow this recording at all (most paragraphs agree with their neighbours)."""
        return len(self.off) <= self.checked / 2


def check_stamps(starts: dict[int, float], stamps: dict[int, float]) -> StampCheck | None:
    """Compare paragraph starts with the article's stamps (both by paragraph index); None with too few.

    A paragraph agrees when its offset (start - stamp) is within TOLERANCE of the median offset of the
    NEIGHBOURS stamped paragraphs before it or of those after it: one side is enough, so that the
    paragraphs on either side of an inserted ad agree with their own side."""
    keys = sorted(k for k in stamps if k in starts)
    if len(keys) < MIN_STAMPS:
        return None
    offsets = [starts[k] - stamps[k] for k in keys]
    check = StampCheck(len(keys), median(offsets))
    for i, (k, offset) in enumerate(zip(keys, offsets)):
        sides = [offsets[max(0, i - NEIGHBOURS):i], offsets[i + 1:i + 1 + NEIGHBOURS]]
        gaps = [offset - median(side) for side in sides if side]
        if all(abs(gap) > TOLERANCE for gap in gaps):
            check.off[k] = min(gaps, key=abs)
    return check


def stamp_notes(check: StampCheck) -> list[str]:
    """What the report says of the check."""
    if not check.followed:
        return [f"the article's timestamps do not follow this recording (they agree with the alignment at "
                f"{check.checked - len(check.off)} of {check.checked} paragraphs); they were not used"]
    when = "after" if check.offset >= 0 else "before"
    notes = [f"the article's timestamps agree with the alignment at {check.checked - len(check.off)} of "
             f"{check.checked} paragraphs, which start {abs(check.offset):.1f} s {when} their timestamps"]
    if check.off:
        listed = ", ".join(f"¶{k} ({gap:+.0f} s)" for k, gap in sorted(check.off.items()))
        notes.append(f"paragraphs that start away from where their timestamps put them, marked doubtful: {listed}")
    return notes
