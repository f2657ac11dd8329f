"""Translations the document itself teaches: word pairs that keep meeting in the first pass's surest beads.

CC-CEDICT lacks much of what an episode keeps saying: its jargon (枚举 "enum", 崩溃 "crash"), names written in
Chinese characters (米拉 for "Camilla"), and words whose sense here it glosses otherwise (调用 "call", 过程
"procedure"). A Chinese word that no gloss finds in its bead's English and an English word that no gloss of the
bead explains, which meet in several sure beads and are seldom found apart, are taken as translations of each
other for this document. The first pass then runs again with them, as hunalign's realign does.

Transcript mode, ted_eval.py's articles, paragraphs / sentences within 1 s, seed 7: long-form clean .974/.969 ->
.977/.973, intro .968/.967 -> .972/.970, omit .944/.942 -> .952/.945, truncate .983/.978 -> .986/.979 (the
held-back lecture cs193p16-l2: clean .964 -> .970, omit .955 -> .962, truncate .970 -> .980); seeds 100 / 200 / 300,
clean .960 -> .967, .967 -> .970, .963 -> .965, omit .958 -> .962, .928 unchanged, .933 -> .931. TED clean .989 ->
.991, the other variants unchanged (seeds 100 and 500 alike or up to .005 better). Mismatched articles: every one
refused, with the same share of evidence. Only written English is read so: recognised words and captions have no
sentences, and their beads are too short and noisy to learn from (recognition mode, TED omit .860 -> .850 within
2 s; captions, long-form omit .706 -> .681).
"""

from __future__ import annotations

from collections import Counter

from companion.align.evidence import Sides
from companion.align.search import Bead
from companion.lexicon.chinese import Token

# Beads this similar are sure enough to learn from (the same line as aligner.RATIO_BEADS: chance is 0.25). 0.25
# scores as this; 0.4 learns less (long-form clean .977 -> .976 at seed 7, .967 -> .962 at seed 100).
SURE = 0.3
# How often a pair must meet in sure beads, and how seldom apart (Dice's coefficient: twice the meetings over
# the two words' counts). Fitted on ted_eval.py's articles, transcript mode, long-form seeds 7 and 100: 2 meetings
# lost long-form omit (.952 -> .948 at seed 7); a Dice of 0.4 scored within .003 of 0.5 either way. Learning a
# second time, from the second first pass, moved long-form intro sentences by .001 and nothing else; learning also
# whole words that jieba knows and CC-CEDICT does not (可选, split into 可 and 选) moved nothing by more than .003.
MEETINGS = 3
DICE = 0.5
SHORTEST_WORD = 2  # Chinese characters: a single character has too many senses to learn one from meetings
SHORTEST_KEY = 3  # letters of an English stem


def learn_glosses(sides: Sides, beads: list[Bead]) -> dict[str, frozenset[str]]:
    """English keys per Chinese token text, learnt from the words the sure beads leave unexplained."""
    alone: Counter = Counter()
    met: Counter = Counter()
    for bead in beads:
        if not bead.matched or bead.similarity < SURE:
            continue
        tokens = [t for i in range(*bead.zh) for t in sides.zh_tokens[i]]
        english = set().union(*(sides.en_keys[j] for j in range(*bead.en)))
        glossed = {key for t in tokens for key in t.keys}
        words = {t.text for t in tokens
                 if not t.anchor and len(t.text) >= SHORTEST_WORD and not english.intersection(t.keys)}
        keys = {key for key in english - glossed if len(key) >= SHORTEST_KEY and key.isalpha()}
        alone.update(words | keys)
        met.update((word, key) for word in words for key in keys)
    learned: dict[str, set[str]] = {}
    for (word, key), count in met.items():
        if count >= MEETINGS and 2 * count / (alone[word] + alone[key]) >= DICE:
            learned.setdefault(word, set()).add(key)
    return {word: frozenset(keys) for word, keys in learned.items()}


def with_glosses(sides: Sides, learned: dict[str, frozenset[str]]) -> Sides:
    """`sides` with the learnt keys added to every token of their word."""
    def taught(token: Token) -> Token:
        extra = learned.get(token.text, frozenset()) - set(token.keys)
        return Token(token.text, token.keys + tuple(sorted(extra)), token.anchor) if extra else token

    return Sides([[taught(t) for t in tokens] for tokens in sides.zh_tokens], sides.en_keys, sides.zh_len,
                 sides.en_len)
