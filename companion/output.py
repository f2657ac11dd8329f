"""Writing output files without ever losing one: every target checked first, staged, then named at once.

Every command writes through `Outputs`:
- targets are resolved before any slow work and refused (InputError) when one is an input, lies
  outside the output folder or exists without `force`; the folder is checked writable up front;
- each file is staged in its own folder as an unnamed file (Linux O_TMPFILE, so that even a killed
  process leaves nothing behind; elsewhere a hidden temporary name, removed on any failure or signal)
  and synced to disk; only then are all files given their names, under a lock on the output folder,
  so that two runs into one folder cannot both win;
- on any failure every staged file is removed and earlier files stay as they were; a hidden staging file that a
  killed run left (`.NAME.PID.….part`, where files cannot be unnamed) goes when a later run writes NAME there;
- new files get the mode the umask gives; a file replaced in place keeps its own mode and owner.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import sys
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Union

from companion.errors import EnvironmentFailure, InputError, describe_os_error

try:
    import fcntl
except ImportError:  # not on Windows: no folder lock there
    fcntl = None


def _linkat():
    """libc's linkat, which names an unnamed (O_TMPFILE) file through /proc/self/fd with
    AT_SYMLINK_FOLLOW (os.link does not pass that flag); None where it is missing."""
    if not sys.platform.startswith("linux") or not hasattr(os, "O_TMPFILE"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).linkat
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    return function


_LINKAT = _linkat()
AT_FDCWD, AT_SYMLINK_FOLLOW = -100, 0x400


@dataclass(frozen=True)
class CopyOf:
    """A file's content copied from another file (the episode beside the page)."""

    source: Path


@dataclass(frozen=True)
class Produce:
    """Content written by a function given a path that opens the staged file (mutagen, ffmpeg)."""

    write: Callable[[str], None]


Content = Union[str, bytes, CopyOf, Produce]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def plain_name(name: str, option: str = "--name") -> str:
    """A file stem that stays inside its folder: no separators, not `.` or `..`, no NUL."""
    if not name or name in (".", "..") or any(ch in name for ch in "/\\\0"):
        raise InputError(f"{option} must be a plain file name without folders, not {name!r}")
    return name


# Bytes in an output's file name: common file systems allow 255, less what staging may add (`.NAME.xxxxxxxx.part`).
NAME_BYTES = 240


class Outputs:
    """The files one command writes into `folder`, checked before the work and written all together."""

    def __init__(self, folder: Path, force: bool = False, inputs: Iterable[str | Path | None] = ()):
        self.folder = Path(folder)
        self.force = force
        self.inputs = [Path(p) for p in inputs if p and str(p) != "-"]
        self.targets: list[Path] = []

    def add(self, relative: str | Path) -> Path:
        """A target inside the folder (`relative` may name a subfolder, as the page's does)."""
        rel = Path(relative)
        if rel.is_absolute() or ".." in rel.parts:
            raise InputError(f"output {relative} would land outside {self.folder}")
        path = self.folder / rel
        self.targets.append(path)
        return path

    def check(self) -> None:
        """Refuse, before any slow work, what `write` would refuse; see that the folder is writable."""
        base = self.folder.resolve()
        for target in self.targets:
            if (size := len(os.fsencode(target.name))) > NAME_BYTES:
                raise InputError(f"output name {target.name[:24]}… is {size} bytes long, "
                                 f"more than a file system allows: choose a shorter --name")
            if not target.resolve().is_relative_to(base):
                raise InputError(f"output {target} would land outside {self.folder} (through a link)")
            for source in self.inputs:
                if same_file(target, source):
                    raise InputError(f"output {target} would replace the input {source}; "
                                     f"choose another --out or --name")
            if target.is_dir():
                raise InputError(f"output {target} is a folder")
        for folder in {t.parent for t in self.targets}:
            _folder_or_nothing(folder)
        self._check_existing()
        writable_folder(self.folder)

    def _check_existing(self) -> None:
        existing = [t for t in self.targets if t.exists() or t.is_symlink()]
        if existing and not self.force:
            raise InputError(f"{existing[0]} already exists (use --force to overwrite)")

    def write(self, files: Mapping[Path, Content]) -> None:
        """Write every file, or none: stage all, then name all under the folder's lock."""
        self.check()
        created = _make_folders({p.parent for p in files})
        _sweep(files)
        staged: dict[Path, _Staged] = {}
        filling: Path | None = None  # the output whose content is being written, named by an error there
        try:
            for filling, content in files.items():
                staged[filling] = _Staged(filling)
                staged[filling].fill(content)
            filling = None
            with _locked(self.folder):
                self._check_existing()  # again: another run may have written since the check
                _name_all(staged, self.force)
            for folder in {p.parent for p in files}:
                _sync_folder(folder)
        except OSError as exc:
            _discard(staged, created)
            raise EnvironmentFailure(describe_os_error(exc, path=filling)) from None
        except BaseException:
            _discard(staged, created)
            raise
        finally:
            for s in staged.values():
                s.close()


def _folder_or_nothing(folder: Path) -> Path:
    """The nearest existing folder at or above `folder`; InputError when a file stands in the way."""
    probe = folder
    while not probe.exists():
        if probe.is_symlink():
            raise InputError(f"cannot create {folder}: {probe} is a broken link")
        probe = probe.parent
    if not probe.is_dir():
        raise InputError(f"cannot write into {folder}: {probe} is a file, not a folder")
    return probe


def writable_folder(folder: Path) -> None:
    """Raise unless files can be created in `folder` (or in the folder that would hold it)."""
    probe = _folder_or_nothing(folder)
    try:
        _Staged(probe / ".companion-probe").close()
    except OSError as exc:
        raise EnvironmentFailure(f"cannot write into {folder}: {exc.strerror}") from None


def replace_in_place(path: Path, content: Produce) -> None:
    """Rewrite `path` itself (chapters into the user's own audio file): staged beside it, keeping its
    mode and owner; a file the user may not write is refused."""
    st = path.stat()
    if not os.access(path, os.W_OK) or not st.st_mode & 0o222:
        raise EnvironmentFailure(f"cannot write {path}: it is read-only (mode {st.st_mode & 0o777:o}); "
                                 f"write a copy with --out instead")
    writable_folder(path.parent)
    _sweep([path])
    staged = _Staged(path)
    try:
        staged.fill(content)
        os.fchmod(staged.fd, st.st_mode & 0o7777)
        if os.geteuid() == 0 and (st.st_uid, st.st_gid) != (0, 0):
            os.fchown(staged.fd, st.st_uid, st.st_gid)
        with _locked(path.parent):
            _name_all({path: staged}, replace=True)
        _sync_folder(path.parent)
    except OSError as exc:
        staged.close()
        raise EnvironmentFailure(describe_os_error(exc, path=path)) from None
    except BaseException:
        staged.close()
        raise
    staged.close()


class _Staged:
    """A file being written in `target`'s folder: unnamed where the system allows, else hidden."""

    MODE = 0o666  # less the umask

    def __init__(self, target: Path):
        self.target = target
        self.name: str | None = None
        try:
            if _LINKAT is None:
                raise OSError(errno.EOPNOTSUPP, "no linkat")
            self.fd = os.open(target.parent, os.O_TMPFILE | os.O_RDWR, self.MODE)
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
            self.fd, self.name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                                                  suffix=".part")  # the pid tells _sweep whether its run is gone
            os.fchmod(self.fd, self.MODE & ~_umask())

    @property
    def path(self) -> str:
        """A path that opens this very file, for other libraries and child processes."""
        return self.name or f"/proc/{os.getpid()}/fd/{self.fd}"

    def fill(self, content: Content) -> None:
        if isinstance(content, str):
            content = content.encode("utf-8")
        if isinstance(content, bytes):
            view = memoryview(content)
            while view:
                view = view[os.write(self.fd, view):]
        elif isinstance(content, CopyOf):
            with open(content.source, "rb") as src, open(self.fd, "wb", closefd=False) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        else:
            content.write(self.path)
        os.fsync(self.fd)

    def link(self, final: Path) -> None:
        """Give the file the name `final`, which must not exist."""
        if self.name is None:
            if _LINKAT(AT_FDCWD, f"/proc/self/fd/{self.fd}".encode(), AT_FDCWD, os.fsencode(final),
                       AT_SYMLINK_FOLLOW) != 0:
                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(final))
        else:
            os.link(self.name, final)
            os.unlink(self.name)
            self.name = None

    def close(self) -> None:
        """Close the file; one that was never given its final name is removed."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.name:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.name)
            self.name = None


def _name_all(staged: Mapping[Path, _Staged], replace: bool) -> None:
    """New names are linked directly (they fail rather than replace); replaced files are linked
    to a hidden name first, then all renamed over their targets in one quick pass."""
    done: list[Path] = []
    renames: list[tuple[Path, Path]] = []
    try:
        for final, s in staged.items():
            if replace and (final.exists() or final.is_symlink()):
                hidden = final.with_name(f".{final.name}.{os.getpid()}.part")
                s.link(hidden)
                renames.append((hidden, final))
            else:
                s.link(final)
                done.append(final)
    except BaseException:
        for path in done + [hidden for hidden, _ in renames]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        raise
    for hidden, final in renames:
        os.replace(hidden, final)


def _sweep(targets: Iterable[Path]) -> None:
    """Remove the hidden staging files (`.NAME.PID.part`, `.NAME.PID.xxxxxxxx.part`) that runs killed before they
    could clean up left beside these targets: only those of the same names whose process is gone."""
    names: dict[Path, set[str]] = defaultdict(set)
    for target in targets:
        names[target.parent].add(target.name)
    for folder, found in names.items():
        pattern = re.compile(rf"\.({'|'.join(map(re.escape, sorted(found)))})\.(\d+)(?:\.\w+)?\.part")
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                match = pattern.fullmatch(entry.name)
                if match and entry.is_file(follow_symlinks=False) and not _alive(int(match.group(2))):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _alive(pid: int) -> bool:
    """Whether a process of this pid may run (another user's included; a number no pid can be, too: left alone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process, or a number no pid can be
        pass
    return True


def _discard(staged: Mapping[Path, _Staged], created: list[Path]) -> None:
    for s in staged.values():
        s.close()
    _remove(created)


def _make_folders(folders: Iterable[Path]) -> list[Path]:
    """Create missing folders; return those created, deepest first, so that a failure can remove them."""
    created: list[Path] = []
    for folder in sorted(folders, key=lambda p: len(p.parts)):
        missing = []
        probe = folder
        while not probe.exists():
            missing.append(probe)
            probe = probe.parent
        for m in reversed(missing):
            try:
                m.mkdir()
            except FileExistsError:
                if m.is_dir():  # another run made it meanwhile: it is not ours to remove
                    continue
                _remove(created[::-1])
                raise EnvironmentFailure(f"cannot create {m}: a file of that name appeared") from None
            except OSError as exc:
                _remove(created[::-1])
                raise EnvironmentFailure(describe_os_error(exc, "create")) from None
            created.append(m)
    return created[::-1]


def _remove(folders: list[Path]) -> None:
    """Remove folders this run created, deepest first (as `_make_folders` returns them), if empty."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (flock on its descriptor): nothing is left behind."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links too)."""
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False
