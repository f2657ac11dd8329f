"""Properties that must hold for any input: no character lost or duplicated, cues well-formed."""

import re

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from companion.article.sentences import split_sentences
from companion.captions import Rules, TimedChinese, build_cues
from companion.transcript.model import Segment, Transcript
from subtitles.linebreak import chinese_boundaries, cut_chinese, wrap_chinese

chinese = st.lists(st.sampled_from(list("我们的他说这是一个好问题。，！？；…“”《》（）abcAI2.5 ") + ["GPT-3.5", "U.S."]),
                   min_size=1, max_size=40).map("".join)


@settings(deadline=None)  # the first call loads jieba's dictionary
@given(chinese)
def test_sentences_rebuild_the_text(text):
    pieces = split_sentences(text)
    assert "".join(pieces) == text
    assert all(p for p in pieces)


@settings(deadline=None)
@given(chinese, st.lists(st.floats(min_value=0, max_value=100), max_size=5))
def test_cuts_rebuild_the_text_and_fall_on_boundaries(text, targets):
    pieces = cut_chinese(text, sorted(targets))
    assert "".join(pieces) == text and len(pieces) == len(targets) + 1
    allowed = {0, len(text)} | {p for p, _ in chinese_boundaries(text)}
    position = 0
    for piece in pieces:
        position += len(piece)
        assert position in allowed


@settings(deadline=None)
@given(chinese)
def test_wrapping_keeps_every_character_and_the_typesetting_rules(text):
    lines = wrap_chinese(text, 18)
    assert "".join(lines) == text
    # no line starts with a closing or pause mark, none ends with an opening bracket
    assert not any(line[0] in "，。！？；：、…）》」』”,.!?;:)" for line in lines[1:])
    assert not any(line[-1] in "（《「『“([" for line in lines[:-1])
    # never more lines than the length needs
    assert len(lines) <= max(1, -(-len(text) // 18))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="倭黑猩猩玩乐是重要的游戏，。", min_size=1, max_size=60),
                          st.floats(min_value=0.0, max_value=20.0)), min_size=1, max_size=8))
def test_cues_show_every_aligned_character_once_in_order(sentences):
    segments = [Segment(float(k * 3), float(k * 3 + 2.5), f"English words number {k}") for k in range(10)]
    timed, t = [], 0.0
    for text, length in sentences:
        timed.append(TimedChinese(text, t, t + max(length, 0.1)))
        t += max(length, 0.1)
    bilingual, zh_only, _ = build_cues(Transcript(segments), timed, Rules())
    shown = "".join(re.sub(r"[^\u4e00-\u9fff]", "", line) for cue in bilingual for line in cue.lines)
    assert shown == "".join(re.sub(r"[^\u4e00-\u9fff]", "", s.text) for s in timed)
    assert all(a.end <= b.start + 1e-9 for a, b in zip(bilingual, bilingual[1:]))
    assert all(c.end > c.start for c in bilingual)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="倭黑猩猩玩乐是重要的游戏，。", min_size=1, max_size=40),
                          st.sampled_from([0.0, 0.0, 0.5, 2.0, 3.0]),
                          st.sampled_from([0.0, 0.1, 2.5, 6.0, 12.0])), min_size=1, max_size=10))
def test_cue_text_stays_in_article_order_when_spans_overlap_tie_or_vanish(sentences):
    """Spans as the aligner gives them: starts never go back, but may tie (several sentences in one
    cue), overlap (a shared cue) or have no length at all."""
    segments = [Segment(float(k * 3), float(k * 3 + 2.5), f"English words number {k}") for k in range(12)]
    timed, t = [], 0.0
    for text, step, length in sentences:
        t += step
        timed.append(TimedChinese(text, t, t + length))
    bilingual, zh_only, _ = build_cues(Transcript(segments), timed, Rules())
    for cues in (bilingual, zh_only):
        shown = "".join(re.sub(r"[^\u4e00-\u9fff]", "", line) for cue in cues for line in cue.lines)
        assert shown == "".join(re.sub(r"[^\u4e00-\u9fff]", "", s.text) for s in timed)
        assert all(a.end <= b.start + 1e-9 for a, b in zip(cues, cues[1:]))
        assert all(c.end > c.start for c in cues)



WORDS = {"灯塔": "lighthouse", "大海": "sea", "风暴": "storm", "窗户": "window", "蜡烛": "candle", "岛屿": "island"}


@settings(deadline=None, max_examples=60)
@given(st.lists(st.sampled_from(sorted(WORDS)), min_size=1, max_size=6),
       st.lists(st.lists(st.sampled_from(sorted(WORDS)), max_size=3), min_size=1, max_size=8))
def test_a_run_counts_each_chinese_word_once_however_often_its_english_repeats(zh_words, en_words):
    """The Chinese weight a run of English units finds is what one unit holding all their words would
    find: each Chinese word's weight (the idf of its English) once, if any unit of the run has it."""
    import math

    import numpy as np

    from companion.align.evidence import Sides, weigh
    from companion.align.search import Scorer

    english = [" ".join(["we saw the"] + [WORDS[w] for w in ws]) + "." for ws in en_words]
    m = len(english)
    scorer = Scorer(weigh(Sides.read(["，".join(zh_words) + "。"], english), longest=m), 1.0, 2.5)
    has = [{WORDS[w] for w in ws} for ws in en_words]
    idf = {w: math.log(1 + m / max(1, sum(WORDS[w] in h for h in has))) for w in WORDS}
    for b in range(1, m + 1):
        for end in range(b, m + 1):
            twice = scorer.repeated(np.array([0]), np.array([[end]]), [b])[0, 0, 0]
            hits = scorer.zh_rows[0, end] - scorer.zh_rows[0, end - b] - twice
            union = sum(idf[w] for w in zh_words if any(WORDS[w] in h for h in has[end - b:end]))
            assert hits == pytest.approx(union)


# a line of an article: blank now and then, often short (a heading, a pasted cue), with or without a label
line = st.tuples(st.sampled_from(["", "", "", "", "主持人：", "Lena：", "• ", "1. ", "\n"]),
                 st.lists(st.sampled_from(list("声音磁带修复工作室") + ["，", "。", "？", " ", "Sam", "[1]", "▍", "★"]),
                          min_size=1, max_size=40)
                 ).map(lambda parts: parts[0] + "".join(parts[1]))


@settings(deadline=None, max_examples=300)
@given(st.lists(line, min_size=1, max_size=60), st.sampled_from(["text", "markdown"]))
@example(["音", "主持人：声", "1. 音", "主持人：声"], "markdown")  # found in CI: a label read with the line before
@example(["主持人： ", "，", *["声"] * 8], "text")  # found in CI: the text under a label line took its blank line
@example(["▍", *["声"] * 9], "text")  # found locally: lines under a separator joined the title's stanza, as cues
def test_every_chinese_character_of_an_article_is_somewhere_once(lines, fmt):
    """Title, chapter titles, paragraphs and skipped text together hold the article's characters (but
    for speaker labels), none twice."""
    from collections import Counter

    from companion.article.structure import parse_article
    from companion.errors import InputError

    text = "\n".join(["# 标题" if fmt == "markdown" else "标题", "", *lines])
    try:
        article = parse_article(text, fmt=fmt)
    except InputError:
        return  # no paragraph of text at all: refused, nothing to lose
    assert article.title == "标题"
    titles = [c.title for c in article.chapters if c.title != "标题"]  # an article with no headings has one chapter under its title
    found = [article.title, *titles, *(s.text for s in article.skipped),
             *(p.text for p in article.paragraphs)]
    cjk = Counter(re.findall(r"[\u4e00-\u9fff]", text))
    got = Counter(re.findall(r"[\u4e00-\u9fff]", "".join(found)))
    assert got - cjk == Counter()  # nothing twice
    # nothing lost but the labels (`主持人：`, a name on a line over its turn), moved out of the text into `speaker`
    speakers = [s.speaker for p in article.paragraphs for s in p.sentences if s.speaker]
    speakers += ["主持人"] * text.count("主持人：")  # a label over no text goes with it
    missing = cjk - got
    assert set(missing) <= set("".join(speakers)) and sum(missing.values()) <= sum(map(len, speakers))
