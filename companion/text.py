"""Small text helpers shared by the article and transcript readers and the lexicon."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

CJK_CHARS = r"\u3400-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHARS}]")
# Whitespace between two Chinese characters: where text pasted from subtitles has its clause and sentence marks.
CJK_GAP = re.compile(rf"(?<=[{CJK_CHARS}])\s+(?=[{CJK_CHARS}])")
CLOSERS = "\"')\\]”’"  # closing quotes and brackets, which may follow an English punctuation mark
# English text (a word, a cue) that ends a sentence: `it.`, `you?"`, `gone…)`.
SENTENCE_END = re.compile(rf"[.?!…][{CLOSERS}]*$")
# English text that ends a clause inside its sentence: `first,`, `this:`, `and then--`, `—`.
CLAUSE_END = re.compile(rf"(?:[,;:]|--|—)[{CLOSERS}]*$")
# An English speaker label opening a line: `Lena:`, `Theo Jansen:`, `Speaker 2:` (as transcription services number
# the voices they cannot name); group 1 is the name.
# Latin capitals and letters, accented ones too (`Émile`, `Zoë`, `Łukasz`): names in speaker labels.
LATIN_CAPITAL = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
SPEAKER_NAME = rf"[{LATIN_CAPITAL}][\w.'\-]*(?: (?:[{LATIN_CAPITAL}][\w.'\-]*|\d{{1,2}})){{0,2}}"
SPEAKER_LABEL = re.compile(rf"^({SPEAKER_NAME})\s*:\s+")
ENGLISH_WORDS = re.compile(r"[A-Za-z]+[^A-Za-z]+[A-Za-z]+")  # two Latin words or more
# A word of English prose standing between spaces: `the`, `Play`, `world.` (not code such as `(DEFINE`,
# `cards.indices.contains(index)`, nor `GPT-4`).
PROSE_WORD = re.compile(r"(?<!\S)[\"“‘(]?[A-Za-z][a-z'’]*[a-z][,.;:!?\"”’)]*(?!\S)")
PROSE_WORDS = 3  # such words a text without Chinese needs to be English prose
BILINGUAL = 0.3  # share of a track's lines in each language from which it is bilingual (`bilingual`)
# How an SRT file opens: a cue number, then its times.
SRT_HEAD = re.compile(r"\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->")
SBV_HEAD = re.compile(r"\d{1,2}:\d{2}:\d{2}\.\d{3},\d{1,2}:\d{2}:\d{2}\.\d{3}\s*\n")  # YouTube's SubViewer captions
# Markup inside a subtitle cue: voice and style tags, inline word times, and the ASS override blocks fansubs' SRT
# files carry (`{\an8}`, `{\i1}`).
TAG = re.compile(r"</?[^>]+>|\{\\[^{}]*\}")
# Control characters (NUL, escape, …) but tab and newline: never text, and they break subtitle files.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def bilingual(lines: list[str]) -> bool:
    """Whether subtitle lines are a bilingual track (中英双语), one language a line or an event: at least
    BILINGUAL of them English only and as many with Chinese (a Chinese track quotes English, and an
    English one Chinese, far more rarely)."""
    english = sum(bool(ENGLISH_WORDS.search(line)) and not CJK.search(line) for line in lines)
    chinese = sum(bool(CJK.search(line)) for line in lines)
    return bool(lines) and min(english, chinese) >= BILINGUAL * len(lines)


def cue_line(line: str) -> str:
    """A subtitle cue's line as plain text: markup (`<v Sam>`, `<i>`, `<00:00:01.234>`, `{\\an8}`) and entities
    resolved, runs of spaces made one."""
    return " ".join(html.unescape(TAG.sub("", line)).split())


def one_line(text: str) -> str:
    """A title as players and apps show it, on one line: line breaks, tabs, runs of spaces and full-width or
    no-break spaces (text pasted from a web page, `一、\u3000开场`) as one space."""
    return re.sub(r"\s+", " ", text).strip()


# Symbols that mark, never say: block elements, geometric shapes (not ▲ △ ▼, which point at a picture: see
# article.boilerplate.IMAGE), symbols (not ♩ ♪ ♫ ♬, which open a song's lines), dingbats (not the circled digits ❶-➓,
# which number, as ① does), arrows and stars, emoji.
SYMBOLS = ("\u2580-\u259f\u25a0-\u25b1\u25b4-\u25bb\u25bd-\u25ff\u2600-\u2668\u266d-\u2775\u2794-\u27bf"
           "\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d")
# A paragraph that a web article opens with a symbol (`▶ 主持人：…`, `👉 今天…`): the symbol is no word of it.
OPENING_SYMBOLS = re.compile(rf"^\s*[{SYMBOLS}]+\s*")
# Marks that set a heading off in articles from the web (`▍开场`, `■ 结尾`, `🎙️ 访谈`, `——问答——`), and that make up a
# line dividing sections (`* * *`, `★★★`): no words of the title. The symbols, bars and rules.
DECORATION = SYMBOLS + "▲△▼♩♪♫♬|｜¦丨•·*※⁂—–~=_"
# (at the end, not right after a Latin letter or a digit, whose mark it may be: `A*`, `GPT-4~`)
EDGE_DECORATION = re.compile(rf"^[{DECORATION}\s]+|(?<![0-9A-Za-z])[{DECORATION}\s]+$")


def title_text(text: str) -> str:
    """A heading as a chapter's title: on one line (`one_line`), without the marks that set it off (`▍开场` -> `开场`);
    empty for a line of marks only."""
    return EDGE_DECORATION.sub("", one_line(text)).strip()


def without_opening_symbols(text: str) -> str:
    """`text` without the symbols it opens with (`▶ 主持人：欢迎。` -> `主持人：欢迎。`), unless it is nothing else."""
    rest = OPENING_SYMBOLS.sub("", text, count=1)
    return rest if rest.strip() else text


def counted(n: int, noun: str) -> str:
    """`1 line`, `2 lines`: a count in words for the messages a user reads."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def clipped(text: str, width: int) -> str:
    """`text` cut to its first `width` characters, with `…` when it was longer: a sentence named in a list."""
    return text if len(text) <= width else text[:width] + "…"


def strip_controls(text: str) -> tuple[str, int]:
    """`text` without control characters (carriage returns become newlines first), and how many went."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, removed = CONTROLS.subn("", text)
    return cleaned, removed


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


# Full-width Latin letters and digits (`ＧＰＴ`, `２０２３`), which Chinese typesetting often uses, as ASCII.
FULL_WIDTH = {code: code - 0xFEE0 for block in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
              for code in range(block[0], block[1] + 1)}


def to_simplified(text: str) -> str:
    """Traditional to Simplified characters (a no-op on Simplified text), full-width letters and digits to
    ASCII and Latin letters to plain ones, for matching only."""
    return plain_latin(_t2s().convert(text.translate(FULL_WIDTH)))


# Latin letters with diacritics (`café`, `José`, `naïve`), and the few that Unicode does not decompose: words are
# read in ASCII letters, so `résumé` was the keys `r`, `sum` and `s`, and CC-CEDICT's "naïve" was `na` and `ve`.
ACCENTED = re.compile(r"[\u00c0-\u024f]+")
UNDECOMPOSED = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l",
                              "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"})
# Typographic apostrophes (`don’t`, `Sam’s`), which published transcripts use: read as ', else `don’t` was the keys
# `don` and `t` where `don't` is a stopword.
TYPOGRAPHIC = "\u2019\u2018\u02bc\u2032"
APOSTROPHES = str.maketrans({ch: "'" for ch in TYPOGRAPHIC})


def plain_latin(text: str) -> str:
    """`text` with accented Latin letters as plain ASCII ones (`Brontë` -> `Bronte`) and typographic apostrophes as
    `'`, for matching only."""
    def plain(m: re.Match) -> str:
        decomposed = unicodedata.normalize("NFKD", m.group().translate(UNDECOMPOSED))
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    return ACCENTED.sub(plain, text.translate(APOSTROPHES))


def speaker_changes(names: list[str | None]) -> list[bool]:
    """Per item (sentence, segment): whether a named speaker takes over from another named one there."""
    return [k > 0 and None not in (a, b) and a != b for k, (a, b) in enumerate(zip([None] + names, names))]


def word_end(word: str) -> str:
    """What an English word (token) ends: a "sentence", a "clause" inside one, or just the "word"."""
    return "sentence" if SENTENCE_END.search(word) else "clause" if CLAUSE_END.search(word) else "word"


def ends_clause(word: str) -> bool:
    """Whether an English word ends a clause or a sentence: where a cue or a timed piece may end."""
    return word_end(word) != "word"


def is_english(text: str) -> bool:
    """English prose, not Chinese: no Chinese character and a few English words (a bilingual article's source
    text, a quotation left untranslated)."""
    return not CJK.search(text) and len(PROSE_WORD.findall(text)) >= PROSE_WORDS
