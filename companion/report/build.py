"""From the aligner's placements to the report model."""

from __future__ import annotations

from companion.align.timing import MIN_SPAN, Placed
from companion.article.model import Article
from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

def build_alignment(article: Article, placed: dict[tuple[int, int], Placed], aligned: dict[int, bool],
                    duration: float, inputs: dict) -> Alignment:
    """`placed` maps (paragraph index, sentence index) to where that sentence landed; `aligned` says,
    per paragraph meant to be aligned, whether it keeps its times (paragraphs absent from it are
    editorial lead-ins)."""
    paragraphs = []
    for p in article.paragraphs:
        keep = aligned.get(p.index, False)
        sentences = []
        for k, s in enumerate(p.sentences):
            where = placed.get((p.index, k)) if keep else None
            timed = where is not None and where.start is not None
            sentences.append(SentenceSpan(
                s.text, s.speaker, where.start if timed else None, _within(where, duration) if timed else None,
                where.confidence if timed else 0.0, bool(timed and where.matched), where.english if where else ""))
        paragraphs.append(ParagraphSpan(p.index, p.chapter, sentences, p.index not in aligned, p.english))
    return Alignment(article.title, duration, paragraphs, [c.title for c in article.chapters], inputs)


def _within(where: Placed, duration: float) -> float:
    """A sentence's end, no later than the episode's (a closing `（掌声）` lasts a while after the last words,
    which may be the end of the recording), unless it starts too late for that."""
    return min(where.end, duration) if where.start + MIN_SPAN <= duration else where.end
