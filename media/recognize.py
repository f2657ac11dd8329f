"""Offline English speech recognition with PocketSphinx (its en-us model ships in the wheel).

The audio is streamed in windows of WINDOW seconds with OVERLAP seconds of context on each
side; a word belongs to the window its start falls in. Windows are decoded in parallel, a
few at a time, so memory stays flat whatever the length. Asked to adapt, a first pass also
gathers what `media.adapt` needs to fit the model to the voice (on a long file, from windows
spread over it), and a second pass decodes with the adapted model.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from media.adapt import Statistics, Transform, available, fit, statistics
from media.decode import RATE, Chunk, duration, stream
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


ALTERNATE = re.compile(r"\(\d+\)$")  # `kiva(2)`: the dictionary's second reading of `kiva`


def words_of(decoder, offset: float) -> list[TimedWord]:
    """The decoder's word segmentation, shifted by `offset` seconds; fillers and silences left out."""
    out = []
    for seg in decoder.seg() or []:  # no segmentation at all when decoding found no hypothesis
        if FILLERS.match(seg.word):
            continue
        out.append(TimedWord(ALTERNATE.sub("", seg.word), offset + seg.start_frame * FRAME,
                             offset + (seg.end_frame + 1) * FRAME))
    return out


def new_decoder(**options):
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, loglevel="FATAL", **options)


def decode_utterance(decoder, pcm: bytes, began: Callable[[], None] | None = None) -> None:
    """Decode one utterance as a new decoder would (`began` is called once it has begun, before any
    audio). The front end's noise estimate (the model's `remove_noise`) otherwise carries over from
    the utterance before, so that a window's words depended on which window its worker had decoded
    before it, and a run's output on scheduling."""
    decoder.reinit_feat()
    decoder.start_utt()
    if began is not None:
        began()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()


_decoder = None
_cepstra_folder: str | None = None  # where the decoder logs an utterance's cepstra, when it is asked to


def init_worker(parent: int, options: dict, extra: dict[str, str], transform: Transform | None = None,
                gather: bool = False, boost: float = 0.0) -> None:
    """Pool initializer: tie the worker to `parent`, build its decoder once, with `extra` words added
    to its dictionary (and to its language model `boost` times likelier than a word of its vocabulary taken at
    random, when `boost` is given), the model adapted by `transform`, and (`gather`) its cepstra logged for
    adaptation statistics."""
    global _decoder, _cepstra_folder
    bound_to_parent(parent)
    options = dict(options)
    if gather:  # a fresh name; the folder itself exists only while an utterance begins (see _cepstra)
        try:
            _cepstra_folder = tempfile.mkdtemp(prefix="companion-cepstra-")
            os.rmdir(_cepstra_folder)
            options["mfclogdir"] = _cepstra_folder
        except OSError:  # no temporary folder to be had: this worker recognises without adapting
            _cepstra_folder = None
    _decoder = _adapted_decoder(options, transform) if transform is not None else new_decoder(**options)
    model = _decoder.get_lm() if boost else None
    for word, phones in extra.items():  # an alternate reading, `kiva(2)`, after its word
        if model is not None and not ALTERNATE.search(word):  # first, else add_word weighs it as a word at random
            model.add_word(word, boost)
        _decoder.add_word(word, phones, True)


def _adapted_decoder(options: dict, transform: Transform):
    """A decoder whose model `transform` adapts. PocketSphinx reads the transform from a file name:
    it is given a pipe's, so that no file is ever written (a temporary file where there is none)."""
    text = transform.text().encode()
    if not os.path.isdir("/dev/fd"):
        handle, name = tempfile.mkstemp(prefix="companion-", suffix=".mllr")
        try:
            os.write(handle, text)
            os.close(handle)
            return new_decoder(**options, mllr=name)
        finally:
            os.remove(name)
    read, write = os.pipe()
    try:
        os.write(write, text)  # a few kilobytes: the pipe holds them without a reader
        os.close(write)
        write = -1
        return new_decoder(**options, mllr=f"/dev/fd/{read}")
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)


def worker_decoder():
    """The decoder `init_worker` built in this worker process."""
    return _decoder


def _cepstra(decoder, pcm: bytes) -> np.ndarray:
    """Decode one utterance with `decode_utterance`, and the cepstra PocketSphinx logged for it. Its log
    folder exists only while the utterance begins: the log file is opened and its folder removed
    before any audio, so that a killed run leaves nothing behind."""
    folder, logs = _cepstra_folder, []

    def keep_log() -> None:
        logs.extend(open(os.path.join(folder, name), "rb") for name in os.listdir(folder))
        _remove(folder)

    os.mkdir(folder, 0o700)
    try:
        decode_utterance(decoder, pcm, began=keep_log)
        (log,) = logs
        raw = log.read()
    finally:
        if os.path.isdir(folder):  # the utterance never began
            _remove(folder)
        for opened in logs:
            opened.close()
    return np.frombuffer(raw, ">f4", offset=4).reshape(-1, 13)  # a count, then big-endian frames


def _remove(folder: str) -> None:
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    os.rmdir(folder)


def _alignment(decoder, pcm: bytes) -> tuple[list[tuple[str, int, int]], list[tuple[int, int, int]]]:
    """The phones (name, first frame, frames) and states (senone, first frame, frames) of the utterance
    just decoded: a second pass aligns its hypothesis. The decoder's own search is active again
    afterwards."""
    try:
        decoder.set_alignment()
        _cepstra(decoder, pcm)  # this decoder logs every utterance, and needs the log folder to begin one
        found = decoder.get_alignment()
        if not found:
            return [], []
        return ([(p.name, p.start, p.duration) for p in found.phones()],
                [(int(s.name), s.start, s.duration) for s in found.states()])
    except RuntimeError:  # a hypothesis that cannot be aligned teaches nothing
        return [], []
    finally:
        decoder.activate_search()


def _recognise(job: tuple[float, float, float, bytes]) -> tuple[list[TimedWord], int, Statistics | None]:
    """Decode one window: the words that start inside its core [lo, hi), its loudest sample, and its
    adaptation statistics when the worker gathers them."""
    offset, lo, hi, pcm = job
    decoder = worker_decoder()
    stats = None
    if _cepstra_folder is None:
        decode_utterance(decoder, pcm)
    else:
        cepstra = _cepstra(decoder, pcm)
        stats = statistics(*_alignment(decoder, pcm), cepstra) if decoder.hyp() is not None else None
    peak = int(np.abs(np.frombuffer(pcm, dtype=np.int16)).max(initial=0))
    return [w for w in words_of(decoder, offset) if lo <= w.start < hi], peak, stats


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

    def __init__(self, workers: int, options: dict, extra: dict[str, str], transform: Transform | None = None,
                 gather: bool = False, boost: float = 0.0):
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                                            initargs=(os.getpid(), options, extra, transform, gather, boost))
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
              extra: dict[str, str] | None = None, progress: Callable[[float], None] | None = None,
              adapt: bool = False, boost: float = 0.0) -> list[TimedWord]:
    """Every recognised word of the file, in order. Raises MediaError when the audio holds no speech.

    `options` go to the PocketSphinx decoder (a language model, beams); `extra` adds words with
    their phones to its dictionary (and, `boost` times likelier than a word taken at random, to its language model:
    see init_worker); `adapt` decodes twice, the second time with the model adapted
    to the voice (when the first pass heard a minute of speech); on a file longer than ADAPT_SECONDS the
    first pass decodes only windows spread evenly over it. `progress` hears the seconds of audio done so
    far, each pass counting for its share of the work.
    """
    workers = max(1, workers or os.cpu_count() or 1)
    options, extra = options or {}, extra or {}
    if not (adapt and available()):
        return _checked(path, _pass(path, workers, options, extra, None, False, progress, boost=boost))
    every = _sampling(path)
    share = 1 / (1 + every)  # the first pass's share of the work
    found = _pass(path, workers, options, extra, None, True, (lambda done: progress(share * done)) if progress else None,
                  every, boost)
    end = found.end
    transform = fit(found.stats)
    if transform is None and every == 1:  # too little speech to adapt on: the first pass was all there is to do
        if progress:
            progress(end)
        return _checked(path, found)
    return _checked(path, _pass(path, workers, options, extra, transform, False,
                                (lambda done: progress(share * end + (1 - share) * done)) if progress else None,
                                boost=boost))


# Seconds of audio the adaptation is learnt from, at most: a global transform is as good from ten minutes of
# speech spread over an episode as from all of it, and a long episode's first pass then costs a fraction of a
# decoding instead of a whole one. Sampled windows, not the first minutes: intros and ads are often another voice.
ADAPT_SECONDS = 600.0


def _sampling(path: Path) -> int:
    """Decode every how-many'th window in the first pass: 1 for a file of ADAPT_SECONDS or less (or of unknown
    length), more for a longer one."""
    try:
        seconds = duration(path)
    except MediaError:
        return 1
    return max(1, math.ceil(seconds / ADAPT_SECONDS))


@dataclass
class _Decoded:
    """What one pass over the file found: its words, the adaptation statistics gathered, its length and its
    loudest sample."""

    words: list[TimedWord]
    stats: Statistics | None
    end: float
    peak: int


def _checked(path: Path, found: _Decoded) -> list[TimedWord]:
    """The words of a pass over the whole file; MediaError when it held no speech."""
    if found.peak < SILENT_PEAK:
        raise MediaError(f"{path} is silent: no speech to recognise")
    if not found.words:
        raise MediaError(f"{path}: no speech was recognised")
    return found.words


def _pass(path: Path, workers: int, options: dict, extra: dict[str, str], transform: Transform | None,
          gather: bool, progress: Callable[[float], None] | None, every: int = 1, boost: float = 0.0) -> _Decoded:
    """One decoding of the file, or of every `every`'th window of it and its last."""
    words: list[TimedWord] = []
    stats = Statistics.empty() if gather else None
    peak = 0
    done = 0.0
    windows = (w for k, w in enumerate(_windows(stream(path, WINDOW))) if k % every == 0 or _last(w))
    with worker_pool(workers, options, extra, transform, gather, boost) as pool:
        for (offset, core_start, _, pcm), (found, loudest, window_stats) in pool.map(_recognise, windows):
            words.extend(found)
            peak = max(peak, loudest)
            if window_stats is not None:
                stats = stats + window_stats
            done = offset + len(pcm) / 2 / RATE  # int16 samples
            if progress:
                progress(min(core_start + WINDOW, done))  # the last window ends with the file
    return _Decoded(words, stats, done, peak)


def _last(window: tuple[float, float, float, bytes]) -> bool:
    """Whether a window is the file's last (its core runs to the end), so that a sampled pass still learns the length."""
    return window[2] == float("inf")
