"""Chinese subtitles (SRT, WebVTT, ASS or YouTube's SBV) given as the article: their cues are read as lines of text.

A reader who has Chinese subtitles made for the episode (fan subtitles, a platform's track) gets the
bilingual track, chapters and report from them as from an article. Each cue becomes a line (its own
line breaks joined; in bilingual subtitles, its Chinese lines only), a change of speaker (a WebVTT
voice tag `<v 主持人>`, an ASS event's name) becomes a speaker label, and the lines become paragraphs
as pasted cues do (`blocks.cue_paragraphs`). Each paragraph keeps its first cue's start as the time
printed at it: the alignment is checked against it (`companion.align.stamps`), not taken from it,
since the subtitles may have been timed for another cut of the episode.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pysubs2
import webvtt

from companion.article.blocks import Block, cue_paragraphs, join_lines
from companion.article.speakers import LABEL
from companion.errors import InputError, first_line
from companion.text import CJK, SBV_HEAD, SRT_HEAD, bilingual, cue_line
from subtitles.ass import read_events

SUBTITLE_SUFFIXES = (".srt", ".vtt", ".ass", ".ssa", ".sbv")


@dataclass(frozen=True)
class _Cue:
    start: float  # seconds
    lines: list[str]  # plain text
    speaker: str | None


def is_subtitle_file(text: str) -> bool:
    """Whether `text` is a WebVTT, SRT, ASS/SSA or SBV file, from its first lines."""
    head = text.lstrip("\ufeff \t\n")
    return head.startswith(("WEBVTT", "[Script Info]")) or bool(SRT_HEAD.match(head) or SBV_HEAD.match(head))


def subtitle_blocks(text: str) -> list[Block]:
    """The cues of a subtitle file as paragraphs, each with the start of its first cue as `stamp`."""
    cues = _read(text.lstrip("\ufeff \t\n"))
    both = bilingual([line for cue in cues for line in cue.lines])  # keep the Chinese; the English is the transcript's
    blocks: list[Block] = []
    voice: str | None = None
    for cue in cues:
        line = join_lines([x for x in cue.lines if CJK.search(x)] if both else cue.lines)
        if not line:
            continue
        if cue.speaker and cue.speaker != voice and not LABEL.match(line):
            line = f"{cue.speaker}：{line}"
        voice = cue.speaker or voice
        blocks.append(Block(line, tight=True, stamp=cue.start))
    if not blocks:
        raise InputError("the subtitles hold no cue with text (is the file well-formed SRT, WebVTT or ASS?)")
    return cue_paragraphs(blocks)


def _read(head: str) -> list[_Cue]:
    """The cues in time order: ASS through pysubs2 (comments and drawings left out), SRT, WebVTT and SBV through
    webvtt-py."""
    try:
        if head.startswith("[Script Info]"):
            return [_Cue(event.start, _plain(event.lines), event.name) for event in read_events(head)]
        kind = "vtt" if head.startswith("WEBVTT") else "sbv" if SBV_HEAD.match(head) else "srt"
        captions = webvtt.from_buffer(io.StringIO(head), format=kind)
        return [_Cue(c.start_time.in_milliseconds() / 1000, _plain(c.lines), getattr(c, "voice", None))
                for c in captions]
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError, pysubs2.Pysubs2Error,
            ValueError) as exc:
        raise InputError(f"cannot read the subtitles ({first_line(exc, 'malformed')})") from None


def _plain(lines: list[str]) -> list[str]:
    return [plain for plain in map(cue_line, lines) if plain]
