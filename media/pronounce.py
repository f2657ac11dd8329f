"""Pronunciations for words the recogniser's dictionary lacks (names, jargon: ImageNet, Sutskever).

First as a compound of dictionary words (imagenet = image + net), else by letter-to-sound
rules into CMU phones. Rough, but far better than dropping the word: forced alignment needs
every word of the text to have some pronunciation.
"""

from __future__ import annotations

import re
from typing import Callable

# Letter groups to CMU phones, longest first; a few context rules below.
RULES = [
    ("tion", "SH AH N"), ("sion", "ZH AH N"), ("ough", "AO"), ("augh", "AO"), ("igh", "AY"), ("tch", "CH"),
    ("sch", "S K"), ("ch", "CH"), ("sh", "SH"), ("th", "TH"), ("ph", "F"), ("ng", "NG"), ("ck", "K"), ("qu", "K W"),
    ("wh", "W"), ("kn", "N"), ("wr", "R"), ("gh", "G"), ("ee", "IY"), ("ea", "IY"), ("oo", "UW"), ("ou", "AW"),
    ("ow", "OW"), ("ai", "EY"), ("ay", "EY"), ("ei", "EY"), ("ey", "EY"), ("oi", "OY"), ("oy", "OY"), ("au", "AO"),
    ("aw", "AO"), ("ie", "IY"), ("ue", "UW"), ("er", "ER"), ("ir", "ER"), ("ur", "ER"), ("ar", "AA R"),
    ("or", "AO R"), ("a", "AE"), ("b", "B"), ("d", "D"), ("e", "EH"), ("f", "F"), ("g", "G"), ("h", "HH"), ("i", "IH"),
    ("j", "JH"), ("k", "K"), ("l", "L"), ("m", "M"), ("n", "N"), ("o", "AA"), ("p", "P"), ("q", "K"), ("r", "R"),
    ("s", "S"), ("t", "T"), ("u", "AH"), ("v", "V"), ("w", "W"), ("x", "K S"), ("z", "Z"),
]


VOWEL_PAIRS = {letters for letters, _ in RULES if len(letters) == 2 and letters[0] in "aeiou"}
# Vowel letters as most languages other than English say them: names are often read so (Kiva: K IY V AH).
CONTINENTAL = {"a": "AA", "e": "EY", "i": "IY", "o": "OW", "u": "UW"}


def letter_to_sound(word: str, continental: bool = False) -> str:
    """CMU phones for a word by spelling rules (c and g soften before e/i/y; a final e is silent, a final a after a
    consonant is a schwa: Kiva, Ulrika, Ventosa); `continental` reads single vowel letters as CONTINENTAL."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) > 2 and w.endswith("e") and w[-2] not in "aeiouy":
        w = w[:-1]
    schwa = len(w) > 2 and w.endswith("a") and w[-2] not in "aeiouy"
    if schwa:
        w = w[:-1]
    phones, i = [], 0
    while i < len(w):
        ch, nxt = w[i], w[i + 1:i + 2]
        if ch == "c":
            phones.append("S" if nxt in ("e", "i", "y") else "K")
            i += 2 if nxt == "c" else 1
            continue
        if ch == "g" and nxt in ("e", "i", "y"):
            phones.append("JH")
            i += 1
            continue
        if ch == "y":
            phones.append("Y" if i == 0 else ("IY" if i == len(w) - 1 else "IH"))
            i += 1
            continue
        if continental and ch in CONTINENTAL and w[i:i + 2] not in VOWEL_PAIRS:
            phones.append(CONTINENTAL[ch])
            i += 1
            continue
        for letters, sound in RULES:
            if w.startswith(letters, i):
                if not (phones and phones[-1] == sound and len(letters) == 1):  # double letters sound once
                    phones.append(sound)
                i += len(letters)
                break
        else:
            i += 1
    return " ".join(phones + ["AH"] * schwa) or "AH"


def pronounce(word: str, lookup: Callable[[str], str | None]) -> str:
    """Phones for `word`: the dictionary's, a compound of dictionary words, or letter-to-sound rules."""
    return pronunciations(word, lookup)[0]


def pronunciations(word: str, lookup: Callable[[str], str | None]) -> list[str]:
    """`pronounce`'s phones, and, for a word spelt out by rules, its reading with CONTINENTAL vowels when that differs:
    for a name the dictionary lacks, both are likely."""
    known = lookup(word)
    if known:
        return [known]
    parts = _compound(word, lookup)
    if parts:
        return [" ".join(lookup(p) for p in parts)]
    english, continental = letter_to_sound(word), letter_to_sound(word, continental=True)
    return [english] if continental == english else [english, continental]


def _compound(word: str, lookup: Callable[[str], str | None]) -> list[str] | None:
    """Split into two or three dictionary words of at least three letters each, if possible."""
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        if lookup(head):
            if lookup(tail):
                return [head, tail]
            rest = _compound(tail, lookup) if len(tail) >= 6 else None
            if rest and len(rest) == 2:
                return [head, *rest]
    return None
