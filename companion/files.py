"""Reading a user's text file, with every way it can go wrong said in one line."""

from __future__ import annotations

import json
from pathlib import Path

from companion.errors import InputError


def read_utf8(path: str | Path, what: str, limit: int) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped); an InputError naming the file when it is
    missing, a folder, larger than `limit` bytes, not UTF-8 or unreadable."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path} is a folder, not {what}")
        if p.stat().st_size > limit:
            raise InputError(f"{path} is {p.stat().st_size >> 20} MB: too large for {what}")
        return p.read_bytes().decode("utf-8-sig")
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
