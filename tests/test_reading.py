"""English shown alone is cut into cues at sentence ends first, then clause marks (subtitles.reading)."""

from hypothesis import given
from hypothesis import strategies as st

from subtitles.reading import english_cuts


def within(width: int, words: list[str]):
    """A cue is as full as its words' share of `width` characters, and does not fit past it."""
    return lambda i, j: len(" ".join(words[i:j])) / width if len(" ".join(words[i:j])) <= width else None


def never(i: int, j: int) -> bool:
    return False


def pieces(words: list[str], cuts: list[int]) -> list[str]:
    edges = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in zip(edges, edges[1:])]


def test_four_sentences_are_four_cues_rather_than_three_cut_mid_phrase():
    words = ("Before we start, a quick word from our sponsor. This episode is brought to you by Northwind Coffee. "
             "Fresh beans, roasted every Tuesday. Use the code SIGNAL for ten percent off.").split()
    ends = ["sentence" if w[-1] == "." else "clause" if w[-1] == "," else "word" for w in words]
    assert pieces(words, english_cuts(ends, within(60, words), never)) == [
        "Before we start, a quick word from our sponsor.", "This episode is brought to you by Northwind Coffee.",
        "Fresh beans, roasted every Tuesday.", "Use the code SIGNAL for ten percent off."]


def test_a_sentence_too_long_for_one_cue_is_cut_at_a_clause_mark_rather_than_evenly():
    words = "When I was twelve, my grandfather gave me a box of old tapes he had recorded in the sixties.".split()
    ends = ["clause" if w == "twelve," else "word" for w in words]
    assert pieces(words, english_cuts(ends, within(75, words), never)) == [
        "When I was twelve,", "my grandfather gave me a box of old tapes he had recorded in the sixties."]


def test_a_run_that_fits_is_one_cue_and_a_word_too_long_for_any_cue_stands_alone():
    assert english_cuts(["word", "sentence"], lambda i, j: 0.5, never) == []
    assert english_cuts(["word", "word", "word"], lambda i, j: 0.5 if j - i == 1 and i != 1 else None, never) == [1, 2]


def test_a_cue_too_short_to_read_is_avoided_even_at_the_cost_of_a_cut_inside_a_clause():
    # "… the way we want it most. | Thanks.": the one cheap cut leaves `Thanks.` to flash by.
    words = "one two three four five six seven eight nine ten most. Thanks.".split()
    ends = ["sentence" if w.endswith(".") else "word" for w in words]
    fit = lambda i, j: (j - i) / 11 if j - i <= 11 else None  # noqa: E731  (eleven words fit a cue)
    assert english_cuts(ends, fit, never) == [11]
    assert english_cuts(ends, fit, lambda i, j: j - i < 2) == [6]


def test_among_cuts_equally_dear_the_one_leaving_even_cues_is_taken():
    words = "That asserts that the cards indices contain that index".split()
    assert pieces(words, english_cuts(["word"] * len(words), within(40, words), never)) == [
        "That asserts that the cards", "indices contain that index"]


@given(st.lists(st.tuples(st.text(alphabet="abcdefgh", min_size=1, max_size=12),
                          st.sampled_from(["sentence", "clause", "word"])), min_size=1, max_size=40),
       st.integers(min_value=8, max_value=60))
def test_every_cue_fits_and_cuts_at_sentence_ends_alone_give_the_fewest_cues(tagged, width):
    words = [w for w, _ in tagged]
    ends = [e for _, e in tagged]
    cuts = english_cuts(ends, within(width, words), never)
    assert cuts == sorted(set(cuts)) and all(0 < c < len(words) for c in cuts)
    assert all(len(p) <= width or " " not in p for p in pieces(words, cuts))
    # where every word ends a sentence, every cut costs the same: the fewest cues, as filling each cue does
    greedy, line = 1, ""
    for w in words:
        if line and len(line + " " + w) > width:
            greedy, line = greedy + 1, w
        else:
            line = f"{line} {w}" if line else w
    assert len(english_cuts(["sentence"] * len(words), within(width, words), never)) + 1 == greedy
