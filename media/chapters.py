"""Writing chapters into audio files: ID3v2 CHAP/CTOC frames in MP3 (mutagen), ffmpeg metadata in MP4/M4A.

The audio itself is never re-encoded: the MP3 is copied and only its ID3 tag rewritten; the MP4
is remuxed with `-c copy` (audio and cover art; an old chapter text track is dropped, since its
chapters are replaced). Other tags are kept.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

from mutagen import MutagenError
from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags, ID3NoHeaderError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4

from media.errors import MediaError
from media.ffmpeg import run_ffmpeg
from subtitles.chapters import Chapter, write_ffmetadata

# ffmpeg's muxer for each container suffix (the staged file has no suffix to guess from)
MP4_MUXERS = {".m4a": "ipod", ".m4b": "ipod", ".mp4": "mp4", ".m4v": "mp4", ".mov": "mov"}


def check_container(path: Path, fmt: str) -> None:
    """Refuse a file whose content is not an MP3 (id3) or an MP4/M4A (mp4), whatever its name says."""
    kind, reader = ("an MP3", MP3) if fmt == "id3" else ("an MP4/M4A", MP4)
    if fmt == "mp4" and path.suffix.lower() not in MP4_MUXERS:
        raise MediaError(f"--format mp4 writes into M4A/MP4 files; {path.name} is not one")
    try:
        reader(path)
    except (MutagenError, OSError) as exc:
        raise MediaError(f"{path} is not {kind} file ({exc.__class__.__name__}); "
                         f"{'use --format mp4 for M4A/MP4' if fmt == 'id3' else 'use --format id3 for MP3'}") from None


def id3_writer(source: Path, chapters: list[Chapter]) -> Callable[[str], None]:
    """A function filling a file with `source` plus ID3v2.4 CHAP frames (UTF-8 TIT2 titles) under one
    ordered top-level CTOC; other tags are kept, old chapters replaced."""

    def write(path: str) -> None:
        shutil.copyfile(source, path)
        try:
            try:
                tags = ID3(path)
            except ID3NoHeaderError:
                tags = ID3()
            tags.delall("CHAP")
            tags.delall("CTOC")
            ids = _element_ids([c.title for c in chapters])
            tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                          sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
            for element_id, c in zip(ids, chapters):
                tags.add(CHAP(element_id=element_id, start_time=round(c.start * 1000), end_time=round(c.end * 1000),
                              start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                              sub_frames=[TIT2(encoding=3, text=[c.title])]))
            tags.save(path, v2_version=4)
        except MutagenError as exc:
            raise MediaError(f"{source}: cannot write ID3 chapters ({exc})") from None

    return write


def _element_ids(titles: list[str]) -> list[str]:
    """Element IDs that keep CHAP frames in chapter order in the file.

    mutagen writes frames ordered by size (then by key), and ffmpeg-based players list CHAP
    frames in file order, not CTOC order. Zero-padded numbers order equal sizes; a trailing
    run of '_' makes each frame at least as large as the one before.
    """
    width = len(str(max(len(titles) - 1, 0)))
    ids, previous = [], 0
    for k, title in enumerate(titles):
        base = f"chp{k:0{width}d}"
        size = len(base) + len(title.encode("utf-8"))
        pad = max(0, previous - size)
        ids.append(base + "_" * pad)
        previous = size + pad
    return ids


def mp4_writer(source: Path, chapters: list[Chapter]) -> Callable[[str], None]:
    """A function filling a file with `source` remuxed (stream copy) with these chapters instead of its own."""

    def write(path: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            meta = Path(folder) / "chapters.ffmeta"
            meta.write_text(write_ffmetadata(chapters), encoding="utf-8")
            run_ffmpeg("-i", str(source), "-f", "ffmetadata", "-i", str(meta), "-map", "0:a", "-map", "0:v?",
                       "-map_metadata", "0", "-map_chapters", "1", "-c", "copy",
                       "-f", MP4_MUXERS[source.suffix.lower()], path)

    return write
