"""Decoding any audio ffmpeg reads straight to 16 kHz mono 16-bit PCM, streamed in chunks.

ffmpeg resamples while it decodes, so the source-rate signal never sits in memory; callers
iterate over chunks of a fixed duration, so memory stays flat for a three-hour episode.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from media.errors import MediaError
from media.ffmpeg import ffmpeg
from media.lifetime import child_preexec

RATE = 16_000
_SILENT_VIDEO = " (a video without sound, or pictures only): give the episode's audio"
STREAM = re.compile(r"^\s*Stream #\S+.*?: (Audio|Video|Subtitle|Data|Attachment):", re.M)  # ffmpeg -i's listing
SAMPLE_BYTES = 2


@dataclass(frozen=True)
class Chunk:
    """`samples` (int16) starting `start` seconds into the audio."""

    start: float
    samples: np.ndarray

    @property
    def end(self) -> float:
        return self.start + len(self.samples) / RATE


def check_audio(path: Path) -> None:
    if not path.exists():
        raise MediaError(f"audio not found: {path}")
    if path.is_dir():
        raise MediaError(f"{path} is a directory, not an audio file")
    if path.stat().st_size == 0:
        raise MediaError(f"{path} is empty")


def stream(path: Path, seconds: float = 30.0) -> Iterator[Chunk]:
    """Chunks of `seconds` of 16 kHz mono audio (the last may be shorter)."""
    check_audio(path)
    command = [ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(path), "-vn", "-map", "0:a:0",
               "-ac", "1", "-ar", str(RATE), "-f", "s16le", "-acodec", "pcm_s16le", "-"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=child_preexec)
    size = int(seconds * RATE) * SAMPLE_BYTES
    offset = 0
    finished = False
    try:
        while True:
            data = process.stdout.read(size)
            if not data:
                break
            samples = np.frombuffer(data[: len(data) // SAMPLE_BYTES * SAMPLE_BYTES], dtype=np.int16)
            yield Chunk(offset / RATE, samples)
            offset += len(samples)
        finished = True
    finally:
        if not finished:  # the reader stopped early (an error, Ctrl-C): ffmpeg has nothing more to do
            process.kill()
        process.stdout.close()
        error = process.stderr.read().decode("utf-8", "replace").strip()
        code = process.wait()
    if code != 0 or offset == 0:
        if not error or "matches no streams" in error:  # ffmpeg's last line is then its advice on -map
            raise MediaError(f"{path} has no audio stream{_SILENT_VIDEO}")
        raise MediaError(f"{path}: cannot decode audio ({error.splitlines()[-1]})")


def decode(path: Path) -> np.ndarray:
    """The whole file as one 16 kHz mono int16 array (for short files and tests)."""
    chunks = [c.samples for c in stream(path)]
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)


def duration(path: Path) -> float:
    """Seconds of audio, from ffmpeg's own reading of the container (no decoding)."""
    check_audio(path)
    result = subprocess.run([ffmpeg(), "-nostdin", "-hide_banner", "-i", str(path)], capture_output=True, text=True,
                            preexec_fn=child_preexec)
    kinds = {found.group(1) for found in STREAM.finditer(result.stderr)}
    if kinds == {"Subtitle"}:
        raise MediaError(f"{path} is subtitles, not audio: a transcript goes to --transcript")
    if kinds and "Audio" not in kinds:
        raise MediaError(f"{path} has no audio stream{_SILENT_VIDEO}")
    for line in result.stderr.splitlines():
        line = line.strip()
        if line.startswith("Duration:") and "N/A" not in line.split(",")[0]:
            h, m, s = line.split(",")[0].split()[1].split(":")
            return int(h) * 3600 + int(m) * 60 + float(s)
    raise MediaError(f"{path}: not an audio file ffmpeg can read")
