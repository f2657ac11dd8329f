"""Pairwise evidence between Chinese and English sentences: matched dictionary weight and lengths.

Evidence is kept for each Chinese sentence over a window of English sentences (its band):
the whole transcript for ordinary episodes, a strip around a coarse first pass for long
ones, so that memory and time grow linearly with length.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from companion.lexicon.chinese import QUESTION_TOKEN, TURN_TOKEN, Token, tokens
from companion.lexicon.chinese import length as chinese_length
from companion.lexicon.english import QUESTION, STOPWORDS, TURN, keys, spoken_text, stem

ANCHOR_BOOST = 2.0  # names and numbers are worth more than ordinary words
# A find weighing less where the same token is also found nearby (1 / (1 + a·finds within ±w), the repeat saying
# little about position) was tried: TED omit .954 -> .959, but long-form clean lost at every seed (-.002 to -.005),
# and with w = 3 a truncated lecture's last paragraphs slid a minute into the untranslated English.
CHUNK = 256  # Chinese sentences whose hits are gathered and added at once (bounds memory)


@dataclass
class Sides:
    """Both texts reduced to what the evidence needs: Chinese tokens, English keys, lengths."""

    zh_tokens: list[list[Token]]
    en_keys: list[set[str]]
    zh_len: np.ndarray
    en_len: np.ndarray

    @classmethod
    def read(cls, zh_texts: list[str], en_texts: list[str], en_turns: list[bool] | None = None) -> "Sides":
        """`en_turns[j]` says English sentence j opens a named speaker's turn (one its text may not mark).
        Question marks are evidence only when the English has some (recognised speech has none)."""
        en_keys = english_keys(en_texts, en_turns)
        asks = any(QUESTION in ks for ks in en_keys)
        return cls([[t for t in tokens(text) if asks or t != QUESTION_TOKEN] for text in zh_texts], en_keys,
                   np.array([chinese_length(t) for t in zh_texts], dtype=float),
                   np.array([english_length(t) for t in en_texts], dtype=float))

    def with_turns(self, opens: np.ndarray) -> "Sides":
        """Changes of speaker as evidence, when both sides mark them: `opens[i]` says sentence i opens a
        labelled speaker's turn in the article. A mark on one side only is dropped (it would count
        against every segment holding it, no Chinese rendering it)."""
        zh = [toks + [TURN_TOKEN] if opening and TURN_TOKEN not in toks else toks
              for toks, opening in zip(self.zh_tokens, opens)]
        if any(TURN_TOKEN in toks for toks in zh) and any(TURN in ks for ks in self.en_keys):
            return Sides(zh, self.en_keys, self.zh_len, self.en_len)
        return Sides([[t for t in toks if t != TURN_TOKEN] for toks in self.zh_tokens],
                     [ks - {TURN} for ks in self.en_keys], self.zh_len, self.en_len)

    @functools.cached_property
    def turns(self) -> bool:
        """Whether changes of speaker are evidence here (see `with_turns`); read once, as it scans every token."""
        return any(TURN_TOKEN in toks for toks in self.zh_tokens)

    def blocks(self, zh_size: int, en_size: int) -> "Sides":
        """Consecutive sentences joined `zh_size` and `en_size` at a time (for a coarse pass)."""
        zh = [sum(self.zh_tokens[k:k + zh_size], []) for k in range(0, len(self.zh_tokens), zh_size)]
        en = [set().union(*self.en_keys[k:k + en_size]) for k in range(0, len(self.en_keys), en_size)]
        return Sides(zh, en, np.add.reduceat(self.zh_len, np.arange(0, len(self.zh_len), zh_size)),
                     np.add.reduceat(self.en_len, np.arange(0, len(self.en_len), en_size)))


@dataclass
class Evidence:
    """Evidence of Chinese sentence i against English sentence j = start[i] + k, for k < width.

    `zh_hit[i, k]`: weight of i's tokens that have a translation among j's words;
    `en_hit[i, k]`: weight of j's words translated by some token of i.
    Outside its window a sentence has no evidence. Totals bound the hits; lengths feed the
    length prior. With the full window (start 0, width m) the matrices are plain n x m.
    `repeats` lists, for each Chinese sentence, each token found at English position `p` and next at
    `q` (close enough for one run to hold both) with the smaller of the two weights: a run holding both
    takes it off, so that it counts the token once (exactly once when its finds weigh alike, as they do
    unless different glosses of it are found at different places); see `Scorer.repeated`.
    `en_repeats` lists the same for English words: each key of a Chinese sentence's tokens found at English
    positions `p` and next at `q`, with the smaller of the two shares of their totals it makes up, unless two or
    more of the sentence's tokens may translate it (the translator rendered the repetition). The same exception on
    the Chinese side (a token the sentence says twice counting each of its finds once, none taken off) was tried:
    transcript mode, seeds 7 / 100, TED intro .979 -> .976 and omit .963 -> .960 (seed 100), long-form omit .947 ->
    .942 (seed 200) and truncate .986 -> .983, clean alike: left out.
    """

    zh_hit: np.ndarray
    en_hit: np.ndarray
    start: np.ndarray
    zh_total: np.ndarray
    en_total: np.ndarray
    zh_len: np.ndarray
    en_len: np.ndarray
    repeats: "Repeats"
    en_repeats: "Repeats"

    @property
    def width(self) -> int:
        return self.zh_hit.shape[1]

    def found(self, units: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Weight of English units `columns` translated by Chinese units `units` (0 outside their windows; arrays
        that broadcast together)."""
        k = columns - self.start[units]
        inside = (k >= 0) & (k < self.width)
        return np.where(inside, self.en_hit[units, np.minimum(np.maximum(k, 0), self.width - 1)], 0.0)


def window_columns(start: np.ndarray, width: int, m: int) -> np.ndarray:
    """The English position of every cell of each Chinese unit's window (start[i] + k for k < width), clipped to
    the last of m: the columns of Evidence's matrices."""
    return np.clip(start[:, None] + np.arange(width)[None, :], 0, m - 1)


def english_keys(texts: list[str], turns: list[bool] | None = None) -> list[set[str]]:
    """The keys of each English text, with a change of speaker's where `turns[j]` says a new speaker begins
    text j although the text itself may not mark it (voice tags, diarised JSON)."""
    return [set(keys(text)) | ({TURN} if turns and turns[j] else set()) for j, text in enumerate(texts)]


def english_length(text: str) -> float:
    return float(sum(ch.isalnum() for ch in spoken_text(text)))


def length_deviation(zh_len, en_len, ratio: float, spread: float):
    """Chinese length against English length times the ratio, in standard deviations (Gale–Church).

    The variance grows with the length: `spread` times the ratio per unit of length.
    """
    return (zh_len - ratio * en_len) / np.sqrt(spread * ratio * (ratio * en_len + zh_len) / 2 + 1.0)


def weigh(sides: Sides, start: np.ndarray | None = None, width: int | None = None, longest: int = 1) -> Evidence:
    """Evidence within each Chinese sentence's window [start[i], start[i] + width) of English sentences,
    for runs of up to `longest` of them."""
    n, m = len(sides.zh_tokens), len(sides.en_keys)
    width = m if width is None else min(width, m)
    start = np.zeros(n, dtype=int) if start is None else np.clip(start, 0, m - width)
    df: dict[str, int] = defaultdict(int)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, ks in enumerate(sides.en_keys):  # sets: taken in sorted order, so that float sums and the
        for k in sorted(ks):  # vocabulary's order do not change with Python's string hashing
            df[k] += 1
            postings[k].append(j)
    idf = {k: math.log(1 + m / d) for k, d in df.items()}
    en_total = np.array([sum(idf[k] for k in sorted(ks)) for ks in sides.en_keys], dtype=float)
    found = _Found(idf, postings, longest, en_total)
    zh_hit = np.zeros((n, width))
    en_hit = np.zeros((n, width))
    zh_total = np.zeros(n)
    repeats: list[tuple[int, np.ndarray]] = []
    en_repeats: list[tuple[int, np.ndarray]] = []
    for first in range(0, n, CHUNK):
        zh_parts = _Parts()  # (sentence, English position, weight) of every hit, in order
        en_parts = _Parts()
        for i in range(first, min(n, first + CHUNK)):
            seen: set[str] = set()
            rendered: dict[str, int] = defaultdict(int)  # how many of the sentence's tokens may translate a key
            for token in sides.zh_tokens[i]:
                at, weight, total, present, pairs = found.token(token)
                zh_total[i] += total
                zh_parts.add(i, at, weight)
                seen.update(present)
                for k in set(present):
                    rendered[k] += 1
                inside = _within(pairs, start[i], start[i] + width)
                if len(inside):
                    repeats.append((i, inside))
            for k in sorted(seen):
                en_parts.add(i, found.postings[k], found.idf[k])
                if rendered[k] == 1:
                    inside = _within(found.english_repeats(k), start[i], start[i] + width)
                    if len(inside):
                        en_repeats.append((i, inside))
        zh_parts.accumulate(zh_hit, start)
        en_parts.accumulate(en_hit, start)
    return Evidence(zh_hit, en_hit, start, zh_total, en_total, sides.zh_len, sides.en_len,
                    Repeats.gather(repeats, n), Repeats.gather(en_repeats, n))


@dataclass
class Repeats:
    """Repeated finds of a token, sorted by Chinese sentence: `first[i]:first[i + 1]` are sentence i's."""

    p: np.ndarray
    q: np.ndarray
    weight: np.ndarray
    first: np.ndarray

    @classmethod
    def gather(cls, found: list[tuple[int, np.ndarray]], n: int) -> "Repeats":
        """From (sentence, its rows of p, q, weight), in sentence order."""
        rows = np.repeat([i for i, _ in found], [len(f) for _, f in found]).astype(int)
        table = np.concatenate([f for _, f in found]) if found else np.zeros((0, 3))
        return cls(table[:, 0].astype(int), table[:, 1].astype(int), table[:, 2], np.searchsorted(rows, np.arange(n + 1)))


class _Parts:
    """Hits gathered for a chunk of sentences, added into the evidence in one numpy call."""

    def __init__(self):
        self.rows: list[int] = []
        self.columns: list[np.ndarray] = []
        self.weights: list = []

    def add(self, row: int, columns: np.ndarray, weight: np.ndarray | float) -> None:
        """Hits of sentence `row` at English `columns`, with a weight each or one for all (not mixed)."""
        if len(columns):
            self.rows.append(row)
            self.columns.append(columns)
            self.weights.append(weight)

    def accumulate(self, matrix: np.ndarray, start: np.ndarray) -> None:
        """matrix[i, j - start[i]] += weight for every hit inside its sentence's window, in the order
        added (so sums come out as a loop would make them)."""
        if not self.rows:
            return
        lengths = np.array([len(c) for c in self.columns])
        rows = np.repeat(self.rows, lengths)
        columns = np.concatenate(self.columns) - start[rows]
        weights = np.concatenate(self.weights) if isinstance(self.weights[0], np.ndarray) \
            else np.repeat(np.array(self.weights, dtype=float), lengths)  # one weight per part
        inside = (columns >= 0) & (columns < matrix.shape[1])
        np.add.at(matrix, (rows[inside], columns[inside]), weights[inside])


class _Found:
    """Where each Chinese token finds its English in one document, worked out once per distinct token:
    the positions, the best-weighted key found at each, and what the token adds to its sentence's total."""

    def __init__(self, idf: dict[str, float], postings: dict[str, list[int]], longest: int, en_total: np.ndarray):
        self.longest = longest
        self.en_total = np.maximum(en_total, 1e-9)
        self.idf = idf
        self.postings = {k: np.array(v) for k, v in postings.items()}  # arrays: gathered per sentence
        self.vocabulary = Vocabulary(list(idf))
        self.default_weight = float(np.median(list(idf.values()))) if idf else 1.0
        self._tokens: dict[Token, tuple[np.ndarray, np.ndarray, float, list[str], np.ndarray]] = {}
        self._english: dict[str, np.ndarray] = {}

    def token(self, token: Token) -> tuple[np.ndarray, np.ndarray, float, list[str], np.ndarray]:
        """(positions, weights there, addition to the sentence's total, the keys present, repeated finds:
        rows (p, q, weight) for each find at p whose next is at q, fewer than `longest` positions on)."""
        if token not in self._tokens:
            present = _present_keys(token, self.idf, self.vocabulary)
            boost = ANCHOR_BOOST if token.anchor else 1.0
            if not present:
                total = boost * self.default_weight * (0.5 if len(token.text) == 1 else 1.0)
                self._tokens[token] = (np.zeros(0, dtype=int), np.zeros(0), total, [], np.zeros((0, 3)))
            else:
                at, weights = self._best(present)
                weights = boost * weights
                repeats = _next_finds(at, weights, self.longest)
                self._tokens[token] = (at, weights, boost * max(self.idf[k] for k in present), present, repeats)
        return self._tokens[token]

    def _best(self, present: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The sorted positions where any of the keys `present` is found, with the best weight (idf) found there."""
        at = np.concatenate([self.postings[k] for k in present])
        weights = np.repeat([self.idf[k] for k in present], [len(self.postings[k]) for k in present])
        if len(present) > 1:  # by position, then weight: the last row of each position holds its best
            order = np.lexsort((weights, at))
            at, weights = at[order], weights[order]
            last = np.append(at[1:] != at[:-1], True)
            at, weights = at[last], weights[last]
        return at, weights

    def english_repeats(self, key: str) -> np.ndarray:
        """Rows (p, q, share) for each English position p holding `key` whose next is at q, fewer than
        `longest` positions on: the smaller share of its position's total the key makes up (once per key)."""
        if key not in self._english:
            at = self.postings[key]
            self._english[key] = _next_finds(at, self.idf[key] / self.en_total[at], self.longest)
        return self._english[key]


def _next_finds(at: np.ndarray, weights: np.ndarray, longest: int) -> np.ndarray:
    """Rows (p, q, the smaller weight) for each find at sorted position p whose next is at q, fewer than
    `longest` positions on (farther apart, no run holds both)."""
    near = np.flatnonzero(at[1:] - at[:-1] < longest)
    out = np.empty((len(near), 3))
    out[:, 0], out[:, 1] = at[near], at[near + 1]
    np.minimum(weights[near], weights[near + 1], out=out[:, 2])
    return out


def _within(pairs: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """The rows of `pairs` (sorted by p and by q) with both finds in the window [lo, hi)."""
    if not len(pairs):
        return pairs
    return pairs[pairs[:, 0].searchsorted(lo):pairs[:, 1].searchsorted(hi)]


def _present_keys(token: Token, idf: dict[str, float], vocabulary: "Vocabulary") -> list[str]:
    """The English keys of this document that the token may translate to."""
    if not token.keys:
        return []
    key = token.keys[0]
    if token.anchor and not key.startswith("#"):
        if key in idf:
            return [key]
        return vocabulary.glued(token.text) or vocabulary.near_spellings(key)
    # Tried: English synonyms from CC-CEDICT itself (single-word glosses that share three or more entries, Dice 0.2
    # or more: picture/image, need/require, answer/reply), added to every token (long-form omit .952 -> .948) or
    # only to one whose own keys the document lacks (TED unchanged in every variant, long-form omit .952 -> .950):
    # the learnt glosses (learned.py) already find what such a backoff would, such as 图片 = "image".
    found = [k for k in token.keys if k in idf]
    return found or [k for key in token.keys for k in vocabulary.derivations(key)]


class Vocabulary:
    """The English keys of a document, searched for near-spellings of names (`Jeff`/`Geoff`, `Yann`/`Yan`)
    and for derivations the stemmer keeps apart (`applaud`/`applause`: a shared five-letter prefix)."""

    def __init__(self, keys: list[str]):
        self.words = [k for k in keys if not k.startswith("#") and len(k) >= 3]
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for k in self.words:
            if len(k) >= 5:
                self.by_prefix[k[:5]].append(k)
        self._near: dict[str, list[str]] = {}
        self._glued: dict[str, list[str]] = {}
        self.keys = frozenset(keys)

    def near_spellings(self, key: str) -> list[str]:
        if key not in self._near:
            self._near[key] = [] if len(key) < 3 else [v for v, _, _ in process.extract(
                key, self.words, scorer=fuzz.ratio, score_cutoff=66, limit=3)]
        return self._near[key]

    def glued(self, run: str) -> list[str]:
        """The document's keys that a Latin run written without spaces spells out in full, with
        stopwords between them (`forindexincards` -> index, card); none unless every letter is used.
        Subtitles joined without spaces glue the names and code a translator kept this way."""
        if run not in self._glued:
            found: list[str] = []
            for part in re.findall(r"[a-z]+", run.lower()):
                words = _spell_out(part, self.keys)
                if words is None:
                    found = []
                    break
                found += words
            self._glued[run] = found
        return self._glued[run]

    def derivations(self, key: str) -> list[str]:
        return self.by_prefix.get(key[:5], []) if len(key) >= 5 else []


def _spell_out(letters: str, keys: frozenset[str]) -> list[str] | None:
    """The fewest pieces of `letters` that are each a stopword or a word of three letters or more
    whose stem is in `keys` (the stems of those words), or None when they cannot all be used."""
    best: list[tuple[int, list[str]] | None] = [None] * (len(letters) + 1)
    best[0] = (0, [])
    for end in range(1, len(letters) + 1):
        for begin in range(max(0, end - 20), end):
            if best[begin] is None:
                continue
            piece = letters[begin:end]
            if (piece in STOPWORDS and len(piece) > 1) or piece in ("a", "i"):
                found: list[str] = []
            elif len(piece) >= 3 and (key := stem(piece)) in keys:
                found = [key]
            else:
                continue
            count, words = best[begin]
            if best[end] is None or count + 1 < best[end][0]:
                best[end] = (count + 1, words + found)
    return best[-1][1] if best[-1] is not None and best[-1][1] else None
