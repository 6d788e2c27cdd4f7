"""Read a dictd dictionary: NAME.index (headword, offset, length; numbers in dictd's base64)
and NAME.dict.dz (dictzip: a gzip file with random-access chunks; read here as plain gzip,
whole, since the bridge reads every entry once when it builds its cache)."""
from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Iterator

_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


class DictdError(Exception):
    """A dictd file that cannot be read (the message names the file and the problem)."""


def b64_number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


def read_entries(index_path: Path, data_path: Path) -> Iterator[tuple[str, str]]:
    """(headword, entry text) for every index line, in index order; the database's own
    00-database-* entries are left out."""
    try:
        data = gzip.decompress(data_path.read_bytes()) if data_path.suffix == ".dz" else data_path.read_bytes()
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise DictdError(f"{data_path}: cannot be read as a dictd data file ({error})") from None
    try:
        lines = index_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DictdError(f"{index_path}: cannot be read ({error})") from None
    for number, line in enumerate(lines, 1):
        parts = line.split("\t")
        if len(parts) < 3:
            raise DictdError(f"{index_path}, line {number}: not 'word<TAB>offset<TAB>length'")
        word = parts[0]
        if word.startswith("00-database") or word.startswith("00database"):
            continue
        try:
            offset, length = b64_number(parts[1]), b64_number(parts[2])
        except KeyError:
            raise DictdError(f"{index_path}, line {number}: offset or length is not dictd base64") from None
        if offset + length > len(data):
            raise DictdError(f"{data_path}: entry {word!r} lies beyond the end of the data (truncated file?)")
        yield word, data[offset : offset + length].decode("utf-8", errors="replace")
