"""Export aligned pairs to the formats translators and editors use, and read them back.

    export_comparison(comparison, "tmx", "story.tmx")            # three-way TUs, no null links
    export_comparison(comparison, "tmx", "en-ru.tmx", pair=("en", "ru"), include_null=True)
    export_corpus(comparisons, "xlsx", "corpus.xlsx")
    data = to_bytes(comparison, "csv")                            # for a download button
    imported = import_alignment("story.tmx")                      # → ImportedStory

One record per link (record.py) feeds every format: tmx.py, xliff.py, sheet.py (xlsx, csv),
jsonl.py, intertext.py; importers.py reads them (and TMX/XLSX/CSV from other tools, and the
presegmented TSV alignment). Every string is cleaned the same way for every format (clean.py)
and files are replaced atomically (safe_write.py). (DESIGN.md names this compare/export.py; it
grew into a package, one module per format.)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from compare.export.clean import TextCleaner
from compare.export.importers import ImportedStory, describe, import_alignment, import_corpus
from compare.export.options import ExportOptions
from compare.export.record import StoryExport, build_story_export, default_pair, parse_pair
from compare.export.safe_write import STDOUT, safe_write, safe_write_many
from compare.model import Comparison, InputError, UsageError

# format → (file suffix, what it is)
FORMATS: dict[str, tuple[str, str]] = {
    "tmx": (".tmx", "TMX 1.4b translation memory (CAT tools: memoQ, Trados, OmegaT, Phrase)"),
    "xliff": (".xlf", "XLIFF 1.2 (or 2.0 with xliff_version='2.0'), one language pair"),
    "xlsx": (".xlsx", "Excel workbook: one row per link, flags with evidence"),
    "csv": (".csv", "CSV, UTF-8 with BOM: the same table as the workbook"),
    "jsonl": (".jsonl", "JSON Lines: the full record per link"),
    "intertext": (".xml", "InterText alignment + its two documents (a .zip for several)"),
}
ALIASES = {"xlf": "xliff", "xliff2": "xliff", "excel": "xlsx", "json": "jsonl"}
BILINGUAL = ("xliff", "intertext")  # formats that hold one language pair
WHOLE_RECORD = ("tmx", "xliff", "xlsx", "csv", "jsonl")  # read back identical
# Formats whose units must have two sides: a link with an empty side (an omission, an addition)
# is left out unless asked for — an empty <source> breaks xliff2po/msgfmt, OmegaT skips it and
# pocount miscounts it. The other formats keep such links (a reviewer's rows) unless told.
CAT_FORMATS = ("tmx", "xliff")

__all__ = ["FORMATS", "ExportOptions", "ExportReport", "ImportedStory", "describe",
           "export_comparison", "export_corpus", "format_for", "import_alignment",
           "import_corpus", "parse_pair", "to_bytes"]


@dataclass(frozen=True)
class ExportReport:
    format: str
    files: tuple[str, ...]  # written (empty for to_bytes)
    stories: int
    records: int
    size: int  # bytes written
    notes: tuple[str, ...] = ()  # cleaned characters, stories left out, Excel limits …

    def summary(self) -> str:
        where = ", ".join(self.files) if self.files else "memory"
        return (f"{self.format}: {self.records} record(s) from {self.stories} stor"
                f"{'y' if self.stories == 1 else 'ies'} → {where} ({self.size:,} bytes)")


def format_for(fmt: str | None, out_path: str | Path | None = None) -> str:
    """Normalise a format name, or take it from the output file's suffix."""
    if fmt:
        name = ALIASES.get(fmt.lower(), fmt.lower())
        if name not in FORMATS:
            raise UsageError(f"--format {fmt}: not one of {', '.join(FORMATS)}")
        return name
    if str(out_path) == STDOUT:
        raise UsageError("--out -: give --format to write to standard output")
    suffix = Path(out_path or "").suffix.lower()
    for name, (ext, _) in FORMATS.items():
        if suffix == ext or (suffix == ".xliff" and name == "xliff"):
            return name
    raise UsageError(f"{out_path}: cannot tell the format from the name; give --format")


def default_include_null(fmt: str) -> bool:
    """Null links are kept by default everywhere but in the CAT formats (CAT_FORMATS)."""
    return fmt not in CAT_FORMATS


def _options(pair, include_null, more, fmt: str) -> ExportOptions:
    if isinstance(pair, str):
        pair = parse_pair(pair)
    if include_null is None:
        include_null = default_include_null(fmt)
    return ExportOptions(pair=tuple(pair) if pair else None, include_null=include_null, **more)


def build_exports(comparisons: Sequence[Comparison], fmt: str, options: ExportOptions,
                  notes: list[str]) -> list[StoryExport]:
    """The records of every story, cleaned; stories that lack the pair asked for are left out
    of a corpus export with a note (a single story raises)."""
    if not comparisons:
        raise InputError("nothing to export: no stories")
    cleaner = TextCleaner(strip_invisible=options.strip_invisible,
                          keep_line_breaks=options.keep_line_breaks)
    pair = options.pair
    if pair is None and fmt in BILINGUAL:
        pair = default_pair(comparisons[0])
        notes.append(f"{fmt} holds one language pair: exported {pair[0]}-{pair[1]} "
                     "(choose another with --pair)")
    stories = []
    for comparison in comparisons:
        comparison = _clean_story_id(comparison, cleaner)
        try:
            stories.append(build_story_export(comparison, pair=pair,
                                              include_null=options.include_null,
                                              include_meta=options.include_meta, cleaner=cleaner))
        except InputError as error:
            if len(comparisons) == 1:
                raise
            notes.append(f"left out: {error}")
    if not stories:
        raise InputError("nothing to export: no story has the pair asked for")
    if options.min_confidence > 0 or options.only_confirmed:
        stories = [_kept(story, options) for story in stories]
        if not any(story.records for story in stories):
            raise InputError("nothing to export: no link is "
                             + ("confirmed" if options.only_confirmed else "")
                             + (" and " if options.only_confirmed and options.min_confidence > 0 else "")
                             + (f"at confidence {options.min_confidence:.2f} or more"
                                if options.min_confidence > 0 else ""))
    modes = {(s.header.mode, s.header.langs) for s in stories}
    if fmt not in BILINGUAL and len(modes) > 1 and any(m == "three-way" for m, _ in modes):
        notes.append("some stories have two versions only: exported pairwise beside the "
                     "three-way ones")
    notes.extend(cleaner.notes)
    return stories


def _clean_story_id(comparison: Comparison, cleaner: TextCleaner) -> Comparison:
    """A story id read from a file may hold characters no XML can carry (JSON can write "\\u0000");
    the records and the header must agree on it, so it is cleaned once here."""
    from dataclasses import replace

    story = comparison.story
    cleaned = cleaner(story.id, f"story id {story.id!r}")
    if cleaned == story.id:
        return comparison
    return replace(comparison, story=replace(story, id=cleaned or "story"))


def _kept(story: StoryExport, options: ExportOptions) -> StoryExport:
    """The records an export keeps: confirmed ones only, and at or above a confidence."""
    from dataclasses import replace

    records = tuple(r for r in story.records
                    if (not options.only_confirmed or r.status == "confirmed")
                    and r.confidence >= options.min_confidence)
    return replace(story, records=records)


def render(stories: list[StoryExport], fmt: str, options: ExportOptions,
           notes: list[str]) -> dict[str, bytes] | bytes:
    """bytes of one file; InterText gives {file name: bytes} (alignment + documents)."""
    from compare.export import intertext, jsonl, sheet, tmx, xliff

    if fmt == "tmx":
        return tmx.write_tmx(stories, options)
    if fmt == "xliff":
        return xliff.write_xliff(stories, options)
    if fmt == "xlsx":
        return sheet.write_xlsx(stories, options, notes)
    if fmt == "csv":
        return sheet.write_csv(stories, options)
    if fmt == "jsonl":
        return jsonl.write_jsonl(stories, options)
    return intertext.intertext_files(stories)


def _as_list(comparisons) -> list[Comparison]:
    if isinstance(comparisons, Comparison):
        return [comparisons]
    return list(comparisons)


def to_bytes(comparisons: Comparison | Iterable[Comparison], fmt: str, *,
             pair: tuple[str, str] | str | None = None, include_null: bool | None = None,
             **more) -> bytes:
    """One story or many as the bytes of one file (InterText: a .zip), for download buttons.
    include_null None: the format's default (left out of TMX and XLIFF, kept elsewhere)."""
    from compare.export.intertext import zip_files

    fmt = format_for(fmt)
    options = _options(pair, include_null, more, fmt)
    notes: list[str] = []
    stories = build_exports(_as_list(comparisons), fmt, options, notes)
    out = render(stories, fmt, options, notes)
    return zip_files(out) if isinstance(out, dict) else out


def _write(stories, fmt, options, out_path, notes) -> tuple[list[str], int]:
    from compare.export.intertext import alignment_name, zip_files
    from compare.export.names import check_member

    out = render(stories, fmt, options, notes)
    if str(out_path) == STDOUT:  # `--out -`: the bytes of one file (InterText: a .zip)
        data = zip_files(out) if isinstance(out, dict) else out
        safe_write(STDOUT, data)
        return ["<stdout>"], len(data)
    out_path = Path(out_path)
    if not isinstance(out, dict):
        safe_write(out_path, out)
        return [str(out_path)], len(out)
    if out_path.suffix.lower() == ".zip":
        data = zip_files(out)
        safe_write(out_path, data)
        return [str(out_path)], len(data)
    if out_path.is_dir() or not out_path.suffix:  # a folder: every file in it
        out_path.mkdir(parents=True, exist_ok=True)
        targets = {name: out_path / check_member(name) for name in out}
    elif len(stories) == 1:  # the alignment under the name given, documents beside it
        h = stories[0].header
        main = alignment_name(h.story, *h.langs)
        targets = {name: out_path if name == main else out_path.parent / check_member(name)
                   for name in out}
    else:
        raise InputError(f"{out_path}: InterText for several stories writes many files; give a "
                         ".zip or a folder")
    # All or nothing: an alignment never lands beside the documents of an older export.
    safe_write_many({targets[name]: data for name, data in out.items()})
    return [str(p) for p in targets.values()], sum(len(d) for d in out.values())


def export_corpus(comparisons: Iterable[Comparison], fmt: str | None, out_path: str | Path, *,
                  pair: tuple[str, str] | str | None = None, include_null: bool | None = None,
                  **more) -> ExportReport:
    """Many stories into one file (InterText: a .zip or a folder)."""
    fmt = format_for(fmt, out_path)
    options = _options(pair, include_null, more, fmt)
    notes: list[str] = []
    stories = build_exports(_as_list(comparisons), fmt, options, notes)
    files, size = _write(stories, fmt, options, out_path, notes)
    return ExportReport(format=fmt, files=tuple(files), stories=len(stories),
                        records=sum(len(s.records) for s in stories), size=size,
                        notes=tuple(notes))


def export_comparison(comparison: Comparison, fmt: str | None, out_path: str | Path, *,
                      pair: tuple[str, str] | str | None = None, include_null: bool | None = None,
                      **more) -> ExportReport:
    """One story. pair None: three-way where the format allows (TMX, sheets, JSONL); XLIFF
    and InterText take the original against English unless told. More options: see
    ExportOptions (strip_invisible, keep_line_breaks, props, lang_codes, xliff_version,
    csv_delimiter, created). include_null None: left out of TMX and XLIFF, kept elsewhere."""
    return export_corpus([comparison], fmt, out_path, pair=pair, include_null=include_null,
                         **more)


def reexport_options(imported: ImportedStory) -> dict:
    """The options that reproduce the file an ImportedStory was read from."""
    return {"pair": imported.pair, "include_null": imported.include_null}

