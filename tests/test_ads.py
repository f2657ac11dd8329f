"""Sponsor reads in the English transcript (companion.transcript.ads)."""

from companion.transcript.ads import AD_GAP, ad_reads


def timed(texts: list[str], start: float = 0.0, each: float = 3.0) -> list[tuple[float, float, str]]:
    return [(start + k * each, start + k * each + each - 0.2, text) for k, text in enumerate(texts)]


def test_a_mid_roll_read_is_marked_from_its_sponsor_line_to_the_way_back():
    sentences = timed(["So that was the first tape.", "This episode is supported by Lakeside Bank.",
                       "Open an account online in five minutes.", "Lakeside Bank, banking that listens.",
                       "Now, back to the conversation.", "Walk me through a typical job."])
    assert ad_reads(sentences) == [False, True, True, True, True, False]


def test_a_pre_roll_read_without_a_way_back_is_marked_between_its_sponsor_lines_only():
    sentences = timed(["Before we start, a quick word from our sponsor.", "Fresh beans, roasted every Tuesday.",
                       "Use the code SIGNAL for ten percent off.", "Welcome back to the show.", "I'm Sam Rivera."])
    assert ad_reads(sentences) == [True, True, True, False, False]


def test_sponsor_lines_far_apart_neither_join_the_conversation_between_them_nor_count_alone():
    first = timed(["This show is brought to you by Northwind Coffee."])
    talk = timed(["We talked about tape.", "And about radios."], start=10.0)
    later = timed(["Use the code SIGNAL at checkout."], start=10.0 + AD_GAP + 5.0)
    assert ad_reads(first + talk + later) == [False] * 4


def test_ordinary_sentences_that_share_words_with_sponsor_lines_are_not_marked():
    sentences = timed(["The claim is supported by the data.", "Let's go back to the first question.",
                       "We brought the tapes to the museum.", "It was presented at a conference."])
    assert ad_reads(sentences) == [False] * 4


def test_a_lone_sponsor_line_is_no_ad_read_but_a_lone_way_back_is():
    sentences = timed(["The study was sponsored by the city.", "We went to the archive.",
                       "Anyway, let's get back to the conversation."], each=AD_GAP)
    assert ad_reads(sentences) == [False, False, True]


def test_a_break_announced_and_ended_is_an_ad_read():
    sentences = timed(["We'll be right back after this.", "Northwind Coffee, roasted every Tuesday.",
                       "And we're back.", "So, the tapes.", "We're back in the studio next week."])
    assert ad_reads(sentences) == [True, True, True, False, False]
