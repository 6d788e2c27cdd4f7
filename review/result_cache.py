"""Comparisons kept on disk, keyed by content, so that a story seen once opens at once — after
a server restart too (the in-memory cache of review/resources.py holds them while it runs).

A comparison depends on the story's texts, the confirmed links, the MT choice and the code
that computed it; the key hashes all four (the code as the bytes of every file of the
`compare` package, data files included), so a changed lexicon or aligner never serves an old
result. Entries are pickles of the frozen Comparison, written atomically (a temporary file,
then rename) and read only from this cache folder, which the app itself writes; a file that
cannot be read is ignored and computed again. WIRE_COMPARE_RESULT_CACHE names another folder,
or "off" to turn it off. The folder is pruned to its newest MAX_ENTRIES entries.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

CACHE_ENV = "WIRE_COMPARE_RESULT_CACHE"
MAX_ENTRIES = 200
PACKAGE = Path(__file__).resolve().parent.parent / "compare"


def folder() -> Path | None:
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() == "off":
        return None
    if value:
        return Path(value)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wire-compare")) / "comparisons"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of every file of the compare package (what computes a comparison)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def entry_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join((code_version(),) + parts).encode("utf-8")).hexdigest()[:32]


def load(key: str):
    where = folder()
    if where is None:
        return None
    path = where / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 — a damaged or foreign entry: compute again
        return None


def save(key: str, value) -> None:
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, where / f"{key}.pickle")
        _prune(where)
    except Exception:  # noqa: BLE001 — a read-only or full disk: the cache is only a speed-up
        return


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
