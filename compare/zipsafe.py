"""Zip archives from users (.docx, .xlsx, InterText .zip) opened without trusting them.

A 2 MB .docx can inflate to gigabytes ("zip bomb"): the size cap on the file checks only the
compressed bytes. So before anything is unpacked, the sizes the archive declares are summed and
capped, both for all members and for the XML parts that a parser would build a tree of. Python's
zipfile stops at the declared size of a member and checks its CRC, so a member that lies about
its size cannot inflate past what was checked here.
"""
from __future__ import annotations

import io
import zipfile

from compare.model import InputError

MAX_INFLATED = 200 * 1024 * 1024  # everything in the archive, images included
MAX_XML = 40 * 1024 * 1024  # the XML parts a parser reads: a long story's document.xml is ~1 MB
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # an XML part that inflates more than 200× is a bomb, not a document


def open_zip(data: bytes | str, name: str, *, max_inflated: int = MAX_INFLATED,
             max_xml: int = MAX_XML,
             damaged: str = "a damaged zip archive (truncated?)") -> zipfile.ZipFile:
    """The archive, or InputError naming `name` and the problem (damaged, or too big inside)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{name}: {damaged}") from None
    check_sizes(infos, name, max_inflated=max_inflated, max_xml=max_xml)
    return archive


def check_sizes(infos: list[zipfile.ZipInfo], name: str, *, max_inflated: int = MAX_INFLATED,
                max_xml: int = MAX_XML) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name}: refused: the archive holds {len(infos):,} files "
                         f"(more than {MAX_MEMBERS:,})")
    total = sum(info.file_size for info in infos)
    if total > max_inflated:
        raise InputError(f"{name}: refused: it unpacks to {total / 1e6:,.0f} MB, more than the "
                         f"{max_inflated // 2**20} MB this tool unpacks (a zip bomb?)")
    xml = [info for info in infos if info.filename.lower().endswith((".xml", ".rels"))]
    xml_total = sum(info.file_size for info in xml)
    if xml_total > max_xml:
        raise InputError(f"{name}: refused: its XML parts unpack to {xml_total / 1e6:,.0f} MB, "
                         f"more than the {max_xml // 2**20} MB this tool parses (a zip bomb?)")
    for info in xml:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{name}: refused: {info.filename} inflates "
                             f"{info.file_size // max(info.compress_size, 1):,}× "
                             f"({info.file_size / 1e6:,.0f} MB; a zip bomb?)")
