"""Word times, from the audio, for a transcript's segments in which sentences start without a time of their own.

A segment without word times starts every sentence and clause inside it at its own start, or, when it is cut by
characters (transcript.split), at a share of its time that may be seconds from where it is said. With the audio at
hand, the segment's known words are forced-aligned within its own stretch of audio (media.force_align.align_within:
no search for where the text is), and it is cut as forced alignment cuts lines, each piece starting at its first
word. The segment's own start and end stay as the source gave them.

scripts/transcript_eval.py merged --audio-dir (the talks' English cues merged in runs of one to three as Whisper
segments without word times, with make_talk_audio.py's audio), 15 TED talks, seed 7, paragraphs / sentences within
1 s, tuned / held back (1011 1013 1014 1054 1057 1058): clean .894/.872 / .853/.832 -> .980/.966 / .954/.943, intro
.841/.877 / .789/.835 -> .934/.961 / .932/.943, omit .885/.860 / .784/.813 -> .977/.955 / .909/.928, truncate
.893/.866 / .879/.847 -> .973/.960 / .983/.951 (all pooled, through the command: clean .876/.855 -> .969/.956).
Cut at sentence ends only, clean .965/.949 / .944/.915; and at clause ends, .976/.963 / .954/.930; segments of one
sentence with a clause mark inside too, as now. A subtitle track's cues of several sentences (or a sound beside
speech) cut at their sentences lost on the talks' own en.vtt, whose Chinese was timed on the same cues: clean
.992/.988 / .980/.984 -> .992/.983 / .970/.969, omit .977/.980 / .949/.970 -> .972/.974 / .926/.955 (cut at clauses
too, clean .959/.962 held back); so there only the pieces of a cue cut by characters (past 8 s, or a dialogue's
turns) are timed so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from companion.lexicon.english import ANNOTATION
from companion.text import SPEAKER_LABEL, ends_clause
from companion.transcript.model import Segment, Transcript, Word
from companion.transcript.from_words import segment_of
from companion.transcript.split import continues_cut, sentence_ranges
from companion.transcript.untimed import ends_segment, spoken

MIN_SPAN = 0.01  # seconds: the least a piece cut from a segment lasts


@dataclass
class Stretch:
    """Consecutive segments to time by their words (one segment, or the pieces a longer one was cut into by
    characters), with each token of their text and the recogniser words it is said as."""

    first: int  # index of its first segment
    last: int  # one past its last
    start: float
    end: float
    speaker: str | None
    tokens: list[str]
    said: list[list[str] | None]  # None for a sound annotation's token

    @property
    def words(self) -> list[str]:
        return [w for said in self.said if said for w in said]


def stretches(transcript: Transcript) -> list[Stretch]:
    """The stretches of the transcript in which a sentence or clause would start at a time the source did not give:
    in a subtitle track, only the pieces of a cue cut by characters (a cue's sentences start with it, as their
    translation does: see Transcript.cues); in a transcript, also every segment without word times that holds more
    than one sentence or clause, or a sound annotation beside speech."""
    out: list[Stretch] = []
    segments = transcript.segments
    k = 0
    while k < len(segments):
        seg = segments[k]
        last = k + 1
        while last < len(segments) and continues_cut(segments, last) and segments[last].speaker == seg.speaker:
            last += 1
        run = segments[k:last]
        if not seg.words and (seg.interpolated or not transcript.cues and _inner_starts(seg.text)):
            tokens, said = _tokens(run)
            if any(said):
                out.append(Stretch(k, last, run[0].start, run[-1].end, seg.speaker, tokens, said))
        k = last
    return out


def _inner_starts(text: str) -> bool:
    """Whether a sentence, a clause or a sound starts inside the text: a sentence or clause mark before its last
    word, or a sound annotation (`(Laughter)`) beside spoken words."""
    tokens = text.split()
    return (len(sentence_ranges(tokens)) > 1 or any(ends_clause(t) for t in tokens[:-1])
            or ANNOTATION.search(text) is not None and any(spoken(t) for t in ANNOTATION.sub(" ", text).split()))


def _tokens(run: list[Segment]) -> tuple[list[str], list[list[str] | None]]:
    """The tokens of the segments' text and the words each is said as: none for a speaker label (`LENA:`) or
    punctuation, and None for a sound annotation's (`(Laughter)`), which is timed as a sound, not as speech."""
    tokens: list[str] = []
    said: list[list[str] | None] = []
    for seg in run:
        sounds = [m.span() for m in ANNOTATION.finditer(seg.text)]
        label = SPEAKER_LABEL.match(seg.text)
        for m in re.finditer(r"\S+", seg.text):
            tokens.append(m.group())
            if any(a <= m.start() and m.end() <= b for a, b in sounds):
                said.append(None)
            else:
                said.append([] if label and m.end() <= label.end() else spoken(m.group()))
    return tokens, said


def with_word_times(transcript: Transcript, found: list[tuple[Stretch, list | None]]) -> Transcript:
    """The transcript with each stretch that was aligned (its words' times, in order, each with `start` and `end`;
    None when it could not be) replaced by its pieces, cut at the words' times; `untimed` counts the others."""
    segments = list(transcript.segments)
    for stretch, times in reversed(found):
        if times is not None:
            segments[stretch.first:stretch.last] = _cut(stretch, times)
    return replace(transcript, segments=segments, untimed=sum(times is None for _, times in found))


def _cut(stretch: Stretch, times: list) -> list[Segment]:
    """The stretch cut as forced alignment cuts lines (untimed.ends_segment: at sentence ends, at clause ends once a
    few words long), each piece after the first starting at its first word's time, and its sound annotations as
    pieces of their own in the pause they stand in; all within the stretch's own span."""
    runs: list[list[Word]] = [[]]
    k = 0
    pending = ""  # tokens said as no word that open a piece (a label, a dialogue dash) join its first word
    for token, said in zip(stretch.tokens, stretch.said):
        if said is None:  # a sound: from the last word's end to the next word's start
            if runs[-1]:
                runs.append([])
            at = times[k - 1].end if k else stretch.start
            runs[-1].append(Word(pending + token, at, times[k].start if k < len(times) else stretch.end))
            runs.append([])
            pending = ""
        elif not said:  # punctuation joins the word before it in its piece, else the next word (`- At first`)
            if runs[-1]:
                runs[-1][-1] = replace(runs[-1][-1], text=f"{runs[-1][-1].text} {token}")
            else:
                pending += token + " "
        else:
            start = min(max(times[k].start, stretch.start), stretch.end)
            runs[-1].append(Word(pending + token, start, min(max(times[k + len(said) - 1].end, start), stretch.end)))
            pending = ""
            k += len(said)
            if ends_segment(token, len(runs[-1])):
                runs.append([])
    if pending:  # nothing said after them: they close the last piece
        last = next(run for run in reversed(runs) if run)
        last[-1] = replace(last[-1], text=f"{last[-1].text} {pending.strip()}")
    pieces = [segment_of(run, stretch.speaker) for run in runs if run]
    out: list[Segment] = []
    for n, piece in enumerate(pieces):
        start = stretch.start if n == 0 else min(max(piece.start, out[-1].start + MIN_SPAN),
                                                 stretch.end - MIN_SPAN * (len(pieces) - n))
        end = stretch.end if n == len(pieces) - 1 else max(piece.end, start + MIN_SPAN)
        if out:
            out[-1] = replace(out[-1], end=min(out[-1].end, start))
        out.append(replace(piece, start=start, end=end))
    return out
