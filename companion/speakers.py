"""One name per person: the transcript's speaker names (`Sam`, WebVTT `<v Sam>`, WhisperX speakers)
matched with the article's (`主持人`) by how long their turns overlap in the alignment; the article's short labels
with the long one they are part of (`Lena：` with `Lena Park：`); and the speaker of a turn the article merged into
the one before, from who the transcript says speaks its English."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator

from companion.report.model import Alignment
from companion.transcript.model import Transcript

SHARE = 0.5  # of an English speaker's overlapped time that must fall on one article speaker
# Of a sentence's time, what one English speaker must hold for the sentence to be given that speaker when the
# article only carried the speaker of the sentence before over to it.
HEARD = 0.8


def speaker_map(alignment: Alignment, transcript: Transcript) -> dict[str, str]:
    """English speaker name -> the article's name for the same person (only where the turns agree; its longest
    label, see same_person)."""
    overlap: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    voices = _Voices(transcript)
    one = one_name_each(alignment)
    for sentence in alignment.sentences:
        if sentence.timed and sentence.speaker:
            for english, seconds in voices.within(sentence.start, sentence.end):
                overlap[english][one.get(sentence.speaker, sentence.speaker)] += seconds
    mapping = {}
    for english, counts in overlap.items():
        name, time = max(counts.items(), key=lambda item: item[1])
        if time >= SHARE * sum(counts.values()) and english != name:
            mapping[english] = name
    return mapping


def merged_turns(alignment: Alignment, transcript: Transcript, mapping: dict[str, str]) -> int:
    """Give a sentence that only carries on the speaker of the sentence before it in its paragraph the speaker the
    transcript hears in its English, when that is another of the article's speakers (`主持人：所以你是自学的？一开始
    是的。…`, where "At first, yes." is the guest's); how many sentences changed."""
    names = {s.speaker for s in alignment.sentences if s.speaker}
    one = one_name_each(alignment)
    said = [s.speaker for s in alignment.sentences]  # as the article says, before any change
    voices = _Voices(transcript)
    changed, at = 0, 0
    for paragraph in alignment.paragraphs:
        for k, sentence in enumerate(paragraph.sentences, start=at):
            if k == at or not sentence.timed or said[k] is None or said[k] != said[k - 1]:
                continue
            heard: dict[str, float] = defaultdict(float)
            for english, seconds in voices.within(sentence.start, sentence.end):
                heard[mapping.get(english, english)] += seconds
            who, time = max(heard.items(), key=lambda item: item[1], default=(None, 0.0))
            if who in names and one.get(who, who) != one.get(said[k], said[k]) and time >= HEARD * sum(heard.values()):
                sentence.speaker = _label_near(said, k, one.get(who, who), one)
                changed += 1
        at += len(paragraph.sentences)
    return changed


def _label_near(said: list[str | None], at: int, person: str, one: dict[str, str]) -> str:
    """The article's own label for `person` (one name per person, see same_person) nearest after sentence `at`, else
    before it: the merged turn then reads as its neighbours do (`Lena：` after `Lena Park：` once), and the turns
    never pass from one label of a person straight to another, which would part them (same_person)."""
    mine = [k for k, who in enumerate(said) if who and one.get(who, who) == person]
    after = [k for k in mine if k > at]
    return said[after[0] if after else mine[-1]] if mine else person


class _Voices:
    """The transcript's segments that name their speaker, asked who speaks during a span."""

    def __init__(self, transcript: Transcript):
        self.segments = [s for s in transcript.segments if s.speaker]
        self.ends = [s.end for s in self.segments]  # in order: segments are sorted and never overlap

    def within(self, start: float, end: float) -> Iterator[tuple[str, float]]:
        """(speaker, seconds) of each named segment that overlaps start..end, in order."""
        for k in range(bisect.bisect_right(self.ends, start), len(self.segments)):
            seg = self.segments[k]
            if seg.start >= end:
                break
            yield seg.speaker, min(seg.end, end) - max(seg.start, start)


def same_person(said: list[str | None]) -> dict[str, str]:
    """Each label that is part of exactly one longer label -> that label (`Lena` -> `Lena Park`, `主持` -> `主持人`),
    given every sentence's label in article order: an article that names a guest in full once and by first name after
    means one person, shown under one name; unless the turns ever pass straight from one to the other (a host `Sam：`
    answered by a guest `Sam Altman：` are two people)."""
    turns = [who for who in said if who]
    names = set(turns)
    changes = {frozenset(pair) for pair in zip(turns, turns[1:]) if pair[0] != pair[1]}
    out = {}
    for short in names:
        longer = [name for name in names if name != short and _part_of(short, name)]
        if len(longer) == 1 and frozenset((short, longer[0])) not in changes:
            out[short] = longer[0]
    return out


def _part_of(short: str, name: str) -> bool:
    """Whether `short` opens or closes `name`: whole words of a Latin name, two or more characters of a Chinese one."""
    if " " in name:
        words, whole = short.split(), name.split()
        return len(words) < len(whole) and words in (whole[:len(words)], whole[-len(words):])
    return not short.isascii() and 2 <= len(short) < len(name) and (name.startswith(short) or name.endswith(short))


def one_name_each(alignment: Alignment) -> dict[str, str]:
    """same_person over the alignment's sentences."""
    return same_person([s.speaker for s in alignment.sentences])


def display_names(alignment: Alignment, style: str) -> dict[str, str]:
    """Names to show in voice tags, for a speaker name of either side: the article's (`article`, one per person: see
    same_person) or the transcript's (`en`)."""
    one = one_name_each(alignment)
    if style == "en":
        inverse: dict[str, str] = {}
        for english, name in alignment.speakers.items():
            inverse.setdefault(name, english)
        return inverse | {short: inverse.get(name, name) for short, name in one.items()}
    return alignment.speakers | one
