"""Pairwise evidence between Chinese and English sentences: matched dictionary weight and lengths."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from companion.lexicon.chinese import Token, tokens
from companion.lexicon.english import keys
from companion.text import CJK

ANCHOR_BOOST = 2.0  # names and numbers are worth more than ordinary words


@dataclass
class Evidence:
    """Matrices over (Chinese sentence i, English sentence j) and per-sentence totals.

    `zh_hit[i, j]`: weight of i's tokens that have a translation among j's words;
    `en_hit[i, j]`: weight of j's words translated by some token of i.
    Totals bound the hits; lengths feed the length prior.
    """

    zh_hit: np.ndarray
    en_hit: np.ndarray
    zh_total: np.ndarray
    en_total: np.ndarray
    zh_len: np.ndarray
    en_len: np.ndarray


def chinese_length(text: str) -> float:
    """Characters of Chinese plus one per Latin word or number."""
    return len(CJK.findall(text)) + len(re.findall(r"[A-Za-z0-9]+", text))


def english_length(text: str) -> float:
    return float(sum(ch.isalnum() for ch in text))


def gather(zh_texts: list[str], en_texts: list[str]) -> Evidence:
    n, m = len(zh_texts), len(en_texts)
    en_keys = [set(keys(t)) for t in en_texts]
    df: dict[str, int] = defaultdict(int)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, ks in enumerate(en_keys):
        for k in ks:
            df[k] += 1
            postings[k].append(j)
    idf = {k: math.log(1 + m / d) for k, d in df.items()}
    post = {k: np.array(v, dtype=np.int64) for k, v in postings.items()}
    en_total = np.array([sum(idf[k] for k in ks) for ks in en_keys], dtype=float)
    vocabulary = Vocabulary(list(df))
    zh_hit = np.zeros((n, m))
    en_hit = np.zeros((n, m))
    zh_total = np.zeros(n)
    default_weight = float(np.median(list(idf.values()))) if idf else 1.0
    best = np.zeros(m)
    for i, text in enumerate(zh_texts):
        seen: set[str] = set()
        for token in tokens(text):
            present = _present_keys(token, idf, vocabulary)
            boost = ANCHOR_BOOST if token.anchor else 1.0
            if not present:
                zh_total[i] += boost * default_weight * (0.5 if len(token.text) == 1 else 1.0)
                continue
            best[:] = 0.0
            for k in present:
                np.maximum.at(best, post[k], idf[k])
            zh_total[i] += boost * max(idf[k] for k in present)
            zh_hit[i] += boost * best
            seen.update(present)
        for k in seen:
            en_hit[i, post[k]] += idf[k]
    zh_len = np.array([chinese_length(t) for t in zh_texts], dtype=float)
    en_len = np.array([english_length(t) for t in en_texts], dtype=float)
    return Evidence(zh_hit, en_hit, zh_total, en_total, zh_len, en_len)


def _present_keys(token: Token, idf: dict[str, float], vocabulary: "Vocabulary") -> list[str]:
    """The English keys of this document that the token may translate to."""
    key = token.keys[0]
    if token.anchor and not key.startswith("#"):
        return [key] if key in idf else vocabulary.near_spellings(key)
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

    def near_spellings(self, key: str) -> list[str]:
        if key not in self._near:
            self._near[key] = [] if len(key) < 3 else [v for v, _, _ in process.extract(
                key, self.words, scorer=fuzz.ratio, score_cutoff=66, limit=3)]
        return self._near[key]

    def derivations(self, key: str) -> list[str]:
        return self.by_prefix.get(key[:5], []) if len(key) >= 5 else []
