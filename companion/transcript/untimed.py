"""Untimed English text (plain text or HTML from a show's website) made ready for forced alignment.

Lines (paragraphs) become segments; an opening `Name:` is the speaker, not spoken. Each token
is spoken as zero or more recogniser words: lower case, no punctuation, hyphenated words split,
numbers spelled out (years as years).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from companion.errors import InputError
from companion.text import SENTENCE_END, SPEAKER_LABEL, strip_controls
from companion.transcript.model import Segment, Transcript, Word

CLAUSE_END = re.compile(r"([,;:]|--|—)[\"')\]”’]*$")
MIN_CLAUSE = 5  # words before a comma may end a segment
MAX_WORDS = 12  # a segment (a subtitle-sized unit) never grows longer
MAX_BYTES = 16 << 20  # six hours of speech is under 1 MB of text


@dataclass
class Line:
    speaker: str | None
    tokens: list[str]


def read_english_text(path: str) -> list[Line]:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise InputError(f"{path} is {p.stat().st_size >> 20} MB: too large for an episode's English text")
        raw, _ = strip_controls(p.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"English text not found: {path}") from None
    except (IsADirectoryError, UnicodeDecodeError):
        raise InputError(f"{path} is not a UTF-8 text file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
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


def spoken(token: str) -> list[str]:
    """The recogniser words a written token stands for."""
    from num2words import num2words

    out = []
    for part in re.split(r"[-–—/]+", token.lower().replace("’", "'")):
        part = part.strip(".,;:!?\"“”()[]…'")
        if re.fullmatch(r"\d+(\.\d+)?", part):
            number = float(part) if "." in part else int(part)
            part = num2words(number, to="year") if isinstance(number, int) and 1100 <= number <= 2099 else num2words(number)
            out += re.findall(r"[a-z']+", part)
        elif re.search(r"[a-z]", part):
            out += re.findall(r"[a-z']+", part)
    return out


def timed_transcript(lines: list[Line], times: list, source: str = "") -> Transcript:
    """Subtitle-sized segments from lines (cut at sentence ends, at clause ends once five words long, and
    at twelve words), timed by the per-word `times`
    (one entry per recogniser word, in order; None entries are interpolated between neighbours)."""
    filled = _interpolate(times)
    segments: list[Segment] = []
    k = 0
    for line in lines:
        words: list[Word] = []
        for token in line.tokens:
            n = len(spoken(token))
            if n:
                words.append(Word(token, filled[k][0], filled[k + n - 1][1]))
            elif words:  # punctuation-only tokens join the word before
                words[-1] = Word(f"{words[-1].text} {token}", words[-1].start, words[-1].end)
            k += n
            if words and (SENTENCE_END.search(token) or len(words) >= MAX_WORDS
                          or (CLAUSE_END.search(token) and len(words) >= MIN_CLAUSE)):
                segments.append(_segment(words, line.speaker))
                words = []
        if words:
            segments.append(_segment(words, line.speaker))
    return Transcript(segments, source)


def _segment(words: list[Word], speaker: str | None) -> Segment:
    return Segment(words[0].start, max(words[-1].end, words[0].start + 0.01), " ".join(w.text for w in words),
                   speaker, list(words))


def _interpolate(times: list) -> list[tuple[float, float]]:
    """(start, end) for every word: missing ones share the gap between their timed neighbours."""
    known = [i for i, t in enumerate(times) if t is not None]
    if not known:
        raise InputError("no word of the English text could be found in the audio")
    out: list[tuple[float, float]] = []
    for i, t in enumerate(times):
        if t is not None:
            out.append((t.start, t.end))
            continue
        at = bisect.bisect_left(known, i)
        before = known[at - 1] if at > 0 else None
        after = known[at] if at < len(known) else None
        lo = times[before].end if before is not None else times[after].start
        hi = times[after].start if after is not None else times[before].end
        a, b = (before if before is not None else i - 1), (after if after is not None else i + 1)
        step = (hi - lo) / max(1, b - a)
        out.append((lo + step * (i - a - 1), lo + step * (i - a)))
    return out
