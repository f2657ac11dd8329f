"""Speech recognition by engine name: PocketSphinx (built in), faster-whisper (optional extra), or the
better of the two that is at hand offline ("auto", the default)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from media.errors import MediaError
from media.recognize import TimedWord, recognise

ENGINES = ("auto", "pocketsphinx", "whisper")
POCKETSPHINX = "PocketSphinx"  # the built-in engine, as the report names it
# Language-model weights for wide-band speech, lower than PocketSphinx's own (lw 6.5, fwdflatlw 8.5,
# bestpathlw 9.5, wip 0.65): word error rate on the development reader (LJ Speech) 23.9 -> 21.8 %, on
# two TED talks read by a neural voice (1029, 1057) 17.1 -> 16.5 % and 20.2 -> 18.7 %. On the
# development telephone call they raise it (84.8 -> 92.8 %): narrow-band audio keeps the defaults.
# Tried and left out: fillprob 1e-2 (fillers likelier between words) lowers WER on LJ Speech 21.8 -> 20.7 %
# but costs recognition-mode alignment of the 15 TED talks (paragraphs within 2 s, clean/intro/omit/
# truncate .918/.897/.852/.917 -> .914/.888/.845/.906); beams, topn, silprob, compallsen, maxhmmpf,
# pl_window, remove_dc, cmn batch, nwpen and windows cut at pauses move LJ Speech by a word at most
# (21.6-21.9 %); speaker normalisation by frequency warping (warp_params 0.90-1.10, inverse_linear or
# piecewise_linear) and pip 0.5 or 2.0 lose (22.1-23.2 %); for the telephone call a front end limited to
# 4 kHz (84.8 -> 95.9 %) or a folded or noise-filled upper band (89.3 %, 88.3 %) lose. The other US
# English language model on PyPI (SpeechRecognition's, 29 MB) gives 20.7 % on LJ Speech (20.9 % with
# PocketSphinx's own weights, 21.9-22.3 % with lw 5.0-6.0): a word in a hundred on one reader, not worth
# a second copy of a generic model.
WIDE_BAND = {"lw": 5.5, "fwdflatlw": 7.0, "bestpathlw": 8.0, "wip": 0.3}
# Wide-band speech is decoded twice, the second time with the model adapted to the voice (`media.adapt`):
# word error rate on the development reader 21.8 -> 19.3 %. Narrow-band speech is not: the first pass
# gets too few words right to learn from (development telephone call 85.2 -> 87.2 % when adapted).


@dataclass(frozen=True)
class Recognition:
    """The words heard, and what heard them, said for the report ("PocketSphinx", "faster-whisper small.en")."""

    words: list[TimedWord]
    engine: str
    note: str = ""  # why "auto" fell back to PocketSphinx although faster-whisper is installed

    @property
    def by_pocketsphinx(self) -> bool:
        return self.engine == POCKETSPHINX

    @property
    def notes(self) -> list[str]:
        """What the report says of it."""
        return [f"the English was recognised by {self.engine}", *([self.note] if self.note else [])]


def recognise_speech(path: Path, engine: str = "auto", model: str | None = None, model_dir: Path | None = None,
                     progress: Callable[[float], None] | None = None, expected: Iterable[str] = ()) -> Recognition:
    """Every recognised word; `progress` hears the seconds of audio done.

    "auto" takes faster-whisper when it is installed and its model loads offline (a model or model
    folder given counts as asking for it, so its errors are errors), else PocketSphinx. `expected` are words the
    speech likely holds (the article's names): PocketSphinx learns those its dictionary lacks (see new_words).
    """
    if engine not in ENGINES:
        raise MediaError(f"unknown speech engine {engine!r}; use {', '.join(ENGINES)}")
    note = ""
    if engine in ("auto", "whisper"):
        from media.whisper import default_model, installed, load_model, recognise_whisper

        name = model or default_model()
        asked = engine == "whisper" or bool(model or model_dir)  # then a missing model is an error
        if asked or installed():
            try:
                loaded = load_model(name, model_dir)
            except MediaError as error:
                if asked:
                    raise
                note = f"faster-whisper is installed but not used: {error}"
            else:
                return Recognition(recognise_whisper(path, loaded, progress), f"faster-whisper {name}")
    from media.bandwidth import narrow_band

    wide = not narrow_band(path)
    return Recognition(recognise(path, options=WIDE_BAND if wide else {}, extra=new_words(expected), progress=progress,
                                 adapt=wide, boost=EXPECTED),
                       POCKETSPHINX, note)


# How much likelier than a word of the language model's vocabulary taken at random an expected word the dictionary
# lacks is (see new_words): at the weight PocketSphinx gives an added word (1), the name a TED talk is about
# (1013's Kiva, said 11 times by a neural voice) was heard 0 times ("keep up", "he was"); at 100, 3; at 1000, 5, and
# nowhere it was not said.
EXPECTED = 1000.0
VOICELESS = {"P", "T", "K", "F", "TH"}  # a plural's s is said as S after these, as Z after others


def new_words(expected: Iterable[str]) -> dict[str, str]:
    """Phones for those of `expected` (lower-case words) that PocketSphinx's dictionary lacks, and for their plural or
    possessive (`kivas`), so that it can hear them: a name it cannot spell (Kiva, Stirton) is otherwise heard as
    other words, and the article's anchors find nothing there. A word spelt out by rules has two readings (see
    media.pronounce.pronunciations)."""
    words = sorted(set(expected))
    if not words:
        return {}
    from media.pronounce import pronunciations
    from media.recognize import new_decoder

    lookup = new_decoder().lookup_word
    found = {w: pronunciations(w, lookup) for w in words if lookup(w) is None}
    found |= {w + "s": [p + (" S" if p.split()[-1] in VOICELESS else " Z") for p in phones]
              for w, phones in found.items() if not w.endswith("s") and lookup(w + "s") is None}
    # a second reading is an alternate, `kiva(2)`: PocketSphinx writes the word as `kiva` either way
    return {w if k == 0 else f"{w}({k + 1})": p for w in sorted(found) for k, p in enumerate(found[w])}
