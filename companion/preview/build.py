"""Write DIR/index.html with its assets: everything escaped, tracks embedded as data: URLs so that the
page works from the file system as well as from any static host, with no network and no build step."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from companion.chapters import build_chapters
from companion.output import Content, CopyOf
from companion.preview.overview import overview_svg
from companion.report.model import Alignment, SentenceSpan
from subtitles.chapters import write_vtt_chapters
from subtitles.cue import Cue
from subtitles.timecode import clock
from subtitles.webvtt import write_vtt

VIDEO_SUFFIXES = (".mp4", ".m4v", ".webm", ".mkv", ".mov", ".ogv")
PAGE_FILES = ("index.html", "preview.css", "preview.js")


def page_files(alignment: Alignment, audio: Path, targets: dict[str, Path],
               subtitles: str | None = None) -> dict[Path, Content]:
    """The page's files by target: `targets` maps each of PAGE_FILES, and the audio's own name unless
    the audio already sits in the page's folder, to where it goes. `subtitles` is the bilingual VTT
    (else one cue per aligned sentence is made from the report)."""
    chapters = build_chapters(alignment).chapters
    assets = files("companion.preview") / "assets"
    out: dict[Path, Content] = {
        targets["index.html"]: _page(alignment, audio.name, chapters, subtitles or _sentence_vtt(alignment)),
        targets["preview.css"]: (assets / "preview.css").read_text(encoding="utf-8"),
        targets["preview.js"]: (assets / "preview.js").read_text(encoding="utf-8"),
    }
    if audio.name in targets:
        out[targets[audio.name]] = CopyOf(audio)
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



def _page(report: Alignment, media_name: str, chapters: list, subtitles: str) -> str:
    title = escape(report.title or "podcast-companion")
    tag = "video" if Path(media_name).suffix.lower() in VIDEO_SUFFIXES else "audio"
    chapter_vtt = write_vtt_chapters(chapters)
    summary = report.summary()
    chapter_items = "".join(
        f'<li><button type="button" class="chapter" data-start="{c.start:.3f}" data-end="{c.end:.3f}">'
        f'<time>{clock(c.start)}</time> {escape(c.title)}</button></li>' for c in chapters)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="preview.css">
</head>
<body>
<header>
<h1>{title}</h1>
<p class="summary">{summary['aligned_paragraphs']}/{summary['paragraphs']} 段已对齐 paragraphs aligned ·
平均置信度 mean confidence {summary['mean_confidence']:.2f}</p>
</header>
<section class="player">
<{tag} id="player" controls preload="metadata" src="{escape(quote(media_name))}">
<track id="subtitles" kind="subtitles" srclang="zh" label="中英 bilingual" src="{escape(_data_url(subtitles))}" default>
<track id="chapters-track" kind="chapters" srclang="zh" label="章节 chapters" src="{escape(_data_url(chapter_vtt))}">
</{tag}>
<div id="caption" class="caption" aria-live="polite"></div>
</section>
<main>
<nav id="chapters" aria-label="chapters"><h2>章节 Chapters</h2><ol>{chapter_items}</ol></nav>
<section id="overview"><h2>对齐概览 Alignment overview</h2>{overview_svg(report, chapters)}
<p class="legend"><span class="key doubtful"></span>存疑 doubtful <span class="key unmatched"></span>无对应英文 unmatched
<span class="key unaligned"></span>未对齐 unaligned</p></section>
<section id="transcript"><h2>双语文本 Transcript</h2>
<label class="filter"><input type="checkbox" id="only-doubtful"> 只看存疑 show only doubtful</label>
{_transcript(report)}
</section>
</main>
<script src="preview.js"></script>
</body>
</html>
"""


def _transcript(report: Alignment) -> str:
    titles = report.chapter_titles
    out, chapter = [], -1
    for p in report.paragraphs:
        if p.chapter is None and chapter == -1:
            chapter = None
            out.append('<h3 class="chapter-title lead">导语 Lead-in</h3>')
        elif p.chapter is not None and p.chapter != chapter:
            chapter = p.chapter
            out.append(f'<h3 class="chapter-title">{escape(titles[chapter])}</h3>')
        classes = "para" + (" unaligned" if p.start is None and not p.editorial else "")
        sentences = "".join(_sentence(s) for s in p.sentences)
        out.append(f'<div class="{classes}" data-index="{p.index}">{sentences}</div>')
    return "\n".join(out)


def _sentence(s: SentenceSpan) -> str:
    speaker = f'<span class="speaker">{escape(s.speaker)}</span>' if s.speaker else ""
    english = f'<span class="en" lang="en">{escape(s.english)}</span>' if s.english else ""
    if not s.timed:
        return f'<div class="sentence unaligned doubtful">{speaker}<span class="zh">{escape(s.text)}</span></div>'
    kind = "unmatched doubtful" if not s.matched else ("doubtful" if s.doubtful else "sure")
    return (f'<div class="sentence {kind}" tabindex="0" data-start="{s.start:.3f}" data-end="{s.end:.3f}" '
            f'title="{clock(s.start)} · confidence {s.confidence:.2f}">{speaker}'
            f'<span class="zh">{escape(s.text)}</span>{english}</div>')
