"""Hostile and odd inputs and the command line's manners: one line and exit 2 for bad input, data
checked as data, control characters never reaching a subtitle, results on stdout."""

import io
import json
import re
import shutil
import stat
from pathlib import Path

import pytest

from companion.article import parse_article, read_article
from companion.progress import _Lines
from helpers import companion

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_13bf2f792087ee5a.txt"


def one_line(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    out = tmp_path_factory.mktemp("aligned")
    result = companion("align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt",
                       "--out", out, "--name", "ep", "--quiet")
    assert result.exit_code == 0, result.output
    return out


# --- transcripts ------------------------------------------------------------------------------

@pytest.mark.parametrize("content, message", [
    ('["one", "two"]', "segment 0 is str"),
    ('{"segments": [{"start": 0, "end": Infinity, "text": "hi"}]}', "Infinity"),
    ('{"segments": [{"start": "0:01", "end": 2, "text": "hi"}]}', "start is '0:01'"),
    ('{"segments": [{"start": 1e400, "end": 2, "text": "hi"}]}', "start is inf"),
    ('{"segments": 5}', "'segments' list"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),  # the parser's recursion limit, not a bug of ours
    ("null", "'segments' list"),  # read as JSON for its suffix, not as text without stamps
    ('{"segments": [{"start": 0, "end": 1, "text": "a", "words": [{"word": "a", "start": NaN, "end": 1}]}]}', "NaN"),
])
def test_broken_whisper_json_is_one_line_exit_2(tmp_path, content, message):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    line = one_line(companion("align", EXAMPLES / "episode.zh.txt", "--transcript", path, "--out", tmp_path / "o"))
    assert message in line
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("option", ["--transcript", "--english-text"])
def test_a_pdf_given_for_the_english_is_named_as_one(tmp_path, option):
    pdf = tmp_path / "episode.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    audio = ["--audio", EXAMPLES / "episode.mp3"] if option == "--english-text" else []
    line = one_line(companion("align", EXAMPLES / "episode.zh.txt", *audio, option, pdf, "--out", tmp_path / "o"))
    assert "is a PDF document: save it as text" in line
    assert not (tmp_path / "o").exists()


@pytest.fixture(scope="module")
def episodes(tmp_path_factory) -> list[Path]:
    """The example episode in the containers people pass around (encoders every ffmpeg build has), and a bare MP3."""
    from media.ffmpeg import run_ffmpeg

    folder = tmp_path_factory.mktemp("episodes")
    source = str(EXAMPLES / "episode.mp3")
    made = []
    for name, codec in (("a.m4a", ["-c:a", "aac"]), ("a.wav", []), ("a.flac", []), ("a.ogg", ["-c:a", "flac"]),
                        ("a.mkv", ["-c:a", "flac"]), ("bare.mp3", ["-c:a", "copy", "-write_xing", "0", "-id3v2_version", "0"])):
        run_ffmpeg("-i", source, "-t", "2", *codec, str(folder / name))
        made.append(folder / name)
    return [EXAMPLES / "episode.mp3", *made]


@pytest.mark.parametrize("role", ["article", "--transcript", "--english-text"])
def test_the_episode_given_for_a_text_is_named_as_audio_with_where_it_goes(tmp_path, episodes, role):
    """`align episode.mp3 --transcript …`, `--transcript episode.m4a`: not 'not UTF-8 text' but what the file is."""
    for audio in episodes:
        if role == "article":
            args = [audio, "--transcript", EXAMPLES / "episode.en.vtt"]
        elif role == "--transcript":
            args = [EXAMPLES / "episode.zh.txt", "--transcript", audio]
        else:
            args = [EXAMPLES / "episode.zh.txt", "--audio", EXAMPLES / "episode.mp3", "--english-text", audio]
        line = one_line(companion("align", *args, "--out", tmp_path / "o"))
        what = {"article": "article", "--transcript": "transcript", "--english-text": "English text"}[role]
        assert line == f"companion: error: {audio} is an audio or video file, not the {what}; the episode goes to --audio"
        assert not (tmp_path / "o").exists()


def test_control_characters_never_reach_a_subtitle(tmp_path):
    article = EXAMPLES.joinpath("episode.zh.txt").read_text(encoding="utf-8").replace("旧磁带", "旧\x00磁\x1b带", 1)
    vtt = EXAMPLES.joinpath("episode.en.vtt").read_text(encoding="utf-8").replace("tapes", "ta\x00pes", 1)
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "t.vtt").write_text(vtt, encoding="utf-8")
    result = companion("align", tmp_path / "a.txt", "--transcript", tmp_path / "t.vtt", "--out", tmp_path / "o",
                       "--name", "ep")
    assert result.exit_code == 0 and "removed 3 control characters" in result.stdout
    for path in (tmp_path / "o").iterdir():
        if path.suffix in (".vtt", ".srt"):
            assert not re.search(r"[\x00-\x08\x0b-\x1f]", path.read_text(encoding="utf-8")), path.name
    report = json.loads((tmp_path / "o" / "ep.alignment.json").read_text(encoding="utf-8"))
    assert report["summary"]["control_characters_removed"] == 3
    assert "旧磁带" in (tmp_path / "o" / "ep.zh.vtt").read_text(encoding="utf-8").replace("\n", "")


# --- hand-edited reports ----------------------------------------------------------------------

def edited(aligned: Path, tmp_path: Path, change) -> Path:
    report = json.loads((aligned / "ep.alignment.json").read_text(encoding="utf-8"))
    change(report)
    path = tmp_path / "edited.alignment.json"
    path.write_text(json.dumps(report, ensure_ascii=False) if isinstance(report, dict) else report,
                    encoding="utf-8")
    return path


def first_timed(report: dict) -> dict:
    return next(s for p in report["paragraphs"] for s in p["sentences"] if s["start"] is not None)


@pytest.mark.parametrize("change, message", [
    (lambda r: first_timed(r).update(start="12.5"), "sentence 0: start: expected a number, found str"),
    (lambda r: first_timed(r).update(confidence=None), "confidence: expected a number, found null"),
    (lambda r: first_timed(r).update(start=10 ** 300), "is outside"),
    (lambda r: first_timed(r).update(end=first_timed(r)["start"]), "is not after start"),
    (lambda r: r["paragraphs"][3]["sentences"][0].update(start=0.5, end=1.0), "starts must not go backwards"),
    (lambda r: r.update(duration=-1), "duration: -1 is outside"),
    (lambda r: r["paragraphs"][2].update(chapter=9), "chapter 9 is not one of"),
    (lambda r: r["paragraphs"][2].update(colour="red"), "unknown key 'colour'"),
    (lambda r: r["paragraphs"].pop(1), "index is 2, expected 1"),
])
@pytest.mark.parametrize("command", ["chapters", "preview"])
def test_bad_edits_are_named_in_one_line(aligned, tmp_path, change, message, command):
    path = edited(aligned, tmp_path, change)
    args = ["-f", "vtt"] if command == "chapters" else ["--audio", EXAMPLES / "episode.mp3", "-o", tmp_path / "page"]
    line = one_line(companion(command, path, *args))
    assert message in line and "edited.alignment.json" in line
    assert not (tmp_path / "page").exists()


def test_infinity_in_a_report_is_refused(aligned, tmp_path):
    path = tmp_path / "inf.alignment.json"
    path.write_text((aligned / "ep.alignment.json").read_text(encoding="utf-8")
                    .replace('"duration": ', '"duration": Infinity, "x": ', 1), encoding="utf-8")
    assert "Infinity is not a number" in one_line(companion("chapters", path, "-f", "json"))


def test_a_report_nested_too_deeply_is_refused(tmp_path):
    path = tmp_path / "deep.alignment.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested too deeply" in one_line(companion("render", path, "--transcript", EXAMPLES / "episode.en.vtt",
                                                     "--out", tmp_path / "o"))
    assert not (tmp_path / "o").exists()


def test_missing_title_and_summary_are_fine(aligned, tmp_path):
    path = edited(aligned, tmp_path, lambda r: [r.pop("title"), r.pop("summary"), r.pop("unaligned")])
    result = companion("chapters", path, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["chapters"]


# --- audio files checked by content -----------------------------------------------------------

def test_id3_refuses_a_text_file_named_mp3(aligned, tmp_path):
    fake = tmp_path / "fake.mp3"
    fake.write_text("not audio at all\n" * 20)
    assert "not an MP3" in one_line(companion("chapters", aligned / "ep.alignment.json", "-f", "id3", "--audio", fake))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake.mp3"]


def test_id3_names_a_damaged_tag_as_such_and_writes_nothing(aligned, tmp_path):
    audio = tmp_path / "ep 1.mp3"
    data = bytearray(EXAMPLES.joinpath("episode.mp3").read_bytes())
    assert data[:3] == b"ID3"
    data[6:10] = b"\xff\xff\xff\xff"  # a tag size that is not syncsafe
    audio.write_bytes(data)
    line = one_line(companion("chapters", aligned / "ep.alignment.json", "-f", "id3", "--audio", audio))
    assert "ID3 tag cannot be read" in line and "ffmpeg -i 'ep 1.mp3'" in line and "not an MP3" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep 1.mp3"] and audio.read_bytes() == data


def test_in_place_refuses_a_read_only_file_and_keeps_a_writable_ones_mode(aligned, tmp_path):
    audio = tmp_path / "ep.mp3"
    shutil.copy(EXAMPLES / "episode.mp3", audio)
    before = audio.read_bytes()
    audio.chmod(0o444)
    line = one_line(companion("chapters", aligned / "ep.alignment.json", "-f", "id3", "--audio", audio, "--in-place"),
                    3)
    assert "read-only" in line and audio.read_bytes() == before and stat.S_IMODE(audio.stat().st_mode) == 0o444
    audio.chmod(0o640)
    result = companion("chapters", aligned / "ep.alignment.json", "-f", "id3", "--audio", audio, "--in-place")
    assert result.exit_code == 0 and result.stdout.strip() == f"wrote {audio}"
    assert stat.S_IMODE(audio.stat().st_mode) == 0o640 and audio.read_bytes() != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.mp3"]


# --- the command line's manners ---------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["align"], "Missing argument 'ARTICLE'"),
    (["align", "a.txt", "--order", "up"], "'up' is not one of 'en-zh', 'zh-en'"),
    (["align", "a.txt", "--force", "true"], "unexpected extra argument (true)"),
    (["align", "a.txt", "--colour"], "No such option '--colour'"),
    (["chapters", "r.json", "-f", "mkv"], "'mkv' is not one of"),
    (["align", "missing.txt", "--transcript", "x.vtt"], "article not found: missing.txt"),
])
def test_usage_errors_are_one_line(args, message):
    assert message in one_line(companion(*args))


def test_help_reads_as_ordinary_click_help():
    text = companion("align", "--help").stdout
    assert "Usage: companion align [OPTIONS] ARTICLE" in text
    assert "--force " in text and "<bool>" not in text and "{" not in text
    assert "[en-zh|zh-en]" in text or "en-zh" in text


def test_results_on_stdout_each_file_once_progress_on_stderr(tmp_path):
    result = companion("align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt",
                       "--audio", EXAMPLES / "episode.mp3", "--out", tmp_path, "--name", "ep")
    assert result.exit_code == 0
    written = [line.removeprefix("wrote ") for line in result.stdout.splitlines() if line.startswith("wrote ")]
    assert sorted(Path(p).name for p in written) == sorted(p.name for p in tmp_path.iterdir())
    assert len(written) == len(set(written))
    assert result.stdout.startswith("aligned 15/15 paragraphs")
    assert "[1/4] finding speech in the audio" in result.stderr and "aligned" not in result.stderr
    report = json.loads((tmp_path / "ep.alignment.json").read_text(encoding="utf-8"))
    chapters = json.loads((tmp_path / "ep.chapters.json").read_text(encoding="utf-8"))["chapters"]
    assert report["duration"] == pytest.approx(210.7, abs=0.1)  # the audio's length, not the transcript's end
    assert chapters[-1]["endTime"] == report["duration"]


@pytest.mark.parametrize("command, both", [(["align", "--transcript", EXAMPLES / "episode.en.vtt"], False),
                                           (["align", "--transcript", EXAMPLES / "episode.en.vtt"], True),
                                           (["inspect"], False), (["inspect", "--json"], False)])
def test_a_reader_that_leaves_early_is_no_failure(tmp_path, command, both):
    """`companion align … | head -1` (and `2>&1 | head -1`, progress too): the output is a pipe nobody reads
    any more. The work is done and the exit code is the command's own (0), not 1, which means "not trusted":
    Click and rich turn a broken pipe into exit 1 unless the command handles it, and a progress line that
    could not be written stopped the alignment before it wrote anything."""
    import os
    import subprocess
    import sys

    args = [command[0], EXAMPLES / "episode.zh.txt", *command[1:]]
    if command[0] == "align":
        args += ["--out", tmp_path, "--name", "ep"]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a line is written: every write fails with EPIPE
    try:
        done = subprocess.run([sys.executable, "-m", "companion", *args], stdout=write,
                              stderr=write if both else subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert both or ("Traceback" not in done.stderr and "error" not in done.stderr)
    if command[0] == "align":
        assert (tmp_path / "ep.alignment.json").exists() and (tmp_path / "ep.bilingual.vtt").exists()


def test_progress_off_a_terminal_says_every_tenth():
    stream = io.StringIO()
    progress = _Lines(stream, 2)
    progress("recognising", total=100.0)
    for done in range(0, 101, 5):
        progress.update(float(done))
    progress("writing")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "companion: [1/2] recognising" and lines[-1] == "companion: [2/2] writing"
    assert [re.search(r"(\d+)%", line).group(1) for line in lines[1:-1]] == [str(k) for k in range(10, 100, 10)]
    assert all("left" in line for line in lines[1:-1])


def test_transcribe_refuses_an_unusable_out_before_recognising(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    result = companion("transcribe", EXAMPLES / "episode.mp3", "--out", blocker, "--quiet")
    assert "is a file" in one_line(result)


# --- articles ---------------------------------------------------------------------------------

SEED_LIKE = """访谈：一位录音修复师的十年

导语：我们和她聊了聊旧磁带。

早年经历
主持人：你是怎么开始的？
嘉宾：我从小就喜欢收音机。那时候家里有一台很旧的机器。

今天的工作
嘉宾：现在我每天修复旧录音。很多录音只剩下一份拷贝。
请备注:姓名-学校/公司-方向(如:小王-某大学-音频)即可申请加入读者交流群
技术交流群邀请函
△长按添加小助手
关于我们
本号是一个关注声音的社区，欢迎关注我们。
"""


def test_closing_invitations_are_boilerplate_not_body():
    article = parse_article(SEED_LIKE)
    assert [c.title for c in article.chapters] == ["早年经历", "今天的工作"]
    assert article.chapters[-1].paragraphs[-1].text == "现在我每天修复旧录音。很多录音只剩下一份拷贝。"
    assert any("请备注" in s.text for s in article.skipped)


@pytest.mark.skipif(not SEED.exists(), reason="the seed article lives in ../shared, outside the repository")
def test_the_seed_has_exactly_its_six_chapters_and_no_boilerplate_inside():
    article = read_article(str(SEED))
    assert len(article.chapters) == 6 and all(len(c.paragraphs) == 1 for c in article.chapters)
    body = "".join(p.text for p in article.paragraphs)
    assert not re.search(r"请备注|交流群|扫码|二维码|小助手", body)


@pytest.mark.parametrize("text", ["我计算5*3，再按等号。", "公式(e1*e2)*e3成立。", "规则(SUPERVISOR ?X ?Z)表示上级。",
                                  "“**引用**”后面还有字。"])
def test_markdown_keeps_every_character_that_is_not_markup(text):
    article = parse_article(f"# 标题\n\n## 一节\n\n{text}\n", fmt="markdown")
    paragraph = article.chapters[0].paragraphs[0]
    assert paragraph.text == text.replace("**", "")
    assert len(paragraph.sentences) == 1


def test_inspect_says_one_sentence():
    article_text = "# 标题\n\n## 一节\n\n只有一句话。\n"
    assert "(1 sentence)" in companion("inspect", "-", input=article_text).stdout
