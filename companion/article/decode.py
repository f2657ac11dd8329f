"""Bytes to text: UTF-8 (with or without BOM), else GB18030/GBK, else a detected encoding."""

from __future__ import annotations

from charset_normalizer import from_bytes

from companion.errors import InputError
from companion.text import CJK


def decode_text(data: bytes, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding name) with Windows line endings normalised; reject binary or empty input."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name} looks like a binary file, not text")
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not CJK.search(text):
        raise InputError(f"{name} contains no Chinese text")
    return text, encoding


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
