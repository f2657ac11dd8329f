"""The banded search on long episodes finds what the full search finds, in far fewer cells."""

import re

import numpy as np
import pytest

from companion.align import band as band_module
from companion.align.aligner import align_sentences
from companion.align.evidence import Sides
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


def test_chained_skips_do_not_depend_on_where_the_row_lies():
    """The same costs give the same result at the episode's start and 20,000 segments in (rounding once
    made a skip look cheaper than a position's own cost far into an episode)."""
    rng = np.random.default_rng(3)
    row = np.cumsum(rng.uniform(0.0, 6.0, 50)) + 40.0
    here = np.arange(50)
    for per in (0.3, 3.0, 6.5):
        near = chained_skips(row, here, per)
        assert np.array_equal(chained_skips(row, here + 20_000, per), near)
        assert np.all(near <= row) and near[0] == row[0]
