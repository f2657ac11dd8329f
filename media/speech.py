"""Speech recognition by engine name: PocketSphinx (built in) or faster-whisper (optional extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from media.errors import MediaError
from media.recognize import TimedWord, recognise

ENGINES = ("pocketsphinx", "whisper")
# Language-model weights for wide-band speech, lower than PocketSphinx's own (lw 6.5, fwdflatlw 8.5,
# bestpathlw 9.5, wip 0.65): word error rate on the development reader (LJ Speech) 23.9 -> 21.8 %, on
# two TED talks read by a neural voice (1029, 1057) 17.1 -> 16.5 % and 20.2 -> 18.7 %. On the
# development telephone call they raise it (84.8 -> 92.8 %): narrow-band audio keeps the defaults.
# Tried and left out: fillprob 1e-2 (fillers likelier between words) lowers WER on LJ Speech 21.8 -> 20.7 %
# but costs recognition-mode alignment of the 15 TED talks (paragraphs within 2 s, clean/intro/omit/
# truncate .918/.897/.852/.917 -> .914/.888/.845/.906); beams, topn, silprob, compallsen change nothing.
WIDE_BAND = {"lw": 5.5, "fwdflatlw": 7.0, "bestpathlw": 8.0, "wip": 0.3}


def recognise_speech(path: Path, engine: str = "pocketsphinx", model: str | None = None,
                     model_dir: Path | None = None, progress: Callable[[float], None] | None = None) -> list[TimedWord]:
    """Every recognised word; `progress` hears the seconds of audio done (PocketSphinx only)."""
    if engine == "pocketsphinx":
        from media.bandwidth import narrow_band

        return recognise(path, options={} if narrow_band(path) else WIDE_BAND, progress=progress)
    if engine == "whisper":
        from media.whisper import DEFAULT_MODEL, recognise_whisper

        return recognise_whisper(path, model or DEFAULT_MODEL, model_dir)
    raise MediaError(f"unknown speech engine {engine!r}; use {' or '.join(ENGINES)}")
