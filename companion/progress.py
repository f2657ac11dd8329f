"""Progress on standard error: a bar with percent and time left in a terminal, plain lines elsewhere.

A command announces its steps (`progress("recognising the English speech", total=seconds)`) and,
for a step whose size is known, how far it got (`progress.update(done)`). In a terminal that is a
bar; through a pipe or into a log file it is one line per step and one per tenth of a step, so a
long run is never silent; `--quiet` shows nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Iterator, TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress as RichProgress, TaskProgressColumn, TextColumn, TimeElapsedColumn, \
    TimeRemainingColumn

from subtitles.timecode import clock


class Progress:
    """Shows nothing; the base of the two visible kinds and the progress of a quiet run."""

    def __call__(self, description: str, total: float | None = None) -> None:
        """A new step begins; `total` is its size when known (seconds of audio, sentences)."""

    def update(self, done: float) -> None:
        """How much of the current step is done, in the units of its total."""


silent = Progress()


class _Bar(Progress):
    def __init__(self, bar: RichProgress, steps: int):
        self.bar, self.steps, self.number = bar, steps, 0
        self.task = None

    def __call__(self, description: str, total: float | None = None) -> None:
        self.number += 1
        label = f"[{min(self.number, self.steps)}/{self.steps}] {description}"
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(label, total=total)

    def update(self, done: float) -> None:
        if self.task is not None:
            self.bar.update(self.task, completed=done)


class _Lines(Progress):
    """One line per step and per tenth of a step with a known size, with the time left."""

    def __init__(self, stream: TextIO, steps: int):
        self.stream, self.steps, self.number = stream, steps, 0
        self.description, self.total, self.tenth, self.began = "", None, 0, time.monotonic()

    def __call__(self, description: str, total: float | None = None) -> None:
        self.number += 1
        self.description, self.total, self.tenth, self.began = description, total, 0, time.monotonic()
        self._say(f"[{min(self.number, self.steps)}/{self.steps}] {description}")

    def update(self, done: float) -> None:
        if not self.total:
            return
        tenth = int(10 * min(done, self.total) / self.total)
        if tenth > self.tenth and tenth < 10:
            self.tenth = tenth
            elapsed = time.monotonic() - self.began
            left = elapsed * (self.total - done) / done if done > 0 else 0.0
            self._say(f"{self.description}: {10 * tenth}%, about {clock(left)} left")

    def _say(self, line: str) -> None:
        tell(self.stream, f"companion: {line}")


def tell(stream: TextIO, line: str) -> None:
    """`line` on `stream`, whose reader may have left (see `reader_may_leave`)."""
    with reader_may_leave(stream):
        print(line, file=stream)


@contextlib.contextmanager
def reader_may_leave(stream: TextIO) -> Iterator[None]:
    """Around writing to `stream`: a reader that left (`companion … | head -1`, `2>&1 | head -1`) is no reason
    to stop the work or to fail (Click and rich would turn the broken pipe into exit 1, which means "not
    trusted"): the stream then goes to the null device."""
    try:
        yield
        stream.flush()
    except BrokenPipeError:
        to_null(stream)


def to_null(stream: TextIO) -> None:
    """`stream` onto the null device, so that nothing written later, nor the flush at exit, fails."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


class ResultsConsole(Console):
    """A rich console on standard output whose reader may leave: rich's own handling exits 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        to_null(sys.stdout)


@contextlib.contextmanager
def progress(steps: int, enabled: bool) -> Iterator[Progress]:
    """The progress display for a command of `steps` steps (silent when not `enabled`)."""
    if not enabled:
        yield silent
        return
    if not sys.stderr.isatty():
        yield _Lines(sys.stderr, steps)
        return
    bar = RichProgress(TextColumn("{task.description:<40}"), BarColumn(), TaskProgressColumn(),
                       TimeRemainingColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    with bar:
        yield _Bar(bar, steps)
