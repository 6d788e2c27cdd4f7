"""The standards' own schemas (tests/data/schemas, see its README): the LISA TMX 1.4b DTD and
the OASIS XLIFF 1.2 strict schema, loaded without touching the network."""
from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
XML_XSD_URL = "http://www.w3.org/2001/xml.xsd"


class _LocalXmlXsd(etree.Resolver):
    """The XLIFF schema imports xml.xsd from the W3C's address: serve our copy instead."""

    def resolve(self, url, pubid, context):
        if url == XML_XSD_URL or url.endswith("/xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


@functools.lru_cache(maxsize=None)
def lisa_tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx14.dtd"))


@functools.lru_cache(maxsize=None)
def xliff12_strict_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def errors(validator) -> str:
    return "; ".join(f"line {e.line}: {e.message}" for e in validator.error_log)[:1500]
