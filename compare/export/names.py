"""File names built from data (a story id read from an imported TMX, a folder name).

A story id is whatever the file said ("../../../../x", "CON", "a/b"), so before it names a file
it is reduced to one plain name: letters, digits, "_", "." and "-" only (Cyrillic letters stay),
no leading dot, no name Windows reserves, at most 100 characters. Archive members are checked
to be plain names too, so that no .zip this tool writes can unpack outside its folder.
"""
from __future__ import annotations

import re
import unicodedata

from compare.model import InputError

MAX_STEM = 100
_UNSAFE = re.compile(r"[^\w.-]+")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10))}


def safe_stem(text: str, fallback: str = "story") -> str:
    """`text` as one file name without a folder part; `fallback` when nothing is left."""
    stem = _UNSAFE.sub("-", unicodedata.normalize("NFC", str(text)))
    stem = re.sub(r"\.{2,}", ".", stem).strip(".- ")[:MAX_STEM].rstrip(".- ")
    if not stem:
        return fallback
    if stem.split(".")[0].lower() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem


def is_plain_name(name: str) -> bool:
    """A member name that stays in the folder it is unpacked into."""
    return (0 < len(name) <= 255 and not name.startswith(".") and ".." not in name
            and not _UNSAFE.search(name) and name.split(".")[0].lower() not in _WINDOWS_RESERVED)


def check_member(name: str) -> str:
    if not is_plain_name(name):
        raise InputError(f"{name!r}: not a plain file name; refused as an archive member")
    return name
