"""Chinese subtitles (SRT or WebVTT) given as the article: their cues are read as lines of text.

A reader who has Chinese subtitles made for the episode (fan subtitles, a platform's track) gets the
bilingual track, chapters and report from them as from an article. Each cue becomes a line (its own
line breaks joined; in bilingual subtitles, its Chinese lines only), a voice tag (`<v 主持人>`) that
changes becomes a speaker label, and the lines become paragraphs as pasted cues do
(`blocks.cue_paragraphs`). Each paragraph keeps its first cue's start as the time printed at it: the
alignment is checked against it (`companion.align.stamps`), not taken from it, since the subtitles
may have been timed for another cut of the episode.
"""

from __future__ import annotations

import io
import re

import webvtt

from companion.article.blocks import Block, cue_paragraphs, join_lines
from companion.article.speakers import LABEL
from companion.errors import InputError
from companion.text import CJK, cue_line

SRT_HEAD = re.compile(r"\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->")
ENGLISH = re.compile(r"[A-Za-z]+[^A-Za-z]+[A-Za-z]+")  # two Latin words or more


def is_subtitle_file(text: str) -> bool:
    """Whether `text` is a WebVTT or SRT file, from its first lines."""
    head = text.lstrip("\ufeff \t\n")
    return head.startswith("WEBVTT") or bool(SRT_HEAD.match(head))


def subtitle_blocks(text: str) -> list[Block]:
    """The cues of a subtitle file as paragraphs, each with the start of its first cue as `stamp`."""
    head = text.lstrip("\ufeff \t\n")
    try:
        captions = webvtt.from_buffer(io.StringIO(head), format="vtt" if head.startswith("WEBVTT") else "srt")
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError, ValueError) as exc:
        message = str(exc).strip().splitlines()
        raise InputError(f"cannot read the subtitles ({message[0][:200] if message else 'malformed'})") from None
    lines = [[plain for plain in map(cue_line, caption.lines) if plain] for caption in captions]
    both = sum(any(CJK.search(x) for x in cue) and any(ENGLISH.search(x) and not CJK.search(x) for x in cue)
               for cue in lines)
    bilingual = both >= len(lines) / 2  # 中英双语字幕: keep the Chinese lines, the English is the transcript's
    cues: list[Block] = []
    voice: str | None = None
    for caption, cue in zip(captions, lines):
        line = join_lines([x for x in cue if CJK.search(x)] if bilingual else cue)
        if not line:
            continue
        speaker = getattr(caption, "voice", None)
        if speaker and speaker != voice and not LABEL.match(line):
            line = f"{speaker}：{line}"
        voice = speaker or voice
        cues.append(Block(line, tight=True, stamp=caption.start_time.in_milliseconds() / 1000))
    if not cues:
        raise InputError("the subtitles hold no cue with text (is the file well-formed SRT or WebVTT?)")
    return cue_paragraphs(cues)
