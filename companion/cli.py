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

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Bilingual subtitles, chapters and an alignment report from a translated Chinese article "
                       "and an English podcast transcript or audio.")


def friendly(command: Callable) -> Callable:
    """Turn bad input into a one-line message on stderr and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as exc:
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
                                                  "Podcasting 2.0 JSON, or text with [hh:mm:ss] stamps."),
    audio: Optional[str] = typer.Option(None, "--audio", help="The episode's audio (not available yet)."),
    out: Path = typer.Option(Path("."), "--out", "-o", help="Output folder."),
    name: Optional[str] = typer.Option(None, "--name", help="Stem of the output files (default: the article's)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing outputs."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    order: str = typer.Option("en-zh", "--order", help="Line order in bilingual cues: en-zh or zh-en."),
) -> None:
    """Align the article with the English transcript; write subtitles and an alignment report.

    Exit code 0 on success, 1 when the alignment ran but is too uncertain to trust, 2 on bad input.
    """
    from companion.pipeline import STEPS, run_align
    from companion.progress import steps

    if audio or not transcript:
        raise InputError("give --transcript EN_FILE (alignment from --audio is not available yet)")
    with steps(STEPS, enabled=not quiet) as step:
        result = run_align(article, transcript, out, name, force, order, step)
    if not quiet:
        print(result.summary, file=sys.stderr)
    if not result.trusted:
        raise typer.Exit(1)
