"""What `companion align` and `companion render` do: read the inputs, time the English (as given, forced-aligned to
the audio, or recognised), align the article (pipeline.py), and write every output file, all together or none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from companion.article import Article, read_article
from companion.captions import TimedChinese, build_cues
from companion.chapters import build_chapters, render
from companion.errors import InputError
from companion.output import Content, Outputs, plain_name, same_file
from companion.pipeline import align_article
from companion.progress import Progress, silent
from companion.report import Alignment, summary_text
from companion.speakers import display_names, merged_turns, speaker_map
from companion.transcript import Transcript, read_transcript
from companion.transcript.from_words import names_to_hear, recase, transcript_from_words
from companion.transcript.untimed import read_english_text, spoken, timed_transcript
from subtitles.ass import beyond_ass, write_ass
from subtitles.srt import write_srt
from subtitles.webvtt import write_vtt

if TYPE_CHECKING:
    from media.speech import Recognition

OUTPUTS = ("bilingual.vtt", "bilingual.ass", "zh.vtt", "zh.srt", "en.vtt", "chapters.vtt", "chapters.json",
           "alignment.json")
# A language tag closing the article's file name, left out of the default stem: episode.zh.txt -> episode.
LANGUAGE_TAG = re.compile(r"\.(zh|zh[-_](cn|hans|sg)|cn|chs|sc|chinese)$", re.I)
# … and an English one closing the audio's, left out of transcribe's: episode.en.mp3 -> episode.en.vtt, not .en.en.vtt
ENGLISH_TAG = re.compile(r"\.(en|en[-_](us|gb|au|ca)|eng|english)$", re.I)


@dataclass
class Result:
    """What a run of `companion align` gives back: the report, the files written, the summary printed."""

    alignment: Alignment
    written: list[Path]
    summary: str

    @property
    def trusted(self) -> bool:
        return self.alignment.trusted


RECOGNISED_TRANSCRIPT = ("the transcript is speech recognition's (a Whisper-style JSON, or companion transcribe's), so "
                         "its sentences are judged less sure than a person's transcript would make them")


STEPS = 3  # the calls to `step` in run_align and align_article, besides the audio's and the page's


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
    engine: str = "auto"  # speech recognition, when only audio is given (see media.speech)
    model: str | None = None  # faster-whisper model name (engine whisper)
    model_dir: Path | None = None
    speaker_names: str = "article"  # voice tags: the article's names, or the transcript's ("en")

    @property
    def steps(self) -> int:
        return STEPS + self.preview + bool(self.audio)

    @property
    def stem(self) -> str:
        if self.name is not None:
            return plain_name(self.name)
        return default_stem(self.article)

    def check(self) -> None:
        if self.order not in ("en-zh", "zh-en"):
            raise InputError("--order must be en-zh or zh-en")
        if self.english_text and (self.transcript or not self.audio):
            raise InputError("--english-text goes with --audio (instead of --transcript)")
        if not self.transcript and not self.audio:
            raise InputError("give --transcript EN_FILE or --audio AUDIO (with --english-text EN_TXT if you have it)")
        if self.preview and not self.audio:
            raise InputError("--preview needs the episode: give --audio FILE")
        for option, path in (("article", self.article), ("--transcript", self.transcript), ("--audio", self.audio),
                             ("--english-text", self.english_text)):
            if path and path != "-" and not Path(path).exists():
                raise InputError(f"{option} not found: {path}")
            if path and path != "-" and Path(path).is_dir():
                raise InputError(f"{option} {path} is a folder, not a file")

    def english_is_given(self, suffix: str) -> bool:
        """Whether output `suffix` is STEM.en.vtt and the transcript is that very file (`show.zh.txt --transcript
        show.en.vtt`, the natural names): it is not written again, as read back (by render, by the page) it gives the
        same timing. With --audio the words are timed in it, so it would differ: that is refused, as any input is."""
        return suffix == "en.vtt" and self.transcript not in (None, "-") and not self.audio and \
            same_file(self.out / f"{self.stem}.en.vtt", Path(self.transcript))

    def outputs(self) -> tuple[Outputs, dict[str, Path]]:
        """Every file this run will write, checked (exists, is an input, outside --out, unwritable)."""
        outputs = Outputs(self.out, self.force, [self.article, self.transcript, self.audio, self.english_text])
        stem = self.stem
        targets = {suffix: outputs.add(f"{stem}.{suffix}") for suffix in OUTPUTS if not self.english_is_given(suffix)}
        if self.preview:
            from companion.preview import PAGE_FILES

            for name in PAGE_FILES + (Path(self.audio).name,) + tuple(f"{stem}.{suffix}" for suffix in OUTPUTS):
                targets[f"preview/{name}"] = outputs.add(f"{stem}.preview/{name}")
        outputs.check()
        return outputs, targets


def audio_stem(audio: Path) -> str:
    """The audio's file stem without a closing English tag (`episode.en.mp3` -> `episode`)."""
    return ENGLISH_TAG.sub("", audio.stem) or audio.stem


def default_stem(article: str) -> str:
    """The article's file stem without a closing language tag (`episode.zh.txt` -> `episode`)."""
    if article == "-":
        return "article"
    stem = Path(article).stem
    return LANGUAGE_TAG.sub("", stem) or stem


@dataclass
class Inputs:
    """Everything read before the slow work starts, so that bad input fails at once."""

    article: Article
    transcript: Transcript | None  # timed English as given
    lines: list | None  # untimed English text, for forced alignment
    length: float | None  # the audio's duration

    @classmethod
    def read(cls, request: Request) -> "Inputs":
        article = read_article(request.article)
        transcript = read_transcript(request.transcript) if request.transcript else None
        lines = read_english_text(request.english_text) if request.english_text else None
        length = None
        if request.audio:
            from media.decode import duration

            length = duration(Path(request.audio))
        return cls(article, transcript, lines, length)


def english_timing(request: Request, given: Inputs, step: Progress = silent) -> tuple[Transcript, Recognition | None]:
    """The English timed text: as read (its cues moved onto the audio's pauses when the audio is at
    hand), forced-aligned from the untimed text, or recognised (its names and acronyms then written
    as the article writes them); and the recognition, when there was one."""
    audio = Path(request.audio) if request.audio else None
    if given.transcript is not None:
        if audio is None:
            return given.transcript, None
        from companion.transcript.snap import snap_to_speech
        from media.silence import speech_regions

        step("finding speech in the audio")
        return snap_to_speech(words_inside(given.transcript, audio, step.update), speech_regions(audio)), None
    if given.lines is not None:
        from media.force_align import force_align

        step("aligning the English text to the audio", total=2 * given.length)
        words = [w for line in given.lines for token in line.tokens for w in spoken(token)]
        times = force_align(audio, words, progress=step.update)
        speech = []
        if any(t is None for t in times):  # words not heard: spread over the speech around them
            from media.silence import speech_regions

            speech = speech_regions(audio)
        return timed_transcript(given.lines, times, request.audio, speech, given.length), None
    from media.speech import recognise_speech

    step("recognising the English speech", total=given.length)
    article = given.article
    text = "\n".join([article.title, *(p.text for p in article.paragraphs)])
    heard = recognise_speech(audio, request.engine, request.model, request.model_dir, progress=step.update,
                             expected=names_to_hear(text))
    return recase(transcript_from_words(heard.words, request.audio), text), heard


def words_inside(transcript: Transcript, audio: Path, progress: Callable[[float], None] | None = None) -> Transcript:
    """The transcript with the segments in which sentences start timed by their words, forced-aligned within each
    one's stretch of the audio (transcript.word_times); `progress` hears how far it got, in seconds of audio."""
    from companion.transcript.word_times import stretches, with_word_times
    from media.force_align import align_within

    todo = stretches(transcript)
    if not todo:
        return transcript
    times = align_within(audio, [(s.start, s.end, s.words) for s in todo], progress=progress)
    return with_word_times(transcript, list(zip(todo, times)))


def run_align(request: Request, step: Progress = silent) -> Result:
    """Read, align, write every output file (and the preview page when asked, which needs the audio),
    all together or none; bad input fails before any slow work and before any progress is shown."""
    request.check()
    outputs, targets = request.outputs()
    given = Inputs.read(request)
    transcript, heard = english_timing(request, given, step)
    inputs = {"article": request.article, "transcript": request.transcript, "audio": request.audio,
              "english_text": request.english_text}
    alignment = align_article(given.article, transcript, inputs=inputs, step=step, duration=given.length)
    if heard is not None:
        alignment.notes.extend(heard.notes)
    elif transcript.recognised:
        alignment.notes.append(RECOGNISED_TRANSCRIPT)
    if transcript.untimed:
        alignment.notes.append(f"{transcript.untimed} segment(s) of the transcript could not be aligned to the audio "
                               "word by word: sentences starting inside them keep the transcript's coarser times")
    if request.audio and not request.transcript:
        _judge_audio(alignment, Path(request.audio), heard)
    alignment.cleaned = given.article.cleaned + transcript.cleaned
    if "en.vtt" not in targets:
        alignment.notes.append(f"{request.transcript} is the English timing used, as given: not written again")
    alignment.speakers = speaker_map(alignment, transcript)
    merged = merged_turns(alignment, transcript, alignment.speakers)
    if merged:
        alignment.notes.append(f"{merged} sentence(s) given the speaker the transcript hears in them, not the one "
                               "before them in the article (turns merged into one paragraph?)")
    step("writing subtitles")
    files = render_files(alignment, transcript, targets, request.order, request.speaker_names)
    if request.preview:
        from companion.preview import page_files, untranslated

        step("writing the preview page")
        page = {name.removeprefix("preview/"): path for name, path in targets.items() if name.startswith("preview/")}
        downloads = {targets[suffix].name: files[targets[suffix]] for suffix in OUTPUTS}
        files.update(page_files(alignment, Path(request.audio), page, downloads, untranslated(alignment, transcript)))
    outputs.write(files)
    chapters = build_chapters(alignment, duration=given.length)
    lines = [summary_text(alignment), *(f"note: {n}" for n in chapters.notes)]
    if alignment.speakers:
        lines.append("speakers: " + ", ".join(f"{en} = {zh}" for en, zh in alignment.speakers.items()))
    return Result(alignment, list(files), "\n".join(lines))


NARROW_BAND = "the audio is narrow-band (telephone quality: nothing above 4 kHz)"
WEAK_ON_NARROW_BAND = "; PocketSphinx finds far fewer words in it"


def _judge_audio(alignment: Alignment, audio: Path, heard: Recognition | None) -> None:
    """Say when the audio itself is why PocketSphinx (forced alignment, or recognition `heard`) is weak,
    and why an untrusted recognition is so."""
    from media.bandwidth import narrow_band

    if narrow_band(audio):
        by_pocketsphinx = heard is None or heard.by_pocketsphinx
        note = NARROW_BAND + (WEAK_ON_NARROW_BAND if by_pocketsphinx else "")
        alignment.notes.append(note)
        if alignment.warnings and heard is not None and by_pocketsphinx:
            alignment.warnings.append("the recognition may be too poor to trust because " + note)


def render_files(alignment: Alignment, transcript: Transcript, targets: dict[str, Path],
                 order: str = "en-zh", speaker_names: str = "article") -> dict[Path, Content]:
    """The subtitle, chapter and report files of an alignment, for those of OUTPUTS that `targets` names;
    voices are named as the article names them, or as the transcript does (`speaker_names` "en")."""
    chinese = [TimedChinese(s.text, s.start, s.end, s.speaker) for s in alignment.sentences if s.timed]
    names = display_names(alignment, speaker_names)
    bilingual, zh_only, english = build_cues(transcript, chinese, order=order, names=names)
    chapters = build_chapters(alignment)
    late = beyond_ass(bilingual) if "bilingual.ass" in targets else 0
    if late:
        alignment.notes.append(f"{targets['bilingual.ass'].name} leaves out the last {late} cue(s), after 9:59:59.99: "
                               "ASS times stop there; the VTT and SRT tracks hold them")
    files = {
        "bilingual.vtt": lambda: write_vtt(bilingual),
        "bilingual.ass": lambda: write_ass(bilingual, order),
        "zh.vtt": lambda: write_vtt(zh_only),
        "zh.srt": lambda: write_srt(zh_only),
        "en.vtt": lambda: write_vtt(english),
        "chapters.vtt": lambda: render(chapters, "vtt"),
        "chapters.json": lambda: render(chapters, "json", title=alignment.title),
        "alignment.json": alignment.to_json,
    }
    return {targets[name]: make() for name, make in files.items() if name in targets}


RENDERED = ("bilingual.vtt", "bilingual.ass", "zh.vtt", "zh.srt", "chapters.vtt", "chapters.json")


def run_render(report: str, transcript: str | None, out: Path | None, name: str | None, force: bool,
               order: str = "en-zh", speaker_names: str = "article") -> list[Path]:
    """Subtitles and chapters again from a report a person edited (checked as data first), with the
    English timing it was made with: `transcript`, else STEM.en.vtt beside the report, else the
    transcript the report names. The report itself and the English timing are never rewritten."""
    alignment = Alignment.read(report)
    stem = plain_name(name) if name is not None else Path(report).name.removesuffix(".json").removesuffix(".alignment")
    english = transcript or _english_for(Path(report), stem, alignment)
    outputs = Outputs(out or Path(report).parent, force, [report, english])
    targets = {suffix: outputs.add(f"{stem}.{suffix}") for suffix in RENDERED}
    outputs.check()
    files = render_files(alignment, read_transcript(english), targets, order, speaker_names)
    outputs.write(files)
    return list(files)


def _english_for(report: Path, stem: str, alignment: Alignment) -> str:
    beside = report.with_name(f"{stem}.en.vtt")
    if beside.is_file():
        return str(beside)
    named = alignment.inputs.get("transcript")
    if named and Path(named).is_file():
        return named
    raise InputError(f"no English timing for {report}: give --transcript (the {stem}.en.vtt companion align wrote)")
