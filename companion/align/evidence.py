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
    fuzzy = _fuzzy_names(df)
    zh_hit = np.zeros((n, m))
    en_hit = np.zeros((n, m))
    zh_total = np.zeros(n)
    default_weight = float(np.median(list(idf.values()))) if idf else 1.0
    best = np.zeros(m)
    for i, text in enumerate(zh_texts):
        seen: set[str] = set()
        for token in tokens(text):
            present = _present_keys(token, idf, fuzzy)
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


def _present_keys(token: Token, idf: dict[str, float], fuzzy: dict[str, list[str]]) -> list[str]:
    if token.anchor and not token.keys[0].startswith("#"):
        return fuzzy.get(token.keys[0], []) if token.keys[0] not in idf else [token.keys[0]]
    found = [k for k in token.keys if k in idf]
    if not found:  # derivations the stemmer keeps apart: applaud/applause, decide/decision
        found = [k for key in token.keys if len(key) >= 5 for k in fuzzy.by_prefix.get(key[:5], ())]
    return found


def _fuzzy_names(df: dict[str, int]) -> dict[str, list[str]]:
    """A lookup that finds near-spellings of Latin words (`Jeff`/`Geoff`, `Yann`/`Yan`) among English keys.

    Its `by_prefix` table maps five-letter prefixes to the English keys that start with them.
    """
    vocabulary = [k for k in df if not k.startswith("#") and len(k) >= 3]

    class Lookup(dict):
        def __missing__(self, key: str) -> list[str]:
            found = [] if len(key) < 3 else [v for v, score, _ in process.extract(
                key, vocabulary, scorer=fuzz.ratio, score_cutoff=66, limit=3) if len(v) >= 3]
            self[key] = found
            return found

    lookup = Lookup()
    lookup.by_prefix = defaultdict(list)
    for k in vocabulary:
        if len(k) >= 5:
            lookup.by_prefix[k[:5]].append(k)
    return lookup
