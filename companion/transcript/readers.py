"""Readers for every supported transcript format, all producing a normalised Transcript."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from dataclasses import replace
from shlex import quote

import pysubs2
import webvtt
from bs4 import BeautifulSoup

from companion.errors import InputError, first_line
from companion.files import parse_json, read_utf8
from companion.lexicon.english import DIALOGUE_DASH, SOUNDS
from companion.text import (CJK, SBV_HEAD, SPEAKER_LABEL, SPEAKER_NAME, SRT_HEAD, TAG, bilingual, cue_line,
                            strip_controls)
from companion.transcript.from_words import segments_from_words
from companion.transcript.model import Segment, Transcript, Word
from companion.transcript.services import seconds, service_segments
from companion.transcript.split import split_at_sentences
from subtitles.ass import read_events

TIMESTAMP = re.compile(r"<(\d+:)?(\d{1,2}):(\d{2})\.(\d{3})>")
STAMP_LINE = re.compile(r"^\s*[\[(]((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?)[\])]\s*(.*)$")
CLOCK = r"((?:\d{1,2}:)?\d{1,2}:\d{2})"
# A line of a time alone (a transcript copied from a video page), or of a speaker and a time (Otter's `Sam Rivera
# 0:03`, Rev's `Sam Rivera (00:03):`), over the text said from then on; a time opening a line without brackets
# (`0:05 today we…`) when most lines open so.
ALONE = re.compile(rf"^\s*{CLOCK}\s*$")
SPEAKER_STAMP = re.compile(rf"^\s*({SPEAKER_NAME})\s*[\[(]?{CLOCK}[\])]?\s*:?\s*$")
OPENING_CLOCK = re.compile(rf"^\s*{CLOCK}\s+(\S.*)$")
# How `companion transcribe` marks its WebVTT as recognised speech, before the first cue (`NOTE recognised by X`).
RECOGNISED_NOTE = "NOTE recognised by "
MAX_BYTES = 200 << 20  # a Whisper JSON with word times for a six-hour episode is about 30 MB
# A subtitle track labels its turns (`Sam: So you taught yourself?`) when this many names each open this many cues:
# one cue opening `Remember: …` is no speaker. sicp-6b labels PROFESSOR and AUDIENCE 14 times each; no TED talk
# repeats two labels but 1054 (`Data`, `HK`).
LABELLED_NAMES = 2
LABELLED_CUES = 2
CAPTION_TURN = re.compile(r"^>>\s*")  # how broadcast captioners open a turn, before its label or alone
# A label in brackets (`[Sam] So you taught yourself?`), as some subtitles write it; a sound's (`[Music]`) or a
# recogniser's tag (`[BLANK_AUDIO]`) is none.
BRACKET_LABEL = re.compile(rf"^\[({SPEAKER_NAME})\]\s+(?=\S)")
# Whisper's TSV output: milliseconds under a header
TSV_HEAD = re.compile(r"start\tend\ttext[ \t]*\r?\n")
# An HTML transcript (Podcasting 2.0's: `<cite>Sam:</cite> <time>0:04</time> <p>…</p>`, or a page's)
HTML_HEAD = re.compile(r"<(?:!doctype|html|head|body|cite|time|p|div)[\s>]", re.I)
# TTML (Apple Podcasts' transcripts, DFXP caption exports): its root element, after an XML declaration or comments
TTML_HEAD = re.compile(r"(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<tt[\s>]", re.S)
NO_SPEAKER = {"inaudible", "crosstalk", "silence", "unintelligible", "foreign", "blank_audio", "no speech"}


def read_transcript(path: str) -> Transcript:
    """Read an English transcript, choosing the reader from the content (and suffix)."""
    text, removed = strip_controls(read_utf8(path, "transcript", MAX_BYTES, word=True))
    if not text.strip():
        raise InputError(f"{path} is empty")
    head = text.lstrip()
    recognised = False
    subtitles = True  # a subtitle track's cues (see Transcript.cues)
    try:
        if head.startswith("WEBVTT"):
            segments = _vtt(text)
            recognised = re.search("^" + re.escape(RECOGNISED_NOTE), text.split("-->", 1)[0], re.M) is not None
        elif head.startswith("[Script Info]"):
            segments = _events(text)
        elif TTML_HEAD.match(head):
            segments = _events(text, "ttml")
        elif head.startswith("{") or (head.startswith("[") and not STAMP_LINE.match(head.split("\n", 1)[0])) \
                or str(path).lower().endswith(".json"):
            (segments, recognised), subtitles = _json(text, path), False
        elif SRT_HEAD.match(head):
            segments = _cues(webvtt.from_buffer(io.StringIO(text), format="srt"))
        elif SBV_HEAD.match(head):
            segments = _cues(webvtt.from_buffer(io.StringIO(text), format="sbv"))
        elif TSV_HEAD.match(head):
            segments = _tsv(head)
        elif HTML_HEAD.match(head):
            segments, subtitles = _stamped_text(_html_lines(text), path), False
        else:
            segments, subtitles = _stamped_text(text, path), False
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError, pysubs2.Pysubs2Error, ValueError,
            KeyError, TypeError, SyntaxError, NotImplementedError) as exc:  # the last two: TTML's XML, its times
        raise InputError(f"{path}: cannot read the transcript ({first_line(exc)})") from None
    if _one_word_each(segments):
        segments = _of_words(segments)
    transcript = split_at_sentences(replace(normalise(segments, source=path), recognised=recognised, cues=subtitles))
    if not transcript.segments:
        raise InputError(f"{path} holds no timed English text")
    if _mostly_chinese(transcript):
        raise InputError(f"{path} is Chinese, not the English transcript (are the article and the transcript swapped?)")
    transcript.cleaned = removed
    return transcript


def _mostly_chinese(transcript: Transcript) -> bool:
    """Whether most of the transcript's letters are Chinese characters (a Chinese track given by mistake)."""
    text = "".join(s.text for s in transcript.segments)
    return len(CJK.findall(text)) > sum(ch.isalpha() for ch in text) / 2


def _vtt(text: str) -> list[Segment]:
    return _cues(webvtt.from_buffer(io.StringIO(text)))


def _cues(captions) -> list[Segment]:
    """Cues to segments; YouTube rolling captions (lines repeating the previous cue) are deduplicated, and
    a bilingual track (中英双语) keeps its English lines."""
    captions = list(captions)
    english_only = bilingual([cue_line(ln) for c in captions for ln in c.lines])
    segments: list[Segment] = []
    previous_lines: list[str] = []
    for c in captions:
        start, end = c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000
        speaker = getattr(c, "voice", None)
        lines = [ln for ln in c.lines if TAG.sub("", ln).strip() and not (english_only and CJK.search(ln))]
        fresh = [ln for ln in lines if cue_line(ln) not in previous_lines or TIMESTAMP.search(ln)]
        if lines:
            previous_lines = [cue_line(ln) for ln in lines]
        if not fresh:
            continue
        words = _inline_words(fresh, start, end)
        turns = [" ".join(cue_line(ln) for ln in fresh)] if words else _dialogue(fresh)
        if len(turns) > 1:
            segments.extend(_shared_out(turns, start, end, speaker))
        else:
            segments.append(Segment(start, end, turns[0], speaker, words))
    return _labelled_turns(segments)


def _labelled_turns(segments: list[Segment]) -> list[Segment]:
    """A track that labels its turns with names (`Sam: …`, `[Sam] …`, captioners' `>> SAM: …`) has each label moved
    out of the text into the speaker, who keeps the following cues until the next label or unnamed `>>` (a voice tag
    wins): the label is no speech, and the subtitles show the speaker as a voice. Other tracks are returned as they
    are."""
    texts = [CAPTION_TURN.sub("", s.text, count=1) for s in segments]
    labels = [SPEAKER_LABEL.match(text) or _bracket_label(text) for text in texts]
    counts = Counter(m.group(1) for m in labels if m)
    if sum(n >= LABELLED_CUES for n in counts.values()) < LABELLED_NAMES:
        return segments
    out, speaker = [], None
    for seg, text, label in zip(segments, texts, labels):
        if label:
            speaker = label.group(1)
            seg = replace(seg, text=text[label.end():])
        elif text != seg.text:  # `>>` alone: someone takes the turn, unnamed
            speaker = None
        out.append(replace(seg, speaker=seg.speaker or speaker))
    return out


def _bracket_label(text: str) -> re.Match | None:
    """The match of a speaker's name in brackets opening `text`, if it is one (see BRACKET_LABEL)."""
    m = BRACKET_LABEL.match(text)
    return m if m and m.group(1).lower() not in SOUNDS.keys() | NO_SPEAKER else None


def _dialogue(lines: list[str]) -> list[str]:
    """A cue's turns where its lines follow the dialogue convention (`- So you taught yourself?` / `- At first,
    yes.`): a line after the first that opens with a dash opens a turn; else the one text of the cue."""
    texts = [cue_line(ln) for ln in lines]
    turns: list[str] = []
    for k, text in enumerate(texts):
        if k == 0 or DIALOGUE_DASH.match(text):
            turns.append(text)
        else:
            turns[-1] += " " + text
    return turns


def _shared_out(turns: list[str], start: float, end: float, speaker: str | None) -> list[Segment]:
    """One segment a turn, the cue's time shared out by characters (two people rarely share a cue evenly, but
    nothing finer is known)."""
    total = sum(len(t) for t in turns)
    out, at = [], start
    for text in turns:
        until = at + (end - start) * len(text) / total
        out.append(Segment(at, until, text, speaker, interpolated=True))
        at = until
    return out


def _events(text: str, kind: str = "ass") -> list[Segment]:
    """ASS/SSA events (or TTML's paragraphs: `kind="ttml"`), speakers from their names; a bilingual track keeps its
    English lines (one language an event, or a line each)."""
    events = [event._replace(lines=[cue_line(ln) for ln in event.lines]) for event in read_events(text, kind)]
    english_only = bilingual([ln for event in events for ln in event.lines])
    segments = []
    for event in events:
        words = " ".join(ln for ln in event.lines if ln and not (english_only and CJK.search(ln)))
        if words:
            segments.append(Segment(event.start, event.end, words, event.name))
    return segments


def _inline_words(lines: list[str], start: float, end: float) -> list[Word]:
    """Word times from `<00:00:01.234><c>word</c>` inline timestamps, when the cue has them."""
    raw = " ".join(lines)
    if not TIMESTAMP.search(raw):
        return []
    words: list[Word] = []
    t = start
    for piece in re.split(r"(<(?:\d+:)?\d{1,2}:\d{2}\.\d{3}>)", raw):
        m = TIMESTAMP.fullmatch(piece)
        if m:
            t = int(m.group(1)[:-1] if m.group(1) else 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3)) + int(m.group(4)) / 1000
            continue
        for token in cue_line(piece).split():
            words.append(Word(token, t, t))
    return [Word(w.text, w.start, words[i + 1].start if i + 1 < len(words) else end) for i, w in enumerate(words)]


def _json(text: str, path: str) -> tuple[list[Segment], bool]:
    """Whisper / WhisperX (`segments` with `start`, `end`, `text`, optional `words` and `speaker`),
    Podcasting 2.0 (`segments` with `startTime`, `endTime`, `body`) or a transcription service's (services.py); every
    time checked finite. And
    whether the words were recognised: Whisper's shape is a recogniser's output (Whisper's, WhisperX's,
    `companion transcribe`'s), while a Podcasting 2.0 transcript may as well be written by a person."""
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, list):
        data = {"segments": data}
    if (served := service_segments(data, path)) is not None:
        return served, True
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise InputError(f"{path}: JSON transcript without a 'segments' list (Whisper, WhisperX, Podcasting 2.0, "
                         "AssemblyAI, Deepgram or Rev.ai)")
    out: list[Segment] = []
    recognised = False
    for k, s in enumerate(segments):
        where = f"{path}: segment {k}"
        if not isinstance(s, dict):
            raise InputError(f"{where} is {type(s).__name__}, not an object with times and text")
        if "startTime" in s:  # Podcasting 2.0
            out.append(Segment(_time(s, "startTime", where), _time(s, "endTime", where),
                               " ".join(str(s.get("body", "")).split()), _speaker(s)))
            continue
        recognised = True
        words = []
        for w in s.get("words") or []:
            if isinstance(w, dict) and "start" in w and "end" in w:
                word = str(w.get("word", w.get("text", ""))).strip()
                if word:
                    words.append(Word(word, _time(w, "start", where), _time(w, "end", where)))
        out.append(Segment(_time(s, "start", where), _time(s, "end", where), " ".join(str(s.get("text", "")).split()),
                           _speaker(s), words))
    return out, recognised


def _one_word_each(segments: list[Segment]) -> bool:
    """Whether a transcript gives a segment per word, as the Podcasting 2.0 spec's example and hosts' generators
    do (and word-by-word captions): most segments then hold one word."""
    return len(segments) > 1 and sum(len(s.text.split()) == 1 for s in segments) > 0.8 * len(segments)


def _of_words(segments: list[Segment]) -> list[Segment]:
    """Word segments grouped into cue-sized ones of one speaker, as recognised words are (from_words): the aligner
    gives a Chinese unit at most a dozen segments (RefineParams.longest), and a sentence is often more words."""
    ordered = sorted((s for s in segments if s.text), key=lambda s: s.start)
    return segments_from_words([Word(s.text, s.start, s.end) for s in ordered], [s.speaker for s in ordered])


def _time(item: dict, key: str, where: str) -> float:
    return seconds(item.get(key), f"{where}: {key}")


def _speaker(item: dict) -> str | None:
    speaker = item.get("speaker")
    return str(speaker) if isinstance(speaker, (str, int)) and str(speaker).strip() else None


def _stamped_text(text: str, path: str) -> list[Segment]:
    """Plain text with `[hh:mm:ss]` or `(mm:ss)` stamps, or times on lines of their own or beside a speaker's name (see
    ALONE); a segment runs until the next stamp."""
    lines = text.splitlines()
    said = [line for line in lines if line.strip()]
    bare = sum(bool(OPENING_CLOCK.match(line)) for line in said) > len(said) / 2  # `0:05 today we…` on most lines
    pieces: list[tuple[float, str, str | None]] = []
    for line in lines:
        m = STAMP_LINE.match(line) or ALONE.match(line) or bare and OPENING_CLOCK.match(line)
        named = None if m else SPEAKER_STAMP.match(line)
        if m:
            pieces.append((_clock(m.group(1)), m.group(2).strip() if m.lastindex == 2 else "", None))
        elif named:
            pieces.append((_clock(named.group(2)), "", named.group(1)))
        elif line.strip() and pieces:
            start, body, speaker = pieces[-1]
            pieces[-1] = (start, (body + " " + line.strip()).strip(), speaker)
    if not pieces:
        raise InputError(f"{path} has no timestamps ([hh:mm:ss] or (mm:ss) at the start of lines): English text "
                         f"without times is aligned to the audio, with --audio EPISODE "
                         f"--english-text {quote(str(path))}")
    out = []
    for i, (start, body, speaker) in enumerate(pieces):
        end = pieces[i + 1][0] if i + 1 < len(pieces) else start + max(2.0, 0.4 * len(body.split()))
        m = None if speaker else SPEAKER_LABEL.match(body)
        speaker, body = (m.group(1), body[m.end():]) if m else (speaker, body)
        if body:
            out.append(Segment(start, end, body, speaker))
    return out


def _tsv(text: str) -> list[Segment]:
    """Whisper's TSV (`start`, `end` in milliseconds, `text`), a segment a row."""
    segments = []
    for number, row in enumerate(text.splitlines()[1:], 2):
        fields = row.split("\t", 2)
        if not row.strip():
            continue
        if len(fields) != 3 or not (fields[0].strip().isdigit() and fields[1].strip().isdigit()):
            raise ValueError(f"line {number} is not start, end and text, the times in milliseconds")
        segments.append(Segment(int(fields[0]) / 1000, int(fields[1]) / 1000, fields[2].strip()))
    return segments


def _html_lines(text: str) -> str:
    """An HTML transcript as stamped text (`[0:04] Lena: …`, a line each paragraph): a <cite> names the speaker of
    what follows, a <time> stamps the next paragraph, as Podcasting 2.0 writes them."""
    lines: list[str] = []
    speaker = stamp = None
    for tag in BeautifulSoup(text, "html.parser").find_all(["cite", "time", "p"]):
        words = tag.get_text(" ", strip=True)
        if tag.name == "cite":
            speaker = words.rstrip(":：").strip() or None
        elif tag.name == "time":
            stamp = words
        elif words:
            lines.append(f"[{stamp}] {speaker + ': ' if speaker else ''}{words}" if stamp else words)
            stamp = None
    return "\n".join(lines)


def _clock(stamp: str) -> float:
    parts = [float(p) for p in stamp.replace(",", ".").split(":")]
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + p
    return seconds


def normalise(segments: list[Segment], source: str = "") -> Transcript:
    """Sort, drop empty text, clip overlaps so that segments never overlap."""
    ordered = sorted((s for s in segments if s.text.strip() and s.end >= s.start), key=lambda s: (s.start, s.end))
    for a, b in zip(ordered, ordered[1:]):
        if a.end > b.start:
            a.end = max(a.start, b.start)
    return Transcript(ordered, source)
