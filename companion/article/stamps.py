"""Timestamps that transcripts put beside speakers (`Lena (00:12:34)：`, `[12:34] 主持人：`, a line
`Lex Fridman 01:02:03` above a turn): taken out, so that the label is read as a label and the
time never reaches a subtitle. They are times of the original recording, which a translated
article may have cut or shifted, so they are not used for timing."""

from __future__ import annotations

import re
from dataclasses import replace

from companion.article.blocks import Block
from companion.article.model import Skipped
from companion.article.speakers import NAME, TURN_START

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
BRACKETED = rf"[\[(（【]\s*{TIME}\s*[\])）】]"
STAMP = rf"(?:{BRACKETED}|{TIME})"
SURE_STAMP = rf"(?:{BRACKETED}|\d{{1,2}}:\d{{2}}:\d{{2}})"  # after a colon `10:30` may be prose: `时间：10:30`
# a stamp opening a turn, standing between a name and its colon, or right after the colon
IN_LABEL = re.compile(rf"{TURN_START}(?P<lead>\s*){STAMP}\s*(?=(?:{NAME})\s*[:：])"
                      rf"|{TURN_START}(?P<name>\s*(?:{NAME}))\s*{STAMP}\s*(?P<colon>[:：])"
                      rf"|{TURN_START}(?P<label>\s*(?:{NAME})\s*[:：])\s*{SURE_STAMP}\s*")
# a line holding only a stamp, or a speaker's name and a stamp (the turn follows on the next line)
STAMP_LINE = re.compile(STAMP)
SPEAKER_LINE = re.compile(rf"(?P<a>{NAME})\s*[:：]?\s*(?P<sa>{STAMP})|(?P<sb>{STAMP})\s*(?P<b>{NAME})\s*[:：]?")


def strip_stamps(text: str) -> str:
    """`text` without the timestamps beside its speaker labels."""
    return IN_LABEL.sub(_keep_label, text)


def _keep_label(m: re.Match) -> str:
    if m.group("name") is not None:
        return m.group("name") + m.group("colon")
    if m.group("label") is not None:
        return m.group("label")
    return m.group("lead")


def move_stamps(blocks: list[Block]) -> tuple[list[Block], list[Skipped]]:
    """Blocks without timestamps: stamps beside labels go, and so does a line that is only a stamp;
    a line of a name and a stamp becomes the label of the paragraph right below it."""
    out: list[Block] = []
    skipped: list[Skipped] = []
    speaker: str | None = None
    for k, block in enumerate(blocks):
        text = block.text.strip()
        line = SPEAKER_LINE.fullmatch(text)
        below = blocks[k + 1] if k + 1 < len(blocks) else None
        if line and below is not None and not below.is_heading:
            speaker = line.group("a") or line.group("b")
            skipped.append(Skipped(line.group("sa") or line.group("sb"), "timestamp"))
            continue
        if STAMP_LINE.fullmatch(text):
            skipped.append(Skipped(text, "timestamp"))
            continue
        text = strip_stamps(block.text)
        out.append(replace(block, text=f"{speaker}：{text}" if speaker else text))
        speaker = None
    return out, skipped
