"""Writing chapters into audio files: ID3v2 CHAP/CTOC frames in MP3 (mutagen), ffmpeg metadata in MP4/M4A.

The audio itself is never re-encoded: the MP3 is copied and only its ID3 tag rewritten; the MP4
is remuxed with `-c copy` (audio and cover art; an old chapter text track is dropped, since its
chapters are replaced). Other tags are kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags, ID3NoHeaderError
from mutagen import MutagenError

from media.errors import MediaError
from media.ffmpeg import run_ffmpeg
from subtitles.chapters import Chapter, write_ffmetadata


def write_id3_chapters(source: Path, target: Path, chapters: list[Chapter]) -> None:
    """`target` = `source` with ID3v2.4 CHAP frames (UTF-8 TIT2 titles) under one ordered top-level CTOC."""
    with _staged(target, source.suffix) as tmp:
        shutil.copyfile(source, tmp)
        try:
            try:
                tags = ID3(tmp)
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
            tags.save(tmp, v2_version=4)
        except MutagenError as exc:
            raise MediaError(f"{source}: cannot write ID3 chapters ({exc})") from None


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


def write_mp4_chapters(source: Path, target: Path, chapters: list[Chapter]) -> None:
    """`target` = `source` remuxed (stream copy) with these chapters instead of its own."""
    with tempfile.TemporaryDirectory() as folder:
        meta = Path(folder) / "chapters.ffmeta"
        meta.write_text(write_ffmetadata(chapters), encoding="utf-8")
        with _staged(target, source.suffix) as tmp:
            run_ffmpeg("-i", str(source), "-f", "ffmetadata", "-i", str(meta), "-map", "0:a", "-map", "0:v?",
                       "-map_metadata", "0", "-map_chapters", "1", "-c", "copy", str(tmp))


@contextlib.contextmanager
def _staged(target: Path, suffix: str) -> Iterator[Path]:
    """A temporary file beside `target`, renamed onto it only when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
