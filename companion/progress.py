"""A progress bar on standard error for the steps of a command (silent with --quiet or off a terminal)."""

from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

Step = Callable[[str], None]


def silent(_: str) -> None:
    """The progress callback that shows nothing."""


@contextlib.contextmanager
def steps(total: int, enabled: bool) -> Iterator[Step]:
    """Yield a callback: each call names the step now starting and advances the bar by one."""
    if not enabled or not sys.stderr.isatty():
        yield silent
        return
    bar = Progress(TextColumn("{task.description:<28}"), BarColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("starting", total=total)
        started = False

        def advance(description: str) -> None:
            nonlocal started
            if started:
                bar.advance(task)
            started = True
            bar.update(task, description=description)

        yield advance
        bar.update(task, completed=total)
