"""Parse XML from users' files without trusting it.

lxml is told not to expand entities, not to load DTDs and not to touch the network, and keeps
its limits on huge documents. On top of that a file whose DOCTYPE declares entities (the
"billion laughs" and external-entity attacks need them) or that still refers to entities is
refused outright: no translation-memory or alignment file needs either.
"""
from __future__ import annotations

from lxml import etree

from compare.model import InputError


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False, remove_pis=True)


def parse_xml(data: bytes, name: str) -> etree._Element:
    """The root element of `data`, or an InputError that names `name` and what is wrong."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        message = " ".join(str(error.msg if hasattr(error, "msg") and error.msg
                               else error).split())
        hint = " — the file looks truncated" if _looks_truncated(message) else ""
        raise InputError(f"{name}: not well-formed XML ({message}){hint}") from None
    except ValueError as error:  # e.g. a str with an encoding declaration
        raise InputError(f"{name}: cannot be read as XML ({error})") from None
    if root is None:
        raise InputError(f"{name}: no XML element in the file")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        names = ", ".join(sorted({e.name for e in dtd.iterentities()}))[:80]
        raise InputError(f"{name}: refused: its DOCTYPE declares entities ({names}); entity "
                         "declarations can expand without bound or read other files")
    if any(True for _ in root.iter(etree.Entity)):
        raise InputError(f"{name}: refused: it refers to entities this tool will not resolve "
                         "(only &amp; &lt; &gt; &quot; &apos; and character references)")
    return root


def _looks_truncated(message: str) -> bool:
    lowered = message.lower()
    return any(s in lowered for s in ("premature end", "end of data", "not properly terminated",
                                      "expected '>'", "unexpected end"))


def local(tag) -> str:
    """An element's name without its namespace (TMX from other tools sometimes has one)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def element_text(element: etree._Element, keep=("hi", "mrk", "g", "pc")) -> str:
    """The plain text of a segment: inline codes (bpt/ept/ph/it/ut and their sub) dropped,
    marked-up text (hi, mrk, g, pc) kept."""
    parts = [element.text or ""]
    for child in element:
        if local(child.tag) in keep:
            parts.append(element_text(child, keep))
        parts.append(child.tail or "")
    return "".join(parts)


def has_inline_codes(element: etree._Element, keep=("hi", "mrk", "g", "pc")) -> bool:
    """Whether element_text drops anything: a code element (not marked-up text) inside."""
    return any(isinstance(e.tag, str) and local(e.tag) not in keep
               for e in element.iterdescendants())
