"""The `companion` command line (Typer)."""

from __future__ import annotations

import functools
import json
import sys
from typing import Callable, Optional

from pathlib import Path

import typer
from rich.console import Console

from companion import __version__
from companion.errors import InputError
from media.errors import MediaError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Bilingual subtitles, chapters and an alignment report from a translated Chinese article "
                       "and an English podcast transcript or audio.")


def friendly(command: Callable) -> Callable:
    """Turn bad input into a one-line message on stderr and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (InputError, MediaError) as exc:
            print(f"companion: error: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            print("companion: interrupted", file=sys.stderr)
            raise typer.Exit(130) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        print(f"companion {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")) -> None:
    """podcast-companion."""


@app.command()
@friendly
def inspect(article: str = typer.Argument(..., help="The Chinese article: text, Markdown or HTML; - for stdin."),
            as_json: bool = typer.Option(False, "--json", help="Print JSON instead of an outline.")) -> None:
    """Show how the article was understood: title, chapters, paragraphs, speakers, what was skipped."""
    from companion.article import read_article
    from companion.article.outline import outline, print_outline

    parsed = read_article(article)
    if as_json:
        print(json.dumps(outline(parsed), ensure_ascii=False, indent=2))
    else:
        print_outline(parsed, Console())


@app.command("align")
@friendly
def align_command(
    article: str = typer.Argument(..., help="The Chinese article: text, Markdown or HTML; - for stdin."),
    transcript: Optional[str] = typer.Option(None, "--transcript", "-t",
                                             help="English timed transcript: WebVTT, SRT, Whisper/WhisperX JSON, "
                                                  "Podcasting 2.0 JSON, or text with \\[hh:mm:ss] stamps."),
    audio: Optional[str] = typer.Option(None, "--audio", help="The episode's audio (any format ffmpeg reads): its "
                                                             "speech is recognised, or --english-text is aligned to it."),
    english_text: Optional[str] = typer.Option(None, "--english-text", help="Untimed English text (plain text or "
                                                                           "HTML) to align to --audio word by word."),
    out: Path = typer.Option(Path("."), "--out", "-o", help="Output folder."),
    name: Optional[str] = typer.Option(None, "--name", help="Stem of the output files (default: the article's)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing outputs."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    order: str = typer.Option("en-zh", "--order", help="Line order in bilingual cues: en-zh or zh-en."),
    preview: bool = typer.Option(False, "--preview", help="Also write STEM.preview/index.html (needs --audio)."),
    engine: str = typer.Option("pocketsphinx", "--engine", help="Speech recognition for --audio alone: pocketsphinx "
                                                              "(built in) or whisper (the 'whisper' extra)."),
    model: Optional[str] = typer.Option(None, "--model", help="faster-whisper model name (default small.en)."),
    model_dir: Optional[Path] = typer.Option(None, "--model-dir", help="Folder with faster-whisper models (offline)."),
) -> None:
    """Align the article with the English transcript; write subtitles and an alignment report.

    Exit code 0 on success, 1 when the alignment ran but is too uncertain to trust, 2 on bad input.
    """
    from companion.pipeline import STEPS, Request, run_align
    from companion.progress import steps

    request = Request(article, out, transcript, audio, english_text, name, force, order, preview, engine, model,
                      model_dir)
    request.check()
    with steps(STEPS + preview + bool(audio), enabled=not quiet) as step:
        result = run_align(request, step)
    if not quiet:
        print(result.summary, file=sys.stderr)
    if not result.trusted:
        raise typer.Exit(1)


CHAPTERS_HELP = """Turn an alignment report into chapters for players, podcast apps and video sites.

Text formats go to standard output (or --out); id3 and mp4 write chapters into a new copy of
--audio (AUDIO.chapters.mp3 unless --out; --in-place rewrites the file itself). The audio
stream is copied, never re-encoded; existing chapters are replaced, other tags kept.

\b
Formats, each with an example:
  vtt         WebVTT chapters track for <track kind="chapters"> (video.js, Plyr)
                companion chapters ep.alignment.json -f vtt -o ep.chapters.vtt
  json        Podcasting 2.0 JSON chapters v1.2.0 (<podcast:chapters>; Fountain, Podverse)
                companion chapters ep.alignment.json -f json -o ep.chapters.json
  psc         Podlove Simple Chapters, to paste into an RSS <item>
                companion chapters ep.alignment.json -f psc
  ffmetadata  ffmpeg metadata ([CHAPTER] blocks, TIMEBASE=1/1000)
                companion chapters ep.alignment.json -f ffmetadata -o ch.txt
                ffmpeg -i ep.m4a -i ch.txt -map_metadata 1 -map_chapters 1 -c copy out.m4a
  youtube     a description list starting at 00:00 (YouTube, Bilibili, Spotify video)
                companion chapters ep.alignment.json -f youtube --lang both
  id3         ID3v2 CHAP/CTOC frames in an MP3 (Apple Podcasts, Overcast, Pocket Casts, VLC)
                companion chapters ep.alignment.json -f id3 --audio ep.mp3 -o ep.chapters.mp3
  mp4         chapters in an M4A/MP4 (Apple Podcasts, QuickTime), through ffmpeg
                companion chapters ep.alignment.json -f mp4 --audio ep.m4a --in-place

Chapters start where the first aligned paragraph under each heading starts; an intro
chapter covers untranslated material before that; a heading whose paragraphs could not be
aligned is merged into the chapter before it, and said so on standard error.
"""


@app.command("chapters", help=CHAPTERS_HELP)
@friendly
def chapters_command(
    report: str = typer.Argument(..., help="STEM.alignment.json written by companion align."),
    fmt: str = typer.Option(..., "--format", "-f", help="vtt, json, psc, ffmetadata, youtube, id3 or mp4."),
    audio: Optional[Path] = typer.Option(None, "--audio", help="The episode's audio (for id3 and mp4)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (text formats: default stdout)."),
    in_place: bool = typer.Option(False, "--in-place", help="id3/mp4: write into --audio itself."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    lang: str = typer.Option("zh", "--lang", help="Chapter titles: zh, en (the English opening words) or both."),
    intro_title: Optional[str] = typer.Option(None, "--intro-title", help="Title of the intro chapter (default 开场)."),
) -> None:
    from companion.chapters import build_chapters, read_report

    document = read_report(report)
    chapters = build_chapters(document, lang, intro_title)
    if chapters.chapters:
        _export_chapters(chapters, document, fmt, audio, out, in_place, force)
    for note in chapters.notes:
        print(f"companion: {note}", file=sys.stderr)
    if not chapters.chapters:
        raise typer.Exit(1)


def _export_chapters(chapters, document: dict, fmt: str, audio: Optional[Path], out: Optional[Path],
                     in_place: bool, force: bool) -> None:
    """Chapters into audio (id3/mp4) or as text to stdout or --out."""
    from companion.chapters import AUDIO_FORMATS, render, write_into_audio
    from companion.output import check_targets, write_all

    if fmt in AUDIO_FORMATS:
        if audio is None:
            raise InputError(f"--format {fmt} writes into audio: give --audio FILE")
        target = audio if in_place else (out or audio.with_name(f"{audio.stem}.chapters{audio.suffix}"))
        if not in_place:
            check_targets([target], force)
        write_into_audio(chapters, fmt, audio, target)
        return
    text = render(chapters, fmt, title=document.get("title"), file_name=audio.name if audio else None)
    if out is None:
        sys.stdout.write(text)
    else:
        check_targets([out], force)
        write_all({out: text})


@app.command("preview")
@friendly
def preview_command(
    report: str = typer.Argument(..., help="STEM.alignment.json written by companion align."),
    audio: Path = typer.Option(..., "--audio", help="The episode (audio or video) to play in the page."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for index.html (default: STEM.preview)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing page."),
) -> None:
    """Write a page to listen and read along: player, chapters, bilingual transcript, confidence.

    DIR/index.html is static (it works from the file system too): the player carries the bilingual
    subtitles and chapters as tracks, the transcript shows each Chinese sentence beside its English,
    doubtful sentences are shaded, and an overview draws the alignment path.
    """
    from companion.chapters import read_report
    from companion.output import check_targets
    from companion.preview import write_preview

    document = read_report(report)
    stem = Path(report).name.removesuffix(".json").removesuffix(".alignment")
    folder = out or Path(report).with_name(f"{stem}.preview")
    check_targets([folder / "index.html"], force)
    page = write_preview(document, audio, folder, Path(report).with_name(f"{stem}.bilingual.vtt"))
    print(page)


@app.command("transcribe")
@friendly
def transcribe_command(
    audio: Path = typer.Argument(..., help="The episode: any audio or video file ffmpeg reads."),
    out: Path = typer.Option(Path("."), "--out", "-o", help="Output folder."),
    name: Optional[str] = typer.Option(None, "--name", help="Stem of the output files (default: the audio's)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing outputs."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    engine: str = typer.Option("pocketsphinx", "--engine", help="pocketsphinx (built in) or whisper (the 'whisper' "
                                                              "extra)."),
    model: Optional[str] = typer.Option(None, "--model", help="faster-whisper model name (default small.en)."),
    model_dir: Optional[Path] = typer.Option(None, "--model-dir", help="Folder with faster-whisper models (offline)."),
) -> None:
    """Recognise the English speech offline: STEM.en.vtt and STEM.en.json with word times."""
    from companion.output import check_targets, write_all
    from companion.progress import steps
    from companion.transcript.from_words import transcript_from_words, transcript_json
    from media.speech import recognise_speech
    from subtitles.cue import Cue
    from subtitles.linebreak import wrap_english
    from subtitles.webvtt import write_vtt

    stem = name or audio.stem
    targets = [out / f"{stem}.en.vtt", out / f"{stem}.en.json"]
    check_targets(targets, force)
    with steps(1, enabled=not quiet) as step:
        step("recognising the English speech")
        transcript = transcript_from_words(recognise_speech(audio, engine, model, model_dir), str(audio))
    cues = [Cue(s.start, s.end, [wrap_english(s.text)]) for s in transcript.segments]
    write_all({targets[0]: write_vtt(cues), targets[1]: transcript_json(transcript)})
    if not quiet:
        print(f"{len(transcript.segments)} segments, {sum(len(s.words) for s in transcript.segments)} words: "
              f"{targets[0]}", file=sys.stderr)
