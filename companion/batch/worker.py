"""What a Dask worker does with one episode: `companion align` into DIR/<name>/, in a process of its own
(the same command a person runs, so that a crash or a timeout stays with that episode)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from companion.batch.manifest import Episode
from media.lifetime import child_preexec

STATUS = {0: "ok", 1: "weak", 2: "error", 3: "failed", 130: "interrupted"}


@dataclass(frozen=True)
class SpeechOptions:
    """How episodes given only audio are recognised: `align`'s --engine, --model and --model-dir."""

    engine: str = "auto"
    model: str | None = None
    model_dir: Path | None = None

    def argv(self) -> list[str]:
        out = ["--engine", self.engine] + (["--model", self.model] if self.model else [])
        return out + (["--model-dir", str(self.model_dir.resolve())] if self.model_dir is not None else [])


def command(episode: Episode, out: Path, speech: SpeechOptions = SpeechOptions()) -> list[str]:
    argv = [sys.executable, "-m", "companion", "align", str(episode.article), "--out", str(out / episode.name),
            "--name", episode.name, "--quiet", "--force", *speech.argv()]
    for option, path in (("--transcript", episode.transcript), ("--audio", episode.audio),
                         ("--english-text", episode.english_text)):
        if path is not None:
            argv += [option, str(path)]
    return argv


def align_episode(episode: Episode, out: Path, timeout: float | None = None,
                  speech: SpeechOptions = SpeechOptions()) -> dict:
    """Align one episode; a record of how it went (never raises for the episode's own failures)."""
    started = time.monotonic()
    try:
        done = subprocess.run(command(episode, out, speech), capture_output=True, text=True, timeout=timeout,
                              preexec_fn=child_preexec)
        code, error = done.returncode, _last_line(done.stderr) if done.returncode not in (0, 1) else ""
    except subprocess.TimeoutExpired:
        code, error = -1, f"timed out after {timeout:g} s"
    record = {"name": episode.name, "status": STATUS.get(code, "failed") if code >= 0 else "timeout", "exit": code,
              "seconds": round(time.monotonic() - started, 2), "error": error,
              "peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}
    report = out / episode.name / f"{episode.name}.alignment.json"
    if code in (0, 1) and report.exists():
        summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
        record.update(aligned=round(summary["aligned_paragraphs"] / max(1, summary["paragraphs"]), 3),
                      confidence=summary["mean_confidence"], doubtful=summary["doubtful"])
    return record


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else "no message"
