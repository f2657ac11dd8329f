"""The batch manifest: one episode per row of a CSV file or a JSON Lines file, checked as a whole first."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from companion.errors import InputError
from companion.files import parse_json, read_utf8

COLUMNS = ("name", "article", "transcript", "audio", "english_text", "title", "url")
FILES = ("article", "transcript", "audio", "english_text")
NAME = re.compile(r"^[\w][\w.\-]{0,120}$")
MAX_MANIFEST = 64 << 20  # bytes: a catalogue of 100,000 episodes is a few tens of MB


@dataclass(frozen=True)
class Episode:
    """One row: its name (the output folder), its input files (absolute), and what links it to a feed."""

    name: str
    article: Path
    transcript: Path | None = None
    audio: Path | None = None
    english_text: Path | None = None
    title: str = ""
    url: str = ""

    @property
    def recognised(self) -> bool:
        """Whether its English comes from speech recognition (audio alone), so the speech options matter."""
        return self.audio is not None and self.transcript is None and self.english_text is None

    def inputs(self) -> dict[str, Path]:
        return {role: getattr(self, role) for role in FILES if getattr(self, role) is not None}


@dataclass
class Manifest:
    episodes: list[Episode]
    warnings: list[str] = field(default_factory=list)


def read_manifest(path: Path) -> Manifest:
    """Every row checked before any work: one line per problem, all of them in one InputError."""
    rows, problems, warnings = _rows(read_utf8(path, "manifest", MAX_MANIFEST), path)
    base = path.resolve().parent
    episodes: list[Episode] = []
    seen: dict[str, int] = {}
    unknown = sorted({key for _, row in rows for key in row} - set(COLUMNS))
    if unknown:
        warnings.append(f"{path}: ignoring unknown column(s) {', '.join(unknown)}")
    for line, row in rows:
        where = f"{path}:{line}"
        name = (row.get("name") or "").strip()
        if not NAME.match(name):
            problems.append(f"{where}: name {name!r} must be a plain folder name (letters, digits, . _ -)")
            continue
        if name in seen:
            problems.append(f"{where}: name {name!r} is already used on line {seen[name]}")
            continue
        seen[name] = line
        files: dict[str, Path | None] = {}
        for role in FILES:
            value = (row.get(role) or "").strip()
            files[role] = None
            if value:
                file = (base / value).resolve()
                if not file.is_file():
                    problems.append(f"{where}: {role} not found: {value}")
                files[role] = file
        if files["article"] is None:
            problems.append(f"{where}: no article")
        if files["transcript"] is None and files["audio"] is None:
            problems.append(f"{where}: give a transcript or an audio file")
        if files["english_text"] is not None and files["audio"] is None:
            problems.append(f"{where}: english_text goes with audio")
        episodes.append(Episode(name, files["article"], files["transcript"], files["audio"], files["english_text"],
                                (row.get("title") or "").strip(), (row.get("url") or "").strip()))
    if problems:
        raise InputError("the manifest has problems (nothing was run):\n" + "\n".join(problems))
    if not episodes:
        raise InputError(f"{path} lists no episodes")
    return Manifest(episodes, warnings)


def _rows(text: str, path: Path) -> tuple[list[tuple[int, dict]], list[str], list[str]]:
    """(line number, row) pairs from JSON Lines (`.jsonl`, or lines starting with `{`) or CSV."""
    problems: list[str] = []
    if path.suffix.lower() in (".jsonl", ".ndjson") or text.lstrip().startswith("{"):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = parse_json(line)
            except ValueError as exc:
                problems.append(f"{path}:{number}: not JSON ({getattr(exc, 'msg', exc)})")
                continue
            if not isinstance(row, dict):
                problems.append(f"{path}:{number}: expected an object")
                continue
            rows.append((number, {str(k): "" if v is None else str(v) for k, v in row.items()}))
        return rows, problems, []
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise InputError(f"{path}: a CSV manifest needs a header line with at least name, article and transcript "
                         f"or audio")
    return [(n + 2, {k: v for k, v in row.items() if k is not None}) for n, row in enumerate(reader)], problems, []
