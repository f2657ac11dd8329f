"""Line breaking rules for Chinese subtitle lines (DESIGN §4: at most 18 characters where possible)."""

from hypothesis import given
from hypothesis import strategies as st

from subtitles.linebreak import display_width, wrap_chinese, wrap_english


def test_a_title_stays_whole_when_it_fits_on_a_line():
    assert wrap_chinese("欢迎回到我们的节目《The Long Signal》，", 18) == ["欢迎回到我们的节目", "《The Long Signal》，"]


def test_latin_letters_take_half_the_room_of_chinese_characters():
    # 22 characters, but 14.5 wide on screen: one line
    assert display_width("欢迎回到《The Long Signal》，") == 14.5
    assert wrap_chinese("欢迎回到《The Long Signal》，", 18) == ["欢迎回到《The Long Signal》，"]


def test_lines_keep_to_the_width_when_boundaries_allow():
    text = "我们今天讨论大型语言模型以及它们的训练方法和数据来源的问题"
    lines = wrap_chinese(text, 18)
    assert "".join(lines) == text and len(lines) == 2
    assert all(len(line) <= 18 for line in lines)


def test_a_cut_after_punctuation_beats_a_nearby_word_boundary():
    assert wrap_chinese("他说：这是一个非常好的问题，我们需要仔细想想怎么办", 18)[0].endswith("，")


def test_english_lines_are_balanced_and_within_width():
    lines = wrap_english("This is a fairly long English subtitle line that needs two lines", 42)
    assert len(lines) == 2 and all(len(line) <= 42 for line in lines)


def test_english_lines_never_pass_the_width_when_a_break_allows():
    """84 characters that two lines of 42 cannot hold: the last line used to take the rest (44 characters)."""
    text = "background music was almost impossible. Now a neural network can do it in real time."
    lines = wrap_english(text, 42)
    assert all(len(line) <= 42 for line in lines) and " ".join(lines) == text


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=15), min_size=1, max_size=40),
       st.integers(min_value=10, max_value=60))
def test_english_lines_keep_every_word_in_order_within_the_width(words, width):
    text = " ".join(words)
    lines = wrap_english(text, width)
    assert " ".join(lines) == text
    assert all(len(line) <= width or " " not in line for line in lines)
