"""Writing WebVTT, with `<v Speaker>` voice spans and escaped text."""

from __future__ import annotations

from subtitles.cue import Cue, printable
from subtitles.timecode import timestamp


def escape(text: str) -> str:
    return printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_vtt(cues: list[Cue], header: str = "WEBVTT") -> str:
    """A WebVTT document; a cue's voice opens its text as `<v Name>`."""
    out = [header, ""]
    for cue in cues:
        lines = [escape(line) for line in cue.lines]
        if not lines:
            continue
        if cue.voice:
            lines[0] = f"<v {escape(cue.voice)}>{lines[0]}"
        out += [f"{timestamp(cue.start)} --> {timestamp(cue.end)}", *lines, ""]
    return "\n".join(out)
