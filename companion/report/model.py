"""The alignment report as typed data (`STEM.alignment.json`, DESIGN §3), checked field by field on reading.

Sentences carry the truth: paragraph times and texts, chapter times and the summary are derived
from them, so that a person may edit a sentence (move its start, fix its text, set its times to
null to mark it unaligned) and `companion render` rebuilds everything else consistently.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from companion.errors import InputError
from companion.files import parse_json, read_utf8

VERSION = 1
DOUBTFUL = 0.8  # below this confidence a sentence is doubtful (DESIGN §3)
MAX_SECONDS = 1_000_000.0  # about eleven days: any time beyond this is a typo, not an episode
MAX_REPORT = 64 << 20  # bytes: a six-hour episode's report is a few MB


@dataclass
class SentenceSpan:
    text: str
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    confidence: float = 0.0
    matched: bool = False
    english: str = ""
    checked: bool = False  # a person confirmed its time (the page's review mode)

    @property
    def timed(self) -> bool:
        return self.start is not None

    @property
    def doubtful(self) -> bool:
        return self.timed and self.confidence < DOUBTFUL


@dataclass
class ParagraphSpan:
    index: int
    chapter: int | None  # None for the lead-in
    sentences: list[SentenceSpan]
    editorial: bool = False  # never meant to be aligned: an editorial lead-in, or English text (`english`)
    english: bool = False  # the source's English quoted in the article (a bilingual article)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    @property
    def timed(self) -> list[SentenceSpan]:
        return [s for s in self.sentences if s.timed]

    @property
    def start(self) -> float | None:
        timed = self.timed
        return timed[0].start if timed else None

    @property
    def end(self) -> float | None:
        timed = self.timed
        return max(s.end for s in timed) if timed else None

    @property
    def confidence(self) -> float:
        """Mean sentence confidence weighted by characters; 0 when nothing is timed."""
        timed = self.timed
        chars = sum(len(s.text) for s in timed)
        return round(sum(s.confidence * len(s.text) for s in timed) / chars, 3) if chars else 0.0


@dataclass
class ChapterSpan:
    title: str
    start: float | None = None
    end: float | None = None


@dataclass
class Alignment:
    """One episode's alignment: every paragraph and sentence of the article with its time, if any."""

    title: str
    duration: float
    paragraphs: list[ParagraphSpan]
    chapter_titles: list[str]
    inputs: dict[str, str | None] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)  # why a paragraph has no time
    warnings: list[str] = field(default_factory=list)  # why the whole alignment is not to be trusted
    cleaned: int = 0  # control characters removed from the inputs
    speakers: dict[str, str] = field(default_factory=dict)  # transcript's speaker name -> the article's
    notes: list[str] = field(default_factory=list)  # what the reader should know (narrow-band audio, guessed times)

    @property
    def sentences(self) -> list[SentenceSpan]:
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def meant(self) -> list[ParagraphSpan]:
        """The paragraphs meant to be aligned (all but editorial lead-ins)."""
        return [p for p in self.paragraphs if not p.editorial]

    @property
    def unaligned(self) -> list[ParagraphSpan]:
        return [p for p in self.meant if p.start is None]

    @property
    def doubtful(self) -> list[SentenceSpan]:
        return [s for s in self.sentences if s.doubtful]

    @property
    def trusted(self) -> bool:
        return not self.warnings

    def chapters(self) -> list[ChapterSpan]:
        """One span per heading: from its first timed paragraph to the next chapter's start (or the end)."""
        starts = []
        for number in range(len(self.chapter_titles)):
            starts.append(next((p.start for p in self.paragraphs if p.chapter == number and p.start is not None), None))
        out = []
        for number, title in enumerate(self.chapter_titles):
            later = [s for s in starts[number + 1:] if s is not None]
            end = (later[0] if later else self.duration) if starts[number] is not None else None
            out.append(ChapterSpan(title, starts[number], end))
        return out

    def summary(self) -> dict:
        meant = self.meant
        aligned = [p for p in meant if p.start is not None]
        return {
            "paragraphs": len(meant), "aligned_paragraphs": len(aligned),
            "editorial_paragraphs": len(self.paragraphs) - len(meant),
            "mean_confidence": round(sum(p.confidence for p in aligned) / len(aligned), 3) if aligned else 0.0,
            "doubtful": len(self.doubtful),
            "control_characters_removed": self.cleaned,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, allow_nan=False) + "\n"

    def to_dict(self) -> dict:
        return {
            "version": VERSION,
            "title": self.title,
            "inputs": self.inputs,
            "duration": _r(self.duration),
            "chapters": [{"title": c.title, "start": _r(c.start), "end": _r(c.end)} for c in self.chapters()],
            "paragraphs": [_paragraph_dict(p) for p in self.paragraphs],
            "unaligned": [{"paragraph": p.index, "reason": self.reasons.get(p.index, NO_COUNTERPART)}
                          for p in self.unaligned],
            "summary": self.summary(),
            "speakers": self.speakers,
            "notes": self.notes,
            "warning": "; ".join(self.warnings) or None,
        }

    @classmethod
    def from_json(cls, text: str, source: str = "the report") -> "Alignment":
        try:
            data = parse_json(text)
        except ValueError as exc:
            raise InputError(f"{source} is not valid JSON ({exc})") from None
        return _Reader(source).alignment(data)

    @classmethod
    def read(cls, path: str | Path) -> "Alignment":
        return cls.from_json(read_utf8(path, "alignment report", MAX_REPORT), str(path))


NO_COUNTERPART = "no English counterpart found"


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def _paragraph_dict(p: ParagraphSpan) -> dict:
    out = {"index": p.index, "chapter": p.chapter, "text": p.text, "start": _r(p.start), "end": _r(p.end),
           "confidence": p.confidence, "sentences": [_sentence_dict(s) for s in p.sentences]}
    if p.editorial:
        out["editorial"] = True
    if p.english:
        out["english"] = True
    return out


def _sentence_dict(s: SentenceSpan) -> dict:
    out = {"text": s.text, "speaker": s.speaker, "start": _r(s.start), "end": _r(s.end),
           "confidence": round(s.confidence, 3), "matched": s.matched, "english": s.english}
    if s.checked:
        out["checked"] = True
    return out


TOP_KEYS = {"version", "title", "inputs", "duration", "chapters", "paragraphs", "unaligned", "summary", "warning",
            "speakers", "notes"}
PARAGRAPH_KEYS = {"index", "chapter", "text", "start", "end", "confidence", "sentences", "editorial", "english"}
SENTENCE_KEYS = {"text", "speaker", "start", "end", "confidence", "matched", "english", "checked"}
CHAPTER_KEYS = {"title", "start", "end"}


class _Reader:
    """Checks a report as data; the first problem becomes a one-line InputError naming its place."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, what: str) -> None:
        raise InputError(f"{self.source}: {where}: {what}")

    def keys(self, value, known: set[str], required: set[str], where: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, f"expected an object, found {type(value).__name__}")
        unknown = sorted(set(value) - known)
        if unknown:
            self.fail(where, f"unknown key {unknown[0]!r}")
        missing = sorted(required - set(value))
        if missing:
            self.fail(where, f"missing {missing[0]!r}")
        return value

    def text(self, value, where: str, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            self.fail(where, f"expected text, found {_kind(value)}")
        return value

    def number(self, value, where: str, low: float = 0.0, high: float = MAX_SECONDS) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.fail(where, f"expected a number, found {_kind(value)}")
        if not low <= value <= high:
            self.fail(where, f"{value} is outside {low:g}..{high:g}")
        return float(value)

    def flag(self, value, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"expected true or false, found {_kind(value)}")
        return value

    def alignment(self, data) -> Alignment:
        if not isinstance(data, dict) or not {"version", "paragraphs"} & set(data):
            raise InputError(f"{self.source} is not an alignment report written by companion align")
        data = self.keys(data, TOP_KEYS, {"version", "duration", "chapters", "paragraphs"}, "top level")
        if data["version"] != VERSION:
            self.fail("version", f"expected {VERSION}, found {data['version']!r}")
        duration = self.number(data["duration"], "duration")
        title = self.text(data.get("title", ""), "title", optional=True) or ""
        inputs = data.get("inputs") or {}
        if not isinstance(inputs, dict) or not all(isinstance(v, (str, type(None))) for v in inputs.values()):
            self.fail("inputs", "expected an object of file names")
        if not isinstance(data["chapters"], list):
            self.fail("chapters", f"expected a list, found {_kind(data['chapters'])}")
        titles = []
        for k, c in enumerate(data["chapters"]):
            c = self.keys(c, CHAPTER_KEYS, {"title"}, f"chapter {k}")
            titles.append(self.text(c["title"], f"chapter {k}: title"))
        paragraphs = self.paragraphs(data["paragraphs"], len(titles), duration)
        reasons = {}
        for k, u in enumerate(data.get("unaligned") or []):
            if isinstance(u, dict) and isinstance(u.get("paragraph"), int) and isinstance(u.get("reason"), str):
                reasons[u["paragraph"]] = u["reason"]
            else:
                self.fail(f"unaligned {k}", "expected {\"paragraph\": N, \"reason\": TEXT}")
        warning = self.text(data.get("warning"), "warning", optional=True)
        summary = data.get("summary") if isinstance(data.get("summary"), dict) else {}
        speakers = data.get("speakers") or {}
        if not isinstance(speakers, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in speakers.items()):
            self.fail("speakers", "expected an object of names")
        notes = data.get("notes") or []
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            self.fail("notes", "expected a list of texts")
        return Alignment(title, duration, paragraphs, titles, dict(inputs), reasons,
                         [warning] if warning else [], int(summary.get("control_characters_removed") or 0),
                         dict(speakers), list(notes))

    def paragraphs(self, value, chapters: int, duration: float) -> list[ParagraphSpan]:
        if not isinstance(value, list) or not value:
            self.fail("paragraphs", "expected a non-empty list")
        out: list[ParagraphSpan] = []
        previous: tuple[str, float] | None = None
        for n, p in enumerate(value):
            where = f"paragraph {n}"
            p = self.keys(p, PARAGRAPH_KEYS, {"index", "chapter", "sentences"}, where)
            if p["index"] != n:
                self.fail(where, f"index is {p['index']!r}, expected {n} (paragraphs are numbered in order)")
            chapter = p["chapter"]
            if chapter is not None and (isinstance(chapter, bool) or not isinstance(chapter, int)
                                        or not 0 <= chapter < chapters):
                self.fail(where, f"chapter {chapter!r} is not one of the {chapters} chapters")
            if not isinstance(p["sentences"], list) or not p["sentences"]:
                self.fail(where, "sentences: expected a non-empty list")
            sentences = []
            for k, s in enumerate(p["sentences"]):
                sentence = self.sentence(s, f"{where}, sentence {k}", duration)
                if sentence.timed:
                    if previous and sentence.start < previous[1] - 1e-9:
                        self.fail(f"{where}, sentence {k}", f"start {sentence.start:g} is before {previous[0]}'s "
                                                            f"start {previous[1]:g} (starts must not go backwards)")
                    previous = (f"paragraph {n}, sentence {k}", sentence.start)
                sentences.append(sentence)
            editorial = self.flag(p.get("editorial", False), f"{where}: editorial")
            english = self.flag(p.get("english", False), f"{where}: english")
            out.append(ParagraphSpan(n, chapter, sentences, editorial or english, english))
        return out

    def sentence(self, s, where: str, duration: float) -> SentenceSpan:
        s = self.keys(s, SENTENCE_KEYS, {"text", "start", "end"}, where)
        text = self.text(s["text"], f"{where}: text")
        start, end = s["start"], s["end"]
        if (start is None) != (end is None):
            self.fail(where, "start and end must both be numbers or both null")
        if start is not None:
            start = self.number(start, f"{where}: start", high=duration)
            end = self.number(end, f"{where}: end", high=duration + 60.0)
            if end <= start:
                self.fail(where, f"end {end:g} is not after start {start:g}")
        confidence = self.number(s.get("confidence", 0.0), f"{where}: confidence", 0.0, 1.0)
        return SentenceSpan(text, self.text(s.get("speaker"), f"{where}: speaker", optional=True), start, end,
                            confidence, self.flag(s.get("matched", False), f"{where}: matched"),
                            self.text(s.get("english", ""), f"{where}: english", optional=True) or "",
                            self.flag(s.get("checked", False), f"{where}: checked"))


def _kind(value) -> str:
    return "null" if value is None else type(value).__name__
