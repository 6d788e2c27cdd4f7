"""InterText (the InterCorp alignment editor): a TEI-style alignment file plus one XML document
per language version, so that an alignment can be post-edited there and read back.

The alignment is one <linkGrp toDoc="STORY.tgt.xml" fromDoc="STORY.src.xml"> of
<link type="2-1" xtargets="1:1 1:2;1:1" status="man|auto"/> — as InterText writes it, the
toDoc ids come first in xtargets and in type. Documents hold <p> containers and <s id="P:S">
sentences (both 1-based), the numbering InterText uses by default. A null link leaves one side
of xtargets empty. Status "man" is a confirmed link, "auto" an automatic one; InterText keeps no
confidence, flags or scores, so this format carries the alignment and the texts only.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from compare.zipsafe import open_zip
from compare.export.names import check_member, safe_stem
from compare.export.record import SegmentEntry, StoryExport
from compare.export.xmlsafe import local, parse_xml
from compare.model import LANGS, InputError, Link

STATUS_OUT = {"confirmed": "man", "auto": "auto"}
STATUS_IN = {"man": "confirmed", "auto": "auto", "plain": "auto"}


def file_stem(story: str) -> str:
    """The story id as the stem of its file names: a plain name (an id read from an imported
    file may be "../../x"), without dots, which separate the stem from the version."""
    return safe_stem(story).replace(".", "_")


def document_name(story: str, lang: str) -> str:
    return f"{file_stem(story)}.{lang}.xml"


def alignment_name(story: str, src: str, tgt: str) -> str:
    return f"{file_stem(story)}.{src}.{tgt}.xml"


def _segments(story: StoryExport, lang: str) -> list[SegmentEntry]:
    found: dict[int, SegmentEntry] = {}
    for record in story.records:
        for entry in record.segments.get(lang, ()):
            found[entry.index] = entry
    return [found[i] for i in sorted(found)]


def _ids(segments: list[SegmentEntry]) -> dict[int, str]:
    """index → 'P:S', paragraphs and sentences numbered from 1 in reading order."""
    ids, paragraph, p, s = {}, object(), 0, 0
    for entry in segments:
        if entry.paragraph != paragraph:
            paragraph, p, s = entry.paragraph, p + 1, 0
        s += 1
        ids[entry.index] = f"{p}:{s}"
    return ids


def _document(story: StoryExport, lang: str) -> bytes:
    root = etree.Element("text", lang=lang, id=story.header.story)
    paragraph, holder = object(), None
    ids = _ids(_segments(story, lang))
    for entry in _segments(story, lang):
        if entry.paragraph != paragraph or holder is None:
            paragraph = entry.paragraph
            holder = etree.SubElement(root, "p", id=ids[entry.index].split(":")[0])
        etree.SubElement(holder, "s", id=ids[entry.index]).text = entry.text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _alignment(story: StoryExport) -> bytes:
    src, tgt = story.header.langs
    src_ids, tgt_ids = _ids(_segments(story, src)), _ids(_segments(story, tgt))
    root = etree.Element("linkGrp", toDoc=document_name(story.header.story, tgt),
                         fromDoc=document_name(story.header.story, src))
    for record in story.records:
        to_side = [tgt_ids[e.index] for e in record.segments.get(tgt, ())]
        from_side = [src_ids[e.index] for e in record.segments.get(src, ())]
        etree.SubElement(root, "link", type=f"{len(to_side)}-{len(from_side)}",
                         xtargets=f"{' '.join(to_side)};{' '.join(from_side)}",
                         status=STATUS_OUT.get(record.status, "auto"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def intertext_files(stories: list[StoryExport]) -> dict[str, bytes]:
    """file name → bytes: per story its alignment and its two documents."""
    files: dict[str, bytes] = {}
    for story in stories:
        if story.header.mode != "pairwise" or len(story.header.langs) != 2:
            raise InputError(f"story {story.header.story}: InterText aligns two versions; "
                             "choose a pair (--pair en-ru)")
        src, tgt = story.header.langs
        if alignment_name(story.header.story, src, tgt) in files:
            raise InputError(f"story {story.header.story}: two stories have the file name "
                             f"{file_stem(story.header.story)}; rename one")
        files[alignment_name(story.header.story, src, tgt)] = _alignment(story)
        for lang in (src, tgt):
            files[document_name(story.header.story, lang)] = _document(story, lang)
    return files


def zip_files(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(check_member(name), date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return out.getvalue()


# ---------------------------------------------------------------- reading

def _version_lang(doc_name: str, name: str) -> str:
    parts = Path(doc_name).name.split(".")
    for part in reversed(parts[1:-1] or parts[:1]):
        code = part.replace("_", "-").split("-")[0].lower()
        if code in LANGS:
            return code
    raise InputError(f"{name}: cannot tell the language of {doc_name} (InterText names "
                     "documents STORY.VERSION.xml; the version must be en, ru or be)")


def _read_document(data: bytes, name: str) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """→ ([(text, paragraph)], id → index): every element with an id and no id inside it."""
    root = parse_xml(data, name)
    items, ids = [], {}
    last_parent, paragraph = None, -1
    for element in root.iter():
        if not isinstance(element.tag, str) or element.get("id") is None:
            continue
        if any(child.get("id") is not None for child in element.iterdescendants()
               if isinstance(child.tag, str)):
            continue
        parent = element.getparent()
        if parent is not last_parent:  # a new container: a new paragraph
            last_parent, paragraph = parent, paragraph + 1
        ids[element.get("id")] = len(items)
        items.append(("".join(element.itertext()).strip(), paragraph))
    if not items:
        raise InputError(f"{name}: no elements with ids (sentences) in the document")
    return items, ids


def read_intertext(data: bytes, name: str, open_document, notes: list[str]):
    """→ (story id, {lang: [(text, paragraph)]}, (src, tgt), [Link]).

    open_document(file name) returns the bytes of a document the alignment names."""
    root = parse_xml(data, name)
    if local(root.tag) != "linkGrp":
        raise InputError(f"{name}: not an InterText alignment (the root element is "
                         f"<{local(root.tag)}>, not <linkGrp>)")
    from_doc, to_doc = root.get("fromDoc"), root.get("toDoc")
    if not from_doc or not to_doc:
        raise InputError(f"{name}: <linkGrp> needs fromDoc and toDoc attributes")
    src, tgt = _version_lang(from_doc, name), _version_lang(to_doc, name)
    docs, id_maps = {}, {}
    for lang, doc_name in ((src, from_doc), (tgt, to_doc)):
        docs[lang], id_maps[lang] = _read_document(open_document(doc_name), doc_name)
    links = []
    for n, link in enumerate((e for e in root if local(e.tag) == "link"), start=1):
        xtargets = link.get("xtargets")
        if xtargets is None or xtargets.count(";") != 1:
            raise InputError(f"{name}: link {n} has no valid xtargets (expected 'IDS;IDS')")
        to_part, from_part = xtargets.split(";")
        try:
            tgt_ids = tuple(id_maps[tgt][i] for i in to_part.split())
            src_ids = tuple(id_maps[src][i] for i in from_part.split())
        except KeyError as error:
            raise InputError(f"{name}: link {n} points at {error.args[0]}, which is not in "
                             "the documents") from None
        if not src_ids and not tgt_ids:
            continue
        links.append(Link(src=src_ids, tgt=tgt_ids, confidence=1.0,
                          signals={"imported": 1.0},
                          status=STATUS_IN.get(link.get("status", "auto"), "auto")))
    story = from_doc.split(".")[0]
    return story, docs, (src, tgt), links


def document_opener(path: Path):
    """Find documents beside an alignment file on disk, or inside the same zip."""
    if zipfile.is_zipfile(path):
        archive = open_zip(str(path), str(path))

        def from_zip(doc_name: str) -> bytes:
            wanted = posixpath.basename(doc_name)
            for member in archive.namelist():
                if posixpath.basename(member) == wanted:
                    return archive.read(member)
            raise InputError(f"{path}: the archive has no {wanted}")
        return from_zip

    def from_folder(doc_name: str) -> bytes:
        candidate = path.parent / Path(doc_name).name
        if not candidate.is_file():
            raise InputError(f"{path}: names the document {doc_name}, but {candidate} is "
                             "not there")
        from compare.sources import read_capped

        return read_capped(candidate, 256 * 1024 * 1024)
    return from_folder


def alignments_in_zip(path: Path) -> list[tuple[str, bytes]]:
    archive = open_zip(str(path), str(path))
    found = []
    for member in archive.namelist():
        if member.endswith(".xml"):
            data = archive.read(member)
            if b"<linkGrp" in data[:2000]:
                found.append((member, data))
    if not found:
        raise InputError(f"{path}: no InterText alignment (<linkGrp>) in the archive")
    return found
