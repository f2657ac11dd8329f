"""The audio path on hard audio: stretches the text does not cover, words never heard, telephone lines."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import webvtt

from companion.transcript.untimed import read_english_text, spoken, timed_transcript
from helpers import companion, stand_in_whisper
from media.bandwidth import narrow_band
from media.force_align import SHORT_PIECE, Piece, force_align, matches, split
from media.force_align import _without_strays as without_strays
from media.recognize import TimedWord

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
needs_ffmpeg = pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg not installed (.ci/run installs it)")


def cue_times(vtt: Path) -> list[tuple[float, float, str]]:
    return [(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, c.text)
            for c in webvtt.read(str(vtt))]


@needs_ffmpeg
def test_an_unscripted_stretch_stacks_no_line(tmp_path):
    """The sponsor read is in the audio but not in the text: the text's first lines must not pile up
    at one instant, every line keeps a real span, and the interview starts where it is spoken."""
    text = EXAMPLES.joinpath("episode.en.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    (tmp_path / "en.txt").write_text(text, encoding="utf-8")
    result = companion("align", EXAMPLES / "episode.zh.txt", "--audio", EXAMPLES / "episode.mp3", "--english-text",
                       tmp_path / "en.txt", "--out", tmp_path / "out", "--name", "ep", "--quiet")
    assert result.exit_code == 0, result.output
    cues = cue_times(tmp_path / "out" / "ep.en.vtt")
    assert all(end - start >= 0.1 for start, end, _ in cues)
    assert all(b[0] > a[0] for a, b in zip(cues, cues[1:]))
    reference = {c[2].split(">")[-1][:20]: c[0] for c in cue_times(EXAMPLES / "episode.en.vtt")}
    welcome = next(c for c in cues if c[2].startswith("Welcome back"))
    assert abs(welcome[0] - reference["Welcome back to The "]) < 0.5


def test_words_never_heard_are_spread_over_the_speech_not_stacked(tmp_path):
    """Forced alignment found no time for the opening words, a middle run and the closing words."""
    path = tmp_path / "en.txt"
    path.write_text("Sam: One two three four five six.\nLena: Seven eight nine ten.\nSam: Eleven twelve thirteen.\n",
                    encoding="utf-8")
    lines = read_english_text(str(path))
    words = [w for line in lines for t in line.tokens for w in spoken(t)]
    times = [None, None, None, TimedWord("four", 3.0, 3.4), TimedWord("five", 3.4, 3.8), None, None, None, None,
             TimedWord("ten", 12.0, 12.5), None, None, None]
    assert len(times) == len(words)
    speech = [(0.5, 3.9), (6.0, 11.9), (12.0, 15.0)]
    transcript = timed_transcript(lines, times, "x", speech, end=20.0)
    spans = [(w.start, w.end) for s in transcript.segments for w in s.words]
    assert all(b - a > 0.05 for a, b in spans)
    assert all(b[0] >= a[1] - 1e-9 for a, b in zip(spans, spans[1:]))
    middle = spans[5:9]  # six, seven, eight, nine: in the speech between 6.0 and 11.9, not in the silence
    assert all(6.0 - 1e-9 <= a and b <= 11.9 + 1e-9 for a, b in middle)
    assert spans[-1][1] <= 15.0 + 1e-9 and spans[-1][1] - spans[-3][0] > 1.0  # the last words keep their time
    assert [s.guessed for s in transcript.segments] == [True, True, True]


def test_a_phrase_anchored_at_its_later_repetition_does_not_send_times_backwards(tmp_path):
    """`friends and family`, said early and again much later, was found only at its later occurrence: the
    words after it would have no time left before the next heard word. The misplaced phrase loses its
    times, and every word is spread, in order, between the heard words around."""
    path = tmp_path / "en.txt"
    path.write_text("We ask friends and family for money every single time we start something new.\n"
                    "Later we asked again for help with the launch from friends and family.\n", encoding="utf-8")
    lines = read_english_text(str(path))
    words = [w for line in lines for t in line.tokens for w in spoken(t)]
    times: list = [None] * len(words)
    times[0] = TimedWord("we", 0.0, 0.2)  # "ask" was not heard
    times[2:5] = [TimedWord(w, 20.0 + 0.3 * k, 20.3 + 0.3 * k) for k, w in enumerate(words[2:5])]  # the later one
    times[-5:] = [TimedWord(w, 20.1 + 0.3 * k, 20.4 + 0.3 * k) for k, w in enumerate(words[-5:])]
    transcript = timed_transcript(lines, times, "x", [(0.0, 21.0)], end=21.0)
    spans = [(w.start, w.end) for s in transcript.segments for w in s.words]
    assert all(b[0] >= a[1] - 1e-9 for a, b in zip(spans, spans[1:]))  # never backwards
    assert spans[2][0] < 2.0  # the first "friends" is early on, spread with its neighbours
    assert spans[-5][0] == pytest.approx(20.1)  # the heard closing phrase keeps its time


def said(words: list[str], pause_every: int = 0) -> list[TimedWord]:
    """Words heard one after another, 0.4 s each, with a 0.3 s pause before every `pause_every`-th."""
    out, t = [], 0.0
    for k, w in enumerate(words):
        t += 0.3 if pause_every and k and k % pause_every == 0 else 0.0
        out.append(TimedWord(w, t, t + 0.4))
        t += 0.4
    return out


def test_a_phrase_cut_off_at_the_end_of_a_search_window_is_not_anchored_at_its_repetition():
    """`the seven most significant mountains of` is said twice; the first time it was misheard. A search
    window whose text ends just after the first one must not pair it with the second (heard 28 words
    later), which would leave the text between with no audio and the audio between with no text."""
    phrase = "the seven most significant mountains of".split()
    text = [f"a{k}" for k in range(20)] + phrase + ["x", "y"] + [f"b{k}" for k in range(20)] + phrase + \
        [f"c{k}" for k in range(40)]
    heard = said(text[:20] + [f"misheard{k}" for k in range(8)] + text[28:])
    found = matches(text, [*heard], text_window=30)
    assert all(at == index for index, at, _ in found), found  # every run paired with where it was said
    assert any(index == 28 for index, _, _ in found)  # the b-words between the two are anchored too


def test_an_opening_question_asked_twice_is_anchored_where_it_is_said_the_second_time_only():
    """The first time, the question was misheard; its words, matched left to right, paired the text's
    first question with the second one heard. That anchor, 12 words off its neighbour, would have
    started the audio of the whole text at the second question."""
    text = ("have you counted the choices you make in an ordinary day have you counted the choices you make in an "
            "ordinary week last spring i asked more than three thousand people how many they make and the answer "
            "was about seventy on a normal day").split()
    heard = said(("the counted the choices to us is you negative it ordinary day the you counted the choices twenty "
                  "to make an ordinary week last spring i asked more than three thousand people how many they make "
                  "and the answer was about seventy on a normal day").split())
    found = matches(text, heard)
    assert found and all(abs(at - index) <= 1 for index, at, _ in found), found


def test_a_run_paired_with_a_repetition_stands_out_from_both_neighbours_a_passage_left_out_does_not():
    ad = [(0, 0, 10), (20, 20, 5), (30, 70, 6), (50, 90, 10)]  # 40 words heard that the text lacks, from 30 on
    assert without_strays(ad) == ad
    spike = [(2647, 2596, 18), (2667, 2699, 6), (2758, 2705, 47)]
    assert without_strays(spike) == [spike[0], spike[2]]
    long_run = [(0, 0, 10), (20, 40, 30), (60, 60, 10)]  # thirty words heard exactly as written are no chance
    assert without_strays(long_run) == long_run


def test_a_piece_that_failed_is_cut_again_at_its_anchors_every_few_seconds():
    words = [f"w{k}" for k in range(60)]
    heard = said(words, pause_every=5)
    found = [(k, k, 5) for k in range(0, 60, 5)]  # runs of five, each after a pause
    piece = Piece(0, 60, 0.0, heard[-1].end + 0.1)
    parts = split(piece, found, heard)
    assert len(parts) >= 3
    assert split(Piece(0, 5, 0.0, 2.2), found, heard) == []  # a piece of one run has nowhere to cut
    assert parts[0].first == 0 and parts[-1].last == 60 and all(a.last == b.first for a, b in zip(parts, parts[1:]))
    assert parts[0].start == piece.start and parts[-1].end == piece.end
    for a, b in zip(parts, parts[1:]):
        assert b.first % 5 == 0  # cut where a run starts, after its pause
        assert heard[b.first - 1].end <= a.end and b.start <= heard[b.first].start  # no word cut in two
        assert b.start - a.start >= SHORT_PIECE - 1e-9


@needs_ffmpeg
def test_words_the_audio_lacks_lose_their_time_and_no_other_word_of_their_piece_does(tmp_path):
    """Thirty words never said, in the middle of 75 s of text: no alignment of their 30-second piece can
    hold them, but cut shorter at its anchors the rest of it aligns, so only they go without a time."""
    import webvtt as vtt

    from companion.text import TAG

    clip = tmp_path / "clip.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(EXAMPLES / "episode.mp3"), "-t", "75", str(clip)],
                   check=True)
    cues = [c for c in vtt.read(str(EXAMPLES / "episode.en.vtt")) if c.end_time.in_milliseconds() < 74000]
    words = [w for c in cues for token in TAG.sub("", c.text).split() for w in spoken(token)]
    never = ["zebra", "quantum", "marmalade", "helicopter", "volcano", "saxophone", "pyramid", "glacier"] * 4
    words = words[:120] + never[:30] + words[120:]
    times = force_align(clip, words, workers=2)
    assert [k for k, t in enumerate(times) if t is None] == list(range(120, 150))


@needs_ffmpeg
def test_a_telephone_line_is_found_narrow_band(tmp_path):
    phone = tmp_path / "phone.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(EXAMPLES / "episode.mp3"), "-t", "40", "-ar", "8000",
                    str(phone)], check=True)
    assert narrow_band(phone) and not narrow_band(EXAMPLES / "episode.mp3")


@needs_ffmpeg
def test_the_report_says_which_engine_heard_a_telephone_line(tmp_path, monkeypatch):
    """PocketSphinx on a telephone line: the report names it, says the audio is narrow-band and, as the
    alignment fails, that recognition may be too poor to trust; faster-whisper copes with such audio, so
    a run it recognised blames the article or the audio, not the bandwidth."""
    phone = tmp_path / "phone.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(EXAMPLES / "episode.mp3"), "-t", "40", "-ar", "8000",
                    str(phone)], check=True)

    def report(engine: str) -> dict:
        result = companion(*["align", str(EXAMPLES / "episode.zh.txt"), "--audio", str(phone), "--engine", engine,
                             "--out", str(tmp_path / engine), "--quiet"])
        assert result.exit_code == 1, result.output  # 40 s of audio cannot carry the whole article
        return json.loads((tmp_path / engine / "episode.alignment.json").read_text(encoding="utf-8"))

    heard = report("pocketsphinx")
    assert heard["notes"][-2:] == ["the English was recognised by PocketSphinx", "the audio is narrow-band (telephone "
                                   "quality: nothing above 4 kHz); PocketSphinx finds far fewer words in it"]
    assert "recognition may be too poor to trust because the audio is narrow-band" in heard["warning"]
    stand_in_whisper(monkeypatch, loads=True)
    heard = report("whisper")
    assert heard["notes"][-2:] == ["the English was recognised by faster-whisper small.en",
                                   "the audio is narrow-band (telephone quality: nothing above 4 kHz)"]
    assert heard["warning"] and "narrow-band" not in heard["warning"]


@needs_ffmpeg
def test_recognition_weighs_the_language_model_by_bandwidth(tmp_path, monkeypatch):
    """Wide-band speech is decoded with the lighter language-model weights that suit it, and a second
    time adapted to the voice; a telephone line keeps PocketSphinx's own weights, which recognise more
    of it, and is decoded once (too few of its words are right to adapt on)."""
    import media.speech

    phone = tmp_path / "phone.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(EXAMPLES / "episode.mp3"), "-t", "40", "-ar", "8000",
                    str(phone)], check=True)
    used = {}
    monkeypatch.setattr(media.speech, "recognise",
                        lambda path, options, extra, progress, adapt, boost: used.setdefault(path, (options, adapt)))
    media.speech.recognise_speech(EXAMPLES / "episode.mp3", "pocketsphinx")
    media.speech.recognise_speech(phone, "pocketsphinx")
    assert used == {EXAMPLES / "episode.mp3": (media.speech.WIDE_BAND, True), phone: ({}, False)}
