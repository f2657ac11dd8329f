"""Speaker labels (`Ilya:`, `主持人：`, `Q:`, `问：`) at the start or in the middle of a paragraph."""

from __future__ import annotations

import re
from collections import Counter

from companion.lexicon.english import SOUNDS
from companion.text import LATIN_CAPITAL, LATIN_LETTER

ROLES = {
    "主持人", "主持", "嘉宾", "记者", "编者", "编辑", "问", "答", "提问", "回答", "采访者", "受访者", "旁白", "解说",
    "观众", "听众", "主播", "访谈者", "Q", "A", "Host", "Guest", "Interviewer", "Interviewee",
    "記者", "嘉賓", "採訪者", "受訪者", "解說", "觀眾", "聽眾", "問",
}
# A speaker's name: up to three capitalised Latin words (accented letters too), or up to five Chinese characters; a
# Latin one may come with a role before it or a short description after it in brackets (`主持人 Sam`,
# `Lex Fridman（主持人）`, `Sam Altman（OpenAI CEO）`), a Chinese one with its Latin original (`山姆（Sam）`).
LATIN_NAME = rf"[{LATIN_CAPITAL}][{LATIN_LETTER}.'\-]*"
# (not `问`, `答`, `提问`, `回答`: `问ChatGPT：` is a question put to it)
ROLE = "|".join(sorted((r for r in ROLES if re.match(r"[\u4e00-\u9fff]{2}", r) and r not in ("提问", "回答")),
                       key=len, reverse=True))
LATIN_FULL = rf"{LATIN_NAME}(?: {LATIN_NAME}){{0,2}}"
# A role with a name, or numbered as a panel's guests are (`嘉宾1`, `观众 2`, `嘉宾甲`): each number a person of its own.
ROLE_NAME = re.compile(rf"(?:{ROLE}) ?(?:{LATIN_FULL}|\d{{1,2}}(?!\d|:\d)|[甲乙丙丁])")  # (`主持人 00:01:15` is a stamp)
# A Chinese rendering of a foreign name joins its parts with a middle dot (`萨姆·奥特曼`): a name, however often met.
DOTTED = re.compile(r"[\u4e00-\u9fff]{1,6}(?:[·•・‧][\u4e00-\u9fff]{1,6}){1,2}")
GLOSSED = re.compile(rf"(?:{DOTTED.pattern}|[\u4e00-\u9fff]{{1,5}}) ?[（(]{LATIN_FULL}[)）]")
GLOSS = re.compile(r" ?[（(][^()（）]*[)）]$")  # what GLOSSED and DESCRIBED add to a name
DESCRIBED = re.compile(rf"{LATIN_FULL}(?: ?[（(][^()（）:：。！？\n]{{1,20}}[)）])?")
# Numbered questions and answers (`Q1：`, `A1：`, `问2：`): the roles Q and A.
NUMBERED_ROLE = re.compile(r"(?:Q|A|问|答)\d{1,2}")
NAME = (rf"{ROLE_NAME.pattern}|{NUMBERED_ROLE.pattern}|{GLOSSED.pattern}|{DESCRIBED.pattern}|{DOTTED.pattern}"
        rf"|[\u4e00-\u9fff]{{1,5}}")
# What opens a translator's or editor's note (`注：`, `编者按：`, `Note:`): never a speaker, however often met.
NOTE_WORDS = {"注", "按", "附", "译注", "译者注", "编注", "编者注", "编者按", "原注", "附注", "备注", "注释", "note", "notes", "ps",
              "p.s.", "p.s", "nb", "n.b.", "tip", "tips", "update"}
# Where a label may stand: at the start of the text or right after a sentence end.
SENTENCE_CLOSE = "。！？!?…；;”」』）)\\]"
TURN_START = rf"(?:^|(?<=[{SENTENCE_CLOSE}]))"
# Where a known speaker's label may stand inside a paragraph (split_turns): after a sentence end, and after a comma, a
# colon, a closing quote or an ASCII full stop, as subtitle text joined into paragraphs has it.
TURN_BOUNDARY = rf"(?:^|(?<=[{SENTENCE_CLOSE}，,、：:\".\s]))"


def labelled(name: str) -> str:
    """A pattern of a label of `name`: the name and a colon, or the name in brackets (`【主持人】`, `[Lena]：`), the
    colon then optional; an interview's dash may lead it (`——主持人：`)."""
    return rf"(?:[—–-]{{1,2}}\s*)?(?P<open>[【\[［〔]\s*)?(?P<name>{name})\s*(?(open)[】\]］〕]\s*[:：]?|[:：])"


# A label is a short name followed by a colon, or in brackets.
LABEL = re.compile(rf"{TURN_START}\s*{labelled(NAME)}")


def label_names(paragraphs: list[str]) -> set[str]:
    """Names accepted as speaker labels in this article.

    Role words always count; a Latin-script name (with its role or not) or a Chinese rendering of a foreign one
    (`萨姆·奥特曼`) counts when it opens a paragraph, other Chinese names only when they do so at least twice (so
    `时间是：2003年` is never a label); what opens a note (`注`, `Note`) never.
    """
    openers = Counter()
    for text in paragraphs:
        m = LABEL.match(text)
        if m and (not m.group("open") or _bracketed_name(m.group("name"))):
            openers[m.group("name")] += 1
    met = Counter()  # a Chinese name met glossed (`山姆（Sam）`, as translators write it the first time) or bare is one
    for name, count in openers.items():
        met[_bare(name)] += count
    return {n for n in openers if (names_at_once(n) or met[_bare(n)] >= 2) and n.lower() not in NOTE_WORDS} | ROLES


def _bare(name: str) -> str:
    """A name without what the label adds to it: its Latin original (`山姆（Sam）` -> `山姆`), a description (`Lena（笑）`
    -> `Lena`), a question's number (`Q1` -> `Q`)."""
    if NUMBERED_ROLE.fullmatch(name):
        return name.rstrip("0123456789")
    return GLOSS.sub("", name) if GLOSSED.fullmatch(name) or DESCRIBED.fullmatch(name) else name


def names_at_once(name: str) -> bool:
    """Whether a label's name counts the first time it is met: a role (`主持人`, `主持人 Sam`, `主持人（Sam）`), a
    Latin-script name, or a Chinese rendering of a foreign one (`萨姆·奥特曼`, glossed or not). Another Chinese name must
    be met twice (`强化学习（Reinforcement Learning）：` once is a term defined)."""
    return role_named(_bare(name)) or bool(re.match(f"[{LATIN_LETTER}]", name) or DOTTED.fullmatch(_bare(name)))


def role_named(name: str) -> bool:
    """Whether a name is a role, alone, with a name or numbered (`主持人`, `主持人 Sam`, `嘉宾1`, `Q1`): never a chapter's
    title."""
    return name in ROLES or bool(ROLE_NAME.fullmatch(name) or NUMBERED_ROLE.fullmatch(name))


def _bracketed_name(name: str) -> bool:
    """Whether a name in brackets is a speaker's: a role or a Latin-script name, not a sound (`[Music]`); `【重点】`,
    `[图片]`, `[笑声]` are an editor's marks."""
    return name in ROLES or bool(re.match(f"[{LATIN_LETTER}]", name)) and name.lower() not in SOUNDS


def opens_with_label(text: str, names: set[str]) -> bool:
    """Whether `text` opens with the label of one of the speakers `names` (see label_names)."""
    label = LABEL.match(text)
    return bool(label) and label.group("name") in names


def split_turns(text: str, names: set[str]) -> list[tuple[str | None, str]]:
    """Split a paragraph into (speaker, text) turns; labels are removed from the text.

    A known name followed by a colon is a label after a sentence end, and also after a comma, a colon, a closing
    quote or an ASCII full stop: subtitle text joined into paragraphs puts a label after whatever its cue before
    ended with. After a letter it is prose (`我们的嘉宾：`, `地问：`).
    """
    known = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    label = re.compile(rf"{TURN_BOUNDARY}\s*{labelled(known)}")
    turns: list[tuple[str | None, str]] = []
    speaker: str | None = None
    position = 0
    for m in label.finditer(text):
        before = text[position:m.start()]
        if before.strip():
            turns.append((speaker, before.strip()))
        speaker, position = m.group("name"), m.end()
        if _bare(speaker) in names:  # one name a person: `山姆（Sam）` where the article says `山姆` too, `Q1` as `Q`
            speaker = _bare(speaker)
    rest = text[position:]
    if rest.strip():
        turns.append((speaker, rest.strip()))
    return turns
