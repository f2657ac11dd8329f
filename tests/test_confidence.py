"""Which confidence model judges which kind of English (companion/align/confidence.py)."""

import numpy as np
import pytest

from companion.align.confidence import COEFFICIENTS, HEARD, assign, features
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
