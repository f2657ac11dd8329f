"""Cross-lingual evidence: dictionary glosses, inflections, names, numbers."""

import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.align.evidence import Evidence, Sides, _Found, english_length, weigh
from companion.lexicon.chinese import numbers, renders_opening_phrase, renders_opening_word


def gather(zh_texts: list[str], en_texts: list[str]) -> Evidence:
    """Evidence of every Chinese sentence against every English sentence."""
    return weigh(Sides.read(zh_texts, en_texts))


def pair_similarity(zh: str, en: str, filler: int = 6) -> tuple[float, float]:
    """(share of the Chinese matched, share of the English matched) for one pair among unrelated English."""
    others = [f"The weather in the northern valley number {k} was cold and grey." for k in range(filler)]
    ev = gather([zh], [en, *others])
    return ev.zh_hit[0, 0] / ev.zh_total[0], ev.en_hit[0, 0] / ev.en_total[0]


@pytest.mark.parametrize("zh, en", [
    ("我在17岁时开始学习。", "I started learning when I was seventeen."),  # number word, inflection
    ("那是2003年。", "That was in two thousand three."),
    ("我和Geoff Hinton合作。", "I worked with Jeff Hinton."),  # near-spelling of a name
    ("（鼓掌）", "(Applause)"),  # applaud / applause
    ("这就是野生倭黑猩猩的世界。", "This is the world of wild bonobos."),
])
def test_translations_find_each_other(zh, en):
    zh_share, en_share = pair_similarity(zh, en)
    assert zh_share >= 0.5 and en_share >= 0.4


@given(st.dictionaries(st.sampled_from(["data", "datum", "record", "file"]),
                       st.tuples(st.floats(0.1, 5.0), st.lists(st.integers(0, 40), min_size=1, unique=True)),
                       min_size=1))
def test_a_token_found_by_several_keys_at_one_place_weighs_there_as_its_best_key(found):
    """Where two glosses of one token are both found in an English sentence, the sentence holds the token once, at
    the weight of the rarer word, and each place is listed once, in order."""
    idf = {k: weight for k, (weight, _) in found.items()}
    postings = {k: sorted(at) for k, (_, at) in found.items()}
    best: dict[int, float] = {}
    for k, at in postings.items():
        for j in at:
            best[j] = max(best.get(j, 0.0), idf[k])
    at, weights = _Found(idf, postings, 3, np.ones(41))._best(list(found))
    assert at.tolist() == sorted(best)
    assert weights.tolist() == [best[j] for j in sorted(best)]


def test_unrelated_sentences_do_not():
    zh_share, en_share = pair_similarity("我在17岁时开始学习。", "Bananas grow in warm countries near the sea.")
    assert zh_share < 0.2 and en_share < 0.2


def test_evidence_only_counts_where_the_words_are():
    ev = gather(["倭黑猩猩很爱玩。"], ["The weather is cold.", "Bonobos love to play."])
    assert ev.zh_hit[0, 1] > 0 and ev.zh_hit[0, 0] == 0


@pytest.mark.parametrize("text, expected", [
    ("我十七岁的时候", ["17"]), ("2003年", ["2003"]), ("一个很小的贡献", []), ("百分之九十", ["90"]),
    ("一九九八年", ["1998"]), ("一九八九年", ["1989"]), ("二十四个", ["24"]),
])
def test_chinese_numbers(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("两三个人", ["2", "3"]),  # "two or three people"
    ("她七八岁的时候", ["7", "8"]),
    ("一两年", ["2"]),  # "a year or two": one counts for nothing
    ("十七八岁", ["17", "18"]), ("三十四五岁", ["34", "35"]),
    ("上世纪六七十年代", ["60", "70"]),  # "the sixties and seventies"
    ("四五千度", ["4", "5000"]),  # "four or five thousand degrees"
    ("三四万人", ["30", "40000"]),  # "thirty or forty thousand people"
    ("三四亿", ["3", "400000000"]),  # "three or four hundred million"
    ("房间里乱七八糟", []),  # "the room is a mess": no number at all
])
def test_a_guess_between_two_numbers_is_read_as_the_english_says_it(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("数百名学生", ["100"]),  # "hundreds of students"
    ("几千年", ["1000"]),  # "thousands of years"
    ("数万人", ["10", "1000"]),  # "tens of thousands of people"
    ("几百万人", ["1000000"]),  # "millions of people"
    ("上百个", ["100"]),
    ("成千上万的鸟", ["1000"]),  # "thousands of birds"
])
def test_tens_hundreds_or_thousands_of_something_are_read_as_the_english_says_them(text, expected):
    assert numbers(text) == expected


def test_a_guess_between_two_numbers_finds_its_english():
    ev = gather(["我们等了七八个月。"], ["The bill was 78 dollars.", "We waited seven or eight months."])
    assert ev.zh_hit[0, 1] > ev.zh_hit[0, 0]
    ev = gather(["数百名学生来了。"], ["Ten came.", "Hundreds came."])
    assert ev.zh_hit[0, 1] > ev.zh_hit[0, 0]


def test_transliterated_names_are_short_for_the_length_prior():
    from companion.lexicon.chinese import length

    assert length("这是弗拉基米尔。") == length("这是小明。")  # a name counts as two characters
    assert length("他来自芝加哥") == 5


def test_unknown_long_words_carry_no_single_character_noise():
    from companion.lexicon.chinese import tokens

    found = {t.text: t.keys for t in tokens("我们去了塔尔图。")}
    assert found.get("塔尔图") == () and "塔" not in found


def test_a_name_jieba_cuts_in_pieces_is_read_whole_when_cc_cedict_knows_it():
    """jieba cuts 撒马利亚 (Samaria) into 撒 "scatter, go" and 马利亚 "Mary, Christ": the pieces found the sentence
    about a Christian school one goes to, not the one with the Samaritan."""
    from companion.lexicon.chinese import words

    zh = "他从小被教育要做一个好的撒马利亚人。"
    assert "撒马利亚" in words(zh)
    ev = gather([zh], ["Every day he would go to a Christian school.", "He was raised to be a good Samaritan."])
    assert ev.zh_hit[0, 1] > ev.zh_hit[0, 0]


def test_english_length_counts_only_what_is_spoken():
    # a translator renders neither the sound annotation nor the speaker label (that becomes the speaker)
    assert english_length("(Video) Narrator: Eventually, these beasts live.") == english_length("Eventually, these beasts live.")
    assert english_length("[Music] So: it works") == english_length("So: it works")
    assert english_length("Yes, Theo Jansen: hello") > english_length("hello") + 10  # a label only at the start


def test_a_sound_annotation_is_evidence_of_its_kind_but_its_words_are_no_speech():
    """`(Light clapping)` meets `（掌声）`, but not 鼓掌 ("clap your hands") of the sentence before it."""
    from companion.lexicon.chinese import tokens
    from companion.lexicon.english import keys, sound_key

    assert keys("(Light clapping)") == [sound_key("applause")] == list(tokens("（掌声）")[-1].keys)
    assert keys("[Laughter] So, it works.") == ["work", sound_key("laughter")]
    for brackets in ("［掌声］", "〔掌声〕", "【掌声】", "[掌声]", "(掌声)"):  # full-width and half-width forms alike
        assert list(tokens(brackets)[-1].keys) == [sound_key("applause")]


def test_other_sounds_meet_each_other_but_a_word_holding_sound_is_none():
    """`(Honk)` and `(Siren noise)` meet `（汽车喇叭声）` and `（警报噪声）`; a Chinese annotation ending in 声 is a
    sound (`（敲门声）`), but one that only holds it (`（声明）`, "statement") is a translator's note."""
    from companion.lexicon.chinese import sounds, tokens
    from companion.lexicon.english import keys, sound_key

    noise = sound_key("noise")
    assert keys("(Honk)") == [noise] and set(keys("(Siren noise)")) == {noise}
    for annotation in ("（汽车喇叭声）", "（警报噪声）", "（敲门声）"):
        assert tokens(annotation)[-1].keys == (noise,)
    assert sounds("（声明）") == [] and sounds("（稀疏的掌声）")[0][1] == "applause"


def test_evidence_does_not_change_with_pythons_string_hashing():
    """Sets of English keys iterate in an order that changes with PYTHONHASHSEED; evidence summed in
    that order came out different in the last bits, enough to move a confidence or a tie."""
    code = ("from companion.align.evidence import Sides, weigh\n"
            "words = 'apple banana cherry damson elder fig grape hazel iris juniper kale lemon mango nectar olive'"
            " ' pepper quince radish sorrel thyme ugli vanilla walnut yam zucchini'.split()\n"
            "en = [' '.join(words[k % 7::k % 5 + 1]) for k in range(40)]\n"
            "ev = weigh(Sides.read(['苹果香蕉樱桃葡萄柠檬芒果橄榄胡椒香草核桃'] * 3, en))\n"
            "print(ev.en_total.tobytes().hex(), ev.en_hit.tobytes().hex(), ev.zh_hit.tobytes().hex())")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(6)}
    assert len(runs) == 1


def test_a_chain_of_hyphenated_words_is_read_word_by_word():
    from companion.lexicon.english import keys

    assert "#25" in keys("Twenty-five-and-a-quarter years ago I read")  # the number the Chinese writes as 25
    assert keys("a state-of-the-art studio") == ["state", "art", "studio"]
    assert "well-known" in keys("a well-known name")  # two parts: one word


@pytest.mark.parametrize("english, chinese", [
    ("A typical store offers you 100,000 products.", "一家普通的商店为你提供100000种商品。"),
    ("A typical store offers you 100000 products, more or less.", "一家普通的商店为你提供100,000种商品。"),
])
def test_a_number_with_thousands_separators_matches_the_same_digits_without(english, chinese):
    """`100,000` and `100000` are the same anchor, in either language (a Chinese character beside
    the digits is no word boundary)."""
    from companion.lexicon.chinese import tokens
    from companion.lexicon.english import keys

    assert "#100000" in keys(english)
    assert any("#100000" in t.keys for t in tokens(chinese))


@pytest.mark.parametrize("english, chinese, anchor", [
    ("15 million people", "1500万人", "#15000000"), ("200 million dollars", "2亿美元", "#200000000"),
    ("1.5 billion", "15亿", "#1500000000"), ("100 thousand", "10万", "#100000"),
])
def test_numbers_counted_in_millions_match_those_counted_in_wan_and_yi(english, chinese, anchor):
    """English counts in thousands and millions, Chinese in 万 and 亿: the same number is one anchor."""
    from companion.lexicon.chinese import tokens
    from companion.lexicon.english import keys

    assert anchor in keys(english)
    assert any(anchor in t.keys for t in tokens(chinese))


@pytest.mark.parametrize("text, renders", [("所以，让我们先处理它。", True), ("现在，我们想要固定它。", True),
                                           ("一般来说，模型是公开的。", True), ("那我们为什么不能这样？", True),
                                           ("我在一个木箱里找到了那些信。", False), ("隐式解析的可选类型也是这样，只不过…", False)])
def test_a_sentence_renders_a_spoken_opening_word_with_a_connective_or_a_short_lead_clause(text, renders):
    assert renders_opening_word(text) is renders


@pytest.mark.parametrize("text, renders", [("如果不是的话，你的程序就会崩溃。", True), ("就在那以后，我找到了那些信。", True),
                                           ("当她去世后，我找到了那些信。", True), ("所以，让我们先处理它。", True),
                                           ("我在一个木箱里找到了那些信，那是在她去世以后。", False),
                                           ("有点像当我揪出这些元素的时候给了它们名字。", False)])
def test_a_sentence_renders_a_few_spoken_opening_words_with_a_short_clause_or_a_condition(text, renders):
    """`So I'm just`, `If not,`: a clause of up to seven characters or a condition renders them; a sentence
    that goes straight to its matter does not."""
    assert renders_opening_phrase(text) is renders


@pytest.mark.parametrize("zh, en", [
    ("我们请来了StephenWatt。", "Our guest is Stephen Watt."),  # a name, capitals between the words
    ("拖一个TabBarController进来。", "Drag in a tab bar controller."),  # code, in camel case
    ("我要遍历forindexincards.indices。", "I go through them, for index in cards.indices."),  # all lower case
    ("然后(DEFINEINTEGERS，", "And then define integers."),  # all capitals
])
def test_latin_words_written_without_spaces_find_their_english(zh, en):
    """Subtitles joined without spaces glue the Latin words a translator kept; each word still counts."""
    assert pair_similarity(zh, en)[1] >= 0.5


def test_a_glued_run_counts_only_when_the_english_spells_all_of_it():
    """`Theodore` is not `the` + a stray `odore`, and a name does not match its first half alone."""
    assert pair_similarity("我见到了Theodore。", "I met the odd ore miner there.")[0] < 0.2


def test_full_width_letters_and_digits_are_read_as_ascii():
    """Chinese typesetting often sets Latin letters and digits full width (`ＧＰＴ`, `２０２３`)."""
    assert pair_similarity("我们在２０２３年发布了ＧＰＴ。", "We released GPT in 2023.")[1] >= 0.5


@pytest.mark.parametrize("zh, plural, acronym", [
    ("我们需要构建很多MVC。", "We need to build many MVCs.", "MVC"),
    ("训练需要几千块GPU。", "Training needs thousands of GPUs.", "GPU"),
    ("大家都在用LLM。", "Everyone uses LLMs.", "LLM"),
])
def test_an_acronyms_plural_finds_the_acronym(zh, plural, acronym):
    """Chinese has no plural: the translation keeps `MVC` where the speaker says `MVCs`, whose s the stemmer kept (no
    vowel before it). A name the episode also says as written is looked for as written only, so the plural was lost."""
    def found(english: str) -> float:
        ev = gather([zh], [english, f"One {acronym} is not enough.", "The weather in the valley was cold and grey."])
        return ev.en_hit[0, 0] / ev.en_total[0]

    assert found(plural) == pytest.approx(found(plural.replace(f"{acronym}s", acronym)))


@pytest.mark.parametrize("chinese, english", [
    ("天真", "She was far too naïve."),  # an accent in the English
    ("简历", "I sent them my resume."),  # … in CC-CEDICT's gloss ("résumé")
    ("咖啡馆", "We met at the cafe."),  # … again ("café")
])
def test_accented_latin_letters_are_read_as_plain_ones(chinese, english):
    """Words are read in ASCII letters: `naïve` was the keys `na` and `ve`, and `résumé` `r`, `sum` and `s`."""
    from companion.lexicon.chinese import tokens
    from companion.lexicon.english import keys

    assert set(keys(english)) & {key for token in tokens(chinese) for key in token.keys}


def test_typographic_apostrophes_are_read_as_plain_ones():
    """`don’t` is the stopword `don't`, not the keys `don` and `t`."""
    from companion.lexicon.english import keys

    typographic = keys("I don\u2019t know, it\u2019s Sam\u2019s idea.")
    assert typographic == keys("I don't know, it's Sam's idea.") == ["know", "sam", "idea"]


@pytest.mark.parametrize("chinese, english", [("人人都知道", "everybody"), ("人人", "Everybody!")])
def test_words_cc_cedict_glosses_either_way_meet_both_english_forms(chinese, english):
    """CC-CEDICT glosses 人人 "everyone" and 每个人 "everybody": -body and -one are one key."""
    from companion.lexicon.chinese import tokens
    from companion.lexicon.english import keys

    assert set(keys(english)) & {key for token in tokens(chinese) for key in token.keys}


def test_a_word_found_again_in_the_next_english_sentence_counts_once():
    """A run of English sentences and the Chinese it is set against share a word once, however often the
    English repeats it: a sentence that only repeats its neighbour's words adds no evidence on either side
    (the neighbour a translator left out), unless the Chinese repeats the word too."""
    from companion.align.search import Scorer

    def evidence(zh: str, english: list[str]) -> tuple[float, float]:
        """(similarity of the first English sentence alone, of both) times their sentences (1 + run)."""
        ev = weigh(Sides.read([zh], english), longest=2)
        scorer = Scorer(ev, 1.0, 2.5)
        first, _ = scorer.runs(np.array([1]), np.array([[1]]), 2)
        both, _ = scorer.runs(np.array([1]), np.array([[2]]), 2)
        return float(first[0, 0, 0]) * 2, float(both[1, 0, 0]) * 3

    first, both = evidence("我喜欢那座灯塔和大海。", ["The lighthouse.", "The lighthouse, again."])
    assert both == pytest.approx(first)
    first, both = evidence("我喜欢那座灯塔和大海。", ["The lighthouse.", "And the sea, too."])
    assert both > first + 0.1
    first, both = evidence("我喜欢那座灯塔，那座灯塔。", ["The lighthouse.", "The lighthouse, again."])
    assert both > first + 0.1


@pytest.mark.parametrize("chinese, english", [
    ("结构", "structure"), ("单词", "word"), ("句子", "sentence"), ("表达", "express"), ("测量", "measure"),
    ("最后", "final"), ("表明", "indicates"), ("拥有", "possess"),
])
def test_words_that_also_label_grammar_keep_their_meaning(chinese, english):
    """CC-CEDICT labels particles with ordinary words ("structural particle", "measure word"): only the labels
    are dropped, not every gloss that uses the words (拥有 "to have; to possess" lost its meaning and split)."""
    from companion.lexicon.chinese import tokens
    from companion.lexicon.english import keys

    found = [token for token in tokens(chinese)]
    assert [token.text for token in found] == [chinese]
    assert set(keys(english)) & set(found[0].keys)


@pytest.mark.parametrize("headword", ["呗", "些", "地"])
def test_a_particles_or_classifiers_grammatical_label_is_no_translation(headword):
    from companion.lexicon.cedict import load_dictionary

    labels = {"indic", "structur", "particl", "measur", "modal", "classifi"}
    assert not labels & set(load_dictionary().glosses.get(headword, ()))


@pytest.mark.parametrize("sentence, english", [
    ("这里有一张。", "they went to vote"),  # 张: "classifier for flat objects, sheet", "classifier for votes"
    ("那里有一座。", "the buildings and the mountains"),  # 座: "classifier for buildings, mountains and similar…"
    ("我看见一只。", "a bird and an animal"),  # 只: "classifier for birds and certain animals…"
])
def test_what_a_classifier_counts_is_no_translation_of_it(sentence, english):
    """A measure word's gloss names the things it counts, which the English says with their own noun, if at all:
    这里有一张 found "they went to vote" for 张's "votes", and in recognised words it and the sentence before it
    started 11 and 8 s early."""
    zh_share, en_share = pair_similarity(sentence, english)
    assert zh_share == 0 and en_share == 0


@pytest.mark.parametrize("headword, meaning", [("篇", "article"), ("集", "episode"), ("样", "kind"), ("次", "time")])
def test_a_classifiers_gloss_after_the_colon_is_its_translation(headword, meaning):
    """"classifier for written items: chapter, article": what follows the colon says what the classifier means."""
    from companion.lexicon.cedict import load_dictionary
    from companion.lexicon.english import keys

    assert set(keys(meaning)) & set(load_dictionary().glosses.get(headword, ()))


@pytest.mark.parametrize("sentence, english, found", [
    ("河水流过这里。", "the one", False),  # 流: "stream of water or sth resembling one"
    ("他倒是不错。", "the one", False),  # 倒: "contrary to what one might expect"
    ("他干得好。", "the one", False),  # 干: "one of the ten heavenly stems"
    ("这是其中之一。", "one of them", True),  # 之一: "one of (sth)", written with 一
])
def test_one_is_a_translation_only_of_words_written_with_one(sentence, english, found):
    """CC-CEDICT says "one" as a pronoun or a fraction (`one another`, `what one might expect`, `one tenth`) in the
    glosses of common words (相, 倒, 成, 流), and "one" is among the commonest English words: only a headword written
    with 一 (壹, 幺) translates it."""
    zh_share, en_share = pair_similarity(sentence, english)
    assert (zh_share > 0) == found


@pytest.mark.parametrize("text, names", [
    ("Tony Blair being used as a mounting block,", {"blair"}),
    ("So Tony Blair being used as a mounting block,", {"toni", "blair"}),
    ("And Rumsfeld laughing with some photos behind,", {"rumsfeld"}),
    ("(Laughter) Okay? This Dictionary. So I said: Yes.", {"dictionari"}),
    ("I think OK is fine, I'm sure.", set()),
])
def test_names_are_capitalised_words_that_open_no_sentence(text, names):
    from companion.lexicon.english import name_keys

    assert name_keys(text) == names


@pytest.mark.parametrize("text, bare", [
    ("[Music]", True), (">> (Applause)", True), ("[LAUGH] [MUSIC]", True), ("(Laughter) Thank you.", False),
    ("Music is what I do.", False), (">> [INAUDIBLE]", False), ("", False),
    ("♪♪", True), (">> ♫ ♫", True), ("♪ Oh the sea, the sea ♪", False),  # notes alone; a lyric is words
])
def test_a_segment_of_nothing_but_sound_annotations_says_no_word(text, bare):
    from companion.lexicon.english import keys, only_sounds, sound_key

    assert only_sounds(text) == bare
    assert (sound_key("laughter") in keys(text)) == ("laugh" in text.lower())  # `[LAUGH]` too


@pytest.mark.parametrize("english, chinese, music", [
    ("♪♪", "♪♪，", True), (">> ♫ ♫", "（音乐）", True), ("(Music) ♪", "♫。", True),
    ("♪ Oh the sea, the sea ♪", "♪ 哦大海，大海 ♪", False), ("I hum ♪♪ like this.", "我哼着♪♪这样。", False),
])
def test_notes_alone_are_music_in_both_languages_and_notes_around_a_lyric_are_not(english, chinese, music):
    from companion.lexicon.chinese import tokens
    from companion.lexicon.english import keys, sound_key

    assert (sound_key("music") in keys(english)) == music
    assert (sound_key("music") in {k for t in tokens(chinese) for k in t.keys}) == music
