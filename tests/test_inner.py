"""Sharing a bead's English segments among its Chinese sentences."""

from companion.align.inner import share_segments


def test_second_sentence_starts_at_the_segment_its_words_are_in():
    zh = ["我非常喜欢猫，真的很喜欢它们。", "但是狗太吵了。"]
    segments = ["I like cats very much,", "I really do like them,", "but dogs are far too noisy."]
    assert share_segments(zh, segments, 0.4, 2.5) == [0, 2]


def test_evidence_beats_proportion():
    segments = ["First, the museum", "keeps many old tapes and recordings", "from the radio."]
    assert share_segments(["博物馆。", "磁带和录音。"], segments, 0.4, 2.5) == [0, 1]


def test_too_few_segments_gives_none():
    assert share_segments(["一。", "二。", "三。"], ["one two three"], 0.4, 2.5) is None
    assert share_segments(["一。"], ["one", "two"], 0.4, 2.5) is None
