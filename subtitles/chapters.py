"""Chapter markers and the text formats players and podcast apps read.

One model (`Chapter`), one writer per format: WebVTT chapters track, Podcasting 2.0 JSON
chapters (v1.2.0), Podlove Simple Chapters, ffmetadata, and a YouTube description list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from subtitles.cue import Cue, printable
from subtitles.timecode import timestamp
from subtitles.webvtt import write_vtt


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", printable(self.title))


def write_vtt_chapters(chapters: list[Chapter]) -> str:
    """A WebVTT file for `<track kind="chapters">`: one cue per chapter, its title as text."""
    return write_vtt([Cue(c.start, c.end, [[c.title]]) for c in chapters])


def write_podcasting_json(chapters: list[Chapter], title: str | None = None, podcast_name: str | None = None,
                          file_name: str | None = None) -> str:
    """Podcasting 2.0 JSON chapters, version 1.2.0 (`application/json+chapters`)."""
    document: dict = {"version": "1.2.0"}
    for key, value in (("title", title), ("podcastName", podcast_name), ("fileName", file_name)):
        if value:
            document[key] = printable(value)
    document["chapters"] = [{"startTime": round(c.start, 3), "endTime": round(c.end, 3), "title": c.title}
                            for c in chapters]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_psc(chapters: list[Chapter]) -> str:
    """Podlove Simple Chapters, to embed in an RSS item; `start` as HH:MM:SS.mmm."""
    lines = ['<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">']
    lines += [f"  <psc:chapter start={quoteattr(timestamp(c.start))} title={quoteattr(c.title)}/>" for c in chapters]
    lines.append("</psc:chapters>")
    return "\n".join(lines) + "\n"


def _ffmeta_escape(text: str) -> str:
    for ch in "\\=;#\n":
        text = text.replace(ch, "\\" + ch)
    return text


def write_ffmetadata(chapters: list[Chapter], title: str | None = None) -> str:
    """ffmpeg's metadata file: `[CHAPTER]` blocks with TIMEBASE=1/1000."""
    lines = [";FFMETADATA1"]
    if title:
        lines.append(f"title={_ffmeta_escape(printable(title))}")
    for c in chapters:
        lines += ["", "[CHAPTER]", "TIMEBASE=1/1000", f"START={round(c.start * 1000)}", f"END={round(c.end * 1000)}",
                  f"title={_ffmeta_escape(c.title)}"]
    return "\n".join(lines) + "\n"


YOUTUBE_MIN_CHAPTERS = 3
YOUTUBE_MIN_LENGTH = 10.0
# YouTube allows no angle brackets in a description (support.google.com/youtube/answer/6080480): the full-width
# forms read the same beside Chinese and keep `A -> B` pasteable.
YOUTUBE_BRACKETS = str.maketrans({"<": "\uff1c", ">": "\uff1e"})


def write_youtube(chapters: list[Chapter]) -> tuple[str, list[str]]:
    """A description list (`00:00 Title` per line) and warnings where YouTube would not show chapters.

    YouTube requires the first line at 00:00, at least three chapters, each at least ten seconds long,
    and no `<` or `>` in the description (a title's become ＜ ＞).
    """
    warnings = []
    if len(chapters) < YOUTUBE_MIN_CHAPTERS:
        warnings.append(f"YouTube shows chapters only from {YOUTUBE_MIN_CHAPTERS} on; there are {len(chapters)}")
    short = [c.title for c in chapters if c.end - c.start < YOUTUBE_MIN_LENGTH]
    if short:
        warnings.append(f"YouTube needs chapters of at least {YOUTUBE_MIN_LENGTH:g} s; shorter: {', '.join(short)}")
    hours = bool(chapters) and chapters[-1].start >= 3600
    lines = [f"{_clock(0.0 if k == 0 else c.start, hours)} {c.title.translate(YOUTUBE_BRACKETS)}"
             for k, c in enumerate(chapters)]
    return "\n".join(lines) + "\n", warnings


def _clock(seconds: float, hours: bool) -> str:
    s = int(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if hours else f"{m:02d}:{s:02d}"
