"""Offline English speech recognition with PocketSphinx (its en-us model ships in the wheel).

The audio is streamed in windows of WINDOW seconds with OVERLAP seconds of context on each
side; a word belongs to the window its start falls in. Windows are decoded in parallel, a
few at a time, so memory stays flat whatever the length.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from media.decode import RATE, Chunk, stream
from media.errors import MediaError
from media.lifetime import bound_to_parent

WINDOW = 30.0
OVERLAP = 1.5
FRAME = 0.01  # PocketSphinx frames are 10 ms
FILLERS = re.compile(r"^(<s>|</s>|<sil>|\[.*\]|\+\+.*\+\+)$")
SILENT_PEAK = 64  # int16 amplitude below which a whole file counts as silent


@dataclass(frozen=True)
class TimedWord:
    text: str
    start: float
    end: float


def words_of(decoder, offset: float) -> list[TimedWord]:
    """The decoder's word segmentation, shifted by `offset` seconds; fillers and silences left out."""
    out = []
    for seg in decoder.seg() or []:  # no segmentation at all when decoding found no hypothesis
        if FILLERS.match(seg.word):
            continue
        out.append(TimedWord(re.sub(r"\(\d+\)$", "", seg.word), offset + seg.start_frame * FRAME,
                             offset + (seg.end_frame + 1) * FRAME))
    return out


def new_decoder(**options):
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, loglevel="FATAL", **options)


def decode_utterance(decoder, pcm: bytes) -> None:
    """Decode one utterance as a new decoder would. The front end's noise estimate (the model's
    `remove_noise`) otherwise carries over from the utterance before, so that a window's words
    depended on which window its worker had decoded before it, and a run's output on scheduling."""
    decoder.reinit_feat()
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()


_decoder = None


def init_worker(parent: int, options: dict, extra: dict[str, str]) -> None:
    """Pool initializer: tie the worker to `parent`, build its decoder once, with `extra` words added
    to its dictionary."""
    global _decoder
    bound_to_parent(parent)
    _decoder = new_decoder(**options)
    for word, phones in extra.items():
        _decoder.add_word(word, phones, True)


def worker_decoder():
    """The decoder `init_worker` built in this worker process."""
    return _decoder


def _recognise(job: tuple[float, float, float, bytes]) -> tuple[list[TimedWord], int]:
    """Decode one window: the words that start inside its core [lo, hi), and its loudest sample."""
    offset, lo, hi, pcm = job
    decoder = worker_decoder()
    decode_utterance(decoder, pcm)
    peak = int(np.abs(np.frombuffer(pcm, dtype=np.int16)).max(initial=0))
    return [w for w in words_of(decoder, offset) if lo <= w.start < hi], peak


def _windows(chunks: Iterator[Chunk]) -> Iterator[tuple[float, float, float, bytes]]:
    """(offset, core start, core end, PCM with context) for each chunk, one chunk of lookahead."""
    context = int(OVERLAP * RATE)
    previous: Chunk | None = None
    current = next(chunks, None)
    while current is not None:
        following = next(chunks, None)
        head = previous.samples[-context:] if previous is not None else np.zeros(0, np.int16)
        tail = following.samples[:context] if following is not None else np.zeros(0, np.int16)
        offset = current.start - len(head) / RATE
        hi = current.end if following is not None else float("inf")
        yield offset, current.start, hi, np.concatenate([head, current.samples, tail]).tobytes()
        previous, current = current, following


class worker_pool:
    """Worker processes that each build their decoder once (`init_worker`) and die with this process;
    a worker that dies (a crash in the native decoder, a missing package) becomes a MediaError
    instead of a pool waiting forever, and leaving the pool early (Ctrl-C, an error) kills them
    at once instead of waiting for the windows they are decoding."""

    def __init__(self, workers: int, options: dict, extra: dict[str, str]):
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                                            initargs=(os.getpid(), options, extra))
        self.batch = 2 * workers

    def __enter__(self) -> "worker_pool":
        return self

    def map(self, function, jobs: Iterable) -> Iterator[tuple]:
        """(job, result) pairs in order; jobs are taken a batch at a time, so that memory stays flat."""
        batch: list = []
        for job in jobs:
            batch.append(job)
            if len(batch) >= self.batch:
                yield from self._run(function, batch)
                batch = []
        yield from self._run(function, batch)

    def _run(self, function, batch: list) -> Iterator[tuple]:
        try:
            return zip(batch, list(self.executor.map(function, batch)))
        except BrokenProcessPool:
            raise MediaError("the speech decoder stopped unexpectedly (is pocketsphinx installed?)") from None

    def __exit__(self, kind, *exc) -> None:
        if kind is not None:  # no public way to stop workers mid-task; the pool then sees them gone
            for process in list((self.executor._processes or {}).values()):
                process.kill()
        self.executor.shutdown(cancel_futures=True)


def recognise(path: Path, workers: int | None = None, options: dict | None = None,
              extra: dict[str, str] | None = None, progress: Callable[[float], None] | None = None) -> list[TimedWord]:
    """Every recognised word of the file, in order. Raises MediaError when the audio holds no speech.

    `options` go to the PocketSphinx decoder (a language model, beams); `extra` adds words with
    their phones to its dictionary; `progress` hears the seconds of audio done so far.
    """
    workers = max(1, workers or os.cpu_count() or 1)
    words: list[TimedWord] = []
    peak = 0
    with worker_pool(workers, options or {}, extra or {}) as pool:
        for (_, core_start, _, pcm), (found, loudest) in pool.map(_recognise, _windows(stream(path, WINDOW))):
            words.extend(found)
            peak = max(peak, loudest)
            if progress:
                progress(core_start + WINDOW)
    if peak < SILENT_PEAK:
        raise MediaError(f"{path} is silent: no speech to recognise")
    if not words:
        raise MediaError(f"{path}: no speech was recognised")
    return words
