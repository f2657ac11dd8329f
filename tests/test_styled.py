"""The styled bilingual track (STEM.bilingual.ass): read back by pysubs2, drawn by libass with the
Simplified Chinese face."""

import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pysubs2
import pytest

from helpers import companion

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def ass(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ass")
    result = companion("align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt",
                       "--out", out, "--name", "ep", "--quiet")
    assert result.exit_code == 0
    return out / "ep.bilingual.ass"


def test_ass_holds_every_chinese_character_once_in_order_with_a_style_per_language(ass):
    subs = pysubs2.load(str(ass))
    assert set(subs.styles) >= {"ZH", "EN"} and subs.styles["ZH"].fontname.endswith(("SC", "YaHei"))
    zh_vtt = re.sub(r"<[^>]+>", "", (ass.parent / "ep.zh.vtt").read_text(encoding="utf-8"))
    chinese = lambda text: "".join(re.findall(r"[\u4e00-\u9fff]", text))
    assert chinese("".join(e.text for e in subs.events)) == chinese(zh_vtt)
    assert all(e.end > e.start for e in subs.events)
    assert all(a.end <= b.start for a, b in zip(subs.events, subs.events[1:]))
    english_first = [e for e in subs.events if "{\\rZH}" in e.text]
    assert english_first and all(e.text.index("{\\rEN}") < e.text.index("{\\rZH}") for e in english_first)


def test_libass_draws_chinese_with_the_simplified_chinese_face(ass, tmp_path):
    if not shutil.which("ffmpeg") or not shutil.which("fc-list"):
        pytest.skip("ffmpeg and fontconfig are needed (.ci/run installs ffmpeg and fonts-noto-cjk)")
    if "Noto Sans CJK SC" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout:
        pytest.skip("the font Noto Sans CJK SC is not installed (Debian fonts-noto-cjk; .ci/run installs it)")
    log = subprocess.run(["ffmpeg", "-loglevel", "verbose", "-y", "-f", "lavfi", "-i", "color=c=gray:s=1280x720:d=30",
                          "-ss", "26", "-vf", f"subtitles={ass}", "-frames:v", "1", str(tmp_path / "frame.png")],
                         capture_output=True, text=True)
    assert log.returncode == 0, log.stderr[-500:]
    chosen = [line for line in log.stderr.splitlines() if "fontselect" in line and "CJK" in line]
    assert chosen and all("NotoSansCJKsc" in line for line in chosen), chosen
    assert (tmp_path / "frame.png").stat().st_size > 10_000


def test_cues_past_ten_hours_are_left_out_of_the_ass_and_said_so(tmp_path):
    """An ASS time has one digit of hours: a cue from 10:00:00 on is left out, not clamped onto 9:59:59.99 with a
    library's warning on stderr, and the note says how many the VTT holds alone."""
    start = 10 * 3600 - 4
    (tmp_path / "t.vtt").write_text("WEBVTT\n\n09:59:56.000 --> 09:59:59.000\nThe tapes are old.\n\n"
                                    "09:59:59.000 --> 10:00:03.000\nThey break when you play them.\n\n"
                                    "10:00:03.000 --> 10:00:06.000\nSo we copy them first.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("旧磁带很旧。播放的时候会断。所以我们先复制它们。\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # pysubs2's clamping warning would end the run
        result = companion("align", tmp_path / "a.txt", "--transcript", tmp_path / "t.vtt", "--out", tmp_path / "o")
    assert result.exit_code in (0, 1), result.stderr
    events = pysubs2.load(str(tmp_path / "o" / "a.bilingual.ass")).events
    vtt = (tmp_path / "o" / "a.bilingual.vtt").read_text(encoding="utf-8")
    assert "10:00:03.000 -->" in vtt and [e.start for e in events] == [start * 1000, (start + 3) * 1000]
    assert events[-1].end == 10 * 3600 * 1000 - 10
    assert "a.bilingual.ass leaves out the last 1 cue(s)" in result.stdout
