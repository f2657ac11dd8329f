"""The article's own timestamps: read into paragraphs, and checked against the alignment."""

import pytest

from companion.align.stamps import TOLERANCE, check_stamps
from companion.article import parse_article
from companion.article.stamps import seconds


@pytest.mark.parametrize("stamp, value", [("[01:02:03.5]", 3723.5), ("(12:34)", 754.0), ("00:00:07,250", 7.25),
                                          ("【1:00:00】", 3600.0)])
def test_a_stamp_is_read_in_seconds(stamp, value):
    assert seconds(stamp) == value


def test_a_paragraph_keeps_the_time_printed_at_its_start_right_above_it_or_at_its_heading():
    a = parse_article("访谈\n\n第一部分\n\n[00:01:15] 主持人：欢迎。\n\n[00:02:00] 今天我们聊声音。\n\n00:03:10\n嘉宾：好的。"
                      "\n\nLena 00:04:00\n你好。\n\n主持人：没有时间。[00:05:00] 嘉宾：中间的不算。\n\n00:06:00\n\n第二部分\n\n"
                      "嘉宾：章节的时间是它第一段的。\n\n第三部分 [00:07:00]\n\n00:07:30 第四部分\n\n嘉宾：只取紧挨着的。")
    assert [(p.stamp, p.speakers) for p in a.paragraphs] == [
        (75.0, ["主持人"]), (120.0, []), (190.0, ["嘉宾"]), (240.0, ["Lena"]), (None, ["主持人", "嘉宾"]), (360.0, ["嘉宾"]),
        (450.0, ["嘉宾"])]
    assert a.paragraphs[1].text == "今天我们聊声音。"
    assert [s.text for s in a.skipped if s.reason == "timestamp"] == [
        "[00:01:15]", "[00:02:00]", "00:03:10", "00:04:00", "[00:05:00]", "00:06:00", "[00:07:00]", "00:07:30"]


def test_a_time_in_prose_opening_a_paragraph_stays():
    a = parse_article("访谈\n\n第一部分\n\n10:30 我们出发了。")
    assert a.paragraphs[0].text == "10:30 我们出发了。" and a.paragraphs[0].stamp is None


def starts_and_stamps(offsets: list[float]) -> tuple[dict[int, float], dict[int, float]]:
    stamps = {k: 60.0 * k for k in range(len(offsets))}
    return {k: stamps[k] + offset for k, offset in enumerate(offsets)}, stamps


def test_stamps_that_agree_flag_nothing_whatever_the_offset():
    check = check_stamps(*starts_and_stamps([30.4, 30.9, 29.8, 31.0, 30.2, 30.6]))
    assert check.followed and check.off == {} and check.offset == pytest.approx(30.5)


def test_an_ad_inserted_midway_shifts_the_stamps_after_it_and_flags_nothing():
    check = check_stamps(*starts_and_stamps([0.5, 0.2, 0.9, 0.4, 60.3, 60.8, 60.1, 60.5]))
    assert check.followed and check.off == {}


def test_a_paragraph_away_from_its_stamp_is_named_with_its_distance():
    offsets = [0.5, 0.2, 0.9, 0.4, 0.3, 0.8, 0.1]
    offsets[3] = 12.4
    check = check_stamps(*starts_and_stamps(offsets))
    assert check.followed and list(check.off) == [3] and check.off[3] == pytest.approx(12.4 - 0.5)
    offsets[3] = 0.4 + TOLERANCE - 0.1
    assert check_stamps(*starts_and_stamps(offsets)).off == {}


def test_stamps_of_another_recording_are_not_followed_and_too_few_say_nothing():
    check = check_stamps(*starts_and_stamps([3.0, -50.0, 120.0, 14.0, -7.0, 300.0]))
    assert not check.followed
    assert check_stamps(*starts_and_stamps([0.5, 20.0])) is None
