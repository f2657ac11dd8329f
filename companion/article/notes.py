"""Note marks (`[1]`, `¹`) that a translation puts after a word to point at its notes or references: no words of the
episode. Shown in a subtitle they point at nothing (the notes themselves are skipped, boilerplate.REFERENCES). So are
Markdown's footnotes (`[^1]` and the `[^1]: …` that defines it), which CommonMark does not know."""

from __future__ import annotations

import re
from dataclasses import replace

from companion.article.blocks import Block
from companion.article.model import Skipped

# A mark stands right after a Chinese character or a Chinese closing mark: after a Latin letter, a digit or an ASCII
# bracket `[1]` is code read aloud (`cards[1]`) and `²` a power (`20m²`); a paragraph opening with `[1]` is a list.
AFTER_WORD = r"(?<=[\u4e00-\u9fff。，、；：？！”’」』）》】])"
MARK = r"[\[［【]\s*(?:注释?\s*)?\d{1,3}\s*[\]］】]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
NOTE_MARK = re.compile(rf"{AFTER_WORD}(?:{MARK})")
# Markdown footnotes: a definition at the start of a line, its further lines indented; and a reference anywhere else
FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:.*(?:\n(?:[ \t]+\S.*|[ \t]*(?=\n[ \t]+\S)))*", re.M)
FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\](?!:)")


def take_footnotes(text: str) -> tuple[str, list[Skipped]]:
    """Markdown text without its footnotes, and them as skipped text: the definitions (`note`), then the references
    (`note mark`), each in order."""
    notes = [Skipped(m.group().strip(), "note") for m in FOOTNOTE.finditer(text)]
    text = FOOTNOTE.sub("", text)
    marks = [Skipped(m.group(), "note mark") for m in FOOTNOTE_MARK.finditer(text)]
    return FOOTNOTE_MARK.sub("", text), notes + marks


def take_note_marks(blocks: list[Block]) -> tuple[list[Block], list[Skipped]]:
    """The blocks without the note marks after their words, and the marks as skipped text, in order."""
    out: list[Block] = []
    marks: list[Skipped] = []
    for block in blocks:
        found = NOTE_MARK.findall(block.text)
        marks += [Skipped(mark, "note mark") for mark in found]
        out.append(replace(block, text=NOTE_MARK.sub("", block.text)) if found else block)
    return out, marks
