"""Forced alignment of a known English word sequence to audio with PocketSphinx.

Long audio is aligned in pieces anchored by a first recognition pass with a language model
built from the text itself (fast and accurate, since the words are known): runs of words the
recogniser heard exactly as written fix where the text is in the audio; the text is cut at
such anchors about every PIECE seconds and each piece is aligned within its own stretch of
audio (plus a margin), so stretches with no text (music, ads) fall between pieces, and memory
and time grow linearly. A piece that cannot be aligned is tried again with looser beams, then
cut shorter at its anchors; words still not placed keep the recogniser's time or are
interpolated by the caller.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from media.decode import RATE, stream
from media.errors import MediaError
from media.pronounce import pronounce
from media.recognize import TimedWord, decode_utterance, new_decoder, recognise, words_of, worker_decoder, worker_pool

PIECE = 30.0  # seconds of audio per aligned piece, roughly
# … and per piece of one that failed, cut again (see split). With matches' half-window rule, forced
# mode on the 15 TED talks (make_talk_audio.py's voice), paragraphs within 1 s, tuned / held back:
# clean .969/.980 -> .984/.980, intro .973/.966 -> .984/.966 (talk 1008: a passage said too fast for
# its text, and a phrase anchored at its repetition, had lost two 30-second pieces each).
SHORT_PIECE = 8.0
# Narrow beams, fewer Gaussians, every other frame: with the text's own language model the
# anchor pass still hears the known words, at a fraction of the cost.
ANCHOR_PASS = {"fwdflat": False, "bestpath": False, "beam": 1e-30, "wbeam": 1e-20, "pbeam": 1e-30, "topn": 2, "ds": 2}
MARGIN = 0.1  # seconds of audio added on each side of a piece, beyond the middle of its pauses
ALIGN = {"bestpath": False}
# For pieces the first search gave up on: beams wide enough to follow hard audio (telephone lines,
# overlapping voices); on the development telephone call they found the words of a 42-second piece
# the default beams lost, at the same speed. Aligning a known text stays cheap with beams this wide
# (20 pieces, 694 s of a lecture: 4.6 s at 1e-80, 5.3 s at 1e-200), and they align pieces of a fast
# lecturer that 1e-80 lost whole (SICP 6B, spoken by make_talk_audio.py: 4 pieces of 33-56 s).
LOOSE = {"bestpath": False, "beam": 1e-200, "pbeam": 1e-200, "wbeam": 1e-200}
MIN_PAUSE = 0.25  # seconds of silence before a word for a piece to start there
ANCHOR_RUN = 3  # recognised words in a row, exactly as in the text, that anchor it
STRAY = 8  # words by which a run's offset may stand out from both its neighbours' (see _without_strays)
STRAY_RUN = 8  # … when it is no longer than this: a long run heard exactly as written is no chance pairing
EDGE_WORD = 0.6  # seconds allowed per unanchored word before the first anchor or after the last
EDGE_MARGIN = 1.0
SHORTEST = 0.1  # seconds of audio the fewest a piece needs to be aligned
PAD = 0.5  # seconds of audio on each side of a transcript's segment aligned alone: its times may be that far off


@dataclass(frozen=True)
class Piece:
    first: int  # index of its first word
    last: int  # one past its last word
    start: float  # audio span
    end: float


def matches(words: list[str], heard: list[TimedWord], text_window: int = 150) -> list[tuple[int, int, int]]:
    """(text index, heard index, length) of runs heard exactly as written, found left to right.

    Each search looks a little ahead of the last match, so repeated passages cannot pull the text
    to a far-away repetition, and keeps only the runs in the first half of its text (a phrase at the
    window's end, cut off from what follows it, may match where it is said again); where nothing
    matches (an ad, music), the heard window widens.
    """
    spoken = [w.text for w in heard]
    found: list[tuple[int, int, int]] = []
    i = j = 0
    while i < len(words) and j < len(spoken):
        reach = 2 * text_window
        while True:
            blocks = [b for b in SequenceMatcher(None, words[i:i + text_window], spoken[j:j + reach],
                                                 autojunk=False).get_matching_blocks() if b.size >= ANCHOR_RUN]
            if blocks or j + reach >= len(spoken):
                break
            reach *= 2
        if not blocks:
            break
        if i + text_window < len(words):  # a block near the window's end may pair a phrase with a later repeat
            blocks = [b for b in blocks if b.a < text_window // 2] or blocks[:1]
        found += [(i + b.a, j + b.b, b.size) for b in blocks]
        i, j = i + blocks[-1].a + blocks[-1].size, j + blocks[-1].b + blocks[-1].size
    return _without_strays(found)


def _without_strays(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The runs without those paired with a repetition: a short run whose offset (heard index minus
    text index) is STRAY words above, or below, both its neighbours' (the text's start counting as
    offset 0 before the first). Heard words the text lacks (an ad) or text never heard raise or lower
    the offset from there on, a step; a phrase matched where it is said again is a spike."""
    runs = list(found)
    k = 0
    while k < len(runs) - 1:
        offset = runs[k][1] - runs[k][0]
        before = runs[k - 1][1] - runs[k - 1][0] if k else 0
        after = runs[k + 1][1] - runs[k + 1][0]
        if runs[k][2] <= STRAY_RUN and (min(offset - before, offset - after) >= STRAY
                                         or min(before - offset, after - offset) >= STRAY):
            del runs[k]
            k = max(0, k - 1)  # its neighbour before is judged again against the new one after
        else:
            k += 1
    return runs


def plan(words: list[str], found: list[tuple[int, int, int]], heard: list[TimedWord], duration: float) -> list[Piece]:
    """Cut the text into pieces at anchor words (inside `found`, the runs heard exactly as written) that
    follow a pause, so that no piece starts or ends in the middle of speech; each piece's audio runs from
    the middle of the pause before it to the middle of the pause after it, plus a little.

    The first piece starts no earlier than its first anchor allows for the words before it, and the
    last ends no later than its last anchor allows for the words after it: speech before or after
    the text (an unscripted intro, an ad) is left out instead of being claimed by the text."""
    if not found:
        return [Piece(0, len(words), 0.0, duration)]
    first_index, first_at, _ = found[0]
    last_index, last_at, last_size = found[-1]
    opening = max(0.0, heard[first_at].start - EDGE_WORD * first_index - EDGE_MARGIN)
    closing = heard[last_at + last_size - 1].end + EDGE_WORD * (len(words) - last_index - last_size) + EDGE_MARGIN
    return _cut(Piece(0, len(words), opening, closing), found, heard, PIECE, duration)


def split(piece: Piece, found: list[tuple[int, int, int]], heard: list[TimedWord]) -> list[Piece]:
    """A piece cut again at the anchors inside it, every SHORT_PIECE seconds: where a piece cannot be
    aligned as a whole (a stretch spoken too fast for the text, a garbled second), the rest of it can.
    No pieces when there is nowhere to cut."""
    inner = Piece(piece.first, piece.last, piece.start + MARGIN, piece.end - MARGIN)
    parts = _cut(inner, found, heard, SHORT_PIECE, piece.end)
    return parts if len(parts) > 1 else []


def _cut(whole: Piece, found: list[tuple[int, int, int]], heard: list[TimedWord], length: float,
         limit: float) -> list[Piece]:
    """`whole` cut at the first anchor word after a pause at least `length` seconds past the cut
    before (at most one per run of anchor words); each piece padded by MARGIN, none past `limit`."""
    cuts = [(whole.first, whole.start)]
    for index, at, size in found:
        for k in range(1 if at == 0 else 0, size):
            gap = heard[at + k].start - heard[at + k - 1].end
            middle = heard[at + k].start - gap / 2
            if (gap >= MIN_PAUSE and middle - cuts[-1][1] >= length and cuts[-1][0] < index + k < whole.last
                    and middle < whole.end):
                cuts.append((index + k, middle))
                break
    bounds = cuts + [(whole.last, min(limit, max(whole.end, cuts[-1][1] + length / 10)))]
    return [Piece(a, b, max(0.0, t0 - MARGIN), t1 + MARGIN) for (a, t0), (b, t1) in zip(bounds, bounds[1:]) if b > a]


def _align(job: tuple[Piece, list[str], np.ndarray]) -> list[TimedWord] | None:
    """Align one piece (the piece, its words, its audio); None when it fails."""
    piece, words, audio = job
    if len(audio) < SHORTEST * RATE:  # past the audio's end (a transcript longer than its audio)
        return None
    offset, pcm = piece.start, audio.tobytes()
    decoder = worker_decoder()
    try:
        decoder.set_align_text(" ".join(words))
        decode_utterance(decoder, pcm)
    except RuntimeError:
        return None
    found = words_of(decoder, offset)
    return found if len(found) == len(words) else None


def _audio_for(pieces: list[Piece], path: Path) -> Iterator[tuple[Piece, np.ndarray]]:
    """Each piece's stretch of audio, read in one pass over the stream (pieces in order of their starts; a piece may
    overlap the next)."""
    buffer = np.zeros(0, dtype=np.int16)
    buffer_start = 0.0
    chunks = stream(path, 10.0)
    for piece in pieces:
        while True:  # drop the audio before the piece (no later piece starts sooner), read until its end
            drop = min(len(buffer), max(0, int((piece.start - buffer_start) * RATE)))
            buffer, buffer_start = buffer[drop:], buffer_start + drop / RATE
            chunk = next(chunks, None) if buffer_start + len(buffer) / RATE < piece.end else None
            if chunk is None:
                break
            buffer = np.concatenate([buffer, chunk.samples])
        a = max(0, int((piece.start - buffer_start) * RATE))
        yield piece, buffer[a:int((piece.end - buffer_start) * RATE)]
    for _ in chunks:  # drain, so that decoding errors surface
        pass


def force_align(path: Path, words: list[str], workers: int | None = None,
                progress: Callable[[float], None] | None = None) -> list[TimedWord | None]:
    """A time for each word of `words` (lower-case recogniser words), None where none was found;
    `progress` hears how far the two passes got, in seconds of audio out of twice its length."""
    if not words:
        raise MediaError("the English text has no words to align")
    workers = max(1, workers or os.cpu_count() or 1)
    extra = _pronunciations(words)
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "text.lm"
        text_model(words, model)
        heard = recognise(path, workers, options={**ANCHOR_PASS, "lm": str(model)}, extra=extra, progress=progress)
    duration = heard[-1].end
    found = matches(words, heard)
    pieces = plan(words, found, heard, duration)
    times: list[TimedWord | None] = [None] * len(words)
    failed = _align_pieces(pieces, words, path, times, workers, ALIGN, extra,
                           (lambda start: progress(duration + start)) if progress else None)
    if failed:  # a looser search (telephone audio, mumbled stretches) finds most of the rest
        failed = _align_pieces(failed, words, path, times, workers, LOOSE, extra)
    if failed:  # and in shorter pieces, all but the stretch it cannot follow
        shorter = [part for piece in failed for part in split(piece, found, heard)]
        _align_pieces(shorter, words, path, times, workers, LOOSE, extra)
    _fill_from_recognition(words, found, heard, times)
    return times


def align_within(path: Path, stretches: list[tuple[float, float, list[str]]], workers: int | None = None,
                 progress: Callable[[float], None] | None = None) -> list[list[TimedWord] | None]:
    """Each stretch's words (lower-case recogniser words known to be said from `start` to `end`: a transcript's
    segment) timed within its own audio, padded by PAD; None for a stretch that could not be aligned, even with
    looser beams. No recognition pass: the stretches already say where the text is. `progress` hears the start of
    each stretch done, in seconds of audio."""
    words = [w for _, _, said in stretches for w in said]
    if not words:
        return [None] * len(stretches)
    pieces, first = [], 0
    for start, end, said in stretches:
        pieces.append(Piece(first, first + len(said), max(0.0, start - PAD), end + PAD))
        first += len(said)
    times: list[TimedWord | None] = [None] * len(words)
    workers = max(1, workers or os.cpu_count() or 1)
    extra = _pronunciations(words)
    spoken = [piece for piece in pieces if piece.last > piece.first]
    failed = _align_pieces(spoken, words, path, times, workers, ALIGN, extra, progress)
    if failed:
        _align_pieces(failed, words, path, times, workers, LOOSE, extra)
    found = [times[piece.first:piece.last] for piece in pieces]
    return [run if run and all(t is not None for t in run) else None for run in found]


def _pronunciations(words: list[str]) -> dict[str, str]:
    """Phones for the words PocketSphinx's dictionary lacks (names, coinages), by media.pronounce."""
    lookup = new_decoder().lookup_word
    return {w: pronounce(w, lookup) for w in sorted(set(words)) if lookup(w) is None}


def _align_pieces(pieces: list[Piece], words: list[str], path: Path, times: list[TimedWord | None], workers: int,
                  options: dict, extra: dict[str, str], progress: Callable[[float], None] | None = None) -> list[Piece]:
    """Align each piece within its stretch of audio, filling `times`; return the pieces that failed."""
    failed = []
    with worker_pool(workers, options, extra) as pool:
        jobs = ((piece, words[piece.first:piece.last], audio) for piece, audio in _audio_for(pieces, path))
        for (piece, piece_words, _), found in pool.map(_align, jobs):
            if progress:
                progress(piece.start)
            if found is None:
                failed.append(piece)
            else:
                times[piece.first:piece.last] = [TimedWord(w, f.start, f.end) for w, f in zip(piece_words, found)]
    return failed


def text_model(words: list[str], path: Path) -> None:
    """A trigram language model of the text (PocketSphinx's own ARPA builder), for the anchor pass."""
    from pocketsphinx.lm import ArpaBoLM

    lines = [" ".join(words[k:k + 20]) for k in range(0, len(words), 20)]
    builder = ArpaBoLM(text="\n".join(lines), add_start=True)
    builder.compute()
    builder.write_file(str(path))


def _fill_from_recognition(words: list[str], found: list[tuple[int, int, int]], heard: list[TimedWord],
                           times: list[TimedWord | None]) -> None:
    """Words of failed pieces take the time of the same word where the recogniser heard it (in `found`)."""
    for index, at, size in found:
        for k in range(size):
            if times[index + k] is None:
                h = heard[at + k]
                times[index + k] = TimedWord(words[index + k], h.start, h.end)
