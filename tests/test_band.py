"""The banded search on long episodes finds what the full search finds, in far fewer cells."""

import random
import re

import numpy as np
import pytest

from companion.align import band as band_module
from companion.align.aligner import align_sentences
from companion.align.evidence import Sides
from companion.align.skips import SkipCosts
from companion.align.search import Params, chained_skips
from companion.article import read_article
from companion.pipeline import align_article
from companion.transcript import Segment, Transcript, read_transcript
from companion.transcript.sentences import english_sentences


def starts(report):
    return [p.start for p in report.paragraphs]


@pytest.mark.parametrize("punctuated", [True, False])
def test_banded_search_gives_the_same_alignment(examples, monkeypatch, punctuated):
    """Also for unpunctuated text (as recognised), whose beads join up to eight fragments."""
    article = read_article(str(examples / "episode.zh.txt"))
    transcript = read_transcript(str(examples / "episode.en.vtt"))
    if not punctuated:
        transcript = Transcript([Segment(s.start, s.end, re.sub(r"[^\w' ]", "", s.text).lower(), s.speaker)
                                 for s in transcript.segments])
    full = align_article(article, transcript)
    monkeypatch.setattr(band_module, "FULL_LIMIT", 0)
    banded = align_article(article, transcript)
    assert starts(banded) == starts(full)
    assert [s.start for s in banded.sentences] == [s.start for s in full.sentences]


def test_band_is_narrow_on_a_long_episode(examples):
    article = read_article(str(examples / "episode.zh.txt"))
    one = read_transcript(str(examples / "episode.en.vtt"))
    copies = 16
    segments = [Segment(s.start + k * 300, s.end + k * 300, s.text, s.speaker)
                for k in range(copies) for s in one.segments]
    english = english_sentences(Transcript(segments))
    chinese = [s.text for p in article.paragraphs if p.chapter is not None for s in p.sentences] * copies
    sides = Sides.read(chinese, [e.text for e in english])
    ratio = float(sides.zh_len.sum() / sides.en_len.sum())
    band = band_module.choose_band(sides, Params(length=0.0), ratio)
    n, m = len(chinese), len(english)
    assert band is not None and band.cells < 0.35 * (n + 1) * (m + 1)
    # the coarse path follows the copies: the row that finishes copy k sits near English copy k's end
    per_copy_zh, per_copy_en = n // copies, m // copies
    for k in range(1, copies):
        row = k * per_copy_zh
        assert band.lo[row] <= k * per_copy_en <= band.hi[row]


def test_a_long_unpunctuated_episode_aligns_every_repeat_alike(examples):
    """Thousands of recognised fragments: the segment search's running sums once grew with the position in
    the episode until rounding made skipping a segment look cheaper than taking it, and the trace then
    followed a path that was not the best (later copies of the same talk were placed differently)."""
    one = read_transcript(str(examples / "episode.en.vtt"))
    period = one.segments[-1].end + 5.0
    copies = 40
    segments = [Segment(s.start + k * period, s.end + k * period, re.sub(r"[^\w' ]", "", s.text).lower(), s.speaker)
                for k in range(copies) for s in one.segments]
    article = read_article(str(examples / "episode.zh.txt"))
    chinese = [s.text for p in article.paragraphs if p.chapter is not None for s in p.sentences]
    placed = align_sentences(chinese * copies, Transcript(segments)).placed
    assert len(segments) > 1500
    # copy 0 opens the episode and the last copy closes it: the copies between have the same neighbours
    second = [p.start for p in placed[len(chinese):2 * len(chinese)]]
    for k in range(2, copies - 1):
        again = [p.start for p in placed[k * len(chinese):(k + 1) * len(chinese)]]
        assert again == pytest.approx([None if t is None else t + (k - 1) * period for t in second], abs=1e-6)


def test_skips_do_not_depend_on_where_the_row_lies():
    """The same costs give the same result at the episode's start and 20,000 segments in (rounding once
    made a skip look cheaper than a position's own cost far into an episode), segments marked as an intro's
    (dearer or cheaper to skip) and segments that cost extra (the words a first or last unit finds there)
    included."""
    rng = np.random.default_rng(3)
    row = np.cumsum(rng.uniform(0.0, 6.0, 50)) + 40.0
    marks = rng.random(50) < 0.4
    extra = rng.integers(0, 400, 50)  # in QUANTUM steps, as skips.edge_skips counts them

    def chained(per: float, marked_cost: float, offset: int, extras: bool = False) -> np.ndarray:
        where = np.concatenate([np.zeros(offset, dtype=bool), marks, [False]])
        steps = np.concatenate([rng.integers(0, 400, offset), extra if extras else np.zeros(50, dtype=int), [0]])
        skips = SkipCosts(per, marked_cost, np.concatenate([[0], np.cumsum(where)]),
                          extra=np.concatenate([[0], np.cumsum(steps)]))
        js = np.arange(50) + offset
        return chained_skips(row, skips.between(js[0], js))

    for per, marked_cost in ((0.3, 0.3), (3.0, 1.0), (6.5, 1.0), (1.0, 6.5)):
        for extras in (False, True):
            near = chained(per, marked_cost, 0, extras)
            assert np.array_equal(chained(per, marked_cost, 20_000, extras), near)
            assert np.all(near <= row) and near[0] == row[0]
    assert np.all(chained(6.5, 1.0, 0) <= chained(6.5, 6.5, 0))
    assert np.all(chained(0.3, 0.3, 0) <= chained(0.3, 0.3, 0, extras=True))
    assert np.any(chained(0.3, 0.3, 0) < chained(0.3, 0.3, 0, extras=True))


# Chinese and English words CC-CEDICT pairs, for a synthetic lecture that moves from topic to topic.
WORDS = [("猫", "cat"), ("狗", "dog"), ("房子", "house"), ("河", "river"), ("山", "mountain"), ("书", "book"),
         ("树", "tree"), ("鸟", "bird"), ("鱼", "fish"), ("城市", "city"), ("学校", "school"), ("老师", "teacher"),
         ("医生", "doctor"), ("花", "flower"), ("门", "door"), ("窗户", "window"), ("桌子", "table"), ("椅子", "chair"),
         ("咖啡", "coffee"), ("茶", "tea"), ("面包", "bread"), ("苹果", "apple"), ("牛奶", "milk"), ("雨", "rain"),
         ("雪", "snow"), ("太阳", "sun"), ("月亮", "moon"), ("海", "sea"), ("岛", "island"), ("桥", "bridge"),
         ("火车", "train"), ("船", "boat"), ("朋友", "friend"), ("孩子", "child"), ("母亲", "mother"), ("父亲", "father"),
         ("医院", "hospital"), ("银行", "bank"), ("市场", "market"), ("公园", "park"), ("图书馆", "library"),
         ("博物馆", "museum"), ("地图", "map"), ("钥匙", "key"), ("钱", "money"), ("历史", "history"), ("故事", "story")]


def test_banded_search_keeps_a_finely_cut_translation_that_stops_early_where_it_stops(monkeypatch):
    """Subtitle text pasted into an article gives several short Chinese sentences per English one; when the
    translation stops at 60 %, coarse blocks of as many sentences on both sides paired each Chinese block
    with an English block that lasts twice as long, and stretched the translation over the untranslated rest."""
    rng = random.Random(5)
    segments, chinese = [], []
    for i in range(160):
        w = [rng.choice(WORDS[(i // 10) % 40:(i // 10) % 40 + 8]) for _ in range(6)]
        segments.append(Segment(6.5 * i, 6.5 * i + 6.0, f"The {w[0][1]} found the {w[1][1]}, the {w[2][1]} stood by "
                                                           f"the {w[3][1]}, and the {w[4][1]} followed the {w[5][1]}."))
        chinese += [f"{w[0][0]}找到了{w[1][0]}。", f"{w[2][0]}在{w[3][0]}旁边。", f"{w[4][0]}跟着{w[5][0]}。"]
    chinese = chinese[:3 * 96]
    full = [p.start for p in align_sentences(chinese, Transcript(segments)).placed]
    monkeypatch.setattr(band_module, "FULL_LIMIT", 0)
    banded = [p.start for p in align_sentences(chinese, Transcript(segments)).placed]
    assert full[-1] < segments[110].start  # the translation stops near English sentence 96, of 160
    assert banded[-1] == pytest.approx(full[-1], abs=7.0)
    assert sum(a == b for a, b in zip(banded, full)) >= 0.95 * len(full)
