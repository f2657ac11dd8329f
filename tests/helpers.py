"""Running the `companion` command line in-process, as its console entry point does."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass

from companion.cli import main


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def companion(*args, input: str | bytes | None = None) -> Ran:
    """`companion ARGS…` through `main`: the exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    if input is not None:
        data = input.encode("utf-8") if isinstance(input, str) else input
        sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        sys.stdin = stdin
    return Ran(code, out.getvalue(), err.getvalue())
