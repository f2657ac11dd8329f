"""Sponsor reads in the English: the stretch a translated article leaves out as a rule, as it leaves out intros.

A host-read ad opens with a sponsor line ("This episode is brought to you by…", "a quick word from our sponsor")
and most often ends with a way back ("Now, back to the conversation."). The ad's own sentences between them ("Open
an account online in five minutes.") carry no mark, so the sentences between a sponsor line and the next marked one
count as the ad's when that one follows within AD_GAP. The aligner only makes these sentences cheap to leave out:
a translation that renders a sponsor read still finds its words there.
"""

from __future__ import annotations

import re

# What marks a sponsor read: the sponsor named, a code, a discount, an address to type, a break announced.
SPONSOR = re.compile(
    r"\b(?:(?:word|message|break)s? from (?:our|this (?:week|episode)'s|today's) sponsors?"
    r"|(?:episode|show|podcast|program|programme)\b[^.?!]{0,20}\b(?:supported|made possible|presented|powered) by"
    r"|brought to you by|sponsored by"
    r"|our sponsors?\b|(?:promo|offer|discount|coupon) code|use (?:the )?code"
    r"|\d+ ?(?:%|percent) off|free trial|(?:go|head|head over) to \S+ ?(?:\.|dot) ?com|visit \S+ ?(?:\.|dot) ?com"
    r"|(?:we'll|we will) be right back|after (?:this|the|a short|a quick) break|take a (?:quick |short )?break)",
    re.I)
# The way back to the conversation after an ad (not an episode's "Welcome back to the show").
BACK = re.compile(r"(?<!welcome )\b(?:(?:get|go|come|getting|going|coming)\s+)?back to (?:the|our|my|this) "
                  r"(?:show|conversation|episode|interview|program|programme|podcast|discussion)\b"
                  r"|\bon with the show\b"
                  r"|^\W*(?:and |okay,? |ok,? |all right,? )?we're back(?=\s*[.!,;:—–-]|\s*$)", re.I)
AD_GAP = 45.0  # seconds: the longest unmarked stretch of one sponsor read, from a sponsor line to the next mark


def ad_reads(sentences: list[tuple[float, float, str]]) -> list[bool]:
    """Per (start, end, text) English sentence, in order: whether it belongs to a host-read ad. A sponsor line
    counts only with another mark within AD_GAP (a talk's "a study sponsored by the NIH" is no ad); a way back
    counts alone."""
    sponsor = [bool(SPONSOR.search(text)) for _, _, text in sentences]
    back = [bool(BACK.search(text)) for _, _, text in sentences]
    marks = [k for k in range(len(sentences)) if sponsor[k] or back[k]]
    out = [False] * len(sentences)
    for a, b in zip(marks, marks[1:]):
        if sponsor[a] and sentences[b][0] - sentences[a][1] <= AD_GAP:
            out[a:b + 1] = [True] * (b + 1 - a)
    for k in marks:
        out[k] = out[k] or back[k]
    return out
