"""`companion align` on the example episode and variants of it: skips, omissions, truncation, mismatch."""

import json
import re
from pathlib import Path

import pytest
import webvtt

from companion.report.model import DOUBTFUL
from helpers import companion
from subtitles.linebreak import display_width

# The English words that open the turn each body paragraph of the example article translates.
OPENINGS = ["Welcome back to The Long Signal", "Thanks for having me", "It started with my grandfather",
            "So you taught yourself", "At first, yes", "Walk me through", "The first step is patience",
            "You bake the tapes", "And then the software", "Software helps", "Everyone is talking",
            "Enormously", "What would you tell", "Listen more than you edit", "Lena Park,"]


CHAPTERS = {"从收音机到修复工作室", "修复一段录音需要什么", "机器学习与未来"}


def cue_start(vtt: Path, opening: str) -> float:
    for c in webvtt.read(str(vtt)):
        if re.sub(r"<[^>]+>", "", c.text).startswith(opening[:20]):
            return c.start_time.in_milliseconds() / 1000
    raise AssertionError(opening)


def run(article: Path, transcript: Path, out: Path, *extra: str):
    result = companion(*["align", str(article), "--transcript", str(transcript), "--out", str(out),
                                      "--name", "ep", "--quiet", *extra])
    report = json.loads((out / "ep.alignment.json").read_text(encoding="utf-8")) if (out / "ep.alignment.json").exists() else None
    return result, report


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    examples = Path(__file__).resolve().parent.parent / "examples"
    out = tmp_path_factory.mktemp("out")
    result, report = run(examples / "episode.zh.txt", examples / "episode.en.vtt", out)
    return result, report, out, examples


def test_every_paragraph_starts_at_its_english_turn(example_run):
    result, report, _, examples = example_run
    assert result.exit_code == 0, result.output
    body = [p for p in report["paragraphs"] if p["chapter"] is not None]
    assert len(body) == len(OPENINGS)
    for p, opening in zip(body, OPENINGS):
        assert p["start"] == pytest.approx(cue_start(examples / "episode.en.vtt", opening), abs=0.5), p["text"]


def test_a_podcasting20_transcript_of_one_segment_per_word_aligns_as_its_subtitles_do(example_run, tmp_path):
    """The Podcasting 2.0 spec's JSON, as hosts generate it, gives each word a segment; read one by one, a
    sentence of twenty words was more segments than one Chinese sentence may take, and paragraphs landed
    anywhere. Each word here is timed by its share of its cue's characters, with the cue's speaker."""
    _, _, _, examples = example_run
    words = []
    for c in webvtt.read(str(examples / "episode.en.vtt")):
        start, end = c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000
        tokens = c.text.split()
        share = (end - start) / sum(len(t) + 1 for t in tokens)
        for t in tokens:
            words.append({"speaker": c.voice, "startTime": start, "endTime": start + share * len(t), "body": t})
            start += share * (len(t) + 1)
    transcript = tmp_path / "episode.json"
    transcript.write_text(json.dumps({"version": "1.0.0", "segments": words}), encoding="utf-8")
    result, report = run(examples / "episode.zh.txt", transcript, tmp_path / "out")
    assert result.exit_code == 0, result.output
    body = [p for p in report["paragraphs"] if p["chapter"] is not None]
    for p, opening in zip(body, OPENINGS):
        assert p["start"] == pytest.approx(cue_start(examples / "episode.en.vtt", opening), abs=0.5), p["text"]
    cues = list(webvtt.read(str(tmp_path / "out" / "ep.bilingual.vtt")))
    assert {c.voice for c in cues} >= {"主持人", "Lena"} and max(len(c.text.split()) for c in cues) > 3


def test_untranslated_ad_and_outro_stay_english_only(example_run):
    _, report, out, examples = example_run
    first = min(p["start"] for p in report["paragraphs"] if p["start"] is not None)
    assert first >= cue_start(examples / "episode.en.vtt", "Welcome back") - 0.01
    cues = list(webvtt.read(str(out / "ep.bilingual.vtt")))
    ad = [c for c in cues if c.start_time.in_milliseconds() < 16000]
    assert ad and not any(re.search(r"[\u4e00-\u9fff]", c.text) for c in ad)
    outro = [c for c in cues if "next week" in c.text]
    assert outro and not re.search(r"[\u4e00-\u9fff]", outro[0].text)


def test_report_contract(example_run):
    _, report, _, _ = example_run
    starts = [p["start"] for p in report["paragraphs"] if p["start"] is not None]
    assert starts == sorted(starts)
    assert report["paragraphs"][0]["start"] is None and report["paragraphs"][0]["editorial"]  # the lead-in
    assert report["unaligned"] == []  # the lead-in was never meant to be aligned: not a failure
    assert report["summary"]["paragraphs"] == len(report["paragraphs"]) - 1
    assert report["summary"]["aligned_paragraphs"] == report["summary"]["paragraphs"]
    assert report["summary"]["editorial_paragraphs"] == 1
    for p in report["paragraphs"]:
        assert "".join(s["text"] for s in p["sentences"]) == re.sub(r"\s", "", p["text"]) or p["text"]
        for s in p["sentences"]:
            assert 0.0 <= s["confidence"] <= 1.0
    assert {s["speaker"] for p in report["paragraphs"] for s in p["sentences"]} >= {"主持人", "Lena"}
    assert [c["title"] for c in report["chapters"]] == ["从收音机到修复工作室", "修复一段录音需要什么", "机器学习与未来"]


def test_subtitle_rules(example_run):
    _, report, out, _ = example_run
    cues = list(webvtt.read(str(out / "ep.bilingual.vtt")))
    previous_end = 0.0
    for c in cues:
        start, end = c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000
        assert 0.8 - 1e-6 <= end - start <= 7.0 + 1e-6
        assert start >= previous_end - 1e-6
        previous_end = end
        lines = [re.sub(r"<[^>]+>", "", ln) for ln in c.lines]
        zh = [ln for ln in lines if re.search(r"[\u4e00-\u9fff]", ln)]
        en = [ln for ln in lines if ln not in zh]
        assert len(zh) <= 2 and len(en) <= 2
        assert all(len(ln) <= 42 for ln in en)
        assert all(display_width(ln) <= 18 for ln in zh), zh  # a Latin letter counts half
    shown = "".join(re.sub(r"[^\u4e00-\u9fff]", "", c.text) for c in cues)
    aligned = "".join(re.sub(r"[^\u4e00-\u9fff]", "", s["text"]) for p in report["paragraphs"]
                      for s in p["sentences"] if s["start"] is not None)
    assert shown == aligned
    assert any(c.voice == "Lena" for c in cues) and any(c.voice == "主持人" for c in cues)
    zh_only = list(webvtt.read(str(out / "ep.zh.vtt")))
    assert "".join(re.sub(r"[^\u4e00-\u9fff]", "", c.text) for c in zh_only) == aligned
    srt = (out / "ep.zh.srt").read_text(encoding="utf-8")
    assert srt.startswith("1\n00:00:") and "-->" in srt


def test_zh_en_order(tmp_path, examples):
    result, _ = run(examples / "episode.zh.txt", examples / "episode.en.vtt", tmp_path, "--order", "zh-en")
    assert result.exit_code == 0
    cue = next(c for c in webvtt.read(str(tmp_path / "ep.bilingual.vtt")) if re.search(r"[\u4e00-\u9fff]", c.text))
    assert re.search(r"[\u4e00-\u9fff]", cue.lines[0])


def _article_variant(examples: Path, tmp_path: Path, edit) -> Path:
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    path = tmp_path / "variant.txt"
    path.write_text(edit(text), encoding="utf-8")
    return path


def test_omitted_sentence_leaves_the_rest_in_place(tmp_path, examples):
    article = _article_variant(examples, tmp_path, lambda t: t.replace("大部分都已经损坏了。", ""))
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "o")
    assert result.exit_code == 0
    body = [p for p in report["paragraphs"] if p["chapter"] is not None]
    for p, opening in zip(body, OPENINGS):
        assert p["start"] == pytest.approx(cue_start(examples / "episode.en.vtt", opening), abs=0.5)


def test_a_heavily_summarised_passage_is_doubtful_and_leaves_its_neighbours_in_place(tmp_path, examples):
    """Five English sentences rendered as one (一切始于我祖父的收音机和他录制的磁带，…): wherever the summary lands, it
    is listed as doubtful, and every other paragraph still starts at its own English."""
    answer = re.search(r"Lena：一切始于我祖父的收音机。[^\n]*", (examples / "episode.zh.txt").read_text(encoding="utf-8"))
    summary = "一切始于我祖父的收音机和他录制的磁带，我想知道那些人在说什么。"
    article = _article_variant(examples, tmp_path, lambda t: t.replace(answer.group(), "Lena：" + summary))
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "o")
    assert result.exit_code == 0
    body = [p for p in report["paragraphs"] if p["chapter"] is not None]
    assert body[2]["sentences"][0]["text"] == summary and body[2]["sentences"][0]["confidence"] < DOUBTFUL
    assert report["summary"]["doubtful"] >= 1
    for p, opening in zip(body, OPENINGS):
        if p is not body[2]:
            assert p["start"] == pytest.approx(cue_start(examples / "episode.en.vtt", opening), abs=0.5)


def test_article_pasted_from_subtitles_one_cue_per_line(tmp_path, examples):
    """Subtitle text pasted as it comes: one clause per line, no punctuation, no blank lines. Every
    line is text (none a heading with nothing under it), each speaker turn starts at its English turn."""
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    body = text[text.index("从收音机到修复工作室"):text.index("技术交流群邀请函")]
    lines = [piece for para in body.split("\n\n") if para.strip() not in CHAPTERS
             for piece in re.split(r"[，。？！]", para.replace("\n", "")) if piece]
    article = tmp_path / "pasted.txt"
    article.write_text("修复旧录音的人\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert [p["sentences"][0]["speaker"] for p in report["paragraphs"]] == ["主持人", "Lena"] * 9
    chars = "".join(s["text"] for p in report["paragraphs"] for s in p["sentences"])
    assert re.sub(r"\s|主持人：|Lena：", "", "".join(lines)) == re.sub(r"\s", "", chars)
    starts = [p["start"] for p in report["paragraphs"]]
    for opening in OPENINGS:
        truth = cue_start(examples / "episode.en.vtt", opening)
        assert min(abs(s - truth) for s in starts) <= 0.5, opening
    for name in ("ep.zh.srt", "ep.zh.vtt", "ep.bilingual.vtt"):  # a sentence's opening space never shows
        lines = (tmp_path / "o" / name).read_text(encoding="utf-8").splitlines()
        assert not [line for line in lines if line != line.strip()], name
    ass = (tmp_path / "o" / "ep.bilingual.ass").read_text(encoding="utf-8")
    assert "\\N " not in ass and "} " not in ass


def test_truncated_translation_ends_where_it_ends(tmp_path, examples):
    article = _article_variant(examples, tmp_path, lambda t: t[: t.index("机器学习与未来")] + "\n技术交流群邀请函\n")
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "t")
    assert result.exit_code == 0
    ends = [p["end"] for p in report["paragraphs"] if p["end"] is not None]
    assert max(ends) <= cue_start(examples / "episode.en.vtt", "Everyone is talking") + 0.01
    cues = list(webvtt.read(str(tmp_path / "t" / "ep.bilingual.vtt")))
    tail = [c for c in cues if c.start_time.in_milliseconds() / 1000 >= cue_start(examples / "episode.en.vtt", "Everyone")]
    assert tail and not any(re.search(r"[\u4e00-\u9fff]", c.text) for c in tail)


def test_article_for_another_episode_is_refused(tmp_path, examples):
    other = tmp_path / "other.vtt"
    other.write_text("WEBVTT\n\n" + "\n".join(
        f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\nThe weather in the northern mountains is cold today {i}.\n"
        for i in range(25)), encoding="utf-8")
    result, report = run(examples / "episode.zh.txt", other, tmp_path / "m")
    assert result.exit_code == 1
    assert report["warning"]


def test_an_untrusted_alignment_claims_no_confidence(tmp_path, examples):
    """Another episode that shares a few words with the article (tapes, radio, a grandfather): some
    sentences find chance evidence and get times, but none may look sure."""
    lines = ["The weather in the northern mountains is cold today.", "My grandfather fixed old radio sets.",
             "Snow fell on the roads all night.", "We found magnetic tapes in the library.",
             "The trains were late again this morning.", "Software updates arrived on Tuesday."]
    other = tmp_path / "other.vtt"
    other.write_text("WEBVTT\n\n" + "\n".join(
        f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{lines[i % len(lines)]}\n" for i in range(30)),
        encoding="utf-8")
    result, report = run(examples / "episode.zh.txt", other, tmp_path / "m")
    assert result.exit_code == 1
    assert any(p["start"] is not None for p in report["paragraphs"])
    assert all(s["confidence"] <= 0.1 for p in report["paragraphs"] for s in p["sentences"])
    assert report["summary"]["mean_confidence"] <= 0.1


def test_refuses_to_overwrite_without_force(example_run, examples):
    _, _, out, _ = example_run
    before = (out / "ep.alignment.json").read_bytes()
    result, _ = run(examples / "episode.zh.txt", examples / "episode.en.vtt", out)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (out / "ep.alignment.json").read_bytes() == before


def test_bad_transcript_writes_nothing(tmp_path, examples):
    bad = tmp_path / "bad.vtt"
    bad.write_text("", encoding="utf-8")
    result, report = run(examples / "episode.zh.txt", bad, tmp_path / "x")
    assert result.exit_code == 2 and report is None
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())
    assert "Traceback" not in result.output


def test_sentence_added_by_the_translator_is_unmatched_and_placed_between_neighbours(tmp_path, examples):
    added = "编者注：这批磁带后来全部捐给了当地的一家档案馆，供公众免费收听。"
    article = _article_variant(examples, tmp_path, lambda t: t.replace("大部分都已经损坏了。", "大部分都已经损坏了。" + added))
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "a")
    assert result.exit_code == 0
    sentences = [s for p in report["paragraphs"] for s in p["sentences"]]
    k = next(i for i, s in enumerate(sentences) if s["text"].startswith("编者注"))
    inserted, before, after = sentences[k], sentences[k - 1], sentences[k + 1]
    assert inserted["matched"] is False and inserted["confidence"] < DOUBTFUL  # shown as doubtful: its time is a guess
    assert before["matched"] and after["matched"]
    assert before["start"] <= inserted["start"] <= after["start"]
    # the added sentence makes none of the translated ones doubtful
    assert min(s["confidence"] for s in sentences if s["matched"]) >= DOUBTFUL




def test_a_turn_merged_into_the_one_before_gets_the_speaker_the_transcript_hears(tmp_path, examples):
    """The article runs the guest's answer into the host's question (主持人：所以你是自学的？一开始是的。…): the
    answer's sentences are the guest's, by the transcript's voices, in the report and the voice tags, and the
    summary says so; the question stays the host's."""
    article = _article_variant(examples, tmp_path, lambda t: t.replace("所以你是自学的？\n\nLena：", "所以你是自学的？"))
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "o")
    assert result.exit_code == 0
    said = {s["text"]: s["speaker"] for p in report["paragraphs"] for s in p["sentences"]}
    assert said["所以你是自学的？"] == "主持人"
    assert said["一开始是的。"] == said["我读遍了能在图书馆找到的每一本手册。"] == "Lena"
    assert any("merged" in note for note in report["notes"])
    voices = {c.text.splitlines()[0]: c.voice for c in webvtt.read(str(tmp_path / "o" / "ep.bilingual.vtt"))}
    assert voices["At first, yes."] == "Lena"


def test_a_read_the_original_link_run_into_the_last_paragraph_is_neither_aligned_nor_shown(tmp_path, examples):
    """`[点击阅读原文](…)` at the end of the closing exchange was a sentence matched to the outro's "That's our
    show." at 0.97 and shown as a subtitle; it is the page's, not the episode's: out of the report and the cues."""
    article = _article_variant(examples, tmp_path, lambda t: t.replace("谢谢你，Sam。", "谢谢你，Sam。点击阅读原文"))
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "o")
    assert result.exit_code == 0
    last = [s["text"] for s in report["paragraphs"][-1]["sentences"]]
    assert last[-1] == "谢谢你，Sam。"
    shown = "".join(c.text for c in webvtt.read(str(tmp_path / "o" / "ep.bilingual.vtt")))
    assert "谢谢你，Sam。" in shown and "阅读原文" not in shown


def test_a_guest_named_in_full_once_and_by_first_name_after_has_one_voice(tmp_path, examples):
    """`Lena Park：` opens the guest's first answer, `Lena：` the others: one person, one voice name in the subtitles,
    in the article's style and in the transcript's; the report keeps each label as the article writes it."""
    article = _article_variant(examples, tmp_path, lambda t: t.replace("Lena：", "Lena Park：", 1))
    for style, guest in (("article", "Lena Park"), ("en", "Lena")):
        result, report = run(article, examples / "episode.en.vtt", tmp_path / style, "--speaker-names", style)
        assert result.exit_code == 0
        assert {s["speaker"] for p in report["paragraphs"] for s in p["sentences"]} >= {"Lena Park", "Lena"}
        voices = {c.voice for c in webvtt.read(str(tmp_path / style / "ep.bilingual.vtt")) if c.voice}
        assert voices == {guest, "主持人" if style == "article" else "Sam"}


def test_a_merged_answer_takes_the_label_its_speaker_goes_on_with_and_keeps_one_voice(tmp_path, examples):
    """`Lena Park：` once, then the guest's answer run into the host's question and her next paragraph `Lena：`: the
    merged sentences take the label she goes on with (Lena), so the turns never pass from `Lena Park` straight to
    `Lena` (which would part them) and the subtitles keep one voice for her."""
    def edit(text: str) -> str:
        text = text.replace("Lena：", "Lena Park：", 1).replace("所以你是自学的？\n\nLena：", "所以你是自学的？")
        return text.replace("手册。后来", "手册。\n\nLena：后来")
    result, report = run(_article_variant(examples, tmp_path, edit), examples / "episode.en.vtt", tmp_path / "o")
    assert result.exit_code == 0
    said = {s["text"]: s["speaker"] for p in report["paragraphs"] for s in p["sentences"]}
    assert said["一开始是的。"] == said["我读遍了能在图书馆找到的每一本手册。"] == "Lena"
    voices = {c.voice for c in webvtt.read(str(tmp_path / "o" / "ep.bilingual.vtt")) if c.voice}
    assert voices == {"Lena Park", "主持人"}


def test_a_short_label_is_the_same_person_only_as_part_of_one_longer_label():
    """First names, surnames and a role's short form go with the one label they open or close; a surname two
    labels share, a one-character role (问) and a letter (Q) stay their own, and so do two labels whose turns pass
    straight from one to the other (a host `Sam：` answered by a guest `Sam Altman：`)."""
    from companion.speakers import same_person

    said = ["主持", "Lena Park", "Lena Park", "主持人", "Lena", None, "问", "提问", "Q", "Sam Park", "Park", "Ilya"]
    assert same_person(said) == {"Lena": "Lena Park", "主持": "主持人"}
    assert same_person(["Sam", "Sam Altman", "Sam", "Sam Altman"]) == {}
    assert same_person(["Sam Altman", "主持人", "Sam", "主持人", "Sam"]) == {"Sam": "Sam Altman"}


def test_a_question_and_its_answer_in_one_dialogue_cue_each_find_their_turn(tmp_path, examples):
    """The transcript sets the host's question and the guest's answer in one cue, dialogue style (`- So you taught
    yourself?` / `- At first, yes.`): the guest's answer, a paragraph of its own, is matched to its own turn and
    starts there, not left without English after the question took the whole cue."""
    vtt = (examples / "episode.en.vtt").read_text(encoding="utf-8")
    pair = ("00:01:04.200 --> 00:01:05.720\n<v Sam>So you taught yourself?\n\n"
            "00:01:06.570 --> 00:01:07.710\n<v Lena>At first, yes.\n")
    dialogue = "00:01:04.200 --> 00:01:07.710\n- So you taught yourself?\n- At first, yes.\n"
    assert pair in vtt
    transcript = tmp_path / "dialogue.vtt"
    transcript.write_text(vtt.replace(pair, dialogue), encoding="utf-8")
    result, report = run(examples / "episode.zh.txt", transcript, tmp_path / "o")
    assert result.exit_code == 0
    answer = next(s for p in report["paragraphs"] for s in p["sentences"] if s["text"] == "一开始是的。")
    assert answer["matched"] and answer["english"] == "- At first, yes." and answer["confidence"] >= DOUBTFUL
    assert 65.0 < answer["start"] < 67.0


def test_one_name_per_person_across_translated_and_untranslated_cues(tmp_path):
    """The transcript calls the host Sam, the article 主持人: one name in every voice tag, either way."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    result, report = run(examples / "episode.zh.txt", examples / "episode.en.vtt", tmp_path)
    assert result.exit_code == 0 and report["speakers"] == {"Sam": "主持人"}
    voices = {c.voice for c in webvtt.read(str(tmp_path / "ep.bilingual.vtt")) if c.voice}
    assert voices == {"主持人", "Lena"}
    render = companion("render", tmp_path / "ep.alignment.json", "--force", "--speaker-names", "en")
    assert render.exit_code == 0
    assert {c.voice for c in webvtt.read(str(tmp_path / "ep.bilingual.vtt")) if c.voice} == {"Sam", "Lena"}


def _stamped(examples: Path, tmp_path: Path, times: list[float]) -> Path:
    """The example article with `[hh:mm:ss]` before each of its 15 turn-opening labels, as transcripts print them."""
    stamps = iter(int(t) for t in times)
    text = re.sub(r"^(主持人|Lena)：", lambda m: "[{0:02d}:{1:02d}:{2:02d}] {3}：".format(
        (s := next(stamps)) // 3600, s % 3600 // 60, s % 60, m.group(1)), (examples / "episode.zh.txt").read_text(
        encoding="utf-8"), flags=re.M)
    path = tmp_path / f"stamped{len(list(tmp_path.iterdir()))}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_articles_own_timestamps_check_the_alignment(tmp_path, examples, example_run):
    vtt = examples / "episode.en.vtt"
    truth = [cue_start(vtt, opening) for opening in OPENINGS]  # where each turn starts in the recording
    plain = [s["confidence"] for p in example_run[1]["paragraphs"] for s in p["sentences"]]

    def aligned(times: list[float]) -> tuple[dict, list[float]]:
        result, report = run(_stamped(examples, tmp_path, times), vtt, tmp_path / "o", "--force")
        assert result.exit_code == 0, result.output
        return report, [s["confidence"] for p in report["paragraphs"] for s in p["sentences"]]

    for times in (truth, [t + 45 for t in truth]):  # the article's source had a 45 s ad this recording lacks
        report, confidences = aligned(times)
        assert any("agree with the alignment at 15 of 15 paragraphs" in note for note in report["notes"])
        assert confidences == plain
    misprinted = truth[:6] + [truth[6] + 20] + truth[7:]
    report, confidences = aligned(misprinted)
    turn = next(p for p in report["paragraphs"] if p["start"] is not None and abs(p["start"] - truth[6]) < 0.5)
    assert turn["sentences"][0]["confidence"] <= 0.3  # it and its stamp disagree: doubtful, and said why
    assert any(f"¶{turn['index']} (-20 s)" in note for note in report["notes"])
    assert sum(a != b for a, b in zip(confidences, plain)) == 1
    report, confidences = aligned(sorted(truth[::-1], key=lambda t: (t * 7919) % 97))  # another recording's times
    assert any("do not follow this recording" in note for note in report["notes"]) and confidences == plain


def turns(speakers: list) -> list:
    """Speakers with repeats in a row collapsed: the order of the turns."""
    return [x for k, x in enumerate(speakers) if k == 0 or x != speakers[k - 1]]


@pytest.mark.parametrize("track", ["ep.zh.vtt", "ep.zh.srt", "ep.bilingual.ass"])
def test_chinese_subtitles_given_as_the_article(tmp_path, examples, example_run, track):
    """A Chinese subtitle file (here one made from the example article) aligns like the article: every
    Chinese character once (a bilingual track's English left out), the speakers in their turns where
    the track names them, each turn at its English turn, the cue times checked."""
    result, report = run(example_run[2] / track, examples / "episode.en.vtt", tmp_path / "s")
    assert result.exit_code == 0, result.output

    body = [s for p in example_run[1]["paragraphs"] if p["chapter"] is not None for s in p["sentences"]]
    got = [s for p in report["paragraphs"] for s in p["sentences"]]

    def chinese(sentences: list[dict]) -> str:
        return re.sub(r"[^\u4e00-\u9fff]", "", "".join(s["text"] for s in sentences))

    assert chinese(got) == chinese(body)
    if not track.endswith(".srt"):  # SRT has no way to name a speaker
        assert turns([s["speaker"] for s in got]) == turns([s["speaker"] for s in body])
    # each turn opens a paragraph where the track names its speakers, else (SRT) at least a sentence
    starts = [p["start"] for p in report["paragraphs"]] if not track.endswith(".srt") else [s["start"] for s in got]
    for opening in OPENINGS:
        truth = cue_start(examples / "episode.en.vtt", opening)
        assert min(abs(s - truth) for s in starts) <= 0.5, opening
    n = len(report["paragraphs"])
    assert f"agree with the alignment at {n} of {n} paragraphs" in " ".join(report["notes"])


def test_a_bilingual_fansub_is_both_the_article_and_the_transcript(tmp_path, examples, example_run):
    """A bilingual ASS track (here the example's) gives its Chinese as the article and its English as the
    transcript: the bilingual WebVTT, chapters and report come out of it alone."""
    track = example_run[2] / "ep.bilingual.ass"
    result, report = run(track, track, tmp_path / "f")
    assert result.exit_code == 0, result.output
    starts = [p["start"] for p in report["paragraphs"]]
    for opening in OPENINGS:
        truth = cue_start(examples / "episode.en.vtt", opening)
        assert min(abs(s - truth) for s in starts) <= 0.5, opening
    english = " ".join(c.text for c in webvtt.read(str(tmp_path / "f" / "ep.en.vtt")))
    assert "Welcome back to The Long Signal" in english and not re.search(r"[\u4e00-\u9fff]", english)


def test_recognised_english_with_punctuation_is_judged_less_sure_than_a_transcript(examples, tmp_path):
    """Whisper's words come punctuated, so the aligner reads them as a transcript; the same English given as a
    Whisper JSON (a recogniser's output, as `companion transcribe` writes it) has its sentences placed the same,
    but their confidence must say that the English was only heard (confidence.py, `recognised`)."""
    from companion.article import read_article
    from companion.pipeline import align_article
    from companion.transcript import read_transcript
    from companion.transcript.from_words import transcript_json

    article, transcript = read_article(str(examples / "episode.zh.txt")), read_transcript(str(examples / "episode.en.vtt"))
    (tmp_path / "episode.en.json").write_text(transcript_json(transcript), encoding="utf-8")
    heard = align_article(article, read_transcript(str(tmp_path / "episode.en.json")))
    read = align_article(article, transcript)
    ran = companion("align", examples / "episode.zh.txt", "--transcript", tmp_path / "episode.en.json",
                    "--out", tmp_path / "out")
    assert ran.exit_code == 0 and "note: the transcript is speech recognition's" in ran.stdout, ran.stdout
    pairs = [(a, b) for p, q in zip(read.paragraphs, heard.paragraphs) for a, b in zip(p.sentences, q.sentences) if a.timed]
    assert pairs and all(a.start == b.start for a, b in pairs)
    assert all(b.confidence < a.confidence for a, b in pairs if a.confidence > 0.1)


GRANDFATHER = "Lena：一切始于我祖父的收音机。"


def _moved_paragraph(text: str, after: str) -> str:
    """The article with the paragraph opening GRANDFATHER moved to just after the paragraph opening `after`."""
    paragraphs = text.split("\n\n")
    moved = next(p for p in paragraphs if p.startswith(GRANDFATHER))
    paragraphs.remove(moved)
    at = next(k for k, p in enumerate(paragraphs) if p.startswith(after))
    return "\n\n".join(paragraphs[:at + 1] + [moved] + paragraphs[at + 1:])


def test_a_paragraph_the_translator_moved_is_named_with_where_its_english_is(tmp_path, examples):
    article = _article_variant(examples, tmp_path, lambda t: _moved_paragraph(t, "Lena：第一步是耐心"))
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "m")
    assert result.exit_code == 0, result.output
    moved = next(p for p in report["paragraphs"] if p["sentences"][0]["text"].startswith("一切始于"))
    assert moved["start"] is None  # the subtitles keep the article's order
    reason = next(u["reason"] for u in report["unaligned"] if u["paragraph"] == moved["index"])
    minutes, seconds = re.search(r"at (\d+):(\d\d), out of the article's order", reason).groups()
    assert int(minutes) * 60 + int(seconds) == pytest.approx(cue_start(examples / "episode.en.vtt", OPENINGS[2]), abs=2)
    # the paragraphs around the gap it left keep their own English, not the moved paragraph's
    body = [p for p in report["paragraphs"] if p["chapter"] is not None and p is not moved]
    assert len(body) == len(OPENINGS) - 1
    for p, opening in zip(body, OPENINGS[:2] + OPENINGS[3:]):
        assert p["start"] == pytest.approx(cue_start(examples / "episode.en.vtt", opening), abs=0.5), p["text"]


def test_an_editors_paragraph_in_the_body_is_not_taken_for_a_moved_one(tmp_path, examples):
    note = ("编者注：本期节目录制于去年冬天，文字稿经过删节和编辑。文中的观点仅代表嘉宾本人。"
            "如需转载，请联系编辑部获得授权。")
    question = "主持人：所以你是自学的？"
    article = _article_variant(examples, tmp_path, lambda t: t.replace(question, note + "\n\n" + question))
    result, report = run(article, examples / "episode.en.vtt", tmp_path / "n")
    assert result.exit_code == 0, result.output
    assert not any("out of the article's order" in u["reason"] for u in report["unaligned"])
