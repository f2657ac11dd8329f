"""English words to comparable keys: stems without stopwords, and numbers written as digits."""

from __future__ import annotations

import functools
import re

import snowballstemmer
from text_to_num import alpha2digit

from companion.text import SPEAKER_LABEL

STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her hers herself
him himself his how i if in into is it its itself just let me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves sb sth someone something one's oneself etc also oh um uh
it's i'm that's don't there's we're they're you're i've we've can't won't didn't isn't wasn't doesn't
""".split())
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d+(?:\.\d+)?")
_stemmer = snowballstemmer.stemmer("english")
ANNOTATION = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Sound annotations of transcripts and subtitles, and the key both languages' annotations share.
SOUNDS = {"laughter": "laughter", "laughs": "laughter", "laughing": "laughter", "applause": "applause",
          "applauding": "applause", "clapping": "applause", "cheers": "applause", "cheering": "applause",
          "music": "music", "singing": "music", "song": "music", "video": "video", "audio": "video"}


def sound_key(kind: str) -> str:
    """The evidence key of a sound annotation (`(Laughter)` and `（笑声）` both give `#~laughter`)."""
    return "#~" + kind


def spoken_text(text: str) -> str:
    """`text` without sound annotations (`(Laughter)`, `[Music]`) or a leading speaker label
    (`Narrator: `): what a translator renders as the sentence (labels become the speaker)."""
    return SPEAKER_LABEL.sub("", ANNOTATION.sub(" ", text).lstrip())


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Lower-case stem of one word (`learning` -> `learn`); numbers become `#17`."""
    w = word.lower().strip("'-")
    if w[:1].isdigit():
        return "#" + w.rstrip("0").rstrip(".") if "." in w else "#" + w
    if w.endswith("'s"):
        w = w[:-2]
    return _stemmer.stemWord(w)


def content_words(text: str) -> list[str]:
    """The words of `text` that carry meaning, spelled-out numbers turned into digits."""
    try:
        text = alpha2digit(text, "en", threshold=1.5)
    except Exception:  # text2num is strict about odd input; the words are still usable as they are
        pass
    return [w for w in WORD.findall(text) if w.lower() not in STOPWORDS]


def keys(text: str) -> list[str]:
    """Stems of the content words of `text`, in order, and the keys of its sound annotations."""
    sounds = [sound_key(SOUNDS[w]) for a in ANNOTATION.findall(text) for w in re.findall(r"[a-z]+", a.lower())
              if w in SOUNDS]
    return [stem(w) for w in content_words(text)] + sounds
