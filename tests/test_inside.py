"""The pieces of one sentence placed on the English words spoken in its span (align.inside), and the cues that follow."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.align.inside import cut_times
from companion.captions import TimedChinese, build_cues
from companion.transcript.model import Segment, Transcript

HAN = re.compile(r"[\u4e00-\u9fff]")


def spoken(segments: list[Segment]) -> tuple[list[str], list[float], list[bool]]:
    """Words, their starts (each segment's time shared out by characters) and whether each opens its segment."""
    words, starts, opens = [], [], []
    for seg in segments:
        tokens = seg.text.split()
        total, before = sum(len(t) + 1 for t in tokens), 0
        for k, token in enumerate(tokens):
            words.append(token)
            starts.append(seg.start + (seg.end - seg.start) * before / total)
            opens.append(k == 0)
            before += len(token) + 1
    return words, starts, opens


# A long first clause said quickly, then a short one said slowly: by characters, the second clause's piece would
# start 4.9 s into the 7 s sentence, in the middle of its own English.
SEGMENTS = [Segment(0.0, 3.5, "Last spring my sister and I drove across the whole valley to a small town by the sea,"),
            Segment(3.5, 7.0, "and the weather there was really, really perfect.")]
PIECES = ["去年春天我和姐姐一起开车穿过整个山谷去了海边的小镇，", "那里的天气非常非常好。"]


def test_a_piece_starts_where_the_english_its_words_gloss_is_spoken():
    words, starts, opens = spoken(SEGMENTS)
    assert cut_times(PIECES, words, starts, opens) == [3.5]


def test_pieces_in_the_english_order_each_find_their_own_words():
    segments = [Segment(0.0, 2.0, "The museum opens at nine,"), Segment(2.0, 3.0, "tickets cost ten dollars,"),
                Segment(3.0, 6.0, "and children under twelve get in for free.")]
    words, starts, opens = spoken(segments)
    pieces = ["博物馆九点开门，", "门票十美元，", "十二岁以下的儿童免费入场。"]
    assert cut_times(pieces, words, starts, opens) == [2.0, 3.0]


def test_no_times_when_the_span_holds_fewer_words_than_pieces():
    assert cut_times(["你好，", "欢迎。"], ["Hello."], [0.0], [True]) is None
    assert cut_times(["你好。"], ["Hello", "there."], [0.0, 0.5], [True, False]) is None


def test_the_chinese_cue_of_a_clause_starts_when_its_english_is_said():
    """Before, the second clause's cue started at 4.9 s, its share of the sentence's characters, while its English
    ("and the weather there was…") starts at 3.5 s: a cue boundary more than a second away is not snapped to."""
    sentence = "".join(PIECES)
    bilingual, zh_only, _ = build_cues(Transcript(SEGMENTS), [TimedChinese(sentence, 0.0, 7.0)])
    for cues in (bilingual, zh_only):
        second = next(c for c in cues if "天气" in "".join(c.lines))
        assert abs(second.start - 3.5) < 0.2, second.start
        assert "".join(HAN.findall("".join(line for c in cues for line in c.lines))) == "".join(HAN.findall(sentence))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["模型，", "视图和控制器，", "按钮发送动作。", "数据", "协议，"]), min_size=1, max_size=40),
       st.lists(st.sampled_from(["model", "view,", "controller", "button.", "the", "data", "protocol"]), max_size=300))
def test_every_piece_after_the_first_gets_a_start_in_order_from_the_words_of_the_span(pieces, words):
    starts = [0.25 * k for k in range(len(words))]
    opens = [k % 5 == 0 for k in range(len(words))]
    found = cut_times(pieces, words, starts, opens)
    if len(pieces) < 2 or len(words) < len(pieces):
        assert found is None
        return
    assert len(found) == len(pieces) - 1
    assert all(t in starts for t in found) and found == sorted(found) and len(set(found)) == len(found)
    assert found[0] > 0.0  # the first piece keeps a word of its own


def test_a_bilingual_cue_cut_in_two_cuts_where_the_second_halfs_english_begins():
    """Five lines (three of English, two of Chinese) are cut at the clause mark; by characters the second half would
    show from 5.3 s, while "then we walked down for breakfast." is said from 6.0 s."""
    segments = [Segment(0.0, 6.0, "Yesterday on top of the mountain we watched a truly beautiful sunrise,"),
                Segment(6.0, 7.5, "then we walked down for breakfast.")]
    bilingual, _, _ = build_cues(Transcript(segments), [TimedChinese("我们昨天在山顶上看到了非常美丽的日出，然后下山吃早饭。", 0.0, 7.5)])
    second = next(c for c in bilingual if "早饭" in "".join(c.lines))
    assert abs(second.start - 6.0) < 0.1, second.start
