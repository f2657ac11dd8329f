"""Transcript readers: every format becomes the same normalised model."""

from pathlib import Path

import pytest

from companion.errors import InputError
from companion.transcript.model import Segment, Transcript
from companion.transcript import read_transcript
from companion.transcript.sentences import english_sentences

FIXTURES = Path(__file__).parent / "fixtures"


def test_youtube_rolling_captions_are_deduplicated_with_word_times():
    t = read_transcript(str(FIXTURES / "youtube_rolling.vtt"))
    assert " ".join(s.text for s in t.segments) == "so today we talk about old tapes and radio"
    first = t.segments[0]
    assert [w.text for w in first.words] == ["so", "today", "we", "talk"]
    assert [w.start for w in first.words] == [0.16, 0.48, 0.8, 1.12]


def test_vtt_voice_and_entities(tmp_path):
    path = tmp_path / "a.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<v Lena>Salt &amp; pepper\n", encoding="utf-8")
    seg = read_transcript(str(path)).segments[0]
    assert (seg.start, seg.end, seg.text, seg.speaker) == (1.0, 2.5, "Salt & pepper", "Lena")


def test_srt():
    t = read_transcript(str(FIXTURES / "sample.srt"))
    assert [(s.start, s.end, s.text) for s in t.segments] == [
        (1.0, 3.5, "Welcome back to the show."), (4.0, 6.0, "Today we talk about old tapes.")]


def test_whisperx_json_keeps_words_and_speaker():
    t = read_transcript(str(FIXTURES / "whisperx.json"))
    assert t.segments[0].speaker == "SPEAKER_00"
    assert [(w.text, w.start) for w in t.segments[0].words] == [("Welcome", 0.5), ("back.", 1.1)]
    assert t.segments[1].text == "Thanks for having me." and t.segments[1].words == []


def test_podcasting20_json():
    t = read_transcript(str(FIXTURES / "podcasting20.json"))
    assert [(s.speaker, s.text, s.start) for s in t.segments] == [("Sam", "Welcome back.", 0.0), ("Lena", "Thanks, Sam.", 1.8)]


def test_stamped_text():
    t = read_transcript(str(FIXTURES / "stamped.txt"))
    assert [(s.start, s.speaker, s.text) for s in t.segments] == [
        (1.0, "Sam", "Welcome back to the show."), (4.0, "Lena", "Thanks for having me. It is a pleasure."),
        (62.0, "Sam", "Let's start.")]
    assert t.segments[0].end == 4.0


def test_sentences_merge_cues_at_punctuation_and_split_at_pauses(examples):
    t = read_transcript(str(FIXTURES / "sample.srt"))
    assert [s.text for s in english_sentences(t)] == ["Welcome back to the show.", "Today we talk about old tapes."]
    rolling = english_sentences(read_transcript(str(FIXTURES / "youtube_rolling.vtt")))
    # no punctuation: fragments end once they last two seconds (these cues each do)
    assert [s.text for s in rolling] == ["so today we talk", "about old tapes", "and radio"]
    sents = english_sentences(read_transcript(str(examples / "episode.en.vtt")))
    assert sents[0].text == "Before we start, a quick word from our sponsor."


def test_overlapping_cues_are_clipped(tmp_path):
    path = tmp_path / "o.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nA.\n\n00:00:03.000 --> 00:00:06.000\nB.\n", encoding="utf-8")
    a, b = read_transcript(str(path)).segments
    assert a.end == 3.0 and b.start == 3.0


@pytest.mark.parametrize("content, message", [
    ("", "empty"), ("WEBVTT\n\nnot a cue\n", "no timed English"), ('{"foo": 1}', "segments"), ("no stamps here", "timestamps"),
])
def test_bad_transcripts(tmp_path, content, message):
    path = tmp_path / "t.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_transcript(str(path))


def test_long_pause_cuts_only_unpunctuated_text(tmp_path):
    def sentences(lines):
        cues = "".join(f"00:00:{s:02d}.000 --> 00:00:{s + 1:02d}.000\n{t}\n\n" for s, t in lines)
        path = tmp_path / "p.vtt"
        path.write_text("WEBVTT\n\n" + cues, encoding="utf-8")
        return [s.text for s in english_sentences(read_transcript(str(path)))]

    punctuated = [(0, "And we in the West"), (3, "could not understand it."), (5, "We would never do that.")]
    assert sentences(punctuated) == ["And we in the West could not understand it.", "We would never do that."]
    bare = [(0, "and we in the west"), (3, "could not understand it"), (5, "we would never do that")]
    assert sentences(bare) == ["and we in the west", "could not understand it", "we would never do that"]


def test_unpunctuated_fragments_join_short_segments_and_end_at_pauses():
    # 0.8 s segments 0.1 s apart join until the fragment lasts two seconds; a 0.3 s pause ends one early
    starts = [0.0, 0.9, 1.8, 2.7, 3.8]
    segments = [Segment(s, s + 0.8, f"word{k} and more") for k, s in enumerate(starts)]
    fragments = english_sentences(Transcript(segments))
    assert [(f.first, f.last) for f in fragments] == [(0, 2), (3, 3), (4, 4)]
