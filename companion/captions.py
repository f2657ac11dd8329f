"""Subtitle cues from an alignment: the Chinese read in whole clauses, the English beside what it says.

The Chinese drives the bilingual cues: every aligned sentence is cut into reading units of whole
clauses (subtitles.reading), timed within the sentence's span where the English words their glosses
find are spoken (align.inside), then the English words spoken during each unit join it. English that no
Chinese covers (ads, intros, outros) keeps cues of its own. A cue with more than three lines is cut
in two at a clause. Where a cue would be read faster than nine characters a second, the cut
between it and a slower neighbour moves by up to a second. The Chinese-only tracks use the reading
units as they are. In every track each Chinese character appears once and in article order, cues
never overlap and always have a length.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from companion.align.inside import cut_times
from companion.text import word_end
from companion.transcript.model import Segment, Transcript
from subtitles.cue import Cue
from subtitles.linebreak import cut_chinese, display_width, wrap_chinese, wrap_english
from subtitles.reading import (SCRAP, chinese as chinese_count, clause_cut, english_cuts, ends_sentence, fits,
                               groups, visible)

SNAP = 1.0  # seconds: an inner cut moves to an English cue boundary this close
READING_SPEED = 9.0  # Chinese characters a second at most: Netflix's limit for Simplified Chinese
EVEN_REACH = 1.0  # seconds: how far the cut between two touching cues may move to even out their speeds
LEFTOVER = 1.0  # seconds: a cue is cut to max_duration only when this much English is left to show alone
MIN_PIECE = 0.01  # seconds: the least a piece of a sentence is given, when the words' times leave it none
# Chinese characters a second either half of a cue cut in two (_within_lines) may come to when the cut moves to where
# the second half's English begins: the 95th percentile of the development talks' and lectures' bilingual cues (8.0
# and 8.3, transcript mode), so that the track reads no faster overall (at READING_SPEED its p95 rose to 9.0).
SPLIT_SPEED = 8.0
LEAD = 0.5  # seconds: how much earlier than its speech a cue may appear, into a pause, to be long enough to read


@dataclass(frozen=True)
class Rules:
    en_width: int = 42
    zh_width: int = 18
    lines: int = 2
    min_duration: float = 1.0  # a cue shorter than a second flashes by
    zh_min_duration: float = 1.2  # Chinese-only cues: one sentence or clause group, read alone
    max_duration: float = 7.0
    max_lines: int = 3  # lines of a bilingual cue, both languages together, where time allows


@dataclass
class TimedChinese:
    """An aligned Chinese sentence with its span."""

    text: str
    start: float
    end: float
    speaker: str | None = None


@dataclass
class _Word:
    text: str
    time: float  # its middle
    start: float
    end: float
    speaker: str | None
    opens: bool = False  # the first word of its segment


@dataclass
class _Reading:
    """A cue in the making: Chinese pieces with their speakers, English words, a span."""

    start: float
    end: float
    chinese: list[tuple[str, str | None]] = field(default_factory=list)
    words: list[_Word] = field(default_factory=list)

    @property
    def zh(self) -> str:
        return "".join(t for t, _ in self.chinese)

    @property
    def english(self) -> str:
        return " ".join(w.text for w in self.words)

    def voice(self, names: dict[str, str]) -> str | None:
        weight: dict[str, int] = {}
        for text, who in self.chinese:
            if who:
                who = names.get(who, who)
                weight[who] = weight.get(who, 0) + len(text)
        if weight:
            return max(weight, key=weight.get)
        spoken = [names.get(w.speaker, w.speaker) for w in self.words if w.speaker]
        return max(set(spoken), key=spoken.count) if spoken else None


def build_cues(transcript: Transcript, chinese: list[TimedChinese], rules: Rules = Rules(), order: str = "en-zh",
               names: dict[str, str] | None = None) -> tuple[list[Cue], list[Cue], list[Cue]]:
    """(bilingual, Chinese-only, English) cues; `names` says which name to show for a speaker name of
    either side (companion.speakers)."""
    names = names or {}
    english = english_cues(transcript, rules)  # the English track keeps the transcript's own names
    boundaries = sorted({s.start for s in transcript.segments} | {s.end for s in transcript.segments})
    words = _words(transcript)
    readings = _fit_times(_no_scraps(_readings(chinese, rules, boundaries, words), rules), rules)
    _even_out(readings, rules)
    zh_only = [Cue(r.start, r.end, [wrap_chinese(r.zh, rules.zh_width)], r.voice(names)) for r in readings]
    untranslated = _attach_words(readings, words, rules)
    cues = sorted([*readings, *untranslated], key=lambda r: r.start)
    cues = _spill_english([piece for r in cues for piece in _within_lines(r, rules)], rules)
    bilingual = []
    for r in cues:
        en_lines = wrap_english(r.english, rules.en_width) if r.words else []
        zh_lines = wrap_chinese(r.zh, rules.zh_width)
        blocks = [en_lines, zh_lines] if order == "en-zh" else [zh_lines, en_lines]
        bilingual.append(Cue(r.start, r.end, blocks, r.voice(names)))
    return bilingual, zh_only, english


def english_cues(transcript: Transcript, rules: Rules) -> list[Cue]:
    """The English track: transcript segments, cut where they are too long to show as one cue."""
    cues: list[Cue] = []
    for seg in transcript.segments:
        for start, end, words in _english_runs(_segment_words(seg), seg.start, seg.end, rules):
            cues.append(Cue(start, end, [wrap_english(" ".join(w.text for w in words), rules.en_width)], seg.speaker))
    return cues


def _english_runs(words: list[_Word], start: float, end: float,
                  rules: Rules) -> list[tuple[float, float, list[_Word]]]:
    """Timed English words shown alone from `start` to `end`, cut into cues that fit two lines and max_duration and
    last min_duration: at sentence ends first, then clause marks (reading.english_cuts); each cue runs on to where
    the next begins."""
    def fill(i: int, j: int) -> float | None:
        lines = wrap_english(" ".join(w.text for w in words[i:j]), rules.en_width)
        full = max(sum(map(len, lines)) / (rules.en_width * rules.lines),
                   (words[j - 1].end - words[i].start) / rules.max_duration)
        return full if len(lines) <= rules.lines and full <= 1.0 else None

    def flashes(i: int, j: int) -> bool:
        return (words[j].start if j < len(words) else end) - (words[i].start if i else start) < rules.min_duration

    edges = [0, *english_cuts([word_end(w.text) for w in words], fill, flashes), len(words)]
    times = [start] + [min(max(words[c].start, start), end) for c in edges[1:-1]] + [end]
    for k in range(1, len(times)):
        times[k] = max(times[k], times[k - 1] + MIN_PIECE)
    return [(a, b, words[i:j]) for a, b, i, j in zip(times, times[1:], edges, edges[1:])]


def _readings(chinese: list[TimedChinese], rules: Rules, boundaries: list[float], words: list[_Word]) -> list[_Reading]:
    """Each sentence cut into clause groups that fit two lines, timed within the sentence's span where the English
    words spoken there say (align.inside), else by their shares of its characters, moved onto English cue boundaries
    near them."""
    out: list[_Reading] = []
    times = [w.time for w in words]
    for sent in chinese:
        pieces = groups(sent.text, rules.zh_width, rules.lines)
        end = max(sent.end, sent.start + 0.01)
        spoken = words[bisect.bisect_left(times, sent.start):bisect.bisect_left(times, end)]
        found = _cut_times(pieces, spoken) if len(pieces) > 1 else None
        total = sum(len(p) for p in pieces) or 1
        edges, acc = [sent.start], 0
        for k, piece in enumerate(pieces[:-1]):
            acc += len(piece)
            if found:
                edges.append(min(max(found[k], edges[-1] + MIN_PIECE), end - MIN_PIECE))
            else:
                edges.append(_snap(sent.start + (end - sent.start) * acc / total, boundaries, edges[-1], end))
        edges.append(end)
        out.extend(_Reading(a, b, [(p, sent.speaker)]) for p, a, b in zip(pieces, edges, edges[1:]))
    return out


def _cut_times(pieces: list[str], words: list[_Word]) -> list[float] | None:
    """align.inside.cut_times on these words: when each piece after the first starts, or None."""
    return cut_times(pieces, [w.text for w in words], [w.start for w in words], [w.opens for w in words])


def _no_scraps(readings: list[_Reading], rules: Rules) -> list[_Reading]:
    """A scrap left inside a sentence (its clause could join neither neighbour there) joins the next
    sentence's first piece, or else the last piece before it, when the two fit two lines and seven
    seconds."""
    out: list[_Reading] = []
    k = 0
    while k < len(readings):
        r = readings[k]
        scrap = chinese_count(r.zh) <= SCRAP and not (ends_sentence(out[-1].zh if out else "。")
                                                       and ends_sentence(r.zh))
        nxt = readings[k + 1] if k + 1 < len(readings) else None
        if scrap and nxt and _joins(r, nxt, rules):
            readings[k + 1] = _Reading(r.start, nxt.end, r.chinese + nxt.chinese)
        elif scrap and out and _joins(out[-1], r, rules):
            out[-1].chinese.extend(r.chinese)
            out[-1].end = max(out[-1].end, r.end)
        else:
            out.append(r)
        k += 1
    return out


def _joins(a: _Reading, b: _Reading, rules: Rules) -> bool:
    """Whether two readings may become one cue: two lines, seven seconds, nine characters a second."""
    span = b.end - a.start
    return span <= rules.max_duration and visible(a.zh + b.zh) <= READING_SPEED * span \
        and fits(a.zh + b.zh, rules.zh_width, rules.lines)


def _snap(t: float, boundaries: list[float], floor: float, ceiling: float) -> float:
    """`t` moved to the nearest English cue boundary within SNAP (and strictly inside the span)."""
    k = bisect.bisect_left(boundaries, t)
    near = [b for b in boundaries[max(0, k - 1):k + 1] if abs(b - t) <= SNAP and floor < b < ceiling]
    return min(near, key=lambda b: abs(b - t)) if near else t


def _fit_times(readings: list[_Reading], rules: Rules) -> list[_Reading]:
    """Starts never go back, cues never overlap, each lasts at least zh_min_duration where the next one
    leaves room (else the two join, when they fit two lines) and at most max_duration (or a little
    more, see LEFTOVER), and is read at no more than nine characters a second where the pause after
    it allows, or else the pause before it (LEAD)."""
    shortest = rules.zh_min_duration
    out: list[_Reading] = []
    for r in readings:
        if out:
            prev = out[-1]
            r.start = max(r.start, prev.start)
            if r.start - prev.start < shortest and fits(prev.zh + r.zh, rules.zh_width, rules.lines):
                prev.chinese.extend(r.chinese)
                prev.end = max(prev.end, r.end)
                continue
            r.start = max(r.start, prev.start + min(shortest, rules.max_duration))
            prev.end = min(prev.end, r.start)
        r.end = max(r.end, r.start + 0.01)
        out.append(r)
    for k, r in enumerate(out):
        limit = out[k + 1].start if k + 1 < len(out) else r.end + rules.max_duration
        wanted = max(shortest, visible(r.zh) / READING_SPEED)
        if r.end - r.start < wanted:
            r.end = min(max(r.end, r.start + wanted), limit, r.start + rules.max_duration)
        if r.end - r.start < wanted:  # the next cue follows at once: show it a little early instead
            r.start = max(r.end - wanted, r.start - LEAD, out[k - 1].end if k else 0.0)
        if r.end - r.start > rules.max_duration + LEFTOVER:  # a short sentence over a long span (English
            r.end = r.start + rules.max_duration  # nobody translated around it): that English shows on its own
    return out


def _even_out(readings: list[_Reading], rules: Rules, rounds: int = 3) -> None:
    """Where one of two touching cues must be read faster than READING_SPEED, the cut between them
    moves (by EVEN_REACH at most) towards equal speeds: the Chinese shows a little before or after
    it is spoken rather than too fast to read. A few rounds let a dense run borrow from both sides."""
    shortest = rules.zh_min_duration
    spoken = [r.end for r in readings]
    counts = [visible(r.zh) for r in readings]
    for _ in range(rounds):
        for a, b, cut, na, nb in zip(readings, readings[1:], spoken, counts, counts[1:]):
            if b.start - a.end > 0.05 or max(na / (a.end - a.start), nb / (b.end - b.start)) <= READING_SPEED:
                continue
            even = a.start + (b.end - a.start) * na / max(1, na + nb)
            lo = max(cut - EVEN_REACH, a.start + shortest, b.end - rules.max_duration)
            hi = min(cut + EVEN_REACH, b.end - shortest, a.start + rules.max_duration)
            if lo <= hi:
                a.end = b.start = min(max(even, lo), hi)


def _words(transcript: Transcript) -> list[_Word]:
    return [w for seg in transcript.segments for w in _segment_words(seg)]


def _segment_words(seg: Segment) -> list[_Word]:
    """A segment's English words with times: their own when known, else its time shared out by characters."""
    if seg.words:
        return [_Word(w.text, (w.start + w.end) / 2, w.start, w.end, seg.speaker, k == 0)
                for k, w in enumerate(seg.words)]
    tokens = seg.text.split()
    total = sum(len(t) + 1 for t in tokens) or 1
    words, acc = [], 0
    for k, t in enumerate(tokens):
        a = seg.start + (seg.end - seg.start) * acc / total
        acc += len(t) + 1
        b = seg.start + (seg.end - seg.start) * acc / total
        words.append(_Word(t, (a + b) / 2, a, b, seg.speaker, k == 0))
    return words


def _attach_words(readings: list[_Reading], words: list[_Word], rules: Rules) -> list[_Reading]:
    """English words join the Chinese cue they are spoken in; the others make English-only cues
    (untranslated speech), one per run, within the time the Chinese cues leave free. A run too
    short to read (`Mr.` between two sentences' spans) joins the nearer Chinese cue instead, when
    one is within a second."""
    starts = [r.start for r in readings]
    alone: list[_Reading] = []
    for w in words:
        k = bisect.bisect_right(starts, w.time) - 1
        if k >= 0 and w.time < readings[k].end:
            readings[k].words.append(w)
            continue
        floor = readings[k].end if k >= 0 else 0.0
        ceiling = readings[k + 1].start if k + 1 < len(readings) else float("inf")
        if alone and alone[-1].end <= ceiling and alone[-1].start >= floor and w.start - alone[-1].end < 1.0 \
                and w.speaker == alone[-1].words[-1].speaker:
            alone[-1].words.append(w)
            alone[-1].end = min(max(alone[-1].end, w.end), ceiling)
        else:
            start = max(w.start, floor)
            alone.append(_Reading(start, max(min(w.end, ceiling), start + 0.01), [], [w]))
    kept = []
    for n, run in enumerate(alone):
        k = bisect.bisect_right(starts, run.start) - 1  # the Chinese cue before the run, then the one after
        near = [(run.start - readings[k].end, k) if k >= 0 else (SNAP + 1, -1),
                (readings[k + 1].start - run.end, k + 1) if k + 1 < len(readings) else (SNAP + 1, -1)]
        gap, j = min(near)
        if run.end - run.start >= rules.min_duration or gap > SNAP:
            ceiling = min(readings[k + 1].start if k + 1 < len(readings) else float("inf"),
                          alone[n + 1].start if n + 1 < len(alone) else float("inf"))
            run.end = max(run.end, min(run.start + rules.min_duration, ceiling))  # alone, it may stay up a little longer
            kept.append(run)
        elif j == k:
            readings[j].words.extend(run.words)
        else:
            readings[j].words[:0] = run.words
    return [piece for r in kept for piece in _english_pieces(r, rules)]


def _english_pieces(reading: _Reading, rules: Rules) -> list[_Reading]:
    """An English-only run cut where it is too long for one cue."""
    return [_Reading(a, b, [], words) for a, b, words in _english_runs(reading.words, reading.start, reading.end, rules)]


def _lines(r: _Reading, rules: Rules) -> int:
    return len(wrap_english(r.english, rules.en_width)) + len(wrap_chinese(r.zh, rules.zh_width))


def _spill_english(cues: list[_Reading], rules: Rules, reach: float = 0.5) -> list[_Reading]:
    """A cue still over max_lines gives its first or last English words to the cue before or after it (when that one
    follows within `reach` seconds and keeps within max_lines; first to the one that shows them nearer their time),
    so that its own English fits one line: English timing may slip, the Chinese never moves. One cue in twelve to
    fifteen gives words so (development talks and lectures, transcript mode, clean); they show a median 1.1 s (at
    most 4.4 s) from when they are spoken; trying the cue before first, as before, left 32 of the 221 TED cues and
    54 of the 407 long-form ones more than 2 s off, where the nearer side leaves 28 and 44. Moving the cut with
    them, as far as the cue's Chinese stays at eight characters a second, brought that to 0.2 s on TED, but the
    Chinese of 153 of the 196 TED cues it moved then started further from the human Chinese subtitles' time (by 0.7
    s on average): the Chinese is what the reader reads, so left out."""
    for k, r in enumerate(cues):
        if not r.words or _lines(r, rules) <= rules.max_lines:
            continue
        near = [k + side for side in (-1, 1) if 0 <= k + side < len(cues) and cues[k + side].chinese
                and abs((cues[k + side].end if side < 0 else cues[k + side].start) - (r.start if side < 0 else r.end))
                <= reach]
        offers = {j: _lent(r, j < k, rules) for j in near}
        for j in sorted(near, key=lambda j: _away(cues[j], offers[j], j < k)):
            moved, neighbour = offers[j], cues[j]
            trial = neighbour.words + moved if j < k else moved + neighbour.words
            if moved and len(wrap_english(" ".join(w.text for w in trial), rules.en_width)) \
                    + len(wrap_chinese(neighbour.zh, rules.zh_width)) <= rules.max_lines:
                neighbour.words = trial
                r.words = r.words[len(moved):] if j < k else r.words[:len(r.words) - len(moved)]
                break
        # (if neither neighbour can take them, the cue keeps four lines)
    return cues


def _lent(r: _Reading, first: bool, rules: Rules) -> list[_Word]:
    """The first (or last) English words of `r` that must go for the rest to fit one line."""
    kept = list(r.words)
    while kept and len(" ".join(w.text for w in kept)) > rules.en_width:
        kept.pop(0 if first else -1)
    return r.words[:len(r.words) - len(kept)] if first else r.words[len(kept):]


def _away(neighbour: _Reading, moved: list[_Word], before: bool) -> float:
    """How long after the `neighbour` before ends (or before the one after starts) the `moved` words are spoken."""
    if not moved:
        return float("inf")
    return moved[-1].end - neighbour.end if before else neighbour.start - moved[0].start


def _within_lines(r: _Reading, rules: Rules) -> list[_Reading]:
    """A cue whose English and Chinese lines together exceed max_lines is cut in two at the Chinese
    clause boundary nearest its middle (at a word only when the Chinese alone needs more than two
    lines), while both halves keep their minimum time and neither is a scrap; in time, where the second
    half's English begins (align.inside) as far as both halves can be read at SPLIT_SPEED, else at the
    halves' shares of the characters. A Chinese too short to cut keeps the first half of the English, and
    the second half shows alone."""
    en_lines = len(wrap_english(r.english, rules.en_width))
    lines = en_lines + len(wrap_chinese(r.zh, rules.zh_width))
    if lines <= rules.max_lines or r.end - r.start < 2 * rules.min_duration:
        return [r]
    if visible(r.zh) < 10:
        return _english_off(r, rules) if en_lines > rules.lines else [r]
    text = r.zh
    cut = clause_cut(text)
    if cut is None and (display_width(text) > rules.zh_width * rules.lines or en_lines > rules.lines):
        cut = len(cut_chinese(text, [len(text) / 2])[0])  # over four lines: a word boundary must do
    if cut is None:
        return [r]
    head, tail = text[:cut], text[cut:]
    middle = r.start + (r.end - r.start) * len(head) / len(text)
    found = _cut_times([head, tail], r.words)
    earliest = r.start + max(rules.min_duration, visible(head) / SPLIT_SPEED)
    latest = r.end - max(rules.min_duration, visible(tail) / SPLIT_SPEED)
    if found and earliest <= latest:  # where the tail's English begins, if both halves can still be read
        middle = min(max(found[0], earliest), latest)
    middle = min(max(middle, r.start + rules.min_duration), r.end - rules.min_duration)
    speakers = [who for _, who in r.chinese]
    first = _Reading(r.start, middle, [(head, speakers[0])], [w for w in r.words if w.time < middle])
    second = _Reading(middle, r.end, [(tail, speakers[-1])], [w for w in r.words if w.time >= middle])
    return _within_lines(first, rules) + _within_lines(second, rules)


def _english_off(r: _Reading, rules: Rules) -> list[_Reading]:
    """The cue cut in time at the English word nearest its middle: the Chinese stays with the first
    half, the second half is English alone (each at least min_duration)."""
    middle = min(max(r.words[len(r.words) // 2].start, r.start + rules.min_duration), r.end - rules.min_duration)
    first = _Reading(r.start, middle, r.chinese, [w for w in r.words if w.time < middle])
    second = _Reading(middle, r.end, [], [w for w in r.words if w.time >= middle])
    if not first.words or not second.words:
        return [r]
    return _within_lines(first, rules) + _within_lines(second, rules)
