"""TMX 1.4b: one <tu> per pairwise link, or per three-way row (three <tuv>s in one unit).

Valid against LISA's TMX 1.4b DTD (tests/data/schemas/tmx14.dtd). The header names as srclang the first
language of the pair asked for (--pair en-ru: en), else the original's language (or the first of
the pair when the original is not in it, or *all*).
Each <tu> carries readable <prop>s (story, link id and type, confidence, status, verdict, one
per flag with its evidence, scores, machine translations) and one x-record prop: the record as
JSON without its texts, which stay in the <seg>s. That makes the file whole: reading it back
restores the story, and a CAT tool that ignores props still gets a clean memory. props=False
writes only the <tuv>s.

Reading accepts TMX from other tools too: any version, extra elements and props, inline codes
(<bpt>/<ept>/<ph>/<it>/<ut> are dropped, <hi> text kept), xml:lang or the older lang, and
locale codes (en-US → en).
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
from compare.export.xmlsafe import element_text, has_inline_codes, local, parse_xml
from compare.export.schema import loads
from compare.model import LANGS, InputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STORY_PROP = "x-wire-compare-story"
RECORD_PROP = "x-record"
MT_PROP = "x-mt:"


def _srclang(stories: list[StoryExport], options: ExportOptions) -> str:
    if options.pair:  # --pair en-ru: English is the source, whatever the original was
        return options.pair[0]
    langs = {lang for s in stories for lang in s.header.langs}
    originals = {s.header.original for s in stories}
    if len(originals) == 1 and (original := originals.pop()) in langs:
        return original
    firsts = {s.header.langs[0] for s in stories if s.header.mode == "pairwise"}
    if len(firsts) == 1 and all(s.header.mode == "pairwise" for s in stories):
        return firsts.pop()
    return "*all*"


def _prop(parent, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = value


def _tu(body, record: Record, srclang: str, options: ExportOptions) -> None:
    present = record.langs_present
    tu = etree.SubElement(body, "tu", tuid=f"{record.story}/{record.id}")
    if srclang != "*all*" and srclang not in present and present:
        tu.set("srclang", options.code(present[0]))  # the header's source is empty here
    if options.props:
        _prop(tu, "x-story", record.story)
        _prop(tu, "x-link", record.id)
        _prop(tu, "x-link-type", record.link_type)
        if record.kind in ("moved", "summary"):  # an ordinary TU, the kind noted
            _prop(tu, "x-kind", record.kind)
            _prop(tu, "x-kind-note", record.kind_note)
        _prop(tu, "x-confidence", f"{record.confidence:.3f}")
        _prop(tu, "x-status", record.status)
        verdict = labels.verdict_text(record)
        if verdict:
            _prop(tu, "x-verdict", verdict)
        for line in labels.flag_lines(record):
            _prop(tu, "x-flag", line)
        for entry, analysis in record.analyses():
            for name, value in analysis.scores.items():
                label = f"{entry.id} {name}" if record.row is not None else name
                _prop(tu, f"x-score:{label}", f"{value:.2f}")
        texts = joined_texts(record)
        for key, text in texts.items():
            if key.startswith("mt:"):
                _prop(tu, MT_PROP + key[3:], text)
        _prop(tu, RECORD_PROP, dumps(record_to_dict(record, texts=False)))
    else:
        texts = {lang: record.text(lang) for lang in record.langs}
    order = sorted(present, key=lambda lang: (lang != srclang, record.langs.index(lang)))
    for lang in order:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: options.code(lang)})
        etree.SubElement(tuv, "seg").text = texts[lang]


def write_tmx(stories: list[StoryExport], options: ExportOptions) -> bytes:
    srclang = _srclang(stories, options)
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header", {
        "creationtool": TOOL, "creationtoolversion": tool_version(), "segtype": "sentence",
        "o-tmf": TOOL, "adminlang": "en",
        "srclang": srclang if srclang == "*all*" else options.code(srclang),
        "datatype": "plaintext"})
    if options.created:
        header.set("creationdate", options.created)
    modes = sorted({f"{s.header.mode} {'-'.join(s.header.langs)}" for s in stories})
    etree.SubElement(header, "note").text = (
        f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}; {', '.join(modes)}; "
        f"null links {'included' if options.include_null else 'skipped'}")
    if options.props:
        for story in stories:
            _prop(header, STORY_PROP, dumps(header_to_dict(story.header)))
    body = etree.SubElement(root, "body")
    for story in stories:
        for record in story.records:
            _tu(body, record, srclang, options)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ---------------------------------------------------------------- reading

def lang_code(value: str | None) -> str:
    """'en-US' / 'EN_gb' / 'ru' → 'en' / 'en' / 'ru' (the primary subtag, lower-cased)."""
    return (value or "").replace("_", "-").split("-")[0].strip().lower()


def read_tmx(data: bytes, name: str, notes: list[str]):
    """→ (stories written by this tool, foreign rows {lang: text}, the source language)."""
    root = parse_xml(data, name)
    if local(root.tag) != "tmx":
        raise InputError(f"{name}: not a TMX file (the root element is <{local(root.tag)}>, "
                         "not <tmx>)")
    header = next((e for e in root if local(e.tag) == "header"), None)
    body = next((e for e in root if local(e.tag) == "body"), None)
    if body is None:
        raise InputError(f"{name}: a TMX file without <body>; nothing to read")
    srclang = lang_code(header.get("srclang")) if header is not None else ""
    headers = {}
    if header is not None:
        for prop in header:
            if local(prop.tag) == "prop" and prop.get("type") == STORY_PROP:
                story_header = _json(prop.text, name, "a story header")
                parsed = header_from_dict(story_header, f"{name}: a story header")
                headers[parsed.story] = parsed
    records: dict[str, list[Record]] = {story: [] for story in headers}
    foreign: list[dict[str, str]] = []
    other_langs: dict[str, int] = {}
    inline = 0
    for n, tu in enumerate(e for e in body if local(e.tag) == "tu"):
        props, segs = {}, {}
        for child in tu:
            tag = local(child.tag)
            if tag == "prop" and child.get("type"):
                props.setdefault(child.get("type"), child.text or "")
            elif tag == "tuv":
                lang = lang_code(child.get(XML_LANG) or child.get("lang"))
                seg = next((e for e in child if local(e.tag) == "seg"), None)
                if seg is None:
                    raise InputError(f"{name}: <tu> number {n + 1} has a <tuv> without <seg>")
                if lang not in LANGS:
                    other_langs[lang or "?"] = other_langs.get(lang or "?", 0) + 1
                    continue
                if lang in segs:
                    notes.append(f"{name}: <tu> number {n + 1} has two {lang} variants; "
                                 "the first is kept")
                    continue
                inline += has_inline_codes(seg)
                segs[lang] = element_text(seg)
        skeleton = props.get(RECORD_PROP)
        if skeleton is not None and headers:
            d = _json(skeleton, name, f"<tu> number {n + 1}")
            joined = dict(segs)
            joined.update({mt_key(*k[len(MT_PROP):].split("-", 1)): v for k, v in props.items()
                           if k.startswith(MT_PROP) and "-" in k})
            record = record_from_dict(d, joined, notes, f"{name}: <tu> number {n + 1}")
            if record.story not in records:
                raise InputError(f"{name}: <tu> number {n + 1} belongs to story "
                                 f"'{record.story}', which the header does not describe")
            records[record.story].append(record)
        else:
            foreign.append(segs)
    if inline:
        notes.append(f"{name}: inline codes (tags) dropped from {inline} segment(s)")
    if other_langs:
        listed = ", ".join(f"{lang} ×{count}" for lang, count in sorted(other_langs.items()))
        notes.append(f"{name}: skipped variants in languages this tool does not compare ({listed})")
    stories = [StoryExport(headers[story], tuple(items)) for story, items in records.items()]
    return stories, foreign, srclang


def _json(text: str | None, name: str, what: str) -> dict:
    try:
        value = json.loads(text or "")
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: {what} carries a damaged record ({error.msg} at "
                         f"character {error.pos})") from None
    except (RecursionError, ValueError):
        value = loads(text or "", f"{name}: {what}")
    if not isinstance(value, dict):
        raise InputError(f"{name}: {what} carries a record that is not an object")
    return value
