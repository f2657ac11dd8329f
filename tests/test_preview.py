"""The companion page, driven in headless Chromium: loads cleanly, shows everything, seeks, escapes."""

import json
import re
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
    assert browser.execute_script("return document.querySelectorAll('.passage').length") == 2  # sponsor read, outro
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


def test_the_phones_chapter_list_shows_the_chapter_playing(browser, episode):
    """On a phone the chapters are a drop-down; as playback moves into a chapter, it shows that chapter (the side
    list's highlight on wide screens), without seeking."""
    open_page(browser, episode / "ep.preview" / "index.html")
    starts = [float(c.get_attribute("data-start")) for c in browser.find_elements("css selector", "#chapters .chapter")]
    for k in (2, 1):
        browser.execute_script(f"document.getElementById('player').currentTime = {starts[k] + 1.0}")
        time.sleep(0.3)
        assert browser.execute_script("return document.getElementById('chapter-select').selectedIndex") == k
        assert browser.execute_script("return document.getElementById('player').currentTime") == \
            pytest.approx(starts[k] + 1.0, abs=0.1)


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
    long = report["paragraphs"][3]["sentences"][0]["text"].rstrip("。") * 12 + "。"  # as unpunctuated articles give
    report["paragraphs"][3]["sentences"][0]["text"] = long
    path = tmp_path / "ep.alignment.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    result = companion(*["preview", str(path), "--audio", str(episode / "ep.mp3")])
    assert result.exit_code == 0, result.output
    open_page(browser, tmp_path / "ep.preview" / "index.html")
    browser.find_element("css selector", "#check summary").click()
    browser.find_element("id", "only-doubtful").click()
    visible = browser.execute_script("return Array.from(document.querySelectorAll('main .sentence'))"
                                     ".filter(s => s.offsetParent !== null).map(s => s.className)")
    assert len(visible) == 1 and "doubtful" in visible[0]  # the lead-in is not a failure: it stays hidden
    listed = browser.execute_script("return Array.from(document.querySelectorAll('#check .problems li'))"
                                    ".map(e => e.textContent)")
    assert len(listed) == 1
    assert len(long) > 100 and long[:60] + "…" in listed[0] and long not in listed[0]  # the transcript has it whole
    assert long in browser.execute_script("return document.querySelector('main .sentence.doubtful').textContent")


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
    texts = browser.execute_script("return Array.from(document.querySelectorAll('.sentence')).map(e => e.textContent)")
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


@pytest.mark.parametrize("width, height", [(1400, 1000), (390, 844)])
def test_no_sideways_scrolling_and_the_transcript_in_the_first_screen(browser, episode, width, height):
    open_without_sideways_scrolling(browser, episode / "ep.preview" / "index.html", width, height)
    first = browser.execute_script("""
        const r = document.querySelector('.para.timed .zh').getBoundingClientRect();
        return [r.top, r.bottom, window.innerHeight];""")
    assert first[0] >= 0 and first[0] < first[2] - 40, first  # the first transcript lines show without scrolling
    columns = browser.execute_script("return getComputedStyle(document.querySelector('.layout')).gridTemplateColumns")
    assert len(columns.split()) == (2 if width > 760 else 1)


@pytest.fixture(scope="module")
def long_words(episode, tmp_path_factory):
    """The example with a heading that is one long unbroken token (a web address), as articles quote them."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    folder = tmp_path_factory.mktemp("long_words")
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    article = folder / "ep.zh.txt"
    article.write_text(text.replace("修复一段录音需要什么", "修复指南：https://example.com/" + "archive_tape_restoration_" * 4),
                       encoding="utf-8")
    result = companion(*["align", str(article), "--transcript", str(examples / "episode.en.vtt"), "--audio",
                         str(episode / "ep.mp3"), "--out", str(folder), "--name", "ep", "--quiet", "--preview"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("width, height", [(1400, 1000), (390, 844)])
def test_a_long_unbroken_heading_wraps_instead_of_running_off_the_page(browser, long_words, width, height):
    open_without_sideways_scrolling(browser, long_words / "ep.preview" / "index.html", width, height)
    clipped = browser.execute_script("""
        return Array.from(document.querySelectorAll('main h2, #chapters .chapter'))
            .filter(e => e.textContent.includes('example.com') && e.scrollWidth > e.clientWidth + 1)
            .map(e => e.tagName);""")
    assert clipped == []


@pytest.mark.parametrize("width", [320, 390])
def test_no_control_breaks_its_label_over_two_lines_on_a_small_phone(browser, episode, width):
    open_without_sideways_scrolling(browser, episode / "ep.preview" / "index.html", width, 640)
    heights = browser.execute_script(
        "return Array.from(document.querySelectorAll('.controls button')).map(b => b.getBoundingClientRect().height)")
    assert len(heights) >= 5 and max(heights) - min(heights) < 2  # 中文 used to stand as 中 over 文 at 320 px


def open_without_sideways_scrolling(browser, page: Path, width: int, height: int) -> None:
    set_size(browser, width, height)
    open_page(browser, page)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def set_size(browser, width: int, height: int) -> None:
    browser.set_window_size(width, height)
    inner = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    browser.set_window_size(width + (width - inner[0]), height + (height - inner[1]))


def test_speaker_named_once_per_turn(browser, episode):
    open_page(browser, episode / "ep.preview" / "index.html")
    heads = browser.execute_script("return Array.from(document.querySelectorAll('main .turn-head .speaker'))"
                                   ".map(e => e.textContent)")
    # the sponsor read (the transcript's `Sam`, by the article's name for him), then the interview's turns
    assert heads[:4] == ["主持人", "主持人", "Lena", "主持人"]
    assert all(a != b for a, b in zip(heads[1:], heads[2:]))  # a name opens a turn once
    assert browser.execute_script("return document.querySelectorAll('.sentence .speaker').length") == 0


@pytest.mark.parametrize("query, expected", [("磁带", "磁带"), ("grandfather", "grandfather")])
def test_search_in_both_languages_seeks(browser, episode, query, expected):
    open_page(browser, episode / "ep.preview" / "index.html")
    box = browser.find_element("id", "search")
    box.send_keys(query)
    hits = browser.find_elements("css selector", "#hits .hit")
    assert hits and all(expected in h.text for h in hits)
    hits[0].click()
    assert browser.execute_script("return document.getElementById('player').currentTime") == \
        pytest.approx(float(hits[0].get_attribute("data-start")), abs=0.1)


def test_speed_and_skips(browser, episode):
    open_page(browser, episode / "ep.preview" / "index.html")
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "speed")).select_by_value("1.5")
    assert browser.execute_script("return document.getElementById('player').playbackRate") == 1.5
    browser.execute_script("document.getElementById('player').currentTime = 30")
    browser.find_element("id", "forward").click()
    assert browser.execute_script("return document.getElementById('player').currentTime") == pytest.approx(45, abs=0.2)
    browser.find_element("css selector", "body").send_keys("j")
    assert browser.execute_script("return document.getElementById('player').currentTime") == pytest.approx(30, abs=0.2)


def test_language_view_is_remembered(browser, episode):
    open_page(browser, episode / "ep.preview" / "index.html")
    browser.find_element("css selector", "[data-view='en']").click()
    assert not browser.execute_script("return document.querySelector('.para.timed .zh').offsetParent")
    open_page(browser, episode / "ep.preview" / "index.html")
    assert "view-en" in browser.find_element("css selector", "body").get_attribute("class")
    browser.find_element("css selector", "[data-view='both']").click()


def test_dark_mode_follows_the_system(browser, episode):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        open_page(browser, episode / "ep.preview" / "index.html")
        background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(13, 17, 23)"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_review_mode_edits_survive_a_reload_and_export_only_the_edit(browser, episode):
    open_page(browser, episode / "ep.preview" / "index.html")
    browser.execute_script("localStorage.clear()")
    open_page(browser, episode / "ep.preview" / "index.html")
    browser.find_element("id", "review-toggle").click()
    sentence = browser.find_elements("css selector", ".sentence[data-start]")[8]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", sentence)
    sentence.click()
    identity = sentence.get_attribute("data-id")
    original = float(sentence.get_attribute("data-start"))
    browser.execute_script(f"document.getElementById('player').currentTime = {original + 0.4}")
    time.sleep(0.2)
    browser.find_element("css selector", "body").send_keys("s")
    assert float(sentence.get_attribute("data-start")) == pytest.approx(original + 0.4, abs=0.05)
    open_page(browser, episode / "ep.preview" / "index.html")  # a reload keeps the edit
    again = browser.find_element("css selector", f".sentence[data-id='{identity}']")
    assert float(again.get_attribute("data-start")) == pytest.approx(original + 0.4, abs=0.05)
    browser.find_element("id", "review-toggle").click()
    browser.execute_script("window.__blob = null; const make = URL.createObjectURL;"
                           "URL.createObjectURL = (b) => { window.__blob = b; return make(b); };")
    browser.find_element("id", "export").click()
    exported = json.loads(browser.execute_async_script("arguments[0](await window.__blob.text())"))
    report = json.loads((episode / "ep.alignment.json").read_text(encoding="utf-8"))
    p, k = map(int, identity.split("."))
    assert exported["paragraphs"][p]["sentences"][k]["start"] == pytest.approx(original + 0.4, abs=0.05)
    exported["paragraphs"][p]["sentences"][k]["start"] = report["paragraphs"][p]["sentences"][k]["start"]
    assert exported == report  # nothing else changed
    browser.execute_script("localStorage.clear()")


def test_accessibility_has_no_serious_violations(browser, episode):
    axe = next((p for p in (Path(__file__).resolve().parent.parent / ".ci-node" / "node_modules" / "axe-core" /
                            "axe.min.js",) if p.exists()), None)
    if axe is None:
        pytest.skip("axe-core is not installed (npm install --prefix .ci-node axe-core; .ci/run does it)")
    for width, height in ((1400, 1000), (390, 844)):
        set_size(browser, width, height)
        open_page(browser, episode / "ep.preview" / "index.html")
        browser.execute_script(axe.read_text(encoding="utf-8"))
        results = browser.execute_async_script("axe.run(document).then(r => arguments[0](r.violations))")
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in results if v["impact"] in ("serious", "critical")]
        assert bad == [], bad


def test_the_reports_notes_and_warning_are_shown_in_the_alignment_check(browser, episode, tmp_path):
    report = json.loads((episode / "ep.alignment.json").read_text(encoding="utf-8"))
    report["notes"] = ["the English has no sentence punctuation <b>and</b> no word times"]
    report["warning"] = "too little evidence that this article translates this transcript"
    path = tmp_path / "ep.alignment.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    assert companion(*["preview", str(path), "--audio", str(episode / "ep.mp3")]).exit_code == 0
    open_page(browser, tmp_path / "ep.preview" / "index.html")
    browser.find_element("css selector", "#check summary").click()
    shown = browser.execute_script("return Array.from(document.querySelectorAll('#check .notes li'))"
                                   ".filter(e => e.offsetParent !== null).map(e => e.textContent)")
    assert shown == [report["warning"], report["notes"][0]]


def test_english_that_sentences_share_is_shown_once_in_their_paragraph():
    from companion.preview.build import _joined

    shared = "My guest today is Lena Park, who has spent twenty years bringing"
    assert _joined([f"Welcome back. I'm Sam Rivera. {shared}", f"{shared} old radio recordings back to life."]) == \
        f"Welcome back. I'm Sam Rivera. {shared} old radio recordings back to life."
    assert _joined(["It is.", "It is."]) == "It is."  # two Chinese sentences rendering one English one
    assert _joined(["And I said no", "no way to know."]) == "And I said no no way to know."  # a word said twice stays


def test_the_articles_own_english_paragraphs_are_left_off_the_page():
    """A bilingual article's English paragraphs: the Chinese after them shows that English, timed, already."""
    from dataclasses import replace

    from companion.preview.build import _paragraph, _transcript
    from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

    english = ParagraphSpan(0, 0, [SentenceSpan("Play is the glue that binds us.", None, None, None, 0.0, False, "")],
                            editorial=True, english=True)
    chinese = ParagraphSpan(1, 0, [SentenceSpan("玩乐是把我们粘在一起的胶水。", None, 3.0, 5.0, 0.97, True,
                                                "Play is the glue that binds us.")])
    assert _paragraph(english) == ""
    assert "玩乐" in _paragraph(chinese) and "Play is the glue" in _paragraph(chinese)
    page = _transcript(Alignment("t", 60.0, [replace(english, chapter=None), chinese], ["第一部分"]), [])
    assert "Lead-in" not in page  # no empty lead-in box for an English paragraph before the first heading


def test_a_translated_opening_before_the_first_heading_is_shown_as_the_intro_not_as_a_lead_in():
    from companion.preview.build import _transcript
    from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

    def para(index, chapter, start, editorial=False):
        return ParagraphSpan(index, chapter, [SentenceSpan("我们开始吧。", None, start, None if start is None else start + 2,
                                                           0.9 if start is not None else 0.0, start is not None)],
                             editorial=editorial)

    timed = _transcript(Alignment("t", 60.0, [para(0, None, 0.0), para(1, 0, 10.0)], ["第一部分"]), [])
    editorial = _transcript(Alignment("t", 60.0, [para(0, None, None, True), para(1, 0, 10.0)], ["第一部分"]), [])
    assert "开场 Intro" in timed and "导语 Lead-in" not in timed
    assert "导语 Lead-in" in editorial and "开场 Intro" not in editorial


def test_an_article_without_speakers_has_no_turn_heads():
    """With no one named, a turn head is a dash and a time the chapter's heading already gives."""
    from companion.preview.build import _transcript
    from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

    def para(index, speaker):
        return ParagraphSpan(index, 0, [SentenceSpan("我们开始吧。", speaker, 2.0 * index, 2.0 * index + 1, 0.9, True)])

    assert "turn-head" not in _transcript(Alignment("t", 60.0, [para(0, None), para(1, None)], ["第一部分"]), [])
    assert _transcript(Alignment("t", 60.0, [para(0, "主持人"), para(1, "Lena")], ["第一部分"]), []).count("turn-head") == 2


def test_a_guest_named_in_full_once_and_by_first_name_after_is_one_turn():
    """`Lena Park：` opens the guest's first answer and `Lena：` the next ones: one person, one name on the page."""
    from companion.preview.build import _transcript
    from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

    def para(index, speaker):
        return ParagraphSpan(index, 0, [SentenceSpan("我们开始吧。", speaker, 2.0 * index, 2.0 * index + 1, 0.9, True)])

    page = _transcript(Alignment("t", 60.0, [para(0, "Lena Park"), para(1, "主持人"), para(2, "Lena"), para(3, "Lena")],
                                 ["第一部分"]), [])
    assert page.count("turn-head") == 3
    assert '<span class="speaker">Lena Park</span>' in page and '<span class="speaker">Lena</span>' not in page


def test_a_speaker_change_inside_a_paragraph_opens_a_turn_of_its_own():
    """`Lena：谢谢你的邀请。主持人：我们从头说起吧。` is two turns: the host's question is headed by the host, not shown
    as the guest's, and its sentence keeps its place in the paragraph (data-id 0.1) for seeking and review."""
    from companion.preview.build import _transcript
    from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

    paragraph = ParagraphSpan(0, 0, [SentenceSpan("谢谢你的邀请。", "Lena", 1.0, 2.0, 0.9, True, english="Thanks."),
                                     SentenceSpan("我们从头说起吧。", "主持人", 2.5, 4.0, 0.9, True, english="Where to begin?")])
    page = _transcript(Alignment("t", 60.0, [paragraph], ["第一部分"]), [])
    assert re.findall(r'class="speaker">([^<]+)<', page) == ["Lena", "主持人"]
    guest, host = page.split('class="speaker">主持人<')
    assert "谢谢你的邀请" in guest and "Thanks." in guest and "Where to begin?" not in guest
    assert 'data-id="0.1"' in host and "我们从头说起吧" in host and "Where to begin?" in host


def test_untranslated_english_between_two_sentences_of_a_paragraph_is_shown_between_them():
    """English no sentence renders, said between a paragraph's two sentences (a skipped aside), stands between them on
    the page, in time order, not before the paragraph; the speaker's name heads the sentence after it again."""
    from companion.preview.build import Passage, _transcript
    from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

    paragraph = ParagraphSpan(0, 0, [SentenceSpan("谢谢你的邀请。", "Lena", 1.0, 2.0, 0.9, True, english="Thanks."),
                                     SentenceSpan("我们开始吧。", None, 9.0, 10.0, 0.9, True, english="Let's begin.")])
    aside = Passage(3.0, 8.0, "Quick word from our sponsor.")
    page = _transcript(Alignment("t", 60.0, [paragraph], ["第一部分"]), [aside])
    assert page.index("谢谢你的邀请") < page.index("Quick word from our sponsor.") < page.index("我们开始吧")
    assert re.findall(r'class="speaker">([^<]+)<', page) == ["Lena", "Lena"]
    assert 'data-id="0.1"' in page.split("Quick word from our sponsor.")[1]


def test_an_untranslated_passage_is_headed_by_the_articles_name_for_its_speaker():
    """The transcript calls the host `Sam`, the article `主持人`: his untranslated sponsor read is headed 主持人, as his
    translated turns are (one name per person on the page)."""
    from companion.preview.build import Passage, _transcript
    from companion.report.model import Alignment, ParagraphSpan, SentenceSpan

    paragraph = ParagraphSpan(0, 0, [SentenceSpan("欢迎回来。", "主持人", 9.0, 10.0, 0.9, True, english="Welcome back.")])
    report = Alignment("t", 60.0, [paragraph], ["第一部分"], speakers={"Sam": "主持人"})
    page = _transcript(report, [Passage(1.0, 8.0, "A word from our sponsor.", "Sam")])
    assert re.findall(r'class="speaker">([^<]+)<', page) == ["主持人", "主持人"]
