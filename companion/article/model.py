"""Plain data classes describing how an article was understood."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """One Chinese sentence; a speaker label, if any, lives in `speaker`, not in `text`."""

    text: str
    speaker: str | None = None


@dataclass
class Paragraph:
    """A body paragraph: `index` counts all paragraphs of the article from 0, lead included."""

    index: int
    sentences: list[Sentence]
    chapter: int | None = None  # index into Article.chapters; None for the lead-in
    pasted: bool = False  # subtitle text pasted one cue per line (its sentences are a cue or two each)
    stamp: float | None = None  # seconds: the time the article printed at its start, if it did (stamps.py)
    english: bool = False  # the source's English quoted in the article (中英对照): not aligned, kept as it is

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    @property
    def speakers(self) -> list[str]:
        seen: list[str] = []
        for s in self.sentences:
            if s.speaker and s.speaker not in seen:
                seen.append(s.speaker)
        return seen


@dataclass
class Chapter:
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    """Text removed from the body, with the reason it was judged not to be part of the interview."""

    text: str
    reason: str


@dataclass
class Article:
    title: str
    encoding: str
    lead: list[Paragraph]
    chapters: list[Chapter]
    skipped: list[Skipped]
    cleaned: int = 0  # control characters in the text, which no subtitle or page shows
    reading: list[str] = field(default_factory=list)  # how the text was read, where not as plain paragraphs

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every body paragraph in article order (lead first), as numbered by `index`."""
        return self.lead + [p for c in self.chapters for p in c.paragraphs]
