"""One name per person: the transcript's speaker names (`Sam`, WebVTT `<v Sam>`, WhisperX speakers)
matched with the article's (`主持人`) by how long their turns overlap in the alignment; and the speaker of a turn
the article merged into the one before, from who the transcript says speaks its English."""

from __future__ import annotations

from collections import defaultdict

from companion.report.model import Alignment
from companion.transcript.model import Transcript

SHARE = 0.5  # of an English speaker's overlapped time that must fall on one article speaker
# Of a sentence's time, what one English speaker must hold for the sentence to be given that speaker when the
# article only carried the speaker of the sentence before over to it.
HEARD = 0.8


def speaker_map(alignment: Alignment, transcript: Transcript) -> dict[str, str]:
    """English speaker name -> the article's name for the same person (only where the turns agree)."""
    overlap: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    segments = [s for s in transcript.segments if s.speaker]
    for sentence in alignment.sentences:
        if not (sentence.timed and sentence.speaker):
            continue
        for seg in segments:
            if seg.end <= sentence.start:
                continue
            if seg.start >= sentence.end:
                break
            overlap[seg.speaker][sentence.speaker] += min(seg.end, sentence.end) - max(seg.start, sentence.start)
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
    segments = [s for s in transcript.segments if s.speaker]
    changed = 0
    for paragraph in alignment.paragraphs:
        said = [s.speaker for s in paragraph.sentences]  # as the article says, before any change
        for k, sentence in enumerate(paragraph.sentences):
            if k == 0 or not sentence.timed or said[k] is None or said[k] != said[k - 1]:
                continue
            heard: dict[str, float] = defaultdict(float)
            for seg in segments:
                if seg.end > sentence.start and seg.start < sentence.end:
                    overlap = min(seg.end, sentence.end) - max(seg.start, sentence.start)
                    heard[mapping.get(seg.speaker, seg.speaker)] += overlap
            who, time = max(heard.items(), key=lambda item: item[1], default=(None, 0.0))
            if who in names and who != sentence.speaker and time >= HEARD * sum(heard.values()):
                sentence.speaker = who
                changed += 1
    return changed


def display_names(mapping: dict[str, str], style: str) -> dict[str, str]:
    """Names to show in voice tags: the article's (`article`) or the transcript's (`en`)."""
    if style == "en":
        inverse: dict[str, str] = {}
        for english, article in mapping.items():
            inverse.setdefault(article, english)
        return inverse
    return dict(mapping)
