"""Write a file so that an existing one is never left half-overwritten.

The bytes go to a temporary file in the same directory (same file system, so the rename is
atomic), are flushed to disk, and only then replace the target with os.replace. If anything
fails on the way the temporary file is removed and the old file is untouched. A set of files
(InterText: an alignment and its two documents) is written the same way as a set: every
temporary file is complete before the first one replaces its target, so a run killed mid-way
leaves the old set, never a new alignment beside old documents.

A run killed with -9 cannot remove its temporary file; the name carries the writer's process id
(".NAME.PID.XXXX.part"), and the next write into that folder removes those of dead writers.

Special targets: "-" is standard output; a symbolic link is followed and its target written
(the link stays); a device, FIFO or socket (/dev/stdout, /dev/null) is written into, never
replaced by a regular file.
"""
from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from compare.model import InputError

STDOUT = "-"
_LEFTOVER = re.compile(r"^\..+\.(\d+)\.[^.]+\.part$")


def safe_write(path: str | Path, data: bytes) -> Path:
    return next(iter(safe_write_many({path: data})))


def safe_write_many(files: dict[str | Path, bytes]) -> list[Path]:
    """Write every file or none: temporary files first, then the renames."""
    plans: list[tuple[Path, Path, bytes]] = []  # (as given, where the bytes go, data)
    for given, data in files.items():
        if str(given) == STDOUT:
            plans.append((Path(STDOUT), Path(STDOUT), data))
        else:
            plans.append((Path(given), _real_target(Path(given)), data))
    temps: list[tuple[str, Path]] = []
    try:
        for given, target, data in plans:
            if str(given) == STDOUT or _is_special(target):
                continue
            temps.append((_write_temp(given, target, data), target))
        for given, target, data in plans:  # streams and devices: nothing to replace
            if str(given) == STDOUT:
                _write_stdout(data)
            elif _is_special(target):
                _write_into(given, target, data)
        for temp_name, target in temps:
            os.replace(temp_name, target)
    except OSError as error:
        for temp_name, _ in temps:
            _remove(temp_name)
        raise InputError(f"{target}: could not be written ({error.strerror}); "
                         f"any existing file is unchanged") from None
    except BaseException:
        for temp_name, _ in temps:
            _remove(temp_name)
        raise
    return [given for given, _, _ in plans]


def _real_target(path: Path) -> Path:
    """Where the bytes go: a symbolic link's target (so that the link stays a link)."""
    if path.is_symlink():
        try:
            resolved = path.resolve(strict=False)
        except (OSError, RuntimeError):
            raise InputError(f"{path}: a symbolic link that cannot be followed (a loop?)") from None
        if resolved.is_symlink():  # still a link after resolving: a loop
            raise InputError(f"{path}: a symbolic link that cannot be followed (a loop?)")
        if _is_special(path):  # /dev/stdout → /proc/self/fd/1 → a pipe: write through the link
            return path
        return resolved
    return path


def _is_special(path: Path) -> bool:
    """A device, FIFO or socket: written into, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_temp(given: Path, path: Path, data: bytes) -> str:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"{given}: is a folder; give a file name to write")
    if not folder.is_dir():
        raise InputError(f"{given}: the folder {folder} does not exist")
    clean_leftovers(folder)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.",
                                             suffix=".part", dir=folder)
    except OSError as error:
        raise InputError(f"{given}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():  # keep the permissions the user gave the old file
            os.chmod(temp_name, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
    except BaseException:
        _remove(temp_name)
        raise
    return temp_name


def _write_stdout(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (a test's capture)
        sys.stdout.write(data.decode("utf-8", errors="replace"))
    else:
        stream.write(data)
    sys.stdout.flush()


def _write_into(given: Path, path: Path, data: bytes) -> None:
    with open(path, "wb", buffering=0) as out:
        view = memoryview(data)
        while view:
            written = out.write(view)
            view = view[written or len(view):]


def clean_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files of writers that were killed (their process is gone)."""
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if not match or (name and not entry.name.startswith(f".{name}.")):
            continue
        if _alive(int(match.group(1))):
            continue
        try:
            entry.unlink()
            removed.append(entry)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
