"""Segments that hold several sentences, cut at their sentence ends.

Whisper segments and paragraph-stamped transcripts (`[00:32] Lena: …`) often put several
sentences, or a whole speaker turn, in one timed unit; the aligner can then time a Chinese
sentence no finer than that unit. Such segments are cut where a sentence ends: at the word,
when word times are known; else at a time shared out by characters (at a plausible speaking
rate), and only in segments past LONG, or, in a transcript (not a subtitle track), past
SEGMENT_CHARACTERS: a subtitle cue's own timing beats interpolation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from companion.text import SENTENCE_END
from companion.transcript.model import Segment, Transcript

LONG = 8.0  # seconds: a segment without word times longer than this is cut at its sentence ends
# (6 s cut more merged runs but lost the development lectures' own cues, clean .978/.982 / .970/.965 -> .976/.981 /
# .964/.962; 5 s: .961/.970 / .940/.948)
# … and, in a transcript (JSON, stamped text), one holding more characters than this: a transcript's segment is not
# the unit its translation was timed on, as a subtitle track's cue is (there a sentence starting inside a cue starts
# with it, as its translation on the same cue does: the same runs merged in both languages, a bilingual track of long
# cues, lost with any cut: TED clean .937/.927 / .867/.860 -> .810/.798 / .703/.686). Fitted on the tuned half of
# scripts/transcript_eval.py's `merged` probe (the talks' English cues merged in runs of one to three, as Whisper
# segments them, given as JSON without word times; articles and slack from the talks as they are), seed 7,
# paragraphs / sentences within 1 s, tuned / held back, 84 (two subtitle lines, where it was first set) -> 60:
# TED clean .851/.819 / .787/.757 -> .894/.872 / .853/.832, intro .808/.825 / .741/.758 -> .841/.877 / .789/.835,
# omit .843/.802 / .699/.734 -> .885/.860 / .784/.813, truncate .872/.819 / .810/.766 -> .893/.866 / .879/.847;
# long-form clean .676/.690 / .766/.755 -> .690/.716 / .772/.773, intro .693/.694 / .742/.756 -> .719/.721 /
# .758/.771, omit .710/.685 / .767/.749 -> .727/.704 / .774/.764, truncate .687/.683 / .800/.783 -> .699/.709 /
# .800/.803. Cutting every segment of several sentences (0) scored best on TED (clean .902/.892 / .878/.853) but lost
# the lectures (clean .671/.689 / .743/.760), whose captions are cut at a line's width, so that a sentence often
# begins in the last words of a cue: 40 and 50 lost them alike, 70 scored as 60 there and lower on TED. Without any
# cut below LONG: TED clean .671/.629 / .594/.550. Subtitle tracks' cues and the development figures are untouched.
SEGMENT_CHARACTERS = 60
# Slow speech, in characters a second: a stamped paragraph that runs until the next stamp may end
# in a long pause, so its sentences are timed at no more than this rate from its start.
SLOW_SPEECH = 12.0
STARTS = re.compile(r"^[\"'(\[“‘]*[A-Z0-9]")
# Words after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset("mr mrs ms dr prof st sr jr vs etc e.g i.e u.s no vol fig approx".split())


def split_at_sentences(transcript: Transcript) -> Transcript:
    """The same transcript with each multi-sentence segment cut into one segment per sentence; a subtitle track's
    cues (`transcript.cues`) only past LONG (see SEGMENT_CHARACTERS)."""
    out: list[Segment] = []
    for seg in transcript.segments:
        if seg.words:
            out.extend(_by_words(seg))
        elif seg.end - seg.start > LONG or not transcript.cues and len(seg.text) > SEGMENT_CHARACTERS:
            out.extend(_by_characters(seg))
        else:
            out.append(seg)
    return replace(transcript, segments=out)


def continues_cut(segments: list[Segment], k: int) -> bool:
    """Whether segment k continues one cut by characters (`_by_characters`, a cue's dialogue turns): its start was
    shared out, not given by the source."""
    return (0 < k and segments[k].interpolated and segments[k - 1].interpolated
            and abs(segments[k - 1].end - segments[k].start) < 1e-6)


def sentence_ranges(tokens: list[str]) -> list[tuple[int, int]]:
    """Ranges [a, b) of `tokens` that make one sentence each: a token ends one when it ends with a
    full stop (not an abbreviation's), question or exclamation mark and the next starts like a sentence."""
    ranges, first = [], 0
    for k in range(len(tokens) - 1):
        word, following = tokens[k], tokens[k + 1]
        if SENTENCE_END.search(word) and STARTS.match(following) and word.lower().rstrip(".") not in ABBREVIATIONS:
            ranges.append((first, k + 1))
            first = k + 1
    return ranges + [(first, len(tokens))]


def _by_words(seg: Segment) -> list[Segment]:
    ranges = sentence_ranges([w.text.strip() for w in seg.words])
    if len(ranges) == 1:
        return [seg]
    return [Segment(seg.words[a].start, seg.words[b - 1].end, " ".join(w.text.strip() for w in seg.words[a:b]),
                    seg.speaker, seg.words[a:b]) for a, b in ranges]


def _by_characters(seg: Segment) -> list[Segment]:
    tokens = seg.text.split()
    ranges = sentence_ranges(tokens)
    if len(ranges) == 1:
        return [seg]
    offsets = [0]  # characters (with a space each) before every token
    for token in tokens:
        offsets.append(offsets[-1] + len(token) + 1)
    spoken = min(seg.end - seg.start, offsets[-1] / SLOW_SPEECH)
    return [Segment(seg.start + spoken * offsets[a] / offsets[-1],
                    seg.end if b == len(tokens) else seg.start + spoken * offsets[b] / offsets[-1],
                    " ".join(tokens[a:b]), seg.speaker, interpolated=True) for a, b in ranges]
