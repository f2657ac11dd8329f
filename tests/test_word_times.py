"""Sentences starting inside a transcript's segment, timed by the audio (transcript.word_times, force_align.align_within)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import webvtt

from helpers import companion
from companion.commands import words_inside
from companion.transcript import Segment, Transcript, Word, read_transcript
from companion.transcript.word_times import stretches, with_word_times
from media.recognize import TimedWord

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _times(stretch, pace: float = 0.5, pause_after: dict[int, float] | None = None) -> list[TimedWord]:
    """A time for each of the stretch's words: `pace` seconds each from its start, with pauses after some."""
    out, at = [], stretch.start
    for k, word in enumerate(stretch.words):
        out.append(TimedWord(word, at, at + pace * 0.8))
        at += pace + (pause_after or {}).get(k, 0.0)
    return out


def test_segments_in_which_a_sentence_clause_or_sound_starts_are_stretches():
    segments = [Segment(0.0, 3.0, "One sentence and no clause mark."),
                Segment(3.0, 9.0, "First one here. Second one there."),
                Segment(9.0, 10.0, "(Applause)"),
                Segment(10.0, 12.0, "Said, already timed.", words=[Word("Said,", 10.0, 10.5), Word("already", 10.6, 11.0),
                                                                     Word("timed.", 11.0, 12.0)]),
                Segment(12.0, 15.0, "Thanks. (Laughter)"),
                Segment(15.0, 18.0, "Well, I think so")]
    found = stretches(Transcript(segments))
    assert [(s.first, s.last) for s in found] == [(1, 2), (4, 5), (5, 6)]
    assert found[0].words == ["first", "one", "here", "second", "one", "there"]
    assert found[1].said == [["thanks"], None]  # a sound is not said
    # a subtitle track's cues are the unit their translation was timed on: none of these is cut
    assert stretches(Transcript(segments, cues=True)) == []


def test_a_segment_is_cut_at_its_words_times_and_keeps_its_own_span_and_text():
    seg = Segment(10.0, 20.0, "LENA: We met in May. (Laughter) So -- why not? It worked.", speaker="Lena")
    transcript = Transcript([Segment(0.0, 10.0, "Before."), seg, Segment(20.0, 22.0, "After.")])
    [stretch] = stretches(transcript)
    assert stretch.words == ["we", "met", "in", "may", "so", "why", "not", "it", "worked"]
    times = _times(stretch, pause_after={3: 2.0, 6: 1.0})  # a laugh after "May.", a pause after "not?"
    out = with_word_times(transcript, [(stretch, times)]).segments
    inner = out[1:-1]
    assert [s.text for s in inner] == ["LENA: We met in May.", "(Laughter)", "So -- why not?", "It worked."]
    assert inner[0].start == 10.0 and inner[-1].end == 20.0  # the source's own span
    assert inner[1].start == pytest.approx(times[3].end) and inner[1].end == pytest.approx(times[4].start)
    assert inner[2].start == pytest.approx(times[4].start) and inner[3].start == pytest.approx(times[7].start)
    assert all(a.end <= b.start for a, b in zip(out, out[1:])) and all(s.end > s.start for s in out)
    assert {s.speaker for s in inner} == {"Lena"}
    assert " ".join(s.text for s in inner) == seg.text


def test_a_stretch_that_could_not_be_aligned_is_left_as_it_was():
    transcript = Transcript([Segment(0.0, 6.0, "One. Two.")])
    [stretch] = stretches(transcript)
    left = with_word_times(transcript, [(stretch, None)])
    assert left.segments == transcript.segments and left.untimed == 1
    assert with_word_times(transcript, [(stretch, _times(stretch))]).untimed == 0


def test_a_cue_of_two_turns_is_timed_by_its_words_and_keeps_every_character(tmp_path):
    """A subtitle cue holding a dialogue (`- So you taught yourself?` / `- At first, yes.`) shares its time out by
    characters; with word times each turn starts at its first word, its dash with it."""
    srt = tmp_path / "dialogue.srt"
    srt.write_text("1\n00:00:04,000 --> 00:00:10,000\n- So you taught yourself?\n- At first, yes. --\n", encoding="utf-8")
    transcript = read_transcript(str(srt))
    assert transcript.cues and [s.interpolated for s in transcript.segments] == [True, True]
    [stretch] = stretches(transcript)
    assert stretch.words == ["so", "you", "taught", "yourself", "at", "first", "yes"]
    times = _times(stretch, pause_after={3: 1.5})
    out = with_word_times(transcript, [(stretch, times)]).segments
    assert [s.text for s in out] == ["- So you taught yourself?", "- At first, yes. --"]
    assert out[0].start == 4.0 and out[1].start == pytest.approx(times[4].start) and out[1].end == 10.0


def test_pieces_cut_by_characters_are_aligned_as_one_stretch(tmp_path):
    text = "This segment is long enough to be cut by its characters. It has three sentences. Here is the third."
    transcript = read_transcript(_whisper_json([(0.0, 9.0, text)], tmp_path))
    assert len(transcript.segments) == 3 and all(s.interpolated for s in transcript.segments)
    [stretch] = stretches(transcript)
    assert (stretch.first, stretch.last, stretch.start, stretch.end) == (0, 3, 0.0, 9.0)


def _start(cue) -> float:
    return cue.start_time.in_milliseconds() / 1000


def _end(cue) -> float:
    return cue.end_time.in_milliseconds() / 1000


def _whisper_json(segments: list[tuple[float, float, str]], folder: Path, name: str = "merged.json") -> str:
    path = folder / name
    path.write_text(json.dumps({"segments": [{"start": a, "end": b, "text": t} for a, b, t in segments]}),
                    encoding="utf-8")
    return str(path)


def _turns() -> list[tuple[float, float, str]]:
    """The example episode's cues merged into one segment per speaker turn, as Whisper segments without word times."""
    merged: list[list] = []
    for cue in webvtt.read(str(EXAMPLES / "episode.en.vtt")):
        if merged and merged[-1][3] == cue.voice:
            merged[-1][1], merged[-1][2] = _end(cue), f"{merged[-1][2]} {cue.text}"
        else:
            merged.append([_start(cue), _end(cue), cue.text, cue.voice])
    return [(a, b, text) for a, b, text, _ in merged]


def _sentence_starts() -> dict[str, float]:
    """The start of every sentence that opens a cue of the example's own subtitles, by its first three words."""
    return {" ".join(cue.text.split()[:3]): _start(cue) for cue in webvtt.read(str(EXAMPLES / "episode.en.vtt"))}


def test_the_audio_times_sentences_that_start_inside_long_segments(tmp_path):
    """The example episode as Whisper segments of a whole turn, without word times: with the audio, a sentence that
    starts inside a turn starts where it is said (the example's cue), all but one within a tenth of a second; shared
    out by characters, several are half a second or more off."""
    transcript = read_transcript(_whisper_json(_turns(), tmp_path))
    truth = _sentence_starts()

    def errors(t: Transcript) -> list[float]:
        return [abs(s.start - truth[" ".join(s.text.split()[:3])]) for s in t.segments
                if " ".join(s.text.split()[:3]) in truth]

    by_characters = errors(transcript)
    timed = words_inside(transcript, EXAMPLES / "episode.mp3")
    by_audio = errors(timed)
    assert len(by_audio) > len(by_characters) >= 40  # clauses that start cues now start segments too
    assert sum(e > 0.5 for e in by_characters) >= 5
    assert sum(e > 0.1 for e in by_audio) <= 1 and max(by_audio) < 0.5
    assert any(s.interpolated for s in transcript.segments) and not any(s.interpolated for s in timed.segments)


def test_stretches_far_apart_are_each_timed_in_their_own_audio():
    """Stretches minutes apart, past the audio read for the one before, keep their own clocks."""
    from media.force_align import align_within
    from companion.transcript.untimed import spoken

    cues = [c for c in webvtt.read(str(EXAMPLES / "episode.en.vtt"))]
    chosen = [cues[9], cues[40], cues[41], cues[85]]
    said = [[w for token in c.text.split() for w in spoken(token)] for c in chosen]
    found = align_within(EXAMPLES / "episode.mp3", [(_start(c), _end(c), words)
                                                     for c, words in zip(chosen, said)])
    for cue, words, times in zip(chosen, said, found):
        assert [t.text for t in times] == words
        assert abs(times[0].start - _start(cue)) < 0.25 and times[-1].end <= _end(cue) + 0.3
    # a segment past the audio's end (a transcript longer than its audio) is left untimed, the others are not
    late = align_within(EXAMPLES / "episode.mp3", [(_start(chosen[0]), _end(chosen[0]), said[0]),
                                                   (500.0, 509.0, ["nobody", "says", "this"])])
    assert late[0] is not None and late[1] is None


def test_align_with_a_transcript_and_the_audio_starts_paragraphs_where_the_vtt_does(tmp_path):
    """Through the command: Whisper segments of whole turns plus the audio time the article's paragraphs as the
    example's own subtitles do."""
    merged = _whisper_json(_turns(), tmp_path)
    runs = {}
    for name, source in (("turns", ["--transcript", merged, "--audio", str(EXAMPLES / "episode.mp3")]),
                         ("vtt", ["--transcript", str(EXAMPLES / "episode.en.vtt")])):
        result = companion("align", str(EXAMPLES / "episode.zh.txt"), *source, "--out", str(tmp_path / name),
                           "--name", "ep", "--quiet")
        assert result.exit_code == 0, result.output
        runs[name] = json.loads((tmp_path / name / "ep.alignment.json").read_text(encoding="utf-8"))
    pairs = [(a["start"], b["start"]) for a, b in zip(runs["turns"]["paragraphs"], runs["vtt"]["paragraphs"])
             if b["start"] is not None]
    assert pairs and all(a is not None and abs(a - b) <= 0.5 for a, b in pairs)
    assert not any("could not be aligned to the audio" in note for note in runs["turns"]["notes"])


def test_the_report_says_when_the_audio_could_not_time_a_segment(tmp_path):
    """A transcript running past its audio (another edit of the episode?): the segment out there keeps its coarse
    times, and the report's notes say so."""
    turns = _turns() + [(300.0, 309.0, "Nobody says this here. It lies past the end of the audio.")]
    result = companion("align", str(EXAMPLES / "episode.zh.txt"), "--transcript", _whisper_json(turns, tmp_path),
                       "--audio", str(EXAMPLES / "episode.mp3"), "--out", str(tmp_path / "out"), "--name", "ep",
                       "--quiet")
    assert result.exit_code in (0, 1), result.output
    report = json.loads((tmp_path / "out" / "ep.alignment.json").read_text(encoding="utf-8"))
    assert any(note.startswith("1 segment(s) of the transcript could not be aligned to the audio")
               for note in report["notes"])


def test_a_sentence_starting_where_a_segment_was_cut_by_characters_is_less_sure(tmp_path):
    """Such a start is a guess by characters (right less often than the model says: pipeline.SHARED_START); a
    sentence at the start the transcript gave, or one inside a segment the audio timed, keeps its confidence."""
    from companion.align.timing import Placed
    from companion.pipeline import SHARED_START, _scale_shared_starts

    text = "This segment is long enough to be cut by its characters. It has three sentences. Here is the third."
    transcript = read_transcript(_whisper_json([(0.0, 9.0, text), (9.0, 11.0, "And one more.")], tmp_path))
    inner = transcript.segments[1].start
    placed = [Placed(start, start + 0.5, True, 1.0, "", confidence=0.9) for start in (0.0, inner, 9.0)]
    _scale_shared_starts(placed, transcript)
    assert placed[0].confidence == placed[2].confidence == 0.9
    assert placed[1].confidence == pytest.approx(0.9 * SHARED_START) and placed[1].confidence < 0.85
