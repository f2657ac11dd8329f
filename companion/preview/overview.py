"""The alignment path as an SVG: Chinese position (characters read) against time, chapters as bands.

A straight climbing line is a faithful translation; flat stretches are untranslated English,
jumps are skipped passages, and red dots are sentences the aligner is unsure of.
"""

from __future__ import annotations

from html import escape

from companion.report.model import Alignment

WIDTH, HEIGHT, PAD = 800, 220, 28


def overview_svg(report: Alignment, chapters: list) -> str:
    duration = report.duration or 1.0
    sentences = report.sentences
    total = sum(len(s.text) for s in sentences) or 1

    def x(t: float) -> float:
        return PAD + (WIDTH - 2 * PAD) * t / duration

    def y(chars: int) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * chars / total

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="alignment overview" class="overview">']
    for k, c in enumerate(chapters):
        parts.append(f'<rect class="band band{k % 2}" x="{x(c.start):.1f}" y="{PAD}" '
                     f'width="{max(0.5, x(c.end) - x(c.start)):.1f}" height="{HEIGHT - 2 * PAD}">'
                     f'<title>{escape(c.title)}</title></rect>')
    parts.append(f'<line class="axis" x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}"/>')
    parts.append(f'<line class="axis" x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}"/>')
    points, read = [], 0
    for s in sentences:
        if s.timed:
            points.append((x(s.start), y(read), s))
        else:
            parts.append(f'<line class="unaligned" x1="{PAD - 6}" y1="{y(read):.1f}" x2="{PAD}" y2="{y(read):.1f}"/>')
        read += len(s.text)
    if points:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
        parts.append(f'<polyline class="path" points="{path}"/>')
    for px, py, s in points:
        kind = "unmatched" if not s.matched else ("doubtful" if s.doubtful else "sure")
        if kind != "sure":
            parts.append(f'<circle class="{kind}" cx="{px:.1f}" cy="{py:.1f}" r="3"><title>{escape(s.text[:40])}'
                         f'</title></circle>')
    parts.append(f'<text class="label" x="{WIDTH - PAD}" y="{HEIGHT - 8}" text-anchor="end">time →</text>')
    parts.append(f'<text class="label" x="4" y="{PAD - 10}">中文 ↑</text>')
    parts.append("</svg>")
    return "".join(parts)
