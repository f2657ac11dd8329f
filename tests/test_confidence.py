"""Which confidence model judges which kind of English (companion/align/confidence.py)."""

import numpy as np
import pytest

from companion.align.confidence import COEFFICIENTS, FEATURES, HEARD, assign, features
from companion.align.timing import Placed


def placements() -> list[Placed]:
    return [Placed(1.0, 3.0, True, 0.6, "so here we are", margin=4.0),
            Placed(3.0, 6.5, True, 0.3, "and then the storm came", margin=0.5, shared=True),
            Placed(6.5, 7.0, False, 0.0, "")]


@pytest.mark.parametrize("fragments, captions, model", [(True, False, HEARD), (True, True, COEFFICIENTS),
                                                        (False, False, COEFFICIENTS)])
def test_recognised_words_have_a_model_of_their_own(fragments, captions, model):
    """Words recognised and cut at pauses are judged by HEARD; captions without word times and punctuated
    English by COEFFICIENTS (the two give different confidences for the same placements)."""
    texts, opens = ["我们开始吧。", "然后风暴来了。", "（笑声）"], [True, False, False]
    placed = placements()
    assign(placed, texts, opens, fragments, trusted=True, captions=captions)
    x = features(placements(), texts, opens, fragments, captions)
    expected = 1 / (1 + np.exp(-(x @ model)))
    assert [p.confidence for p in placed] == pytest.approx(np.round(expected, 3).tolist(), abs=1e-9)
    other = HEARD if model is COEFFICIENTS else COEFFICIENTS
    assert not np.allclose(np.round(1 / (1 + np.exp(-(x @ other))), 3), [p.confidence for p in placed])


def test_a_first_clause_found_only_later_in_its_english_or_before_it_lowers_confidence():
    """A sentence whose first clause finds its words only after the segment it starts in (most often a start a
    segment early, on English a sentence left out rendered) is less sure than the same sentence starting where
    its first clause is said; so is one whose first clause is found only in the segment before (a start a segment
    late). A sentence of one clause is its own first clause; one whose first clause is found where it starts is not
    marked."""
    text = "法官很生气，但警察什么也没做。"
    said = "The judge was very angry, but the police did nothing."
    early = Placed(1.0, 6.0, True, 0.5, "Nobody saw the thief. " + said, margin=4.0, first="Nobody saw the thief.")
    right = Placed(3.0, 6.0, True, 0.5, said + " Nobody saw the thief.", margin=4.0, first=said)
    late = Placed(3.0, 6.0, True, 0.5, "Nobody saw the thief.", margin=4.0, first="Nobody saw the thief.",
                  before=said)
    rows = [features([p], [t], [True], False)[0]
            for p, t in ((early, text), (right, text), (early, "法官很生气。"), (right, "法官很生气。"), (late, text))]
    assert [row[FEATURES.index("head_later")] for row in rows] == [1.0, 0.0, 1.0, 0.0, 0.0]
    assert [row[FEATURES.index("head_before")] for row in rows] == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert np.count_nonzero(rows[0] != rows[1]) == 1  # nothing else tells the two apart
    for p in (early, right):
        assign([p], [text], [True], False, trusted=True)
    assert early.confidence < right.confidence
