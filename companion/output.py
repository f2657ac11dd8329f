"""Writing output files all-or-nothing: refuse to overwrite without force, write to temp files, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from companion.errors import InputError


def check_targets(paths: list[Path], force: bool) -> None:
    existing = [p.name for p in paths if p.exists()]
    if existing and not force:
        raise InputError(f"{existing[0]} already exists in {paths[0].parent} (use --force to overwrite)")


def write_all(files: dict[Path, str]) -> None:
    """Write every file to a temporary name first; rename them only when all were written."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            temps.append((tmp, path))
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
