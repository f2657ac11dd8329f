"""English words to comparable keys: stems without stopwords, and numbers written as digits."""

from __future__ import annotations

import functools
import re

import snowballstemmer
from text_to_num import alpha2digit

from companion.text import SENTENCE_END, SPEAKER_LABEL, plain_latin

# Content adverbs among them (`same`, `now`, `again`, `before`, `after`, `only`, `why`, `how`) were tried as evidence
# (同样 ↔ "same thing"): transcript mode, seeds 7 / 300, long-form omit .952 -> .956 but clean at seed 300 .965 ->
# .963 and intro .976 -> .971; TED alike: noise, so they stay stopwords.
STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her hers herself
him himself his how i if in into is it its itself just let me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves sb sth someone something one's oneself etc also oh um uh
it's i'm that's don't there's we're they're you're i've we've can't won't didn't isn't wasn't doesn't
""".split())
CHAIN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+){2,}")
# An acronym's plural (`MVCs`, `GPUs`, `LLMs`): Snowball keeps an s with no vowel before it, and the Chinese keeps the
# acronym as it is (`MVC`), so a lecture's "build a whole bunch of MVCs" did not find 很多MVC. Transcript mode, the long
# recordings, paragraphs / sentences within 1 s: omit at seed 200 .928/.937 -> .932/.938, at seed 7 sentences .945 ->
# .944; every other variant and seed (7, 100, 200), and TED at seeds 7 and 100, unchanged.
ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d+(?:\.\d+)?")
_stemmer = snowballstemmer.stemmer("english")
# Irregular forms the stemmer keeps apart from their dictionary form (`said` is not `say` to Snowball,
# and CC-CEDICT glosses 说 as "to say"), and words CC-CEDICT glosses either way (每个人: everybody, everyone).
IRREGULAR = dict(pair.split(":") for pair in """
said:say says:say told:tell went:go gone:go made:make thought:think knew:know known:know saw:see seen:see
took:take taken:take came:come got:get gotten:get gave:give given:give found:find felt:feel left:leave
kept:keep began:begin begun:begin brought:bring bought:buy built:build caught:catch chose:choose
chosen:choose did:do done:do drew:draw drawn:draw drove:drive driven:drive ate:eat eaten:eat fell:fall
fallen:fall flew:fly flown:fly forgot:forget forgotten:forget grew:grow grown:grow had:have heard:hear
held:hold hid:hide hidden:hide led:lead lost:lose meant:mean met:meet paid:pay ran:run rode:ride rose:rise
risen:rise sang:sing sung:sing sat:sit sent:send sold:sell slept:sleep spoke:speak spoken:speak spent:spend
stood:stand stole:steal stolen:steal swam:swim taught:teach threw:throw thrown:throw understood:understand
woke:wake won:win wore:wear worn:wear wrote:write written:write broke:break broken:break fought:fight
became:become children:child men:man women:woman mice:mouse feet:foot teeth:tooth better:good best:good
worse:bad worst:bad lay:lie lain:lie shot:shoot shook:shake shaken:shake struck:strike sought:seek
everybody:everyone anybody:anyone somebody:someone
""".split())
# A number with thousands separators (`1,000`, `12,345.6`), also between Chinese characters (no `\b` there).
THOUSANDS = re.compile(r"(?<![\d.])(?<!\d,)\d{1,3}(?:,\d{3})+(?!\d|,\d)")
# "15 million" as one number, as the Chinese 1500万 is one (the words alone are left to text2num).
SCALES = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9}
SCALED = re.compile(r"\b(\d+(?:\.\d+)?)\s+(thousand|million|billion)\b", re.I)
ANNOTATION = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
NOTES = "♩♪♫♬"  # music notes, as subtitles mark music and lyrics
MUSIC_NOTES = re.compile(f"[{NOTES}]")
# Notes between clause breaks (the text's ends, punctuation, a change of speaker's `>>`): see lone_notes.
LONE_NOTES = re.compile(rf"(?:^|(?<=[，。、；：！？,.;:!?>]))\s*[{NOTES}][{NOTES}\s]*(?=[，。、；：！？,.;:!?]|$)")
# Sound annotations of transcripts and subtitles (a lecture's captions write `[LAUGH]`), and the key both languages'
# annotations share.
SOUNDS = {"laughter": "laughter", "laugh": "laughter", "laughs": "laughter", "laughing": "laughter",
          "applause": "applause", "applauding": "applause", "clapping": "applause", "cheers": "applause",
          "cheering": "applause", "music": "music", "singing": "music", "song": "music", "video": "video",
          "audio": "video", "noise": "noise", "sound": "noise", "siren": "noise", "honk": "noise", "honking": "noise",
          "beep": "noise", "horn": "noise", "bell": "noise", "buzzer": "noise"}


# Hesitations a recogniser writes out (`mm hmm`, `er`): words that mean nothing, as stopwords do. Only `hollow` reads
# them (align.meaning): as stopwords they would change the evidence of every transcript.
FILLERS = frozenset("mm hmm hm mhm er erm ah uh um".split())
# Words that go on a clause rather than open a sentence: unpunctuated speech cut at pauses that begins
# with one (`of the legalities`) is the end of the sentence before, most often. Recognition mode, 15 TED
# talks, paragraphs within 2 s, clean/intro/omit/truncate: without the copulas .942/.924/.858/.947, sentences
# .923/.911/.860/.923 (with them .926/.914/.866/.928); with the articles too, .938/.909/.837/.932.
CONTINUATION = frozenset("of to for with from by at into than as that which whose whom is are was were".split())
# Words that open an English sentence at least a fifth of the times they occur (20 times or more) in the
# punctuated English of the tuned development talks (TED 1004 1006 1008 1009 1012 1019 1023 1029 1051,
# long-form cs193p17-l3 sicp-6b; "laughter", an annotation, left out): where one stands inside a caption
# cue, a sentence may begin (see align.aligner.sentence_pieces).
OPENERS = frozenset("so okay well now here's but and it's cuz remember they're let's i've that's they because "
                    "everything".split())
# Words that seldom end a phrase (articles, prepositions, possessives, conjunctions): captions cut at a width
# end a cue on one far more often than subtitles cut by hand do (see align.aligner.cut_at_width).
PHRASE_INNER = frozenset("the a an to of in on at for with from my your his her their our its and or but".split())
# The key of a change of speaker: a captioner's `>>`, a subtitler's opening dialogue dash (`- At first, yes.`), an
# opening label (`PROFESSOR:`), and on the Chinese side the same marks or a new speaker's label in the article. Used
# only when both sides mark turns (see align.evidence).
TURN = "#~turn"
DIALOGUE_DASH = re.compile(r"[-–—](?![-–—])\s")  # a line that opens a speaker's turn, as dialogue is set in subtitles
TURN_MARK = re.compile(r">>|^\s*" + DIALOGUE_DASH.pattern)
# The key of a question mark, on either side: a translator keeps a question a question (`Everybody got that?`,
# 大家都还听得懂吧？), which tells a short question from the sentence it stands beside when words cannot.
# Used only when the English marks questions (not in recognised speech: see align.evidence). Transcript mode,
# paragraphs within 1 s, tuned / held back: long-form clean .973/.964 -> .976/.964, intro .970/.945 ->
# .974/.945, omit .934/.932 -> .943/.947, truncate .988/.980 -> .988/.960 (two paragraphs on tied paths);
# TED unchanged in all four variants; recognition mode untouched.
QUESTION = "#~question"
# Capitalised words that are no name.
NOT_NAMES = frozenset("i i'm i'll i've i'd ok okay".split())


def only_sounds(text: str) -> bool:
    """Whether an English segment holds nothing but sound annotations (`[Music]`, `>> (Applause)`): no word is said
    (`[INAUDIBLE]` is someone speaking). The mirror of lexicon.chinese.only_sounds."""
    return bool(_sounds(text)) and not re.sub(r"[\W_]", "", ANNOTATION.sub("", text))


def _sounds(text: str) -> list[str]:
    """The keys of the sound annotations in a text (`(Light clapping)`: `#~applause`; `♪♪`: `#~music`)."""
    found = [sound_key(SOUNDS[w]) for a in ANNOTATION.findall(text) for w in re.findall(r"[a-z]+", a.lower())
             if w in SOUNDS]
    return found + [sound_key("music")] if lone_notes(text, ANNOTATION) and sound_key("music") not in found else found


def lone_notes(text: str, annotation: re.Pattern) -> str | None:
    """The first run of music notes that stands alone between clause breaks once `annotation`s are taken out
    (`♪♪`, `>> ♫ ♫`, `♪♪，我们…`): subtitles mark music so. Notes around words mark a song's lyrics (`♪ la la ♪`),
    which are words, and stay so."""
    found = LONE_NOTES.search(annotation.sub(" ", text))
    return found.group(0).strip() if found else None


def sound_key(kind: str) -> str:
    """The evidence key of a sound annotation (`(Laughter)` and `（笑声）` both give `#~laughter`)."""
    return "#~" + kind


def spoken_text(text: str) -> str:
    """`text` without sound annotations (`(Laughter)`, `[Music]`) or a leading speaker label
    (`Narrator: `): what a translator renders as the sentence (labels become the speaker)."""
    return SPEAKER_LABEL.sub("", ANNOTATION.sub(" ", text).lstrip())


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Lower-case stem of one word (`learning` -> `learn`); numbers become `#17`."""
    w = word.lower().strip("'-")
    if ACRONYM_PLURAL.fullmatch(word):
        w = w[:-1]
    if w[:1].isdigit():
        return "#" + w.rstrip("0").rstrip(".") if "." in w else "#" + w
    if w.endswith("'s"):
        w = w[:-2]
    return _stemmer.stemWord(IRREGULAR.get(w, w))


def content_words(text: str) -> list[str]:
    """The words of `text` that carry meaning, spelled-out numbers turned into digits. A chain of three
    or more hyphenated words is read as words (`twenty-five-and-a-quarter`, `state-of-the-art`)."""
    text = CHAIN.sub(lambda m: m.group().replace("-", " "), plain_latin(text))
    text = THOUSANDS.sub(lambda m: m.group().replace(",", ""), text)  # 100,000 as the Chinese writes it: 100000
    text = in_digits(text, SCALED, SCALES)  # 15 million
    try:
        text = alpha2digit(text, "en", threshold=1.5)
    except Exception:  # text2num is strict about odd input; the words are still usable as they are
        pass
    return [w for w in WORD.findall(text) if w.lower() not in STOPWORDS]


def hollow(text: str) -> bool:
    """Whether `text` holds no word that carries meaning (`so um`, `mm hmm`; not `mm hmm well`: `well` is no
    stopword)."""
    return all(w.lower() in FILLERS for w in content_words(text))


def in_digits(text: str, scaled: re.Pattern, scales: dict[str, int]) -> str:
    """`text` with each number counted in a scale (`15 million`, `1500万`: `scaled` matches the digits,
    then the scale, a key of `scales`) written as one number in digits, without a trailing .0."""

    def digits(m: re.Match) -> str:
        value = float(m.group(1)) * scales[m.group(2).lower()]
        return str(int(value)) if value == int(value) else f"{value:g}"

    return scaled.sub(digits, text)


def keys(text: str) -> list[str]:
    """Stems of the content words of `text`, in order, and the keys of its sound annotations, changes of speaker
    and question marks.
    An annotation's own words are no speech: `(Light clapping)` is `#~applause`, not "clap", which a sentence
    saying 鼓掌 ("clap your hands") would otherwise find there. Transcript mode, 15 TED talks, paragraphs
    within 1 s, tuned / held back: clean .992/.980 -> .992/.985, intro .984/.966 -> .984/.973, omit
    .968/.920 -> .968/.926, truncate .993/.983 -> .993/.991; the long recordings unchanged."""
    sounds = _sounds(text)
    turns = [TURN] if TURN_MARK.search(text) or SPEAKER_LABEL.match(text.lstrip()) else []
    question = [QUESTION] if "?" in text else []
    return [stem(w) for w in content_words(ANNOTATION.sub(" ", text))] + sounds + turns + question


def name_keys(text: str) -> set[str]:
    """The keys of the names in a text that opens a sentence: capitalised words that open none and stand in no
    brackets (`(Laughter)`), other than I and OK."""
    found: set[str] = set()
    words = text.split()
    for k, word in enumerate(words):
        first = k == 0 or bool(SENTENCE_END.search(words[k - 1]) or words[k - 1].endswith(":"))
        bare = word.strip("\"'“‘”’—-,.;:?!")
        if bare[:1].isupper() and not first and not word.startswith(("(", "[")) and bare.lower() not in NOT_NAMES:
            found.update(keys(bare))
    return found
