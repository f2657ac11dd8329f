"""Assemble an Article from blocks: title, lead-in, chapters, paragraphs, speakers, sentences."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from companion.article.blocks import (Block, Fill, are_cues, html_blocks, join_cue_lines, markdown_blocks,
                                       sniff_format, stanza_end, text_blocks, text_fill)
from companion.article.boilerplate import (boilerplate_reason, call_to_action, closing_reason, references,
                                           starts_tail)
from companion.article.cuefile import SUBTITLE_SUFFIXES, is_subtitle_file, subtitle_blocks
from companion.article.decode import decode_text
from companion.article.front import front_matter
from companion.article.model import Article, Chapter, Paragraph, Sentence, Skipped
from companion.article.notes import take_footnotes, take_note_marks
from companion.article.sentences import split_sentences
from companion.article.speakers import label_names, opens_with_label, split_turns
from companion.article.stamps import move_stamps
from companion.docx import docx_html, is_docx
from companion.errors import InputError
from companion.text import counted, is_english, title_text, without_opening_symbols

READERS = {"html": html_blocks, "markdown": markdown_blocks, "subtitles": subtitle_blocks}  # else plain text
# Full-width punctuation: a line break after one is no space (after `,` or `.` a Latin word needs its space).
MARKS = "。！？…，、；：”’」』）"
MARKED = re.compile(rf"[{MARKS}]\s*$")  # text that ends with a full-width mark
MARKED_BREAK = re.compile(rf"(?<=[{MARKS}])[ \t]*\n\s*")  # a line break right after one
# A heading that is only a section's number (`第一章`, `第2部分`, `Part One`, `三、`): its title is on the next line.
NUMERALS = r"[\d０-９零〇一二三四五六七八九十百两]+"
BARE_NUMBER = re.compile(
    rf"(第\s*{NUMERALS}\s*(部分|[章节篇回集讲幕期季话课卷部])|(part|chapter|section|act)\s+([\divxlc]+|one|two|three|four"
    rf"|five|six|seven|eight|nine|ten)|[(（]?{NUMERALS}[)）]?|(?-i:[IVXLC]+))\s*[.．、:：]?", re.I)


def read_article(path: str) -> Article:
    """Read an article file (`-` for standard input) in any supported format and encoding."""
    if path == "-":
        data, name, suffix = sys.stdin.buffer.read(), "standard input", ""
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path} is a directory, not an article file")
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"article not found: {path}") from None
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}") from None
        name, suffix = path, p.suffix
    if is_docx(data):  # read as the web page it is made into (its pictures may make it larger than a text may be)
        return parse_article(docx_html(data, name), "docx", "html")
    text, encoding, removed = decode_text(data, name)
    fmt = "subtitles" if suffix.lower() in SUBTITLE_SUFFIXES or is_subtitle_file(text) else sniff_format(text, suffix)
    article = parse_article(text, encoding, fmt)
    article.cleaned = removed
    return article


def parse_article(text: str, encoding: str = "utf-8", fmt: str = "text") -> Article:
    """Understand an article already decoded to text; `fmt` is 'text', 'markdown', 'html' or 'subtitles'."""
    text, front_title, front = front_matter(text) if fmt in ("text", "markdown") else (text, None, None)
    text, footnotes = take_footnotes(text) if fmt == "markdown" else (text, [])
    fill = text_fill(text) if fmt not in READERS else None
    read = READERS[fmt](text) if fmt in READERS else text_blocks(text, fill)
    blocks, stamps = move_stamps([replace(b, text=without_opening_symbols(b.text.lstrip("\ufeff"))) for b in read])
    blocks, separators = _drop_separators(blocks)
    if front_title and not (blocks and blocks[0].level == 1):  # the front matter's title, unless a `#` one follows
        title = front_title
    else:
        title, blocks = _take_title(blocks)
    body, skipped = _drop_boilerplate(blocks)
    skipped = ([Skipped(front, "front matter")] if front else []) + skipped + footnotes
    skipped += stamps + separators
    body = join_cue_lines(body, label_names([b.text for b in body if not b.is_heading]))
    names = label_names([b.text for b in body if not b.is_heading])
    body, credits = _labelled_lines(body, names)
    skipped += credits
    body, marks = take_note_marks(_numbered_titles(body))
    skipped += marks
    lead: list[Paragraph] = []
    chapters: list[Chapter] = []
    cue_lines = 0
    for i, block in enumerate(body):
        if block.is_heading:
            if _heads_something(body, i):
                chapters.append(Chapter(title_text(block.text)))
            else:
                skipped.append(Skipped(block.text, "heading with no paragraph under it"))
            continue
        sentences = [Sentence(s, speaker) for speaker, turn in split_turns(block.text, names)
                     for s in _unbroken(split_sentences(turn))]
        first, last = _inside_calls([s.text for s in sentences])
        skipped += [Skipped(s.text, "call to action") for s in sentences[:first] + sentences[last:]]
        sentences = sentences[first:last]
        if not sentences:
            continue
        index = len(lead) + sum(len(c.paragraphs) for c in chapters)
        # only pasted cue lines keep their line breaks (blocks.cue_paragraphs); a subtitle file is all cues
        pasted = "\n" in block.text or fmt == "subtitles"
        cue_lines += pasted * (block.text.count("\n") + 1)
        english = is_english(block.text)
        if chapters:
            chapters[-1].paragraphs.append(Paragraph(index, sentences, len(chapters) - 1, pasted, block.stamp, english))
        else:
            lead.append(Paragraph(index, sentences, None, pasted, block.stamp, english))
    if not chapters and lead:
        chapters = [Chapter(title, [replace(p, chapter=0) for p in lead])]
        lead = []
    if not chapters:
        raise InputError("the article has no paragraphs of text")
    article = Article(title, encoding, lead, chapters, skipped)
    article.reading = _how_read(article, fill, cue_lines, fmt == "subtitles")
    return article


def _how_read(article: Article, fill: Fill | None, cue_lines: int, subtitle_file: bool) -> list[str]:
    """What `inspect` and the report say of how the text was read, where not as plain paragraphs: a
    reader who sees odd sentences or chapters learns why, and one who sees none, that it worked."""
    notes = []
    if fill:
        unit = "characters" if fill.unit == 1 else "columns"
        notes.append(f"the article is hard-wrapped at {fill.width} {unit}: its lines were joined back into paragraphs")
    pasted = counted(sum(p.pasted for p in article.paragraphs), "paragraph")
    if subtitle_file:
        notes.append(f"the article is a subtitle file ({counted(cue_lines, 'cue')}, read as {pasted}): a sentence may "
                     "start at any cue, and each paragraph's first cue time is checked, not used for timing")
    elif cue_lines:
        notes.append(f"the article is subtitle text pasted one cue per line ({cue_lines} lines, read as {pasted}): "
                     "a sentence may start at any line")
    marks = sum(s.reason == "note mark" for s in article.skipped)
    if marks:
        notes.append(f"the article has {counted(marks, 'note mark')} after its words ([1], ¹): taken out of the text, "
                     "as they point at notes no subtitle shows")
    stamps = sum(s.reason == "timestamp" for s in article.skipped)
    if stamps:
        notes.append(f"the article has {counted(stamps, 'timestamp')} beside its speakers, paragraphs or headings: "
                     "taken out of the text (they are times of the recording it was made from: checked, not used "
                     "for timing)")
    return notes


def _unbroken(sentences: list[str]) -> list[str]:
    """Sentences without the line breaks between pasted cues: none after a full-width punctuation mark
    (it already parts what it ends), a space elsewhere, as subtitles mark a pause (`谢谢 很高兴来到这里`)."""
    out = []
    for k, sentence in enumerate(sentences):
        if k and MARKED.search(sentences[k - 1]):
            sentence = sentence.lstrip()
        out.append(MARKED_BREAK.sub("", sentence).replace("\n", " "))
    return out


def _inside_calls(sentences: list[str]) -> tuple[int, int]:
    """The range of a paragraph's sentences between the calls to action that open or close it (`点击上方蓝字关注
    我们`, `点击阅读原文`): editorial text run into the paragraph, which no English renders."""
    first, last = 0, len(sentences)
    while first < last and call_to_action(sentences[first]):
        first += 1
    while last > first and call_to_action(sentences[last - 1]):
        last -= 1
    return first, last


def _labelled_lines(blocks: list[Block], names: set[str]) -> tuple[list[Block], list[Skipped]]:
    """Short unpunctuated lines of plain text that open with a speaker label the article uses are no headings: alone,
    a turn whose question mark or full stop the translator left off (`主持人：所以你是自学的`, which became a chapter);
    beside another such line with no blank line between, a list of credits (`主持：Sam Rivera` / `嘉宾：Lena Park`),
    skipped, whose last line headed the lead-in and made it a chapter."""
    labelled = [b.level == 0 and opens_with_label(b.text, names) for b in blocks] + [False]
    kept: list[Block] = []
    credits: list[Skipped] = []
    for i, block in enumerate(blocks):
        if not labelled[i]:
            kept.append(block)
        elif block.tight and labelled[i - 1] or labelled[i + 1] and blocks[i + 1].tight:  # [-1]: the sentinel
            credits.append(Skipped(block.text, "list of credits"))
        else:
            kept.append(replace(block, level=None))
    return kept, credits


def _numbered_titles(blocks: list[Block]) -> list[Block]:
    """A line that is nothing but a section's number joined with the heading right after it: the two lines `第一章` /
    `从收音机到修复工作室` are one chapter, `第一章 从收音机到修复工作室` (the number alone headed nothing and was
    skipped, or, as `三、`, was read as a paragraph). A heading of another level, and a run of bare numbers (a table
    of contents), are left as they are."""
    bare = [bool(BARE_NUMBER.fullmatch(b.text.strip())) for b in blocks] + [False]  # [-1]: the sentinel
    out: list[Block] = []
    for i, block in enumerate(blocks):
        number = blocks[i - 1] if i and bare[i - 1] and not bare[i - 2] and not bare[i] else None
        if number is not None and block.is_heading and number.level in (None, block.level):
            text = number.text.strip()
            out[-1] = replace(block, text=text + ("" if text.endswith("、") else " ") + block.text.strip(),
                              tight=number.tight)
        else:
            out.append(block)
    return out


def _drop_separators(blocks: list[Block]) -> tuple[list[Block], list[Skipped]]:
    """The blocks without the lines of marks only that divide sections (`* * *`, `★★★`), and those as skipped text.
    The block after one is set apart from the block before, as by a blank line: the separator divided them."""
    kept: list[Block] = []
    separators: list[Skipped] = []
    after = False
    for block in blocks:
        if block.text.strip() and not title_text(block.text):
            separators.append(Skipped(block.text.strip(), "separator"))
            after = True
            continue
        kept.append(replace(block, tight=False) if after else block)
        after = False
    return kept, separators


def _take_title(blocks: list[Block]) -> tuple[str, list[Block]]:
    """The title is the first heading-like line, when the article opens with one (and not with
    subtitle cues pasted one per line, whose first line is a cue like the others)."""
    if blocks and blocks[0].is_heading and not are_cues([b.text for b in blocks[:stanza_end(blocks)]]):
        return title_text(blocks[0].text), blocks[1:]
    return "", blocks


def _drop_boilerplate(blocks: list[Block]) -> tuple[list[Block], list[Skipped]]:
    """Remove blurbs, credits, invitations, 'about us' sections and trailing recommendation lists,
    and the requests to join a group and notices of rights that close the body."""
    first_heading = next((i for i, b in enumerate(blocks) if b.is_heading and not boilerplate_reason(b.text, True)),
                         len(blocks))
    last_heading = max((i for i, b in enumerate(blocks) if b.is_heading), default=-1)
    last_chapter = max((i for i, b in enumerate(blocks) if b.is_heading and _heads_something(blocks, i)), default=-1)
    body: list[int] = []
    reasons: dict[int, str] = {}
    section_reason: str | None = None  # set while inside an 'about us' section or after the tail starts
    in_tail = False
    for i, block in enumerate(blocks):
        at_edge = i < first_heading or in_tail
        # a paragraph is judged without the calls to action run into it (taken out later): its own words may be real
        parts = split_sentences(block.text)
        first, last = _inside_calls(parts)
        own = "".join(parts[first:last]) if 0 < last - first < len(parts) else block.text
        reason = boilerplate_reason(own, at_edge) or ("references" if i == last_chapter and references(block.text)
                                                        else None)
        if reason and i >= last_heading:
            in_tail = True
        if starts_tail(reason):
            section_reason = reason
        elif reason == "about us":
            section_reason = reason
        elif block.is_heading and section_reason == "about us" and not reason:
            section_reason = None
        if reason is None and section_reason is not None:
            reason = section_reason
        if reason:
            reasons[i] = reason
        else:
            body.append(i)
    while body and not blocks[body[-1]].is_heading and (reason := closing_reason(blocks[body[-1]].text)):
        reasons[body.pop()] = reason
    return [blocks[i] for i in body], [Skipped(blocks[i].text, reasons[i]) for i in sorted(reasons)]


def _heads_something(blocks: list[Block], i: int) -> bool:
    """A heading counts as a chapter only when a paragraph follows it before the next heading."""
    return i + 1 < len(blocks) and not blocks[i + 1].is_heading
