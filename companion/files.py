"""Reading a user's text file, with every way it can go wrong said in one line."""

from __future__ import annotations

import json
from pathlib import Path

from companion.docx import docx_text, is_docx
from companion.errors import InputError

# How the documents a user may hand over instead of text begin: told from other files, so that the error says what to do
DOCUMENTS = {b"%PDF": "a PDF document", b"PK\x03\x04": "a word-processor document (DOCX, ODT or another zip)",
             b"\xd0\xcf\x11\xe0": "a Word 97-2003 document", b"{\\rtf": "an RTF document"}


# … and how audio and video files begin (ID3-tagged MP3, FLAC, Ogg, Matroska/WebM; WAV and AVI after `RIFF`, MP4/M4A
# `ftyp` after four bytes; bare MP3 and AAC frames): the episode given where a text goes
MEDIA = (b"ID3", b"fLaC", b"OggS", b"\x1aE\xdf\xa3")
FRAME_SYNC = (0xFB, 0xFA, 0xF3, 0xF2, 0xE3, 0xE2, 0xF1, 0xF9)  # after 0xFF (never 0xFE: UTF-16's byte-order mark)


def refuse_document(data: bytes, name: str, formats: str = "text") -> None:
    """An InputError when `data` is a PDF or a word processor's file, naming it and the `formats` to save it as."""
    kind = next((kind for magic, kind in DOCUMENTS.items() if data.startswith(magic)), None)
    if kind:
        raise InputError(f"{name} is {kind}: save it as {formats} and give that file")


def refuse_media(data: bytes, name: str, what: str) -> None:
    """An InputError when `data` is an audio or video file given as the article, the transcript, the English text
    (the episode itself, whose place is --audio) or another text `what`."""
    if data.startswith(MEDIA) or data[:4] == b"RIFF" and data[8:12] in (b"WAVE", b"AVI ") or data[4:8] == b"ftyp" \
            or data[:1] == b"\xff" and len(data) > 1 and data[1] in FRAME_SYNC:
        where = "; the episode goes to --audio" if what in ("article", "transcript", "English text") else ""
        raise InputError(f"{name} is an audio or video file, not the {what}{where}")


def read_utf8(path: str | Path, what: str, limit: int, word: bool = False) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped), or with `word` of a Word document (a line a
    paragraph); an InputError naming the file when it is missing, a folder, larger than `limit` bytes, not UTF-8 or
    unreadable."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path} is a folder, not {what}")
        if p.stat().st_size > limit:
            raise InputError(f"{path} is {p.stat().st_size >> 20} MB: too large for {what}")
        data = p.read_bytes()
        if word and is_docx(data):
            return docx_text(data, str(path))
        refuse_document(data, str(path))
        refuse_media(data, str(path), what)
        return data.decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{what} not found: {path}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None


def parse_json(text: str) -> object:
    """JSON read as data: `NaN` and `Infinity`, which JSON does not allow, are refused, and nesting too deep for
    the parser is said so. Raises ValueError (json.JSONDecodeError for a syntax error) with a one-line message."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:  # `[[[[…` a hundred thousand deep: the parser's stack, not the machine, gave out
        raise ValueError("JSON nested too deeply") from None


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")
