"""The companion page, driven in headless Chromium: loads cleanly, shows everything, seeks, escapes."""

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from helpers import companion


@pytest.fixture(scope="module")
def episode(tmp_path_factory):
    """The example aligned, plus a tone as long as the episode to play."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg not installed (Debian package 'ffmpeg'; .ci/run installs it)")
    examples = Path(__file__).resolve().parent.parent / "examples"
    folder = tmp_path_factory.mktemp("episode")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=210",
                    "-b:a", "32k", str(folder / "ep.mp3")], check=True)
    result = companion(*["align", str(examples / "episode.zh.txt"), "--transcript",
                                      str(examples / "episode.en.vtt"), "--audio", str(folder / "ep.mp3"),
                                      "--out", str(folder), "--name", "ep", "--quiet", "--preview"])
    assert result.exit_code == 0, result.output
    return folder


def open_page(browser, page: Path):
    browser.get(page.as_uri())
    deadline = time.time() + 10
    while time.time() < deadline:
        ready = browser.execute_script(
            "const p = document.getElementById('player'); const t = p.textTracks;"
            "return p.readyState >= 1 && t.length == 2 && t[1].cues && t[1].cues.length > 0;")
        if ready:
            return
        browser.execute_script("document.getElementById('chapters-track').track.mode = 'hidden';")
        time.sleep(0.1)
    raise AssertionError("the page's player and tracks did not load")


def test_page_loads_without_console_errors_and_shows_everything(browser, episode):
    report = json.loads((episode / "ep.alignment.json").read_text(encoding="utf-8"))
    open_page(browser, episode / "ep.preview" / "index.html")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    shown_chapters = browser.execute_script("return document.querySelectorAll('#chapters .chapter').length")
    timed = [s for p in report["paragraphs"] for s in p["sentences"] if s["start"] is not None]
    all_sentences = [s for p in report["paragraphs"] for s in p["sentences"]]
    assert shown_chapters == len(report["chapters"]) + 1  # + the intro chapter
    assert browser.execute_script("return document.querySelectorAll('.sentence[data-start]').length") == len(timed)
    assert browser.execute_script("return document.querySelectorAll('.sentence').length") == len(all_sentences)
    cues = browser.execute_script("return Array.from(document.getElementById('chapters-track').track.cues)"
                                  ".map(c => c.text)")
    assert cues == ["开场"] + [c["title"] for c in report["chapters"]]


def test_clicking_a_sentence_or_chapter_seeks(browser, episode):
    open_page(browser, episode / "ep.preview" / "index.html")
    sentence = browser.find_elements("css selector", ".sentence[data-start]")[12]
    start = float(sentence.get_attribute("data-start"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", sentence)
    sentence.click()
    assert browser.execute_script("return document.getElementById('player').currentTime") == pytest.approx(start, abs=0.1)
    time.sleep(0.3)
    assert "current" in sentence.get_attribute("class")
    chapter = browser.find_elements("css selector", "#chapters .chapter")[2]
    chapter.click()
    assert browser.execute_script("return document.getElementById('player').currentTime") == \
        pytest.approx(float(chapter.get_attribute("data-start")), abs=0.1)


def test_keyboard_moves_between_sentences(browser, episode):
    open_page(browser, episode / "ep.preview" / "index.html")
    starts = [float(s.get_attribute("data-start")) for s in browser.find_elements("css selector", ".sentence[data-start]")]
    body = browser.find_element("css selector", "body")
    browser.execute_script(f"document.getElementById('player').currentTime = {starts[5] + 0.1}")
    time.sleep(0.2)
    body.send_keys("\ue014")  # ArrowRight
    assert browser.execute_script("return document.getElementById('player').currentTime") == pytest.approx(starts[6], abs=0.1)
    body.send_keys("\ue012")  # ArrowLeft
    assert browser.execute_script("return document.getElementById('player').currentTime") == pytest.approx(starts[5], abs=0.1)


def test_doubtful_filter(browser, episode, tmp_path):
    report = json.loads((episode / "ep.alignment.json").read_text(encoding="utf-8"))
    report["paragraphs"][3]["sentences"][0]["confidence"] = 0.3
    path = tmp_path / "ep.alignment.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    result = companion(*["preview", str(path), "--audio", str(episode / "ep.mp3")])
    assert result.exit_code == 0, result.output
    open_page(browser, tmp_path / "ep.preview" / "index.html")
    browser.find_element("id", "only-doubtful").click()
    visible = browser.execute_script("return Array.from(document.querySelectorAll('.sentence'))"
                                     ".filter(s => s.offsetParent !== null).map(s => s.className)")
    assert visible and all("doubtful" in c for c in visible)
    assert len(visible) == 1 + 3  # the doubtful sentence and the unaligned lead-in's three


def test_untrusted_text_is_shown_as_text(browser, episode, tmp_path):
    report = json.loads((episode / "ep.alignment.json").read_text(encoding="utf-8"))
    attack = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">"
    report["title"] = attack
    report["chapters"][0]["title"] = attack
    report["paragraphs"][1]["sentences"][0]["text"] = attack
    report["paragraphs"][1]["sentences"][0]["english"] = attack
    path = tmp_path / "ep.alignment.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    assert companion(*["preview", str(path), "--audio", str(episode / "ep.mp3")]).exit_code == 0
    open_page(browser, tmp_path / "ep.preview" / "index.html")
    assert browser.execute_script("return window.pwned") is None
    texts = browser.execute_script("return Array.from(document.querySelectorAll('.sentence .zh')).map(e => e.textContent)")
    assert attack in texts
    assert attack in browser.execute_script("return document.querySelector('h1').textContent")
    assert any(attack in t for t in browser.execute_script(
        "return Array.from(document.querySelectorAll('#chapters .chapter')).map(e => e.textContent)"))


def test_preview_needs_audio(tmp_path):
    examples = Path(__file__).resolve().parent.parent / "examples"
    result = companion(*["align", str(examples / "episode.zh.txt"), "--transcript",
                                      str(examples / "episode.en.vtt"), "--out", str(tmp_path), "--preview"])
    assert result.exit_code == 2 and "--audio" in result.stderr
    assert not any(tmp_path.iterdir())


def test_phone_width_has_no_sideways_scrolling(browser, episode):
    browser.set_window_size(390, 844)
    open_page(browser, episode / "ep.preview" / "index.html")
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    columns = browser.execute_script("return getComputedStyle(document.querySelector('main')).gridTemplateColumns")
    assert len(columns.split()) == 1  # chapters above the transcript, not beside it
