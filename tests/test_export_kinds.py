"""How each export writes a moved link and a summary link: TMX an ordinary TU with its kind noted
(x-kind); XLIFF a unit with a note that says where the move stands; CSV/XLSX a kind column;
JSONL the link's role; InterText its link where the source puts it (the target side out of
order), read back as the same links. Stories built from the bundled ones (a unit of three lines
moved up seven places; a lead that sums up two sentences)."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from lxml import etree

from compare.export import export_comparison, import_alignment, to_bytes
from compare.pipeline import PipelineOptions, compare_story
from compare.sources import load_story

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import moves  # noqa: E402
import summaries  # noqa: E402
import variants  # noqa: E402

BASES = {p.name: p for p in variants.corpus_pairs()}
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def story_of(tmp_path: Path, src: list[str], tgt: list[str]):
    (tmp_path / "en.txt").write_text("\n\n".join(src) + "\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("\n\n".join(tgt) + "\n", encoding="utf-8")
    return compare_story(load_story(tmp_path, check_lang=False), PipelineOptions(apertium_alignment=False))


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    case = moves.move_unit(BASES["science-flax-film.en-ru"], 12, 3, -7)
    assert case is not None
    comparison = story_of(tmp_path_factory.mktemp("moved"), case.pair.src, case.pair.tgt)
    assert any(l.role == "moved" for l in comparison.alignments[("en", "ru")].links)
    return comparison


@pytest.fixture(scope="module")
def summed(tmp_path_factory):
    case = summaries.summarise(BASES["science-flax-film.en-ru"], [1, 3], False, "export")
    comparison = story_of(tmp_path_factory.mktemp("summary"), case.pair.src, case.pair.tgt)
    assert any(l.role == "summary" for l in comparison.alignments[("en", "ru")].links)
    return comparison


@pytest.mark.parametrize("which, kind", [("moved", "moved"), ("summed", "summary")])
def test_csv_has_a_kind_column(request, which, kind):
    data = to_bytes(request.getfixturevalue(which), "csv", pair=("en", "ru")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    kinds = [row["kind"] for row in rows]
    assert kind in kinds
    assert all(k in ("moved", "summary", "meta", "title") or k.count("-") == 1 for k in kinds)


@pytest.mark.parametrize("which, kind", [("moved", "moved"), ("summed", "summary")])
def test_tmx_writes_an_ordinary_tu_with_the_kind_noted(request, which, kind):
    root = etree.fromstring(to_bytes(request.getfixturevalue(which), "tmx", pair=("en", "ru")))
    marked = [tu for tu in root.iter("tu") if any(p.get("type") == "x-kind" and p.text == kind
                                                   for p in tu.iter("prop"))]
    assert marked
    for tu in marked:
        assert len(list(tu.iter("tuv"))) == 2  # both sides, as any unit
        note = next(p.text for p in tu.iter("prop") if p.get("type") == "x-kind-note")
        assert note.startswith(f"{kind}: en ")


def test_xliff_unit_of_a_move_has_a_note_saying_where_it_stands(moved):
    root = etree.fromstring(to_bytes(moved, "xliff", pair=("en", "ru"), xliff_version="2.0"))
    notes = [n.text for n in root.iter(f"{X2}note") if n.get("category") == "moved"]
    assert notes and all(" stands at ru " in n for n in notes)


def test_xliff_12_unit_of_a_move_has_a_note_saying_where_it_stands(moved):
    """XLIFF 1.2, the default for CAT round trips: the same note, from the tool."""
    root = etree.fromstring(to_bytes(moved, "xliff", pair=("en", "ru")))
    notes = [n.text for n in root.iter("{urn:oasis:names:tc:xliff:document:1.2}note")
             if (n.text or "").startswith("moved: ")]
    assert notes and all(" stands at ru " in n for n in notes)


def test_jsonl_keeps_the_role(moved):
    lines = [json.loads(line) for line in to_bytes(moved, "jsonl", pair=("en", "ru")).decode().splitlines()]
    assert any(link.get("role") == "moved" for line in lines for link in line.get("links", []))


@pytest.mark.parametrize("which", ["moved", "summed"])
def test_intertext_keeps_the_links_and_reads_back(request, tmp_path, which):
    comparison = request.getfixturevalue(which)
    export_comparison(comparison, "intertext", tmp_path / "story.xml", pair=("en", "ru"))
    imported = import_alignment(tmp_path / "story.xml")
    read = {(l.src, l.tgt) for l in imported.comparison.alignments[("en", "ru")].links}
    written = {(l.src, l.tgt) for l in comparison.alignments[("en", "ru")].links}
    assert read == written


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "csv", "jsonl"])
def test_whole_record_formats_read_the_move_back(moved, tmp_path, fmt):
    path = tmp_path / f"story.{ {'xliff': 'xlf'}.get(fmt, fmt) }"
    export_comparison(moved, fmt, path, pair=("en", "ru"))
    links = import_alignment(path).comparison.alignments[("en", "ru")].links
    assert {(l.src, l.tgt, l.role) for l in links} == \
        {(l.src, l.tgt, l.role) for l in moved.alignments[("en", "ru")].links}
