"""Optional second recogniser: faster-whisper (the `whisper` extra), strictly offline.

The model is loaded from a local folder or the local Hugging Face cache only
(`local_files_only`): nothing is downloaded at run time. A missing package or model gives
a MediaError that says how to get it, once, outside this program.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable

from media.errors import MediaError
from media.recognize import TimedWord

DEFAULT_MODEL = "small.en"


def installed() -> bool:
    """Whether the optional faster-whisper package can be imported."""
    return importlib.util.find_spec("faster_whisper") is not None


def load_model(model: str = DEFAULT_MODEL, model_dir: Path | None = None, workers: int | None = None):
    """A faster-whisper model on the CPU (int8), from `model_dir` or the local cache, never the network."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise MediaError("the whisper engine needs faster-whisper: pip install 'podcast-companion[whisper]'") from None
    source = str(model_dir / model) if model_dir is not None and (model_dir / model).is_dir() else model
    try:
        return WhisperModel(source, device="cpu", compute_type="int8", cpu_threads=workers or 0,
                            download_root=str(model_dir) if model_dir is not None else None, local_files_only=True)
    except Exception as exc:  # faster-whisper raises several kinds when files are missing
        raise MediaError(f"faster-whisper model {model!r} is not available offline "
                         f"({exc.__class__.__name__}); download it once (e.g. with huggingface-cli) and pass "
                         f"--model-dir") from None


def recognise_whisper(path: Path, model, progress: Callable[[float], None] | None = None) -> list[TimedWord]:
    """Every word the loaded faster-whisper `model` hears, with its time (word timestamps on; voice
    activity filter on); `progress` hears where each segment ends, as segments are decoded one by one."""
    from media.decode import check_audio

    check_audio(path)
    segments, _info = model.transcribe(str(path), language="en", word_timestamps=True, vad_filter=True)
    words = []
    for segment in segments:
        words += [TimedWord(w.word.strip(), float(w.start), float(w.end)) for w in segment.words or [] if w.word.strip()]
        if progress and segment.words:
            progress(float(segment.words[-1].end))
    if not words:
        raise MediaError(f"{path}: no speech was recognised")
    return words
