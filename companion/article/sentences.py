"""Split Chinese (and mixed Chinese/English) text into sentences without losing a character."""

from __future__ import annotations

import re

from companion.text import CJK_CHARS as CJK
from companion.text import CJK_GAP  # the spaces that stand for punctuation in pasted subtitle text

CLOSERS = "”’」』）)】》〉\"'"
OPENERS = {"《": "》", "“": "”", "「": "」", "『": "』", "(": ")", "（": "）", "\"": "\""}
ALWAYS_END = "。！？；…｡"  # ｡: the half-width 。
PAUSES = "，、,"  # after an ASCII mark, these say the sentence goes on
# Characters: a run this short before a space (`所以 `, `好的 `) opens what follows it instead of standing
# alone with too little evidence to place it. Set after reading the lone openers of the tuned lecture
# cs193p17-l3 with its punctuation turned into spaces. With the rule, such articles, paragraphs within
# 1 s (tuned / held back): TED .949/.924, long-form .898/.886 (cut at every space: TED .900, long-form .868 pooled).
GAP_PIECE = 4


def split_sentences(text: str) -> list[str]:
    """Cut after 。？！…；｡ (and ?!.; used as sentence ends), keeping closing quotes and brackets attached.

    ASCII `?` and `!` end one unless `=` follows (`!=`), or a Latin letter or digit follows where no Chinese
    character comes before (`x?y` is notation; `什么类型呢?Double类型。` is a question and the next sentence);
    ASCII `;` ends one right after a Chinese character unless a Latin letter or digit follows; ASCII
    `.` only right after a Chinese character and before a space or the end, so `2.5`, `GPT-3.5`,
    `U.S.`, `e.g.` and `Operation.xx` stay whole, and so does a `.` between Chinese characters: it is
    as often the dot of a transliterated name (`米斯.范.德罗`) as a full stop, and the aligner cuts its
    units there anyway (`align.units`); the full-width `．` is read as `.`. Nothing is cut inside an
    English title in quotes or 《》.
    Text pasted from subtitles separates its sentences with spaces or line breaks instead: when a
    text holds more line breaks and spaces between Chinese characters than sentence marks, each of
    them begins a sentence, unless the run before it has GAP_PIECE characters or fewer.
    The pieces concatenate back to `text`.
    """
    pieces, marks = _split(text, set())
    gaps = {m.start() for m in CJK_GAP.finditer(text)} | {m.start() for m in re.finditer(r"\s*\n", text)}
    return _split(text, gaps)[0] if len(gaps) > marks else pieces


def _split(text: str, gaps: set[int]) -> tuple[list[str], int]:
    """The sentences cut after sentence marks and before the spaces that start at `gaps`, and how
    many cuts the marks made."""
    pieces: list[str] = []
    marks = 0
    start = 0
    i = 0
    n = len(text)
    stack: list[str] = []
    while i < n:
        ch = text[i]
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in OPENERS and _opens_protected(text, i):
            stack.append(OPENERS[ch])
        elif not stack and _ends_sentence(text, i):
            j = i + 1
            while j < n and (text[j] in ALWAYS_END + "?!" or text[j] in CLOSERS):
                j += 1
            pieces.append(text[start:j])
            marks += 1
            start = i = j
            continue
        elif not stack and i in gaps and len(text[start:i].strip()) > GAP_PIECE:
            pieces.append(text[start:i])
            start = i
        i += 1
    if start < n:
        pieces.append(text[start:])
    return _merge_blank(pieces), marks


def _ends_sentence(text: str, i: int) -> bool:
    ch = text[i]
    if ch in ALWAYS_END:
        return True
    after = text[i + 1] if i + 1 < len(text) else ""
    if after in PAUSES:  # `.，` or `?，`: the comma says the sentence goes on
        return False
    before = text[i - 1] if i > 0 else ""
    if ch in "?!":  # sentence punctuation, not notation such as `x?y` or `!=`
        return not re.match(r"=" if re.match(f"[{CJK}]", before) else r"[\w=]", after, re.A)
    if ch in ".;．":  # ．: the full-width `.`, as ambiguous between Chinese characters
        if not re.match(f"[{CJK}]", before):
            return False
        if ch == ";":  # `；` typed in ASCII, unless code follows
            return not re.match(r"\w", after, re.A)
        rest = text[i + 1:].lstrip(CLOSERS)
        return not rest or rest[0].isspace()
    return False


def _opens_protected(text: str, i: int) -> bool:
    """《》 always protect their content; quotes and brackets only when they hold Latin text (a title)."""
    ch = text[i]
    if ch == "《":
        return True
    close = OPENERS[ch]
    end = text.find(close, i + 1)
    if end < 0 or end - i > 120:
        return False
    inner = text[i + 1:end]
    return bool(re.search(r"[A-Za-z]", inner)) and not re.search(f"[{CJK}]", inner)


def _merge_blank(pieces: list[str]) -> list[str]:
    """A piece that is only whitespace or punctuation joins the sentence before it."""
    out: list[str] = []
    for p in pieces:
        if out and not re.search(rf"[\w{CJK}]", p):
            out[-1] += p
        else:
            out.append(p)
    return out
