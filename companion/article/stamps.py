"""Timestamps that transcripts put beside speakers (`Lena (00:12:34)：`, `[12:34] 主持人：`, a line
`Lex Fridman 01:02:03`, or the name alone, above a turn): taken out, so that the label is read as a label and the
time never reaches a subtitle. They are times of the recording the article was made from, which
may have been cut differently from the one aligned, so they are not used for timing; a paragraph
keeps the time printed at its start, which `companion.align.stamps` checks the alignment against."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from companion.article.blocks import Block
from companion.article.model import Skipped
from companion.article.speakers import NAME, TURN_START, names_at_once, role_named

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
BRACKETED = rf"[\[(（【]\s*{TIME}\s*[\])）】]"
STAMP = rf"(?:{BRACKETED}|{TIME})"
SURE_STAMP = rf"(?:{BRACKETED}|\d{{1,2}}:\d{{2}}:\d{{2}})"  # after a colon `10:30` may be prose: `时间：10:30`
# a stamp opening a turn, standing between a name and its colon, or right after the colon
IN_LABEL = re.compile(rf"{TURN_START}(?P<lead>\s*)(?P<before>{STAMP})\s*(?=(?:{NAME})\s*[:：])"
                      rf"|{TURN_START}(?P<name>\s*(?:{NAME}))\s*(?P<inside>{STAMP})\s*(?P<colon>[:：])"
                      rf"|{TURN_START}(?P<label>\s*(?:{NAME})\s*[:：])\s*(?P<after>{SURE_STAMP})\s*")
# a stamp opening a paragraph with no label after it: `[00:12:34] 今天我们……`
OPENING = re.compile(rf"\s*(?P<stamp>{SURE_STAMP})\s*(?=\S)")
# a line holding only a stamp, or a speaker's name and a stamp (the turn follows on the next line)
STAMP_LINE = re.compile(STAMP)
# a chapter's span, as show notes give it (`00:00-05:30 开场`, `问答（05:30-10:00）`): its start is the chapter's time
SPAN = rf"{TIME}\s*[-–—~～至到]\s*{TIME}"
HEADING_TIME = rf"(?:[\[(（【]\s*{SPAN}\s*[\])）】]|{SPAN}|{STAMP})"
HEADING_STAMP = re.compile(rf"^(?P<stamp>{HEADING_TIME})\s*[-–—|｜:：]?\s*|\s*[-–—|｜]?\s*(?P<end>{HEADING_TIME})$")
SPEAKER_LINE = re.compile(rf"(?P<a>{NAME})\s*[:：]?\s*(?P<sa>{STAMP})|(?P<sb>{STAMP})\s*(?P<b>{NAME})\s*[:：]?"
                          rf"|(?P<c>{NAME})\s*(?P<colon>[:：])?")  # or a name alone, or a label over its text


def seconds(stamp: str) -> float:
    """`[01:02:03.5]` -> 3723.5; `(12:34)` -> 754; a span from its start (`00:05-00:30` -> 5)."""
    parts = re.search(TIME, stamp).group().replace(",", ".").split(":")
    return sum(float(part) * 60 ** k for k, part in enumerate(reversed(parts)))


def opening_stamp(text: str) -> tuple[str | None, str]:
    """The stamp that opens `text` (beside a label or alone), and `text` without it."""
    if m := IN_LABEL.match(text):
        return _stamp(m), _keep_label(m) + text[m.end():]
    if m := OPENING.match(text):
        return m.group("stamp"), text[m.end():]
    return None, text


def strip_stamps(text: str) -> tuple[str, list[str]]:
    """`text` without the timestamps beside its speaker labels, and those timestamps."""
    found = [_stamp(m) for m in IN_LABEL.finditer(text)]
    return IN_LABEL.sub(_keep_label, text), found


def _stamp(m: re.Match) -> str:
    """The stamp an IN_LABEL match found, wherever beside the label it stood."""
    return m.group("before") or m.group("inside") or m.group("after")


def _keep_label(m: re.Match) -> str:
    if m.group("name") is not None:
        return m.group("name") + m.group("colon")
    if m.group("label") is not None:
        return m.group("label")
    return m.group("lead")


def move_stamps(blocks: list[Block]) -> tuple[list[Block], list[Skipped]]:
    """Blocks without timestamps, and the timestamps as skipped text: stamps beside labels, opening
    a paragraph and at either end of a heading go, and so does a line that is only a stamp; a line of
    a speaker's name and a stamp, or of a speaker's name alone, becomes the label of the paragraph right below it (the
    name alone: a role, a name two such lines carry, or a name that counts at once right over its text where names
    stand so elsewhere; `Python` over a paragraph stays a heading). A paragraph keeps
    the time of the stamp that opened it, stood right above it or at its heading, as `Block.stamp`.
    As with labels (`speakers.names_at_once`), a Chinese name other than a foreign one's rendering (`萨姆·奥特曼`)
    counts only when two such lines carry it, so that `00:12:34 第一部分` stays a heading."""
    lines = [_speaker_line(b, blocks[k + 1] if k + 1 < len(blocks) else None) for k, b in enumerate(blocks)]
    seen = Counter(m.group("a") or m.group("b") or m.group("c") for m in lines if m)
    named = any(m.group("c") and seen[m.group("c")] >= 2 for m in lines if m)  # the article puts names over turns
    tight = [k + 1 < len(blocks) and blocks[k + 1].tight for k in range(len(blocks))]  # no blank line below
    out: list[Block] = []
    skipped: list[Skipped] = []
    speaker: str | None = None
    above: str | None = None  # the stamp on a line of its own (or with a name) right above this block
    lead: bool | None = None  # whether the first line taken out above this block was tight to the one before it
    for block, line, close in zip(blocks, lines, tight):
        name = (line.group("a") or line.group("b") or line.group("c")) if line else None
        # a name with no stamp over its turn: one that counts at once is a heading unless it names a role, or the
        # article puts names over turns and this one stands right over its text
        alone = bool(line and line.group("c") and not line.group("colon"))
        if name and (role_named(name) or names_at_once(name) and (not alone or named and close) or seen[name] >= 2):
            speaker, above = name, line.group("sa") or line.group("sb")
            if above:
                skipped.append(Skipped(above, "timestamp"))
            lead = block.tight if lead is None else lead
            continue
        text = block.text.strip()
        if STAMP_LINE.fullmatch(text):
            skipped.append(Skipped(text, "timestamp"))
            above = text
            lead = block.tight if lead is None else lead
            continue
        opening = None
        if block.is_heading and (edge := HEADING_STAMP.search(text)) and edge.end() - edge.start() < len(text):
            opening = edge.group("stamp") or edge.group("end")
            skipped.append(Skipped(opening, "timestamp"))
            text = text[:edge.start()] + text[edge.end():]
        elif not block.is_heading:
            opening, text = opening_stamp(block.text)
            text, found = strip_stamps(text)
            skipped += [Skipped(stamp, "timestamp") for stamp in ([opening] if opening else []) + found]
        stamp = opening or above
        out.append(replace(block, text=f"{speaker}：{text}" if speaker else text,  # a blank line above what it lost
                           stamp=seconds(stamp) if stamp and not block.is_heading else block.stamp,
                           tight=block.tight if lead is None else lead))
        speaker, lead = None, None
        above = stamp if block.is_heading else None  # a chapter's time is its first paragraph's
    return out, skipped


def _speaker_line(block: Block, below: Block | None) -> re.Match | None:
    """The match of a line of a name and a stamp, or of a name alone (with its colon or without), with a paragraph
    right below it, if `block` is one. A name alone stands after a blank line: in subtitle text pasted a cue per
    line, a short line over a longer one (`对` / `我也这么想。`) is speech."""
    if below is None or below.is_heading:
        return None
    line = SPEAKER_LINE.fullmatch(block.text.strip())
    alone = line is not None and line.group("c") is not None
    return line if line and (not alone or not block.tight and (block.is_heading or line.group("colon"))) else None
