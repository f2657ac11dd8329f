"""The alignment path at a glance: Chinese read (up) against time (right), chapters as bands.

A straight climbing line is a faithful translation; flat stretches are untranslated English, jumps
are skipped passages, and dots mark sentences the aligner is unsure of. The drawing scales with the
page; its time ticks and legend are HTML text, so they stay readable at every width.
"""

from __future__ import annotations

from html import escape

from companion.report.model import Alignment
from subtitles.timecode import clock

WIDTH, HEIGHT = 1000, 240
TICKS = (60, 120, 300, 600, 900, 1800, 3600)  # candidate tick spacings, seconds


def overview(report: Alignment, chapters: list) -> str:
    duration = report.duration or 1.0
    sentences = report.sentences
    total = sum(len(s.text) for s in sentences) or 1

    def x(t: float) -> float:
        return WIDTH * t / duration

    def y(chars: int) -> float:
        return HEIGHT - HEIGHT * chars / total

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none" '
             f'role="img" aria-label="对齐路径 Alignment path" class="overview">']
    for k, c in enumerate(chapters):
        parts.append(f'<rect class="band band{k % 2}" x="{x(c.start):.1f}" y="0" width="{max(0.5, x(c.end) - x(c.start)):.1f}" '
                     f'height="{HEIGHT}"><title>{escape(c.title)}</title></rect>')
    step = next((t for t in TICKS if duration / t <= 8), TICKS[-1])
    for t in range(step, int(duration), step):
        parts.append(f'<line class="grid" x1="{x(t):.1f}" y1="0" x2="{x(t):.1f}" y2="{HEIGHT}"/>')
    points, read = [], 0
    for s in sentences:
        if s.timed:
            points.append((x(s.start), y(read), s))
        read += len(s.text)
    if points:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
        parts.append(f'<polyline class="path" points="{path}" vector-effect="non-scaling-stroke"/>')
    for px, py, s in points:
        kind = "unmatched" if not s.matched else ("doubtful" if s.doubtful else "")
        if kind:
            parts.append(f'<circle class="{kind}" cx="{px:.1f}" cy="{py:.1f}" r="5"><title>{clock(s.start)} '
                         f'{escape(s.text[:40])}</title></circle>')
    parts.append("</svg>")
    ticks = "".join(f'<span style="left:{100 * t / duration:.2f}%">{clock(t)}</span>'
                    for t in range(0, int(duration), step))
    legend = ('<p class="legend"><span class="key doubtful"></span>存疑 doubtful <span class="key unmatched"></span>'
              '无对应英文 unmatched · 横轴时间 time → · 纵轴已读中文 Chinese read ↑</p>')
    return f'<figure class="overview-figure">{"".join(parts)}<div class="ticks">{ticks}</div>{legend}</figure>'
