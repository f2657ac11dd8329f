"""Chapters from an alignment report: one per article heading, starting where its first paragraph starts.

Rules listeners expect: an intro chapter covers untranslated material before the first heading's
start; each chapter ends where the next begins and the last at the episode's end; a chapter
none of whose paragraphs could be aligned is merged into the one before it (and reported),
never given an invented time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.errors import InputError
from companion.report.model import Alignment
from companion.text import CJK_GAP, one_line
from subtitles.chapters import Chapter
from subtitles.linebreak import display_width

INTRO_MIN = 1.0  # seconds before the first heading that earn an intro chapter
EN_TITLE_WORDS = 8
ZH_TITLE_CHARACTERS = 16  # of an opening clause naming a chapter the article gave no heading
LANGS = ("zh", "en", "both")


@dataclass
class ChapterList:
    chapters: list[Chapter]
    notes: list[str] = field(default_factory=list)  # what was merged or adjusted, for the user


def build_chapters(alignment: Alignment, lang: str = "zh", intro_title: str | None = None,
                   duration: float | None = None) -> ChapterList:
    """The chapter list; `lang` is zh, en or both (Chinese title / English opening words); the last
    chapter ends at `duration` (the audio's, when known) or else the report's."""
    if lang not in LANGS:
        raise InputError("--lang must be zh, en or both")
    notes: list[str] = []
    kept: list[tuple[float, str]] = []
    for number, chapter in enumerate(alignment.chapters()):
        chinese, english = _opening(alignment, number)
        title = one_line(_title(chapter.title or chinese, english, lang))  # a report a person edited may break it
        if chapter.start is None:
            into = f"«{kept[-1][1]}»" if kept else "the chapter after it"
            notes.append(f"chapter «{chapter.title}» could not be aligned; merged into {into}")
            continue
        kept.append((chapter.start, title))
    if not kept:
        return ChapterList([], notes + ["no chapter could be aligned"])
    if kept[0][0] >= INTRO_MIN:
        default = "Intro" if lang == "en" else ("开场 / Intro" if lang == "both" else "开场")
        kept.insert(0, (0.0, one_line(intro_title or "") or default))
    else:
        kept[0] = (0.0, kept[0][1])
    last = max(duration or 0.0, alignment.duration, kept[-1][0] + INTRO_MIN)
    ends = [start for start, _ in kept[1:]] + [last]
    return ChapterList([Chapter(start, end, title) for (start, title), end in zip(kept, ends)], notes)


def _opening(alignment: Alignment, chapter: int) -> tuple[str, str]:
    """The first words of the chapter's first matched sentence and its English: what names a chapter
    in English, and in Chinese when the article has no heading and no title to name it by."""
    for p in alignment.paragraphs:
        if p.chapter == chapter:
            for s in p.sentences:
                if s.matched and s.english:
                    clause = re.split(rf"(?<=[，。？！；：,?!;:])|{CJK_GAP.pattern}", s.text.strip(), maxsplit=1)[0]
                    return _clip(clause.rstrip("，。；：,;:"), ZH_TITLE_CHARACTERS), s.english
    return "", ""


def _clip(text: str, width: float) -> str:
    """`text` cut to `width` (in Chinese characters, see `display_width`), not inside a Latin word."""
    for end in range(len(text)):
        if display_width(text[:end + 1]) > width:
            head = text[:end]
            if text[end].isalnum() and text[end].isascii() and " " in head:
                head = head.rsplit(" ", 1)[0]
            return head.rstrip() + "…"
    return text


def _title(chinese: str, english: str, lang: str) -> str:
    """The Chinese heading, the opening words of its first English sentence, or both."""
    words = re.split(r"(?<=[.?!])\s", english, maxsplit=1)[0].split()
    short = " ".join(words[:EN_TITLE_WORDS]).rstrip(",;:") + ("…" if len(words) > EN_TITLE_WORDS else "")
    if lang == "en":
        return short or chinese
    if lang == "both" and short:
        return f"{chinese} / {short}"
    return chinese


TEXT_FORMATS = ("vtt", "json", "psc", "ffmetadata", "youtube")
AUDIO_FORMATS = ("id3", "mp4")


def render(chapters: ChapterList, fmt: str, title: str | None = None, file_name: str | None = None) -> str:
    """The chapters in one of the text formats; YouTube's warnings join the list's notes."""
    from subtitles import chapters as formats

    items = chapters.chapters
    if fmt == "vtt":
        return formats.write_vtt_chapters(items)
    if fmt == "json":
        return formats.write_podcasting_json(items, title=title, file_name=file_name)
    if fmt == "psc":
        return formats.write_psc(items)
    if fmt == "ffmetadata":
        return formats.write_ffmetadata(items, title=title)
    if fmt == "youtube":
        text, warnings = formats.write_youtube(items)
        chapters.notes.extend(warnings)
        return text
    raise InputError(f"unknown chapter format {fmt!r}; use one of {', '.join(TEXT_FORMATS + AUDIO_FORMATS)}")
