"""The `companion` command line (Typer on Click).

`main` runs the commands and keeps the exit-code contract: 0 success, 1 alignment too weak to
trust, 2 bad input or usage, 3 the environment failed (disk full, read-only, permission), 130
interrupted; every failure is one line on standard error, never a traceback (COMPANION_DEBUG=1
shows one). Results go to standard output, progress and warnings to standard error.
"""

from __future__ import annotations

import enum
import json
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Optional

import click
import typer

from companion import __version__
from companion.errors import EnvironmentFailure, InputError, describe_os_error
from companion.progress import ResultsConsole, reader_may_leave, tell, to_null
from media.errors import MediaError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
                  help="Bilingual subtitles, chapters and an alignment report from a translated Chinese article "
                       "and an English podcast transcript or audio.")

EXIT_WEAK, EXIT_INPUT, EXIT_ENVIRONMENT, EXIT_INTERRUPTED, EXIT_BUG = 1, 2, 3, 130, 70


class Order(str, enum.Enum):
    en_zh = "en-zh"
    zh_en = "zh-en"


class Engine(str, enum.Enum):
    auto = "auto"
    pocketsphinx = "pocketsphinx"
    whisper = "whisper"


ENGINE_HELP = ("Speech recognition (for align: when only the audio gives the English): whisper (faster-whisper, "
               "the 'whisper' extra, which brings its tiny.en model), pocketsphinx (built in), or auto (default: "
               "whisper when it is installed and its model loads offline, else pocketsphinx).")
# The recognition options, alike for align, transcribe and batch (which passes them to every episode).
ENGINE_OPTION = typer.Option(Engine.auto, "--engine", show_default=False, help=ENGINE_HELP)
MODEL_OPTION = typer.Option(None, "--model", metavar="NAME", help="faster-whisper model name (default tiny.en, which "
                            "the extra brings; else small.en from the local cache).")
MODEL_DIR_OPTION = typer.Option(None, "--model-dir", metavar="DIR", help="Folder with faster-whisper models (offline).")
QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="Print nothing but errors.")


class Lang(str, enum.Enum):
    zh = "zh"
    en = "en"
    both = "both"


class Names(str, enum.Enum):
    article = "article"
    en = "en"


class Format(str, enum.Enum):
    vtt = "vtt"
    json = "json"
    psc = "psc"
    ffmetadata = "ffmetadata"
    youtube = "youtube"
    id3 = "id3"
    mp4 = "mp4"


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwind like Ctrl-C, so that nothing half-written stays behind."""


def _terminate(signum, _frame) -> None:
    raise Terminated(signum)


def say(line: str) -> None:
    """A message for the user (errors, notes) on standard error."""
    tell(sys.stderr, f"companion: {line}")


def main(argv: list[str] | None = None) -> int:
    """The console entry point: run the command, map every outcome to one line and an exit code."""
    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _run(argv)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run(argv: list[str] | None) -> int:
    try:
        code = app(args=argv, prog_name="companion", standalone_mode=False)
        if code == EXIT_INTERRUPTED:  # Typer turns Ctrl-C into a silent return of 130
            say("interrupted; nothing was written")
        return code if isinstance(code, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        say(f"error: {exc.format_message()}{hint}")
        return EXIT_INPUT
    except (click.exceptions.Abort, KeyboardInterrupt):
        say("interrupted; nothing was written")
        return EXIT_INTERRUPTED
    except Terminated as exc:
        say("terminated; nothing was written")
        return 128 + exc.args[0]
    except (InputError, MediaError) as exc:
        say(f"error: {exc}")
        return EXIT_INPUT
    except EnvironmentFailure as exc:
        say(f"error: {exc}")
        return EXIT_ENVIRONMENT
    except BrokenPipeError:  # `companion … | head`: the reader left; not an error of ours
        to_null(sys.stdout)
        return 0
    except OSError as exc:
        say(f"error: {describe_os_error(exc, 'use')}")
        return EXIT_ENVIRONMENT
    except MemoryError:
        say("error: out of memory")
        return EXIT_ENVIRONMENT
    except Exception as exc:  # a bug: say so in one line, show the traceback only when asked
        if os.environ.get("COMPANION_DEBUG"):
            traceback.print_exc()
        say(f"internal error: {exc.__class__.__name__}: {exc} (COMPANION_DEBUG=1 shows where; please report it)")
        return EXIT_BUG


def run() -> None:
    """`companion` as installed by pip."""
    sys.exit(main())


def _version(value: bool) -> None:
    if value:
        _print(f"companion {__version__}")
        raise typer.Exit()


@app.callback()
def root(version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")) -> None:
    """podcast-companion."""


def _print(lines: str) -> None:
    if lines:
        tell(sys.stdout, lines)


ARTICLE_HELP = ("The Chinese article: text, Markdown, HTML, Word (.docx) or Chinese subtitles (SRT/WebVTT/ASS/SBV); "
                "- for stdin.")  # as `inspect` and `align` read it


@app.command()
def inspect(article: str = typer.Argument(..., metavar="ARTICLE", help=ARTICLE_HELP),
            as_json: bool = typer.Option(False, "--json", help="Print JSON instead of an outline.")) -> None:
    """Show how the article was understood: title, chapters, paragraphs, speakers, what was skipped."""
    from companion.article import read_article
    from companion.article.outline import outline, print_outline

    parsed = read_article(article)
    with reader_may_leave(sys.stdout):
        if as_json:
            print(json.dumps(outline(parsed), ensure_ascii=False, indent=2))
        else:
            print_outline(parsed, ResultsConsole())


ALIGN_HELP = """Align the article with the English transcript or audio; write subtitles, chapters and a report.

Exit code 0 on success, 1 when the alignment ran but is too uncertain to trust (the files are
written and the report says why), 2 on bad input, 3 when the output cannot be written.

\b
Examples:
  companion align episode.zh.txt --transcript episode.en.vtt --out out
  companion align episode.zh.md --audio episode.mp3 --out out --preview
  companion align episode.zh.txt --audio episode.mp3 --english-text en.txt
"""


@app.command("align", help=ALIGN_HELP)
def align_command(
    article: str = typer.Argument(..., metavar="ARTICLE", help=ARTICLE_HELP),
    transcript: Optional[str] = typer.Option(None, "--transcript", "-t", metavar="EN_FILE",
                                             help="English timed transcript: WebVTT, SRT, ASS, SBV, TTML, "
                                                  "Whisper/WhisperX JSON or TSV, AssemblyAI/Deepgram/Rev.ai JSON, "
                                                  "Podcasting 2.0 JSON or HTML, or text with [hh:mm:ss] stamps; "
                                                  "a .docx too."),
    audio: Optional[str] = typer.Option(None, "--audio", metavar="EPISODE",
                                        help="The episode's audio (any format ffmpeg reads): its speech is "
                                             "recognised, or --english-text is aligned to it; with "
                                             "--transcript, it times sentences that start inside a segment."),
    english_text: Optional[str] = typer.Option(None, "--english-text", metavar="EN_TXT",
                                               help="Untimed English text (plain text, HTML or a .docx) to align to --audio "
                                                    "word by word."),
    out: Path = typer.Option(Path("."), "--out", "-o", metavar="DIR", help="Output folder."),
    name: Optional[str] = typer.Option(None, "--name", metavar="STEM",
                                       help="Stem of the output files (default: the article's, without a "
                                            "language tag such as .zh)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing outputs."),
    quiet: bool = QUIET_OPTION,
    order: Order = typer.Option(Order.en_zh, "--order", show_default=False,
                                help="Line order in bilingual cues (default en-zh)."),
    preview: bool = typer.Option(False, "--preview", help="Also write STEM.preview/index.html (needs --audio)."),
    engine: Engine = ENGINE_OPTION,
    model: Optional[str] = MODEL_OPTION,
    model_dir: Optional[Path] = MODEL_DIR_OPTION,
    speaker_names: Names = typer.Option(Names.article, "--speaker-names", show_default=False,
                                        help="Voice tags: the article's names (default) or the transcript's (en)."),
) -> int:
    from companion.commands import Request, run_align
    from companion.progress import progress

    request = Request(article, out, transcript, audio, english_text, name, force, order.value, preview, engine.value,
                      model, model_dir, speaker_names.value)
    request.check()
    with progress(request.steps, enabled=not quiet) as step:
        result = run_align(request, step)
    if not quiet:
        _print(result.summary)
        _print("\n".join(f"wrote {p}" for p in result.written))
    return 0 if result.trusted else EXIT_WEAK


@app.command("render")
def render_command(
    report: str = typer.Argument(..., metavar="ALIGNMENT_JSON", help="STEM.alignment.json, as companion align "
                                                                     "wrote it or as a person edited it."),
    transcript: Optional[str] = typer.Option(None, "--transcript", "-t", metavar="EN_FILE",
                                             help="The English timing (default: STEM.en.vtt beside the report)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="DIR", help="Output folder (default: the "
                                                                                "report's)."),
    name: Optional[str] = typer.Option(None, "--name", metavar="STEM", help="Stem of the output files (default: "
                                                                            "the report's)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing outputs (they usually exist: "
                                                      "companion align wrote them)."),
    order: Order = typer.Option(Order.en_zh, "--order", show_default=False,
                                help="Line order in bilingual cues (default en-zh)."),
    speaker_names: Names = typer.Option(Names.article, "--speaker-names", show_default=False,
                                        help="Voice tags: the article's names (default) or the transcript's (en)."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Subtitles and chapters again from an alignment report a person edited.

    Move a sentence's start, fix its text, or set its start and end to null to leave it out; the
    report is checked as data first (times finite and never going backwards, known keys), and a
    bad edit is named in one line with nothing written. Paragraph and chapter times follow the
    sentences. The report itself is never rewritten.
    """
    from companion.commands import run_render

    written = run_render(report, transcript, out, name, force, order.value, speaker_names.value)
    if not quiet:
        _print("\n".join(f"wrote {p}" for p in written))


BATCH_HELP = """Align a whole catalogue on Dask: every row of MANIFEST into DIR/<name>/, resumable.

MANIFEST is CSV (with a header) or JSON Lines, one episode per row: name, article, transcript,
audio, english_text, title, url (paths relative to the manifest; transcript or audio needed).
The whole manifest is checked before any work. Without --scheduler a local cluster of --workers
processes runs the episodes; with it, an existing Dask cluster (its workers need podcast-companion
installed and the files at the same paths). DIR/batch.jsonl records every finished episode, so a
rerun skips what is unchanged; DIR/batch.json and the table printed at the end say how each went.

\b
Examples:
  companion batch episodes.csv --out site
  companion batch episodes.jsonl --out site --scheduler tcp://10.0.0.5:8786
  companion batch episodes.csv --out site --feed feed.xml --base-url https://example.org/site
"""


@app.command("batch", help=BATCH_HELP)
def batch_command(
    manifest: Path = typer.Argument(..., metavar="MANIFEST", help="CSV or JSON Lines, one episode per row."),
    out: Path = typer.Option(..., "--out", "-o", metavar="DIR", help="Output folder: DIR/<name>/ per episode."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="An existing Dask scheduler, e.g. tcp://host:8786."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, metavar="N",
                                          help="Local worker processes (default: the CPU count)."),
    force: bool = typer.Option(False, "--force", help="Align every episode again."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Align again only the episodes that failed."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=1, metavar="SECONDS",
                                            help="Give up on an episode after this long."),
    feed: Optional[Path] = typer.Option(None, "--feed", metavar="FEED.xml",
                                        help="The show's RSS feed: write FEED.companion.xml with the tags added."),
    base_url: Optional[str] = typer.Option(None, "--base-url", metavar="URL",
                                           help="Where DIR is published (for the RSS tags)."),
    quiet: bool = QUIET_OPTION,
    engine: Engine = ENGINE_OPTION,
    model: Optional[str] = MODEL_OPTION,
    model_dir: Optional[Path] = MODEL_DIR_OPTION,
) -> int:
    from companion.batch.run import run_batch
    from companion.batch.worker import SpeechOptions
    from companion.progress import progress

    speech = SpeechOptions(engine.value, model, model_dir)
    with progress(1, enabled=not quiet) as step:
        batch = run_batch(manifest, out, scheduler, workers, force, retry_failed, timeout, feed, base_url, step,
                          speech)
    for note in batch.notes:
        say(f"note: {note}")
    if not quiet:
        _print(batch.table())
        _print(f"{len(batch.records) - batch.skipped} run, {batch.skipped} unchanged and skipped, "
               f"{len(batch.failed)} failed; details in {out / 'batch.json'}")
    stuck = [r for r in batch.failed if r.get("exit") == EXIT_ENVIRONMENT]
    if stuck:  # a full disk or a read-only folder is the machine's to fix, not an episode's: exit as align would
        reason = str(stuck[0].get("error", "")).removeprefix("companion: ").removeprefix("error: ")
        say(f"error: the environment failed for {len(stuck)} of {len(batch.records)} episodes, "
            f"{stuck[0]['name']} first: {reason}")
        return EXIT_ENVIRONMENT
    return EXIT_WEAK if batch.failed else 0


CHAPTERS_HELP = """Turn an alignment report into chapters for players, podcast apps and video sites.

Text formats go to standard output (or --out); id3 and mp4 write chapters into a new copy of
--audio (AUDIO.chapters.mp3 unless --out; --in-place rewrites the file itself). The audio
stream is copied, never re-encoded; existing chapters are replaced, other tags kept.

\b
Formats, each with an example:
  vtt: WebVTT chapters track for <track kind="chapters">
    companion chapters ep.alignment.json -f vtt -o ep.chapters.vtt
  json: Podcasting 2.0 JSON chapters v1.2.0 (<podcast:chapters>)
    companion chapters ep.alignment.json -f json -o ep.chapters.json
  psc: Podlove Simple Chapters, to paste into an RSS <item>
    companion chapters ep.alignment.json -f psc
  ffmetadata: ffmpeg metadata ([CHAPTER] blocks, TIMEBASE=1/1000)
    companion chapters ep.alignment.json -f ffmetadata -o ch.txt
  youtube: a description list from 00:00 (YouTube, Bilibili)
    companion chapters ep.alignment.json -f youtube --lang both
  id3: ID3v2.3 CHAP/CTOC frames in an MP3 (Apple Podcasts, Overcast)
    companion chapters ep.alignment.json -f id3 --audio ep.mp3
  mp4: chapters in an M4A/MP4 (Apple Podcasts, QuickTime)
    companion chapters ep.alignment.json -f mp4 --audio ep.m4a --in-place

Chapters start where the first aligned paragraph under each heading starts; an intro
chapter covers untranslated material before that; a heading whose paragraphs could not be
aligned is merged into the chapter before it, and said so on standard error. With --audio,
the last chapter ends where the audio ends.
"""


@app.command("chapters", help=CHAPTERS_HELP)
def chapters_command(
    report: str = typer.Argument(..., metavar="ALIGNMENT_JSON", help="STEM.alignment.json written by companion "
                                                                     "align."),
    fmt: Format = typer.Option(..., "--format", "-f", help="The chapter format."),
    audio: Optional[Path] = typer.Option(None, "--audio", metavar="FILE",
                                         help="The episode's audio (needed for id3 and mp4)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE",
                                       help="Output file (text formats: default standard output)."),
    in_place: bool = typer.Option(False, "--in-place", help="id3/mp4: write into --audio itself."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    lang: Lang = typer.Option(Lang.zh, "--lang", show_default=False,
                              help="Chapter titles: Chinese (default), the English opening words, or both."),
    intro_title: Optional[str] = typer.Option(None, "--intro-title", help="Title of the intro chapter "
                                                                          "(default 开场)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors (and the chapters, "
                                                            "without --out)."),
) -> int:
    from companion.chapters import AUDIO_FORMATS, build_chapters, render
    from companion.output import Outputs, Produce, replace_in_place
    from companion.report import Alignment

    alignment = Alignment.read(report)
    if audio is not None and not audio.is_file():
        raise InputError(f"--audio not found: {audio}")
    length = _audio_length(audio) if audio is not None else None
    chapters = build_chapters(alignment, lang.value, intro_title, duration=length)
    # quiet, the notes are said only when they explain an exit of 1 (no chapter could be aligned)
    tell_note = (lambda note: None) if quiet and chapters.chapters else (lambda note: say(f"note: {note}"))
    for note in chapters.notes:
        tell_note(note)
    if not chapters.chapters:
        return EXIT_WEAK
    shown = len(chapters.notes)
    if fmt.value in AUDIO_FORMATS:
        from media.chapters import check_container, id3_note, id3_writer, mp4_writer

        if audio is None:
            raise InputError(f"--format {fmt.value} writes into audio: give --audio FILE")
        if in_place and out is not None:
            raise InputError("--in-place and --out exclude each other")
        check_container(audio, fmt.value)
        if fmt.value == "id3" and (note := id3_note(audio, chapters.chapters)):
            tell_note(note)
        writer = Produce((id3_writer if fmt.value == "id3" else mp4_writer)(audio, chapters.chapters))
        if in_place:
            replace_in_place(audio, writer)
            target = audio
        else:
            target = out or audio.with_name(f"{audio.stem}.chapters{audio.suffix}")
            outputs = Outputs(target.parent, force, [report, audio])
            outputs.add(target.name)
            outputs.write({target: writer})
        if not quiet:
            _print(f"wrote {target}")
        return 0
    text = render(chapters, fmt.value, title=alignment.title, file_name=audio.name if audio else None)
    for note in chapters.notes[shown:]:  # the format's own warnings (YouTube's rules)
        tell_note(note)
    if out is None:
        sys.stdout.write(text)
    else:
        outputs = Outputs(out.parent, force, [report, audio])
        outputs.add(out.name)
        outputs.write({out: text})
        if not quiet:
            _print(f"wrote {out}")
    return 0


def _audio_length(audio: Path) -> float | None:
    from media.decode import duration

    try:
        return duration(audio)
    except MediaError:
        return None


@app.command("preview")
def preview_command(
    report: str = typer.Argument(..., metavar="ALIGNMENT_JSON", help="STEM.alignment.json written by companion "
                                                                     "align."),
    audio: Path = typer.Option(..., "--audio", metavar="EPISODE", help="The episode (audio or video) to play in "
                                                                       "the page."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="DIR",
                                       help="Folder for index.html (default: STEM.preview beside the report)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing page."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Write a page to listen and read along: player, chapters, bilingual transcript, confidence.

    DIR/index.html is static (it works from the file system too): the player carries the bilingual
    subtitles and chapters as tracks, the transcript shows each Chinese sentence beside its English,
    doubtful sentences are shaded, and an overview draws the alignment path.
    """
    from companion.output import CopyOf, Outputs
    from companion.preview import DOWNLOADS, PAGE_FILES, page_files, untranslated
    from companion.report import Alignment
    from companion.transcript import read_transcript

    alignment = Alignment.read(report)
    if not audio.is_file():
        raise InputError(f"--audio not found: {audio}")
    stem = Path(report).name.removesuffix(".json").removesuffix(".alignment")
    folder = out or Path(report).with_name(f"{stem}.preview")
    beside = {f"{stem}.{suffix}": Path(report).with_name(f"{stem}.{suffix}") for suffix, _ in DOWNLOADS}
    beside[f"{stem}.alignment.json"] = Path(report)
    downloads = {name: (path.read_text(encoding="utf-8") if name.endswith(".bilingual.vtt") else CopyOf(path))
                 for name, path in beside.items() if path.is_file()}
    english = beside[f"{stem}.en.vtt"]
    passages = untranslated(alignment, read_transcript(str(english))) if english.is_file() else []
    outputs = Outputs(folder, force, [report, audio])
    names = PAGE_FILES if audio.resolve().parent == folder.resolve() else PAGE_FILES + (audio.name,)
    targets = {name: outputs.add(name) for name in names + tuple(downloads)}
    outputs.check()
    outputs.write(page_files(alignment, audio, targets, downloads, passages))
    if not quiet:
        _print(f"wrote {targets['index.html']}")


@app.command("transcribe")
def transcribe_command(
    audio: Path = typer.Argument(..., metavar="AUDIO", help="The episode: any audio or video file ffmpeg reads."),
    out: Path = typer.Option(Path("."), "--out", "-o", metavar="DIR", help="Output folder."),
    name: Optional[str] = typer.Option(None, "--name", metavar="STEM",
                                       help="Stem of the output files (default: the audio's)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing outputs."),
    quiet: bool = QUIET_OPTION,
    engine: Engine = ENGINE_OPTION,
    model: Optional[str] = MODEL_OPTION,
    model_dir: Optional[Path] = MODEL_DIR_OPTION,
) -> None:
    """Recognise the English speech offline: STEM.en.vtt and STEM.en.json with word times."""
    from companion.commands import audio_stem
    from companion.output import Outputs, plain_name
    from companion.progress import progress
    from companion.transcript.from_words import transcript_from_words, transcript_json
    from companion.transcript.readers import RECOGNISED_NOTE
    from media.decode import duration
    from media.speech import recognise_speech
    from subtitles.cue import Cue
    from subtitles.linebreak import wrap_english
    from subtitles.webvtt import write_vtt

    if not audio.is_file():
        raise InputError(f"audio not found: {audio}" if not audio.is_dir() else f"{audio} is a folder, not audio")
    stem = plain_name(name) if name is not None else audio_stem(audio)
    outputs = Outputs(out, force, [audio])
    vtt, words = outputs.add(f"{stem}.en.vtt"), outputs.add(f"{stem}.en.json")
    outputs.check()
    length = duration(audio)
    with progress(1, enabled=not quiet) as step:
        step("recognising the English speech", total=length)
        heard = recognise_speech(audio, engine.value, model, model_dir, progress=step.update)
        transcript = transcript_from_words(heard.words, str(audio))
    cues = [Cue(s.start, s.end, [wrap_english(s.text)]) for s in transcript.segments]
    header = f"WEBVTT\n\n{RECOGNISED_NOTE}{heard.engine}"  # read back, its sentences are judged as heard
    outputs.write({vtt: write_vtt(cues, header), words: transcript_json(transcript)})
    if not quiet:
        _print(f"{len(transcript.segments)} segments, {sum(len(s.words) for s in transcript.segments)} words "
               f"(recognised by {heard.engine})" + (f"\nnote: {heard.note}" if heard.note else "")
               + f"\nwrote {vtt}\nwrote {words}")
