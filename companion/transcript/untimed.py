"""Untimed English text (plain text or HTML from a show's website) made ready for forced alignment.

Lines (paragraphs) become segments; an opening `Name:` is the speaker, not spoken. Each token
is spoken as zero or more recogniser words: lower case, no punctuation, hyphenated words split,
numbers spelled out (years as years).

A sound annotation (`(Laughter)`) is aligned as the word it names, as any other token. Tried: leaving it out of what
the audio is aligned to and timing it as the pause it stands in (as word_times does for a transcript's words). The
talks' audio (../shared/bench/make_talk_audio.py) reads annotations aloud where their cues start, after the voice has
finished the cue before early, so the sentences opening with one started that early: forced mode, 15 TED talks,
paragraphs / sentences within 1 s, clean .985/.983 -> .978/.969, intro .979/.978 -> .951/.963. Left as it is; real
audio, where no one says "laughter", is untried.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from companion.errors import InputError
from companion.files import read_utf8
from companion.text import CLAUSE_END, SENTENCE_END, SPEAKER_LABEL, strip_controls
from companion.transcript.model import Segment, Transcript, Word

MIN_CLAUSE = 5  # words before a comma may end a segment
MAX_WORDS = 12  # a segment cut from a longer line never grows longer
# Text copied from subtitles comes one cue per line: its lines are short (a median of at most CUE_MEDIAN
# characters; prose hard-wrapped at 72 columns has a median near 70), and each line no longer than two
# subtitle rows (2 x 42 characters) then stays one segment, a sentence beginning inside it starting with
# it, as with a cue of a transcript. Cutting such lines at sentence and clause ends as well timed every
# sentence by its own first word, truer to the voice but not to the subtitles the line came from. Forced
# mode, all 15 TED talks (en.txt: one cue per line, medians 29-50 characters, 99 % of lines <= 78),
# paragraphs within 1 s: clean .971 -> .982, intro .945 -> .967.
CUE_MEDIAN = 55
CUE_CHARACTERS = 84
MAX_BYTES = 16 << 20  # six hours of speech is under 1 MB of text


@dataclass
class Line:
    speaker: str | None
    tokens: list[str]


def read_english_text(path: str) -> list[Line]:
    p = Path(path)
    raw, _ = strip_controls(read_utf8(path, "English text", MAX_BYTES, word=True))
    if p.suffix.lower() in (".html", ".htm") or re.match(r"\s*<(!doctype|html|body|p|div)", raw, re.I):
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(raw, "html.parser")
        for tag in soup(["script", "style", "nav", "header", "footer"]):
            tag.decompose()
        raw = "\n".join(block.get_text(" ", strip=True) for block in soup.find_all(["p", "li", "h1", "h2", "h3", "div"])
                        if not block.find(["p", "li", "div"]))
    lines = []
    for text in raw.splitlines():
        text = text.strip()
        m = SPEAKER_LABEL.match(text)
        speaker = m.group(1) if m else None
        tokens = text[m.end():].split() if m else text.split()
        if tokens:
            lines.append(Line(speaker, tokens))
    if not any(spoken(t) for line in lines for t in line.tokens):
        raise InputError(f"{path} holds no English words to align")
    return lines


# A written number as a speaker says it: currency sign, digits (with thousands separators), decimals,
# and a percent sign, an ordinal ending or a decade's s.
NUMBER = re.compile(r"([$£€]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%|st|nd|rd|th|s|'s)?")
CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")  # a time of day, `19:00`


def spoken(token: str) -> list[str]:
    """The recogniser words a written token stands for (`$1,000` -> one thousand dollars): forced
    alignment needs every word the speaker says, a number left out loses its whole stretch of audio."""
    out = []
    for part in re.split(r"[-–—/]+", token.replace("’", "'")):
        part = part.strip(".,;:!?\"“”()[]…'")
        number = NUMBER.fullmatch(part.lower())
        clock = CLOCK.fullmatch(part)
        if number:
            out += _say_number(*number.groups())
        elif clock:
            out += _say_time(int(clock.group(1)), int(clock.group(2)))
        elif re.search(r"[A-Za-z]", part) and re.search(r"\d", part):
            out += _say_code(part)
        elif re.search(r"[A-Za-z]", part):
            out += re.findall(r"[a-z']+", part.lower())
    return out


def _say_time(hour: int, minute: int) -> list[str]:
    """A clock time as it is read: `7:30` seven thirty, `7:05` seven oh five, `7:00` seven o'clock, `19:00`
    nineteen hundred."""
    if minute == 0:
        tail = ["o'clock"] if 0 < hour <= 12 else ["hundred"]
    else:
        tail = (["oh"] if minute < 10 else []) + _say_number("", str(minute), None, None)
    return _say_number("", str(hour), None, None) + tail


def _say_code(code: str) -> list[str]:
    """A code or model name of letters and digits as it is read (`O600KO78RUS` -> o six hundred k o seventy
    eight r u s, `arc4random` -> arc four random): digit runs as numbers, capitals and runs of one or two
    letters (`mp3`) spelled, other letter runs as words."""
    out = []
    for run in re.findall(r"[A-Za-z']+|\d+", code):
        if run.isdigit():
            out += _say_number("", run, None, None)
        elif run.isupper() or len(run) <= 2:
            out += [ch for ch in run.lower() if ch != "'"]
        else:
            out.append(run.lower())
    return out


def _say_number(currency: str, digits: str, decimals: str | None, suffix: str | None) -> list[str]:
    from num2words import num2words

    value = int(digits.replace(",", ""))
    if suffix in ("st", "nd", "rd", "th"):
        words = num2words(value, to="ordinal")
    elif decimals:
        words = num2words(float(f"{value}{decimals}"))
    elif 1100 <= value <= 2099 and not currency and "," not in digits and suffix != "%":
        words = num2words(value, to="year")  # 1984, the 1980s
    else:
        words = num2words(value)
    out = re.findall(r"[a-z']+", words)
    if suffix in ("s", "'s"):  # the eighties, the 1900s
        out[-1] = out[-1][:-1] + "ies" if out[-1].endswith("y") else out[-1] + "s"
    if suffix == "%":
        out.append("percent")
    if currency:
        out.append(CURRENCY[currency])
    return out


def timed_transcript(lines: list[Line], times: list, source: str = "", speech: list[tuple[float, float]] = (),
                     end: float | None = None) -> Transcript:
    """Subtitle-sized segments from lines (in text of subtitle cues a line of cue size whole; others cut at
    sentence ends, at clause ends once five words long, and at twelve words), timed by the per-word `times`
    (one entry per recogniser word, in order). Words with no time (None) are spread over the `speech`
    regions between their timed neighbours (or the audio's `end`), in proportion to their length, and
    their segments marked `guessed`."""
    times = _plausible(times)
    filled = _interpolate(times, [w for line in lines for t in line.tokens for w in spoken(t)], speech, end)
    segments: list[Segment] = []
    k = 0
    lengths = [len(" ".join(line.tokens)) for line in lines]
    as_cues = statistics.median(lengths) <= CUE_MEDIAN
    for line, length in zip(lines, lengths):
        words: list[Word] = []
        guessed = False
        cue = as_cues and length <= CUE_CHARACTERS
        for token in line.tokens:
            n = len(spoken(token))
            if n:
                words.append(Word(token, filled[k][0], filled[k + n - 1][1]))
                guessed = guessed or any(times[j] is None for j in range(k, k + n))
            elif words:  # punctuation-only tokens join the word before
                words[-1] = Word(f"{words[-1].text} {token}", words[-1].start, words[-1].end)
            k += n
            if words and not cue and ends_segment(token, len(words)):
                segments.append(_segment(words, line.speaker, guessed))
                words, guessed = [], False
        if words:
            segments.append(_segment(words, line.speaker, guessed))
    return Transcript(segments, source)


def ends_segment(token: str, words: int) -> bool:
    """Whether a segment of `words` words that `token` closes ends there: at a sentence end, at a clause end once
    MIN_CLAUSE words long, at MAX_WORDS words."""
    return bool(SENTENCE_END.search(token) or words >= MAX_WORDS or (CLAUSE_END.search(token) and words >= MIN_CLAUSE))


def _segment(words: list[Word], speaker: str | None, guessed: bool) -> Segment:
    return Segment(words[0].start, max(words[-1].end, words[0].start + 0.01), " ".join(w.text for w in words),
                   speaker, list(words), guessed)


GUESSED_RATE = 0.3  # seconds a word when no speech is known around a run of unheard words
# Seconds a word at the least: no speaker says ten words a second, so unheard words that would have
# less room than this between their heard neighbours show that one of those neighbours is misplaced;
# but a few short words ("in", "a") may go unheard between two heard ones with no room at all.
FASTEST_WORD = 0.1
SWALLOWED = 5  # unheard words allowed no room at all


def _plausible(times: list) -> list:
    """The word times without heard runs that leave the unheard words beside them impossibly little room.

    A short phrase said twice ("friends and family") may be anchored at its later occurrence; the
    words between it and the next heard word then have no time to be said, and spreading them anyway
    would put them after that word. Such a run, the shorter of the two around the gap, loses its
    times (its words are then spread like the others), until every gap leaves room."""
    out = list(times)
    while True:
        runs = _runs(out)  # (first, last + 1) of each run of heard words
        gap = next((k for k in range(len(runs) - 1)
                    if out[runs[k + 1][0]].start - out[runs[k][1] - 1].end
                    < FASTEST_WORD * (runs[k + 1][0] - runs[k][1] - SWALLOWED)), None)
        if gap is None:
            return out
        a, b = min(runs[gap], runs[gap + 1], key=lambda run: run[1] - run[0])
        out[a:b] = [None] * (b - a)


def _runs(times: list) -> list[tuple[int, int]]:
    """[first, last + 1) of each run of consecutive words with a time."""
    runs: list[tuple[int, int]] = []
    for i, t in enumerate(times):
        if t is None:
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _interpolate(times: list, words: list[str], speech: list[tuple[float, float]],
                 end: float | None) -> list[tuple[float, float]]:
    """(start, end) for every word: each run of missing ones shares the speech between its timed
    neighbours (the start or end of the audio at the edges) in proportion to the words' lengths."""
    known = [i for i, t in enumerate(times) if t is not None]
    if not known:
        raise InputError("no word of the English text could be found in the audio")
    out: list[tuple[float, float] | None] = [(t.start, t.end) if t is not None else None for t in times]
    i = 0
    while i < len(times):
        if times[i] is not None:
            i += 1
            continue
        j = i
        while j < len(times) and times[j] is None:
            j += 1
        lo = times[i - 1].end if i > 0 else 0.0
        hi = times[j].start if j < len(times) else max(end or 0.0, lo)
        if i == 0:  # leading words: no earlier than the speech before the first heard word allows
            lo = max(0.0, hi - GUESSED_RATE * (j - i) * 4)
        weights = [len(w) + 1 for w in words[i:j]]
        out[i:j] = _spread(lo, hi, weights, speech, room=j == len(times))
        i = j
    return out


def _spread(lo: float, hi: float, weights: list[int], speech: list[tuple[float, float]],
            room: bool = False) -> list[tuple[float, float]]:
    """Consecutive spans for words of these weights over the speech inside [lo, hi] (all of it when
    none is known there); with `room` (no heard word follows) they may run past `hi` to get the time
    they need, else they stay inside it, so that times never go backwards."""
    parts = [(max(a, lo), min(b, hi)) for a, b in speech if b > lo and a < hi]
    if sum(b - a for a, b in parts if b - a >= 0.15) >= 0.2:  # slivers are the tails of heard words
        parts = [(a, b) for a, b in parts if b - a >= 0.15]
    if sum(b - a for a, b in parts) < 0.2:
        parts = [(lo, max(hi, lo + 0.05 * len(weights)) if room else max(hi, lo))]
    total_time = sum(b - a for a, b in parts)
    total = sum(weights)
    edges, acc = [], 0.0

    def at(share: float) -> float:
        left = share * total_time
        for a, b in parts:
            if left <= b - a:
                return a + left
            left -= b - a
        return parts[-1][1]

    for w in weights:
        edges.append((at(acc / total), at((acc + w) / total)))
        acc += w
    return edges
