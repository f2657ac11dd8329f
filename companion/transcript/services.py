"""Transcripts as transcription services return them, in JSON: AssemblyAI (`utterances`, or `words`, in
milliseconds), Deepgram (`results`: its `utterances`, or a channel's `words`, in seconds) and Rev.ai (`monologues` of
timed `elements`). Each is speech recognition's output, timed by the word where the service gives words."""

from __future__ import annotations

import math

from companion.errors import InputError
from companion.transcript.from_words import segments_from_words
from companion.transcript.model import Segment, Word

MAX_SECONDS = 1_000_000.0  # about eleven days: any time beyond this is a broken file, not an episode


def seconds(value: object, what: str, per_second: int = 1) -> float:
    """A time given in units of which `per_second` make a second (1000: milliseconds), in seconds, checked finite and
    within an episode; an InputError naming `what`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value / per_second <= MAX_SECONDS:
        raise InputError(f"{what} is {value!r}, not a time in {'seconds' if per_second == 1 else 'milliseconds'}")
    return float(value) / per_second


def service_segments(data: object, path: str) -> list[Segment] | None:
    """The segments of a service's JSON, or None when `data` is none of theirs."""
    if not isinstance(data, dict) or "segments" in data:
        return None
    if isinstance(data.get("monologues"), list):
        return _revai(data["monologues"], path)
    results = data.get("results")
    if isinstance(results, dict) and isinstance(results.get("utterances") or results.get("channels"), list):
        return _deepgram(results, path)
    if isinstance(data.get("utterances"), list) or isinstance(data.get("words"), list):
        return _assemblyai(data, path)
    return None


def _assemblyai(data: dict, path: str) -> list[Segment]:
    """AssemblyAI: speaker turns (`utterances`, with their words) when diarised, else the words; milliseconds."""
    if isinstance(data.get("utterances"), list) and data["utterances"]:
        return [_turn(u, "text", 1000, f"{path}: utterance {k}") for k, u in enumerate(data["utterances"])]
    return _grouped(data["words"], "text", 1000, f"{path}: word")


def _deepgram(results: dict, path: str) -> list[Segment]:
    """Deepgram: speaker turns (`utterances`) when asked for, else the first channel's best words; seconds."""
    if isinstance(results.get("utterances"), list) and results["utterances"]:
        return [_turn(u, "transcript", 1, f"{path}: utterance {k}") for k, u in enumerate(results["utterances"])]
    try:
        words = results["channels"][0]["alternatives"][0]["words"]
    except (IndexError, KeyError, TypeError):
        raise InputError(f"{path}: Deepgram JSON without words (results.channels[0].alternatives[0].words)") from None
    return _grouped(words, "word", 1, f"{path}: word")


def _revai(monologues: list, path: str) -> list[Segment]:
    """Rev.ai: each speaker's monologue of text elements (timed) and punctuation (joined to the word before)."""
    words: list[Word] = []
    speakers: list[str | None] = []
    for k, monologue in enumerate(monologues):
        if not isinstance(monologue, dict):
            raise InputError(f"{path}: monologue {k} is {type(monologue).__name__}, not an object")
        speaker = _speaker(monologue.get("speaker_name") or monologue.get("speaker"))
        for element in monologue.get("elements") or []:
            if not isinstance(element, dict):
                continue
            value = str(element.get("value", ""))
            if element.get("type") == "text" and value.strip():
                where = f"{path}: monologue {k}, word {value!r}"
                words.append(Word(value.strip(), seconds(element.get("ts"), f"{where}: ts"),
                                  seconds(element.get("end_ts"), f"{where}: end_ts")))
                speakers.append(speaker)
            elif element.get("type") == "punct" and value.strip() and words and speakers[-1] == speaker:
                words[-1] = Word(words[-1].text + value.strip(), words[-1].start, words[-1].end)
    return segments_from_words(words, speakers)


def _turn(utterance: object, key: str, per_second: int, where: str) -> Segment:
    """One speaker turn with its text and, when given, its words."""
    if not isinstance(utterance, dict):
        raise InputError(f"{where} is {type(utterance).__name__}, not an object with times and text")
    words = _words(utterance.get("words") or [], "punctuated_word" if key == "transcript" else "text", per_second, where)
    return Segment(seconds(utterance.get("start"), f"{where}: start", per_second),
                   seconds(utterance.get("end"), f"{where}: end", per_second),
                   " ".join(str(utterance.get(key, "")).split()), _speaker(utterance.get("speaker")), words)


def _grouped(items: object, key: str, per_second: int, where: str) -> list[Segment]:
    """Words without turns, grouped by speaker and pause into segments (from_words.segments_from_words)."""
    items = [w for w in items if isinstance(w, dict)] if isinstance(items, list) else []
    key = "punctuated_word" if key == "word" else key
    words = _words(items, key, per_second, where)
    speakers = [_speaker(w.get("speaker")) for w in items if _text(w, key)]
    return segments_from_words(words, speakers)


def _words(items: list, key: str, per_second: int, where: str) -> list[Word]:
    """The timed words of a list of a service's word objects, their text under `key`."""
    return [Word(_text(w, key), seconds(w.get("start"), f"{where} {_text(w, key)!r}: start", per_second),
                 seconds(w.get("end"), f"{where} {_text(w, key)!r}: end", per_second))
            for w in items if isinstance(w, dict) and _text(w, key)]


def _text(word: dict, key: str) -> str:
    """A word's text: Deepgram's punctuated form when it gives one, else the plain word."""
    return str(word.get(key) or word.get("word") or word.get("text") or "").strip()


def _speaker(value: object) -> str | None:
    """A speaker's name as the service gives it: `A`, or a number (`Speaker 0`)."""
    if isinstance(value, bool) or value is None or not str(value).strip():
        return None
    return f"Speaker {value}" if isinstance(value, int) else str(value).strip()
