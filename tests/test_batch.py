"""`companion batch` on Dask: a local cluster and a real scheduler with workers, a broken episode, reruns
that skip, a killed run resumed, and a feed copy that changes nothing but the tags it adds."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import companion

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OUTPUT = ("alignment.json", "bilingual.vtt", "bilingual.ass", "zh.vtt", "zh.srt", "en.vtt", "chapters.vtt",
          "chapters.json")


@pytest.fixture
def catalogue(tmp_path):
    """Four short episodes made from the example (text, Markdown, HTML article; the VTT transcript) and
    a manifest listing them; `broken` adds a fifth whose article is empty."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    for suffix in ("txt", "md", "html"):
        shutil.copy(EXAMPLES / f"episode.zh.{suffix}", folder / f"episode.{suffix}")
    shutil.copy(EXAMPLES / "episode.en.vtt", folder / "episode.en.vtt")
    (folder / "empty.txt").write_text("\n", encoding="utf-8")
    rows = [("plain", "episode.txt", "First", "https://example.org/1.mp3"),
            ("markdown", "episode.md", "Second", "https://example.org/2.mp3"),
            ("web", "episode.html", "Third", ""), ("again", "episode.txt", "Fourth", "")]

    def write(name: str, broken: bool = False) -> Path:
        lines = ["name,article,transcript,title,url"] + [f"{n},{a},episode.en.vtt,{t},{u}" for n, a, t, u in rows]
        if broken:
            lines.append("broken,empty.txt,episode.en.vtt,Broken,")
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return folder, write


def ledger(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "batch.jsonl").read_text(encoding="utf-8").splitlines()]


def complete(out: Path, name: str) -> bool:
    return all((out / name / f"{name}.{suffix}").is_file() for suffix in OUTPUT)


def test_local_cluster_runs_every_episode_and_records_the_broken_one(catalogue, tmp_path):
    folder, write = catalogue
    out = tmp_path / "site"
    result = companion("batch", write("m.csv", broken=True), "--out", out, "--workers", "2", "--quiet")
    assert result.exit_code == 1  # one episode failed
    records = {r["name"]: r for r in ledger(out)}
    assert {n: r["status"] for n, r in records.items()} == {"plain": "ok", "markdown": "ok", "web": "ok",
                                                             "again": "ok", "broken": "error"}
    assert "is empty" in records["broken"]["error"] and not (out / "broken" / "broken.alignment.json").exists()
    assert all(complete(out, n) for n in ("plain", "markdown", "web", "again"))
    assert records["plain"]["aligned"] == 1.0 and records["plain"]["confidence"] > 0.9
    summary = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in summary["episodes"]] == ["plain", "markdown", "web", "again", "broken"]
    # the same code path as companion align: identical reports
    alone = tmp_path / "alone"
    companion("align", folder / "episode.txt", "--transcript", folder / "episode.en.vtt", "--out", alone,
              "--name", "plain", "--quiet")
    ours = json.loads((out / "plain" / "plain.alignment.json").read_text(encoding="utf-8"))
    theirs = json.loads((alone / "plain.alignment.json").read_text(encoding="utf-8"))
    ours.pop("inputs"), theirs.pop("inputs")
    assert ours == theirs


def test_a_rerun_skips_everything_unchanged_and_redoes_a_changed_input(catalogue, tmp_path):
    folder, write = catalogue
    out = tmp_path / "site"
    manifest = write("m.csv")
    assert companion("batch", manifest, "--out", out, "--workers", "2", "--quiet").exit_code == 0
    first = ledger(out)
    rerun = companion("batch", manifest, "--out", out, "--workers", "2")
    assert rerun.exit_code == 0 and "0 run, 4 unchanged and skipped" in rerun.stdout
    assert ledger(out) == first
    (folder / "episode.md").write_text((folder / "episode.md").read_text(encoding="utf-8") + "\n补充一句。\n",
                                       encoding="utf-8")
    assert companion("batch", manifest, "--out", out, "--workers", "1", "--quiet").exit_code == 0
    assert [r["name"] for r in ledger(out)[len(first):]] == ["markdown"]
    assert companion("batch", manifest, "--out", out, "--workers", "2", "--quiet", "--force").exit_code == 0
    assert len(ledger(out)) == len(first) + 1 + 4


def test_a_bad_manifest_is_refused_whole_before_any_work(catalogue, tmp_path):
    folder, _ = catalogue
    manifest = folder / "bad.jsonl"
    manifest.write_text("\n".join([
        json.dumps({"name": "one", "article": "episode.txt", "transcript": "episode.en.vtt"}),
        json.dumps({"name": "one", "article": "episode.txt", "transcript": "episode.en.vtt"}),
        json.dumps({"name": "two", "article": "missing.txt", "audio": "none.mp3"}),
        json.dumps({"name": "three", "article": "episode.txt"}),
        '{"name": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ]) + "\n", encoding="utf-8")
    result = companion("batch", manifest, "--out", tmp_path / "site", "--quiet")
    assert result.exit_code == 2
    for problem in ("already used on line 1", "article not found: missing.txt", "audio not found: none.mp3",
                    "give a transcript or an audio file", "bad.jsonl:5: not JSON (JSON nested too deeply)"):
        assert problem in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_speech_options_reach_every_episode_given_only_audio(catalogue, tmp_path):
    """--engine and --model-dir go to each episode's align: asking for faster-whisper with a folder that
    holds no model is that episode's error (without the options PocketSphinx would have aligned it)."""
    folder, _ = catalogue
    shutil.copy(EXAMPLES / "episode.mp3", folder / "episode.mp3")
    manifest = folder / "audio.csv"
    manifest.write_text("name,article,audio\nheard,episode.txt,episode.mp3\n", encoding="utf-8")
    models = tmp_path / "no-models"
    models.mkdir()
    out = tmp_path / "site"
    result = companion("batch", manifest, "--out", out, "--workers", "1", "--quiet", "--engine", "whisper",
                       "--model-dir", models)
    assert result.exit_code == 1
    record = ledger(out)[0]
    assert record["status"] == "error" and "faster-whisper" in record["error"]
    missing = companion("batch", manifest, "--out", tmp_path / "elsewhere", "--model-dir", tmp_path / "absent")
    assert missing.exit_code == 2 and "--model-dir" in missing.stderr and not (tmp_path / "elsewhere").exists()


def test_other_speech_options_redo_only_the_episodes_heard_by_recognition(tmp_path):
    from companion.batch.ledger import fingerprint
    from companion.batch.manifest import Episode
    from companion.batch.worker import SpeechOptions

    heard = Episode("heard", EXAMPLES / "episode.zh.txt", audio=EXAMPLES / "episode.mp3")
    read = Episode("read", EXAMPLES / "episode.zh.txt", transcript=EXAMPLES / "episode.en.vtt")
    forced = Episode("forced", EXAMPLES / "episode.zh.txt", audio=EXAMPLES / "episode.mp3",
                     english_text=EXAMPLES / "episode.en.txt")
    whisper = SpeechOptions("whisper", "base", tmp_path)
    assert fingerprint(heard) != fingerprint(heard, whisper)
    assert fingerprint(heard, whisper) == fingerprint(heard, SpeechOptions("whisper", "base", tmp_path))
    assert fingerprint(read) == fingerprint(read, whisper) and fingerprint(forced) == fingerprint(forced, whisper)


def test_a_killed_batch_loses_nothing_finished_and_resumes(catalogue, tmp_path):
    folder, write = catalogue
    out = tmp_path / "site"
    manifest = write("m.csv")
    argv = [sys.executable, "-m", "companion", "batch", str(manifest), "--out", str(out), "--workers", "1", "--quiet"]
    run = subprocess.Popen(argv, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not ((out / "batch.jsonl").exists() and ledger(out)):
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)  # the whole batch, cluster included, with no chance to tidy up
    run.wait()
    finished = [r["name"] for r in ledger(out)]
    assert finished and len(finished) < 4
    for name in ("plain", "markdown", "web", "again"):  # an episode is either complete or absent
        folder_ = out / name
        assert complete(out, name) or not folder_.exists() or not any(
            p.name.startswith(name) for p in folder_.iterdir())
    resumed = companion("batch", manifest, "--out", out, "--workers", "2")
    assert resumed.exit_code == 0 and f"{len(finished)} unchanged and skipped" in resumed.stdout
    assert all(complete(out, n) for n in ("plain", "markdown", "web", "again"))


def test_an_existing_cluster_of_two_workers(catalogue, tmp_path):
    _, write = catalogue
    scheduler_file = tmp_path / "scheduler.json"
    processes = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                   "--scheduler-file", str(scheduler_file)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        for k in range(2):
            processes.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1", "--nthreads", "1",
                                               "--no-dashboard", "--name", f"w{k}"],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        out = tmp_path / "site"
        result = companion("batch", write("m.csv"), "--out", out, "--scheduler", address, "--quiet")
        assert result.exit_code == 0, result.output
        assert all(complete(out, n) for n in ("plain", "markdown", "web", "again"))
    finally:
        for process in processes[::-1]:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a show's feed, with the odd spacing and entities real feeds have -->
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
  <channel>
    <title>The Long Signal &amp; friends</title>
    <item>
      <title>First</title>
      <enclosure url="https://example.org/1.mp3" length="1" type="audio/mpeg"/>
    </item>
    <item>
      <title>Third</title>
      <enclosure url="https://example.org/other.mp3" length="1" type="audio/mpeg"/>
    </item>
    <item><title>Not in the manifest</title><description><![CDATA[<p>kept </item> as is</p>]]></description></item>
  </channel>
</rss>
"""


def test_the_feed_copy_gets_the_tags_on_the_right_items_and_nothing_else_changes(catalogue, tmp_path):
    import xml.etree.ElementTree as ET

    _, write = catalogue
    feed = tmp_path / "feed.xml"
    feed.write_bytes(FEED.encode("utf-8"))
    out = tmp_path / "site"
    result = companion("batch", write("m.csv"), "--out", out, "--workers", "2", "--quiet", "--feed", feed,
                       "--base-url", "https://cdn.example.org/site/")
    assert result.exit_code == 0, result.output
    assert feed.read_bytes() == FEED.encode("utf-8")  # the feed itself is never modified
    copy = (tmp_path / "feed.companion.xml").read_text(encoding="utf-8")
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    items = ET.fromstring(copy).findall("channel/item")
    tags = [[t.get("url") for t in item.findall("podcast:transcript", ns) + item.findall("podcast:chapters", ns)]
            for item in items]
    assert tags[0][0] == "https://cdn.example.org/site/plain/plain.bilingual.vtt"  # matched by enclosure URL
    assert tags[1][-1] == "https://cdn.example.org/site/web/web.chapters.json"  # matched by title
    assert tags[2] == []
    stripped = "".join(line + "\n" for line in copy.splitlines() if "<podcast:" not in line)
    assert stripped.replace(' xmlns:podcast="https://podcastindex.org/namespace/1.0"', "", 1) == FEED
    snippet = ET.parse(out / "plain" / "plain.rss.xml").getroot()
    assert len(snippet.findall("podcast:transcript", ns)) == 3
    assert "no item of the feed matches episode markdown" in result.stderr  # its URL and title match no item


def test_an_episode_the_disk_refuses_makes_the_batch_exit_3_and_the_others_finish(catalogue, tmp_path):
    """A read-only folder (or a full disk) is the machine's failure, not the episode's: the batch goes on with the
    others, records it, and exits 3 with one line naming it, as `companion align` would."""
    from helpers import mounted

    folder, write = catalogue
    manifest = folder / "two.csv"
    manifest.write_text("name,article,transcript\nplain,episode.txt,episode.en.vtt\nstuck,episode.md,episode.en.vtt\n",
                        encoding="utf-8")
    out = tmp_path / "site"
    (out / "stuck").mkdir(parents=True)
    with mounted("--bind", "-o", "ro", str(out / "stuck"), str(out / "stuck")) as stuck:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(stuck)], check=True)
        result = companion("batch", manifest, "--out", out, "--workers", "1", "--quiet")
        assert result.exit_code == 3, result.output
        assert result.stderr.startswith("companion: error: the environment failed for 1 of 2 episodes, stuck first: "
                                        f"cannot write into {stuck}: Read-only file system")
        assert len(result.stderr.strip().splitlines()) == 1
        assert not any(stuck.iterdir())
    assert {r["name"]: r["exit"] for r in ledger(out)} == {"plain": 0, "stuck": 3} and complete(out, "plain")


def test_a_torn_ledger_line_swallows_no_later_record(tmp_path):
    """A killed run may leave half a line; the next record starts a line of its own. A full disk tears none: the
    ledger is as it was, and the error names it."""
    from companion.batch.ledger import append, read_ledger
    from companion.errors import EnvironmentFailure
    from helpers import mounted

    ledger_path = tmp_path / "batch.jsonl"
    append(ledger_path, {"name": "a", "status": "ok"})
    with open(ledger_path, "a", encoding="utf-8") as f:
        f.write('{"name": "b", "sta')  # killed mid-line
    append(ledger_path, {"name": "c", "status": "ok"})
    assert set(read_ledger(ledger_path)) == {"a", "c"}

    point = tmp_path / "small"
    point.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=8k", "tmpfs", str(point)) as disk:
        append(disk / "batch.jsonl", {"name": "a", "status": "ok"})
        before = (disk / "batch.jsonl").read_bytes()
        with pytest.raises(EnvironmentFailure, match=f"cannot write {disk / 'batch.jsonl'}: No space left on device"):
            append(disk / "batch.jsonl", {"name": "b", "error": "x" * 20000})
        assert (disk / "batch.jsonl").read_bytes() == before
