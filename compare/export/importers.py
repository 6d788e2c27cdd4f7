"""Read aligned pairs back: every format this tool writes, TMX/XLIFF/spreadsheets from other
tools, InterText alignments, and the presegmented TSV alignment (`SRC_IDS<TAB>TGT_IDS` plus the
two segment files).

A file this tool wrote carries the whole record and comes back as the same Comparison (export →
import → export gives the same file). A file from elsewhere gives what it has: texts paired row
by row (each row one segment per language, linked 1-1, or 1-0 where a side is empty).
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Sequence

from compare.export.record import (
    AlignmentInfo, DocumentInfo, LinkEntry, Record, SegmentEntry, StoryExport, StoryHeader,
    link_id, to_comparison,
)
from compare.model import LANG_NAMES, LANGS, Comparison, InputError, Link, StoryMeta

MAX_BYTES = 256 * 1024 * 1024
IMPORTED = {"imported": 1.0}  # the signal of a link read from a file: nothing scored it here


@dataclass(frozen=True)
class ImportedStory:
    comparison: Comparison
    format: str  # tmx / xliff / xlsx / csv / jsonl / intertext / tsv
    source: str  # the file read
    whole: bool  # the file carried the whole record (written by this tool)
    notes: tuple[str, ...] = ()
    pair: tuple[str, str] | None = None  # how it was exported: None = three-way
    include_null: bool = True

    @property
    def story(self):
        return self.comparison.story


# ---------------------------------------------------------------- building stories

def story_from_rows(story_id: str, rows: Sequence[dict[str, str]], srclang: str,
                    name: str) -> StoryExport:
    """Rows of {lang: text} (a TM, a sheet from elsewhere) → a story: each row one segment per
    language that has text, linked across every pair of languages present."""
    langs = [lang for lang in LANGS if any((row.get(lang) or "").strip() for row in rows)]
    if len(langs) < 2:
        raise InputError(f"{name}: fewer than two of en, ru, be have text; nothing to pair")
    if srclang in langs:
        langs.remove(srclang)
        langs.insert(0, srclang)
    three = len(langs) == 3
    if three:
        langs = [lang for lang in LANGS if lang in langs]
    pairs = list(combinations(langs, 2))
    counts = {lang: 0 for lang in langs}
    link_counts = {pair: 0 for pair in pairs}
    records = []
    for row in rows:
        segments = {}
        for lang in langs:
            text = (row.get(lang) or "").strip()
            if text:
                segments[lang] = (SegmentEntry(lang=lang, index=counts[lang], text=text,
                                               paragraph=counts[lang]),)
                counts[lang] += 1
            else:
                segments[lang] = ()
        if not any(segments.values()):
            continue
        entries = []
        for pair in pairs:
            src = tuple(e.index for e in segments[pair[0]])
            tgt = tuple(e.index for e in segments[pair[1]])
            if src or tgt:
                entries.append(LinkEntry(pair=pair, index=link_counts[pair],
                                         link=Link(src=src, tgt=tgt, signals=dict(IMPORTED))))
                link_counts[pair] += 1
        record_id = f"row:{len(records)}" if three else entries[0].id
        records.append(Record(story=story_id, id=record_id, langs=tuple(langs),
                              segments=segments, links=tuple(entries),
                              row=len(records) if three else None))
    header = StoryHeader(
        story=story_id, meta=StoryMeta(original=srclang if srclang in langs else ""),
        langs=tuple(langs), mode="three-way" if three else "pairwise", include_null=True,
        documents=tuple(DocumentInfo(lang=lang, segments=counts[lang], source=name)
                        for lang in langs),
        alignments=tuple(AlignmentInfo(pair=pair, links=link_counts[pair],
                                       signature={"source": "imported", "file": name})
                         for pair in pairs))
    return StoryExport(header, tuple(records))


def story_from_links(story_id: str, docs: dict[str, list[tuple[str, int]]],
                     pair: tuple[str, str], links: list[Link], name: str,
                     notes: list[str]) -> StoryExport:
    """Two segmented documents and the links between them → a pairwise story. Segments no link
    covers get null links of their own (never drop a sentence), with a note."""
    src, tgt = pair
    seen = {src: set(), tgt: set()}
    for n, link in enumerate(links, start=1):
        for lang, side in ((src, link.src), (tgt, link.tgt)):
            for i in side:
                if not 0 <= i < len(docs[lang]):
                    raise InputError(f"{name}: link {n} points at {lang} segment {i}, but the "
                                     f"{lang} file has {len(docs[lang])} (0-based ids)")
                if i in seen[lang]:
                    raise InputError(f"{name}: {lang} segment {i} is in two links "
                                     f"(again in link {n})")
                seen[lang].add(i)
    links = _with_uncovered(links, {lang: len(docs[lang]) for lang in pair}, pair, seen, name,
                            notes)
    entries = {lang: [SegmentEntry(lang=lang, index=i, text=text, paragraph=paragraph)
                      for i, (text, paragraph) in enumerate(docs[lang])] for lang in pair}
    records = tuple(
        Record(story=story_id, id=link_id(pair, n), langs=pair,
               segments={src: tuple(entries[src][i] for i in link.src),
                         tgt: tuple(entries[tgt][i] for i in link.tgt)},
               links=(LinkEntry(pair=pair, index=n, link=link),))
        for n, link in enumerate(links))
    header = StoryHeader(
        story=story_id, meta=StoryMeta(), langs=pair, mode="pairwise", include_null=True,
        documents=tuple(DocumentInfo(lang=lang, segments=len(docs[lang]), source=name)
                        for lang in pair),
        alignments=(AlignmentInfo(pair=pair, links=len(links),
                                  signature={"source": "imported", "file": name}),))
    return StoryExport(header, records)


def _with_uncovered(links: list[Link], sizes: dict[str, int], pair, seen, name: str,
                    notes: list[str]) -> list[Link]:
    src, tgt = pair
    missing = [(lang, i) for lang in pair for i in range(sizes[lang]) if i not in seen[lang]]
    if not missing:
        return links
    listed = ", ".join(f"{lang}:{i}" for lang, i in missing[:10])
    notes.append(f"{name}: {len(missing)} segment(s) in no link ({listed}"
                 f"{' …' if len(missing) > 10 else ''}); each given a null link")
    result = list(links)
    for lang, i in missing:
        side = "src" if lang == src else "tgt"
        new = Link(src=(i,) if side == "src" else (), tgt=(i,) if side == "tgt" else (),
                   confidence=0.0, signals=dict(IMPORTED))
        # before the first link that starts later on the same side
        at = next((n for n, link in enumerate(result)
                   if getattr(link, side) and min(getattr(link, side)) > i), len(result))
        result.insert(at, new)
    return result


# ---------------------------------------------------------------- the presegmented TSV

def parse_tsv_links(text: str, name: str) -> list[Link]:
    """`SRC_IDS<TAB>TGT_IDS[<TAB>SCORE]`, 0-based, comma-separated, one side may be empty."""
    links = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) < 2:
            raise InputError(f"{name} line {number}: expected SRC_IDS<TAB>TGT_IDS, got "
                             f"{line[:40]!r}")
        try:
            src = tuple(int(x) for x in columns[0].replace(" ", "").split(",") if x)
            tgt = tuple(int(x) for x in columns[1].replace(" ", "").split(",") if x)
        except ValueError:
            raise InputError(f"{name} line {number}: ids must be whole numbers separated by "
                             f"commas, got {line[:40]!r}") from None
        if not src and not tgt:
            raise InputError(f"{name} line {number}: both sides are empty")
        confidence = 1.0
        if len(columns) > 2 and columns[2].strip():
            try:
                confidence = min(max(float(columns[2]), 0.0), 1.0)
            except ValueError:
                pass  # a third column that is not a score (a comment): ignored
        links.append(Link(src=src, tgt=tgt, confidence=confidence, signals=dict(IMPORTED)))
    if not links:
        raise InputError(f"{name}: no links in the file")
    return links


def _tsv_langs(path: Path, langs: tuple[str, str] | None) -> tuple[str, str]:
    if langs:
        return langs
    parts = path.stem.split("-")
    if len(parts) == 2 and all(p in LANGS for p in parts) and parts[0] != parts[1]:
        return parts[0], parts[1]
    raise InputError(f"{path}: say which languages it links (--langs en-ru), or name the file "
                     "like en-ru.tsv")


def import_tsv(path: Path, src_file: str | Path | None, tgt_file: str | Path | None,
               langs: tuple[str, str] | None, *, check_lang: bool = True) -> ImportedStory:
    from compare.sources import decode_bytes, load_presegmented

    if not src_file or not tgt_file:
        raise InputError(f"{path}: a TSV alignment needs its two segment files (--src A.txt "
                         "--tgt B.txt, one segment per line)")
    pair = _tsv_langs(path, langs)
    links = parse_tsv_links(decode_bytes(path.name, _read(path)), str(path))
    docs = {}
    for lang, file in zip(pair, (src_file, tgt_file)):
        document = load_presegmented(file, lang, check_lang=check_lang)
        docs[lang] = [(s.text, s.paragraph) for s in document.segments]
    notes: list[str] = []
    story = story_from_links(Path(src_file).parent.name or path.stem, docs, pair, links,
                             str(path), notes)
    comparison = to_comparison(story, notes)
    return ImportedStory(comparison=comparison, format="tsv", source=str(path), whole=False,
                         notes=tuple(notes), pair=pair)


# ---------------------------------------------------------------- any file

SUFFIXES = {".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff", ".xlsx": "xlsx", ".csv": "csv",
            ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
            ".zip": "zip", ".xml": "xml"}


def _read(path: Path) -> bytes:
    from compare.sources import read_capped

    return read_capped(path, MAX_BYTES)


def sniff_format(path: Path, data: bytes) -> str:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind == "zip" or (kind is None and data[:4] == b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(path).namelist()
        except zipfile.BadZipFile:
            raise InputError(f"{path}: a damaged zip archive (truncated?)") from None
        return "xlsx" if "xl/workbook.xml" in names else "intertext"
    if kind not in (None, "xml"):
        return kind
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        for marker, found in ((b"<tmx", "tmx"), (b"<xliff", "xliff"), (b"<linkGrp", "intertext")):
            if marker in head:
                return found
        raise InputError(f"{path}: an XML file, but not TMX, XLIFF or an InterText alignment")
    if head.startswith(b"{"):
        return "jsonl"
    if kind is None and b"\t" in head.split(b"\n", 1)[0]:
        return "tsv"
    raise InputError(f"{path}: cannot tell its format; expected .tmx, .xlf, .xlsx, .csv, .tsv, "
                     ".jsonl or an InterText .xml/.zip")


def _comparison(story: StoryExport, notes: list[str], path: Path) -> Comparison:
    """to_comparison, its complaints (a link past the segments) naming the file."""
    try:
        return to_comparison(story, notes)
    except InputError as error:
        raise InputError(f"{path}: {error}") from None


def _imported(stories, foreign, srclang, fmt: str, path: Path, notes: list[str],
              whole: bool) -> list[ImportedStory]:
    result = []
    for story in stories:
        story_notes = list(notes)
        comparison = _comparison(story, story_notes, path)
        h = story.header
        result.append(ImportedStory(
            comparison=comparison, format=fmt, source=str(path), whole=whole,
            notes=tuple(story_notes), pair=None if h.mode == "three-way" else tuple(h.langs),
            include_null=h.include_null))
    if foreign:
        if stories:
            notes.append(f"{path}: {len(foreign)} unit(s) without this tool's records were read "
                         "as a separate story")
        story = story_from_rows(path.stem, foreign, srclang, str(path))
        foreign_notes = list(notes)
        result.append(ImportedStory(
            comparison=_comparison(story, foreign_notes, path), format=fmt, source=str(path),
            whole=False, notes=tuple(foreign_notes),
            pair=None if story.header.mode == "three-way" else tuple(story.header.langs)))
    if not result:
        raise InputError(f"{path}: no aligned segments in the file")
    return result


# What a reader may still raise on a file no check foresaw; turned into one line naming the file
# (the schema checks, schema.py, name the field for every case they know of).
_DAMAGE = (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError,
           OverflowError, UnicodeError, zipfile.BadZipFile, EOFError)


def import_corpus(path: str | Path, *, src_segments: str | Path | None = None,
                  tgt_segments: str | Path | None = None, langs: tuple[str, str] | None = None,
                  check_lang: bool = True) -> list[ImportedStory]:
    """Every story in the file (a corpus export holds many)."""
    try:
        return _import_corpus(path, src_segments=src_segments, tgt_segments=tgt_segments,
                              langs=langs, check_lang=check_lang)
    except InputError:
        raise
    except _DAMAGE as error:
        detail = " ".join(str(error).split())[:160]
        raise InputError(f"{path}: cannot be read as an alignment, damaged or edited "
                         f"({type(error).__name__}: {detail})") from None


def _import_corpus(path: str | Path, *, src_segments: str | Path | None = None,
                   tgt_segments: str | Path | None = None, langs: tuple[str, str] | None = None,
                   check_lang: bool = True) -> list[ImportedStory]:
    from compare.export import intertext, jsonl, sheet, tmx, xliff

    path = Path(path)
    data = _read(path)
    fmt = sniff_format(path, data)
    notes: list[str] = []
    name = str(path)
    if fmt == "tsv":
        return [import_tsv(path, src_segments, tgt_segments, langs, check_lang=check_lang)]
    if fmt == "tmx":
        stories, foreign, srclang = tmx.read_tmx(data, name, notes)
        return _imported(stories, foreign, srclang, fmt, path, notes, whole=True)
    if fmt == "xliff":
        stories, foreign, srclang = xliff.read_xliff(data, name, notes)
        return _imported(stories, foreign, srclang, fmt, path, notes, whole=True)
    if fmt == "jsonl":
        stories, foreign = jsonl.read_jsonl(data, name, notes)
        return _imported(stories, foreign, "", fmt, path, notes, whole=True)
    if fmt in ("csv", "xlsx"):
        reader = sheet.read_csv if fmt == "csv" else sheet.read_xlsx
        stories, foreign = reader(data, name, notes)
        return _imported(stories, foreign, "", fmt, path, notes, whole=True)
    # InterText: an alignment beside its documents, or a zip of them
    if zipfile.is_zipfile(path):
        alignments = intertext.alignments_in_zip(path)
    else:
        alignments = [(path.name, data)]
    opener = intertext.document_opener(path)
    result = []
    for member, content in alignments:
        story_notes = list(notes)
        story_id, docs, pair, links = intertext.read_intertext(content, f"{path}:{member}"
                                                              if member != path.name else name,
                                                              opener, story_notes)
        story = story_from_links(story_id, docs, pair, links, name, story_notes)
        result.append(ImportedStory(comparison=_comparison(story, story_notes, path),
                                    format="intertext", source=name, whole=False,
                                    notes=tuple(story_notes), pair=pair))
    return result


def import_alignment(path: str | Path, story: str | None = None, **kwargs) -> ImportedStory:
    """The one story in the file (or the one named `story` in a corpus file)."""
    stories = import_corpus(path, **kwargs)
    if story is not None:
        for imported in stories:
            if imported.story.id == story:
                return imported
        raise InputError(f"{path}: no story '{story}' (it has: "
                         f"{', '.join(s.story.id for s in stories)})")
    if len(stories) > 1:
        raise InputError(f"{path}: holds {len(stories)} stories ("
                         f"{', '.join(s.story.id for s in stories[:8])}); name one, or read "
                         "them all with import_corpus")
    return stories[0]


def describe(imported: ImportedStory) -> list[str]:
    """What was restored, in a few lines (the CLI prints it)."""
    c = imported.comparison
    kind = "whole record" if imported.whole else "texts and links only"
    lines = [f"story {c.story.id} ({imported.format}, {kind})"
             + (f": {c.story.meta.title}" if c.story.meta.title else "")]
    lines.append("  versions: " + ", ".join(
        f"{LANG_NAMES.get(lang, lang)} {len(doc.segments)} segments"
        for lang, doc in c.story.documents.items()))
    for (src, tgt), alignment in c.alignments.items():
        links = alignment.links
        confirmed = sum(link.status == "confirmed" for link in links)
        null = sum(link.is_null for link in links)
        flags = sum(len(a.flags) for a in c.analyses.get((src, tgt), ()))
        lines.append(f"  {src}-{tgt}: {len(links)} links ({confirmed} confirmed, {null} null)"
                     + (f", {flags} flags" if flags else ""))
    if c.rows:
        lines.append(f"  three-way rows: {len(c.rows)}")
    if c.translations:
        lines.append("  machine translations: " + ", ".join(
            f"{src}→{tgt}" for src, tgt in c.translations))
    lines += [f"  note: {note}" for note in imported.notes]
    return lines
