"""From placed units to sentence times: every Chinese sentence gets a real span, matched or put in its gap.

A sentence starts where the segment its first unit begins in starts (the subtitle convention for a
sentence that begins mid-cue), or, when it opens with a sound annotation its English lacks, where the
sound fills the pause before that segment, or, in recognised speech, at its first words heard at the end
of the fragment before; it ends where its last unit's last segment ends. Consecutive
sentences that share a segment therefore overlap by it. A sentence none of whose units found English of its
own gets a span inside the gap its neighbours leave, shared out by length, and is marked unmatched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from companion.align.refine import Refined
from companion.align.units import Unit
from companion.lexicon.chinese import ANNOTATION, Token, only_sounds, sounds
from companion.lexicon.english import ANNOTATION as ENGLISH_ANNOTATION
from companion.lexicon.english import LONE_NOTES, MUSIC_NOTES, keys
from companion.transcript.model import Segment, Transcript

MIN_SPAN = 0.2  # seconds: the shortest span a sentence is given (a segment may have no length)
MIN_GAP = 0.5  # seconds: a gap narrower than this is widened into the sentence before it
# Seconds a sentence that opens with a sound annotation (`（掌声），谢谢。`) may reach back before its first
# English segment, into the silence (or unheard sound) after the segment before: the applause happens
# there, and its subtitle starts with it. A few seconds, as TED's (Applause) and (Laughter) cues last;
# farther back lies more likely untranslated speech. Recognition mode, 15 TED talks, paragraphs within
# 2 s, tuned / held back: clean .941/.873 -> .957/.898, truncate .960/.879 -> .973/.905, intro .912/.878
# -> .940/.871, omit .857/.795 -> .857/.801; forced clean .982 -> .985, intro .967 -> .970; transcript
# mode, where the annotation is most often a cue of its own, moves no paragraph (2, 3, 5 and 10 s: alike).
LEAD = 5.0
# Music and a played video last as long as the pause they fill (a break, a clip): a sentence opening with
# one starts where the speech before it ends, however long ago. Long-form, transcript mode, paragraphs
# within 1 s: clean .953 -> .956 (sicp-6b's break music, 39 s before the lecture resumes).
LASTING = frozenset({"music", "video"})
ENGLISH_END = re.compile(r"[.?!…][\"'”’)\]]*\s*$")  # an English sentence ends here


@dataclass
class Placed:
    """Where one Chinese sentence landed, and what its confidence is judged from."""

    start: float | None
    end: float | None
    matched: bool
    similarity: float
    english: str
    confidence: float = 0.0  # set by confidence.assign
    margin: float = 0.0  # how much dearer the best alignment gets when this start moves by over a second
    shared: bool = False  # begins inside the segment where the sentence before ends
    segments: int = 0  # segments its first unit took
    partial: bool = False  # some of its units found no English
    cue: float = 0.0  # seconds: length of the segment it starts in
    edge: tuple[float, float, float] = (0.0, 0.0, 0.0)  # evidence at its start (refine._edges)
    first: str = ""  # the English segment it starts in
    before: str = ""  # the English segment before the one it starts in
    agrees: float = 0.0  # 1 when the first pass put its start within a second, -1 elsewhere, 0 unknown
    found: tuple[tuple[int, float], ...] = ()  # (characters, similarity) of each of its units that found English
    opens_english: float | None = None  # 1 when its start is an English sentence's start, else 0; None unknown


def place(units: list[Unit], refined: Refined, transcript: Transcript, sentences: int,
          fragments: bool = False, unit_tokens: list[list[Token]] | None = None) -> list[Placed]:
    """A span for each of the `sentences` Chinese sentences from its units' segment runs; `unit_tokens`
    (the evidence tokens of each unit, as the aligner read them) let recognised speech start a sentence
    at its first words heard in the fragment before (see _heard_head)."""
    segs = transcript.segments
    by_sentence: list[list[int]] = [[] for _ in range(sentences)]
    for k, unit in enumerate(units):
        by_sentence[unit.sentence].append(k)
    placed: list[Placed | None] = []
    before = (-2, -1)  # the last segment of the sentence placed before, and its last unit
    for ks in by_sentence:
        runs = [(k, refined.runs[k]) for k in ks if refined.runs[k] is not None]
        if not runs:
            placed.append(None)
            continue
        k0, (a, _) = runs[0]
        _, (_, b) = runs[-1]
        start = segs[a].start
        if unit_tokens and fragments and before[0] == a - 1 and units[k0].first and not refined.shared[k0]:
            heard = _heard_head(segs[a - 1], _keys(unit_tokens[k0]), _keys(unit_tokens[before[1]]))
            start = start if heard is None else heard
        elif unit_tokens and fragments and before[0] == a and units[k0].first:
            heard = _shared_head(segs[a], _keys(unit_tokens[k0]), _keys(unit_tokens[before[1]]))
            start = start if heard is None else heard
        before = (b, runs[-1][0])
        sound = _opening_sound(units[k0].text) if units[k0].first and a > 0 else None
        if sound and not (ENGLISH_ANNOTATION.search(segs[a].text) or MUSIC_NOTES.search(segs[a].text)):
            reach = float("inf") if sound in LASTING else LEAD
            start = max(start - reach, min(start, segs[a - 1].end))
        end = max(segs[b].end, start + MIN_SPAN)
        english = " ".join(s.text for s in segs[a:b + 1])
        found = tuple((len(units[k].text), refined.similarity[k]) for k, _ in runs)
        similarity = sum(s * n for n, s in found) / max(1, sum(n for n, _ in found))  # its units', by their length
        placed.append(Placed(start, end, True, similarity, english, margin=refined.margins[k0],
                             shared=refined.shared[k0], segments=runs[0][1][1] - a + 1,
                             partial=len(runs) < len(ks) or not units[k0].first, cue=segs[a].end - segs[a].start,
                             edge=refined.edges[k0], first=segs[a].text, before=segs[a - 1].text if a > 0 else "",
                             opens_english=None if fragments else _opens_english(segs, a), found=found))
    out = _fill_gaps(placed, [sum(len(units[k].text) for k in ks) for ks in by_sentence])
    rest = segs[before[0] + 1:] if before[0] >= 0 else []
    if not rest or rest[-1].end - rest[0].start <= LEAD:  # no more English than applause may be heard as
        _closing_sounds(out, ["".join(units[k].text for k in ks) for ks in by_sentence], rest[0].start if rest else None)
    return _in_order(out)


def _shared_head(fragment: Segment, mine: set[str], theirs: set[str]) -> float | None:
    """In a fragment the sentence before ends in: the start of the word after the cut that leaves the sentence before
    most of the words it renders there and this one most of its own; None when no cut does better than the fragment's
    start. `mine` and `theirs` are the English keys of the sentence's first unit and of the last unit before it.

    Recognition cuts at pauses, and a fragment often holds one sentence's last words and the next one's first; the
    next one started with the fragment, early by the words before its own. Recognition mode, 15 TED talks (neural
    voice), paragraphs / sentences within 2 s, seed 7: clean .951/.938 -> .954/.939, intro .942/.931 -> .945/.932,
    omit .860/.872 -> .865/.874, truncate .970/.945 -> .970/.946 (held back: clean .929 -> .934, omit .835 -> .841);
    seeds 100 and 200 alike or up to .007 better, never worse; the two spoken lectures, clean .794 -> .797, omit
    .714 unchanged; forced mode unchanged. Moving also a start the search gave a whole fragment, when its first words
    go on the sentence before: clean .954 -> .951, omit .865 -> .863 (seed 7); starting at the next fragment when
    every word of the shared one goes on the sentence before: clean .954 -> .951, truncate .970 -> .966: both left
    out."""
    words = fragment.words
    if len(words) < 2:
        return None
    heard = [set(keys(w.text)) for w in words]
    theirs_found = np.concatenate([[0], np.cumsum([bool(h & theirs) for h in heard])])
    mine_found = np.concatenate([[0], np.cumsum([bool(h & mine) for h in heard])])
    score = theirs_found + (mine_found[-1] - mine_found)
    best = int(np.argmax(score))
    return words[best].start if score[best] > score[0] and best < len(words) else None


def _heard_head(fragment: Segment, mine: set[str], theirs: set[str]) -> float | None:
    """When the fragment before a sentence's first one ends with words the sentence renders and the one
    before it does not (`…security codes and here's an example both while | we found on a server…`,
    这里有一个案例…): the time of the first word after the last one the sentence before renders. None when
    no such word was heard. `mine` and `theirs` are the English keys of the sentence's first unit and of
    the last unit of the sentence before.

    Recognition cuts fragments at pauses, not at sentence ends, and a sentence's first words often end
    the fragment before: the sentence then started a fragment (about 2 s) late. Recognition mode, 15 TED
    talks, paragraphs within 2 s, tuned / held back: clean .953/.904 -> .949/.914, intro .934/.884 ->
    .934/.898, omit .876/.818 -> .871/.824, truncate .966/.905 -> .973/.914 (sentences, all talks: .919 .906
    .858 .926 -> .920 .906 .854 .927). Starting at its first rendered word instead: held back .909 .891 .824
    .914; only after a word the sentence before renders: .909 .898 .824 .905. Taking also the whole fragment before
    when the sentence before finds none of its words there, nor this one (`now if you do the math` for 现在如果你算一下):
    paragraphs clean .954 -> .898, omit .865 -> .814 (all talks, seed 7; such a fragment is most often the sentence
    before's after all)."""
    words = fragment.words
    if len(words) < 2:
        return None
    heard = [set(keys(w.text)) for w in words]
    last = max((i for i, k in enumerate(heard) if k & theirs), default=-1)
    first = next((i for i in range(last + 1, len(words)) if heard[i] & mine), 0)
    return words[max(last + 1, 1)].start if first else None  # none heard, or from its first word: the search chose


def _closing_sounds(placed: list[Placed], texts: list[str], heard: float | None) -> None:
    """Sentences after the last one placed that are nothing but sound annotations (a closing `（掌声）`) start
    where its English ends, or where the words heard after it begin (`heard`: a recogniser's words for the
    applause itself), and last LEAD seconds each: recognised speech has no annotation to match (a transcript's
    `(Applause)` cue gives them one). Only where at most LEAD seconds of English follow that sentence (see
    place), so that none the translator left untranslated does, whose sounds these might be. Recognition mode,
    15 TED talks, seed 7, paragraphs / sentences within 2 s: clean .945/.936 -> .947/.938, omit .847/.871 ->
    .850/.872 (with refine's `quiet`); transcript mode unchanged."""
    last = max((k for k, p in enumerate(placed) if p.start is not None), default=None)
    rest = range(last + 1 if last is not None else len(placed), len(placed))
    if last is None or not rest or not all(only_sounds(texts[k]) for k in rest):
        return
    start = placed[last].end if heard is None else max(heard, placed[last].start)
    for k in rest:
        placed[k] = Placed(start, start + LEAD, False, 0.0, "")
        start += LEAD


def _keys(found: list[Token]) -> set[str]:
    """The English keys a unit's tokens may translate to."""
    return {k for t in found for k in t.keys}


def _opening_sound(text: str) -> str | None:
    """The kind of sound annotation a Chinese sentence opens with (`（掌声），谢谢。`: applause), if any."""
    head = text.lstrip()
    found = ANNOTATION.match(head) or LONE_NOTES.match(head)  # `（音乐），…`, `♪♪，…`
    kinds = sounds(found.group(0)) if found else []
    return kinds[0][1] if kinds else None


def _in_order(placed: list[Placed]) -> list[Placed]:
    """Starts never go backwards, even where the English timing itself does (segments whose times were
    moved or spread overlap their neighbours): a start before the one before it takes that one's."""
    latest = None
    for p in placed:
        if p.start is None:
            continue
        if latest is not None and p.start < latest:
            p.start = latest
            p.end = max(p.end, p.start + MIN_SPAN)
        latest = p.start
    return placed


def _opens_english(segments, a: int) -> float:
    """1.0 when a start (segment a's) is an English sentence's: the transcript's first segment, or one
    after a sentence end."""
    return float(a == 0 or bool(ENGLISH_END.search(segments[a - 1].text)))


def _split_span(start: float, end: float, lengths: list[float]) -> list[tuple[float, float]]:
    """[start, end] shared between sentences in proportion to their lengths."""
    total = sum(lengths) or 1.0
    edges, acc = [start], 0.0
    for length in lengths:
        acc += length
        edges.append(start + (end - start) * acc / total)
    return list(zip(edges, edges[1:]))


def _fill_gaps(placed: list[Placed | None], lengths: list[int]) -> list[Placed]:
    """Unmatched sentences get times inside the gap between their matched neighbours (none at the edges)."""
    out: list[Placed] = []
    i, n = 0, len(placed)
    while i < n:
        if placed[i] is not None:
            out.append(placed[i])
            i += 1
            continue
        j = i
        while j < n and placed[j] is None:
            j += 1
        before = next((p for p in reversed(out) if p.start is not None), None)
        after = placed[j] if j < n else None
        if before is None or after is None:
            out.extend(Placed(None, None, False, 0.0, "") for _ in range(i, j))
        else:
            room = min(before.end, after.start)
            if after.start - room < MIN_GAP:  # no room: take the second half of the sentence before
                room = (before.start + after.start) / 2
                before.end = max(min(before.end, room), before.start + MIN_SPAN)
            spans = _split_span(room, after.start, lengths[i:j])
            out.extend(Placed(s, max(e, s + MIN_SPAN), False, 0.0, "") for s, e in spans)
        i = j
    return out
