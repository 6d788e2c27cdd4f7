"""The bundled corpus through the pipeline, exported in every format: TMX valid, XLIFF valid,
and every whole-record format read back into the same file."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from compare.export import FORMATS, WHOLE_RECORD, export_corpus, import_corpus, to_bytes
from standards import errors, lisa_tmx_dtd, xliff12_strict_schema

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpora"
DATA = Path(__file__).resolve().parent / "data" / "export"


@pytest.fixture(scope="module")
def comparisons():
    from compare.commands.export import load_comparisons

    if not CORPUS.is_dir():
        pytest.skip("no bundled corpus")
    return load_comparisons([str(CORPUS)], check_lang=False, warn=lambda message: None)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_corpus_exports_and_reads_back(tmp_path, comparisons, fmt):
    out = tmp_path / f"corpus{'.zip' if fmt == 'intertext' else FORMATS[fmt][0]}"
    report = export_corpus(comparisons, fmt, out, include_null=True)  # the whole corpus
    assert report.stories == len(comparisons) and report.records > 0
    stories = import_corpus(out)
    assert [s.story.id for s in stories] == [c.story.id for c in comparisons]
    if fmt in WHOLE_RECORD:
        pair = stories[0].pair if fmt == "xliff" else None
        assert to_bytes([s.comparison for s in stories], fmt, pair=pair,
                        include_null=True) == out.read_bytes()


def test_the_corpus_tmx_is_valid_in_both_shapes(comparisons):
    dtd = lisa_tmx_dtd()
    for pair in (None, ("ru", "en")):
        for include_null in (False, True):
            root = etree.fromstring(to_bytes(comparisons, "tmx", pair=pair,
                                             include_null=include_null))
            assert dtd.validate(root), errors(dtd)


def test_the_corpus_xliff_is_valid(comparisons):
    strict = xliff12_strict_schema()  # the default: XLIFF 1.2, against OASIS's strict schema
    root = etree.fromstring(to_bytes(comparisons, "xliff", pair=("ru", "en")))
    assert strict.validate(root), errors(strict)
    schema = etree.XMLSchema(etree.parse(str(DATA / "xliff-2.0-core-subset.xsd")))
    root = etree.fromstring(to_bytes(comparisons, "xliff", pair=("ru", "en"), xliff_version="2.0"))
    assert schema.validate(root), schema.error_log.filter_from_errors()[:3]
