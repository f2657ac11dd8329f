"""`companion batch`: a whole catalogue on Dask (a local cluster, or an existing one), resumable.

Every episode is `companion align` into DIR/<name>/ on some worker; each finished episode is
appended to the ledger at once, so an interrupted batch keeps all it finished and a rerun skips
what is unchanged. One episode's bad input, crash or timeout is recorded and never stops the others;
a worker that dies has its episode retried once elsewhere.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from companion.batch.feed import item_snippet, with_tags
from companion.batch.ledger import append, fingerprint, needs_run, read_ledger
from companion.batch.manifest import Episode, read_manifest
from companion.batch.worker import SpeechOptions, align_episode
from companion.errors import InputError
from companion.output import Outputs, writable_folder
from companion.progress import Progress, silent

COLUMNS = ("name", "status", "aligned", "confidence", "doubtful", "seconds")


@dataclass
class Batch:
    records: list[dict]  # one per episode of the manifest, in its order
    skipped: int
    notes: list[str]

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.records if r.get("status") not in ("ok", "weak")]

    def table(self) -> str:
        rows = [COLUMNS] + [tuple(_cell(r.get(c)) for c in COLUMNS) for r in self.records]
        widths = [max(len(row[k]) for row in rows) for k in range(len(COLUMNS))]
        return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def _cell(value) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def run_batch(manifest_path: Path, out: Path, scheduler: str | None = None, workers: int | None = None,
              force: bool = False, retry_failed: bool = False, timeout: float | None = None,
              feed: Path | None = None, base_url: str | None = None, step: Progress = silent,
              speech: SpeechOptions = SpeechOptions()) -> Batch:
    manifest = read_manifest(manifest_path)
    if speech.model_dir is not None and not speech.model_dir.is_dir():
        raise InputError(f"--model-dir {speech.model_dir} is not a folder")
    if feed is not None and not base_url:
        raise InputError("--feed needs --base-url: the address the episode folders are published under")
    feed_bytes = _read_feed(feed) if feed is not None else None
    if feed_bytes is not None:
        with_tags(feed_bytes, [], base_url)  # a feed that is not well-formed fails now, before any work
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file, not a folder")
    writable_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    ledger = out / "batch.jsonl"
    latest = read_ledger(ledger)
    prints = {e.name: fingerprint(e, speech) for e in manifest.episodes}
    todo = [e for e in manifest.episodes if needs_run(e, latest.get(e.name), out, prints[e.name], force, retry_failed)]
    step(f"aligning {len(todo)} of {len(manifest.episodes)} episodes", total=len(todo))
    if todo:
        for record in _run(todo, out, scheduler, workers, timeout, speech, step):
            record.update(inputs=prints[record["name"]], finished=datetime.now(timezone.utc).isoformat(timespec="seconds"))
            append(ledger, record)
            latest[record["name"]] = record
    records = [latest.get(e.name, {"name": e.name, "status": "not run"}) for e in manifest.episodes]
    notes = list(manifest.warnings)
    files = {}
    summary = Outputs(out, force=True)
    files[summary.add("batch.json")] = _json({"episodes": records})
    if base_url:
        for e in manifest.episodes:
            if (out / e.name).is_dir():
                files[summary.add(f"{e.name}/{e.name}.rss.xml")] = item_snippet(e, base_url)
    if feed_bytes is not None:
        copy, unmatched = with_tags(feed_bytes, manifest.episodes, base_url)
        target = feed.with_name(f"{feed.stem}.companion{feed.suffix or '.xml'}")
        feed_out = Outputs(target.parent, force=True, inputs=[feed])
        feed_out.add(target.name)
        feed_out.write({target: copy})
        notes += [f"wrote {target}"] + [f"no item of the feed matches episode {name}" for name in unmatched]
    summary.write(files)
    return Batch(records, len(manifest.episodes) - len(todo), notes)


def _run(todo: list[Episode], out: Path, scheduler: str | None, workers: int | None, timeout: float | None,
         speech: SpeechOptions, step: Progress):
    """Records as episodes finish, in any order; the cluster goes away with the batch, however it ends."""
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="20s")
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=50)
        client = Client(cluster)
    try:
        futures = {client.submit(align_episode, e, out.resolve(), timeout, speech, retries=1, pure=False,
                                 key=f"align-{e.name}-{time.time_ns()}"): e for e in todo}
        done = 0
        for future in as_completed(futures):
            episode = futures[future]
            try:
                record = future.result()
            except Exception as exc:  # the worker died twice, or the task could not run at all
                record = {"name": episode.name, "status": "failed", "exit": None, "error": f"{type(exc).__name__}: {exc}"}
            done += 1
            step.update(done)
            yield record
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _read_feed(feed: Path) -> bytes:
    try:
        return feed.read_bytes()
    except FileNotFoundError:
        raise InputError(f"feed not found: {feed}") from None
    except OSError as exc:
        raise InputError(f"cannot read {feed}: {exc.strerror}") from None


def _json(document: dict) -> str:
    import json

    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
