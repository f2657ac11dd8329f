"""Line breaking: English at spaces, Chinese at punctuation or word boundaries (never inside a word)."""

from __future__ import annotations

import bisect
import functools
import math

from subtitles.segmenter import segmenter

CHINESE_PUNCT = "，。！？；：、…—）》」』”,.!?;:)｡．"
OPENING = "（《「『“(["  # a line never ends with one of these, nor starts with punctuation
PARTICLES = "的地得了着过们吗呢吧啊"  # they lean on the word before: a line starting with one is avoided
CUT_COST = {"punct": -3.0, "word": 0.0, "inside": 8.0}  # in characters of distance from the ideal cut
REACH = 16  # boundaries on each side of a target that cut_chinese weighs


def chinese_boundaries(text: str) -> list[tuple[int, str]]:
    """Allowed cut positions in `text` (0 < pos < len), each with its kind: "punct" after punctuation,
    "inside" within a 《title》, between the words of a Latin phrase or before a particle such as 的
    (allowed, avoided), else "word".
    Never after an opening bracket or before punctuation."""
    out, pos = [], 0
    inside_title = _inside_titles(text)
    for word in segmenter().lcut(text):
        pos += len(word)
        if 0 < pos < len(text) and text[pos - 1] not in OPENING and text[pos] not in CHINESE_PUNCT:
            if text[pos - 1] in CHINESE_PUNCT:
                kind = "punct"
            elif inside_title[pos] or _in_latin_phrase(text, pos) or text[pos] in PARTICLES:
                kind = "inside"
            else:
                kind = "word"
            out.append((pos, kind))
    return out


def _inside_titles(text: str) -> list[bool]:
    """For each position, whether a cut there would fall inside 《…》."""
    flags, depth = [False] * (len(text) + 1), 0
    for i, ch in enumerate(text):
        depth += (ch == "《") - (ch == "》" and depth > 0)
        flags[i + 1] = depth > 0
    return flags


def _in_latin_phrase(text: str, pos: int) -> bool:
    """A cut next to a space between two Latin words (`The | Long Signal`)."""
    for space in (pos - 1, pos):
        if 0 < space < len(text) - 1 and text[space] == " " and _latin(text[space - 1]) and _latin(text[space + 1]):
            return True
    return False


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def cut_chinese(text: str, targets: list[float]) -> list[str]:
    """Cut `text` into len(targets)+1 pieces near the given positions, only at allowed boundaries.

    A cut after punctuation wins over a closer word boundary up to three characters away; one
    inside a title or a Latin phrase loses to word boundaries up to eight characters farther.
    Pieces may be empty; they always concatenate back to `text`.
    """
    bounds = [(0, "punct"), *chinese_boundaries(text), (len(text), "punct")]
    cuts: list[int] = []

    def cost(option: tuple[int, str], target: float) -> float:
        distance = abs(option[0] - target)
        return distance + (CUT_COST[option[1]] if option[1] != "punct" or distance <= 4 else 0.0)

    positions = [b[0] for b in bounds]
    for target in targets:
        floor = cuts[-1] if cuts else 0
        # only boundaries near the target can win (the costs favour no cut more than REACH away from a
        # nearer one), so each cut looks at a few: linear time in the text
        at = bisect.bisect_left(positions, target)
        lowest = max(bisect.bisect_left(positions, floor), at - REACH)
        options = bounds[lowest:max(at + REACH, lowest + 1)]
        cuts.append(min(options, key=lambda o: cost(o, target))[0])
    edges = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:])]


def display_width(text: str) -> float:
    """Width on screen in Chinese characters: a half-width (ASCII) letter, digit, space or mark takes
    half the room of a Chinese character, so `我是Sam Rivera。` is 8, not 13."""
    return len(text) - sum(ch.isascii() for ch in text) / 2


def wrap_chinese(text: str, width: int = 18) -> list[str]:
    """Balanced lines (cached: cue building asks for the same text several times)."""
    return list(_wrap_chinese(text, width))


@functools.lru_cache(maxsize=1 << 15)
def _wrap_chinese(text: str, width: int) -> tuple[str, ...]:
    """Balanced lines of at most `width` (display_width) where the allowed boundaries permit it, in no
    more lines than the length needs.

    Cut to minimise, per line, 10 per character over the width plus half its distance from an even
    share, with the cut preferences of `cut_chinese`. A line spans at most twice the width unless
    no boundary allows less, so a cue's two lines cost time linear in its text.
    """
    at = [0.0]  # at[p]: display width of text[:p]
    for ch in text:
        at.append(at[-1] + (0.5 if ch.isascii() else 1.0))
    if at[-1] <= width:
        return (text,) if text else ()
    count = math.ceil(at[-1] / width)
    target = at[-1] / count
    kinds = dict(chinese_boundaries(text))
    positions = [0, *sorted(kinds), len(text)]
    inf = float("inf")
    # best[k][j]: cheapest k lines for text[:positions[j]]; back[k][j]: where the last line starts
    best = [[0.0] + [inf] * (len(positions) - 1)]
    back = [[0] * len(positions)]
    for k in range(1, count + 1):
        row, came = [inf] * len(positions), [0] * len(positions)
        for j in range(1, len(positions)):
            b = positions[j]
            i = j - 1
            while i >= 0 and (i == j - 1 or at[b] - at[positions[i]] <= 2 * width):
                if best[k - 1][i] < inf:
                    length = at[b] - at[positions[i]]
                    cost = best[k - 1][i] + 10 * max(0, length - width) + abs(length - target) / 2
                    if b < len(text):
                        cost += CUT_COST[kinds[b]]
                    if cost < row[j]:
                        row[j], came[j] = cost, i
                i -= 1
        best.append(row)
        back.append(came)
    lines = min((k for k in range(1, count + 1) if best[k][-1] < inf), key=lambda k: best[k][-1])
    edges, j = [], len(positions) - 1
    for k in range(lines, 0, -1):
        edges.append(positions[j])
        j = back[k][j]
    edges.append(0)
    edges.reverse()
    return tuple(text[a:b] for a, b in zip(edges, edges[1:]))


def wrap_english(text: str, width: int = 42) -> list[str]:
    """Balanced lines of at most `width` characters (a longer word alone on its line), broken at spaces: as few
    lines as allow it. Filling all but the last line and leaving it the rest made a 44-character last line of
    `… almost impossible. Now a neural network can do it in real time.` (84 characters in two lines)."""
    words = text.split()
    if len(text) <= width or len(words) < 2:
        return [text] if text else []
    for count in range(min(-(-len(text) // width), len(words)), len(words) + 1):
        lines = _balanced(words, count, len(text) / count, width)
        if all(len(line) <= width or " " not in line for line in lines):
            break
    return lines


def _balanced(words: list[str], count: int, target: float, width: int) -> list[str]:
    """`words` in at most `count` lines, each closed at `target` characters or before it would pass `width`."""
    lines, current = [], ""
    for word in words:
        if current and (len(current) + 1 + len(word) > width or len(current) >= target) and len(lines) < count - 1:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines
