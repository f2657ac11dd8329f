"""`companion align`: article + English transcript -> alignment -> timing -> subtitles and report."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from companion.align.evidence import gather
from companion.align.search import Params, align
from companion.align.timing import Placed, place
from companion.article import Article, read_article
from companion.captions import TimedChinese, build_cues
from companion.errors import InputError
from companion.output import check_targets, write_all
from companion.report import SUPPORT, Decision, build_report, paragraph_supported, summary_text
from companion.transcript import Transcript, read_transcript
from companion.transcript.sentences import english_sentences
from subtitles.srt import write_srt
from subtitles.webvtt import write_vtt

MIN_EVIDENCE = 0.3  # share of Chinese text with real evidence below which the result is not trusted
OUTPUTS = ("bilingual.vtt", "zh.vtt", "zh.srt", "en.vtt", "alignment.json")


@dataclass
class Result:
    report: dict
    trusted: bool
    summary: str


def align_article(article: Article, transcript: Transcript, params: Params = Params()) -> tuple[dict, bool]:
    """Align and build the report; the flag says whether the alignment can be trusted."""
    paragraphs = [p for p in article.paragraphs if p.chapter is not None or p.speakers]
    keys = [(p.index, k) for p in paragraphs for k in range(len(p.sentences))]
    zh = [s.text for p in paragraphs for s in p.sentences]
    en = english_sentences(transcript)
    if not zh or not en:
        raise InputError("nothing to align: the article or the transcript has no sentences")
    ev = gather(zh, [e.text for e in en])
    # The length ratio is learnt from a first pass on words alone: the whole-document ratio is
    # wrong whenever part of either side is untranslated.
    ratio = float(ev.zh_len.sum() / max(1.0, ev.en_len.sum()))
    beads = align(ev, ratio, 1.5 * ratio, replace(params, length=0.0))
    matched = [b for b in beads if b.matched and b.similarity >= 0.3]
    if len(matched) >= 3:
        lz = sum(ev.zh_len[slice(*b.zh)].sum() for b in matched)
        le = sum(ev.en_len[slice(*b.en)].sum() for b in matched)
        ratio = float(lz / max(1.0, le))
    beads = align(ev, ratio, 1.5 * ratio, params)
    spots = place(beads, list(ev.zh_len), en, transcript)
    placed: dict[tuple[int, int], Placed] = dict(zip(keys, spots))
    decisions = {}
    for p in article.paragraphs:
        if p.chapter is None and not p.speakers:
            decisions[p.index] = Decision(False, "editorial lead-in before the first heading")
        else:
            decisions[p.index] = Decision(True)
    _drop_unsupported(paragraphs, placed, decisions)
    evidence = sum(len(zh[i]) for i, s in enumerate(spots) if s.matched and s.similarity >= SUPPORT)
    trusted = evidence >= MIN_EVIDENCE * max(1, sum(len(t) for t in zh))
    return (build_report(article, placed, decisions, transcript.duration, {}), trusted)


def _drop_unsupported(paragraphs, placed, decisions) -> None:
    """A paragraph with no real evidence in any sentence is not given a time (never invented)."""
    support = [paragraph_supported(p, placed) for p in paragraphs]
    for n, p in enumerate(paragraphs):
        if support[n]:
            continue
        sandwiched = 0 < n < len(paragraphs) - 1 and support[n - 1] and support[n + 1] and len(p.sentences) <= 2
        if not sandwiched:
            decisions[p.index] = Decision(False, "no English counterpart found")


def run_align(article_path: str, transcript_path: str, out: Path, name: str | None, force: bool,
              order: str = "en-zh") -> Result:
    """Read, align, write every output file; raises InputError on bad input before writing anything."""
    if order not in ("en-zh", "zh-en"):
        raise InputError("--order must be en-zh or zh-en")
    article = read_article(article_path)
    stem = name or (Path(article_path).stem if article_path != "-" else "article")
    targets = {suffix: out / f"{stem}.{suffix}" for suffix in OUTPUTS}
    check_targets(list(targets.values()), force)
    transcript = read_transcript(transcript_path)
    report, trusted = align_article(article, transcript)
    report["inputs"] = {"article": article_path, "transcript": transcript_path, "audio": None}
    if not trusted:
        report["warning"] = ("too little evidence that this article translates this transcript; "
                             "check that they belong together")
    chinese = [TimedChinese(s["text"], s["start"], s["end"], s["speaker"])
               for p in report["paragraphs"] for s in p["sentences"] if s["start"] is not None]
    bilingual, zh_only, english = build_cues(transcript, chinese, order=order)
    write_all({
        targets["bilingual.vtt"]: write_vtt(bilingual),
        targets["zh.vtt"]: write_vtt(zh_only),
        targets["zh.srt"]: write_srt(zh_only),
        targets["en.vtt"]: write_vtt(english),
        targets["alignment.json"]: json.dumps(report, ensure_ascii=False, indent=1),
    })
    return Result(report, trusted, summary_text(report))
