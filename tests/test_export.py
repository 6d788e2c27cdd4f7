"""Exports: TMX valid against the TMX 1.4b DTD, XLIFF against its schema, sheets and JSONL
carrying what a reviewer needs (texts, MT, flags with evidence, scores), InterText as the
editor reads it, and bad characters escaped or cleaned with a note."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from compare.export import FORMATS, export_comparison, export_corpus, to_bytes
from compare.model import InputError
from standards import lisa_tmx_dtd, xliff12_strict_schema
from test_export_cases import bridge_comparison, nasty_comparison

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "export"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
X1 = "{urn:oasis:names:tc:xliff:document:1.2}"


@pytest.fixture(scope="module")
def tmx_dtd():
    return lisa_tmx_dtd()  # the LISA TMX 1.4b DTD itself (tests/data/schemas)


@pytest.fixture(scope="module")
def xliff2_schema():
    return etree.XMLSchema(etree.parse(str(DATA / "xliff-2.0-core-subset.xsd")))


@pytest.fixture(scope="module")
def xliff12_schema():
    return xliff12_strict_schema()  # OASIS's XLIFF 1.2 strict schema itself (tests/data/schemas)


def xml(data: bytes):
    return etree.fromstring(data)


def props(tu) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for prop in tu.findall("prop"):
        found.setdefault(prop.get("type"), []).append(prop.text or "")
    return found


def tuvs(tu) -> dict[str, str]:
    return {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}


# ---------------------------------------------------------------- TMX

EXPORTS = [  # (case, pair, include_null, props)
    ("bridge", None, True, True),
    ("bridge", ("ru", "en"), True, True),
    ("bridge", ("en", "be"), False, True),
    ("bridge", ("ru", "be"), True, False),
    ("nasty", None, True, True),
    ("nasty", ("en", "ru"), False, False),
]
CASES = {"bridge": bridge_comparison, "nasty": nasty_comparison}


@pytest.mark.parametrize("case, pair, include_null, with_props", EXPORTS)
def test_tmx_is_valid_against_the_tmx14_dtd(tmx_dtd, case, pair, include_null, with_props):
    data = to_bytes(CASES[case](), "tmx", pair=pair, include_null=include_null, props=with_props)
    assert tmx_dtd.validate(xml(data)), tmx_dtd.error_log.filter_from_errors()


def test_the_dtd_check_rejects_a_tmx_without_srclang(tmx_dtd):
    root = xml(to_bytes(bridge_comparison(), "tmx"))
    del root.find("header").attrib["srclang"]
    assert not tmx_dtd.validate(root)


@pytest.mark.parametrize("pair, srclang", [
    (None, "ru"),  # the original's language
    (("ru", "en"), "ru"),
    (("en", "ru"), "en"),  # the pair asked for names the source (OmegaT warns otherwise)
    (("en", "be"), "en"),
])
def test_tmx_header_names_tool_segmentation_and_source_language(pair, srclang):
    header = xml(to_bytes(bridge_comparison(), "tmx", pair=pair)).find("header")
    assert header.get("creationtool") == "wire-compare"
    assert header.get("creationtoolversion")
    assert header.get("segtype") == "sentence"
    assert header.get("o-tmf") and header.get("adminlang") == "en"
    assert header.get("datatype") == "plaintext"
    assert header.get("srclang") == srclang


def test_tmx_without_a_known_original_says_all_languages():
    comparison = bridge_comparison()
    story = comparison.story
    from dataclasses import replace

    unknown = replace(comparison, story=replace(story, meta=replace(story.meta, original="")))
    assert xml(to_bytes(unknown, "tmx")).find("header").get("srclang") == "*all*"


def test_three_way_tmx_has_one_unit_per_row_with_a_variant_per_language():
    units = xml(to_bytes(bridge_comparison(), "tmx", include_null=True)).find("body").findall("tu")
    assert [sorted(tuvs(tu)) for tu in units] == [
        ["be", "en", "ru"], ["be", "en", "ru"], ["be", "en", "ru"], ["be", "ru"], ["en"]]
    # by default a row with one language only (nothing to translate from or into) is left out;
    # a row two versions share stays, as a unit of two variants
    units = xml(to_bytes(bridge_comparison(), "tmx")).find("body").findall("tu")
    assert [sorted(tuvs(tu)) for tu in units] == [
        ["be", "en", "ru"], ["be", "en", "ru"], ["be", "en", "ru"], ["be", "ru"]]
    # the original's variant first, as CAT tools read the source first
    assert units[0].find("tuv").get(XML_LANG) == "ru"
    assert tuvs(units[1])["en"] == ("According to him, the work is 80 percent complete. "
                                    "The contractor is on schedule.")
    assert props(units[1])["x-link-type"] == ["2-1-1"]


@pytest.mark.parametrize("include_null, expected", [(True, 5), (False, 3)])
def test_pairwise_tmx_has_one_unit_per_link_and_null_links_follow_the_option(include_null,
                                                                            expected):
    units = xml(to_bytes(bridge_comparison(), "tmx", pair=("en", "ru"),
                         include_null=include_null)).find("body").findall("tu")
    assert len(units) == expected
    assert all(len(tuvs(tu)) == 2 for tu in units) or include_null


def test_tmx_unit_carries_story_link_confidence_flags_with_evidence_and_scores():
    units = xml(to_bytes(bridge_comparison(), "tmx", pair=("ru", "en"))).find("body")
    softened = [tu for tu in units if props(tu)["x-link"] == ["en-ru:2"]][0]
    p = props(softened)
    assert p["x-story"] == ["vitebsk-bridge"]
    assert p["x-link-type"] == ["1-1"] and p["x-confidence"] == ["0.900"]
    assert p["x-status"] == ["confirmed"] and p["x-verdict"] == ["softened"]
    assert any('"должны" → "should"' in line and "modality.must" in line for line in p["x-flag"])
    assert any('"подчеркнул" → "noted"' in line for line in p["x-flag"])
    assert p["x-score:chrF++"] == ["61.20"]
    assert p["x-mt:ru-en"][0].startswith("\"We must complete the construction")
    record = json.loads(p["x-record"][0])
    assert record["links"][0]["analysis"]["flags"][0]["source_term"] == "должны"


def test_tmx_without_props_is_a_plain_memory():
    units = xml(to_bytes(bridge_comparison(), "tmx", pair=("ru", "en"), props=False,
                         include_null=False)).find("body").findall("tu")
    assert all(tu.findall("prop") == [] for tu in units)
    assert tuvs(units[0])["ru"].startswith("ВИТЕБСК, 12 марта.")


def test_tmx_language_codes_can_be_locales_for_cat_tools():
    root = xml(to_bytes(bridge_comparison(), "tmx", pair=("ru", "en"),
                        lang_codes={"ru": "ru-RU", "en": "en-GB"}))
    assert root.find("header").get("srclang") == "ru-RU"
    assert sorted(tuvs(root.find("body/tu"))) == ["en-GB", "ru-RU"]


def test_a_null_unit_names_its_own_source_language():
    units = xml(to_bytes(bridge_comparison(), "tmx", pair=("ru", "en"),
                     include_null=True)).find("body")
    addition = [tu for tu in units if props(tu)["x-link"] == ["en-ru:4"]][0]
    assert list(tuvs(addition)) == ["en"] and addition.get("srclang") == "en"


# ---------------------------------------------------------------- bad characters

def test_markup_characters_are_escaped_and_read_back_exactly():
    data = to_bytes(nasty_comparison(), "tmx", pair=("en", "ru"))
    assert b"Profit &amp; loss &lt; 5% ]]&gt; stays" in data
    assert tuvs(xml(data).find("body/tu"))["en"] == \
        "Profit & loss < 5% ]]> stays \"flat\" — 'they' said."


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xlsx", "csv", "jsonl", "intertext"])
def test_control_characters_are_cleaned_with_a_note_in_every_format(tmp_path, fmt):
    report = export_comparison(nasty_comparison(), fmt, tmp_path / f"out{FORMATS[fmt][0]}",
                               pair=("en", "ru"))
    notes = "\n".join(report.notes)
    assert "nasty en:1: removed 2 character(s) that XML cannot carry" in notes
    assert "U+0007" in notes and "U+000B" in notes
    assert "nasty en:2: kept 2 invisible character(s)" in notes and "U+200F" in notes


def test_vertical_tab_becomes_a_space_and_bell_disappears():
    unit = xml(to_bytes(nasty_comparison(), "tmx", pair=("en", "ru"))).find("body")[1]
    assert tuvs(unit)["en"] == "Ring bell and next line."


@pytest.mark.parametrize("strip, expected", [
    (False, "Zero\u200bwidth and \u200fright-to-left mark."),
    (True, "Zero" "width and right-to-left mark."),
])
def test_invisible_marks_are_kept_unless_stripping_is_asked(strip, expected):
    unit = xml(to_bytes(nasty_comparison(), "tmx", pair=("en", "ru"),
                        strip_invisible=strip)).find("body")[2]
    assert tuvs(unit)["en"] == expected


def test_ten_thousand_character_segments_go_out_whole():
    comparison = nasty_comparison()
    long_en = comparison.story.documents["en"].segments[4].text
    assert len(long_en) == 10_000
    unit = xml(to_bytes(comparison, "tmx", pair=("en", "ru"))).find("body")[4]
    assert tuvs(unit)["en"] == long_en
    rows = list(csv.reader(io.StringIO(to_bytes(comparison, "csv").decode("utf-8-sig"))))
    assert rows[5][rows[0].index("en")] == long_en


# ---------------------------------------------------------------- XLIFF

@pytest.mark.parametrize("case, pair, include_null", [
    ("bridge", None, True), ("bridge", ("en", "be"), True), ("bridge", ("ru", "en"), False),
    ("nasty", ("en", "ru"), True)])
def test_xliff2_is_valid_against_the_core_schema(xliff2_schema, case, pair, include_null):
    root = xml(to_bytes(CASES[case](), "xliff", pair=pair, include_null=include_null,
                        xliff_version="2.0"))
    assert xliff2_schema.validate(root), xliff2_schema.error_log.filter_from_errors()


def test_the_xliff2_schema_check_rejects_a_wrong_state_and_an_untyped_meta(xliff2_schema):
    root = xml(to_bytes(bridge_comparison(), "xliff", xliff_version="2.0", include_null=True))
    root.find(f"{X2}file/{X2}unit/{X2}segment").set("state", "approved")
    assert not xliff2_schema.validate(root)
    root = xml(to_bytes(bridge_comparison(), "xliff", xliff_version="2.0", include_null=True))
    meta = root.find(".//{urn:oasis:names:tc:xliff:metadata:2.0}meta")
    del meta.attrib["type"]
    assert not xliff2_schema.validate(root)


def test_xliff2_units_hold_source_target_state_and_flag_notes():
    root = xml(to_bytes(bridge_comparison(), "xliff", xliff_version="2.0", include_null=True))  # default pair: the original vs English
    assert (root.get("srcLang"), root.get("trgLang")) == ("ru", "en")
    units = root.findall(f"{X2}file/{X2}unit")
    assert len(units) == 5
    softened = units[2].find(f"{X2}segment")
    assert softened.get("state") == "reviewed"  # a confirmed link
    assert softened.findtext(f"{X2}source").startswith("«Мы должны завершить")
    assert softened.findtext(f"{X2}target").startswith("\"We should finish")
    flags = [n.text for n in units[2].iter(f"{X2}note") if n.get("category") == "flag"]
    assert len(flags) == 2 and "modality.must" in flags[0]
    omitted = units[3].find(f"{X2}segment")  # ru:3 has no English: no target, state initial
    assert omitted.get("state") == "initial" and omitted.find(f"{X2}target") is None


def test_xliff12_is_valid_and_carries_mt_as_alt_trans(xliff12_schema):
    root = xml(to_bytes(bridge_comparison(), "xliff", xliff_version="1.2"))
    assert xliff12_schema.validate(root), xliff12_schema.error_log.filter_from_errors()
    file = root.find(f"{X1}file")
    assert (file.get("source-language"), file.get("target-language")) == ("ru", "en")
    units = file.findall(f"{X1}body/{X1}trans-unit")
    assert units[2].get("approved") == "yes"
    alt = units[0].find(f"{X1}alt-trans/{X1}target")
    assert alt.text.startswith("VITEBSK, March 12. A new bridge across")


def test_the_xliff12_schema_check_rejects_a_unit_without_source(xliff12_schema):
    root = xml(to_bytes(bridge_comparison(), "xliff", xliff_version="1.2"))
    unit = root.find(f"{X1}file/{X1}body/{X1}trans-unit")
    unit.remove(unit.find(f"{X1}source"))
    assert not xliff12_schema.validate(root)


# ---------------------------------------------------------------- sheets and JSONL

def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_row_has_story_link_texts_machine_translations_scores_and_flags():
    rows = read_csv(to_bytes(bridge_comparison(), "csv", pair=("ru", "en")))
    header, softened = rows[0], rows[3]
    cell = dict(zip(header, softened))
    assert header[:7] == ["story", "link id", "link type", "status", "confidence", "ru", "en"]
    assert cell["story"] == "vitebsk-bridge" and cell["link id"] == "en-ru:2"
    assert cell["status"] == "confirmed" and cell["confidence"] == "0.9"
    assert cell["MT ru→en"].startswith("\"We must complete")
    assert cell["chrF++"] == "61.2" and cell["BLEU"] == "34.5"
    assert '"должны" → "should": obligation weakened' in cell["flags"]
    assert cell["verdict"] == "softened"


def test_three_way_csv_has_a_column_per_language():
    rows = read_csv(to_bytes(bridge_comparison(), "csv"))
    assert rows[0][5:8] == ["en", "ru", "be"]
    assert rows[4][6:8] == ["Стоимость проекта составляет 45 миллионов рублей.",
                            "Кошт праекта складае 45 мільёнаў рублёў."]
    assert rows[4][5] == ""  # the omission: no English


def test_csv_guards_cells_that_a_spreadsheet_would_run_as_formulas():
    rows = read_csv(to_bytes(nasty_comparison(), "csv", pair=("en", "ru")))
    assert rows[4][5] == "'=SUM(A1:A9) looks like a formula; -5 degrees too."


def test_csv_delimiter_can_be_a_semicolon():
    data = to_bytes(bridge_comparison(), "csv", csv_delimiter=";")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("story;link id;link type")


def test_xlsx_writes_formula_looking_text_as_text_and_hides_the_record_column():
    from openpyxl import load_workbook

    data = to_bytes(nasty_comparison(), "xlsx", pair=("en", "ru"))
    sheet = load_workbook(io.BytesIO(data))["pairs"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=5, column=header.index("en") + 1)
    assert cell.value.startswith("=SUM(A1:A9)") and cell.data_type == "s"
    last = sheet.cell(row=1, column=len(header)).column_letter
    assert header[-1] == "record" and sheet.column_dimensions[last].hidden


def test_xlsx_settings_sheet_shows_what_produced_confidences_and_scores():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(to_bytes(bridge_comparison(), "xlsx")))["settings"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    en_ru = [row for row in rows if row[5] == "en-ru"][0]
    assert "aligner:dp" in en_ru[8] and "chrF++: nrefs:1" in en_ru[9]


def test_xlsx_is_the_same_bytes_each_time():
    assert to_bytes(bridge_comparison(), "xlsx") == to_bytes(bridge_comparison(), "xlsx")


def test_jsonl_holds_the_full_record_per_link():
    lines = [json.loads(line) for line in
             to_bytes(bridge_comparison(), "jsonl", pair=("en", "ru")).decode().splitlines()]
    assert [line["type"] for line in lines] == ["story"] + ["link"] * 5
    assert lines[0]["alignments"][0]["signature"]["aligner"] == "dp"
    link = lines[3]
    assert link["text"]["en"].startswith("\"We should finish")
    assert link["segments"]["en"][0]["mt"]["ru"]["engine"] == "fixture"
    analysis = link["links"][0]["analysis"]
    assert analysis["scores"] == {"chrF++": 61.2, "BLEU": 34.5}
    assert analysis["signatures"]["BLEU"].startswith("nrefs:1")
    assert [f["rule"] for f in analysis["flags"]] == ["modality.must", "say.stress"]


# ---------------------------------------------------------------- InterText

def test_intertext_alignment_lists_target_ids_first_and_marks_confirmed_links(tmp_path):
    report = export_comparison(bridge_comparison(), "intertext", tmp_path / "bridge.xml",
                               pair=("ru", "en"))
    assert sorted(Path(f).name for f in report.files) == [
        "bridge.xml", "vitebsk-bridge.en.xml", "vitebsk-bridge.ru.xml"]
    group = etree.parse(str(tmp_path / "bridge.xml")).getroot()
    assert (group.get("fromDoc"), group.get("toDoc")) == ("vitebsk-bridge.ru.xml",
                                                          "vitebsk-bridge.en.xml")
    links = [(link.get("type"), link.get("xtargets"), link.get("status")) for link in group]
    assert links == [("1-1", "1:1;1:1", "auto"), ("2-1", "2:1 2:2;2:1", "auto"),
                     ("1-1", "2:3;2:2", "man"), ("0-1", ";3:1", "auto"),
                     ("1-0", "3:1;", "auto")]
    document = etree.parse(str(tmp_path / "vitebsk-bridge.en.xml")).getroot()
    assert [s.get("id") for s in document.iter("s")] == ["1:1", "2:1", "2:2", "2:3", "3:1"]


def test_intertext_for_several_stories_is_a_zip(tmp_path):
    from dataclasses import replace

    other = bridge_comparison()
    other = replace(other, story=replace(other.story, id="second-story"))
    report = export_corpus([bridge_comparison(), other], "intertext", tmp_path / "all.zip")
    names = sorted(zipfile.ZipFile(report.files[0]).namelist())
    assert names == sorted(f"{story}.{part}.xml" for story in ("second-story", "vitebsk-bridge")
                           for part in ("en", "ru", "ru.en"))
    with pytest.raises(InputError, match="a .zip or a folder"):
        export_corpus([bridge_comparison(), other], "intertext", tmp_path / "all.xml")


def test_a_pair_the_story_does_not_have_is_a_clear_error():
    comparison = nasty_comparison()
    with pytest.raises(InputError, match="story nasty: no en-be alignment"):
        to_bytes(comparison, "tmx", pair=("en", "be"))


def test_a_corpus_leaves_out_stories_without_the_pair_and_says_so(tmp_path):
    report = export_corpus([bridge_comparison(), nasty_comparison()], "tmx",
                           tmp_path / "c.tmx", pair=("ru", "be"))
    assert report.stories == 1
    assert any("left out: story nasty: no ru-be alignment" in n for n in report.notes)


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xlsx", "csv", "jsonl"])
def test_line_breaks_survive_on_request_tabs_and_spaces_always(tmp_path, fmt):
    from compare.export import import_alignment

    path = tmp_path / f"n{FORMATS[fmt][0]}"
    export_comparison(nasty_comparison(), fmt, path, pair=("en", "ru"), keep_line_breaks=True)
    restored = import_alignment(path).story.documents["en"].segments[5].text
    assert restored == "Two lines:\r\nfirst\nsecond\ttabbed.  "
    # by default a line break inside a segment is a hard wrap, sent out as one space
    export_comparison(nasty_comparison(), fmt, path, pair=("en", "ru"))
    restored = import_alignment(path).story.documents["en"].segments[5].text
    assert restored == "Two lines: first second\ttabbed.  "


def test_xlsx_notes_cells_longer_than_excel_shows():
    from dataclasses import replace

    comparison = nasty_comparison()
    en = comparison.story.documents["en"]
    huge = replace(en.segments[4], text="Anna Melnikova read out the list. " * 1000)
    documents = dict(comparison.story.documents)
    documents["en"] = replace(en, segments=en.segments[:4] + (huge,) + en.segments[5:])
    comparison = replace(comparison, story=replace(comparison.story, documents=documents))
    notes: list = []
    from compare.export import ExportOptions, build_exports, render

    stories = build_exports([comparison], "xlsx", ExportOptions(), notes)
    render(stories, "xlsx", ExportOptions(), notes)
    assert any("longer than Excel's limit of 32767" in note for note in notes)


def test_xliff_marks_exact_whitespace_as_preserved(xliff12_schema):
    root = xml(to_bytes(nasty_comparison(), "xliff", pair=("en", "ru"), xliff_version="2.0"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    root = xml(to_bytes(nasty_comparison(), "xliff", pair=("en", "ru"), xliff_version="1.2"))
    assert xliff12_schema.validate(root)
    units = root.findall(f"{X1}file/{X1}body/{X1}trans-unit")
    space = [u.get("{http://www.w3.org/XML/1998/namespace}space") for u in units]
    assert space == [None, None, None, None, None, "preserve"]


def test_csv_link_types_and_numbers_survive_a_spreadsheet():
    """LibreOffice and Excel read "1-1" as 1 January and, in a comma-decimal locale, "0.99" as
    text: link types go out with an en dash, and with ';' numbers get a decimal comma."""
    import re

    rows = read_csv(to_bytes(bridge_comparison(), "csv", pair=("ru", "en")))
    types = [row[rows[0].index("link type")] for row in rows[1:]]
    assert types and all(re.fullmatch(r"\d(–\d){1,2}", t) for t in types), types
    text = to_bytes(bridge_comparison(), "csv", csv_delimiter=";").decode("utf-8-sig")
    confidences = [line.split(";")[4] for line in text.splitlines()[1:] if line.count(";") > 5]
    assert confidences and all(re.fullmatch(r"[01](,\d+)?", c) for c in confidences), confidences
