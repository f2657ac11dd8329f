"""Real signals on real runs: Ctrl-C answered at once with one line, a killed companion takes its
decoder workers and ffmpeg with it, and neither leaves a file behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find processes")


def session_members(sid: int) -> list[int]:
    """Processes still alive in the session the run was started in."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def start(out: Path, *args: str) -> subprocess.Popen:
    """A run as a terminal starts a foreground job: its own process group, Ctrl-C at its default (a
    test run started in the background has SIGINT ignored, and a child would inherit that). Its
    temporary folder is `out`'s sibling `tmp`, so that what it leaves there is seen."""
    (out.parent / "tmp").mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, "-m", "companion", *args, "--out", str(out), "--quiet"],
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                            env={**os.environ, "TMPDIR": str(out.parent / "tmp")},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_workers(process: subprocess.Popen, count: int = 2, budget: float = 20.0) -> None:
    """Until the run has its decoder workers (and ffmpeg) at work."""
    deadline = time.monotonic() + budget
    while time.monotonic() < deadline:
        if len(session_members(process.pid)) >= 1 + count:
            time.sleep(1.0)
            return
        time.sleep(0.1)
    pytest.fail("the run never started its workers")


def gone(sid: int, budget: float) -> bool:
    deadline = time.monotonic() + budget
    while time.monotonic() < deadline:
        if not session_members(sid):
            return True
        time.sleep(0.05)
    return False


ALIGN_FORCED = ["align", str(EXAMPLES / "episode.zh.txt"), "--audio", str(EXAMPLES / "episode.mp3"),
                "--english-text", str(EXAMPLES / "episode.en.txt")]
TRANSCRIBE = ["transcribe", str(EXAMPLES / "episode.mp3")]


@pytest.mark.parametrize("args", [ALIGN_FORCED, TRANSCRIBE], ids=["forced-alignment", "transcribe"])
def test_ctrl_c_one_line_at_once_nothing_left(tmp_path, args):
    out = tmp_path / "out"
    process = start(out, *args)
    wait_for_workers(process)
    pressed = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does: the whole foreground group
    code = process.wait(timeout=30)
    took = time.monotonic() - pressed
    stderr = process.stderr.read()
    assert code == 130, stderr
    assert stderr.strip().splitlines() == ["companion: interrupted; nothing was written"], stderr
    assert took < 2.0, f"Ctrl-C took {took:.1f} s"
    assert gone(process.pid, 2.0), "a worker or ffmpeg outlived companion"
    assert not out.exists() or not any(out.iterdir())
    assert not any((tmp_path / "tmp").iterdir())


def test_a_killed_companion_takes_its_workers_and_ffmpeg_along(tmp_path):
    process = start(tmp_path / "out", *TRANSCRIBE)
    wait_for_workers(process)
    os.kill(process.pid, signal.SIGKILL)  # what the out-of-memory killer does: no chance to clean up
    process.wait(timeout=10)
    assert gone(process.pid, 3.0), "workers or ffmpeg kept running after companion was killed"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert not any((tmp_path / "tmp").iterdir())


def test_terminate_unwinds_like_ctrl_c(tmp_path):
    process = start(tmp_path / "out", *TRANSCRIBE)
    wait_for_workers(process)
    process.terminate()
    code = process.wait(timeout=30)
    assert code == 128 + signal.SIGTERM
    assert process.stderr.read().strip().splitlines() == ["companion: terminated; nothing was written"]
    assert gone(process.pid, 3.0)


def test_ffmpeg_does_not_hear_the_terminals_ctrl_c():
    """ffmpeg ends on SIGINT even when told to ignore it (with its output cut short): it runs in a
    process group of its own, so that only companion answers Ctrl-C and ends it itself."""
    code = ("import signal, subprocess, sys, time\n"
            "from media.ffmpeg import ffmpeg\n"
            "from media.lifetime import child_preexec\n"
            "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
            "p = subprocess.Popen([ffmpeg(), '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=d=600',"
            " '-f', 's16le', '-'], stdout=subprocess.DEVNULL, preexec_fn=child_preexec)\n"
            "print(p.pid, flush=True)\n"
            "time.sleep(1.5)\n"
            "print('alive' if p.poll() is None else f'ended {p.returncode}', flush=True)\n"
            "p.kill()\n")
    parent = subprocess.Popen([sys.executable, "-c", code], start_new_session=True, stdout=subprocess.PIPE, text=True)
    int(parent.stdout.readline())
    time.sleep(0.3)
    os.killpg(parent.pid, signal.SIGINT)  # the terminal's Ctrl-C: the whole foreground group
    assert parent.stdout.readline().strip() == "alive"
    parent.wait(timeout=10)
