"""Spreadsheets: XLSX (openpyxl) and CSV (UTF-8 with a BOM, so Excel reads Cyrillic right).

One row per link (or three-way row): story, link id, link type, status, confidence, the text of
each language, the machine translations, verdict, scores, flags with their evidence, notes, the
kind ("moved" for a link out of the reading order, "summary", "meta", "title", else the link type) —
and a last column, "record", holding the rest of the record as JSON (segment ids and lengths,
links, signals, analyses; the story's header on its first row). The texts stay in their cells;
reading splits them back by the recorded lengths. In the XLSX the record column is hidden and
a second sheet lists each story's alignment settings.

Cells that a spreadsheet would run as a formula (starting with = + - @) are written as text in
the XLSX; in the CSV they get a leading apostrophe, which reading removes again.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile

from compare.export import labels
from compare.export.options import ExportOptions
from compare.export.record import (
    StoryExport, dumps, header_from_dict, header_to_dict, joined_texts, mt_key,
    record_from_dict, record_to_dict,
)
from compare.export.schema import loads
from compare.export.triage_fields import TRIAGE_COLUMN, any_marked, triage_cell
from compare.model import LANG_NAMES, LANGS, InputError

RECORD_COLUMN = "record"
HEADER_KEY = "story_header"
EXCEL_CELL_LIMIT = 32_767
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
MAX_UNZIPPED = 200 * 1024 * 1024  # refuse "zip bombs" posing as spreadsheets


def mt_column(src: str, tgt: str) -> str:
    return f"MT {src}→{tgt}"


def _langs(stories: list[StoryExport]) -> list[str]:
    langs: list[str] = []
    for story in stories:
        langs += [lang for lang in story.header.langs if lang not in langs]
    return langs


def table(stories: list[StoryExport]) -> tuple[list[str], list[list]]:
    """Column names and rows (str, float or None cells), the same for CSV and XLSX."""
    langs = _langs(stories)
    directions = []
    for story in stories:
        for record in story.records:
            for key in joined_texts(record):
                if key.startswith("mt:") and key not in directions:
                    directions.append(key)
    directions.sort(key=lambda k: [langs.index(x) for x in k[3:].split("-")])
    pairwise = all(s.header.mode == "pairwise" for s in stories)
    marked = any_marked(stories)  # a triage column only when a flag carries a mark
    score_names: list[str] = []
    if pairwise:
        for story in stories:
            for record in story.records:
                for _, analysis in record.analyses():
                    score_names += [n for n in analysis.scores if n not in score_names]
    columns = (["story", "link id", "link type", "status", "confidence"] + langs
               + [mt_column(*k[3:].split("-")) for k in directions] + ["verdict"]
               + (score_names if pairwise else ["scores"]) + ["flags", "analysis note", "kind"]
               + ([TRIAGE_COLUMN] if marked else []) + [RECORD_COLUMN])
    rows = []
    for story in stories:
        for n, record in enumerate(story.records):
            texts = joined_texts(record)
            skeleton = record_to_dict(record, texts=False)
            if n == 0:
                skeleton[HEADER_KEY] = header_to_dict(story.header)
            if pairwise:
                scores = {}
                for _, analysis in record.analyses():
                    scores.update(analysis.scores)
                score_cells = [scores.get(name) for name in score_names]
            else:
                score_cells = [labels.scores_text(record)]
            rows.append([record.story, record.id, record.link_type, record.status,
                         round(record.confidence, 4)]
                        + [texts.get(lang, "") for lang in langs]
                        + [texts.get(k, "") for k in directions]
                        + [labels.verdict_text(record)] + score_cells
                        + ["\n".join(labels.flag_lines(record)), labels.notes_text(record), record.kind]
                        + ([triage_cell(f for _, a in record.analyses() for f in a.flags)]
                           if marked else [])
                        + [dumps(skeleton)])
        if not story.records:  # keep the story's header even when nothing is exported
            rows.append([story.header.story, "", "", "", None] + [""] * (len(columns) - 6)
                        + [dumps({HEADER_KEY: header_to_dict(story.header)})])
    return columns, rows


# ---------------------------------------------------------------- CSV

def _guard(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def _unguard(value: str) -> str:
    return value[1:] if value.startswith("'") and _FORMULA.match(value) else value


LINK_TYPE_DASH = "\u2013"  # "1–1", "0–1–1": no spreadsheet reads these as dates ("1-1" is 1 Jan)


def write_csv(stories: list[StoryExport], options: ExportOptions) -> bytes:
    """What a spreadsheet opening the file must not change: link types are written with an
    en dash ("2–1", not the "2-1" LibreOffice and Excel turn into a date), and with ';' as the
    separator numbers get a decimal comma, as the comma-decimal locales (ru-RU, be-BY) that
    use ';' read them. The record column keeps the exact values: the file reads back whole."""
    columns, rows = table(stories)
    link_type = columns.index("link type")
    comma = options.csv_delimiter == ";"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=options.csv_delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        row = list(row)
        if isinstance(row[link_type], str):
            row[link_type] = row[link_type].replace("-", LINK_TYPE_DASH)
        writer.writerow(["" if v is None else _guard(v) if isinstance(v, str)
                         else _csv_number(v, comma) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_number(value, comma: bool) -> str:
    text = repr(value)
    return text.replace(".", ",") if comma and isinstance(value, float) else text


def read_csv(data: bytes, name: str, notes: list[str]):
    from compare.sources import decode_bytes

    text = decode_bytes(name, data)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise InputError(f"{name}: not a readable CSV file ({error}) — truncated?") from None
    rows = [[_unguard(cell) for cell in row] for row in rows]
    return _from_rows(rows, name, notes)


# ---------------------------------------------------------------- XLSX

def write_xlsx(stories: list[StoryExport], options: ExportOptions, notes: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns, rows = table(stories)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "pairs"
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    long_cells = 0
    wrap = Alignment(wrap_text=True, vertical="top")
    text_columns = set(range(5, len(columns) - 2))
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                long_cells += len(value) > EXCEL_CELL_LIMIT
            if c - 1 in text_columns:
                cell.alignment = wrap
    widths = {"story": 18, "link id": 10, "link type": 8, "kind": 9, "status": 10, "confidence": 10}
    for c, column in enumerate(columns, start=1):
        letter = get_column_letter(c)
        is_text = column in LANGS or column.startswith("MT ") or column == "flags"
        sheet.column_dimensions[letter].width = widths.get(column, 60 if is_text else 14)
    sheet.column_dimensions[get_column_letter(len(columns))].hidden = True
    sheet.freeze_panes = "F2"
    sheet.auto_filter.ref = sheet.dimensions
    if long_cells:
        notes.append(f"{long_cells} cell(s) longer than Excel's limit of {EXCEL_CELL_LIMIT} "
                     "characters: written whole; Excel shows them cut, LibreOffice in full")
    _settings_sheet(workbook.create_sheet("settings"), stories)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())


def _settings_sheet(sheet, stories: list[StoryExport]) -> None:
    """Which settings produced each alignment, so that every confidence shown can be traced."""
    sheet.append(["story", "title", "date", "original", "export", "pair", "links",
                  "alignment confidence", "alignment settings", "score settings", "warnings",
                  "notes"])
    for story in stories:
        h = story.header
        for a in h.alignments or [None]:
            score_settings = {}
            for record in story.records:
                for entry, analysis in record.analyses():
                    if a is not None and entry.pair == a.pair:
                        score_settings.update(analysis.signatures)
            sheet.append([h.story, h.meta.title, h.meta.date, h.meta.original,
                          f"{h.mode} {'-'.join(h.langs)}",
                          labels.pair_label(a.pair) if a else "", a.links if a else None,
                          a.confidence if a else None, a.signature_string() if a else "",
                          "; ".join(f"{k}: {v}" for k, v in score_settings.items()),
                          "; ".join(a.warnings) if a else "", "; ".join(h.notes)])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _reproducible(data: bytes) -> bytes:
    """The same workbook gives the same bytes: fixed zip timestamps, no save-time dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>", b"",
                                 content)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


def read_xlsx(data: bytes, name: str, notes: list[str]):
    from compare.zipsafe import open_zip

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name}: not an XLSX workbook (not a zip archive; truncated?)")
    archive = open_zip(data, name, max_inflated=MAX_UNZIPPED)
    if "xl/workbook.xml" not in archive.namelist():
        raise InputError(f"{name}: a zip archive but not an XLSX workbook")
    _refuse_doctype(archive, name)
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # Read-only sheets are parsed while iterated: a damaged or hostile sheet (a DOCTYPE
        # with entities, which defusedxml refuses) fails here, inside the try.
        sheet = workbook["pairs"] if "pairs" in workbook.sheetnames else workbook.worksheets[0]
        rows = [["" if v is None else v if isinstance(v, str) else _number(v) for v in row]
                for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except InputError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        what = "entity declarations are refused" if "Entit" in type(error).__name__ else \
            f"{type(error).__name__}: {' '.join(str(error).split())[:120]}"
        raise InputError(f"{name}: cannot read the workbook ({what})") from None
    return _from_rows(rows, name, notes)


def _refuse_doctype(archive: zipfile.ZipFile, name: str) -> None:
    """No part of a workbook has a DOCTYPE; one that does is refused before openpyxl parses it
    (entity declarations can expand without bound; openpyxl's read-only reader does not use
    defusedxml for every part)."""
    for info in archive.infolist():
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            with archive.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head.upper():
                raise InputError(f"{name}: refused: {info.filename} has a DOCTYPE (entity "
                                 "declarations can expand without bound or read other files)")


def _show_cell(value) -> str:
    return f"{type(value).__name__} {str(value)[:20]!r}"


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- rows → records

_LANG_NAMES = {name.lower(): code for code, name in LANG_NAMES.items()}


def column_lang(title: str) -> str | None:
    """'en', 'EN-us', 'English', 'Russian (ru)' → code; None when not a language column."""
    lowered = str(title).strip().lower()
    code = lowered.replace("_", "-").split("-")[0]
    if code in LANGS and (lowered == code or re.fullmatch(r"[a-z]{2}[-_][a-z]{2}", lowered)):
        return code
    for word, lang in _LANG_NAMES.items():
        if lowered == word or lowered.startswith(word + " "):
            return lang
    return None


def _from_rows(rows: list[list[str]], name: str, notes: list[str]):
    """→ (stories written by this tool, foreign rows {lang: text})."""
    rows = [row for row in rows if any(str(v).strip() for v in row)]
    if not rows:
        raise InputError(f"{name}: the sheet is empty")
    columns = [str(c).strip() for c in rows[0]]
    columns_at = {column.lower(): i for i, column in enumerate(columns)}
    body = rows[1:]

    def cell(row, column):
        i = columns_at.get(column.lower())
        return row[i] if i is not None and i < len(row) else ""

    if RECORD_COLUMN in columns_at:
        # Rows are grouped by their story, whatever order a user sorted them into.
        headers: dict[str, object] = {}
        records: dict[str, list] = {}
        for number, row in enumerate(body, start=2):
            raw = cell(row, RECORD_COLUMN)
            if not str(raw).strip():
                raise InputError(f"{name} row {number}: the record cell is empty")
            where = f"{name} row {number}"
            if not isinstance(raw, str):
                raise InputError(f"{where}: the record cell holds {_show_cell(raw)}, not a "
                                 "record")
            try:
                skeleton = json.loads(raw)
            except json.JSONDecodeError as error:
                raise InputError(f"{where}: the record cell is damaged "
                                 f"({error.msg}) — truncated or edited?") from None
            except (RecursionError, ValueError):
                skeleton = loads(raw, f"{where}: the record cell")
            if not isinstance(skeleton, dict):
                raise InputError(f"{name} row {number}: the record cell is not a record")
            if HEADER_KEY in skeleton:
                header = header_from_dict(skeleton[HEADER_KEY], f"{where}: story header")
                headers[header.story] = header
                records.setdefault(header.story, [])
            if "segments" not in skeleton:
                continue  # a story exported with no records
            joined = {}
            langs = skeleton.get("langs", ())
            langs = [x for x in langs if isinstance(x, str)] if isinstance(langs, list) else []
            for lang in langs:
                if lang.lower() in columns_at:
                    joined[lang] = str(cell(row, lang))
                for tgt in langs:
                    if mt_column(lang, tgt).lower() in columns_at:
                        joined[mt_key(lang, tgt)] = str(cell(row, mt_column(lang, tgt)))
            record = record_from_dict(skeleton, joined, notes, where)
            records.setdefault(record.story, []).append(record)
        missing = [story for story in records if story not in headers]
        if missing:
            raise InputError(f"{name}: the first row of story '{missing[0]}' (which carries "
                             "its header) is missing; was the sheet filtered?")
        return [StoryExport(headers[story], tuple(items)) for story, items in records.items()], []

    lang_columns = {}
    for i, column in enumerate(columns):
        lang = column_lang(column)
        if lang and lang not in lang_columns:
            lang_columns[lang] = i
    if len(lang_columns) < 2:
        raise InputError(f"{name}: needs at least two columns named by language (en, ru, be, "
                         f"or English, Russian, Belarusian); its columns are: "
                         f"{', '.join(c for c in columns if c)[:200]}")
    foreign = []
    for row in body:
        foreign.append({lang: str(row[i]).strip() if i < len(row) else ""
                        for lang, i in lang_columns.items()})
    return [], foreign
