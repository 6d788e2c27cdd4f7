"""XLIFF 1.2 (default) and 2.0: bilingual files, one unit per link.

XLIFF holds two languages, so a three-way story is exported as one of its pairs (by default
the original against English). One <file> per story.

2.0: <unit id="en-ru:12"> with a <segment> (source = the source side's sentences, target = the
other side's; no <target> and state="initial" when that side is empty; state "reviewed" for a
confirmed link, "translated" otherwise), <notes> carrying each flag with its evidence and the
machine translations, and the Metadata module (mda) carrying link type, confidence, status,
scores and the record as JSON — so the 2.0 file reads back whole.

1.2 (the default: what translate-toolkit's converters and OmegaT 3.6 read): <trans-unit> with
source/target, approved="yes" when confirmed, notes for flags and figures, the source's machine
translation as an <alt-trans> and the target's as a note, and — as 2.0's metadata does — the
record as JSON in a <context-group>'s <context context-type="x-wire-compare-record"> and the story
header in a header <note from="x-wire-compare-story">, so that a 1.2 file reads back whole too.
Both are XLIFF 1.2 core elements (valid against the OASIS strict schema); CAT tools show
contexts and notes, never translate them.
"""
from __future__ import annotations

import json

from lxml import etree

from compare.export import labels
from compare.export.options import TOOL, ExportOptions, tool_version
from compare.export.record import (
    Record, StoryExport, dumps, header_from_dict, header_to_dict, joined_texts, mt_key,
    record_from_dict, record_to_dict,
)
from compare.export.tmx import lang_code
from compare.export.xmlsafe import element_text, local, parse_xml
from compare.export.schema import loads
from compare.model import LANGS, InputError

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PRIORITY = {"high": "1", "medium": "3", "low": "6"}
STORY_NOTE = "x-wire-compare-story"  # 1.2: the header <note> carrying the story header
RECORD_CONTEXT = "x-wire-compare-record"  # 1.2: the <context> carrying a unit's record


def _pair(stories: list[StoryExport]) -> tuple[str, str]:
    pairs = {s.header.langs for s in stories}
    if len(pairs) != 1 or len(next(iter(pairs))) != 2:
        raise InputError("XLIFF holds one language pair; these stories were exported as "
                         + ", ".join(sorted("-".join(p) for p in pairs)))
    return next(iter(pairs))


def write_xliff(stories: list[StoryExport], options: ExportOptions) -> bytes:
    if options.xliff_version.startswith("1"):
        return _write_12(stories, options)
    return _write_20(stories, options)


# ---------------------------------------------------------------- 2.0

def _x2(tag: str) -> str:
    return f"{{{XLIFF2}}}{tag}"


def _meta(group, kind: str, value: str) -> None:
    etree.SubElement(group, f"{{{MDA}}}meta", type=kind).text = value


def _write_20(stories: list[StoryExport], options: ExportOptions) -> bytes:
    src, tgt = _pair(stories)
    nsmap = {None: XLIFF2, "mda": MDA} if options.props else {None: XLIFF2}
    root = etree.Element(_x2("xliff"), nsmap=nsmap, version="2.0", srcLang=options.code(src),
                         trgLang=options.code(tgt))
    root.set(XML_SPACE, "preserve")  # segments are exact texts: line breaks and spaces count
    for number, story in enumerate(stories, start=1):
        file = etree.SubElement(root, _x2("file"), id=f"f{number}", original=story.header.story)
        if options.props:
            group = etree.SubElement(etree.SubElement(file, f"{{{MDA}}}metadata"),
                                     f"{{{MDA}}}metaGroup", category=TOOL)
            _meta(group, "tool", f"{TOOL} {tool_version()}")
            _meta(group, "story", dumps(header_to_dict(story.header)))
        if not story.records:  # a <file> needs a unit: an empty, untranslatable one
            unit = etree.SubElement(file, _x2("unit"), id="empty", translate="no")
            etree.SubElement(etree.SubElement(unit, _x2("segment")), _x2("source"))
        for record in story.records:
            _unit_20(file, record, src, tgt, options)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unit_20(file, record: Record, src: str, tgt: str, options: ExportOptions) -> None:
    unit = etree.SubElement(file, _x2("unit"), id=record.id.replace(":", "_"),
                            name=record.id)
    texts = joined_texts(record)
    if options.props:
        group = etree.SubElement(etree.SubElement(unit, f"{{{MDA}}}metadata"),
                                 f"{{{MDA}}}metaGroup", category=TOOL)
        _meta(group, "link-type", record.link_type)
        if record.kind in ("moved", "summary"):
            _meta(group, "kind", record.kind)
        _meta(group, "confidence", f"{record.confidence:.3f}")
        _meta(group, "status", record.status)
        if labels.verdict_text(record):
            _meta(group, "verdict", labels.verdict_text(record))
        for _, analysis in record.analyses():
            for name, value in analysis.scores.items():
                _meta(group, f"score:{name}", f"{value:.2f}")
        _meta(group, "record", dumps(record_to_dict(record, texts=False)))
    notes = []
    if record.kind_note:  # a moved or summary unit says so in a note of its own
        notes.append((record.kind, record.kind_note, "2"))
    for e, a in record.analyses():
        notes += [("flag", labels.flag_line(f), PRIORITY.get(f.severity, "3")) for f in a.flags]
        if a.note:
            notes.append(("analysis", a.note, "5"))
    notes += [(key, text, "8") for key, text in texts.items() if key.startswith("mt:")]
    if notes:
        holder = etree.SubElement(unit, _x2("notes"))
        for category, text, priority in notes:
            etree.SubElement(holder, _x2("note"), category=category,
                             priority=priority).text = text
    has_target = bool(record.segments.get(tgt))
    state = ("reviewed" if record.status == "confirmed" else "translated") if has_target \
        else "initial"
    segment = etree.SubElement(unit, _x2("segment"), id="s1", state=state)
    etree.SubElement(segment, _x2("source")).text = texts[src]
    if has_target:
        etree.SubElement(segment, _x2("target")).text = texts[tgt]


# ---------------------------------------------------------------- 1.2

def _needs_preserve(text: str) -> bool:
    """Whitespace a reader applying xml:space="default" might collapse."""
    return text != text.strip() or any(c in text for c in "\n\r\t") or "  " in text


def _x1(tag: str) -> str:
    return f"{{{XLIFF12}}}{tag}"


def _write_12(stories: list[StoryExport], options: ExportOptions) -> bytes:
    src, tgt = _pair(stories)
    root = etree.Element(_x1("xliff"), nsmap={None: XLIFF12}, version="1.2")
    for story in stories:
        file = etree.SubElement(root, _x1("file"), {
            "original": story.header.story, "source-language": options.code(src),
            "target-language": options.code(tgt), "datatype": "plaintext"})
        header = etree.SubElement(file, _x1("header"))
        if options.props:
            etree.SubElement(header, _x1("note"), {"from": STORY_NOTE, "priority": "10"}).text = \
                dumps(header_to_dict(story.header))
        etree.SubElement(header, _x1("tool"), {"tool-id": TOOL, "tool-name": TOOL,
                                               "tool-version": tool_version()})
        body = etree.SubElement(file, _x1("body"))
        for record in story.records:
            texts = joined_texts(record)
            unit = etree.SubElement(body, _x1("trans-unit"), id=record.id,
                                    resname=f"{record.story}/{record.id}")
            if record.status == "confirmed":
                unit.set("approved", "yes")
            if any(_needs_preserve(text) for text in texts.values()):
                unit.set(XML_SPACE, "preserve")
            etree.SubElement(unit, _x1("source")).text = texts[src]
            if record.segments.get(tgt):
                etree.SubElement(unit, _x1("target"), state="translated").text = texts[tgt]
            if record.kind_note:  # a moved or summary unit says so in a note of its own
                etree.SubElement(unit, _x1("note"), {"from": TOOL, "priority": "2"}).text = record.kind_note
            if options.props:
                figures = [f"link {record.link_type}", f"confidence {record.confidence:.3f}",
                           f"status {record.status}"]
                if labels.verdict_text(record):
                    figures.append(f"verdict {labels.verdict_text(record)}")
                if labels.scores_text(record):
                    figures.append(labels.scores_text(record))
                etree.SubElement(unit, _x1("note"), {"from": TOOL, "priority": "5"}).text = \
                    "; ".join(figures)
            for e, a in record.analyses():
                for f in a.flags:
                    etree.SubElement(unit, _x1("note"), {
                        "from": TOOL, "priority": PRIORITY.get(f.severity, "3")
                    }).text = labels.flag_line(f)
            back = texts.get(mt_key(tgt, src))
            if back:
                etree.SubElement(unit, _x1("note"), {"from": f"{TOOL} MT {tgt}→{src}",
                                                     "priority": "8"}).text = back
            forward = record.machine(src, tgt)
            if forward:
                alt = etree.SubElement(unit, _x1("alt-trans"), {
                    "origin": ", ".join(sorted({f"{t.engine} {t.model}".strip()
                                                for t in forward})) or "machine translation"})
                etree.SubElement(alt, _x1("target"), {XML_LANG: options.code(tgt)}).text = \
                    texts[mt_key(src, tgt)]
            if options.props:
                # no name: the strict schema wants context-group names unique in a <file>
                group = etree.SubElement(unit, _x1("context-group"), purpose="information")
                etree.SubElement(group, _x1("context"), {"context-type": RECORD_CONTEXT}).text = \
                    dumps(record_to_dict(record, texts=False))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ---------------------------------------------------------------- reading

def read_xliff(data: bytes, name: str, notes: list[str]):
    """→ (stories written by this tool (2.0 with metadata), foreign rows, source language)."""
    root = parse_xml(data, name)
    if local(root.tag) != "xliff":
        raise InputError(f"{name}: not an XLIFF file (the root element is <{local(root.tag)}>)")
    version = root.get("version", "")
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if version.startswith("2") or namespace == XLIFF2:
        return _read_20(root, name, notes)
    return _read_12(root, name, notes)


def _children(element, tag: str):
    return [e for e in element if local(e.tag) == tag]


def _read_20(root, name: str, notes: list[str]):
    src, tgt = lang_code(root.get("srcLang")), lang_code(root.get("trgLang"))
    stories, foreign = [], []
    for file in _children(root, "file"):
        metas = _metas(file)
        header = metas.get("story")
        records = []
        for unit in file.iter(f"{{{XLIFF2}}}unit"):
            unit_metas = _metas(unit)
            segments = [s for s in unit if local(s.tag) in ("segment", "ignorable")]
            missing = next((s for s in segments if _first(s, "source") is None), None)
            if missing is not None:
                raise InputError(f"{name}: unit {unit.get('id')!r} has a <{local(missing.tag)}> "
                                 "without <source>")
            source = " ".join(element_text(_first(s, "source")) for s in segments)
            target_parts = [_first(s, "target") for s in segments]
            target = " ".join(element_text(t) for t in target_parts if t is not None)
            if header is not None and "record" in unit_metas:
                skeleton = _load(unit_metas["record"], name, f"unit {unit.get('id')}")
                joined = {src: source}
                if any(t is not None for t in target_parts):
                    joined[tgt] = target
                holder = next(iter(_children(unit, "notes")), None)
                for note in _children(holder, "note") if holder is not None else ():
                    category = note.get("category", "")
                    if category.startswith("mt:"):
                        joined[category] = note.text or ""
                records.append(record_from_dict(skeleton, joined, notes,
                                                f"{name}: unit {unit.get('id')!r}"))
            elif unit.get("translate") != "no":
                foreign.append({src: source, tgt: target})
        if header is not None:
            header_dict = _load(header, name, "a <file>'s story header")
            stories.append(StoryExport(header_from_dict(header_dict, f"{name}: a <file>'s story "
                                                                     "header"), tuple(records)))
    return stories, foreign, src


def _metas(element) -> dict[str, str]:
    found = {}
    for metadata in _children(element, "metadata"):
        for group in _children(metadata, "metaGroup"):
            for meta in _children(group, "meta"):
                found.setdefault(meta.get("type", ""), meta.text or "")
    return found


def _first(element, tag: str):
    return next(iter(_children(element, tag)), None)


def _load(text: str, name: str, what: str) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: {what} carries a damaged record ({error.msg})") from None
    except (RecursionError, ValueError):
        value = loads(text, f"{name}: {what}")
    if not isinstance(value, dict):
        raise InputError(f"{name}: {what} carries a record that is not an object")
    return value


def _read_12(root, name: str, notes: list[str]):
    stories, foreign, src = [], [], ""
    for file in _children(root, "file"):
        src = lang_code(file.get("source-language"))
        tgt = lang_code(file.get("target-language"))
        if src not in LANGS or tgt not in LANGS:
            raise InputError(f"{name}: a <file> in {file.get('source-language')} → "
                             f"{file.get('target-language')}; this tool reads en, ru and be")
        header = _story_note(file)
        records = []
        for unit in file.iter(f"{{{XLIFF12}}}trans-unit", "trans-unit"):
            source, target = _first(unit, "source"), _first(unit, "target")
            joined = {src: element_text(source) if source is not None else ""}
            if target is not None:
                joined[tgt] = element_text(target)
            record = _record_context(unit)
            if header is not None and record is not None:
                skeleton = _load(record, name, f"trans-unit {unit.get('id')}")
                joined.update(_machine_12(unit, src, tgt))
                records.append(record_from_dict(skeleton, joined, notes,
                                                f"{name}: trans-unit {unit.get('id')!r}"))
            else:
                foreign.append({src: joined[src], tgt: joined.get(tgt, "")})
        if header is not None:
            header_dict = _load(header, name, "a <file>'s story header")
            stories.append(StoryExport(header_from_dict(header_dict, f"{name}: a <file>'s story "
                                                                     "header"), tuple(records)))
    return stories, foreign, src


def _story_note(file) -> str | None:
    for header in _children(file, "header"):
        for note in _children(header, "note"):
            if note.get("from") == STORY_NOTE:
                return note.text or ""
    return None


def _record_context(unit) -> str | None:
    for group in _children(unit, "context-group"):
        for context in _children(group, "context"):
            if context.get("context-type") == RECORD_CONTEXT:
                return context.text or ""
    return None


def _machine_12(unit, src: str, tgt: str) -> dict[str, str]:
    """The machine translations as written: src→tgt in <alt-trans>, tgt→src in a note."""
    found = {}
    for alt in _children(unit, "alt-trans"):
        target = _first(alt, "target")
        if target is not None:
            found[mt_key(src, tgt)] = element_text(target)
            break
    for note in _children(unit, "note"):
        if note.get("from", "").startswith(f"{TOOL} MT "):
            found[mt_key(tgt, src)] = note.text or ""
    return found
