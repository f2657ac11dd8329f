"""Writing chapters into audio files: ID3v2.3 CHAP/CTOC frames in MP3 (mutagen), ffmpeg metadata in MP4/M4A.

The audio itself is never re-encoded: the MP3 is copied and only its ID3 tag rewritten; the MP4
is remuxed with `-c copy` (audio and cover art; an old chapter text track is dropped, since its
chapters are replaced). Other tags are kept.
"""

from __future__ import annotations

import shlex
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from mutagen import MutagenError
from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags, ID3NoHeaderError
from mutagen.id3 import error as ID3Error
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4

from media.errors import MediaError
from media.ffmpeg import run_ffmpeg
from subtitles.chapters import Chapter, write_ffmetadata

# ffmpeg's muxer for each container suffix (the staged file has no suffix to guess from)
MP4_MUXERS = {".m4a": "ipod", ".m4b": "ipod", ".mp4": "mp4", ".m4v": "mp4", ".mov": "mov"}
# Frames only ID3v2.4 has, which writing ID3v2.3 would drop or merge (mutagen's ID3.update_to_v23). The recording
# date, TDRC, which most v2.4 tags carry, is not among them: it becomes TYER/TDAT/TIME, losing only its seconds.
V24_ONLY = frozenset({"ASPI", "EQU2", "RVA2", "SEEK", "SIGN", "TDEN", "TDOR", "TDRL", "TDTG", "TIPL", "TMCL", "TMOO",
                      "TPRO", "TSOA", "TSOP", "TSOT", "TSST"})
V24_TITLE_BYTES = 125  # longer, a v2.4 title frame (encoding byte, UTF-8, terminator) reaches 128 bytes (id3_version)


def check_container(path: Path, fmt: str) -> None:
    """Refuse a file whose content is not an MP3 (id3) or an MP4/M4A (mp4), whatever its name says."""
    kind, reader = ("an MP3", MP3) if fmt == "id3" else ("an MP4/M4A", MP4)
    if fmt == "mp4" and path.suffix.lower() not in MP4_MUXERS:
        raise MediaError(f"--format mp4 writes into M4A/MP4 files; {path.name} is not one")
    try:
        reader(path)
    except ID3Error as exc:  # the audio may be fine: rewriting a tag no one can read would lose what it holds
        raise MediaError(f"{path}: its ID3 tag cannot be read ({exc}); repair or remove it first, for example with "
                         f"`ffmpeg -i {shlex.quote(path.name)} -map 0:a -c copy copy.mp3`, which keeps the tags "
                         f"ffmpeg can read") from None
    except (MutagenError, OSError) as exc:
        raise MediaError(f"{path} is not {kind} file ({exc.__class__.__name__}); "
                         f"{'use --format mp4 for M4A/MP4' if fmt == 'id3' else 'use --format id3 for MP3'}") from None


def id3_writer(source: Path, chapters: list[Chapter]) -> Callable[[str], None]:
    """A function filling a file with `source` plus ID3 CHAP frames (TIT2 titles) under one ordered top-level CTOC;
    other tags are kept, old chapters replaced. The tag is written as ID3v2.3 (see `id3_version`)."""

    def write(path: str) -> None:
        shutil.copyfile(source, path)
        try:
            try:
                tags = ID3(path)
            except ID3NoHeaderError:
                tags = ID3()
            tags.delall("CHAP")
            tags.delall("CTOC")
            version = id3_version(tags)
            ids = _element_ids([c.title for c in chapters], version)
            tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                          sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
            for element_id, c in zip(ids, chapters):
                tags.add(CHAP(element_id=element_id, start_time=round(c.start * 1000), end_time=round(c.end * 1000),
                              start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                              sub_frames=[TIT2(encoding=3, text=[c.title])]))
            if version == 3:
                tags.update_to_v23()  # UTF-8 text becomes UTF-16, dates TYER/TDAT/TIME, as v2.3 has them
            tags.save(path, v2_version=version)
        except MutagenError as exc:
            raise MediaError(f"{source}: cannot write ID3 chapters ({exc})") from None

    return write


def id3_version(tags: ID3) -> int:
    """3, the ID3 version chapter readers share, unless the tag holds frames only ID3v2.4 can carry (then 4).

    In ID3v2.4 the size of a frame inside CHAP is a syncsafe integer; ffmpeg (and the players built on it) and getID3
    read it as a plain one, so in a v2.4 tag a chapter whose title frame reaches 128 bytes (a title of 42 Chinese
    characters) is lost to them. In v2.3 the sizes are plain for every reader."""
    return 4 if any(frame.FrameID in V24_ONLY for frame in tags.values()) else 3


def id3_note(source: Path, chapters: list[Chapter]) -> str | None:
    """What to say when the tag of `source` stays ID3v2.4 (see id3_version) and a title is too long for players built
    on ffmpeg: those lose its chapter."""
    try:
        tags = ID3(source)
    except MutagenError:  # no tag (one that cannot be read, check_container has refused already)
        return None
    lost = sum(len(c.title.encode("utf-8")) > V24_TITLE_BYTES for c in chapters)
    if not lost or id3_version(tags) == 3:
        return None
    return (f"{source.name}'s tag stays ID3v2.4 (it has frames v2.3 lacks); players built on ffmpeg will not list "
            f"{lost} chapter(s) whose title is longer than {V24_TITLE_BYTES} bytes (41 Chinese characters)")


def _element_ids(titles: list[str], version: int) -> list[str]:
    """Element IDs that keep CHAP frames in chapter order in the file.

    mutagen writes frames ordered by size (then by key), and ffmpeg-based players list CHAP
    frames in file order, not CTOC order. Zero-padded numbers order equal sizes; a trailing
    run of '_' makes each frame at least as large as the one before. A title takes the bytes of its
    encoding in that version: UTF-16 in v2.3, UTF-8 in v2.4.
    """
    width = len(str(max(len(titles) - 1, 0)))
    ids, previous = [], 0
    for k, title in enumerate(titles):
        base = f"chp{k:0{width}d}"
        size = len(base) + len(title.encode("utf-16" if version == 3 else "utf-8"))
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
