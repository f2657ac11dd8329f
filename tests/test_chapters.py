"""Chapters: the rules, every text format, and real clients reading them (ffprobe, ffmpeg, Chromium)."""

import hashlib
import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import webvtt
from mutagen.id3 import ID3, TSOP

from companion.chapters import build_chapters
from companion.report import Alignment
from subtitles.chapters import Chapter, write_youtube
from helpers import companion

SCHEMA = Path(__file__).parent / "schemas" / "podcasting-chapters-1.2.schema.json"
TITLES = ["开场", "从收音机到修复工作室", "修复一段录音需要什么", "机器学习与未来"]
needs_ffmpeg = pytest.mark.skipif(not (shutil.which("ffmpeg") and shutil.which("ffprobe")),
                                  reason="ffmpeg/ffprobe not installed (Debian package 'ffmpeg'; .ci/run installs it)")


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    examples = Path(__file__).resolve().parent.parent / "examples"
    out = tmp_path_factory.mktemp("aligned")
    result = companion(*["align", str(examples / "episode.zh.txt"), "--transcript",
                                      str(examples / "episode.en.vtt"), "--out", str(out), "--name", "ep", "--quiet"])
    assert result.exit_code == 0
    return out


@pytest.fixture(scope="module")
def tones(tmp_path_factory):
    """An MP3 and an M4A of a tone as long as the example episode, with a title tag and an old chapter."""
    if not (shutil.which("ffmpeg") and shutil.which("ffprobe")):
        pytest.skip("ffmpeg/ffprobe not installed (Debian package 'ffmpeg'; .ci/run installs it)")
    folder = tmp_path_factory.mktemp("tones")
    meta = folder / "old.ffmeta"
    meta.write_text(";FFMETADATA1\ntitle=Old title\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=5000\ntitle=Old\n")
    for name, codec in (("tone.mp3", ["-c:a", "libmp3lame", "-b:a", "32k"]), ("tone.m4a", ["-c:a", "aac", "-b:a", "32k"])):
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=210",
                        "-i", str(meta), "-map", "0", "-map_metadata", "1", "-map_chapters", "1", *codec,
                        str(folder / name)], check=True)
    return folder


def chapters_cli(*args):
    return companion(*["chapters", *map(str, args)])


def report(aligned):
    return json.loads((aligned / "ep.alignment.json").read_text(encoding="utf-8"))


def model(rep: dict) -> Alignment:
    return Alignment.from_json(json.dumps(rep, ensure_ascii=False))


def unalign_chapter(rep: dict, chapter: int) -> None:
    """What a person does to mark a chapter's paragraphs unaligned: null times on their sentences."""
    for p in rep["paragraphs"]:
        if p["chapter"] == chapter:
            for s in p["sentences"]:
                s["start"] = s["end"] = None


def probe(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def audio_md5(path: Path) -> str:
    return subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(path), "-map", "0:a", "-c", "copy", "-f", "md5", "-"],
                          capture_output=True, text=True, check=True).stdout.strip()


def expected_starts(aligned) -> list[float]:
    return [0.0] + [c["start"] for c in report(aligned)["chapters"]]


# --- the rules ---------------------------------------------------------------------------------

def test_intro_chapter_ends_meet_and_last_ends_at_the_end(aligned):
    rep = report(aligned)
    chapters = build_chapters(model(rep)).chapters
    assert [c.title for c in chapters] == TITLES
    assert chapters[0].start == 0.0 and chapters[1].start == rep["chapters"][0]["start"] > 1.0
    assert all(a.end == b.start for a, b in zip(chapters, chapters[1:]))
    assert chapters[-1].end == rep["duration"]
    assert build_chapters(model(rep), duration=250.0).chapters[-1].end == 250.0  # the audio's end, when known
    assert build_chapters(model(rep), intro_title="片头").chapters[0].title == "片头"


def test_unaligned_chapter_is_merged_and_reported(aligned):
    rep = report(aligned)
    unalign_chapter(rep, 1)
    result = build_chapters(model(rep))
    assert [c.title for c in result.chapters] == [TITLES[0], TITLES[1], TITLES[3]]
    assert result.chapters[1].end == rep["chapters"][2]["start"]
    assert any(TITLES[2] in note and TITLES[1] in note for note in result.notes)


def test_titles_in_english_and_both(aligned):
    rep = report(aligned)
    en = build_chapters(model(rep), lang="en").chapters
    assert en[0].title == "Intro" and en[2].title == "Walk me through a typical job."
    both = build_chapters(model(rep), lang="both").chapters
    assert both[2].title == "修复一段录音需要什么 / Walk me through a typical job."
    assert len(both[1].title.split(" / ")[1].split()) <= 9


def test_a_chapter_without_a_heading_is_named_by_its_opening_words(aligned):
    rep = report(aligned)  # an article with no title and no heading: its one chapter has no title
    rep["chapters"][0]["title"] = rep["chapters"][2]["title"] = ""
    first = next(p for p in rep["paragraphs"] if p["chapter"] == 2)["sentences"][0]
    first["text"] = "修复师用一台有四十年历史的开盘录音机和一套自己写的降噪程序，让声音回来。"
    titles = [c.title for c in build_chapters(model(rep)).chapters]
    assert titles == ["开场", "欢迎回到《The Long Signal》", TITLES[2], "修复师用一台有四十年历史的开盘录…"]
    assert build_chapters(model(rep), lang="both").chapters[1].title.startswith("欢迎回到《The Long Signal》 / ")


# --- text formats ------------------------------------------------------------------------------

def test_align_writes_chapter_files(aligned):
    assert (aligned / "ep.chapters.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    document = json.loads((aligned / "ep.chapters.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [c["title"] for c in document["chapters"]] == TITLES


def test_podcasting_json_validates_against_the_spec_schema(aligned, tones):
    result = chapters_cli(aligned / "ep.alignment.json", "--format", "json", "--audio", tones / "tone.mp3")
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert document["version"] == "1.2.0" and document["fileName"] == "tone.mp3"
    assert document["chapters"][-1]["endTime"] == pytest.approx(210.0, abs=0.1)  # the audio's end
    assert [c["startTime"] for c in document["chapters"]] == pytest.approx(expected_starts(aligned))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "1.2.0", "chapters": [{"title": "no start"}]},
                            json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_podlove_simple_chapters(aligned):
    text = chapters_cli(aligned / "ep.alignment.json", "-f", "psc").stdout
    root = ET.fromstring(text)
    assert root.tag == "{http://podlove.org/simple-chapters}chapters" and root.get("version") == "1.2"
    items = list(root)
    assert [c.get("title") for c in items] == TITLES
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d\.\d\d\d", c.get("start")) for c in items)


def test_youtube_list_and_its_warnings(aligned, tmp_path):
    result = chapters_cli(aligned / "ep.alignment.json", "-f", "youtube")
    lines = result.stdout.splitlines()
    assert lines[0] == "00:00 开场" and lines[2].startswith("01:27 ")
    assert result.exit_code == 0 and "YouTube" not in result.stderr
    rep = report(aligned)
    rep["chapters"] = rep["chapters"][:1]
    for p in rep["paragraphs"]:
        p["chapter"] = None if p["chapter"] is None else 0
    short = tmp_path / "short.alignment.json"
    short.write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")
    result = chapters_cli(short, "-f", "youtube")
    assert "at least 3" in result.stderr or "from 3 on" in result.stderr


def test_a_title_edited_over_two_lines_stays_one_chapter_in_every_list(aligned, tmp_path):
    """A person editing the report may break a heading (`…\n00:10 …`): in YouTube's list the second line would be a
    chapter of its own, out of order, and in WebVTT a blank line would end the cue. Titles are one line."""
    rep = report(aligned)
    rep["chapters"][1]["title"] = "第一行\n00:10 第二行\n\n\t第三行"
    edited = tmp_path / "edited.alignment.json"
    edited.write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")
    youtube = chapters_cli(edited, "-f", "youtube").stdout.splitlines()
    assert len(youtube) == len(TITLES) and youtube[2].endswith(" 第一行 00:10 第二行 第三行")
    vtt = tmp_path / "chapters.vtt"
    assert chapters_cli(edited, "-f", "vtt", "--out", vtt).exit_code == 0
    assert [c.text for c in webvtt.read(str(vtt))][2] == "第一行 00:10 第二行 第三行"
    assert build_chapters(model(rep), intro_title="开\n场").chapters[0].title == "开 场"


def test_youtube_list_has_no_angle_brackets_youtube_would_refuse():
    items = [Chapter(0.0, 60.0, "开场"), Chapter(60.0, 120.0, "输入 -> 输出"), Chapter(120.0, 200.0, "<script>之后")]
    text, warnings = write_youtube(items)
    assert text.splitlines() == ["00:00 开场", "01:00 输入 -＞ 输出", "02:00 ＜script＞之后"] and not warnings


@needs_ffmpeg
def test_ffmetadata_is_accepted_by_ffmpeg(aligned, tones, tmp_path):
    meta = tmp_path / "chapters.txt"
    assert chapters_cli(aligned / "ep.alignment.json", "-f", "ffmetadata", "-o", meta).exit_code == 0
    out = tmp_path / "out.mka"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(tones / "tone.mp3"), "-f", "ffmetadata", "-i",
                    str(meta), "-map", "0", "-map_chapters", "1", "-c", "copy", str(out)], check=True)
    got = probe(out)["chapters"]
    assert [c["tags"]["title"] for c in got] == TITLES


def test_vtt_chapters_track_in_chromium(aligned, chromium, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(aligned / "ep.chapters.vtt", site / "chapters.vtt")
    (site / "index.html").write_text("""<!DOCTYPE html><meta charset="utf-8">
<video muted><track id="t" kind="chapters" srclang="zh" src="chapters.vtt" default></video><pre id="out">pending</pre>
<script>
const t = document.getElementById('t'); t.track.mode = 'hidden';
t.addEventListener('load', () => { document.getElementById('out').textContent =
  JSON.stringify({kind: t.track.kind, cues: Array.from(t.track.cues).map(c => [c.startTime, c.text])}); });
t.addEventListener('error', () => { document.getElementById('out').textContent = 'error'; });
</script>""", encoding="utf-8")
    found = re.search(r'<pre id="out">(.*?)</pre>', chromium(site, "index.html"), re.S)
    data = json.loads(html.unescape(found.group(1)))
    assert data["kind"] == "chapters"
    assert [text for _, text in data["cues"]] == TITLES
    assert [start for start, _ in data["cues"]] == pytest.approx(expected_starts(aligned), abs=0.001)


# --- into audio --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, fmt", [("tone.mp3", "id3"), ("tone.m4a", "mp4")])
def test_chapters_written_into_audio_are_read_by_ffprobe(aligned, tones, tmp_path, name, fmt):
    source = tones / name
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = tmp_path / f"out{source.suffix}"
    result = chapters_cli(aligned / "ep.alignment.json", "-f", fmt, "--audio", source, "-o", target)
    assert result.exit_code == 0, result.output
    info = probe(target)
    titles = [c["tags"]["title"] for c in info["chapters"]]
    assert titles == TITLES  # the old chapter is gone, the Chinese intact
    starts = [float(c["start_time"]) for c in info["chapters"]]
    assert starts == pytest.approx(expected_starts(aligned), abs=0.001)
    assert info["format"]["tags"].get("title") == "Old title"  # other tags kept
    assert audio_md5(target) == audio_md5(source)  # the audio stream, bit for bit
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # input untouched


def test_long_chapter_titles_reach_ffmpeg_based_players(aligned, tones, tmp_path):
    # In ID3v2.4 a frame inside CHAP has a syncsafe size, which ffmpeg reads as a plain one: a title of 42 Chinese
    # characters or more used to drop its whole chapter from ffprobe (and from the players built on ffmpeg).
    rep = report(aligned)
    titles = ["长" * 60 + "：从收音机到修复工作室", "短", "机器学习与未来，" * 6]
    for chapter, title in zip(rep["chapters"], titles):
        chapter["title"] = title
    edited = tmp_path / "long.alignment.json"
    edited.write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "long.mp3"
    assert chapters_cli(edited, "-f", "id3", "--audio", tones / "tone.mp3", "-o", target).exit_code == 0
    info = probe(target)
    assert [c["tags"]["title"] for c in info["chapters"]] == ["开场", *titles]  # every chapter, whole, in order
    assert info["format"]["tags"].get("title") == "Old title"
    assert ID3(target).version == (2, 3, 0)


def test_a_tag_with_frames_only_id3v24_has_keeps_them(aligned, tones, tmp_path):
    source = tmp_path / "sorted.mp3"
    shutil.copy(tones / "tone.mp3", source)
    tags = ID3(source)
    tags.add(TSOP(encoding=3, text=["Park, Lena"]))  # artist sort order: ID3v2.3 has no such frame
    tags.save(source, v2_version=4)
    target = tmp_path / "out.mp3"
    result = chapters_cli(aligned / "ep.alignment.json", "-f", "id3", "--audio", source, "-o", target)
    assert result.exit_code == 0 and "ffmpeg" not in result.stderr
    kept = ID3(target)
    assert kept.version == (2, 4, 0) and kept["TSOP"].text == ["Park, Lena"]
    assert [c["tags"]["title"] for c in probe(target)["chapters"]] == TITLES
    # in v2.4, a title of 42 Chinese characters is lost to players built on ffmpeg: said, since it cannot be helped
    rep = report(aligned)
    rep["chapters"][1]["title"] = "长" * 42
    edited = tmp_path / "long.alignment.json"
    edited.write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")
    result = chapters_cli(edited, "-f", "id3", "--audio", source, "-o", tmp_path / "long.mp3")
    assert result.exit_code == 0 and "will not list 1 chapter(s)" in result.stderr


def test_in_place_and_default_output_name(aligned, tones, tmp_path):
    copy = tmp_path / "ep.mp3"
    shutil.copy(tones / "tone.mp3", copy)
    assert chapters_cli(aligned / "ep.alignment.json", "-f", "id3", "--audio", copy).exit_code == 0
    assert (tmp_path / "ep.chapters.mp3").exists()
    again = chapters_cli(aligned / "ep.alignment.json", "-f", "id3", "--audio", copy)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert chapters_cli(aligned / "ep.alignment.json", "-f", "id3", "--audio", copy, "--in-place").exit_code == 0
    assert [c["tags"]["title"] for c in probe(copy)["chapters"]] == TITLES


# --- help and bad input ------------------------------------------------------------------------

def test_help_documents_every_format_with_an_example():
    text = companion(*["chapters", "--help"]).stdout
    for fmt in ("vtt", "json", "psc", "ffmetadata", "youtube", "id3", "mp4"):
        assert re.search(rf"companion chapters \S+ -f {fmt}", text), fmt


@pytest.mark.parametrize("setup, args, message", [
    (None, ["-f", "vtt"], "not found"),
    ('{"hello": 1}', ["-f", "vtt"], "not an alignment report"),
    ("report", ["-f", "mkv"], "'mkv' is not one of"),
    ("report", ["-f", "id3"], "--audio"),
    ("report", ["-f", "id3", "--audio", "missing.mp3"], "audio not found"),
    ("report", ["-f", "json", "--lang", "fr"], "--lang"),
])
def test_bad_input(aligned, tmp_path, setup, args, message):
    path = tmp_path / "r.json"
    if setup == "report":
        shutil.copy(aligned / "ep.alignment.json", path)
    elif setup:
        path.write_text(setup, encoding="utf-8")
    result = chapters_cli(path, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_id3_refuses_an_m4a(aligned, tones, tmp_path):
    result = chapters_cli(aligned / "ep.alignment.json", "-f", "id3", "--audio", tones / "tone.m4a", "-o", tmp_path / "x.m4a")
    assert result.exit_code == 2 and "MP3" in result.stderr


def test_no_alignable_chapter_exits_1_with_the_reason(aligned, tmp_path):
    rep = report(aligned)
    for chapter in range(len(rep["chapters"])):
        unalign_chapter(rep, chapter)
    path = tmp_path / "none.alignment.json"
    path.write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")
    for quiet in ((), ("--quiet",)):  # quiet too: the reason explains the exit
        result = chapters_cli(path, "-f", "vtt", *quiet)
        assert result.exit_code == 1 and "no chapter could be aligned" in result.stderr and result.stdout == ""
