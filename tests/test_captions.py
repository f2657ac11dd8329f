"""Cue building rules on small hand-made cases: whole clauses, no scraps, a readable speed."""

import re

import pytest

from companion.captions import EVEN_REACH, LEAD, READING_SPEED, Rules, TimedChinese, build_cues
from companion.transcript.model import Segment, Transcript, Word

HAN = re.compile(r"[\u4e00-\u9fff]")


def chinese_of(cue) -> str:
    return "".join(line for line in cue.lines if HAN.search(line))


def speed(cue) -> float:
    return len(HAN.findall(chinese_of(cue))) / (cue.end - cue.start)


def test_a_chinese_cue_ends_at_a_clause_even_when_the_english_cue_boundary_does_not():
    # The English cue boundary (2.0 s) falls where the Chinese is only "旧磁带可能很" into its clause.
    transcript = Transcript([Segment(0.0, 2.0, "Old tapes can be"), Segment(2.0, 5.0, "fragile, so we copy them first.")])
    sentence = TimedChinese("旧磁带可能很脆弱，所以我们先把它们复制一份再做别的事情。", 0.0, 5.0)
    bilingual, zh_only, _ = build_cues(transcript, [sentence])
    for cues in (bilingual, zh_only):
        assert all(chinese_of(c).rstrip()[-1] in "，。" for c in cues if chinese_of(c))


def test_no_cue_holds_a_scrap_of_a_longer_sentence():
    transcript = Transcript([Segment(0.0, 3.0, "What we found was"), Segment(3.0, 3.6, "strange."),
                             Segment(3.6, 7.0, "Nobody had listened to those tapes for thirty years.")])
    sentence = TimedChinese("我们发现的东西很奇怪，什么？三十年来没有人听过这些磁带。", 0.0, 7.0)
    bilingual, zh_only, _ = build_cues(transcript, [sentence])
    for cues in (bilingual, zh_only):
        assert all(len(HAN.findall(chinese_of(c))) > 4 for c in cues)


def test_a_dense_cue_borrows_time_from_the_slow_one_it_touches():
    # Twenty characters spoken in 1.6 s, then six characters over 4 s: 12.5 and 1.5 characters a second.
    transcript = Transcript([Segment(0.0, 1.6, "So we need a better product."), Segment(1.6, 5.6, "And time.")])
    dense = TimedChinese("所以我们需要一种更好的注射器和更好的信息。", 0.0, 1.6)
    slow = TimedChinese("还有时间。", 1.6, 5.6)
    bilingual, zh_only, _ = build_cues(transcript, [dense, slow])
    for cues in (bilingual, zh_only):
        first, second = cues
        assert speed(first) <= READING_SPEED + 1e-6 or first.end == pytest.approx(1.6 + EVEN_REACH)
        assert first.end == second.start and 1.6 < first.end <= 1.6 + EVEN_REACH + 1e-9
        assert second.end - second.start >= Rules().zh_min_duration - 1e-9


def test_the_cut_moves_no_further_than_its_reach_and_never_for_readable_cues():
    transcript = Transcript([Segment(0.0, 1.3, "Hi."), Segment(1.3, 9.0, "Then a long, slow answer follows here.")])
    dense = TimedChinese("你好，今天我们要谈的是一个非常长的话题。", 0.0, 1.3)  # 19 characters in 1.3 s
    slow = TimedChinese("然后是一个很慢很慢的回答，慢到大家都快睡着了。", 1.3, 9.0)
    _, zh_only, _ = build_cues(transcript, [dense, slow])
    assert zh_only[0].end == pytest.approx(1.3 + EVEN_REACH) and zh_only[1].start == zh_only[0].end
    readable = [TimedChinese("你好。", 0.0, 1.5), TimedChinese(slow.text, 1.5, 9.0)]
    _, zh_only, _ = build_cues(transcript, readable)
    assert zh_only[0].end == pytest.approx(1.5)


def test_a_short_sentence_over_a_long_untranslated_span_leaves_that_english_on_its_own():
    # The translator skipped most of what was said: one short Chinese sentence spans fourteen seconds.
    said = ["If you see, in the spectrum of a planet's host star, strange chemical elements,",
            "it can be a signal from a civilization which is there and wants to signal it.",
            "That is what he thought, at least.", "And he said so many years ago."]
    transcript = Transcript([Segment(3.5 * k, 3.5 * (k + 1), text) for k, text in enumerate(said)])
    bilingual, zh_only, _ = build_cues(transcript, [TimedChinese("他就这么认为。", 0.0, 14.0)])
    rules = Rules()
    assert all(len(c.lines) <= 4 for c in bilingual)
    assert sum(len(c.lines) > rules.max_lines for c in bilingual) == 0
    assert all(c.end - c.start <= rules.max_duration for c in zh_only)
    shown = " ".join(line for c in bilingual for line in c.lines if not HAN.search(line))
    assert shown.split() == " ".join(said).split()  # every English word still shown, once, in order
    assert sum("他就这么认为。" in chinese_of(c) for c in bilingual) == 1


def test_a_word_spoken_between_two_sentences_joins_a_neighbour_instead_of_flashing_alone():
    # Word-timed English (forced alignment): "Mr." falls in the 0.5 s between the two sentences' spans.
    words = [Word("I", 0.0, 0.3), Word("met", 0.3, 0.8), Word("him.", 0.8, 2.0), Word("Mr.", 2.1, 2.4),
             Word("Smith", 2.6, 3.2), Word("smiled.", 3.2, 4.5)]
    transcript = Transcript([Segment(0.0, 4.5, " ".join(w.text for w in words), words=words)])
    chinese = [TimedChinese("我见到了他。", 0.0, 2.0), TimedChinese("史密斯先生笑了。", 2.5, 4.5)]
    bilingual, _, _ = build_cues(transcript, chinese)
    assert all(c.end - c.start >= 1.0 for c in bilingual)
    assert all(HAN.search(chinese_of(c)) for c in bilingual)  # no English-only cue
    shown = " ".join(line for c in bilingual for line in c.lines if not HAN.search(line))
    assert shown.split() == [w.text for w in words]


def test_a_cue_too_dense_to_read_shows_a_little_early_when_the_next_follows_at_once():
    # Twelve characters in 1.2 s (10 a second), the next sentence right after, a pause before.
    transcript = Transcript([Segment(2.0, 3.2, "So we thought about it,"),
                             Segment(3.2, 7.0, "why not try it the other way round this time?")])
    chinese = [TimedChinese("所以我们当时就在想这件事，", 2.0, 3.2),
               TimedChinese("为什么我们不干脆反过来试试看呢，也许这样一来所有问题都会迎刃而解？", 3.2, 7.0)]
    bilingual, zh_only, _ = build_cues(transcript, chinese)
    for cues in (bilingual, zh_only):
        first = cues[0]
        assert first.end == pytest.approx(3.2) and 2.0 - LEAD - 1e-9 <= first.start < 2.0
        assert speed(first) <= READING_SPEED + 1e-6


def test_recognised_speech_writes_i_as_i_in_every_track():
    """PocketSphinx writes the pronoun `i`; the English track (from segment texts) showed `I` and the bilingual
    cues (from the words) `i`."""
    from companion.transcript.from_words import transcript_from_words

    heard = [Word(w, 0.3 * k, 0.3 * k + 0.25) for k, w in enumerate("i think i'm late said ivan".split())]
    transcript = transcript_from_words(heard)
    bilingual, _, english = build_cues(transcript, [TimedChinese("我想我迟到了，伊万说。", 0.0, 1.9)])
    for cues in (bilingual, english):
        text = " ".join(line for c in cues for line in c.lines if not HAN.search(line))
        assert text.split() == ["I", "think", "I'm", "late", "said", "ivan"], text


def test_english_words_a_crowded_cue_lends_go_to_the_neighbour_that_shows_them_nearer_their_time():
    """The middle cue needs two English and two Chinese lines, with no clause to cut at: part of its English goes to a
    neighbour. Its first words are said slowly and its last ones quickly, just before the next cue: lent to the cue
    before (as it was always tried first), they showed up to 3.2 s before they were said; to the next one, 0.8 s after."""
    slow = "Today we are going to talk about the".split()
    fast = "growing number of bike lanes in the city".split()
    words = [Word(w, 2.0 + 0.4 * k, 2.0 + 0.4 * k + 0.35) for k, w in enumerate(slow)]
    words += [Word(w, 5.2 + 0.1 * k, 5.2 + 0.1 * k + 0.08) for k, w in enumerate(fast)]
    transcript = Transcript([Segment(0.0, 2.0, "Hello."), Segment(2.0, 6.0, " ".join(slow + fast), words=words),
                             Segment(6.0, 8.0, "Right.")])
    chinese = [TimedChinese("你好。", 0.0, 2.0), TimedChinese("我们今天要讨论的是城市里越来越多的自行车道。", 2.0, 6.0),
               TimedChinese("好的。", 6.0, 8.0)]
    bilingual, _, _ = build_cues(transcript, chinese)
    english = [" ".join(line for line in c.lines if not HAN.search(line)) for c in bilingual]
    assert "growing" in english[2] and "Today" in english[1], english
    assert all(len(c.lines) <= Rules().max_lines for c in bilingual)


def test_english_no_one_translated_is_shown_in_cues_that_end_at_its_sentence_ends():
    # An untranslated ad of four sentences (16 s: three cues at most 7 s would cut them mid-phrase), then the show.
    ad = ["Before we start, a quick word from our sponsor.", "This episode is brought to you by Northwind Coffee.",
          "Fresh beans, roasted every Tuesday, delivered to your door.",
          "Use the code SIGNAL for ten percent off your first bag."]
    transcript = Transcript([Segment(0.0, 16.0, " ".join(ad)), Segment(17.0, 20.0, "Welcome back to the show.")])
    bilingual, _, english = build_cues(transcript, [TimedChinese("欢迎回到节目。", 17.0, 20.0)])
    for cues in (bilingual, english):
        alone = [" ".join(c.lines) for c in cues if c.end <= 16.0]
        assert alone == ad
