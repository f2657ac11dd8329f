"""Writing SubRip (SRT)."""

from __future__ import annotations

from subtitles.cue import Cue, printable
from subtitles.timecode import timestamp


def write_srt(cues: list[Cue]) -> str:
    out: list[str] = []
    number = 0
    for cue in cues:
        if not cue.lines:
            continue
        number += 1
        out += [str(number), f"{timestamp(cue.start, ',')} --> {timestamp(cue.end, ',')}", *map(printable, cue.lines), ""]
    return "\n".join(out)
