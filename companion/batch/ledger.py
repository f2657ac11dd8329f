"""The batch ledger (DIR/batch.jsonl): one line per finished episode, appended as it finishes, so that
an interrupted batch loses nothing done and a rerun knows what it may skip."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from companion import __version__
from companion.batch.manifest import Episode
from companion.batch.worker import SpeechOptions
from companion.errors import EnvironmentFailure, describe_os_error

DONE = ("ok", "weak")  # statuses whose outputs stand (weak: written, but the evidence was thin)


def fingerprint(episode: Episode, speech: SpeechOptions = SpeechOptions()) -> dict[str, str]:
    """SHA-256 of every input file, the tool's version and, for an episode heard by speech recognition,
    the speech options: what a result depends on."""
    out = {"version": __version__}
    if episode.recognised:
        out["speech"] = " ".join(speech.argv())
    for role, path in episode.inputs().items():
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        out[role] = digest.hexdigest()
    return out


def read_ledger(path: Path) -> dict[str, dict]:
    """The latest record of each episode (a torn last line, from a killed run, is ignored)."""
    latest: dict[str, dict] = {}
    if not path.exists():
        return latest
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and "name" in record:
            latest[record["name"]] = record
    return latest


def append(path: Path, record: dict) -> None:
    """One line, written whole and synced: a crash later never loses it. A line torn by a full disk is cut off again,
    and one torn by a killed run is ended first, so that neither swallows this record."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
    except OSError as exc:
        raise EnvironmentFailure(describe_os_error(exc, path=path)) from None
    size = None
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        if size is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
        raise EnvironmentFailure(describe_os_error(exc, path=path)) from None
    finally:
        os.close(fd)


def needs_run(episode: Episode, record: dict | None, out: Path, print_: dict[str, str], force: bool,
              retry_failed: bool) -> bool:
    """Whether to (re)align: always with force; with retry_failed only what failed last time; else
    whatever is new, changed (inputs or tool version) or missing its outputs."""
    if force:
        return True
    failed = record is not None and record.get("status") not in DONE
    if retry_failed:
        return failed
    if record is None or failed or record.get("inputs") != print_:
        return True
    return not (out / episode.name / f"{episode.name}.alignment.json").exists()
