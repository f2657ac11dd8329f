"""The exceptions the command line turns into a one-line message and a documented exit code."""

from __future__ import annotations

import os


class InputError(Exception):
    """Bad input or usage (exit code 2): the message is shown to the user as is."""


class EnvironmentFailure(Exception):
    """The machine would not let the work finish (exit code 3): disk full, read-only, permission
    denied. The message names the path."""


def describe_os_error(exc: OSError, action: str = "write", path: str | os.PathLike | None = None) -> str:
    """One line for an OSError: what failed, on which path, and why. The path is the one the failing call named;
    where it named two (a link, rename or copy), or none (a write to an open file), it is `path`, the file being
    written, when given (a copy's error names its source first, a file not named yet has only a /proc path), else
    where the call was going."""
    if exc.filename is not None and exc.filename2 is None:
        where = exc.filename
    else:
        where = path or exc.filename2 or "the output"
    return f"cannot {action} {where}: {exc.strerror or exc.__class__.__name__}"


def first_line(exc: Exception, otherwise: str = "") -> str:
    """The first line of an exception's message, at most 200 characters (a parser's can run to pages),
    or `otherwise` (by default the exception's class name) when it has none."""
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else otherwise or exc.__class__.__name__
