"""Bytes to text: UTF-8 (with or without BOM), else GB18030/GBK, else a detected encoding."""

from __future__ import annotations

from charset_normalizer import from_bytes

from companion.errors import InputError
from companion.files import refuse_document, refuse_media
from companion.text import CJK, CONTROLS

MAX_BYTES = 4 << 20  # an article of a six-hour episode is well under 1 MB; 4 MB is not an article


def decode_text(data: bytes, name: str = "input") -> tuple[str, str, int]:
    """(text, encoding name, control characters in it), with line endings normalised; reject
    binary, empty or absurdly large input. Control characters stay in the text (the report keeps
    the article's characters exactly); the subtitle and page writers leave them out."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is {len(data) >> 20} MB: too large for an article (at most {MAX_BYTES >> 20} MB)")
    refuse_document(data, name, "plain text, Markdown or HTML")
    refuse_media(data, name, "article")
    if _binary(data[:4096]):
        raise InputError(f"{name} looks like a binary file, not text")
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not CJK.search(text):
        raise InputError(f"{name} contains no Chinese text")
    return text, encoding, len(CONTROLS.findall(text))


def _binary(head: bytes) -> bool:
    """Many control bytes (a stray NUL in text is only cleaned away; a tenth of them is not text)."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > max(8, len(head) // 10) or (controls > 0 and controls * 10 > len(head))


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is None:
        raise InputError(f"{name} is neither UTF-8 nor GB18030/Big5 text")
    encoding = "gb18030" if best.encoding in ("gb18030", "gbk", "gb2312") else best.encoding
    return data.decode(encoding), encoding
