"""One name per person: the transcript's speaker names (`Sam`, WebVTT `<v Sam>`, WhisperX speakers)
matched with the article's (`主持人`) by how long their turns overlap in the alignment."""

from __future__ import annotations

from collections import defaultdict

from companion.report.model import Alignment
from companion.transcript.model import Transcript

SHARE = 0.5  # of an English speaker's overlapped time that must fall on one article speaker


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


def display_names(mapping: dict[str, str], style: str) -> dict[str, str]:
    """Names to show in voice tags: the article's (`article`) or the transcript's (`en`)."""
    if style == "en":
        inverse: dict[str, str] = {}
        for english, article in mapping.items():
            inverse.setdefault(article, english)
        return inverse
    return dict(mapping)
