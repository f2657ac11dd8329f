"""Turn plain text, Markdown or HTML into a flat list of blocks: headings and paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

SENTENCE_END = "。！？!?…；;：:，,、"
BLOCK_TAGS = {"p", "div", "section", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "article"}
DROP_TAGS = {"script", "style", "noscript", "head", "nav", "footer", "svg", "button", "form", "iframe"}
MAX_HEADING = 32  # characters; a longer line is a paragraph, never a heading
MAX_TITLE = 80


@dataclass(frozen=True)
class Block:
    """A heading (level >= 1; 0 means 'heading-like line of plain text') or a paragraph (level None)."""

    text: str
    level: int | None = None

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
    if re.search(r"[。！？!?]", line) or re.match(r"^([-*•·●▪]|\d+[.、)])\s*", line):
        return False
    return True


def text_blocks(text: str) -> list[Block]:
    """Plain text: every non-empty line is a block; short unpunctuated lines are heading-like.

    A long line directly below a long line that stops mid-sentence continues it (hard wrapping);
    a blank line always ends a paragraph.
    """
    blocks: list[Block] = []
    after_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        limit = MAX_TITLE if not blocks else MAX_HEADING
        if looks_like_heading(line, limit):
            blocks.append(Block(line, 0))
        elif not after_blank and blocks and _is_wrapped(blocks[-1], line):
            blocks[-1] = Block(join_lines([blocks[-1].text, line]))
        else:
            blocks.append(Block(line))
        after_blank = False
    return blocks


def _is_wrapped(previous: Block, line: str) -> bool:
    """A hard-wrapped paragraph: the previous line is long and stops mid-sentence."""
    return (not previous.is_heading and len(previous.text) >= 40
            and previous.text[-1] not in SENTENCE_END + "”’」』)）\"'")


def markdown_blocks(text: str) -> list[Block]:
    """Markdown: `#` headings and whole-bold short lines are headings; markup is stripped."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(_strip_markdown(join_lines(paragraph))))
            paragraph.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
        bold = re.match(r"^(\*\*|__)([^*_]+)\1$", line)
        if heading or (bold and looks_like_heading(bold.group(2))):
            flush()
            level = len(heading.group(1)) if heading else 3
            title = _strip_markdown(heading.group(2) if heading else bold.group(2))
            if title:
                blocks.append(Block(title, level))
        elif not line or re.match(r"^([-*_]\s*){3,}$", line):
            flush()
        elif re.match(r"^([-*+]|\d+\.)\s+", line):  # list items are paragraphs of their own
            flush()
            paragraph.append(line)
            flush()
        else:
            paragraph.append(line)
    flush()
    return [b for b in blocks if b.text]


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between CJK characters, one space between Latin words."""
    out = ""
    for line in lines:
        if out and re.match(r"[\w,.;:!?)\]]", line[0], re.A) and re.search(r"[\w,.;:!?]$", out, re.A):
            out += " "
        out += line
    return out


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"^(>\s*)+", "", text)
    text = re.sub(r"^([-*+]|\d+\.)\s+", "", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+)(?<!\s)\*(?![\w*])", r"\1", text)
    return text.strip()


def html_blocks(text: str) -> list[Block]:
    """HTML as saved from a blog or WeChat page: h1-h3 and whole-bold short paragraphs are headings."""
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    root = soup.body or soup
    blocks: list[Block] = []
    for element in root.find_all(BLOCK_TAGS):
        if any(isinstance(c, Tag) and c.name in BLOCK_TAGS for c in element.descendants):
            _leaf_text_runs(element, blocks)
            continue
        _add_html_block(element, blocks)
    if not any(b.level == 1 for b in blocks) and soup.title and soup.title.get_text(strip=True):
        blocks.insert(0, Block(soup.title.get_text(strip=True), 1))
    return blocks


def _leaf_text_runs(element: Tag, blocks: list[Block]) -> None:
    """Text standing directly in a container beside block children (common in WeChat pages)."""
    run = "".join(c.get_text() if isinstance(c, Tag) and c.name not in BLOCK_TAGS else
                  (str(c) if isinstance(c, NavigableString) else "\n") for c in element.children)
    for part in run.split("\n"):
        if part.strip():
            blocks.append(Block(_squash(part)))


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
    blocks.extend(Block(line) for line in lines)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
