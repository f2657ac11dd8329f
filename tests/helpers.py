"""Test helpers: the `companion` command line run in-process as its console entry point runs it, a
stand-in for the optional faster-whisper package, and real failing file systems to write to."""

from __future__ import annotations

import contextlib
import importlib.machinery
import io
import os
import shutil
import subprocess
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

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


def stand_in_whisper(monkeypatch, loads: bool) -> list:
    """A stand-in faster_whisper module (importable, with a spec) whose model hears "Hello there." in two
    segments, or whose model files are missing; returns the list of sources it was asked to load."""
    loaded = []

    class WhisperModel:
        def __init__(self, source, **kwargs):
            loaded.append(source)
            if not loads:
                raise FileNotFoundError(source)

        def transcribe(self, path, **kwargs):
            words = [types.SimpleNamespace(word=" Hello", start=0.5, end=0.9),
                     types.SimpleNamespace(word=" there.", start=1.0, end=1.4)]
            return iter([types.SimpleNamespace(words=words[:1]), types.SimpleNamespace(words=words[1:])]), None

    module = types.ModuleType("faster_whisper")
    module.__spec__ = importlib.machinery.ModuleSpec("faster_whisper", None)
    module.WhisperModel = WhisperModel
    monkeypatch.setitem(sys.modules, "faster_whisper", module)
    return loaded


@contextlib.contextmanager
def mounted(*args: str):
    """`mount ARGS…` (a tiny tmpfs, a read-only bind mount) for the test's time; skipped unless root may mount."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a tmpfs or a read-only bind mount")
    target = args[-1]
    done = subprocess.run(["mount", *args], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mount is not allowed here: {done.stderr.decode().strip()}")
    try:
        yield Path(target)
    finally:
        subprocess.run(["umount", target], check=True)
