"""How an article was understood, as the JSON of `companion inspect --json` or a readable outline."""

from __future__ import annotations

from rich.console import Console
from rich.tree import Tree

from companion.article.model import Article, Paragraph
from companion.text import counted
from subtitles.timecode import clock


def _paragraph(p: Paragraph) -> dict:
    out = {"index": p.index, "speakers": p.speakers, "stamp": p.stamp,
           "sentences": [{"text": s.text, "speaker": s.speaker} for s in p.sentences]}
    if p.english:
        out["english"] = True  # English text (a bilingual article's): not aligned
    return out


def outline(article: Article) -> dict:
    """The `inspect --json` document."""
    return {
        "title": article.title,
        "encoding": article.encoding,
        "chapters": [{"title": c.title, "paragraphs": [_paragraph(p) for p in c.paragraphs]} for c in article.chapters],
        "lead": [_paragraph(p) for p in article.lead],
        "skipped": [{"text": s.text, "reason": s.reason} for s in article.skipped],
        "reading": article.reading,
    }


def print_outline(article: Article, console: Console) -> None:
    """A tree: title, lead-in, chapters with their paragraphs (speakers, sentence count, opening words)."""
    tree = Tree(f"[bold]{_escape(article.title) or '(no title)'}[/]  [dim]{article.encoding}[/]")
    for note in article.reading:
        tree.add(f"[yellow]note:[/] {_escape(note)}")
    if article.lead:
        lead = tree.add("[italic]lead-in[/] (not aligned unless it has speaker labels or translates the opening)")
        for p in article.lead:
            lead.add(_describe(p))
    for number, chapter in enumerate(article.chapters, 1):
        branch = tree.add(f"[bold cyan]{number}. {_escape(chapter.title) or '(no heading)'}[/]")
        for p in chapter.paragraphs:
            branch.add(_describe(p))
    if article.skipped:
        skipped = tree.add(f"[dim]skipped ({len(article.skipped)})[/]")
        for s in article.skipped:
            skipped.add(f"[dim]{s.reason}: {_escape(_clip(s.text))}[/]")
    console.print(tree)


def _describe(p: Paragraph) -> str:
    who = ", ".join(p.speakers) or "—"
    stamp = f"[dim]@{clock(p.stamp)}[/] " if p.stamp is not None else ""
    count = counted(len(p.sentences), "sentence")
    english = " [italic]English, not aligned[/]" if p.english else ""
    return f"¶{p.index} {stamp}[green]{_escape(who)}[/] ({count}){english} {_escape(_clip(p.text))}"


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _escape(text: str) -> str:
    return text.replace("[", "\\[")
