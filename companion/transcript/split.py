"""Segments that hold several sentences, cut at their sentence ends.

Whisper segments and paragraph-stamped transcripts (`[00:32] Lena: …`) often put several
sentences, or a whole speaker turn, in one timed unit; the aligner can then time a Chinese
sentence no finer than that unit. Such segments are cut where a sentence ends: at the word,
when word times are known; else at a time shared out by characters (at a plausible speaking
rate), and only in segments longer than a subtitle cue (in seconds or in characters), whose own
timing beats interpolation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from companion.text import SENTENCE_END
from companion.transcript.model import Segment, Transcript

LONG = 8.0  # seconds: a segment without word times longer than this is cut at its sentence ends
# … and one holding more characters than a subtitle cue holds (two lines of 42): a transcript's segment, not a
# cue. No multi-sentence cue of the development talks and lectures holds more than 73 (1,340 such cues), so their
# figures stay as they were. Their English cues merged in runs of one to three (segments of 2-9 s, as Whisper
# writes them, against the Chinese on its own finer timing), ted_eval.py's articles, seed 7, paragraphs /
# sentences within 1 s, tuned / held back: TED clean .953/.951 / .945/.935 -> .995/.991 / .982/.972, intro
# .962/.946 / .926/.935 -> .977/.985 / .951/.973, omit .937/.937 / .938/.939 -> .969/.978 / .972/.968, truncate
# .982/.957 / .927/.921 -> 1.000/.992 / .979/.970 (runs of one or two: every variant up); lectures clean
# .979/.970 / .941/.949 -> .973/.977 / .961/.955, intro .958/.971 / .938/.956 -> .967/.979 / .938/.959, omit
# .959/.960 / .965/.931 -> .959/.966 / .953/.938, truncate .971/.968 / .934/.935 -> .971/.975 / .967/.950 (a
# lecturer's pauses make the shares by characters rougher). Those figures are ted_eval.py run on folders whose en.vtt
# is the merged one, so that its articles' sentence ends and its timing slack came from the merged cues too; judged
# against the talks' own subtitles instead (scripts/transcript_eval.py merged: articles and slack from the talks as
# they are, the tool given the merged runs as Whisper JSON), TED seed 7 without / with the cut: clean .671/.629 /
# .594/.550 -> .851/.819 / .787/.757, omit .673/.617 / .511/.537 -> .843/.802 / .699/.734. LONG 6 s instead cut the TED runs as well, but lost the
# development lectures' own cues (clean .978/.982 / .970/.965 -> .976/.981 / .964/.962; 5 s: .961/.970 / .940/.948).
# Only for transcripts (JSON, stamped text): a subtitle track's long cue keeps its timing, as its translation on the
# same cue does. The same merged runs in both languages (a bilingual track of long cues) lost with the cut: TED clean
# .937/.927 / .867/.860 -> .810/.798 / .703/.686, omit .943/.916 / .847/.863 -> .828/.798 / .674/.698.
CUE_CHARACTERS = 84
# Slow speech, in characters a second: a stamped paragraph that runs until the next stamp may end
# in a long pause, so its sentences are timed at no more than this rate from its start.
SLOW_SPEECH = 12.0
STARTS = re.compile(r"^[\"'(\[“‘]*[A-Z0-9]")
# Words after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset("mr mrs ms dr prof st sr jr vs etc e.g i.e u.s no vol fig approx".split())


def split_at_sentences(transcript: Transcript, subtitles: bool = False) -> Transcript:
    """The same transcript with each multi-sentence segment cut into one segment per sentence; `subtitles` says its
    segments are a subtitle track's cues (WebVTT, SRT, ASS), cut only past LONG (see CUE_CHARACTERS)."""
    out: list[Segment] = []
    for seg in transcript.segments:
        if seg.words:
            out.extend(_by_words(seg))
        elif seg.end - seg.start > LONG or not subtitles and len(seg.text) > CUE_CHARACTERS:
            out.extend(_by_characters(seg))
        else:
            out.append(seg)
    return replace(transcript, segments=out)


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
                    " ".join(tokens[a:b]), seg.speaker) for a, b in ranges]
