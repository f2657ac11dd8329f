"""Glosses the document teaches (align/learned.py): a name the dictionary lacks, met again and again."""

import pytest

from companion.align.aligner import align_sentences
from companion.align.evidence import Sides
from companion.align.learned import MEETINGS, SURE, learn_glosses, with_glosses
from companion.align.search import Bead
from companion.transcript.model import Segment
from companion.transcript.readers import normalise
from companion.transcript.split import split_at_sentences

# (English, Chinese): a keeper whose name CC-CEDICT does not know (泽娜布, "Zainab"); original text.
PAIRS = [
    ("Zainab kept the lighthouse on the northern island for thirty years.", "泽娜布在北边的岛上看守灯塔三十年。"),
    ("Every evening Zainab climbed two hundred steps to light the lamp.", "每天傍晚，泽娜布爬两百级台阶去点亮灯。"),
    ("The ships that passed at night never knew her name.", "夜里经过的船只从来不知道她的名字。"),
    ("In winter Zainab wrote letters to her sister in the city.", "冬天，泽娜布给城里的姐姐写信。"),
    ("I found those letters in a wooden box after she died.", "她去世后，我在一个木箱里找到了那些信。"),
    ("One letter describes a storm that nearly destroyed the tower.", "有一封信描述了一场差点摧毁灯塔的风暴。"),
    ("The wind broke every window and the lamp went dark.", "狂风打碎了所有窗户，灯熄灭了。"),
    ("Who carried candles up the stairs until dawn?", "是谁把蜡烛搬上楼梯，一直守到天亮？"),
    ("Zainab.", "泽娜布。"),
    ("Today the lighthouse is automatic and nobody lives on the island.", "如今灯塔已经自动化，岛上也没有人住了。"),
]


def test_a_word_the_dictionary_lacks_is_learnt_from_the_sure_beads_it_keeps_meeting():
    sides = Sides.read([z for _, z in PAIRS], [e for e, _ in PAIRS])
    beads = [Bead((k, k + 1), (k, k + 1), SURE) for k in range(len(PAIRS))]
    learned = learn_glosses(sides, beads)
    assert learned == {"泽娜布": frozenset({"zainab"})}
    taught = with_glosses(sides, learned)
    assert "zainab" in next(t for t in taught.zh_tokens[0] if t.text == "泽娜布").keys


@pytest.mark.parametrize("similarity, meetings", [(SURE - 0.01, 4), (SURE, MEETINGS - 1)])
def test_nothing_is_learnt_from_unsure_beads_or_too_few_meetings(similarity, meetings):
    with_name = [k for k, (_, z) in enumerate(PAIRS) if "泽娜布" in z][:meetings]
    sides = Sides.read([PAIRS[k][1] for k in with_name], [PAIRS[k][0] for k in with_name])
    assert learn_glosses(sides, [Bead((k, k + 1), (k, k + 1), similarity) for k in range(len(with_name))]) == {}


@pytest.mark.parametrize("named, learnt", [((0, 1, 3), False), ((0, 1, 3, 8), True)])
def test_a_word_met_more_often_apart_than_together_is_not_taken_for_a_translation(named, learnt):
    """泽娜布 in all ten Chinese sentences, `Zainab` only in those of `named`: three meetings against ten
    sightings are chance (Dice 6/13), four are not (8/14)."""
    chinese = [z if "泽娜布" in z else "泽娜布说，" + z for _, z in PAIRS]
    english = [e if k in named else e.replace("Zainab", "She") for k, (e, _) in enumerate(PAIRS)]
    sides = Sides.read(chinese, english)
    beads = [Bead((k, k + 1), (k, k + 1), SURE) for k in range(len(PAIRS))]
    assert ("泽娜布" in learn_glosses(sides, beads)) == learnt


def test_a_sentence_that_is_nothing_but_the_name_finds_its_english_by_it():
    cues, t = [], 0.0
    for english, _ in PAIRS:
        cues.append((t, t + 0.35 * len(english.split()) + 0.3, english))
        t = cues[-1][1] + 0.5
    aligned = align_sentences([z for _, z in PAIRS], split_at_sentences(normalise([Segment(*cue) for cue in cues])))
    answer = aligned.placed[8]  # 泽娜布。 for "Zainab."
    assert answer.start == pytest.approx(cues[8][0], abs=0.01)
    assert answer.similarity > 0.5  # no evidence at all without what the document taught
