"""The sentence encoder behind the aligner's judge of where a unit starts (companion/align/meaning.py)."""

import numpy as np
import pytest

from companion.align import meaning
from companion.align.meaning import Openings, embed, encoder

CLAUSES = ["灯熄灭了一个小时", "她把蜡烛搬上楼梯", "我每年夏天都去看它"]
CUES = ["My grandmother kept the lighthouse.", "The lamp went dark for an hour.",
        "She carried candles up the stairs.", "I visit it every summer.", ""]


def test_a_chinese_clause_is_nearest_the_english_it_renders():
    """Offline, from the weights the package ships: each clause's own rendering ranks first among the cues."""
    cos = embed(CLAUSES) @ embed(CUES).T
    assert list(cos.argmax(axis=1)) == [1, 2, 3]
    assert np.all(np.sort(cos, axis=1)[:, -1] - np.sort(cos, axis=1)[:, -2] > 0.1)


def test_empty_texts_embed_as_zero_rows():
    vectors = embed(["", "  ", "Thank you."])
    assert not vectors[:2].any()
    assert np.linalg.norm(vectors[2]) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize("rows", [1, 2, 256])
def test_openings_are_read_through_each_units_window(monkeypatch, rows):
    """Openings.runs gives, for a run of b segments ending before j, the cosine with segment j - b, whatever
    the unit's window and however many units are compared at once."""
    monkeypatch.setattr("companion.align.meaning.ROWS", rows)
    start, width = np.array([0, 1, 2]), 3
    openings = Openings(CLAUSES, CUES, start, width)
    full = embed(CLAUSES) @ embed(CUES).T
    units = np.array([1, 2, 3])  # rows of the search: unit row - 1
    js = np.array([[2, 3, 4], [3, 4, 5], [3, 4, 5]])
    got = openings.runs(units, js, 2)
    for b in (1, 2):
        for r in range(3):
            for k in range(3):
                first = js[r, k] - b
                if start[r] <= first < start[r] + width:
                    assert got[b - 1, r, k] == pytest.approx(full[r, first], abs=1e-6)


@pytest.mark.parametrize("joined", [False, True])
def test_a_first_segment_is_judged_with_the_next_as_one_text_or_by_the_next_alone(joined):
    """Openings.with_next: with `joined`, the cue read together with the next (a cue of nothing but hesitations,
    `mm hmm`, by the next alone); without, the next cue alone."""
    cues = ["the family farm", "The lamp went dark for an hour.", "mm hmm uh", "She carried candles up the stairs.",
            "I visit it every summer."]
    openings = Openings(CLAUSES, cues, np.zeros(3, dtype=int), 5, joined)
    runs = np.array([1, 2, 3])
    js = np.array([[2], [4], [4]])  # runs of b segments ending before js: b = 2 begins at cue 0, 2, 2
    got = openings.with_next(runs, js, 2)[1, :, 0]
    if joined:
        texts = ["the family farm The lamp went dark for an hour.", cues[3], cues[3]]
    else:
        texts = [cues[1], cues[3], cues[3]]
    assert got == pytest.approx(np.sum(embed(CLAUSES) * embed(texts), axis=1), abs=1e-6)
    if joined:  # another sentence's words pull the meaning away from the clause's own rendering
        assert got[0] < (embed(CLAUSES[:1]) @ embed(cues[1:2]).T).item() - 0.05


def test_the_encoder_is_kept_after_a_short_document_and_let_go_after_a_long_one(monkeypatch):
    """Loading takes a second and 120 MB: kept for the next talk, unless a long document's search needs the memory."""
    encoder.cache_clear()
    embed(["Thank you."])
    embed(["So let me recap."])
    assert (encoder.cache_info().misses, encoder.cache_info().currsize) == (1, 1)
    monkeypatch.setattr(meaning, "KEEP_BELOW", 3)
    embed(["One.", "Two.", "Three."])
    assert encoder.cache_info().currsize == 0
