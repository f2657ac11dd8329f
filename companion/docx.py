"""Word documents (.docx), as translators deliver articles and Otter or Rev export transcripts: their paragraphs, with
heading levels and boldness, read from the document's XML with the standard library. The article reader takes them as
HTML (`docx_html`), so that they are understood as a web page's are (headings, whole-bold lines, line breaks); the
transcript readers as text, a line a paragraph (`docx_text`)."""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from typing import NamedTuple
from xml.etree import ElementTree

from companion.errors import InputError, first_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"  # a second copy, for old readers
# What holds a paragraph's runs besides the paragraph itself: links, tracked insertions, content controls, fields
RUN_HOLDERS = {f"{W}{tag}" for tag in ("hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml")}
DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
MAX_XML = 64 << 20  # bytes of XML unpacked: an article's or a transcript's is far less; more is a zip bomb
HEADING = re.compile(r"heading\s*(\d)|title$", re.I)  # a style's name (its id may be localised: `1`, `a3`)
OFF = {"0", "false", "off", "none"}


def is_docx(data: bytes) -> bool:
    """Whether `data` is a Word document: a zip holding word/document.xml."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT in archive.namelist()
    except zipfile.BadZipFile:
        return False


class Paragraph(NamedTuple):
    """A paragraph of the document: its text (line breaks as newlines), its heading level (0: body text), and
    whether every run of it is bold."""

    text: str
    level: int
    bold: bool


def docx_paragraphs(data: bytes, name: str) -> list[Paragraph]:
    """The document's paragraphs with text, in order. An InputError when the document cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {part: archive.getinfo(part) for part in (DOCUMENT, STYLES) if part in archive.namelist()}
            if sum(info.file_size for info in parts.values()) > MAX_XML:
                raise InputError(f"{name} unpacks to more than {MAX_XML >> 20} MB of XML: more than any text")
            trees = {part: ElementTree.fromstring(archive.read(info)) for part, info in parts.items()}
    except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, OSError, RuntimeError, ValueError,
            NotImplementedError) as exc:  # a cut or corrupt zip, a compression it does not know, broken XML
        raise InputError(f"{name}: cannot read the Word document ({first_line(exc, 'broken')})") from None
    levels = _style_levels(trees.get(STYLES))
    out = []
    for paragraph in _paragraphs(trees[DOCUMENT]):
        runs = [(_run_text(run), _bold(run)) for run in _runs(paragraph)]
        text = "".join(piece for piece, _ in runs)
        if text.strip():
            out.append(Paragraph(text, _level(paragraph, levels), all(bold for piece, bold in runs if piece.strip())))
    return out


def docx_html(data: bytes, name: str) -> str:
    """The document as HTML: a heading as `<h1>`-`<h3>`, a paragraph whose every run is bold as `<p><strong>`, a line
    break as `<br>`."""
    out = []
    for paragraph in docx_paragraphs(data, name):
        shown = html.escape(paragraph.text).replace("\n", "<br>")
        level = min(paragraph.level, 3)
        out.append(f"<h{level}>{shown}</h{level}>" if level else
                   f"<p><strong>{shown}</strong></p>" if paragraph.bold else f"<p>{shown}</p>")
    return "<html><body>\n" + "\n".join(out) + "\n</body></html>\n"


def docx_text(data: bytes, name: str) -> str:
    """The document as plain text, a line a paragraph (and a line break as a line)."""
    return "\n".join(paragraph.text for paragraph in docx_paragraphs(data, name)) + "\n"


def _paragraphs(root: ElementTree.Element):
    """The body's paragraphs in document order, those in tables included; not the copies kept for old readers, the
    table of contents, nor the paragraphs of a text box inside one (a drawing's)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag == f"{W}p":
            yield node
        elif node.tag != FALLBACK and not _contents_table(node):
            stack.extend(reversed(node))


def _contents_table(node: ElementTree.Element) -> bool:
    """Whether `node` is the table of contents Word builds (a content control of its own): the headings again, with
    page numbers."""
    gallery = node.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery") if node.tag == f"{W}sdt" else None
    return gallery is not None and "contents" in gallery.get(f"{W}val", "").lower()


def _runs(paragraph: ElementTree.Element):
    """A paragraph's runs in order, those inside links, insertions and fields too; not deleted ones."""
    stack = list(reversed(paragraph))
    while stack:
        node = stack.pop()
        if node.tag == f"{W}r":
            yield node
        elif node.tag in RUN_HOLDERS:
            stack.extend(reversed(node))


def _style_levels(styles: ElementTree.Element | None) -> dict[str, int]:
    """The heading level of each paragraph style, by its name (`heading 2`, `Title`) or its outline level."""
    levels: dict[str, int] = {}
    for style in styles.iter(f"{W}style") if styles is not None else []:
        name = style.find(f"{W}name")
        level = _named_level(name.get(f"{W}val", "") if name is not None else "") or _outline_level(style)
        if level:
            levels[style.get(f"{W}styleId", "")] = level
    return levels


def _level(paragraph: ElementTree.Element, levels: dict[str, int]) -> int:
    """A paragraph's heading level (0: body text), from its own outline level or its style's."""
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    if (level := _outline_level(paragraph)) or style is None:
        return level
    value = style.get(f"{W}val", "")
    return levels.get(value) or _named_level(value)


def _named_level(name: str) -> int:
    """The level a style's name gives (`heading 2` -> 2, `Title` -> 1), or 0."""
    m = HEADING.match(name)
    return int(m.group(1) or 1) if m else 0


def _outline_level(element: ElementTree.Element) -> int:
    """The level a paragraph's or a style's own outline level gives (0-8 -> 1-9), or 0 (none, or 9: body text)."""
    outline = element.find(f"{W}pPr/{W}outlineLvl")
    value = outline.get(f"{W}val", "") if outline is not None else ""
    return int(value) + 1 if value.isdigit() and int(value) < 9 else 0


def _run_text(run: ElementTree.Element) -> str:
    """A run's text: its text pieces, a tab as a space, a line break as a newline."""
    pieces = []
    for node in run:
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{W}tab":
            pieces.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            pieces.append("\n")
    return "".join(pieces)


def _bold(run: ElementTree.Element) -> bool:
    mark = run.find(f"{W}rPr/{W}b")
    return mark is not None and mark.get(f"{W}val", "1").lower() not in OFF
