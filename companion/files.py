"""Reading a user's text file, with every way it can go wrong said in one line."""

from __future__ import annotations

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
