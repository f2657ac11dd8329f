"""RSS for the outputs: Podcasting 2.0 tags per episode, and a copy of the show's feed that carries them.

The copy changes nothing but what it adds: the feed is read with expat for the byte offsets of each
<item>'s end and of the root's start tag, the tags are inserted there, the podcast namespace is
declared when it is not, and the result must parse again. The feed itself is never modified.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import quote
from xml.parsers import expat
from xml.sax.saxutils import quoteattr

from companion.batch.manifest import Episode
from companion.errors import InputError

PODCAST = "https://podcastindex.org/namespace/1.0"


def item_tags(episode: Episode, base_url: str, indent: str = "    ") -> str:
    """The <podcast:transcript> and <podcast:chapters> elements of one episode's outputs."""
    def url(suffix: str) -> str:
        return quoteattr(f"{base_url.rstrip('/')}/{quote(episode.name)}/{quote(episode.name)}.{suffix}")

    return "".join([
        f'\n{indent}<podcast:transcript url={url("bilingual.vtt")} type="text/vtt" language="zh-Hans" rel="captions"/>',
        f'\n{indent}<podcast:transcript url={url("zh.vtt")} type="text/vtt" language="zh-Hans" rel="captions"/>',
        f'\n{indent}<podcast:transcript url={url("zh.srt")} type="application/x-subrip" language="zh-Hans" '
        f'rel="captions"/>',
        f'\n{indent}<podcast:chapters url={url("chapters.json")} type="application/json+chapters"/>',
    ])


def item_snippet(episode: Episode, base_url: str) -> str:
    """DIR/<name>/<name>.rss.xml: the tags inside an <item>, with the namespace declared."""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<item xmlns:podcast="{PODCAST}">'
            f"{item_tags(episode, base_url, '  ')}\n</item>\n")


@dataclass
class _Item:
    end: int = -1  # byte offset of its closing tag
    title: str = ""
    enclosure: str = ""
    text: list[str] = field(default_factory=list)


def with_tags(feed: bytes, episodes: list[Episode], base_url: str) -> tuple[bytes, list[str]]:
    """A copy of `feed` with each matching item's tags (by enclosure URL, else title); the names of
    the episodes no item matched."""
    items, root_open, declared = _scan(feed)
    by_url = {e.url: e for e in episodes if e.url}
    by_title = {e.title: e for e in episodes if e.title}
    inserts: list[tuple[int, bytes]] = []
    matched: set[str] = set()
    for item in items:
        episode = by_url.get(item.enclosure) or by_title.get(item.title.strip())
        if episode is None or episode.name in matched:
            continue
        matched.add(episode.name)
        at = item.end
        while at > 0 and feed[at - 1:at] in (b" ", b"\t", b"\r", b"\n"):  # after the item's last content
            at -= 1
        inserts.append((at, item_tags(episode, base_url).encode("utf-8")))
    if not declared:
        inserts.append((root_open, f' xmlns:podcast="{PODCAST}"'.encode("utf-8")))
    out = feed
    for at, text in sorted(inserts, reverse=True):
        out = out[:at] + text + out[at:]
    try:
        ET.fromstring(out)
    except ET.ParseError as exc:  # never expected: the insertions are well-formed
        raise InputError(f"the feed copy would not parse ({exc})") from None
    return out, [e.name for e in episodes if e.name not in matched]


def _scan(feed: bytes) -> tuple[list[_Item], int, bool]:
    """Items (with the offset of their end tag), the offset where the root's attributes end, and
    whether the podcast namespace is declared already."""
    parser = expat.ParserCreate()
    items: list[_Item] = []
    stack: list[str] = []
    root = {"open": -1, "declared": False}
    current: list[_Item] = []

    def start(name: str, attrs: dict) -> None:
        if not stack:
            root["declared"] = any(value == PODCAST for key, value in attrs.items() if key.startswith("xmlns"))
            root["open"] = _tag_end(feed, parser.CurrentByteIndex)
        stack.append(name)
        if name == "item":
            current.append(_Item())
        elif name == "enclosure" and current:
            current[-1].enclosure = attrs.get("url", "")

    def end(name: str) -> None:
        stack.pop()
        if name == "item" and current:
            item = current.pop()
            item.end = parser.CurrentByteIndex
            item.title = "".join(item.text)
            items.append(item)

    def text(data: str) -> None:
        if current and stack and stack[-1] == "title" and stack[-2:-1] == ["item"]:
            current[-1].text.append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        parser.Parse(feed, True)
    except expat.ExpatError as exc:
        raise InputError(f"the feed is not well-formed XML ({exc})") from None
    if root["open"] < 0:
        raise InputError("the feed has no root element")
    return items, root["open"], root["declared"]


def _tag_end(feed: bytes, start: int) -> int:
    """The offset of the `>` (or `/>`) closing the start tag that begins at `start`."""
    quote_char = None
    for k in range(start, len(feed)):
        ch = feed[k:k + 1]
        if quote_char:
            if ch == quote_char:
                quote_char = None
        elif ch in (b'"', b"'"):
            quote_char = ch
        elif ch == b">":
            return k - 1 if feed[k - 1:k] == b"/" else k
    raise InputError("the feed's root start tag never ends")
