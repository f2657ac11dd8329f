"""`companion render`: subtitles and chapters again from a report a person edited."""

import hashlib
import json
import re
from pathlib import Path

import pytest
import webvtt

from helpers import companion

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def aligned(tmp_path):
    result = companion("align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt",
                       "--out", tmp_path, "--name", "ep", "--quiet")
    assert result.exit_code == 0
    return tmp_path


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def first_sentence_of_chapter(report: dict, chapter: int) -> dict:
    return next(p for p in report["paragraphs"] if p["chapter"] == chapter)["sentences"][0]


def test_an_edited_start_reaches_the_subtitles_and_the_chapters(aligned):
    path = aligned / "ep.alignment.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    sentence = first_sentence_of_chapter(report, 1)
    moved = round(sentence["start"] - 1.5, 3)
    sentence["start"] = moved
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    before = digests(aligned)
    result = companion("render", path, "--force")
    assert result.exit_code == 0, result.output
    chapters = json.loads((aligned / "ep.chapters.json").read_text(encoding="utf-8"))["chapters"]
    assert chapters[2]["startTime"] == moved and chapters[1]["endTime"] == moved
    cues = webvtt.read(str(aligned / "ep.zh.vtt"))
    opening = sentence["text"][:4]
    cue = next(c for c in cues if opening in re.sub(r"\s", "", c.text))
    assert abs(cue.start_time.in_milliseconds() / 1000 - moved) < 0.01
    after = digests(aligned)
    assert after["ep.alignment.json"] == before["ep.alignment.json"]  # the edited report is never rewritten
    assert after["ep.en.vtt"] == before["ep.en.vtt"]
    assert after["ep.zh.vtt"] != before["ep.zh.vtt"]


def test_a_start_going_backwards_is_named_and_nothing_is_written(aligned):
    path = aligned / "ep.alignment.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    sentence = first_sentence_of_chapter(report, 2)
    sentence["start"] = 1.0
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    before = digests(aligned)
    result = companion("render", path, "--force")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "starts must not go backwards" in result.stderr and "sentence 0" in result.stderr
    assert digests(aligned) == before


def test_a_sentence_left_out_by_hand_is_left_out_of_the_subtitles(aligned):
    path = aligned / "ep.alignment.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    sentence = first_sentence_of_chapter(report, 0)
    sentence["start"] = sentence["end"] = None
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    assert companion("render", path, "--force").exit_code == 0
    shown = re.sub(r"\s", "", (aligned / "ep.zh.srt").read_text(encoding="utf-8"))
    assert sentence["text"] not in shown


def test_render_needs_force_over_existing_files_and_names_them(aligned):
    result = companion("render", aligned / "ep.alignment.json")
    assert result.exit_code == 2 and "ep.bilingual.vtt already exists" in result.stderr


def test_a_line_break_typed_into_a_sentence_never_ends_a_cue_halfway(aligned):
    """A blank line ends a WebVTT or SRT cue: a sentence a person broke over lines in the report is shown on those
    lines of one cue, every character still there, and the files still parse into the same cues."""
    path = aligned / "ep.alignment.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    sentence = first_sentence_of_chapter(report, 1)
    text = sentence["text"]
    sentence["text"] = text[:4] + "\n\n" + text[4:] + "\n"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    assert companion("render", path, "--force").exit_code == 0
    for name in ("ep.bilingual.vtt", "ep.zh.vtt"):
        raw = (aligned / name).read_text(encoding="utf-8")
        blocks = [b for b in raw.split("\n\n")[1:] if b.strip()]
        assert all("-->" in b.splitlines()[0] for b in blocks), name  # every block is a whole cue
        shown = "".join(re.sub(r"\s|<[^>]+>", "", c.text) for c in webvtt.read(str(aligned / name)))
        assert text in shown
    srt = (aligned / "ep.zh.srt").read_text(encoding="utf-8").strip().split("\n\n")
    assert all(re.fullmatch(r"\d+", b.splitlines()[0]) and "-->" in b.splitlines()[1] for b in srt)


@pytest.mark.parametrize("command", [("render", "--force"), ("preview", "--audio", EXAMPLES / "episode.mp3"),
                                     ("chapters", "-f", "id3", "--audio", EXAMPLES / "episode.mp3", "--out", "x.mp3"),
                                     ("chapters", "-f", "youtube", "--out", "x.txt")])
def test_every_command_that_writes_files_is_silent_with_quiet(aligned, command):
    """As align, transcribe and batch: `--quiet` leaves standard output and standard error to errors alone, for
    scripts (the YouTube list's notes, the ID3 version note and the `wrote` lines included)."""
    name, *rest = command
    rest = [aligned / a if a in ("x.mp3", "x.txt") else a for a in rest]
    loud = companion(name, aligned / "ep.alignment.json", *rest)
    assert loud.exit_code == 0 and "wrote" in loud.stdout
    quiet = companion(name, aligned / "ep.alignment.json", *rest, "--force", "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == quiet.stderr == "", quiet.output
