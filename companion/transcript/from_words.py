"""A transcript from timed words (speech recognition or forced alignment), and back to JSON.

Recognised words carry no punctuation or capitals (but "I"); they are grouped into segments at
pauses or when a segment grows long, which is also how the aligner reads unpunctuated text.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from itertools import repeat
from typing import Iterable, Protocol

from companion.lexicon.english import OPENERS, STOPWORDS
from companion.text import LATIN_LETTER, ends_clause, plain_latin
from companion.transcript.model import Segment, Transcript, Word
from companion.transcript.split import split_at_sentences

LATIN_WORD = re.compile(rf"[{LATIN_LETTER}][0-9{LATIN_LETTER}'\-]*")  # accented letters too: José

PAUSE = 0.25  # seconds of silence that end a segment
MAX_WORDS = 8
MAX_SECONDS = 3.0


class TimedText(Protocol):
    text: str
    start: float
    end: float


def transcript_from_words(words: Iterable[TimedText], source: str = "") -> Transcript:
    """Recognised words as a transcript of segments (`segments_from_words`)."""
    # punctuated words (Whisper) may end a sentence mid-segment
    return split_at_sentences(Transcript(segments_from_words(words), source, recognised=True))


def segments_from_words(words: Iterable[TimedText], speakers: Iterable[str | None] | None = None) -> list[Segment]:
    """Segments of words: each run of one speaker's words between pauses, cut into pieces when it is long
    (`_pieces`); `speakers` gives each word's speaker, when known."""
    runs: list[tuple[str | None, list[Word]]] = []
    for w, speaker in zip(words, speakers if speakers is not None else repeat(None)):
        word = Word(_pronoun(w.text), w.start, w.end)
        if runs and runs[-1][0] == speaker and word.start - runs[-1][1][-1].end < PAUSE:
            runs[-1][1].append(word)
        else:
            runs.append((speaker, [word]))
    return [segment_of(piece, speaker) for speaker, run in runs for piece in _pieces(run)]


def _fits(words: list[Word]) -> bool:
    return len(words) <= MAX_WORDS and words[-1].end - words[0].start <= MAX_SECONDS


# Halving, rather than cutting at the eighth word, which kept a run's last word or two apart (`…charles on` +
# `the throne`): such a tail before a pause went to the next sentence, which started 2-3 s early.
# Recognition mode (cached PocketSphinx words of the 15 TED talks spoken by make_talk_audio.py), within 2 s,
# tuned / held back as in search.py, sentences: clean .926/.911 -> .940/.915, intro .907/.902 -> .915/.913,
# omit .845/.832 -> .860/.841, truncate .928/.909 -> .936/.916; paragraphs: clean .941/.919 -> .957/.924,
# intro .918/.905 -> .918/.898, omit .834/.812 -> .848/.812, truncate .953/.914 -> .980/.914. Lectures,
# paragraphs clean / omit: SICP 6B .857/.731 -> .857/.687, cs193p16-l2 .719/.654 -> .731/.684. Cut at the
# widest gap between words instead, TED clean and intro paragraphs score .925 and .891, SICP 6B clean .762.
# Then a run one cut from fitting is cut at a likely sentence opener (`_cut`; lexicon.english.OPENERS was learnt
# from the tuned talks): paragraphs clean .957/.924 -> .957/.944, intro .923/.912 -> .934/.905, omit .848/.812 ->
# .853/.824, truncate .980/.914 -> .973/.948 (sentences .940/.915 -> .941/.924, .920/.919 -> .926/.923, .860/.841
# -> .860/.837, .936/.916 -> .942/.919); lectures SICP 6B .857/.687 -> .857/.694, cs193p16-l2 .731/.684 ->
# .719/.692. Cut at openers in any run: TED clean and intro .949 and .936, but SICP 6B .851/.679 and cs193p16-l2
# .707/.647; only where the whole run needs one cut: TED .949 and .918.
def _pieces(run: list[Word]) -> list[list[Word]]:
    """A run of words without a pause, cut into segments that fit: punctuated words (Whisper's) at clause
    marks, unpunctuated ones in two (`_cut`), and the parts in two, until each fits."""
    if any(ends_clause(w.text) for w in run):
        return _at_clause_marks(run)
    if len(run) == 1 or _fits(run):
        return [run]
    cut = _cut(run)
    return _pieces(run[:cut]) + _pieces(run[cut:])


def _cut(run: list[Word]) -> int:
    """Where a run too long for one segment is cut: at its half; but a run one cut from fitting (at most
    2 * MAX_WORDS words) before the word nearest its middle, in its middle third, that likely opens a sentence
    (`…where fields meet | so tonight I want to`): such a run is often two sentences said without a pause.
    A longer run is halved first whatever its words: in dense speech they are as often fillers (a lecturer's
    `so`, `okay`), and cutting at them there too lost on the lectures (see the figures above)."""
    n = len(run)
    third = round(n / 3)
    openers = [k for k in range(third, n - third + 1) if run[k].text.lower() in OPENERS] if n <= 2 * MAX_WORDS else []
    return min(openers, key=lambda k: abs(2 * k - n)) if openers else n // 2


def _at_clause_marks(run: list[Word]) -> list[list[Word]]:
    """Segments that end where a segment grown too long has its last clause mark: the word that closes its
    clause still joins it (`delivered to your door.`, not `door.` left to flash alone)."""
    segments: list[list[Word]] = []
    current: list[Word] = []
    for word in run:
        if current and not _fits([*current, word]):
            if ends_clause(word.text) and not ends_clause(current[-1].text):
                segments.append([*current, word])
                current = []
                continue
            marks = [k for k, w in enumerate(current) if ends_clause(w.text)]
            cut = marks[-1] + 1 if marks else len(current)
            segments.append(current[:cut])
            current = current[cut:]
        current.append(word)
    if current:
        segments.append(current)
    return segments


def segment_of(words: list[Word], speaker: str | None = None) -> Segment:
    """One segment of these timed words, their text joined by spaces."""
    return Segment(words[0].start, words[-1].end, " ".join(w.text for w in words), speaker, words)


def _pronoun(word: str) -> str:
    """`i` as written, `I` (`i'm` -> `I'm`): recognisers write it lower case. In the words too, not only the
    text: the bilingual cues are built from the words, the English track from the text."""
    return "I" + word[1:] if word == "i" or word.startswith("i'") else word


def transcript_json(transcript: Transcript) -> str:
    """Whisper-style JSON (segments with words), which `companion align --transcript` reads back."""
    return json.dumps({"segments": [
        {"start": round(s.start, 3), "end": round(s.end, 3), "text": s.text,
         "words": [{"word": w.text, "start": round(w.start, 3), "end": round(w.end, 3)} for w in s.words]}
        for s in transcript.segments]}, ensure_ascii=False, indent=1) + "\n"


# A Latin run of the article cut into the words it is spoken as (`BrentStirton`, `displayValue`); capitals alone
# (`MVC`, `GPT`) are spelt out when spoken, which letter-to-sound rules cannot say.
SPOKEN_PART = re.compile(r"[A-Z]?[a-z]+")


def names_to_hear(text: str) -> list[str]:
    """The words of the article's Latin-script runs (names, brands, code), lower case, as a recogniser spells them:
    what it should be able to hear (media.speech.new_words). Not words of three letters or fewer: made likely, a
    short one is heard where it was not said (on the development talks, `gur` 6 times for once said)."""
    return sorted({part.lower() for run in LATIN_WORD.findall(plain_latin(text)) for part in SPOKEN_PART.findall(run)
                   if len(part) >= 4})


def recase(transcript: Transcript, text: str) -> Transcript:
    """Recognised words written as `text` (the article) writes them: `sam rivera` -> `Sam Rivera`,
    `gpt,` -> `GPT,`, `jose` -> `José`. Only words capitalised there change, and not stopwords or words of a 《title》,
    whose capitals are the title's, not the word's."""
    names = LATIN_WORD.findall(re.sub(r"《[^》]*》", " ", text))
    forms = {plain_latin(w).lower(): w for w in names if not w.islower() and w.lower() not in STOPWORDS}
    if not forms:
        return transcript

    def cased(words: str) -> str:  # each word by its plain letters: `jose`, `José` and `gpt,` (Whisper's) alike
        return LATIN_WORD.sub(lambda m: forms.get(plain_latin(m.group()).lower(), m.group()), words)

    return replace(transcript, segments=[Segment(s.start, s.end, cased(s.text), s.speaker,
                                                 [Word(cased(w.text), w.start, w.end) for w in s.words])
                                         for s in transcript.segments])

