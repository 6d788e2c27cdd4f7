"""Imported translations: MT made elsewhere (another system, a colleague's file) used as an
engine, so it is shown like any MT and feeds the aligner's MT signal too.

The file (UTF-8) is either
- one translation per line, in the order of the segments (plain text, or a TSV column), or
- a TSV with a source column and a translation column: each segment's translation is found
  by its source text, so the order does not matter and extra rows do no harm.

Columns are named by header (first row) or by number (1-based). A TSV with one column, or a
plain text file, needs no column.
"""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any, Mapping, Sequence

from compare.model import InputError, Translation
from compare.sources import _read_bytes


class ImportedTranslator:
    engine = "imported"
    cacheable = False  # line n answers segment n: not a function of the source text alone
    OPTION_NAMES = ("column", "source_column")

    @classmethod
    def accepted(cls, settings: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in settings.items() if k in cls.OPTION_NAMES}

    def __init__(self, model: str, src_lang: str, tgt_lang: str, *,
                 column: str | int | None = None, source_column: str | int | None = None):
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        path = Path(model).expanduser()
        self.model = str(path)
        raw = _read_bytes(path, "imported translations")
        self.revision = hashlib.sha256(raw).hexdigest()[:12]
        self.where = f"file {path}"
        text = _decode(raw, path)
        self.rows = _rows(text, path, tabular=path.suffix.lower() in (".tsv", ".tab")
                          or column is not None or source_column is not None)
        self.targets, self.sources = _columns(self.rows, path, column, source_column)
        self.options = {"revision": self.revision}
        if column is not None:
            self.options["column"] = str(column)
        if source_column is not None:
            self.options["source_column"] = str(source_column)
        self.engine_calls = 0

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.engine_calls += 1
        if self.sources is not None:
            return [self._by_source(text) for text in texts]
        if len(texts) != len(self.targets):
            raise InputError(
                f"{self.model} has {len(self.targets)} translations but there are "
                f"{len(texts)} segments to translate: it needs one line per segment, in order")
        return [self._record(target, source) for source, target in zip(texts, self.targets)]

    def _by_source(self, text: str) -> Translation:
        key = " ".join(text.split())
        if key in self.sources:
            return self._record(self.targets[self.sources[key]], text)
        if not key:
            return self._record("", text)
        return Translation(text="", engine=self.engine, model=self.model,
                           src_lang=self.src_lang, tgt_lang=self.tgt_lang, options=self.options,
                           failed=True, note=f"no translation of this segment in {self.model}")

    def _record(self, target: str, source: str) -> Translation:
        note = "empty segment" if not source.strip() else (
            "" if target.strip() else "the imported file has an empty line here")
        return Translation(text=target.strip(), engine=self.engine, model=self.model,
                           src_lang=self.src_lang, tgt_lang=self.tgt_lang, options=self.options,
                           failed=bool(source.strip()) and not target.strip(), note=note)


def read_translations(path: str | Path, texts: Sequence[str], src_lang: str, tgt_lang: str,
                      **options: Any) -> list[Translation]:
    """The imported translations of `texts` (same length, same order)."""
    return ImportedTranslator(str(path), src_lang, tgt_lang, **options).translate(texts)


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"imported translations {path} is not UTF-8 text (byte "
                         f"{raw[error.start]:#04x} at offset {error.start}); save it as "
                         f"UTF-8") from None


def _rows(text: str, path: Path, *, tabular: bool) -> list[list[str]]:
    if not tabular:
        return [[line] for line in text.splitlines()]
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t",
                                      quoting=csv.QUOTE_NONE)]


def _columns(rows: list[list[str]], path: Path, column: str | int | None,
             source_column: str | int | None) -> tuple[list[str], dict[str, int] | None]:
    width = max((len(row) for row in rows), default=0)
    named = isinstance(column, str) and not column.isdigit() or (
        isinstance(source_column, str) and not source_column.isdigit())
    header = rows[0] if named and rows else []
    body = rows[1:] if named else rows
    if column is None:
        if width > 1 and source_column is None:
            raise InputError(f"{path} has {width} columns: name the one with the translations "
                             f"(column = a header or a number from 1)")
        if width > 1:
            raise InputError(f"{path}: with a source column, also name the translation column")
        column = 1
    target_at = _column_index(column, header, width, path)
    targets = [row[target_at] if target_at < len(row) else "" for row in body]
    if source_column is None:
        return targets, None
    source_at = _column_index(source_column, header, width, path)
    sources: dict[str, int] = {}
    for number, row in enumerate(body):
        if source_at < len(row):
            sources.setdefault(" ".join(row[source_at].split()), number)
    return targets, sources


def _column_index(column: str | int, header: list[str], width: int, path: Path) -> int:
    if isinstance(column, int) or str(column).isdigit():
        number = int(column)
        if not 1 <= number <= max(width, 1):
            raise InputError(f"{path} has {width} column(s); there is no column {number}")
        return number - 1
    if column not in header:
        raise InputError(f"{path} has no column named '{column}' (its header: "
                         f"{', '.join(header) or 'none'})")
    return header.index(column)
