"""Speech recognition by engine name: PocketSphinx (built in) or faster-whisper (optional extra)."""

from __future__ import annotations

from pathlib import Path

from media.errors import MediaError
from media.recognize import TimedWord, recognise

ENGINES = ("pocketsphinx", "whisper")


def recognise_speech(path: Path, engine: str = "pocketsphinx", model: str | None = None,
                     model_dir: Path | None = None) -> list[TimedWord]:
    if engine == "pocketsphinx":
        return recognise(path)
    if engine == "whisper":
        from media.whisper import DEFAULT_MODEL, recognise_whisper

        return recognise_whisper(path, model or DEFAULT_MODEL, model_dir)
    raise MediaError(f"unknown speech engine {engine!r}; use {' or '.join(ENGINES)}")
