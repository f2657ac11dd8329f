"""Child processes (decoder workers, ffmpeg) that never outlive `companion` and leave Ctrl-C to it.

On Linux a child asks the kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG), so
that even a `kill -9` of companion (what the out-of-memory killer does) stops them at once. Children
ignore SIGINT: Ctrl-C reaches the whole process group, and only the parent should answer it (with
one line), stopping its children itself.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def _prctl():
    """libc's prctl, looked up once in the parent (a forked child should not load libraries)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def bound_to_parent(parent: int | None = None) -> None:
    """In a child: die with the parent process and ignore Ctrl-C (the parent handles it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def child_preexec() -> None:
    """`preexec_fn` for subprocesses (ffmpeg): bound to the process that starts them, and in a process
    group of their own, since ffmpeg sets its own SIGINT handler over an ignored one: a Ctrl-C that
    reached it would end it with an error before the parent could answer the Ctrl-C."""
    bound_to_parent()
    os.setpgid(0, 0)
