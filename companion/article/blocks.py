"""Turn plain text, Markdown or HTML into a flat list of blocks: headings and paragraphs (subtitle files: cuefile)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from bs4 import BeautifulSoup, NavigableString, Tag

from companion.article.speakers import LABEL, LATIN_FULL, ROLES, opens_with_label
from companion.text import is_english

SENTENCE_END = "。！？!?…；;：:，,、"
BLOCK_TAGS = {"p", "div", "section", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "article"}
DROP_TAGS = {"script", "style", "noscript", "head", "nav", "footer", "svg", "button", "form", "iframe", "figcaption"}
BULLET = re.compile(r"[-*•·●▪]")  # what opens a line of a list: a bullet (`• `, `- `)
NUMBERED = re.compile(r"\d+[.、)](?!\d)")  # or a number (`1. `, `2、`)
LIST_ITEM = re.compile(rf"{BULLET.pattern}|{NUMBERED.pattern}")
MAX_HEADING = 32  # characters; a longer line is a paragraph, never a heading
BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")  # Markdown's bold marks, left in text (`**主持人**：`)
# A line that is only a speaker's name: a Latin-script one (up to three words) or a role (`主持人`)
NAME_LINE = re.compile(rf"{LATIN_FULL}|" + "|".join(sorted(ROLES, key=len, reverse=True)))
MAX_TITLE = 80
# Hard-wrapped plain text: at least WRAP_MIN_LINES lines, WRAP_FULL of them within WRAP_EXACT of the width
# that WRAP_TOP of the lines stay within (a few overlong lines, such as links, may pass it); a line then
# continues the one before if that one stopped within WRAP_SLACK of having no room for its first word (the
# character a filler moves down to keep `，` off a line's start). Set by reasoning about fillers (each
# paragraph's lines are full but its last; subtitle cues, capped but not filled, spread below their cap).
WRAP_MIN_LINES = 10
WRAP_MIN_WIDTH = 20  # characters: narrower lines of one length are a list of titles or capped subtitle cues
WRAP_TOP = 0.95
WRAP_FULL = 0.3
WRAP_EXACT = 1  # characters (two columns), as WRAP_SLACK and WRAP_MIN_WIDTH
WRAP_SLACK = 1
# So many lines in a row or more, 3/4 of them short and 1/4 stopping mid-sentence, are cues (a title block has 2-3
# lines, the invitations and blurbs closing a WeChat article 5-7). Of the development talks' Chinese cues 44-99 %
# stop mid-sentence, with a comma or nothing: a cue ends where the speaker pauses, not where the sentence does.
CUE_LINES = 10
# … or so many, when a speaker label the article uses opens them and most lines after it carry none: one turn pasted a
# cue per line into an article (`Lena：一切始于我祖父的收音机` / `我十二岁的时候` / …), which as headings would head
# nothing but the last (a chapter named by a line of speech). A list of credits labels every line; a title block has
# no label.
TURN_LINES = 3
# Characters: pasted cues are cut into paragraphs about this long, after a line that ends a sentence (or at twice
# this wherever), so that the page and the report read in paragraphs, as an article does, not as one wall of text.
PASTED_PARAGRAPH = 150
FINISHED = re.compile(r"[。！？!?…][”’」』）)\"']*$")  # a line that ends a sentence


class Fill(NamedTuple):
    """How a text was hard-wrapped."""

    measure: Callable[[str], int]  # of a line: characters or columns
    width: int
    unit: int  # what one Chinese character measures: 1 in characters, 2 in columns


@dataclass(frozen=True)
class Block:
    """A heading (level >= 1; 0 means 'heading-like line of plain text') or a paragraph (level None)."""

    text: str
    level: int | None = None
    tight: bool = False  # no blank line (in HTML, only a <br>) between this block and the one before
    stamp: float | None = None  # seconds: the time the article printed at this paragraph's start (stamps.py)

    @property
    def is_heading(self) -> bool:
        return self.level is not None


def sniff_format(text: str, suffix: str = "") -> str:
    """'html', 'markdown' or 'text', from the file suffix or, failing that, the content."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|div|section|h[1-6]|body)[\s>]", head):
        return "html"
    if re.search(r"^#{1,6} \S", text, re.M):
        return "markdown"
    return "text"


def looks_like_heading(line: str, limit: int = MAX_HEADING) -> bool:
    """A short line with no sentence punctuation at its end or inside (a long line never is)."""
    line = line.strip()
    if not line or len(line) > limit or line[-1] in SENTENCE_END:
        return False
    return not re.search(r"[。！？!?]", line) and not BULLET.match(line)  # a numbered line may be one: `1. 开场`


def text_blocks(text: str, fill: Fill | None) -> list[Block]:
    """Plain text: each line is a block, but for the lines a hard-wrapped paragraph was broken into
    (`fill`, from `text_fill`), which are joined first (see `_continues`) so that no piece of a sentence
    reads as a heading. A short unpunctuated block is heading-like; a blank line always ends a paragraph.
    """
    lines = text.split("\n")
    runs: list[list[str]] = []  # the lines of each block
    tight: list[bool] = []  # no blank line before the block
    after_blank = True
    for raw in lines:
        line = BOLD.sub(r"\1", raw).strip()  # bold marks pasted into plain text: never shown
        if not line:
            after_blank = True
        elif not after_blank and _continues(runs[-1], line, fill, len(runs) == 1):
            runs[-1].append(line)
        else:
            runs.append([line])
            tight.append(not after_blank)
            after_blank = False
    blocks: list[Block] = []
    for run, follows in zip(runs, tight):
        limit = MAX_TITLE if not blocks else MAX_HEADING
        text = join_lines(run)
        blocks.append(Block(text, 0 if looks_like_heading(text, limit) else None, follows))
    return _list_items(blocks)


def _list_items(blocks: list[Block]) -> list[Block]:
    """Numbered lines side by side are the items of a list, text: one alone over a paragraph is a heading (`1. 开场`)."""
    numbered = [False, *(bool(NUMBERED.match(b.text)) for b in blocks), False]
    return [replace(b, level=None) if b.is_heading and numbered[k + 1] and (numbered[k] or numbered[k + 2]) else b
            for k, b in enumerate(blocks)]


def join_cue_lines(blocks: list[Block], names: set[str] = frozenset()) -> list[Block]:
    """Subtitle text pasted one cue per line becomes paragraphs within each speaker turn, their lines
    kept apart by newlines, where sentences may begin (`sentences.split_sentences`): text, not a run
    of headings that head nothing. `names` are the speaker labels the article uses (see TURN_LINES)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = stanza_end(blocks, i)
        texts = [b.text for b in blocks[i:j]]
        cues = are_cues(texts) or _one_turn(texts, names) and are_cues(texts, TURN_LINES)
        out.extend(cue_paragraphs(blocks[i:j]) if cues else blocks[i:j])
        i = j
    return out


def _one_turn(lines: list[str], names: set[str]) -> bool:
    """Whether a known speaker's label opens the lines and most lines after it carry none."""
    unlabelled = sum(not LABEL.match(line) for line in lines[1:])
    return opens_with_label(lines[0], names) and 2 * unlabelled > len(lines) - 1


def cue_paragraphs(cues: list[Block]) -> list[Block]:
    """Subtitle cues, one line each, as paragraphs within each speaker turn (a cue opening with a label
    opens a turn); each paragraph keeps the time (`stamp`) of its first cue, if the cues had times."""
    turns = [k for k, cue in enumerate(cues) if k == 0 or LABEL.match(cue.text)]
    return [block for a, b in zip(turns, turns[1:] + [len(cues)]) for block in _paragraphs(cues[a:b])]


def _paragraphs(turn: list[Block]) -> list[Block]:
    """One speaker turn of cues as paragraphs of about PASTED_PARAGRAPH characters, each ending with a
    line that ends a sentence when one comes in time; each carries the turn's label, if any."""
    label = LABEL.match(turn[0].text)
    out: list[Block] = []
    lines: list[Block] = []
    size = 0
    for k, cue in enumerate(turn):
        lines.append(cue)
        size += len(cue.text)
        if size >= 2 * PASTED_PARAGRAPH or size >= PASTED_PARAGRAPH and FINISHED.search(cue.text) or k == len(turn) - 1:
            text = "\n".join(line.text for line in lines)
            out.append(Block(f"{label.group('name')}：{text}" if label and out else text, stamp=lines[0].stamp))
            lines, size = [], 0
    return out


def stanza_end(blocks: list[Block], i: int = 0) -> int:
    """Where the stanza that starts at block `i` ends: the first later block with a blank line before it."""
    j = i + 1
    while j < len(blocks) and blocks[j].tight:
        j += 1
    return j


def are_cues(lines: list[str], least: int = CUE_LINES) -> bool:
    """Are these lines subtitle cues? Many lines (`least`) of plain text with no blank line between them,
    nearly all short and many stopping mid-sentence (an article's short turns end theirs)."""
    short = sum(len(line) <= MAX_HEADING for line in lines)
    unfinished = sum(not FINISHED.search(line) for line in lines)
    return len(lines) >= least and 4 * short >= 3 * len(lines) and 4 * unfinished >= len(lines)


def _continues(run: list[str], line: str, fill: Fill | None, first: bool) -> bool:
    """Does `line` carry on the paragraph of `run`? Never when it opens a list item. When the text
    was filled to a width, yes if the run's last line had no room for `line`'s first word; else yes
    if the run is long and stops mid-sentence (wrapped by hand) and neither is heading-like."""
    last = run[-1]
    if LIST_ITEM.match(line) or is_english(last) != is_english(line):  # a bilingual article's two languages
        return False
    if fill:
        measure, width, unit = fill
        # the first character, or a Latin word with what is attached to it, `Signal》中，` (fillers that
        # are not made for Chinese, such as Python's textwrap, keep a run without spaces whole)
        word = line.split()[0] if line[0].isascii() else line[0]
        space = 1 if word[0].isascii() and last[-1].isascii() else 0
        return measure(last) + space + measure(word) > width - WRAP_SLACK * unit
    if looks_like_heading(line) or len(run) == 1 and looks_like_heading(last, MAX_TITLE if first else MAX_HEADING):
        return False
    return len(join_lines(run)) >= 40 and last[-1] not in SENTENCE_END + "”’」』)）\"'"


def columns(text: str) -> int:
    """Width in a fixed-width font: a Chinese (wide) character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_fill(text: str) -> Fill | None:
    """How plain text was hard-wrapped, if it was (see `wrap_width`)."""
    return wrap_width([line.strip() for line in text.split("\n") if line.strip()])


def wrap_width(lines: list[str]) -> Fill | None:
    """How the text was hard-wrapped, if it was: (measure, width, a character's width) when many lines stop within
    `WRAP_EXACT` of one width, at least `WRAP_MIN_WIDTH`, that almost no line passes. Editors count
    columns, some tools count characters; the measure with more lines at its top width wins."""
    if len(lines) < WRAP_MIN_LINES:
        return None
    best = None
    for measure, unit in ((len, 1), (columns, 2)):
        widths = sorted(measure(line) for line in lines)
        top = widths[int(WRAP_TOP * (len(widths) - 1))]
        full = sum(top - WRAP_EXACT * unit <= w <= top for w in widths)
        narrow = top < WRAP_MIN_WIDTH * unit
        if not narrow and full >= WRAP_FULL * len(widths) and (best is None or full > best[0]):
            best = (full, Fill(measure, top, unit))
    return best[1] if best else None


def markdown_blocks(text: str) -> list[Block]:
    """Markdown, read by a CommonMark parser (markdown-it-py), so that only real markup goes:
    `(e1*e2)*e3` keeps its stars. `#` headings and whole-bold short paragraphs are headings; list
    items are paragraphs of their own; images are dropped, links keep their text.

    Two deviations, both for translated transcripts: a line opening with `>>` (the captioners'
    mark of a new speaker) is text, not a nested quote; and `**bold**` that CommonMark leaves as
    literal stars beside Chinese punctuation (`**“引用”**后面`) is still read as bold.
    """
    from markdown_it import MarkdownIt

    source = _literal_stars(re.sub(r"^(\s{0,3})>>", r"\1\\>>", text, flags=re.M))
    tokens = MarkdownIt("commonmark").disable("entity").parse(source)
    inline = {k: _inline_lines(t.children or []) for k, t in enumerate(tokens) if t.type == "inline"}
    # names standing on the first line of a paragraph over its text: taken as such once one of them does so twice
    firsts = Counter(lines[0] for lines in inline.values() if len(lines) > 1 and NAME_LINE.fullmatch(lines[0]))
    names_over = max(firsts.values(), default=0) >= 2
    blocks: list[Block] = []
    heading: int | None = None
    for k, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = None
        elif token.type == "inline":
            lines = inline[k]
            content = _joined(lines)
            if not content:
                continue
            if heading is not None:
                blocks.append(Block(content, heading))
            elif len(lines) > 1 and _name_over_text(token.children or [], lines[0], names_over):
                blocks += [Block(_joined(lines[:1]), 3), Block(_joined(lines[1:]), tight=True)]
            elif (_whole_bold(token.children or []) or re.fullmatch(r"\*\*[^*]+\*\*", token.content.strip())) \
                    and looks_like_heading(content):
                blocks.append(Block(content, 3))
            else:
                blocks.extend(Block(_joined(run)) for run in language_runs(lines))
        elif token.type in ("fence", "code_block"):
            blocks.extend(Block(line.strip()) for line in token.content.split("\n") if line.strip())
        elif token.type == "html_block":
            blocks.extend(html_blocks(token.content))
    return blocks


def _literal_stars(text: str) -> str:
    """Escape a single `*` between two Latin letters or digits (`5*3`, `e1*e2`): arithmetic, not
    emphasis, although CommonMark would pair two of them; code spans are left alone."""
    parts = re.split(r"(`+[^`]*`+)", text)
    return "".join(part if part.startswith("`") else re.sub(r"(?<=[A-Za-z0-9])\*(?=[A-Za-z0-9])", r"\\*", part)
                   for part in parts)


def _inline_lines(children) -> list[str]:
    """The lines of an inline run: markup dropped, code kept."""
    lines, current = [], ""
    for child in children:
        if child.type in ("text", "code_inline"):
            current += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append(current)
            current = ""
        elif child.type == "html_inline" and re.match(r"<br\s*/?>", child.content, re.I):
            lines.append(current)
            current = ""
    lines.append(current)
    return [line.strip() for line in lines if line.strip()]


def _joined(lines: list[str]) -> str:
    """Lines joined as wrapped lines are (or kept apart between subtitle cues pasted one per line, see
    `join_cue_lines`), bold marks CommonMark left dropped."""
    text = "\n".join(lines) if are_cues(lines) else join_lines(lines)
    return BOLD.sub(r"\1", text).strip()


def language_runs(lines: list[str]) -> list[list[str]]:
    """Lines cut where English prose gives way to Chinese or back (a bilingual article's line pairs): the two
    languages are paragraphs of their own."""
    runs: list[list[str]] = []
    for line in lines:
        if runs and is_english(runs[-1][-1]) == is_english(line):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _name_over_text(children, first: str, names_over: bool) -> bool:
    """Whether an inline run's first line stands over the rest as a speaker's name line does (`**Sam**` or `Lena
    Park`, then the turn on the lines below): bold to its end, or, where the article puts names so (`names_over`), a
    Latin-script name or a role without a colon (else `OpenAI` / `发布了…` is one wrapped paragraph). Joined, the name
    ran into the turn (`Sam欢迎…`); apart, it is a heading-like line that stamps.move_stamps reads as the label of the
    text below when the article names its speakers so."""
    head = list(itertools.takewhile(lambda c: c.type not in ("softbreak", "hardbreak"), children))
    return _whole_bold(head) and looks_like_heading(first) or names_over and bool(NAME_LINE.fullmatch(first))


def _whole_bold(children) -> bool:
    """Whether an inline run is bold from its first to its last character (`**小标题**`)."""
    kinds = [c.type for c in children if not (c.type == "text" and not c.content.strip())]
    return len(kinds) >= 3 and kinds[0] == "strong_open" and kinds[-1] == "strong_close" \
        and kinds.count("strong_open") == 1


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between CJK characters, one space between Latin words, and before a
    line that opens with a role's label (`主持人：`), which would otherwise take the line before's last
    characters into its name (`音` + `主持人：声` read as the speaker `音主持人`). Any other word before a
    colon may be a wrapped line's first word (`全文整理：`)."""
    out = ""
    for line in lines:
        label = LABEL.match(line)
        if out and (label and label.group("name") in ROLES or re.match(r"[\w,.;:!?)\]]", line[0], re.A)
                    and re.search(r"[\w,.;:!?]$", out, re.A)):
            out += " "
        out += line
    return out


def html_blocks(text: str) -> list[Block]:
    """HTML as saved from a blog or WeChat page: h1-h3 and whole-bold short paragraphs are headings."""
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    blocks = _blocks_of(soup.body or soup)
    if not any(b.level == 1 for b in blocks) and soup.title and soup.title.get_text(strip=True):
        blocks.insert(0, Block(soup.title.get_text(strip=True), 1))
    return blocks


def _blocks_of(root: Tag) -> list[Block]:
    """The blocks of `root`'s content, in document order: a block element holding no other is one block; text
    standing directly in a container beside block children (common in WeChat pages) makes a block of each of its
    lines, where it stands (it once went before all of its container's blocks). Containers are entered through a
    stack, not by recursion: a hostile page may nest thousands deep."""
    blocks: list[Block] = []
    run: list[str] = []  # text standing directly in the container being read
    stack = [iter(root.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:  # the container ends, and so does its text
            stack.pop()
            _add_run(run, blocks)
            continue
        inner = child.find(BLOCK_TAGS) if isinstance(child, Tag) else None
        if inner is not None or isinstance(child, Tag) and child.name in BLOCK_TAGS:
            _add_run(run, blocks)
            if inner is not None:
                stack.append(iter(child.children))
            else:
                _add_html_block(child, blocks)
        elif isinstance(child, Tag):
            run.append(child.get_text())
        elif type(child) is NavigableString:  # not a comment, a doctype or CDATA
            run.append(str(child))
    return blocks


def _add_run(run: list[str], blocks: list[Block]) -> None:
    """The lines of a run of text as blocks; the run is emptied."""
    for part in "".join(run).split("\n"):
        if part.strip():
            blocks.append(Block(_squash(part)))
    run.clear()


def _add_html_block(element: Tag, blocks: list[Block]) -> None:
    for br in element.find_all("br"):
        br.replace_with("\n")
    lines = [_squash(x) for x in element.get_text().split("\n") if x.strip()]
    if not lines:
        return
    if element.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        blocks.append(Block(" ".join(lines), int(element.name[1])))
        return
    text = "".join(lines)
    bold = element.find(["strong", "b"])
    if bold is not None and _squash(bold.get_text()) == text and looks_like_heading(text):
        blocks.append(Block(text, 3))
        return
    named = len(lines) > 1 and bold is not None and _squash(bold.get_text()) == lines[0]  # `<b>Lena</b><br>谢谢…`
    blocks.extend(Block(line, 3 if named and k == 0 else None, tight=k > 0)  # lines cut by <br>, a bold line over them
                  for k, line in enumerate(lines))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
