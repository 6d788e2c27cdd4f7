"""The one export record: a pairwise link, or a row of the three-way view, with all it carries.

Every format is written from these records and read back into them, so that "what a link is"
is defined once. A record holds the segments of each exported language (their texts, paragraph,
kind and machine translations), the pairwise links inside it (src/tgt ids, confidence, signals,
status) and each link's analysis (verdict, flags with evidence, scores). A StoryHeader holds what
belongs to the story rather than to a link (metadata, document sources, alignment signatures,
disagreements, pipeline notes).

Serialised, a record is a dict (`record_to_dict`). Formats that keep the texts in their own
places (a TMX <seg>, a spreadsheet cell) write the dict without texts — each text replaced by
its length — plus the joined texts (`joined_texts`); reading splits the joined texts back by
those lengths (`record_from_dict`).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Iterable, Literal, Mapping, Sequence

from compare.export.clean import TextCleaner
from compare.export.triage_fields import flag_to_dict
from compare.model import (
    LANGS, STRUCTURE_KINDS, Comparison, Disagreement, Document, Flag, InputError, Link, LinkAnalysis, Row,
    Segment, Story, StoryMeta, Translation, UsageError,
)

RECORD_VERSION = 1
JOIN = " "  # between the segments of one side of an n-m link, in every format
Mode = Literal["pairwise", "three-way"]


# ---------------------------------------------------------------- the record

@dataclass(frozen=True)
class SegmentEntry:
    lang: str
    index: int
    text: str
    paragraph: int = 0
    kind: str = "body"
    mt: Mapping[str, Translation] = field(default_factory=dict)  # target lang → MT of it

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.index}"


def _span(ids) -> str:
    ids = list(ids)
    return str(ids[0]) if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


@dataclass(frozen=True)
class LinkEntry:
    pair: tuple[str, str]  # the alignment it belongs to, as stored in the Comparison
    index: int  # its position in that alignment
    link: Link
    analysis: LinkAnalysis | None = None

    @property
    def id(self) -> str:
        return link_id(self.pair, self.index)


@dataclass(frozen=True)
class Record:
    story: str
    id: str  # "en-ru:12" (a pairwise link) or "row:5" (a row of the three-way view)
    langs: tuple[str, ...]  # the exported languages, in column order
    segments: Mapping[str, tuple[SegmentEntry, ...]]
    links: tuple[LinkEntry, ...]
    row: int | None = None

    @property
    def link_type(self) -> str:
        return "-".join(str(len(self.segments.get(lang, ()))) for lang in self.langs)

    @property
    def kind(self) -> str:
        """What the record is: "moved" (a link out of the reading order: its counterpart stands
        elsewhere), "summary" (one sentence against the lines it sums up), "meta", "title", or
        its shape (link_type)."""
        roles = {e.link.role for e in self.links}
        for role in ("moved", "summary"):
            if role in roles:
                return role
        if roles and roles <= {"meta", "title"} and len(roles) == 1:
            return roles.pop()
        return self.link_type

    @property
    def kind_note(self) -> str:
        """One line on a moved or summary record, for the formats that carry notes ("" else)."""
        for e in self.links:
            link = e.link
            src, tgt = e.pair
            if link.role == "moved":
                return (f"moved: {src} {_span(link.src)} stands at {tgt} {_span(link.tgt)}, out of "
                        "the reading order of the other links")
            if link.role == "summary":
                one, many = ((src, link.src), (tgt, link.tgt)) if len(link.src) == 1 else ((tgt, link.tgt), (src, link.src))
                return (f"summary: {one[0]} {_span(one[1])} sums up {many[0]} "
                        f"{', '.join(str(i) for i in many[1])} (lines that do not stand together)")
        return ""

    @property
    def confidence(self) -> float:
        return min((e.link.confidence for e in self.links), default=0.0)

    @property
    def status(self) -> str:
        confirmed = self.links and all(e.link.status == "confirmed" for e in self.links)
        return "confirmed" if confirmed else "auto"

    @property
    def langs_present(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.langs if self.segments.get(lang))

    @property
    def is_null(self) -> bool:
        """A link with an empty side; a row with text in fewer than two versions."""
        if self.row is None:
            return any(e.link.is_null for e in self.links) or len(self.langs_present) < 2
        return len(self.langs_present) < 2

    def text(self, lang: str) -> str:
        return JOIN.join(s.text for s in self.segments.get(lang, ()))

    def machine(self, src: str, tgt: str) -> list[Translation]:
        return [s.mt[tgt] for s in self.segments.get(src, ()) if tgt in s.mt]

    def analyses(self) -> list[tuple[LinkEntry, LinkAnalysis]]:
        return [(e, e.analysis) for e in self.links if e.analysis is not None]


@dataclass(frozen=True)
class DocumentInfo:
    lang: str
    segments: int  # how many the document has (an export may skip some: null links)
    source: str = ""
    detected_lang: str | None = None
    detected_confidence: float | None = None


@dataclass(frozen=True)
class AlignmentInfo:
    pair: tuple[str, str]
    links: int
    signature: Mapping[str, str] = field(default_factory=dict)
    confidence: float = 1.0
    warnings: tuple[str, ...] = ()

    def signature_string(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.signature.items())


@dataclass(frozen=True)
class StoryHeader:
    story: str
    meta: StoryMeta
    langs: tuple[str, ...]  # exported languages, in column order
    mode: Mode
    include_null: bool
    documents: tuple[DocumentInfo, ...]
    alignments: tuple[AlignmentInfo, ...]
    disagreements: tuple[Disagreement, ...] = ()
    notes: tuple[str, ...] = ()
    path: str = ""

    @property
    def original(self) -> str:
        return self.meta.original


@dataclass(frozen=True)
class StoryExport:
    header: StoryHeader
    records: tuple[Record, ...]


def link_id(pair: Sequence[str], index: int) -> str:
    return f"{pair[0]}-{pair[1]}:{index}"


# ---------------------------------------------------------------- Comparison → records

def parse_pair(text: str) -> tuple[str, str]:
    """'en-ru' → ('en', 'ru'), for the CLI and the app."""
    parts = text.replace("_", "-").replace(">", "-").split("-")
    if len(parts) != 2 or parts[0] not in LANGS or parts[1] not in LANGS or parts[0] == parts[1]:
        raise UsageError(f"--pair {text}: expected two different languages of "
                         f"{', '.join(LANGS)}, like en-ru")
    return parts[0], parts[1]


def _stored_pair(comparison: Comparison, pair: tuple[str, str]) -> tuple[str, str]:
    if pair in comparison.alignments:
        return pair
    if (pair[1], pair[0]) in comparison.alignments:
        return pair[1], pair[0]
    have = ", ".join(f"{a}-{b}" for a, b in comparison.alignments) or "none"
    raise InputError(f"story {comparison.story.id}: no {pair[0]}-{pair[1]} alignment "
                     f"(aligned pairs: {have})")


def default_pair(comparison: Comparison) -> tuple[str, str]:
    """For formats that hold two languages: the original against English if both are there
    (what the tool is for), else the first aligned pair."""
    original = comparison.story.meta.original
    if original and original != "en":
        for pair in ((original, "en"), ("en", original)):
            if pair in comparison.alignments or pair[::-1] in comparison.alignments:
                return original, "en"
    if not comparison.alignments:
        raise InputError(f"story {comparison.story.id}: nothing is aligned; nothing to export")
    return next(iter(comparison.alignments))


def rows_from_alignments(comparison: Comparison) -> tuple[Row, ...]:
    """The three-way rows when the Comparison has none: connected groups of segments tied by the
    pairwise links, in reading order. (The aligner normally provides them.)"""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    langs = comparison.story.langs
    for lang in langs:
        for segment in comparison.story.documents[lang].segments:
            find((lang, segment.index))
    for (src, tgt), alignment in comparison.alignments.items():
        for link in alignment.links:
            nodes = [(src, i) for i in link.src] + [(tgt, i) for i in link.tgt]
            for node in nodes[1:]:
                parent[find(node)] = find(nodes[0])
    groups: dict[tuple[str, int], dict[str, list[int]]] = {}
    for node in list(parent):
        groups.setdefault(find(node), {}).setdefault(node[0], []).append(node[1])
    sizes = {lang: max(len(comparison.story.documents[lang].segments), 1) for lang in langs}

    def position(group: dict[str, list[int]]) -> float:
        places = [min(indices) / sizes[lang] for lang, indices in group.items()]
        return sum(places) / len(places)

    ordered = sorted(groups.values(), key=position)
    return tuple(Row(segments={lang: tuple(sorted(group.get(lang, ()))) for lang in langs})
                 for group in ordered)


def _row_links(comparison: Comparison, row: Row) -> dict[tuple[str, str], tuple[int, ...]]:
    if row.links:
        return dict(row.links)
    found: dict[tuple[str, str], tuple[int, ...]] = {}
    for (src, tgt), alignment in comparison.alignments.items():
        src_ids, tgt_ids = set(row.segments.get(src, ())), set(row.segments.get(tgt, ()))
        indices = tuple(i for i, link in enumerate(alignment.links)
                        if (link.src or link.tgt) and set(link.src) <= src_ids
                        and set(link.tgt) <= tgt_ids)
        if indices:
            found[(src, tgt)] = indices
    return found


class _Builder:
    """Comparison → StoryExport, cleaning every string on the way (see clean.py)."""

    def __init__(self, comparison: Comparison, langs: tuple[str, ...], clean: TextCleaner):
        self.c = comparison
        self.story = comparison.story
        self.langs = langs
        self.clean = clean
        self._segments: dict[tuple[str, int], SegmentEntry] = {}

    def where(self, what: str) -> str:
        return f"{self.story.id} {what}"

    def segment(self, lang: str, index: int) -> SegmentEntry:
        key = (lang, index)
        if key not in self._segments:
            document = self.story.documents[lang]
            if not 0 <= index < len(document.segments):
                raise InputError(f"story {self.story.id}: a link points at {lang}:{index}, but "
                                 f"the {lang} version has {len(document.segments)} segments")
            seg = document.segments[index]
            mt = {}
            for tgt in self.langs:
                items = self.c.translations.get((lang, tgt))
                if tgt != lang and items and index < len(items):
                    mt[tgt] = self.translation(items[index], f"{lang}:{index} MT→{tgt}")
            self._segments[key] = SegmentEntry(
                lang=lang, index=index, text=self.clean(
                    seg.text if self.clean.keep_line_breaks else seg.one_line,
                    self.where(f"{lang}:{index}")),
                paragraph=seg.paragraph, kind=seg.kind, mt=mt)
        return self._segments[key]

    def translation(self, t: Translation, where: str) -> Translation:
        w = self.where(where)
        return Translation(text=self.clean(t.text, w), engine=self.clean(t.engine, w),
                           model=self.clean(t.model, w), src_lang=t.src_lang, tgt_lang=t.tgt_lang,
                           options={self.clean(k, w): self.clean(str(v), w)
                                    for k, v in t.options.items()},
                           failed=t.failed, note=self.clean(t.note, w))

    def analysis(self, pair: tuple[str, str], index: int) -> LinkAnalysis | None:
        items = self.c.analyses.get(pair)
        if not items or index >= len(items):
            return None
        a = items[index]
        w = self.where(link_id(pair, index))
        flags = tuple(Flag(**{k: self.clean(v, w) if isinstance(v, str) else v
                              for k, v in asdict(f).items()}) for f in a.flags)
        return LinkAnalysis(verdict=self.clean(a.verdict, w), flags=flags,
                            scores={self.clean(k, w): v for k, v in a.scores.items()},
                            note=self.clean(a.note, w),
                            signatures={self.clean(k, w): self.clean(str(v), w)
                                        for k, v in getattr(a, "signatures", {}).items()})

    def entry(self, pair: tuple[str, str], index: int) -> LinkEntry:
        link = self.c.alignments[pair].links[index]
        w = self.where(link_id(pair, index))
        clean_link = Link(src=tuple(link.src), tgt=tuple(link.tgt), confidence=link.confidence,
                          signals={self.clean(k, w): v for k, v in link.signals.items()},
                          status=link.status, role=link.role)
        return LinkEntry(pair=pair, index=index, link=clean_link,
                         analysis=self.analysis(pair, index))

    def header(self, mode: Mode, include_null: bool) -> StoryHeader:
        w = self.where("story")
        meta = StoryMeta(**{k: self.clean(v, w) for k, v in asdict(self.story.meta).items()})
        documents = tuple(
            DocumentInfo(lang=lang, segments=len(doc.segments), source=self.clean(file_name(doc.source), w),
                         detected_lang=doc.detected_lang,
                         detected_confidence=doc.detected_confidence)
            for lang in self.langs for doc in [self.story.documents[lang]])
        alignments = tuple(
            AlignmentInfo(pair=pair, links=len(a.links),
                          signature={self.clean(k, w): self.clean(str(v), w)
                                     for k, v in a.signature.items()},
                          confidence=a.confidence,
                          warnings=tuple(self.clean(x, w) for x in a.warnings))
            for pair, a in self.c.alignments.items() if set(pair) <= set(self.langs))
        disagreements = tuple(
            Disagreement(en=d.en, ru=d.ru, be=d.be, explanation=self.clean(d.explanation, w))
            for d in self.c.disagreements) if mode == "three-way" else ()
        return StoryHeader(story=self.story.id, meta=meta, langs=self.langs, mode=mode,
                           include_null=include_null, documents=documents,
                           alignments=alignments, disagreements=disagreements,
                           notes=tuple(self.clean(n, w) for n in self.c.notes),
                           path=self.clean(file_name(self.story.path), w))


def file_name(path: str) -> str:
    """The last part of a file or folder path: a header names a story's files, never where they
    lay on the machine that made the export (a shared server's folders stay private)."""
    return re.split(r"[\\/]", str(path or "").rstrip("/\\"))[-1] if path else ""


def build_story_export(comparison: Comparison, *, pair: tuple[str, str] | None = None,
                       include_null: bool = True, include_meta: bool = False,
                       cleaner: TextCleaner | None = None) -> StoryExport:
    """The records of one story: per link of `pair`, or per three-way row when pair is None and
    the story has three aligned versions (per link of its only pair when it has two). Page
    furniture (meta lines, datelines alone on a line) is left out unless include_meta."""
    clean = cleaner or TextCleaner()
    story = comparison.story

    def furniture(segments: Mapping[str, Sequence[int]]) -> bool:
        kinds = {story.documents[lang].segments[i].kind for lang, ids in segments.items() for i in ids}
        return not include_meta and bool(kinds) and kinds <= STRUCTURE_KINDS

    if pair is None and len(story.langs) >= 3 and len(comparison.alignments) > 1:
        langs = story.langs
        builder = _Builder(comparison, langs, clean)
        rows = comparison.rows or rows_from_alignments(comparison)
        records = []
        for number, row in enumerate(rows):
            if furniture(row.segments):
                continue
            links = _row_links(comparison, row)
            record = Record(
                story=story.id, id=f"row:{number}", langs=langs, row=number,
                segments={lang: tuple(builder.segment(lang, i) for i in row.segments.get(lang, ()))
                          for lang in langs},
                links=tuple(builder.entry(p, i) for p, indices in links.items()
                            if set(p) <= set(langs) for i in indices))
            if include_null or not record.is_null:
                records.append(record)
        return StoryExport(builder.header("three-way", include_null), tuple(records))

    if pair is None:
        pair = default_pair(comparison) if comparison.alignments else None
        if pair is None:
            raise InputError(f"story {story.id}: nothing is aligned; nothing to export")
    stored = _stored_pair(comparison, pair)
    builder = _Builder(comparison, pair, clean)
    records = []
    for index, link in enumerate(comparison.alignments[stored].links):
        sides = {stored[0]: link.src, stored[1]: link.tgt}
        if (not include_null and link.is_null) or furniture(sides):
            continue
        records.append(Record(
            story=story.id, id=link_id(stored, index), langs=pair,
            segments={lang: tuple(builder.segment(lang, i) for i in sides[lang]) for lang in pair},
            links=(builder.entry(stored, index),)))
    return StoryExport(builder.header("pairwise", include_null), tuple(records))


# ---------------------------------------------------------------- joined texts

def text_keys(langs: Sequence[str]) -> list[str]:
    """The text fields a record may have: one per language, one per MT direction."""
    return list(langs) + [mt_key(a, b) for a in langs for b in langs if a != b]


def mt_key(src: str, tgt: str) -> str:
    return f"mt:{src}-{tgt}"


def joined_texts(record: Record) -> dict[str, str]:
    """lang → its segments joined; 'mt:src-tgt' → the MT of the src segments joined."""
    out = {lang: record.text(lang) for lang in record.langs}
    for src in record.langs:
        for tgt in record.langs:
            if src != tgt:
                items = record.machine(src, tgt)
                if items:
                    out[mt_key(src, tgt)] = JOIN.join(t.text for t in items)
    return out


def split_joined(text: str, lengths: Sequence[int]) -> list[str] | None:
    """Undo JOIN by the recorded lengths; None when the text no longer fits them (edited)."""
    if not lengths:
        return [] if text == "" else None
    if len(lengths) == 1:
        return [text]
    if sum(lengths) + len(JOIN) * (len(lengths) - 1) != len(text):
        return None
    parts, at = [], 0
    for n, length in enumerate(lengths):
        if n and text[at:at + len(JOIN)] != JOIN:
            return None
        at += len(JOIN) if n else 0
        parts.append(text[at:at + length])
        at += length
    return parts


# ---------------------------------------------------------------- dicts (JSON)

def _translation_dict(t: Translation, texts: bool) -> dict:
    d: dict = {"text": t.text} if texts else {"length": len(t.text)}
    d.update(engine=t.engine, model=t.model)
    if t.options:
        d["options"] = dict(t.options)
    if t.failed:
        d["failed"] = True
    if t.note:
        d["note"] = t.note
    return d


def _segment_dict(s: SegmentEntry, texts: bool) -> dict:
    d: dict = {"index": s.index}
    d.update({"text": s.text} if texts else {"length": len(s.text)})
    d["paragraph"] = s.paragraph
    if s.kind != "body":
        d["kind"] = s.kind
    if s.mt:
        d["mt"] = {tgt: _translation_dict(t, texts) for tgt, t in s.mt.items()}
    return d


def _link_dict(e: LinkEntry) -> dict:
    d = {"pair": list(e.pair), "index": e.index, "src": list(e.link.src),
         "tgt": list(e.link.tgt), "confidence": e.link.confidence, "status": e.link.status,
         "signals": dict(e.link.signals)}
    if e.link.role:
        d["role"] = e.link.role
    if e.analysis is not None:
        a = e.analysis
        d["analysis"] = {"verdict": a.verdict, "flags": [flag_to_dict(f) for f in a.flags],
                         "scores": dict(a.scores), "note": a.note}
        if a.signatures:  # the settings that produced each score
            d["analysis"]["signatures"] = dict(a.signatures)
    return d


def record_to_dict(record: Record, *, texts: bool = True) -> dict:
    """The record as JSON-ready data. texts=False: lengths instead of texts (see module doc)."""
    d: dict = {"type": "row" if record.row is not None else "link", "story": record.story,
               "id": record.id, "langs": list(record.langs), "link_type": record.link_type,
               "confidence": record.confidence, "status": record.status}
    if record.row is not None:
        d["row"] = record.row
    if texts:
        d["text"] = {lang: record.text(lang) for lang in record.langs}
    d["segments"] = {lang: [_segment_dict(s, texts) for s in record.segments.get(lang, ())]
                     for lang in record.langs}
    d["links"] = [_link_dict(e) for e in record.links]
    return d


def header_to_dict(h: StoryHeader) -> dict:
    return {
        "type": "story", "version": RECORD_VERSION, "story": h.story, "meta": asdict(h.meta),
        "langs": list(h.langs), "mode": h.mode, "include_null": h.include_null,
        "documents": [asdict(d) for d in h.documents],
        "alignments": [{"pair": list(a.pair), "links": a.links, "signature": dict(a.signature),
                        "confidence": a.confidence, "warnings": list(a.warnings)}
                       for a in h.alignments],
        "disagreements": [asdict(d) for d in h.disagreements],
        "notes": list(h.notes), "path": h.path,
    }


def dumps(data: dict) -> str:
    """Compact, deterministic JSON (insertion order), Unicode kept readable."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value):
    """Numbers from numpy and the like become plain floats; anything else its text."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def _pair(value) -> tuple[str, str]:
    a, b = value
    return str(a), str(b)


def header_from_dict(d: Mapping, where: str = "story header") -> StoryHeader:
    """The inverse of header_to_dict; InputError naming `where` and the field when the dict
    does not have the shape this tool writes (schema.py)."""
    from compare.export.schema import check_header

    check_header(d, where)
    if d.get("version", RECORD_VERSION) > RECORD_VERSION:
        raise InputError(f"{where}: story {d.get('story')}: written by a newer version of this "
                         f"tool (record version {d['version']})")
    return StoryHeader(
        story=str(d["story"]), meta=StoryMeta(**{k: "" if v is None else str(v)
                                                for k, v in d.get("meta", {}).items()}),
        langs=tuple(d["langs"]), mode=d.get("mode", "pairwise"),
        include_null=bool(d.get("include_null", True)),
        documents=tuple(DocumentInfo(**x) for x in d.get("documents", ())),
        alignments=tuple(AlignmentInfo(pair=_pair(a["pair"]), links=int(a.get("links", 0)),
                                       signature=dict(a.get("signature", {})),
                                       confidence=float(a.get("confidence", 1.0)),
                                       warnings=tuple(a.get("warnings", ())))
                         for a in d.get("alignments", ())),
        disagreements=tuple(Disagreement(en=tuple(x["en"]), ru=tuple(x["ru"]), be=tuple(x["be"]),
                                         explanation=x.get("explanation", ""))
                            for x in d.get("disagreements", ())),
        notes=tuple(d.get("notes", ())), path=d.get("path", ""))


class _Texts:
    """Hands out texts for one record: from the dict itself, or split from joined texts."""

    def __init__(self, record: Mapping, joined: Mapping[str, str] | None, notes: list[str]):
        self.joined = joined
        self.notes = notes
        self.where = f"{record.get('story', '')} {record.get('id', '')}".strip()
        self._split: dict[str, list[str]] = {}

    def prepare(self, key: str, items: list[Mapping]) -> None:
        if self.joined is None:
            return
        lengths = [int(item["length"]) for item in items]
        text = self.joined.get(key)
        if text is None:
            if any(lengths):
                self.notes.append(f"{self.where}: no {key} text in the file; left empty")
            parts = [""] * len(items)
        else:
            parts = split_joined(text, lengths)
            if parts is None and not lengths:
                self.notes.append(f"{self.where}: text added to the empty {key} side after "
                                  "export is ignored (no segment to hold it)")
                parts = []
            elif parts is None:
                self.notes.append(f"{self.where}: the {key} text was edited after export; "
                                  f"all of it kept in the first of its {len(items)} segments")
                parts = [text] + [""] * (len(items) - 1)
        self._split[key] = parts

    def get(self, key: str, n: int, item: Mapping) -> str:
        if self.joined is None:
            return str(item["text"])
        return self._split[key][n]


def record_from_dict(d: Mapping, joined: Mapping[str, str] | None = None,
                     notes: list[str] | None = None, where: str = "record") -> Record:
    """The inverse of record_to_dict; `joined` supplies the texts of a texts=False dict.
    InputError naming `where` and the field when the dict is not of the shape written."""
    from compare.export.schema import check_record

    check_record(d, where, texts=joined is None)
    notes = notes if notes is not None else []
    texts = _Texts(d, joined, notes)
    langs = tuple(d["langs"])
    raw_segments: Mapping[str, list] = d["segments"]
    for lang in langs:
        texts.prepare(lang, raw_segments.get(lang, []))
        for tgt in langs:
            with_mt = [s["mt"][tgt] for s in raw_segments.get(lang, []) if tgt in s.get("mt", {})]
            if tgt != lang and with_mt:
                texts.prepare(mt_key(lang, tgt), with_mt)
    segments: dict[str, tuple[SegmentEntry, ...]] = {}
    for lang in langs:
        entries, mt_seen = [], {tgt: 0 for tgt in langs}
        for n, s in enumerate(raw_segments.get(lang, [])):
            mt = {}
            for tgt, t in s.get("mt", {}).items():
                mt[tgt] = Translation(
                    text=texts.get(mt_key(lang, tgt), mt_seen[tgt], t), engine=t.get("engine", ""),
                    model=t.get("model", ""), src_lang=lang, tgt_lang=tgt,
                    options=dict(t.get("options", {})), failed=bool(t.get("failed", False)),
                    note=t.get("note", ""))
                mt_seen[tgt] += 1
            entries.append(SegmentEntry(lang=lang, index=int(s["index"]),
                                        text=texts.get(lang, n, s),
                                        paragraph=int(s.get("paragraph", 0)),
                                        kind=s.get("kind", "body"), mt=mt))
        segments[lang] = tuple(entries)
    links = []
    for x in d.get("links", ()):
        a = x.get("analysis")
        analysis = None if a is None else LinkAnalysis(
            verdict=a.get("verdict", "none"), flags=tuple(Flag(**f) for f in a.get("flags", ())),
            scores=dict(a.get("scores", {})), note=a.get("note", ""),
            signatures=dict(a.get("signatures", {})))
        links.append(LinkEntry(
            pair=_pair(x["pair"]), index=int(x["index"]),
            link=Link(src=tuple(int(i) for i in x["src"]), tgt=tuple(int(i) for i in x["tgt"]),
                      confidence=float(x.get("confidence", 1.0)),
                      signals=dict(x.get("signals", {})), status=x.get("status", "auto"),
                      role=str(x.get("role", ""))),
            analysis=analysis))
    row = d.get("row")
    return Record(story=str(d["story"]), id=str(d["id"]), langs=langs, segments=segments,
                  links=tuple(links), row=None if row is None else int(row))


# ---------------------------------------------------------------- records → Comparison

def _document(lang: str, entries: Mapping[int, SegmentEntry], count: int,
              info: DocumentInfo | None) -> Document:
    """A document rebuilt from its segments: a space between the sentences of a paragraph, a
    blank line between paragraphs. Segments the file did not carry are empty placeholders."""
    segments, parts, at, paragraph = [], [], 0, None
    for index in range(count):
        entry = entries.get(index)
        if entry is None:
            entry = SegmentEntry(lang=lang, index=index, text="",
                                 paragraph=paragraph if paragraph is not None else 0)
        if paragraph is not None:
            sep = JOIN if entry.paragraph == paragraph else "\n\n"
            parts.append(sep)
            at += len(sep)
        paragraph = entry.paragraph
        segments.append(Segment(index=index, text=entry.text, start=at, end=at + len(entry.text),
                                paragraph=entry.paragraph, kind=entry.kind, lang=lang))
        parts.append(entry.text)
        at += len(entry.text)
    return Document(lang=lang, text="".join(parts), segments=tuple(segments),
                    source=info.source if info else "",
                    detected_lang=info.detected_lang if info else None,
                    detected_confidence=info.detected_confidence if info else None)


def to_comparison(export: StoryExport, notes: list[str] | None = None) -> Comparison:
    """The Comparison that an imported story stands for (see StoryExport)."""
    from compare.model import Alignment

    notes = notes if notes is not None else []
    h = export.header
    # A sheet may have been sorted or filtered by hand: rows go back into reading order.
    records = sorted(export.records, key=lambda r: r.row if r.row is not None else
                     min((e.index for e in r.links), default=0))
    export = StoryExport(h, tuple(records))
    by_lang: dict[str, dict[int, SegmentEntry]] = {lang: {} for lang in h.langs}
    links: dict[tuple[str, str], dict[int, LinkEntry]] = {}
    for record in export.records:
        for lang, entries in record.segments.items():
            for entry in entries:
                by_lang.setdefault(lang, {})[entry.index] = entry
        for e in record.links:
            links.setdefault(e.pair, {})[e.index] = e
    infos = {d.lang: d for d in h.documents}
    documents = {}
    for lang in sorted(by_lang, key=lambda x: LANGS.index(x) if x in LANGS else len(LANGS)):
        entries = by_lang[lang]
        count = max(infos[lang].segments if lang in infos else 0,
                    max(entries, default=-1) + 1)
        missing = count - len(entries)
        if missing:
            notes.append(f"{h.story}: {missing} {lang} segment(s) not in the file "
                         f"(null links skipped at export?); left empty")
        documents[lang] = _document(lang, entries, count, infos.get(lang))
    story = Story(id=h.story, meta=h.meta, documents=documents, path=h.path)
    for pair, found in links.items():  # an edited file may point past the segments it has
        for e in found.values():
            for lang, side in zip(pair, (e.link.src, e.link.tgt)):
                size = len(documents[lang].segments) if lang in documents else 0
                bad = [i for i in side if i >= size]
                if bad:
                    raise InputError(f"story {h.story}: link {e.id} points at {lang}:{bad[0]}, "
                                     f"but the file has {size} {lang} segment(s)")
            if not e.link.src and not e.link.tgt:
                raise InputError(f"story {h.story}: link {e.id} has no segment on either side")

    pairs = [a.pair for a in h.alignments] + [p for p in links if p not in
                                               {a.pair for a in h.alignments}]
    info_by_pair = {a.pair: a for a in h.alignments}
    alignments, analyses = {}, {}
    for pair in pairs:
        found = links.get(pair, {})
        ordered = [found[i] for i in sorted(found)]
        info = info_by_pair.get(pair)
        alignments[pair] = Alignment(
            src_lang=pair[0], tgt_lang=pair[1], links=tuple(e.link for e in ordered),
            signature=dict(info.signature) if info else {},
            confidence=info.confidence if info else 1.0,
            warnings=info.warnings if info else ())
        if any(e.analysis is not None for e in ordered):
            analyses[pair] = tuple(e.analysis or LinkAnalysis(verdict="none") for e in ordered)

    translations = {}
    for src, doc_entries in by_lang.items():
        for tgt in by_lang:
            if tgt == src or not any(tgt in e.mt for e in doc_entries.values()):
                continue
            translations[(src, tgt)] = tuple(
                doc_entries[i].mt[tgt] if i in doc_entries and tgt in doc_entries[i].mt else
                Translation(text="", engine="", model="", src_lang=src, tgt_lang=tgt, failed=True,
                            note="not in the imported file")
                for i in range(len(documents[src].segments)))

    rows = ()
    if h.mode == "three-way":
        # The row's links are re-numbered if null links were skipped; ids stay consistent.
        position = {pair: {e.index: n for n, e in enumerate(
            links.get(pair, {})[i] for i in sorted(links.get(pair, {})))} for pair in links}
        rows = tuple(Row(segments={lang: tuple(e.index for e in r.segments.get(lang, ()))
                                   for lang in h.langs},
                         links=_group_links(r.links, position))
                     for r in export.records)
    return Comparison(story=story, alignments=alignments, disagreements=h.disagreements,
                      rows=rows, analyses=analyses, translations=translations, notes=h.notes)


def _group_links(entries: Iterable[LinkEntry], position) -> dict[tuple[str, str], tuple[int, ...]]:
    grouped: dict[tuple[str, str], list[int]] = {}
    for e in entries:
        grouped.setdefault(e.pair, []).append(position[e.pair][e.index])
    return {pair: tuple(indices) for pair, indices in grouped.items()}
