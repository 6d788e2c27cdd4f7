"""Export → import → export gives the same file for every format that carries the whole record,
and the import restores the story itself (segments, links, statuses, flags, scores, MT); files
from other tools (CAT-tool TMX, spreadsheets, the presegmented TSV, InterText) are read too."""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from compare.export import (
    FORMATS, WHOLE_RECORD, describe, export_comparison, export_corpus, import_alignment,
    import_corpus, to_bytes,
)
from compare.model import InputError
from test_export_cases import bridge_comparison, nasty_comparison

DATA = Path(__file__).resolve().parent / "data" / "export"

CASES = {"bridge": bridge_comparison, "nasty": nasty_comparison,
         "bridge, rows derived": lambda: bridge_comparison(with_rows=False)}


def suffix(fmt: str) -> str:
    return FORMATS[fmt][0]


@pytest.mark.parametrize("fmt", WHOLE_RECORD)
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("pair", [None, ("ru", "en"), ("en", "ru")])
def test_export_import_export_is_identical(tmp_path, fmt, case, pair):
    if fmt == "xliff" and case == "nasty" and pair is None:
        pair = ("ru", "en")
    path = tmp_path / f"story{suffix(fmt)}"
    export_comparison(CASES[case](), fmt, path, pair=pair, include_null=True)  # the whole story
    imported = import_alignment(path)
    assert imported.whole
    again = to_bytes(imported.comparison, fmt, pair=imported.pair,
                     include_null=imported.include_null)
    assert again == path.read_bytes()


@pytest.mark.parametrize("fmt", WHOLE_RECORD)
def test_import_restores_the_story_links_analyses_and_translations(tmp_path, fmt):
    original = bridge_comparison()
    pair = ("ru", "en") if fmt == "xliff" else None
    path = tmp_path / f"story{suffix(fmt)}"
    export_comparison(original, fmt, path, pair=pair, include_null=True)
    restored = import_alignment(path).comparison
    pairs = [("en", "ru")] if fmt == "xliff" else list(original.alignments)
    assert list(restored.alignments) == pairs
    for p in pairs:
        assert restored.alignments[p].links == original.alignments[p].links
        assert restored.alignments[p].signature == original.alignments[p].signature
        assert restored.analyses.get(p) == original.analyses.get(p)
    for lang in pairs[0] if fmt == "xliff" else original.story.langs:
        assert [(s.text, s.paragraph) for s in restored.story.documents[lang].segments] == \
            [(s.text, s.paragraph) for s in original.story.documents[lang].segments]
        document = restored.story.documents[lang]
        assert all(document.text[s.start:s.end] == s.text for s in document.segments)
    assert restored.translations == original.translations
    assert restored.story.meta == original.story.meta
    if fmt != "xliff":
        assert restored.rows == original.rows
        assert restored.disagreements == original.disagreements


@pytest.mark.parametrize("fmt", WHOLE_RECORD)
def test_a_corpus_file_reads_back_story_by_story(tmp_path, fmt):
    second = bridge_comparison()
    second = replace(second, story=replace(second.story, id="second"))
    pair = ("ru", "en") if fmt == "xliff" else None
    path = tmp_path / f"corpus{suffix(fmt)}"
    export_corpus([bridge_comparison(), second], fmt, path, pair=pair, include_null=True)
    stories = import_corpus(path)
    assert [s.story.id for s in stories] == ["vitebsk-bridge", "second"]
    again = to_bytes([s.comparison for s in stories], fmt, pair=pair, include_null=True)
    assert again == path.read_bytes()
    with pytest.raises(InputError, match="holds 2 stories"):
        import_alignment(path)
    assert import_alignment(path, story="second").story.id == "second"


def test_skipped_null_links_come_back_as_empty_placeholders_with_a_note(tmp_path):
    path = tmp_path / "no-null.jsonl"
    export_comparison(bridge_comparison(), "jsonl", path, pair=("en", "ru"), include_null=False)
    imported = import_alignment(path)
    assert len(imported.comparison.alignments[("en", "ru")].links) == 3
    assert [s.text for s in imported.story.documents["ru"].segments][3] == ""
    assert any("1 ru segment(s) not in the file" in note for note in imported.notes)


def test_a_text_edited_in_the_sheet_is_kept_and_a_changed_join_is_noted(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "edited.xlsx"
    export_comparison(bridge_comparison(), "xlsx", path, pair=("ru", "en"))
    book = load_workbook(path)
    sheet = book["pairs"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("en") + 1).value = "VITEBSK, March 12. Edited."
    sheet.cell(row=3, column=header.index("en") + 1).value = "One sentence now."
    book.save(path)
    imported = import_alignment(path)
    english = [s.text for s in imported.story.documents["en"].segments]
    assert english[0] == "VITEBSK, March 12. Edited."
    assert english[1:3] == ["One sentence now.", ""]
    assert any("en-ru:1: the en text was edited" in note for note in imported.notes)


# ---------------------------------------------------------------- files from other tools

def test_tmx_from_a_cat_tool_reads_locales_inline_codes_and_extra_languages():
    imported = import_alignment(DATA / "foreign" / "omegat-style.tmx")
    assert not imported.whole
    story = imported.story
    assert story.id == "omegat-style" and story.meta.original == "ru"
    assert [s.text for s in story.documents["ru"].segments] == [
        "Министр Олег Ярош прибыл в Гродно.",
        "Визит продлится два дня и завершится в пятницу.",
        "Стороны обсудят поставки зерна & удобрений.",
        "Пресс-конференция запланирована на четверг."]
    assert story.documents["en"].segments[2].text == \
        "The sides will discuss grain supplies & fertiliser."
    links = imported.comparison.alignments[("ru", "en")].links
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,)), ((1,), (1,)),
                                                       ((2,), (2,)), ((3,), ())]
    notes = " ".join(imported.notes)
    assert "inline codes (tags) dropped from 4 segment(s)" in notes
    assert "de ×1" in notes


def test_old_tmx_with_the_lang_attribute_is_read():
    imported = import_alignment(DATA / "foreign" / "old-lang-attribute.tmx")
    assert list(imported.comparison.alignments) == [("en", "be")]
    assert imported.story.documents["be"].segments[1].text == "Вытворчасць пачнецца ў траўні."


def test_a_spreadsheet_from_elsewhere_pairs_its_language_columns(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["#", "Russian", "English", "comment"])
    book.active.append([1, "Совещание прошло в Бресте.", "The meeting was held in Brest.", ""])
    book.active.append([2, "Его провёл губернатор Пётр Лысенко.", "", "no English"])
    path = tmp_path / "desk.xlsx"
    book.save(path)
    imported = import_alignment(path)
    assert imported.comparison.alignments[("en", "ru")].links[1].tgt == (1,)
    assert imported.comparison.alignments[("en", "ru")].links[1].src == ()
    assert imported.story.documents["ru"].segments[1].text == \
        "Его провёл губернатор Пётр Лысенко."


def test_a_semicolon_csv_with_language_codes_is_read(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("en;be\nThe harvest is over.;Жніво скончана.\n", encoding="utf-8")
    imported = import_alignment(path)
    assert imported.story.documents["be"].segments[0].text == "Жніво скончана."


def test_the_presegmented_tsv_alignment_with_its_segment_files():
    folder = DATA / "tsv"
    imported = import_alignment(folder / "en-ru.tsv", src_segments=folder / "en.txt",
                                tgt_segments=folder / "ru.txt", check_lang=False)
    links = imported.comparison.alignments[("en", "ru")].links
    assert [(link.src, link.tgt, link.confidence) for link in links] == [
        ((0,), (0,), 0.95), ((1, 2), (1,), 0.8), ((3,), (2,), 0.9), ((), (3,), 0.4),
        ((4,), (), 0.0)]
    assert any("1 segment(s) in no link (en:4)" in note for note in imported.notes)
    assert imported.story.documents["en"].segments[4].text == "A new park will open in June."


def test_intertext_alignment_reads_back_with_its_documents(tmp_path):
    export_comparison(bridge_comparison(), "intertext", tmp_path / "bridge.xml",
                      pair=("ru", "en"))
    imported = import_alignment(tmp_path / "bridge.xml")
    original = bridge_comparison().alignments[("en", "ru")].links
    links = imported.comparison.alignments[("ru", "en")].links
    assert [(link.tgt, link.src, link.status) for link in links] == \
        [(link.src, link.tgt, link.status) for link in original]
    assert imported.story.documents["en"].segments[2].text == "The contractor is on schedule."


def test_intertext_zip_reads_back(tmp_path):
    path = tmp_path / "bridge.zip"
    path.write_bytes(to_bytes(bridge_comparison(), "intertext", pair=("ru", "en")))
    assert import_alignment(path).comparison.alignments[("ru", "en")].links[2].status == \
        "confirmed"


def test_describe_says_what_was_restored(tmp_path):
    path = tmp_path / "s.tmx"
    export_comparison(bridge_comparison(), "tmx", path, include_null=True)
    lines = describe(import_alignment(path))
    assert lines[0] == "story vitebsk-bridge (tmx, whole record): Новый мост в Витебске"
    assert "  en-ru: 5 links (1 confirmed, 2 null), 3 flags" in lines
    assert "  machine translations: en→ru, ru→en" in lines


def test_bytes_and_files_are_the_same_export(tmp_path):
    path = tmp_path / "s.csv"
    export_comparison(bridge_comparison(), "csv", path)
    assert path.read_bytes() == to_bytes(bridge_comparison(), "csv")
    assert io.BytesIO(path.read_bytes()).read(3) == b"\xef\xbb\xbf"


def test_a_sheet_sorted_by_hand_reads_back_as_the_same_story(tmp_path):
    from openpyxl import Workbook, load_workbook

    path = tmp_path / "sorted.xlsx"
    export_comparison(bridge_comparison(), "xlsx", path)
    rows = [[c.value for c in row] for row in load_workbook(path)["pairs"].iter_rows()]
    header, body = rows[0], rows[1:]
    body.sort(key=lambda row: row[header.index("confidence")])  # as a reviewer would
    book = Workbook()
    for row in [header] + body:
        book.active.append(row)
    book.active.title = "pairs"
    book.save(path)
    again = to_bytes(import_alignment(path).comparison, "xlsx")
    assert again == to_bytes(bridge_comparison(), "xlsx")


def test_plain_language_lines_in_jsonl_are_read_as_pairs(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"ru": "Совет собрался в среду.", "en": "The council met on Wednesday."}\n'
                    '{"ru": "Решение принято единогласно.", "en": "The decision was unanimous."}\n',
                    encoding="utf-8")
    imported = import_alignment(path)
    assert not imported.whole
    assert [(l.src, l.tgt) for l in imported.comparison.alignments[("en", "ru")].links] == [
        ((0,), (0,)), ((1,), (1,))]
