"""Speech recognition by engine name: PocketSphinx (built in) or faster-whisper (optional extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from media.errors import MediaError
from media.recognize import TimedWord, recognise

ENGINES = ("pocketsphinx", "whisper")


def recognise_speech(path: Path, engine: str = "pocketsphinx", model: str | None = None,
                     model_dir: Path | None = None, progress: Callable[[float], None] | None = None) -> list[TimedWord]:
    """Every recognised word; `progress` hears the seconds of audio done (PocketSphinx only)."""
    if engine == "pocketsphinx":
        return recognise(path, progress=progress)
    if engine == "whisper":
        from media.whisper import DEFAULT_MODEL, recognise_whisper

        return recognise_whisper(path, model or DEFAULT_MODEL, model_dir)
    raise MediaError(f"unknown speech engine {engine!r}; use {' or '.join(ENGINES)}")
