"""The aligner, pass by pass: Chinese sentences in, a span and its evidence for every one out.

    units      long sentences cut into clause groups (units.py)
    sides      CC-CEDICT glosses, names, numbers and lengths of both sides (evidence.py)
    ratio      the length ratio, learnt from a first pass on words alone
    first      a monotonic bead search over Chinese units and English sentences (search.py),
               banded around a coarse pass on long episodes (band.py)
    learned    glosses the dictionary lacks, taught by the first pass's surest beads; then that pass again
               (learned.py)
    second     the same units on the transcript's own segments, near the first pass, with margins
               (refine.py); where a unit starts is judged by its first clause's meaning too (meaning.py)
    place      times per sentence; a sentence with no English of its own is put in its gap (timing.py)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from companion.align.band import choose_band, evidence_window
from companion.align.evidence import Sides, english_keys, english_length, weigh
from companion.align.learned import learn_glosses, with_glosses
from companion.align.meaning import Openings
from companion.align.names import UnrenderedNames
from companion.align.refine import STRANDED_PHRASE, STRANDED_WORD, Refined, refine
from companion.align.refine_costs import RefineParams
from companion.align.search import Band, Bead, Params, align
from companion.align.timing import Placed, place
from companion.align.units import Unit, clauses, units_of
from companion.lexicon.chinese import Token, only_sounds, renders_opening_phrase, renders_opening_word, tokens
from companion.lexicon.english import CONTINUATION, OPENERS, PHRASE_INNER, STOPWORDS, TURN
from companion.lexicon.english import only_sounds as english_sounds
from companion.text import APOSTROPHES, TYPOGRAPHIC
from companion.transcript.ads import ad_reads
from companion.transcript.model import Transcript
from companion.transcript.sentences import EnglishSentence, english_sentences, is_punctuated

# Beads this similar (chance is 0.25) pin the length ratio down in the second estimate; fitted
# by eye on the development talks 1004 and 1012: lower thresholds let chance beads in.
RATIO_BEADS = 0.3
# Chinese length per English length that a translation may have: where too few beads are sure to learn the
# ratio from, the whole document's is kept within these bounds. Learnt ratios of the development talks and
# lectures (ted_eval.py's articles, clean and intro) lie in .29-.44; a two-sentence excerpt of a talk against
# its whole transcript has .014, and no length fits it (its sentences went unplaced).
PLAUSIBLE_RATIO = (0.25, 0.5)
REFINE = RefineParams()
# A sentence's first word alone at the end of a cue ("So," "And" "Now,"): the Chinese subtitle of that
# sentence is most often in the next cue, unless it renders the word (`所以，` `现在，`): see refine.
LONE_WORD = re.compile(r"[A-Za-z']+[,.?!…]?")
PHRASE_WORDS = 4  # … or up to this many words, all function words ("So I'm just", "And then I"): see refine
# English sentences: a longer stretch the first pass gave to no unit is more often one it could not read
# (code read aloud, formulas) than one the translator left out. With no limit, or 3, long-form omit gained two
# paragraphs and lost two (one 26 s late); with 1, it lost one (.931 -> .929), where 2 gains two. Also tried: a longer
# run whose English is no longer than 3-6 of the document's average Chinese sentences' worth (talk 1019's are long):
# only 1019 moved, TED omit +1 paragraph at seed 7 and -1 at seed 100.
LEFT_OUT_RUN = 2
# Pieces the first pass left out before its first unit, at least, for them to be read as an untranslated intro
# (see RefineParams.skip_intro); one or two are more often the first sentence's misheard head: with 1, recognition
# mode started talk 1051's first paragraph a fragment late (clean .942 -> .940, truncate .951 -> .947). 3 and 6 score
# the same.
INTRO_PIECES = 3
# … and how many pieces just before the first pass's first unit are not taken for the intro: that pass, on words
# alone, often begins the first sentence a fragment late (`we choose not to choose |` before `even when it goes…`),
# and an intro's fragment costs almost nothing to skip, so the sentence began there too. Recognition mode, 15 TED
# talks, intro, paragraphs / sentences within 2 s, seeds 7 and 100: .936/.929 -> .945/.932, .927/.927 -> .939/.932;
# 2 scores as 1, 3 less (.939/.929); the other variants, and transcript mode, unchanged. Captions (TED, intro):
# .939 -> .945.
INTRO_GUARD = 1


@dataclass
class Aligned:
    """What the aligner found: a span per sentence, the units it placed, and the first pass's beads."""

    placed: list[Placed]
    units: list[Unit]
    beads: list[Bead]
    fragments: bool  # the English was unpunctuated (recognised speech, auto-captions)
    captions: bool = False  # … and had no word times (auto-captions: a cue holds several seconds of words)

    @property
    def heard(self) -> bool:
        """Whether the English was recognised words cut at pauses (unpunctuated, with word times)."""
        return self.fragments and not self.captions


def align_sentences(zh: list[str], transcript: Transcript, progress=None, turns: list[bool] | None = None) -> Aligned:
    """Every Chinese sentence placed against the English timed text; `turns[k]` says sentence k opens
    a new speaker's turn in the article."""
    units = units_of(zh)
    english = english_sentences(transcript)
    fragments = not is_punctuated(transcript)
    captions = fragments and not any(segment.words for segment in transcript.segments)
    params = Params.for_fragments(heard=not captions) if fragments else Params()
    if progress:
        progress("reading words (CC-CEDICT)")
    opens = np.array([bool(turns and turns[u.sentence]) and u.first for u in units], dtype=bool)
    changes = transcript.speaker_changes()
    sides = Sides.read([u.text for u in units], [e.text for e in english],
                       [changes[e.first] for e in english]).with_turns(opens)
    if progress:
        progress("aligning")
    ratio, beads = first_pass(sides, params)
    learned = {} if fragments else learn_glosses(sides, beads)
    if learned:  # see learned.py: words the dictionary lacks, taught by the document, for a second first pass
        sides = with_glosses(sides, learned)
        ratio, beads = first_pass(sides, params)
    renders = np.array([STRANDED_WORD * renders_opening_word(u.text) | STRANDED_PHRASE * renders_opening_phrase(u.text)
                        for u in units], dtype=np.int8)
    refine_params = RefineParams.for_fragments(heard=not captions) if fragments else REFINE
    quiet = np.array([only_sounds(u.text) for u in units], dtype=bool)
    refined = second_pass(sides, beads, english, plain_apostrophes(transcript), ratio, opens, refine_params, renders,
                          captions, quiet, _first_clauses(units, sides, quiet, not captions)
                          if refine_params.head_later else None, [u.text for u in units])
    placed = place(units, refined, transcript, len(zh), fragments, sides.zh_tokens)
    _compare_with_first_pass(placed, units, beads, english)
    return Aligned(placed, units, beads, fragments, captions)


def _first_clauses(units: list[Unit], sides: Sides, quiet: np.ndarray, one_clause: bool) -> list[list[Token]]:
    """Per unit that opens its sentence, its own evidence tokens (as the aligner reads them) that its first clause
    holds (see clause_order); with `one_clause` false, only for sentences of two clauses or more and those that are
    nothing but sounds (`quiet`, `（掌声）`): captions are cut at guessed openers into pieces of a few words, and a sentence of
    one clause finds its words anywhere in its English, none in a first piece as often as not."""
    out: list[list[Token]] = []
    for unit, found, sounds_only in zip(units, sides.zh_tokens, quiet):
        parts = clauses(unit.text)
        if not (unit.first and (one_clause or len(parts) > 1 or sounds_only)):
            out.append([])
            continue
        own = {t.text: t for t in found}
        out.append([own[t.text] for t in tokens(parts[0]) if t.text in own])
    return out


def plain_apostrophes(transcript: Transcript) -> Transcript:
    """The transcript with typographic apostrophes as `'` (`I’m`), as the word lists the second pass reads spell them
    (`So I'm just |`, `i'm gonna`): for matching only, so the subtitles and the report keep the transcript's own."""
    if not any(ch in segment.text for segment in transcript.segments for ch in TYPOGRAPHIC):
        return transcript
    return replace(transcript, segments=[replace(segment, text=segment.text.translate(APOSTROPHES),
                                                 words=[replace(w, text=w.text.translate(APOSTROPHES))
                                                        for w in segment.words])
                                         for segment in transcript.segments])


def _compare_with_first_pass(placed: list[Placed], units: list[Unit], beads: list[Bead],
                             english: list[EnglishSentence]) -> None:
    """Whether the second pass kept each sentence's start where the first pass put it (the two
    searches agreeing is evidence in itself). Where they disagree, the second pass is most often right: taking the
    first pass's start there instead (for beads of similarity 0.8 or more) lost long-form clean .977 -> .972."""
    first_start: dict[int, float] = {}
    for bead in beads:
        if bead.matched:
            first_start[units[bead.zh[0]].sentence] = english[bead.en[0]].start
    for k, p in enumerate(placed):
        if p.matched and k in first_start:
            p.agrees = 1.0 if abs(first_start[k] - p.start) <= 1.0 else -1.0


def first_pass(sides: Sides, params: Params) -> tuple[float, list[Bead]]:
    """The length ratio and the bead path over units and English sentences, on words alone.

    The path leaves lengths out: the whole-document ratio is wrong whenever part of either side is
    untranslated, so the ratio is learnt from this path's surest beads, for the second pass. (A
    further first pass with that ratio changed no start on the development talks: the second pass
    places units within RefineParams.reach segments anyway.)"""
    ratio = float(sides.zh_len.sum() / max(1.0, sides.en_len.sum()))
    words_only = replace(params, length=0.0)
    band = choose_band(sides, words_only, ratio)
    ev = weigh(sides, *evidence_window(band, len(sides.en_keys), params.reach), longest=params.reach)
    beads = align(ev, ratio, words_only, band)
    sure = [b for b in beads if b.matched and b.similarity >= RATIO_BEADS]
    if len(sure) < 3:
        return min(max(ratio, PLAUSIBLE_RATIO[0]), PLAUSIBLE_RATIO[1]), beads
    lz = sum(ev.zh_len[slice(*b.zh)].sum() for b in sure)
    le = sum(ev.en_len[slice(*b.en)].sum() for b in sure)
    return float(lz / max(1.0, le)), beads


def second_pass(sides: Sides, beads: list[Bead], english: list[EnglishSentence], transcript: Transcript,
                ratio: float, turns: np.ndarray | None = None, params: RefineParams = REFINE,
                renders: np.ndarray | None = None, captions: bool = False, quiet: np.ndarray | None = None,
                heads: list[list[Token]] | None = None, texts: list[str] | None = None) -> Refined:
    """Units placed on the transcript's segments, each within `params.reach` segments of its first-pass bead.

    A segment holding the end of one English sentence and the start of the next is searched as two
    pieces, so that a unit may begin where the new sentence does; the runs found are given back in
    segments (a unit beginning in a piece begins with its segment). In `captions` (no punctuation, no word
    times) every segment's start may open a sentence, and segments cut at a width are also cut where a
    sentence likely begins (see sentence_pieces). `quiet[k]` says unit k is nothing but sound annotations
    (see refine); `heads[k]` holds the tokens of unit k's first clause (see clause_order); `texts[k]` is unit k's
    text, whose first clause's meaning judges where it starts (meaning.py, RefineParams.opening)."""
    segments = transcript.segments
    pieces = sentence_pieces(segments, captions and cut_at_width(segments))
    parent = np.array([k for k, _, _ in pieces])
    changes = transcript.speaker_changes()
    piece_keys = english_keys([text for _, text, _ in pieces],
                              [changes[k] and not opening for k, _, opening in pieces])  # a new speaker's first piece
    seg_sides = Sides(sides.zh_tokens, [ks if sides.turns else ks - {TURN} for ks in piece_keys], sides.zh_len,
                      np.array([english_length(text) for _, text, _ in pieces], dtype=float))
    first_piece = np.searchsorted(parent, np.arange(len(segments) + 1))
    english_in_pieces = [replace(e, first=first_piece[e.first], last=first_piece[e.last + 1] - 1) for e in english]
    band = segment_band(beads, english_in_pieces, len(sides.zh_tokens), len(pieces), params.reach)
    start = np.maximum(band.lo[1:] - params.longest, 0)
    width = int(np.max(band.hi[1:] - start)) + 1
    ev = weigh(seg_sides, start, min(width, len(pieces)), params.longest)
    first_clauses = None if heads is None else weigh(replace(seg_sides, zh_tokens=heads), start,
                                                     min(width, len(pieces)), params.longest)
    opens = np.array([opening for _, _, opening in pieces], dtype=bool)
    # where a sentence cut for length goes on, no sentence opens (transcript mode, all 15 TED talks,
    # paragraphs within 1 s: clean .985 -> .987, omit .939 -> .941; long-form clean .950 -> .953)
    opens[[e.first for e in english_in_pieces if not e.continues]] = True
    if captions:  # cut at pauses or at a width, not at sentence ends: any cue may begin a sentence
        opens[first_piece[:-1]] = True
    if params.continuations:
        opens &= np.array([not _continues(text) for _, text, _ in pieces], dtype=bool)
    starts = np.array([segments[k].start for k in parent])
    openings = Openings([clauses(t)[0] for t in texts], [text for _, text, _ in pieces], ev.start, ev.width,
                        params.opening_joined) \
        if texts is not None and params.opening else None
    names = UnrenderedNames.of(seg_sides, [text for _, text, _ in pieces], opens, start, min(width, len(pieces)),
                               params.longest) if params.head_name else None
    found = refine(ev, ratio, band, starts, opens, turns, params, stranded_rest(pieces, opens), renders,
                   left_out(beads, english_in_pieces, len(pieces)), intro(beads, english_in_pieces, len(pieces)),
                   quiet, first_clauses, _ads(english_in_pieces, len(pieces)), openings, names,
                   np.array([english_sounds(text) for _, text, _ in pieces], dtype=bool))
    runs = [(int(parent[a]), int(parent[b])) if run else None for run in found.runs for a, b in [run or (0, 0)]]
    return Refined(runs, found.shared, found.margins, found.similarity, found.edges)


def intro(beads: list[Bead], english: list[EnglishSentence], m: int) -> np.ndarray:
    """Per piece: whether it lies before every English sentence the first pass gave a unit, in a stretch of at
    least INTRO_PIECES pieces (an untranslated intro, not a first sentence's head the first pass missed), but for
    the last INTRO_GUARD of them."""
    out = np.zeros(m, dtype=bool)
    first = next((english[bead.en[0]].first for bead in beads if bead.matched), 0)
    if first >= INTRO_PIECES:
        out[:first - INTRO_GUARD] = True
    return out


def _ads(english: list[EnglishSentence], m: int) -> np.ndarray:
    """Per piece: whether it belongs to a sponsor read (transcript.ads)."""
    out = np.zeros(m, dtype=bool)
    for e, ad in zip(english, ad_reads([(e.start, e.end, e.text) for e in english])):
        out[e.first:e.last + 1] |= ad
    return out


def left_out(beads: list[Bead], english: list[EnglishSentence], m: int) -> np.ndarray:
    """Per piece: whether it belongs to up to LEFT_OUT_RUN English sentences that the first pass gave to
    no unit although it placed units on both sides of them (most often a sentence the translator left out)."""
    out = np.zeros(m, dtype=bool)
    placed = [k for k, bead in enumerate(beads) if bead.matched]
    for a, b in zip(placed, placed[1:]):
        between = [e for bead in beads[a + 1:b] for e in english[slice(*bead.en)]]
        if 0 < len(between) <= LEFT_OUT_RUN:
            for e in between:
                out[e.first:e.last + 1] = True
    return out


def stranded_rest(pieces: list[tuple[int, str, bool]], opens: np.ndarray) -> np.ndarray:
    """Per piece: the kind of sentence head (refine.STRANDED_WORD or STRANDED_PHRASE, else 0) left alone at
    the end of the segment before it opens (`…to be above flips. So, | let's work on flips first`)."""
    out = np.zeros(len(pieces), dtype=np.int8)
    for q in range(len(pieces) - 1):
        if opens[q] and pieces[q + 1][0] != pieces[q][0]:
            out[q + 1] = _head_kind(pieces[q][1], q > 0 and pieces[q - 1][0] == pieces[q][0])
    return out


def _head_kind(text: str, after_sentence: bool) -> int:
    """STRANDED_WORD for one word; STRANDED_PHRASE for a few function words after a sentence's end in
    their cue (a cue of nothing else, `And most of all,`, holds its own translation); else 0."""
    if LONE_WORD.fullmatch(text.strip()):
        return STRANDED_WORD
    words = [w.strip(",.?!…'\"").lower() for w in text.split()]
    phrase = after_sentence and 0 < len(words) <= PHRASE_WORDS and all(w in STOPWORDS for w in words)
    return STRANDED_PHRASE if phrase else 0


def _continues(text: str) -> bool:
    """Whether a fragment of unpunctuated speech opens with a word that goes on the sentence before."""
    words = text.split()
    return bool(words) and words[0].lower().strip(",.?!") in CONTINUATION


# Share of cues ending on a word that seldom ends a phrase (PHRASE_INNER) from which captions count as cut at
# a width: the CS193p lectures' captions .19 and .23; TED's subtitles and SICP's, cut by hand, .045 at most.
WIDTH_CUT = 0.1


def cut_at_width(segments) -> bool:
    """Whether the cues were cut when a line was full, as auto-captions are, rather than at phrase ends."""
    last = [words[-1].lower() for words in (segment.text.split() for segment in segments) if words]
    return sum(word in PHRASE_INNER for word in last) >= WIDTH_CUT * max(1, len(last))


def sentence_pieces(segments, openers: bool = False) -> list[tuple[int, str, bool]]:
    """(segment index, text, opens a sentence) for each piece: segments cut where an English sentence
    ends inside them (`I'll be back. I'm first gonna`). A piece starts with its segment, the
    subtitle convention: a segment that still holds several sentences is a cue as its source gives it
    (a subtitle cue, a subtitle-sized line of English text), shown whole with the Chinese that begins
    in it, while word-timed transcripts and longer lines were already cut at their sentence ends.

    With `openers` (captions with no punctuation or word times, cut at a width: `stacks i'm gonna stack
    these`), a piece is also cut before a word that often opens a sentence (lexicon.english.OPENERS), at least
    two words from either end: else a unit whose first words end a cue can only take the whole cue, whose head
    it does not render, or begin a cue late. The long-form recordings and TED talks with their English
    stripped of punctuation and case (scripts/captions_eval.py), every cue's start opening (second_pass),
    paragraphs within 1 s, tuned / held back (TED 1011 1013 1014 1054 1057 1058, long-form cs193p16-l2),
    articles built from the punctuated subtitles: long-form clean .741/.754 -> .866/.826, omit .675/.654 ->
    .741/.714; TED clean .969/.949 -> .973/.954, omit .866/.824 -> .871/.835; built from the stripped ones:
    long-form clean .441/.738 -> .730/.738, TED .953/.907 -> .961/.915. Cut in every caption track: TED held
    back lost (.949 -> .929); cut in halves: TED sentences .925 -> .896; before a longer, hand-made list (`i`,
    `we`, `what`, `if` …): long-form held back .738 -> .667."""
    from companion.transcript.split import sentence_ranges

    out = []
    for k, segment in enumerate(segments):
        tokens = segment.text.split()
        ranges = sentence_ranges(tokens) if tokens else [(0, 0)]
        if openers:
            ranges = [piece for a, b in ranges for piece in _at_openers(tokens, a, b)]
        for n, (a, b) in enumerate(ranges):
            out.append((k, " ".join(tokens[a:b]) or segment.text, n > 0))
    return out


def _at_openers(tokens: list[str], a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) cut before each word of OPENERS that leaves two words or more on both sides."""
    cuts = [a]
    for i in range(a + 2, b - 1):
        if i - cuts[-1] >= 2 and tokens[i].lower() in OPENERS:
            cuts.append(i)
    return list(zip(cuts, cuts[1:] + [b]))


def segment_band(beads: list[Bead], english: list[EnglishSentence], n: int, m: int, reach: int) -> Band:
    """Row i (units placed) may sit at segment positions near where the first pass ended unit i-1.

    A unit the first pass matched may end within `reach` segments of its bead's segments; one it
    skipped, anywhere between its neighbours' windows."""
    first = np.full(n, -1)
    last = np.full(n, -1)
    for bead in beads:
        if bead.matched:
            a, b = english[bead.en[0]].first, english[bead.en[1] - 1].last
            first[bead.zh[0]:bead.zh[1]] = a
            last[bead.zh[0]:bead.zh[1]] = b
    known = np.flatnonzero(first >= 0)
    if len(known) == 0:
        return Band.full(n, m)
    # skipped units: between the neighbours that were placed
    first = np.interp(np.arange(n), known, first[known]).astype(int) if len(known) < n else first
    last = np.interp(np.arange(n), known, last[known]).astype(int) if len(known) < n else last
    lo = np.zeros(n + 1, dtype=int)
    hi = np.zeros(n + 1, dtype=int)
    lo[1:] = first + 1 - reach
    hi[1:] = last + 1 + reach
    hi[:-1] = np.maximum(hi[:-1], first + reach)  # room to skip segments up to the next unit
    lo, hi = np.clip(lo, 0, m), np.clip(hi, 0, m)
    lo[0], hi[n] = 0, m
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    hi[:-1] = np.maximum(hi[:-1], lo[1:])
    return Band(lo, hi)
