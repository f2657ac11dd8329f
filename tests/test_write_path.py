"""Never losing a user's file: outputs that would replace inputs or escape --out, existing files,
read-only and full disks, concurrent runs, file modes, all-or-nothing writes."""

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from companion.errors import EnvironmentFailure, InputError
from companion.output import CopyOf, Outputs
from helpers import companion, mounted

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ALIGN_FILES = {"ep.bilingual.vtt", "ep.bilingual.ass", "ep.zh.vtt", "ep.zh.srt", "ep.en.vtt", "ep.chapters.vtt", "ep.chapters.json",
               "ep.alignment.json"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> set[str]:
    """Every name under `folder`, hidden ones included."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def align(out: Path, *extra) -> object:
    return companion("align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt",
                     "--out", out, "--name", "ep", "--quiet", *extra)


@pytest.fixture
def inputs(tmp_path):
    """Copies of the example's article and transcript in a folder of their own."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "episode.zh.txt", folder / "talk.txt")
    shutil.copy(EXAMPLES / "episode.en.vtt", folder / "talk.en.vtt")
    return folder


def test_an_output_never_replaces_an_input_even_with_force(inputs):
    before = digest(inputs / "talk.en.vtt")
    # with the audio, talk.en.vtt would be the transcript with its words timed: a different file over the input
    result = companion("align", inputs / "talk.txt", "--transcript", inputs / "talk.en.vtt", "--audio",
                       EXAMPLES / "episode.mp3", "--out", inputs, "--force", "--quiet")
    assert result.exit_code == 2 and "would replace the input" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(inputs / "talk.en.vtt") == before
    assert listing(inputs) == {"talk.txt", "talk.en.vtt"}


def test_show_en_vtt_beside_show_zh_txt_is_used_as_given_and_never_replaced(inputs):
    """The natural names (`show.zh.txt`, `show.en.vtt`) in one folder: STEM.en.vtt would be the transcript itself. It
    stays as it is, not written again, and `render` reads it back to the very same subtitles."""
    (inputs / "talk.txt").rename(inputs / "show.zh.txt")
    (inputs / "talk.en.vtt").rename(inputs / "show.en.vtt")
    before = digest(inputs / "show.en.vtt")
    result = companion("align", inputs / "show.zh.txt", "--transcript", inputs / "show.en.vtt", "--out", inputs)
    assert result.exit_code == 0, result.output
    assert f"note: {inputs / 'show.en.vtt'} is the English timing used, as given: not written again" in result.stdout
    assert digest(inputs / "show.en.vtt") == before
    assert listing(inputs) == {"show.zh.txt", "show.en.vtt"} | {n.replace("ep.", "show.", 1) for n in ALIGN_FILES}
    made = {name: digest(inputs / name) for name in ("show.bilingual.vtt", "show.zh.srt", "show.chapters.json")}
    assert companion("render", inputs / "show.alignment.json", "--force", "--quiet").exit_code == 0
    assert {name: digest(inputs / name) for name in made} == made


@pytest.mark.parametrize("name", ["../escaped", "/abs/evil", "a/b", "..", ""])
def test_name_cannot_leave_the_output_folder(tmp_path, name):
    out = tmp_path / "out"
    result = align(out, "--name", name)
    assert result.exit_code == 2 and "--name" in result.stderr
    assert not out.exists() and listing(tmp_path) == set()


def test_a_name_too_long_for_the_file_system_is_bad_input_not_a_disk_failure(tmp_path):
    out = tmp_path / "out"
    result = align(out, "--name", "节目" * 50)  # 300 bytes of UTF-8, where a file name may have 255
    assert result.exit_code == 2 and "bytes long" in result.stderr and "--name" in result.stderr, result.stderr
    assert not out.exists() and listing(tmp_path) == set()


def test_existing_outputs_need_force_and_are_replaced_with_it(tmp_path):
    assert align(tmp_path).exit_code == 0
    report = tmp_path / "ep.alignment.json"
    report.write_text("edited", encoding="utf-8")
    again = align(tmp_path)
    assert again.exit_code == 2 and "already exists" in again.stderr and report.read_text() == "edited"
    assert align(tmp_path, "--force").exit_code == 0 and report.read_text(encoding="utf-8").startswith("{")
    assert listing(tmp_path) == ALIGN_FILES


def test_default_stem_drops_the_language_tag(tmp_path):
    result = companion("align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt",
                       "--out", tmp_path, "--quiet")
    assert result.exit_code == 0
    assert {p.name for p in tmp_path.iterdir()} == {n.replace("ep.", "episode.", 1) for n in ALIGN_FILES}


def test_preview_never_replaces_a_different_file_of_the_same_name(tmp_path):
    assert align(tmp_path).exit_code == 0
    page = tmp_path / "page"
    page.mkdir()
    (page / "episode.mp3").write_bytes(b"someone else's episode")
    result = companion("preview", tmp_path / "ep.alignment.json", "--audio", EXAMPLES / "episode.mp3", "-o", page)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (page / "episode.mp3").read_bytes() == b"someone else's episode"
    assert listing(page) == {"episode.mp3"}


def test_align_with_preview_writes_all_or_nothing(tmp_path):
    (tmp_path / "ep.preview").write_text("a file where the page's folder would go")
    result = align(tmp_path, "--audio", EXAMPLES / "episode.mp3", "--preview")
    assert result.exit_code == 2 and "ep.preview" in result.stderr
    assert listing(tmp_path) == {"ep.preview"}


def test_output_folder_that_is_a_file_is_refused_before_any_work(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    for args in (["align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt"],
                 ["transcribe", EXAMPLES / "episode.mp3"]):
        result = companion(*args, "--out", blocker / "sub", "--quiet")
        assert result.exit_code == 2 and "afile" in result.stderr and "is a file" in result.stderr
    assert listing(tmp_path) == {"afile"}


def test_check_then_write_cannot_both_win(tmp_path):
    """The race two runs started together would have: both pass the early check, one writes first."""
    first, second = Outputs(tmp_path), Outputs(tmp_path)
    targets = [first.add("a.txt"), second.add("a.txt")]
    first.check()
    second.check()
    first.write({targets[0]: "first"})
    with pytest.raises(InputError, match="already exists"):
        second.write({targets[1]: "second"})
    assert (tmp_path / "a.txt").read_text() == "first" and listing(tmp_path) == {"a.txt"}


def test_an_output_folder_another_run_creates_meanwhile_is_used_not_an_error(tmp_path, monkeypatch):
    """Two runs into a new folder: both see it missing, the other one's mkdir lands first."""
    outputs = Outputs(tmp_path / "out" / "deeper")
    target = outputs.add("a.txt")
    outputs.check()
    real_mkdir = Path.mkdir

    def other_run_first(self, *args, **kwargs):
        real_mkdir(self, *args, **kwargs)
        raise FileExistsError(17, "File exists", str(self))

    monkeypatch.setattr(Path, "mkdir", other_run_first)
    outputs.write({target: "mine"})
    assert target.read_text() == "mine"


def test_two_runs_started_together_one_wins_the_other_says_so(tmp_path):
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "companion", "align", str(EXAMPLES / "episode.zh.txt"), "--transcript",
            str(EXAMPLES / "episode.en.vtt"), "--out", str(out), "--name", "ep", "--quiet"]
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = sorted(p.wait(timeout=120) for p in runs)
    assert codes == [0, 2]
    loser = next(p for p in runs if p.returncode == 2)
    assert "already exists" in loser.stderr.read()
    assert listing(out) == ALIGN_FILES


def test_failure_while_writing_leaves_nothing_and_earlier_files_intact(tmp_path):
    keep = tmp_path / "b.txt"
    keep.write_text("earlier")
    outputs = Outputs(tmp_path, force=True)
    a, b, c = outputs.add("a.txt"), outputs.add("b.txt"), outputs.add("c.txt")
    with pytest.raises(EnvironmentFailure, match="missing-source"):
        outputs.write({a: "new a", b: "new b", c: CopyOf(tmp_path / "missing-source")})
    assert listing(tmp_path) == {"b.txt"} and keep.read_text() == "earlier"


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_mode_the_umask_gives(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        outputs = Outputs(tmp_path)
        target = outputs.add("x.txt")
        outputs.write({target: "x"})
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode


# --- real failing environments (root only: a tiny tmpfs, a read-only bind mount) ----------------

def test_full_disk_exit_3_one_line_nothing_left(tmp_path):
    point = tmp_path / "small"
    point.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=12k", "tmpfs", str(point)) as disk:
        result = align(disk / "out")
        assert result.exit_code == 3, result.output
        assert "No space left" in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert listing(disk) == set()


def test_read_only_folder_exit_3_before_the_work(tmp_path):
    source, point = tmp_path / "src", tmp_path / "ro"
    source.mkdir()
    point.mkdir()
    (source / "old.txt").write_text("kept")
    with mounted("--bind", "-o", "ro", str(source), str(point)) as ro:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True)
        for args in (["align", EXAMPLES / "episode.zh.txt", "--transcript", EXAMPLES / "episode.en.vtt"],
                     ["transcribe", EXAMPLES / "episode.mp3"]):
            result = companion(*args, "--out", ro, "--quiet")
            assert result.exit_code == 3 and "Read-only" in result.stderr and str(ro) in result.stderr
        assert listing(ro) == {"old.txt"}


def test_a_full_disk_under_an_audio_copy_names_the_copy_not_the_audio_it_copies(tmp_path):
    """`chapters -f id3 --out` copies the episode before tagging it; the copy's error names its source first, which
    would tell the user their own audio could not be written."""
    assert align(tmp_path / "report").exit_code == 0
    audio = tmp_path / "episode.mp3"
    shutil.copy(EXAMPLES / "episode.mp3", audio)
    before = digest(audio)
    point = tmp_path / "small"
    point.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)) as disk:
        result = companion("chapters", tmp_path / "report" / "ep.alignment.json", "--format", "id3", "--audio", audio,
                           "--out", disk / "tagged.mp3")
        assert result.exit_code == 3, result.output
        assert result.stderr.strip() == f"companion: error: cannot write {disk / 'tagged.mp3'}: No space left on device"
        assert listing(disk) == set()
    assert digest(audio) == before


def test_a_killed_runs_hidden_staging_file_goes_with_the_next_run_and_nothing_else_does(tmp_path, monkeypatch):
    """Where files cannot be staged unnamed (no O_TMPFILE: macOS, network shares, FAT), a `kill -9` leaves a hidden
    `.NAME.PID.….part`; the next run writing NAME there removes it once its process is gone, and only it."""
    import companion.output as output

    monkeypatch.setattr(output, "_LINKAT", None)  # stage under hidden names, as such systems do
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = {f".x.txt.{dead.pid}.k3j_9q2a.part", f".x.txt.{dead.pid}.part"}  # staged, or hidden for --force
        kept = {f".x.txt.{alive.pid}.ab12cd34.part", f".y.txt.{dead.pid}.ab12cd34.part", ".x.txt.notes.part", "x.txt.part"}
        for name in left | kept:
            (tmp_path / name).write_text("half")
        staged = output._Staged(tmp_path / "x.txt")
        assert re.fullmatch(rf"\.x\.txt\.{os.getpid()}\.\w+\.part", Path(staged.name).name)
        staged.close()
        outputs = Outputs(tmp_path)
        target = outputs.add("x.txt")
        outputs.write({target: "whole"})
        assert listing(tmp_path) == kept | {"x.txt"} and target.read_text() == "whole"
    finally:
        alive.kill()
        alive.wait()


def test_the_dictionary_cache_is_written_whole_and_outdated_ones_go(tmp_path, monkeypatch):
    """CC-CEDICT's index is cached (6 MB) beside caches of other versions; a new one is staged like any output, and
    those unused for a week go with it, so that upgrades do not pile them up."""
    from companion.lexicon import cedict

    monkeypatch.setenv("COMPANION_CACHE_DIR", str(tmp_path))
    old, recent = tmp_path / "cedict-000000000000-1-1.pickle", tmp_path / "cedict-111111111111-1-1.pickle"
    for path, age in ((old, 8), (recent, 6)):
        path.write_bytes(b"another version's")
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime - age * 24 * 3600))
    cedict.load_dictionary.cache_clear()
    try:
        built = cedict.load_dictionary()
        made = set(listing(tmp_path)) - {recent.name}
        assert len(made) == 1 and made.pop().startswith("cedict-") and not old.exists()
        monkeypatch.setattr(cedict, "build_index", lambda source: pytest.fail("the cache was not read"))
        cedict.load_dictionary.cache_clear()
        assert cedict.load_dictionary().glosses == built.glosses
    finally:
        cedict.load_dictionary.cache_clear()


def test_transcribe_names_its_files_without_the_audios_english_tag(tmp_path):
    """`show.en.mp3` gives `show.en.vtt`, as `episode.zh.txt` gives `episode.zh.vtt`, not `show.en.en.vtt`. The
    targets are checked before any recognition, so an existing one shows the name at once."""
    from companion.commands import audio_stem

    assert [audio_stem(Path(n)) for n in ("show.en.mp3", "show.EN-us.m4a", "show.eng.wav", "ben.mp3", ".en.mp3")] == [
        "show", "show", "show", "ben", ".en"]
    audio = tmp_path / "show.en.mp3"
    shutil.copy(EXAMPLES / "episode.mp3", audio)
    (tmp_path / "show.en.vtt").write_text("WEBVTT\n", encoding="utf-8")
    result = companion("transcribe", audio, "--out", tmp_path)
    assert result.exit_code == 2 and f"{tmp_path / 'show.en.vtt'} already exists" in result.stderr
