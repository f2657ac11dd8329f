"""Line breaking: English at spaces, Chinese at punctuation or word boundaries (never inside a word)."""

from __future__ import annotations

import functools
import logging

CHINESE_PUNCT = "，。！？；：、…—）》」』”,.!?;:)"


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def chinese_boundaries(text: str) -> list[tuple[int, bool]]:
    """Allowed cut positions in `text` (0 < pos < len) with whether each follows punctuation."""
    out, pos = [], 0
    for word in _jieba().lcut(text):
        pos += len(word)
        if 0 < pos < len(text):
            out.append((pos, text[pos - 1] in CHINESE_PUNCT))
    return out


def cut_chinese(text: str, targets: list[float]) -> list[str]:
    """Cut `text` into len(targets)+1 pieces near the given positions, only at allowed boundaries.

    A cut after punctuation wins over a closer word boundary up to three characters away.
    Pieces may be empty; they always concatenate back to `text`.
    """
    bounds = [(0, True), *chinese_boundaries(text), (len(text), True)]
    cuts: list[int] = []
    for target in targets:
        floor = cuts[-1] if cuts else 0
        options = [(p, punct) for p, punct in bounds if p >= floor]
        cuts.append(min(options, key=lambda o: abs(o[0] - target) - (3 if o[1] and abs(o[0] - target) <= 4 else 0))[0])
    edges = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:])]


def wrap_chinese(text: str, width: int = 18) -> list[str]:
    """Lines of at most `width` characters where possible, balanced, cut at allowed boundaries."""
    if len(text) <= width:
        return [text] if text else []
    count = -(-len(text) // width)
    pieces = cut_chinese(text, [len(text) * k / count for k in range(1, count)])
    return [p for p in pieces if p]


def wrap_english(text: str, width: int = 42) -> list[str]:
    """Balanced lines of at most `width` characters, broken at spaces."""
    words = text.split()
    if len(text) <= width or len(words) < 2:
        return [text] if text else []
    count = -(-len(text) // width)
    target = len(text) / count
    lines, current = [], ""
    for word in words:
        if current and (len(current) + 1 + len(word) > width or len(current) >= target) and len(lines) < count - 1:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines
