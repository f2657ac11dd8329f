"""Transcript readers: every format becomes the same normalised model."""

import itertools
import json
from pathlib import Path

import pytest

from companion.align.evidence import english_keys
from companion.errors import InputError
from companion.lexicon.english import TURN
from companion.text import ends_clause
from companion.transcript.model import Segment, Transcript, Word
from companion.transcript.split import split_at_sentences
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


def test_a_dialogue_cue_is_read_as_one_segment_a_turn(tmp_path):
    """`- Question?` / `- Answer.` in one cue: two turns, the cue's time shared out by characters, each opening
    with the dash that marks a change of speaker; `--` (an interruption) and a plain second line open no turn."""
    path = tmp_path / "a.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n- Did you teach yourself?\n- Yes.\n\n"
                    "00:00:05.000 --> 00:00:07.000\n-- and then the tape\nsnapped in two.\n\n"
                    "00:00:08.000 --> 00:00:10.000\nIt was old,\n- very old.\n", encoding="utf-8")
    segments = read_transcript(str(path)).segments
    assert [s.text for s in segments] == ["- Did you teach yourself?", "- Yes.", "-- and then the tape snapped in two.",
                                          "It was old,", "- very old."]
    assert segments[0].start == 1.0 and segments[1].end == 4.0
    assert segments[0].end == segments[1].start == pytest.approx(1.0 + 3.0 * 25 / 31)
    assert TURN in english_keys(["- Yes."])[0] and TURN not in english_keys(["-- and then the tape"])[0]


def _srt(tmp_path, texts: list[str]) -> Path:
    path = tmp_path / "a.srt"
    path.write_text("".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 1:02d},500\n{text}\n\n"
                            for k, text in enumerate(texts)), encoding="utf-8")
    return path


def test_a_track_labelling_its_turns_gives_the_labels_as_speakers_who_keep_the_turn(tmp_path):
    """`Sam: …` opening a cue is the speaker, not speech, and holds until the next label, as a voice tag would."""
    path = _srt(tmp_path, ["Sam: Welcome back.", "Let's start at the beginning.", "Lena: Thanks for having me.",
                           "Sam: So you taught yourself?", "Lena: At first, yes.", "Later I had help."])
    segments = read_transcript(str(path)).segments
    assert [(s.text, s.speaker) for s in segments] == [
        ("Welcome back.", "Sam"), ("Let's start at the beginning.", "Sam"), ("Thanks for having me.", "Lena"),
        ("So you taught yourself?", "Sam"), ("At first, yes.", "Lena"), ("Later I had help.", "Lena")]


def test_a_name_in_brackets_opening_cues_is_the_speaker_but_a_sound_is_not(tmp_path):
    """`[Sam] Welcome back.` kept its label in the English line and gave no voice; `[Music]` and `[Applause]` are
    sounds however often they open cues."""
    path = _srt(tmp_path, ["[Sam] Welcome back.", "[Lena] Thanks for having me.", "[Sam] So you taught yourself?",
                           "[Lena] At first, yes."])
    assert [(s.text, s.speaker) for s in read_transcript(str(path)).segments] == [
        ("Welcome back.", "Sam"), ("Thanks for having me.", "Lena"), ("So you taught yourself?", "Sam"),
        ("At first, yes.", "Lena")]
    sounds = _srt(tmp_path, ["[Music] Welcome back.", "[Applause] Thanks.", "[Music] So.", "[Applause] Yes."])
    assert {s.speaker for s in read_transcript(str(sounds)).segments} == {None}


def test_captioners_turn_marks_before_labels_go_with_them_and_stay_where_no_name_follows(tmp_path):
    path = _srt(tmp_path, [">> SAM: Welcome back.", ">> LENA: Thanks.", ">> SAM: So you taught yourself?",
                           ">> LENA: At first, yes.", ">> Yes, really."])
    assert [(s.text, s.speaker) for s in read_transcript(str(path)).segments] == [
        ("Welcome back.", "SAM"), ("Thanks.", "LENA"), ("So you taught yourself?", "SAM"), ("At first, yes.", "LENA"),
        (">> Yes, really.", None)]


def test_numbered_voices_a_transcription_service_could_not_name_are_speakers_too(tmp_path):
    path = _srt(tmp_path, ["Speaker 1: Welcome back.", "SPEAKER 2: Thanks.", "Speaker 1: So you taught yourself?",
                           "SPEAKER 2: At first, yes."])
    assert [s.speaker for s in read_transcript(str(path)).segments] == ["Speaker 1", "SPEAKER 2"] * 2
    stamped = tmp_path / "a.txt"
    stamped.write_text("[00:00:01] Speaker 1: Welcome back.\n[00:00:04] Speaker 2: Thanks.\n", encoding="utf-8")
    assert [(s.speaker, s.text) for s in read_transcript(str(stamped)).segments] == [
        ("Speaker 1", "Welcome back."), ("Speaker 2", "Thanks.")]


def test_a_cue_opening_with_a_word_and_a_colon_is_speech_when_the_track_labels_no_turns(tmp_path):
    texts = ["Remember: old tape is fragile.", "So we bake it first.", "Look: it plays again.", "Sam: Amazing."]
    segments = read_transcript(str(_srt(tmp_path, texts))).segments
    assert [(s.text, s.speaker) for s in segments] == [(text, None) for text in texts]


def test_srt():
    t = read_transcript(str(FIXTURES / "sample.srt"))
    assert [(s.start, s.end, s.text) for s in t.segments] == [
        (1.0, 3.5, "Welcome back to the show."), (4.0, 6.0, "Today we talk about old tapes.")]


TTML = """<?xml version="1.0" encoding="utf-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en"><body><div>
<p begin="00:00:01.000" end="00:00:03.500" ttm:agent="SPEAKER_1"><span begin="00:00:01.000" end="00:00:01.400">Welcome</span>
 <span begin="00:00:01.400" end="00:00:03.500">back to the show.</span></p>
<p begin="4.0s" end="6.0s">Today we talk<br/>about old tapes.</p>
</div></body></tt>
"""


def test_ttml_captions_as_apple_podcasts_and_streaming_services_give_them(tmp_path):
    """TTML (Apple Podcasts' transcripts, DFXP caption exports) was refused as "has no timestamps"."""
    path = tmp_path / "episode.ttml"
    path.write_text(TTML, encoding="utf-8")
    t = read_transcript(str(path))
    assert [(s.start, s.end, s.text) for s in t.segments] == [
        (1.0, 3.5, "Welcome back to the show."), (4.0, 6.0, "Today we talk about old tapes.")]


@pytest.mark.parametrize("broken", [TTML[:200], TTML.replace("4.0s", "12 parsecs")])
def test_a_broken_ttml_file_is_bad_input_not_a_traceback(tmp_path, broken):
    path = tmp_path / "episode.ttml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the transcript"):
        read_transcript(str(path))


def test_a_podcasting_20_html_transcript(tmp_path):
    """Podcasting 2.0's HTML transcript names the speaker in <cite> and times each <p> with the <time> before it: it
    was refused as "has no timestamps"."""
    path = tmp_path / "transcript.html"
    path.write_text("<cite>Sam:</cite>\n<time>0:00</time>\n<p>Welcome back to the show.</p>\n<cite>Lena:</cite>\n"
                    "<time>0:04</time>\n<p>Thanks for having me.</p>\n<p>Today we talk about old tapes.</p>\n"
                    "<cite>Sam:</cite>\n<time>0:09</time>\n<p>So you taught yourself?</p>\n", encoding="utf-8")
    t = read_transcript(str(path))
    assert [(s.start, s.text, s.speaker) for s in t.segments] == [
        (0.0, "Welcome back to the show.", "Sam"), (4.0, "Thanks for having me. Today we talk about old tapes.", "Lena"),
        (9.0, "So you taught yourself?", "Sam")]


def test_whispers_tsv_output(tmp_path):
    """`whisper --output_format tsv` writes milliseconds under a `start end text` header: refused as "has no
    timestamps"; a row that is not three fields of which two are times is bad input."""
    path = tmp_path / "episode.tsv"
    path.write_text("start\tend\ttext\n1000\t3500\tWelcome back to the show.\n4000\t6000\tToday we talk about "
                    "old tapes.\n", encoding="utf-8")
    assert [(s.start, s.end, s.text) for s in read_transcript(str(path)).segments] == [
        (1.0, 3.5, "Welcome back to the show."), (4.0, 6.0, "Today we talk about old tapes.")]
    path.write_text("start\tend\ttext\n1000\tsoon\tWelcome.\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_transcript(str(path))


SERVICES = {
    "assemblyai": {"text": "Welcome back. Thanks.", "utterances": [
        {"speaker": "A", "start": 1000, "end": 2200, "text": "Welcome back.",
         "words": [{"text": "Welcome", "start": 1000, "end": 1500}, {"text": "back.", "start": 1600, "end": 2200}]},
        {"speaker": "B", "start": 4000, "end": 4600, "text": "Thanks.", "words": [{"text": "Thanks.", "start": 4000,
                                                                                  "end": 4600}]}]},
    "deepgram": {"results": {"channels": [{"alternatives": [{"transcript": "welcome back thanks", "words": [
        {"word": "welcome", "punctuated_word": "Welcome", "start": 1.0, "end": 1.5, "speaker": 0},
        {"word": "back", "punctuated_word": "back.", "start": 1.6, "end": 2.2, "speaker": 0},
        {"word": "thanks", "punctuated_word": "Thanks.", "start": 4.0, "end": 4.6, "speaker": 1}]}]}]}},
    "revai": {"monologues": [
        {"speaker": 0, "elements": [{"type": "text", "value": "Welcome", "ts": 1.0, "end_ts": 1.5},
                                    {"type": "punct", "value": " "},
                                    {"type": "text", "value": "back", "ts": 1.6, "end_ts": 2.2},
                                    {"type": "punct", "value": "."}]},
        {"speaker": 1, "elements": [{"type": "text", "value": "Thanks", "ts": 4.0, "end_ts": 4.6},
                                    {"type": "punct", "value": "."}]}]},
}


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_transcription_services_json(tmp_path, service):
    """AssemblyAI (milliseconds), Deepgram and Rev.ai return JSON of their own: refused for want of `segments`."""
    path = tmp_path / f"{service}.json"
    path.write_text(json.dumps(SERVICES[service]), encoding="utf-8")
    t = read_transcript(str(path))
    assert [(s.start, s.end, s.text) for s in t.segments] == [(1.0, 2.2, "Welcome back."), (4.0, 4.6, "Thanks.")]
    assert [w.start for w in t.segments[0].words] == [1.0, 1.6] and t.recognised
    assert len({s.speaker for s in t.segments}) == 2 and None not in {s.speaker for s in t.segments}


def test_a_transcription_services_json_with_a_broken_time_is_bad_input(tmp_path):
    broken = json.loads(json.dumps(SERVICES["revai"]))
    broken["monologues"][1]["elements"][0]["ts"] = "soon"
    path = tmp_path / "revai.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError, match="'Thanks'.*ts is 'soon', not a time in seconds"):
        read_transcript(str(path))


def test_youtube_sbv_captions(tmp_path):
    """YouTube Studio's caption download (SubViewer, `.sbv`) was refused as "has no timestamps"."""
    path = tmp_path / "captions.sbv"
    path.write_text("0:00:01.000,0:00:03.500\nWelcome back to the show.\n\n"
                    "0:00:04.000,0:00:06.000\nToday we talk\nabout old tapes.\n", encoding="utf-8")
    t = read_transcript(str(path))
    assert [(s.start, s.end, s.text) for s in t.segments] == [
        (1.0, 3.5, "Welcome back to the show."), (4.0, 6.0, "Today we talk about old tapes.")]
    assert t.cues and not t.recognised


@pytest.mark.parametrize("override", ["", "{\\an8}", "{\\fs20\\c&H00FFFF&}"])
def test_a_bilingual_srt_keeps_its_english_lines(tmp_path, override):
    """… without the ASS override blocks fansubs put in SRT files (`{\\an8}` moves a line to the top)."""
    path = tmp_path / "fansub.srt"
    path.write_text(f"1\n00:00:01,000 --> 00:00:03,500\n欢迎回来。\n{override}Welcome back to the show.\n\n"
                    "2\n00:00:04,000 --> 00:00:06,000\n今天我们聊旧磁带。\n{\\i1}Today we talk about old tapes.{\\i0}\n",
                    encoding="utf-8")
    assert [(s.start, s.text) for s in read_transcript(str(path)).segments] == [
        (1.0, "Welcome back to the show."), (4.0, "Today we talk about old tapes.")]


def test_an_ass_track_of_one_language_events_gives_its_english_events_with_speakers(tmp_path):
    events = [(1.0, "Sam", "{\\fs30}欢迎回来。"), (1.0, "Sam", "{\\fs20}Welcome back to the show."),
              (4.0, "Lena", "今天我们聊旧磁带。"), (4.0, "Lena", "Today we talk\\Nabout old tapes.")]
    path = tmp_path / "fansub.ass"
    path.write_text("[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, "
                    "MarginR, MarginV, Effect, Text\n" + "".join(
                        f"Dialogue: 0,0:00:{t:05.2f},0:00:{t + 2:05.2f},Default,{who},0,0,0,,{text}\n"
                        for t, who, text in reversed(events)), encoding="utf-8")
    assert [(s.start, s.end, s.text, s.speaker) for s in read_transcript(str(path)).segments] == [
        (1.0, 3.0, "Welcome back to the show.", "Sam"), (4.0, 6.0, "Today we talk about old tapes.", "Lena")]


def test_whisperx_json_keeps_words_and_speaker():
    t = read_transcript(str(FIXTURES / "whisperx.json"))
    assert t.segments[0].speaker == "SPEAKER_00"
    assert [(w.text, w.start) for w in t.segments[0].words] == [("Welcome", 0.5), ("back.", 1.1)]
    assert t.segments[1].text == "Thanks for having me." and t.segments[1].words == []


def test_only_a_whisper_style_json_is_taken_for_recognised_speech():
    """Whisper's JSON shape is a recogniser's output; Podcasting 2.0 JSON, subtitles and stamped text may be a
    person's."""
    assert read_transcript(str(FIXTURES / "whisperx.json")).recognised
    assert not any(read_transcript(str(FIXTURES / name)).recognised
                   for name in ("podcasting20.json", "sample.srt", "stamped.txt", "youtube_rolling.vtt"))


def test_a_webvtt_is_recognised_speech_only_when_its_header_says_so(tmp_path):
    """`companion transcribe` names its recogniser in a NOTE before the first cue; a cue's words never count."""
    cue = "00:00:01.000 --> 00:00:02.500\nWelcome back.\n"
    (tmp_path / "heard.vtt").write_text("WEBVTT\n\nNOTE recognised by PocketSphinx\n\n" + cue, encoding="utf-8")
    (tmp_path / "said.vtt").write_text("WEBVTT\n\n" + cue + "NOTE recognised by nobody\n", encoding="utf-8")
    assert read_transcript(str(tmp_path / "heard.vtt")).recognised
    assert not read_transcript(str(tmp_path / "said.vtt")).recognised


def test_podcasting20_json():
    t = read_transcript(str(FIXTURES / "podcasting20.json"))
    assert [(s.speaker, s.text, s.start) for s in t.segments] == [("Sam", "Welcome back.", 0.0), ("Lena", "Thanks, Sam.", 1.8)]


def test_a_transcript_of_one_segment_per_word_reads_as_segments_of_words(tmp_path):
    """The spec's own example, and hosts' generators, give each word a segment: they are grouped by speaker and
    pause into segments that keep the words' times."""
    said = [("Sam", "Welcome", 0.0), ("Sam", "back", 0.4), ("Sam", "to", 0.7), ("Sam", "the", 0.8), ("Sam", "show.", 0.9),
            ("Lena", "Thanks,", 1.8), ("Lena", "Sam.", 2.2), ("Lena", "Glad", 4.0), ("Lena", "to", 4.3), ("Lena", "be", 4.4),
            ("Lena", "here.", 4.6)]
    segments = [{"speaker": who, "startTime": at, "endTime": round(at + 0.3, 3), "body": word} for who, word, at in said]
    (tmp_path / "words.json").write_text(json.dumps({"version": "1.0.0", "segments": segments}), encoding="utf-8")
    t = read_transcript(str(tmp_path / "words.json"))
    assert [(s.speaker, s.text, s.start, s.end) for s in t.segments] == [
        ("Sam", "Welcome back to the show.", 0.0, 1.2), ("Lena", "Thanks, Sam.", 1.8, 2.5),
        ("Lena", "Glad to be here.", 4.0, 4.9)]
    assert [w.start for w in t.segments[0].words] == [0.0, 0.4, 0.7, 0.8, 0.9] and not t.recognised
    clock = lambda at: f"00:00:{int(at):02d},{round(at % 1 * 1000):03d}"  # noqa: E731
    (tmp_path / "words.srt").write_text("".join(f"{k}\n{clock(at)} --> {clock(at + 0.3)}\n{word}\n\n"
                                                for k, (_, word, at) in enumerate(said, 1)), encoding="utf-8")
    assert [s.text for s in read_transcript(str(tmp_path / "words.srt")).segments] == [  # captions a word at a time
        "Welcome back to the show.", "Thanks, Sam.", "Glad to be here."]


def test_stamped_text():
    t = read_transcript(str(FIXTURES / "stamped.txt"))
    assert [(s.speaker, s.text) for s in t.segments] == [
        ("Sam", "Welcome back to the show."), ("Lena", "Thanks for having me."), ("Lena", "It is a pleasure."),
        ("Sam", "Let's start.")]
    assert [s.start for s in t.segments][:2] == [1.0, 4.0] and t.segments[0].end == 4.0
    # Lena's turn runs until the next stamp (62 s) but is short: her second sentence starts
    # about where 22 characters of speech take her, not half a minute later
    assert 5.0 < t.segments[2].start < 7.0 and t.segments[2].end == 62.0 and t.segments[3].start == 62.0


@pytest.mark.parametrize("layout", ["{clock}\n{text}", "{clock} {text}", "{name}  {clock}\n{text}\n",
                                    "{name} ({clock}):\n{text}\n"])
def test_times_on_lines_of_their_own_or_beside_a_speakers_name_are_stamps(examples, tmp_path, layout):
    """A transcript copied from a video page (`0:05` over the text, or opening its line) and Otter's or Rev's
    (`Sam Rivera  0:03` over the turn) had no timestamps to the reader."""
    import webvtt

    cues = [(c.start_time.in_milliseconds() // 1000, c.voice or "", c.text) for c in
            webvtt.read(str(examples / "episode.en.vtt"))]
    text = "\n".join(layout.format(clock=f"{t // 60}:{t % 60:02d}", name=name, text=said) for t, name, said in cues)
    path = tmp_path / "copied.txt"
    path.write_text(text, encoding="utf-8")
    segments = read_transcript(str(path)).segments
    assert " ".join(s.text for s in segments) == " ".join(said for _, _, said in cues)
    assert {float(t) for t, _, _ in cues} <= {s.start for s in segments}
    named = "{name}" in layout
    assert {s.speaker for s in segments} == ({name for _, name, _ in cues} if named else {None})


def test_english_text_without_times_is_named_with_the_way_to_align_it(tmp_path):
    """The example's untimed English given as the transcript: the error names the file and the options it goes with."""
    path = tmp_path / "my show.en.txt"
    path.write_text("Welcome back to the show.\nThanks, Sam.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_transcript(str(path))
    assert str(caught.value) == (f"{path} has no timestamps ([hh:mm:ss] or (mm:ss) at the start of lines): English "
                                 f"text without times is aligned to the audio, with --audio EPISODE --english-text "
                                 f"'{path}'")


def test_multi_sentence_segments_are_cut_at_sentence_ends():
    words = [Word("Hello", 0.0, 0.4), Word("Mr.", 0.5, 0.7), Word("Park.", 0.7, 1.2), Word("How", 2.0, 2.2),
             Word("are", 2.2, 2.4), Word("you?", 2.4, 2.9)]
    long_text = "First sentence is here. Second one follows it. and this is not a new one. Dr. Who stays."
    t = split_at_sentences(Transcript([Segment(0.0, 2.9, "Hello Mr. Park. How are you?", "Sam", words),
                                       Segment(10.0, 30.0, long_text),
                                       Segment(31.0, 36.0, "OK. Good.")]))
    assert [(s.text, s.start, s.end, s.speaker) for s in t.segments[:2]] == [
        ("Hello Mr. Park.", 0.0, 1.2, "Sam"), ("How are you?", 2.0, 2.9, "Sam")]
    assert [s.text for s in t.segments[2:5]] == ["First sentence is here.", "Second one follows it. and this is not a new one.",
                                                 "Dr. Who stays."]
    starts = [s.start for s in t.segments[2:5]]
    assert starts[0] == 10.0 and starts == sorted(starts) and t.segments[4].end == 30.0
    assert t.segments[5].text == "OK. Good."  # a subtitle-sized cue keeps its own timing


def test_a_transcripts_short_segment_holding_more_than_a_cue_is_cut_but_a_subtitle_tracks_cue_is_not(tmp_path):
    """Whisper writes several sentences into a segment of a few seconds; one holding more than SEGMENT_CHARACTERS is
    cut at its sentence ends by characters. A subtitle track's cue keeps its own timing, longer or not: a sentence
    starting inside it starts with it, as its translation on the same cue does."""
    segment = ("In fact, I think that Darwin explains our design process best of all. "
               "His famous evolutionary tree is our diagram.")
    middle = "That is how we work, every day. His tree is our diagram, you see."  # 65 characters
    cue = "It is our design process. His tree is our diagram."  # 50: Whisper's short segments keep their start
    (tmp_path / "whisper.json").write_text(json.dumps({"segments": [{"start": 0.0, "end": 7.0, "text": segment},
                                                                      {"start": 7.5, "end": 11.5, "text": middle},
                                                                      {"start": 12.0, "end": 15.0, "text": cue}]}))
    t = read_transcript(str(tmp_path / "whisper.json"))
    assert [s.text for s in t.segments] == [segment[:segment.index(" His")], segment[segment.index("His"):],
                                            middle[:middle.index(" His")], middle[middle.index("His"):], cue]
    assert t.segments[1].start == pytest.approx(7.0 * segment.index("His") / len(segment), abs=0.05)  # by characters
    assert t.segments[3].start == pytest.approx(7.5 + 4.0 * middle.index("His") / len(middle), abs=0.05)
    assert (t.segments[0].end, t.segments[4].start) == (t.segments[1].start, 12.0)
    (tmp_path / "track.vtt").write_text(f"WEBVTT\n\n00:00:00.000 --> 00:00:07.000\n{segment}\n", encoding="utf-8")
    assert [s.text for s in read_transcript(str(tmp_path / "track.vtt")).segments] == [segment]


def test_paragraph_stamped_transcript_times_sentences_inside_turns(examples, tmp_path):
    """The example's VTT rewritten as one stamp per speaker turn: sentences still start near their cues."""
    import webvtt

    turns: list[list] = []
    for c in webvtt.read(str(examples / "episode.en.vtt")):
        if not turns or turns[-1][1] != c.voice:
            turns.append([c.start_time.in_milliseconds() / 1000, c.voice, []])
        turns[-1][2].append(" ".join(c.text.split()))
    stamped = tmp_path / "turns.txt"
    stamped.write_text("".join(f"[{int(s) // 60:02d}:{int(s) % 60:02d}] {v}: {' '.join(t)}\n" for s, v, t in turns),
                       encoding="utf-8")
    cue_starts = [s.start for s in read_transcript(str(examples / "episode.en.vtt")).segments]
    sentence_starts = [s.start for s in read_transcript(str(stamped)).segments]
    assert len(sentence_starts) > len(turns)
    near = sum(min(abs(s - c) for c in cue_starts) <= 1.5 for s in sentence_starts)
    assert near >= 0.9 * len(sentence_starts)


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
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n欢迎回到节目，我是Sam。\n", "swapped"),
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


def test_a_run_on_sentence_cut_for_length_says_its_rest_continues_it():
    """A punctuated sentence longer than MAX_LENGTH is cut at a cue boundary; the piece after the cut
    continues it (it is no sentence opening). Unpunctuated fragments are each a sentence of their own."""
    from companion.transcript.sentences import MAX_LENGTH

    cues = [Segment(k * 4.0, k * 4.0 + 3.9, f"and then the part number {k} went on") for k in range(6)]
    cues += [Segment(24.0, 27.0, "until it ended."), Segment(27.5, 30.0, "A new one begins.")]
    found = english_sentences(Transcript(cues))
    assert found[0].end - found[0].start >= MAX_LENGTH and not found[0].continues
    assert found[1].continues and found[1].text.endswith("ended.")
    assert not found[2].continues and found[2].text == "A new one begins."
    bare = english_sentences(Transcript([Segment(k * 1.0, k * 1.0 + 0.95, "word and more") for k in range(20)]))
    assert len(bare) > 1 and not any(f.continues for f in bare)


def test_recognised_words_take_the_articles_capitals():
    from companion.transcript.from_words import recase

    heard = Transcript([Segment(0.0, 2.0, "welcome to the long signal I'm sam rivera", None,
                                [Word("sam", 1.0, 1.2)]), Segment(2.0, 3.0, "we talk about gpt and the park")])
    article = "欢迎收听《The Long Signal》，我是Sam Rivera。今天聊GPT和Park先生，还有José。"
    cased = recase(heard, article)
    assert [s.text for s in cased.segments] == ["welcome to the long signal I'm Sam Rivera", "we talk about GPT and the Park"]
    assert recase(Transcript([Segment(0.0, 1.0, "jose said")]), article).segments[0].text == "José said"
    # punctuated recognition (Whisper's) writes its own accents and attaches punctuation to words
    punctuated = Transcript([Segment(0.0, 1.0, "Josè said: gpt, sam rivera.", None, [Word("rivera.", 0.8, 1.0)])])
    recased = recase(punctuated, article).segments[0]
    assert recased.text == "José said: GPT, Sam Rivera." and recased.words[0].text == "Rivera."
    assert cased.segments[0].words[0].text == "Sam" and cased.segments[0].start == 0.0


def test_the_names_to_hear_are_the_articles_latin_words_as_spoken():
    from companion.transcript.from_words import names_to_hear

    text = "比方说布伦特·斯蒂尔顿(BrentStirton)拍的，Kiva的displayValue，MVC和GPT-4，还有José和Ng。"
    assert names_to_hear(text) == ["brent", "display", "jose", "kiva", "stirton", "value"]


def test_recognised_words_with_punctuation_are_cut_at_sentence_ends():
    from companion.transcript.from_words import transcript_from_words

    heard = [Word("Thanks", 0.0, 0.3), Word("so", 0.3, 0.5), Word("much.", 0.5, 0.9), Word("Now,", 1.0, 1.3),
             Word("tapes.", 1.3, 1.8)]
    t = transcript_from_words(heard)
    assert [(s.text, s.start) for s in t.segments] == [("Thanks so much.", 0.0), ("Now, tapes.", 1.0)]


def test_a_long_run_of_punctuated_words_is_cut_after_its_last_clause_mark():
    """Whisper's words: a segment grown too long ends at its last comma or full stop, not after the
    eighth word, which would leave `door.` alone."""
    from companion.transcript.from_words import transcript_from_words

    said = "Fresh beans roasted every Tuesday delivered to your door. By Northwind Coffee, for you.".split()
    heard = [Word(w, 0.3 * k, 0.3 * k + 0.25) for k, w in enumerate(said)]
    assert [s.text for s in transcript_from_words(heard).segments] == [
        "Fresh beans roasted every Tuesday delivered to your door.", "By Northwind Coffee, for you."]
    said = "We roast fresh beans, every Tuesday we deliver them to your door.".split()
    heard = [Word(w, 0.3 * k, 0.3 * k + 0.25) for k, w in enumerate(said)]
    assert [s.text for s in transcript_from_words(heard).segments] == [
        "We roast fresh beans,", "every Tuesday we deliver them to your door."]
    said = "We roast, fresh beans every Tuesday and Friday. Then we deliver them.".split()
    heard = [Word(w, 0.3 * k, 0.3 * k + 0.25) for k, w in enumerate(said)]
    assert [s.text for s in transcript_from_words(heard).segments] == [
        "We roast, fresh beans every Tuesday and Friday.", "Then we deliver them."]


def test_a_long_run_of_unpunctuated_words_is_halved_until_each_half_fits():
    """PocketSphinx's words: a run without a pause is cut into halves, not after its eighth word, which
    left its last words apart (a fragment that then went to the next sentence)."""
    from companion.transcript.from_words import MAX_SECONDS, MAX_WORDS, transcript_from_words

    def lengths(count: int, step: float = 0.3) -> list[int]:
        heard = [Word(f"w{k}", step * k, step * k + 0.25) for k in range(count)]
        segments = transcript_from_words(heard).segments
        assert [w for s in segments for w in s.words] == heard
        assert all(len(s.words) <= MAX_WORDS and s.end - s.start <= MAX_SECONDS for s in segments)
        return [len(s.words) for s in segments]

    assert lengths(8) == [8]
    assert lengths(10) == [5, 5]
    assert lengths(19) == [4, 5, 5, 5]
    assert lengths(8, step=0.45) == [4, 4]  # 3.4 s: too long, though eight words


def test_a_run_needing_one_cut_is_cut_where_a_sentence_likely_opens():
    """Two sentences said without a pause (`…where fields meet so tonight I want to tell you why`)
    are cut before the word that likely opens the second, in the run's middle third, rather than at its half,
    which left the second's first words with the first. A longer run (dense speech, where `so` is as often a
    filler) is halved first, and a run whose likely opener lies near an end is halved."""
    from companion.transcript.from_words import transcript_from_words

    def texts(said: str) -> list[str]:
        heard = [Word(w, 0.3 * k, 0.3 * k + 0.25) for k, w in enumerate(said.split())]
        return [s.text for s in transcript_from_words(heard).segments]

    assert texts("innovations happen where fields meet so tonight I want to tell you why") == [
        "innovations happen where fields meet", "so tonight I want to tell you why"]
    assert texts("most were music but one held the voice of a woman I did not know") == [
        "most were music but one held the", "voice of a woman I did not know"]
    dense = "so we take the list and we walk it and so each time we look at the head and so on until the end"
    offsets = itertools.accumulate(len(t.split()) for t in texts(dense))
    assert 12 in offsets  # 24 words: first cut at the half, whatever its words


@pytest.mark.parametrize("written, said", [
    ("1,000", "one thousand"), ("$100", "one hundred dollars"), ("15,000,000", "fifteen million"),
    ("50%", "fifty percent"), ("21st", "twenty first"), ("1980s", "nineteen eighties"), ("(1998),", "nineteen ninety eight"),
    ("£2.5", "two point five pounds"), ("twenty-five", "twenty five"), ("O'Brien's", "o'brien's"),
    ("O600KO78RUS.", "o six hundred k o seventy eight r u s"), ("arc4random()", "arc four random"),
    ("mp3", "m p three"), ("GPT-4o", "gpt four o"), ("19:00", "nineteen hundred"), ("7:05", "seven oh five"),
    ("10:30,", "ten thirty"), ("7:00", "seven o'clock"),
])
def test_untimed_text_says_numbers_as_a_speaker_does(written, said):
    """Forced alignment needs every word the speaker says: a number dropped from the text (`1,000`,
    `$100` gave no words) left its whole stretch of audio unaligned, and the digits of a code or a
    model name (`O600KO78RUS` gave o, ko, rus) pulled the words after it seconds early; a time of day
    (`19:00`) gave no words at all."""
    from companion.transcript.untimed import spoken

    assert spoken(written) == said.split()


@pytest.mark.parametrize("word, ends", [("first,", True), ("this:", True), ('it."', True), ("gone…)", True),
                                        ("then--", True), ("—", True), ("why?”", True), ("Mr", False),
                                        ("don't", False), ("co-op", False), ("(Laughter)", False)])
def test_a_word_ends_a_clause_at_a_clause_or_sentence_mark_before_closing_quotes(word, ends):
    """One rule for every reader that cuts English at clauses (Whisper's words, untimed text, word timing)."""
    assert ends_clause(word) is ends
