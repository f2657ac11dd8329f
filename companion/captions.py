"""Bilingual cues: the English timed units carry the Chinese text whose time falls inside them."""

from __future__ import annotations

from dataclasses import dataclass, field

from subtitles.cue import Cue
from subtitles.linebreak import cut_chinese, wrap_chinese, wrap_english
from companion.transcript.model import Transcript


@dataclass(frozen=True)
class Rules:
    en_width: int = 42
    zh_width: int = 18
    lines: int = 2
    min_duration: float = 0.8
    max_duration: float = 7.0


@dataclass
class TimedChinese:
    """An aligned Chinese sentence with its span."""

    text: str
    start: float
    end: float
    speaker: str | None = None


@dataclass
class _Unit:
    start: float
    end: float
    english: str
    speaker: str | None = None
    chinese: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def zh(self) -> str:
        return "".join(t for t, _ in self.chinese)

    def voice(self) -> str | None:
        weight: dict[str, int] = {}
        for text, who in self.chinese:
            if who:
                weight[who] = weight.get(who, 0) + len(text)
        return max(weight, key=weight.get) if weight else self.speaker


def english_units(transcript: Transcript, rules: Rules) -> list[_Unit]:
    """Transcript segments, cut where they are too long to show as one cue."""
    units: list[_Unit] = []
    for seg in transcript.segments:
        parts = max(1, -(-len(seg.text) // (rules.en_width * rules.lines)),
                    int(-(-(seg.end - seg.start) // rules.max_duration)))
        for k, text in enumerate(_split_words(seg.text, parts)):
            a = seg.start + (seg.end - seg.start) * k / parts
            b = seg.start + (seg.end - seg.start) * (k + 1) / parts
            units.append(_Unit(a, b, text, seg.speaker))
    return units


def _split_words(text: str, parts: int) -> list[str]:
    words = text.split()
    if parts <= 1 or len(words) < parts:
        return [text]
    total = sum(len(w) + 1 for w in words)
    out, current, acc = [], [], 0
    for w in words:
        current.append(w)
        acc += len(w) + 1
        if acc >= total * (len(out) + 1) / parts and len(out) < parts - 1:
            out.append(" ".join(current))
            current = []
    out.append(" ".join(current))
    return [p for p in out if p]


def build_cues(transcript: Transcript, chinese: list[TimedChinese], rules: Rules = Rules(),
               order: str = "en-zh") -> tuple[list[Cue], list[Cue], list[Cue]]:
    """(bilingual, Chinese-only, English) cues; every Chinese character appears exactly once, in order."""
    units = english_units(transcript, rules)
    english = [Cue(u.start, u.end, [wrap_english(u.english, rules.en_width)], u.speaker) for u in units]
    units = _attach_chinese(units, chinese)
    units = [piece for u in units for piece in _fit(u, rules)]
    units = _fix_durations(units, rules)
    bilingual, zh_only = [], []
    for u in units:
        en_lines = wrap_english(u.english, rules.en_width) if u.english else []
        zh_lines = wrap_chinese(u.zh, rules.zh_width)
        blocks = [en_lines, zh_lines] if order == "en-zh" else [zh_lines, en_lines]
        bilingual.append(Cue(u.start, u.end, blocks, u.voice()))
        if zh_lines:
            zh_only.append(Cue(u.start, u.end, [zh_lines], u.voice()))
    return bilingual, zh_only, english


def _attach_chinese(units: list[_Unit], chinese: list[TimedChinese]) -> list[_Unit]:
    """Share each sentence among the units it overlaps, by overlap, never before the unit that holds the
    end of the sentence before it (spans may overlap, text must stay in article order); a sentence
    with no unit left to overlap gets a unit of its own."""
    out = list(units)
    floor = 0  # the unit holding the last piece placed so far
    for sent in chinese:
        overlaps, j = [], floor
        while j < len(out) and out[j].start < sent.end:
            overlap = min(out[j].end, sent.end) - max(out[j].start, sent.start)
            if overlap > 0:
                overlaps.append((j, overlap))
            j += 1
        if not overlaps:
            at = floor + 1 if floor < len(out) and out[floor].chinese else floor
            while at < len(out) and out[at].start <= sent.start:
                at += 1
            start = max(sent.start, out[at - 1].start if at > 0 else sent.start)
            out.insert(at, _Unit(start, max(sent.end, start + 0.8), "", None, [(sent.text, sent.speaker)]))
            floor = at
            continue
        total = sum(o for _, o in overlaps)
        acc, targets = 0.0, []
        for _, o in overlaps[:-1]:
            acc += o
            targets.append(len(sent.text) * acc / total)
        for (j, _), piece in zip(overlaps, cut_chinese(sent.text, targets)):
            if piece:
                out[j].chinese.append((piece, sent.speaker))
                floor = j
    return out


def _fit(unit: _Unit, rules: Rules) -> list[_Unit]:
    """Split a unit whose Chinese is longer than its lines allow into shorter units over the same time."""
    room = rules.zh_width * rules.lines
    parts = -(-len(unit.zh) // room)
    parts = min(parts, max(1, int((unit.end - unit.start) // rules.min_duration)))
    if parts <= 1:
        return [unit]
    zh_pieces = cut_chinese(unit.zh, [len(unit.zh) * k / parts for k in range(1, parts)])
    en_pieces = _split_words(unit.english, parts) if unit.english else []
    en_pieces += [""] * (parts - len(en_pieces))
    speaker = unit.voice()
    step = (unit.end - unit.start) / parts
    return [_Unit(unit.start + k * step, unit.start + (k + 1) * step, en_pieces[k], unit.speaker,
                  [(zh_pieces[k], speaker)] if zh_pieces[k] else []) for k in range(parts)]


def _fix_durations(units: list[_Unit], rules: Rules) -> list[_Unit]:
    """No overlaps; a cue shorter than the minimum grows into the pause after it or joins its neighbour
    (the one before, or the one after when there is no room at all), so that every cue has a length."""
    out: list[_Unit] = []
    for u in units:
        if out and u.start < out[-1].end:
            out[-1].end = max(out[-1].start, u.start)
        out.append(u)
    merged: list[_Unit] = []
    carry: _Unit | None = None  # a unit with no time of its own, waiting to join the next one
    for i, u in enumerate(out):
        if carry is not None:
            u.english = f"{carry.english} {u.english}".strip()
            u.chinese[:0] = carry.chinese
            u.start = min(u.start, carry.start)
            carry = None
        nxt = out[i + 1].start if i + 1 < len(out) else u.end + rules.min_duration
        if u.end - u.start < rules.min_duration:
            u.end = min(max(u.end, u.start + rules.min_duration), max(u.end, nxt))
        if u.end - u.start < rules.min_duration and merged and u.end - merged[-1].start <= rules.max_duration:
            prev = merged[-1]
            prev.end = u.end
            prev.english = f"{prev.english} {u.english}".strip()
            prev.chinese.extend(u.chinese)
            continue
        if u.end <= u.start and i + 1 < len(out):
            carry = u
            continue
        merged.append(u)
    return merged
