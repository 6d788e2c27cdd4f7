"""Write a file so that an existing one is never left half-overwritten.

The bytes go to a temporary file in the same directory (same file system, so the rename is
atomic), are flushed to disk, and only then replace the target with os.replace. If anything
fails on the way the temporary file is removed and the old file is untouched.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from compare.model import InputError


def safe_write(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name to write")
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise InputError(f"{path}: cannot write there ({error.strerror})") from None
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
        os.replace(temp_name, path)
    except OSError as error:
        _remove(temp_name)
        raise InputError(f"{path}: could not be written ({error.strerror}); "
                         f"any existing file is unchanged") from None
    except BaseException:
        _remove(temp_name)
        raise
    return path


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
