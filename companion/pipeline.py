"""`companion align`: article + English transcript -> alignment -> timing -> subtitles and report."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from companion.align.band import choose_band, evidence_window
from companion.align.evidence import Sides, weigh
from companion.align.search import Params, align
from companion.align.timing import UNMATCHED_CONFIDENCE, Placed, place
from companion.article import Article, Paragraph, read_article
from companion.captions import TimedChinese, build_cues
from companion.chapters import build_chapters, render
from companion.errors import InputError
from companion.output import check_targets, write_all
from companion.preview import write_preview
from companion.progress import Step, silent
from companion.report import Decision, build_report, summary_text
from companion.transcript import Transcript, read_transcript
from companion.transcript.from_words import recase, transcript_from_words
from companion.transcript.untimed import read_english_text, spoken, timed_transcript
from companion.transcript.sentences import english_sentences, is_punctuated
from subtitles.srt import write_srt
from subtitles.webvtt import write_vtt

# Share of the Chinese text with real evidence below which the result is not trusted. On the
# development talks, articles that belong to the transcript reach 0.88 or more in every mode
# (speech recognition lowest) and other talks' articles at most 0.34.
MIN_EVIDENCE = 0.5
SUPPORT = 0.18  # bead similarity above chance: the sentence has real evidence
OUTPUTS = ("bilingual.vtt", "zh.vtt", "zh.srt", "en.vtt", "chapters.vtt", "chapters.json", "alignment.json")


@dataclass
class Result:
    report: dict
    trusted: bool
    summary: str


def _alignable(p: Paragraph) -> bool:
    """Body paragraphs, and lead-in paragraphs only when they are dialogue (carry speaker labels)."""
    return p.chapter is not None or bool(p.speakers)


def align_article(article: Article, transcript: Transcript, params: Params | None = None,
                  inputs: dict | None = None, step: Step = silent) -> tuple[dict, bool]:
    """Align and build the report; the flag says whether the alignment can be trusted."""
    paragraphs = [p for p in article.paragraphs if _alignable(p)]
    keys = [(p.index, k) for p in paragraphs for k in range(len(p.sentences))]
    zh = [s.text for p in paragraphs for s in p.sentences]
    en = english_sentences(transcript)
    fragments = not is_punctuated(transcript)
    params = params or (Params.for_fragments() if fragments else Params())
    if not zh or not en:
        raise InputError("nothing to align: the article or the transcript has no sentences")
    step("reading words (CC-CEDICT)")
    sides = Sides.read(zh, [e.text for e in en])
    step("aligning")
    # The length ratio is learnt from a first pass on words alone: the whole-document ratio is
    # wrong whenever part of either side is untranslated.
    ratio = float(sides.zh_len.sum() / max(1.0, sides.en_len.sum()))
    words_only = replace(params, length=0.0)
    band = choose_band(sides, words_only, ratio)
    ev = weigh(sides, *evidence_window(band, len(en), params.reach))
    beads = align(ev, ratio, words_only, band)
    matched = [b for b in beads if b.matched and b.similarity >= 0.3]
    if len(matched) >= 3:
        lz = sum(ev.zh_len[slice(*b.zh)].sum() for b in matched)
        le = sum(ev.en_len[slice(*b.en)].sum() for b in matched)
        ratio = float(lz / max(1.0, le))
    beads = align(ev, ratio, params, band)
    spots = place(beads, zh, list(ev.zh_len), en, transcript, ratio, params.length_spread, fragments)
    placed: dict[tuple[int, int], Placed] = dict(zip(keys, spots))
    decisions = {p.index: Decision(True) if _alignable(p) else Decision(False, "editorial lead-in before the first heading")
                 for p in article.paragraphs}
    _drop_unsupported(paragraphs, placed, decisions)
    evidence = sum(len(zh[i]) for i, s in enumerate(spots) if _supported(s))
    trusted = evidence >= MIN_EVIDENCE * max(1, sum(len(t) for t in zh))
    if not trusted:  # what evidence there is may be chance: no sentence is more certain than a guess
        for spot in spots:
            spot.confidence = min(spot.confidence, UNMATCHED_CONFIDENCE)
    return build_report(article, placed, decisions, transcript.duration, inputs or {}), trusted


def _supported(where: Placed) -> bool:
    return where.matched and where.similarity >= SUPPORT


def _drop_unsupported(paragraphs: list[Paragraph], placed: dict[tuple[int, int], Placed],
                      decisions: dict[int, Decision]) -> None:
    """A paragraph with no real evidence in any sentence is not given a time (never invented).

    A short one (at most two sentences) between two supported paragraphs keeps its place.
    """
    support = [any(_supported(placed[(p.index, k)]) for k in range(len(p.sentences))) for p in paragraphs]
    for n, p in enumerate(paragraphs):
        if support[n]:
            continue
        sandwiched = 0 < n < len(paragraphs) - 1 and support[n - 1] and support[n + 1] and len(p.sentences) <= 2
        if not sandwiched:
            decisions[p.index] = Decision(False)


STEPS = 4  # the calls to `step` in run_align and align_article


@dataclass
class Request:
    """What `companion align` was asked to do."""

    article: str
    out: Path
    transcript: str | None = None  # timed English text
    audio: str | None = None  # the episode; timed by recognition unless a transcript is given
    english_text: str | None = None  # untimed English text, forced-aligned to the audio
    name: str | None = None
    force: bool = False
    order: str = "en-zh"
    preview: bool = False
    engine: str = "pocketsphinx"  # speech recognition, when only audio is given
    model: str | None = None  # faster-whisper model name (engine whisper)
    model_dir: Path | None = None

    def check(self) -> None:
        if self.order not in ("en-zh", "zh-en"):
            raise InputError("--order must be en-zh or zh-en")
        if self.english_text and (self.transcript or not self.audio):
            raise InputError("--english-text goes with --audio (instead of --transcript)")
        if not self.transcript and not self.audio:
            raise InputError("give --transcript EN_FILE or --audio AUDIO (with --english-text EN_TXT if you have it)")
        if self.preview and not self.audio:
            raise InputError("--preview needs the episode: give --audio FILE")
        if self.audio and not Path(self.audio).is_file():
            raise InputError(f"audio not found: {self.audio}")


def english_timing(request: Request, step: Step = silent, spelling: str = "") -> Transcript:
    """The English timed text: read, forced-aligned from the untimed text, or recognised (its names
    and acronyms then written as `spelling`, the article's text, writes them)."""
    if request.transcript:
        transcript = read_transcript(request.transcript)
        if request.audio:  # the episode is at hand: cue boundaries move onto its pauses
            from companion.transcript.snap import snap_to_speech
            from media.silence import speech_regions

            step("finding speech in the audio")
            transcript = snap_to_speech(transcript, speech_regions(Path(request.audio)))
        return transcript
    from media.force_align import force_align
    from media.speech import recognise_speech

    audio = Path(request.audio)
    if request.english_text:
        lines = read_english_text(request.english_text)
        step("aligning the English text to the audio")
        words = [w for line in lines for token in line.tokens for w in spoken(token)]
        return timed_transcript(lines, force_align(audio, words), request.audio)
    step("recognising the English speech")
    heard = transcript_from_words(recognise_speech(audio, request.engine, request.model, request.model_dir), request.audio)
    return recase(heard, spelling)


def run_align(request: Request, step: Step = silent) -> Result:
    """Read, align, write every output file (and the preview page when asked, which needs the audio);
    raises InputError on bad input before writing anything."""
    request.check()
    step("reading the inputs")
    article = read_article(request.article)
    stem = request.name or (Path(request.article).stem if request.article != "-" else "article")
    targets = {suffix: request.out / f"{stem}.{suffix}" for suffix in OUTPUTS}
    page_dir = request.out / f"{stem}.preview"
    check_targets(list(targets.values()) + ([page_dir / "index.html"] if request.preview else []), request.force)
    transcript = english_timing(request, step, "\n".join([article.title, *(p.text for p in article.paragraphs)]))
    inputs = {"article": request.article, "transcript": request.transcript, "audio": request.audio,
              "english_text": request.english_text}
    report, trusted = align_article(article, transcript, inputs=inputs, step=step)
    if not trusted:
        report["warning"] = ("too little evidence that this article translates this transcript; "
                             "check that they belong together")
    chinese = [TimedChinese(s["text"], s["start"], s["end"], s["speaker"])
               for p in report["paragraphs"] for s in p["sentences"] if s["start"] is not None]
    step("writing subtitles")
    bilingual, zh_only, english = build_cues(transcript, chinese, order=request.order)
    chapters = build_chapters(report)
    write_all({
        targets["bilingual.vtt"]: write_vtt(bilingual),
        targets["zh.vtt"]: write_vtt(zh_only),
        targets["zh.srt"]: write_srt(zh_only),
        targets["en.vtt"]: write_vtt(english),
        targets["chapters.vtt"]: render(chapters, "vtt"),
        targets["chapters.json"]: render(chapters, "json", title=report["title"]),
        targets["alignment.json"]: json.dumps(report, ensure_ascii=False, indent=1),
    })
    lines = [summary_text(report), *(f"  {n}" for n in chapters.notes)]
    if request.preview:
        step("writing the preview page")
        page = write_preview(report, Path(request.audio), page_dir, targets["bilingual.vtt"])
        lines.append(f"  preview: {page}")
    return Result(report, trusted, "\n".join(lines))
