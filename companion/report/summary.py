"""The few lines `companion align` prints when it is done: how much aligned, what to check first."""

from __future__ import annotations

from companion.report.model import Alignment
from companion.text import clipped, counted
from subtitles.timecode import clock

SHOWN = 5  # doubtful sentences and unaligned paragraphs listed by name
CLIP = 24  # … and how many of their characters


def summary_text(alignment: Alignment) -> str:
    s = alignment.summary()
    head = f"aligned {s['aligned_paragraphs']}/{s['paragraphs']} paragraphs, mean confidence {s['mean_confidence']:.2f}"
    english = sum(p.english for p in alignment.paragraphs)
    kinds = [f"{what}: {counted(n, 'paragraph')}" for what, n in
             (("editorial lead-in", s["editorial_paragraphs"] - english), ("English text", english)) if n]
    if kinds:
        head += f" ({'; '.join(kinds)}, not aligned)"
    lines = [head]
    doubtful = sorted(((p.index, s) for p in alignment.paragraphs for s in p.sentences if s.doubtful),
                      key=lambda pair: pair[1].confidence)
    if doubtful:
        lines.append(f"{counted(len(doubtful), 'doubtful sentence')} (confidence < 0.8), least sure first:")
        for index, sentence in doubtful[:SHOWN]:
            lines.append(f"  {clock(sentence.start)} ¶{index} ({sentence.confidence:.2f}) {clipped(sentence.text, CLIP)}")
        if len(doubtful) > SHOWN:
            lines.append(f"  … and {len(doubtful) - SHOWN} more (the report lists them all)")
    for p in alignment.unaligned[:SHOWN]:
        lines.append(f"unaligned: ¶{p.index} {clipped(p.text, CLIP)} — {alignment.reasons.get(p.index, 'no English counterpart found')}")
    if len(alignment.unaligned) > SHOWN:
        lines.append(f"unaligned: … and {len(alignment.unaligned) - SHOWN} more paragraphs")
    if alignment.cleaned:
        lines.append(f"removed {counted(alignment.cleaned, 'control character')} from the inputs")
    for note in alignment.notes:
        lines.append(f"note: {note}")
    for warning in alignment.warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)
