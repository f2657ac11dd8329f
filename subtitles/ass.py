"""Writing the bilingual track as Advanced SubStation Alpha (pysubs2): a style per language; and
reading the text events of a track someone else made (`read_events`).

Players and burn-in (ffmpeg's `subtitles=` filter, libass) then draw Chinese with a Simplified
Chinese face, not whatever CJK font the system picks first (often the Japanese variant of the same
family), at a size suited to it, with Latin words inside Chinese lines in that same face and size.
Each cue is one event: the English lines in the EN style and the Chinese lines in the ZH style,
stacked in the order asked for.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from typing import NamedTuple

import pysubs2

from subtitles.cue import Cue, printable

# Simplified Chinese faces in order of preference: Noto (Linux, Android), Source Han (Adobe's name
# for the same design), PingFang (Apple), Microsoft YaHei (Windows).
CHINESE_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei")
ENGLISH_FONT = "Noto Sans"
WIDTH, HEIGHT = 1280, 720
ZH_SIZE, EN_SIZE = 46, 36  # at 720 lines: Chinese a little larger, as its strokes are denser
LAST_TIME = 10 * 3600 - 0.01  # seconds: the latest an ASS time (H:MM:SS.cc, one digit of hours) can say


def chinese_font() -> str:
    """The first of CHINESE_FONTS this machine has (fontconfig), else the first: the file names a face
    the player looks up, so one that exists here is the best guess for files watched here."""
    if shutil.which("fc-list"):
        try:
            installed = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True,
                                       timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            installed = ""
        for name in CHINESE_FONTS:
            if name in installed:
                return name
    return CHINESE_FONTS[0]


def write_ass(cues: list[Cue], order: str = "en-zh", zh_font: str | None = None) -> str:
    """The bilingual cues (blocks as build_cues gives them for `order`) as an ASS document; cues that start after
    LAST_TIME are left out (see beyond_ass), as the format cannot time them."""
    subs = pysubs2.SSAFile()
    subs.info.update({"Title": "podcast-companion bilingual subtitles", "PlayResX": str(WIDTH),
                      "PlayResY": str(HEIGHT), "WrapStyle": "2", "ScaledBorderAndShadow": "yes",
                      "Language": "zh-Hans"})
    base = dict(primarycolor=pysubs2.Color(255, 255, 255), outlinecolor=pysubs2.Color(0, 0, 0),
                backcolor=pysubs2.Color(0, 0, 0, 128), outline=2.0, shadow=1.0, alignment=pysubs2.Alignment.BOTTOM_CENTER,
                marginv=36)
    subs.styles = {"ZH": pysubs2.SSAStyle(fontname=zh_font or chinese_font(), fontsize=ZH_SIZE, **base),
                   "EN": pysubs2.SSAStyle(fontname=ENGLISH_FONT, fontsize=EN_SIZE, **base)}
    languages = ("EN", "ZH") if order == "en-zh" else ("ZH", "EN")
    for cue in cues:
        if cue.start >= LAST_TIME:
            continue
        parts = []
        for style, lines in zip(languages, cue.shown):
            if lines:
                parts.append("{\\r" + style + "}" + "\\N".join(_escape(line) for line in lines))
        if parts:
            subs.events.append(pysubs2.SSAEvent(start=round(cue.start * 1000),
                                                end=round(min(cue.end, LAST_TIME) * 1000),
                                                style=languages[-1], name=cue.voice or "",
                                                text="\\N".join(parts)))
    return subs.to_string("ass")


def beyond_ass(cues: list[Cue]) -> int:
    """How many cues start too late for an ASS file to time them (an episode of ten hours or more)."""
    return sum(cue.start >= LAST_TIME for cue in cues)


def _escape(line: str) -> str:
    """Text as ASS shows it literally: braces would start override tags, a backslash an escape."""
    return printable(line).replace("\\", "\u29f5").replace("{", "｛").replace("}", "｝")


class Event(NamedTuple):
    """A text event of an ASS/SSA file read back: times in seconds, its lines without override tags."""

    start: float
    end: float
    lines: list[str]
    name: str | None  # the speaker (the event's Name, or Actor, field)


def read_events(text: str, kind: str = "ass") -> list[Event]:
    """The text events of an ASS/SSA file in time order, comments and drawings (signs drawn with `\\p`)
    left out; with `kind="ttml"`, the paragraphs of a TTML file, which pysubs2 reads as events. Raises
    pysubs2.Pysubs2Error or ValueError when the file is not one (a TTML one also SyntaxError or NotImplementedError:
    bad XML, a time expression pysubs2 does not know)."""
    with warnings.catch_warnings():  # a field it cannot parse (an SSA `Marked=0`) gets its default
        warnings.simplefilter("ignore", RuntimeWarning)
        events = pysubs2.SSAFile.from_string(text, format_=kind).events
    return sorted((Event(e.start / 1000, e.end / 1000, e.plaintext.split("\n"), e.name or None)
                   for e in events if e.is_text), key=lambda event: event.start)
