"""The companion page: a static folder a listener opens (file system or any static host, no network).

The transcript is the page: turns grouped by speaker with their time, paragraphs with the Chinese
first and the English beneath, English nobody translated shown as such, chapters as navigation.
The player carries the bilingual subtitles and the chapters as tracks (embedded as data: URLs);
the subtitle, chapter and report files sit beside the page for download. The alignment check
(overview, doubtful and unaligned sentences) waits behind a disclosure, and a review mode lets a
producer fix starts while listening and export the corrected report. All text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from companion.chapters import build_chapters
from companion.output import Content, CopyOf
from companion.preview.overview import overview
from companion.report.model import Alignment, ParagraphSpan, SentenceSpan
from companion.speakers import display_names, one_name_each
from companion.text import clipped
from companion.transcript.model import Transcript
from subtitles.chapters import write_vtt_chapters
from subtitles.cue import Cue
from subtitles.timecode import clock
from subtitles.webvtt import write_vtt

VIDEO_SUFFIXES = (".mp4", ".m4v", ".webm", ".mkv", ".mov", ".ogv")
PAGE_FILES = ("index.html", "preview.css", "preview.js")
# Characters of a sentence or paragraph shown in the alignment check's lists (the transcript holds them whole;
# an unpunctuated article's doubtful sentences ran to hundreds).
LISTED = 60
# The files offered for download beside the page, by the suffix companion align gives them.
DOWNLOADS = (("bilingual.vtt", "双语字幕 VTT"), ("bilingual.ass", "双语字幕 ASS"), ("zh.vtt", "中文字幕 VTT"),
             ("zh.srt", "中文字幕 SRT"), ("en.vtt", "English VTT"), ("chapters.json", "章节 Chapters JSON"),
             ("chapters.vtt", "章节 Chapters VTT"), ("alignment.json", "对齐报告 Report"))


@dataclass(frozen=True)
class Passage:
    """English that no Chinese sentence covers (an ad, an intro, a passage left untranslated)."""

    start: float
    end: float
    text: str
    speaker: str | None = None


def untranslated(alignment: Alignment, transcript: Transcript, slack: float = 0.5) -> list[Passage]:
    """Runs of transcript segments that no timed Chinese sentence overlaps."""
    spans = sorted((s.start, s.end) for s in alignment.sentences if s.timed)
    out: list[Passage] = []
    k = 0
    for seg in transcript.segments:
        while k < len(spans) and spans[k][1] <= seg.start + slack:
            k += 1
        covered = k < len(spans) and spans[k][0] < seg.end - slack
        if covered:
            continue
        if out and seg.start - out[-1].end < 2.0 and seg.speaker == out[-1].speaker:
            out[-1] = Passage(out[-1].start, seg.end, f"{out[-1].text} {seg.text}", seg.speaker)
        else:
            out.append(Passage(seg.start, seg.end, seg.text, seg.speaker))
    return out


def page_files(alignment: Alignment, audio: Path, targets: dict[str, Path], downloads: dict[str, Content],
               passages: list[Passage] = ()) -> dict[Path, Content]:
    """The page's files by target: `targets` maps each of PAGE_FILES, the audio's own name (unless the
    audio already sits in the page's folder) and each download's name to where it goes; `downloads`
    holds the downloads' contents by name (a `*.bilingual.vtt` among them becomes the player's track)."""
    chapters = build_chapters(alignment).chapters
    assets = files("companion.preview") / "assets"
    track = next((c for name, c in downloads.items() if name.endswith(".bilingual.vtt") and isinstance(c, str)), None)
    out: dict[Path, Content] = {
        targets["index.html"]: _page(alignment, audio.name, chapters, track or _sentence_vtt(alignment),
                                     list(downloads), list(passages)),
        targets["preview.css"]: (assets / "preview.css").read_text(encoding="utf-8"),
        targets["preview.js"]: (assets / "preview.js").read_text(encoding="utf-8"),
    }
    if audio.name in targets:
        out[targets[audio.name]] = CopyOf(audio)
    for name, content in downloads.items():
        out[targets[name]] = content
    return out


def _sentence_vtt(alignment: Alignment) -> str:
    """Subtitles from the report alone (one cue per aligned sentence) when the bilingual VTT is not at hand."""
    cues = [Cue(s.start, max(s.end, s.start + 0.8), [[s.english] if s.english else [], [s.text]])
            for s in alignment.sentences if s.timed]
    for a, b in zip(cues, cues[1:]):
        a.end = min(a.end, b.start)
    return write_vtt(cues)


def _data_url(vtt: str) -> str:
    return "data:text/vtt;charset=utf-8," + quote(vtt)


def _report_json(alignment: Alignment) -> str:
    """The report for the review mode's export, safe inside a <script> element."""
    return alignment.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(report: Alignment, media_name: str, chapters: list, subtitles: str, downloads: list[str],
          passages: list[Passage]) -> str:
    title = escape(report.title or "podcast-companion")
    tag = "video" if Path(media_name).suffix.lower() in VIDEO_SUFFIXES else "audio"
    chapter_vtt = write_vtt_chapters(chapters)
    chapter_items = "".join(
        f'<li><button type="button" class="chapter" data-start="{c.start:.3f}" data-end="{c.end:.3f}">'
        f'<time>{clock(c.start)}</time> {escape(c.title)}</button></li>' for c in chapters)
    chapter_options = "".join(f'<option value="{c.start:.3f}">{clock(c.start)} {escape(c.title)}</option>'
                              for c in chapters)
    labels = dict(DOWNLOADS)
    links = "".join(f'<li><a href="{escape(quote(name))}" download>{escape(_label(name, labels))}</a></li>'
                    for name in downloads)
    summary = report.summary()
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<link rel="stylesheet" href="preview.css">
</head>
<body class="view-both">
<a class="skip" href="#transcript">跳到文稿 Skip to the transcript</a>
<header class="top">
<h1>{title}</h1>
<div class="more">
<details class="downloads"><summary>下载 Downloads</summary><ul>{links}</ul></details>
<button type="button" id="review-toggle" aria-pressed="false">校对 Review</button>
</div>
</header>
<section class="player" aria-label="播放器 Player">
<{tag} id="player" controls preload="metadata" src="{escape(quote(media_name))}">
<track id="subtitles" kind="subtitles" srclang="zh" label="中英 bilingual" src="{escape(_data_url(subtitles))}" default>
<track id="chapters-track" kind="chapters" srclang="zh" label="章节 chapters" src="{escape(_data_url(chapter_vtt))}">
</{tag}>
<div class="controls">
<button type="button" id="back" title="后退 15 秒 Back 15 seconds (J)">−15s</button>
<button type="button" id="forward" title="前进 15 秒 Forward 15 seconds (L)">+15s</button>
<select id="speed" aria-label="播放速度 Playback speed">{_speeds()}</select>
<div class="views" role="group" aria-label="文稿语言 Transcript language">
<button type="button" data-view="zh" aria-pressed="false" lang="zh-Hans">中文</button>
<button type="button" data-view="en" aria-pressed="false" lang="en">English</button>
<button type="button" data-view="both" aria-pressed="true">双语 Both</button>
</div>
</div>
</section>
<div class="layout">
<aside class="side">
<div class="tools">
<select id="chapter-select" class="chapter-jump" aria-label="跳到章节 Go to a chapter">{chapter_options}</select>
<input type="search" id="search" placeholder="搜索 Search" aria-label="搜索文稿 Search the transcript">
</div>
<ol id="hits" class="hits" aria-label="搜索结果 Search results" hidden></ol>
<nav id="chapters" aria-label="章节 Chapters"><h2>章节 Chapters</h2><ol>{chapter_items}</ol></nav>
</aside>
<main id="transcript" tabindex="-1">
{_transcript(report, passages)}
<details id="check"><summary>对齐检查 Alignment check · {summary['aligned_paragraphs']}/{summary['paragraphs']} 段 paragraphs ·
{summary['doubtful']} 句存疑 doubtful</summary>
{overview(report, chapters)}
{_notes(report)}
<label class="filter"><input type="checkbox" id="only-doubtful"> 只看存疑 Show only doubtful sentences (confidence &lt; 0.8)</label>
{_problems(report)}
</details>
</main>
</div>
<div id="review-bar" class="review-bar" hidden role="region" aria-label="校对 Review">
<span id="review-selected">选一句 Select a sentence</span>
<button type="button" id="set-start" title="S">起点设为当前 Set start to now (S)</button>
<button type="button" id="nudge-back" title="[">−0.1s ([)</button>
<button type="button" id="nudge-forward" title="]">+0.1s (])</button>
<button type="button" id="mark-checked" title="C">已核对 Checked (C)</button>
<button type="button" id="export">导出 Export</button>
<span id="review-status" aria-live="polite"></span>
</div>
<script type="application/json" id="report-data">{_report_json(report)}</script>
<script src="preview.js"></script>
</body>
</html>
"""


def _label(name: str, labels: dict[str, str]) -> str:
    suffix = next((s for s in labels if name.endswith("." + s)), None)
    return f"{labels[suffix]} · {name}" if suffix else name


def _speeds() -> str:
    return "".join(f'<option value="{v}"{" selected" if v == 1 else ""}>{v:g}×</option>'
                   for v in (0.75, 1, 1.25, 1.5, 1.75, 2))


def _transcript(report: Alignment, passages: list[Passage]) -> str:
    """Chapters of turns: the speaker's name once per turn with the turn's time, then its paragraphs;
    untranslated English passages sit where they fall in time."""
    out: list[str] = []
    pending = sorted(passages, key=lambda p: p.start)
    titles = report.chapter_titles
    dialogue = any(s.speaker for s in report.sentences)  # else no turns to head: one voice, or none named
    one = one_name_each(report)  # `Lena Park：` once, `Lena：` after: one person
    names = display_names(report, "article")  # an untranslated passage's speaker (`Sam`) as its voice tags name it
    lead = [p for p in report.paragraphs if p.chapter is None and not p.english]  # English is not shown
    opening = next((p.start for p in lead if p.start is not None), None)
    if opening is not None:  # the translation begins before the first heading: the chapter list's opening
        out.append(f'<section class="chapter-block"><h2>开场 Intro <button type="button" class="time" '
                   f'data-start="{opening:.3f}">{clock(opening)}</button></h2>')
        out.append("".join(_paragraph(p) for p in lead))
        out.append("</section>")
    elif lead:
        out.append('<section class="lead" aria-label="导语 Lead-in"><h2>导语 Lead-in</h2>')
        out.append("".join(_paragraph(p) for p in lead))
        out.append("</section>")
    for number, title in enumerate(titles):
        paragraphs = [p for p in report.paragraphs if p.chapter == number]
        first = next((p.start for p in paragraphs if p.start is not None), None)
        before, pending = _take(pending, first)
        out.extend(_passage(p, names) for p in before)
        time = f' <button type="button" class="time" data-start="{first:.3f}">{clock(first)}</button>' \
            if first is not None else ""
        out.append(f'<section class="chapter-block" data-chapter="{number}"><h2>{escape(title)}{time}</h2>')
        speaker: object = _NOBODY
        for p in paragraphs:
            for who, first, part in _turns(p, one, [q.start for q in pending]):
                inside, pending = _take(pending, part.start)
                if inside:
                    out.extend(_passage(q, names) for q in inside)
                    speaker = _NOBODY
                if dialogue and (speaker is _NOBODY or who != speaker):
                    out.append(_turn_head(who, part))
                    speaker = who
                out.append(_paragraph(part, first))
        out.append("</section>")
    out.extend(_passage(p, names) for p in pending)
    return "\n".join(out)


_NOBODY = object()  # no turn open yet


def _take(passages: list[Passage], until: float | None) -> tuple[list[Passage], list[Passage]]:
    if until is None:
        return [], passages
    return [p for p in passages if p.start < until], [p for p in passages if p.start >= until]


def _turns(p: ParagraphSpan, one: dict[str, str], breaks: list[float]) -> list[tuple[str | None, int, ParagraphSpan]]:
    """A paragraph cut where its speaker changes (`Lena：谢谢你的邀请…主持人：我们从头说起吧。…`), so that each
    turn is headed by its own speaker, and where untranslated English begins between two of its sentences (one of
    `breaks`), so that it is shown where it falls in time: (speaker, position of the piece's first sentence, piece).
    Sentences before the first label go with it, a piece after a break with the speaker before; `one` gives one
    name per person (companion.speakers.one_name_each)."""
    cuts, whos = [0], [None]
    before = None  # the start of the last timed sentence so far
    for k, s in enumerate(p.sentences):
        who = one.get(s.speaker, s.speaker)
        broken = s.timed and before is not None and any(before < b < s.start for b in breaks)
        if broken or (who is not None and whos[-1] is not None and who != whos[-1]):
            cuts.append(k)
            whos.append(whos[-1] if who is None else who)
        elif whos[-1] is None:
            whos[-1] = who
        if s.timed:
            before = s.start
    for k in range(len(whos) - 2, -1, -1):
        whos[k] = whos[k] if whos[k] is not None else whos[k + 1]
    ends = cuts[1:] + [len(p.sentences)]
    return [(who, k, replace(p, sentences=p.sentences[k:end])) for who, k, end in zip(whos, cuts, ends)]


def _turn_head(who: str | None, p: ParagraphSpan) -> str:
    name = f'<span class="speaker">{escape(who)}</span>' if who else '<span class="speaker none">—</span>'
    time = f'<button type="button" class="time" data-start="{p.start:.3f}" aria-label="从 {clock(p.start)} 播放 ' \
           f'Play from {clock(p.start)}">{clock(p.start)}</button>' if p.start is not None else ""
    return f'<div class="turn-head">{name}{time}</div>'


def _paragraph(p: ParagraphSpan, first: int = 0) -> str:
    """A paragraph (or the piece of one from its sentence `first` on, see _turns): Chinese, then its English."""
    if p.english:  # the article's own English (a bilingual article): the Chinese after it shows it, timed
        return ""
    zh = "".join(_sentence(p.index, first + k, s) for k, s in enumerate(p.sentences))
    english = _joined([s.english for s in p.sentences if s.english])
    en = f'<p class="en" lang="en">{escape(english)}</p>' if english else ""
    kind = "editorial" if p.editorial else ("unaligned" if p.start is None else "timed")
    start = f' data-start="{p.start:.3f}"' if p.start is not None else ""
    return f'<div class="para {kind}" data-index="{p.index}"{start}><p class="zh" lang="zh-Hans">{zh}</p>{en}</div>'


def _joined(texts: list[str]) -> str:
    """The sentences' English as one text: sentences that share an English segment each carry all of it,
    so what one repeats from the end of the text so far (all of it, or three words or more: a shared
    segment, not a word said twice) is said once."""
    words: list[str] = []
    for text in texts:
        new = text.split()
        overlap = next((k for k in range(min(len(words), len(new)), 0, -1)
                        if words[-k:] == new[:k] and (k >= 3 or k == len(new))), 0)
        words += new[overlap:]
    return " ".join(words)


def _sentence(index: int, k: int, s: SentenceSpan) -> str:
    if not s.timed:
        return f'<span class="sentence unaligned" data-id="{index}.{k}">{escape(s.text)}</span>'
    kind = "unmatched" if not s.matched else ("doubtful" if s.doubtful else "sure")
    checked = " checked" if s.checked else ""
    return (f'<span class="sentence {kind}{checked}" tabindex="0" data-id="{index}.{k}" data-start="{s.start:.3f}" '
            f'data-end="{s.end:.3f}" data-confidence="{s.confidence:.2f}" '
            f'title="{clock(s.start)} · 置信度 confidence {s.confidence:.2f}">{escape(s.text)}</span>')


def _passage(p: Passage, names: dict[str, str]) -> str:
    who = f'<span class="speaker">{escape(names.get(p.speaker, p.speaker))}</span>' if p.speaker else ""
    return (f'<div class="passage"><div class="turn-head">{who}<span class="badge">未翻译 untranslated</span>'
            f'<button type="button" class="time" data-start="{p.start:.3f}">{clock(p.start)}</button></div>'
            f'<p class="en" lang="en">{escape(p.text)}</p></div>')


def _notes(report: Alignment) -> str:
    """What the reader should know about the whole run: why it is not trusted, narrow-band audio, captions."""
    items = [f'<li class="warning">{escape(w)}</li>' for w in report.warnings]
    items += [f"<li>{escape(n)}</li>" for n in report.notes]
    return f'<h3>注意 Notes</h3><ul class="notes">{"".join(items)}</ul>' if items else ""


def _problems(report: Alignment) -> str:
    """The sentences to look at: doubtful ones (least sure first), unmatched and unaligned ones."""
    rows = []
    for p in report.paragraphs:
        for k, s in enumerate(p.sentences):
            if s.timed and (s.doubtful or not s.matched):
                rows.append((s.confidence, f'<li><button type="button" class="time" data-start="{s.start:.3f}">'
                                           f'{clock(s.start)}</button> ¶{p.index} '
                                           f'<span class="confidence">{s.confidence:.2f}</span> '
                                           f'<span lang="zh-Hans" title="{escape(s.text)}">'
                                           f'{escape(clipped(s.text, LISTED))}</span></li>'))
    unaligned = [f'<li>¶{p.index} <span lang="zh-Hans">{escape(clipped(p.text, LISTED))}</span> — '
                 f'{escape(report.reasons.get(p.index, "no English counterpart found"))}</li>' for p in report.unaligned]
    parts = []
    if rows:
        parts.append("<h3>存疑 Doubtful</h3><ol class=\"problems\">" + "".join(r for _, r in sorted(rows)) + "</ol>")
    if unaligned:
        parts.append("<h3>未对齐 Unaligned</h3><ul class=\"problems\">" + "".join(unaligned) + "</ul>")
    return "".join(parts) or "<p>没有存疑的句子 Nothing doubtful.</p>"
