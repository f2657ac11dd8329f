"""The alignment report (`STEM.alignment.json`, DESIGN §3) and its short human summary."""

from __future__ import annotations

from dataclasses import dataclass

from companion.align.timing import Placed
from companion.article.model import Article
from subtitles.timecode import clock

NO_COUNTERPART = "no English counterpart found"


@dataclass
class Decision:
    """Whether a paragraph gets times, and why not when it does not."""

    aligned: bool
    reason: str = NO_COUNTERPART


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def build_report(article: Article, placed: dict[tuple[int, int], Placed], decisions: dict[int, Decision],
                 duration: float, inputs: dict) -> dict:
    """`placed` maps (paragraph index, sentence index) to where that sentence landed."""
    paragraphs, unaligned = [], []
    for p in article.paragraphs:
        decision = decisions[p.index]
        sentences = []
        for k, s in enumerate(p.sentences):
            where = placed.get((p.index, k)) if decision.aligned else None
            sentences.append({
                "text": s.text, "speaker": s.speaker,
                "start": _r(where.start) if where else None, "end": _r(where.end) if where else None,
                "confidence": _confidence(where), "matched": bool(where and where.matched and where.start is not None),
                "english": where.english if where else "",
            })
        timed = [s for s in sentences if s["start"] is not None]
        chars = sum(len(s["text"]) for s in timed) or 1
        paragraphs.append({
            "index": p.index, "chapter": p.chapter, "text": p.text,
            "start": timed[0]["start"] if timed else None, "end": timed[-1]["end"] if timed else None,
            "confidence": round(sum(s["confidence"] * len(s["text"]) for s in timed) / chars, 3) if timed else 0.0,
            "sentences": sentences,
        })
        if not timed:
            unaligned.append({"paragraph": p.index, "reason": decision.reason})
    aligned = [p for p in paragraphs if p["start"] is not None]
    return {
        "version": 1,
        "title": article.title,
        "inputs": inputs,
        "duration": _r(duration),
        "chapters": _chapters(article, paragraphs, duration),
        "paragraphs": paragraphs,
        "unaligned": unaligned,
        "summary": {
            "paragraphs": len(paragraphs), "aligned_paragraphs": len(aligned),
            "mean_confidence": round(sum(p["confidence"] for p in aligned) / len(aligned), 3) if aligned else 0.0,
        },
    }


def _confidence(where: Placed | None) -> float:
    if where is None or where.start is None:
        return 0.0
    return where.confidence


def _chapters(article: Article, paragraphs: list[dict], duration: float) -> list[dict]:
    starts = []
    for number, chapter in enumerate(article.chapters):
        first = next((p["start"] for p in paragraphs if p["chapter"] == number and p["start"] is not None), None)
        starts.append(first)
    out = []
    for number, chapter in enumerate(article.chapters):
        start = starts[number]
        later = [s for s in starts[number + 1:] if s is not None]
        out.append({"title": chapter.title, "start": start,
                    "end": (later[0] if later else _r(duration)) if start is not None else None})
    return out


def summary_text(report: dict, low: int = 3) -> str:
    """A few lines for the terminal: how much aligned, how sure, and where to look first."""
    s = report["summary"]
    lines = [f"aligned {s['aligned_paragraphs']}/{s['paragraphs']} paragraphs, mean confidence {s['mean_confidence']:.2f}"]
    doubtful = sorted((p for p in report["paragraphs"] if p["start"] is not None), key=lambda p: p["confidence"])[:low]
    for p in doubtful:
        lines.append(f"  least sure: ¶{p['index']} at {clock(p['start'])} (confidence {p['confidence']:.2f}) "
                     f"{p['text'][:24]}…")
    for u in report["unaligned"][:5]:
        lines.append(f"  unaligned: ¶{u['paragraph']} — {u['reason']}")
    if report.get("warning"):
        lines.append(f"  warning: {report['warning']}")
    return "\n".join(lines)
