"""Reading users' files: encodings, formats, languages, and the messages bad input gets."""
import io

import docx
import pytest

from compare.model import InputError
from compare.sources import (
    decode_bytes,
    detect_language,
    load_presegmented,
    load_story,
    presegmented_document,
    read_text,
)

RU = "Президент провёл совещание в Минске.\nОн подчеркнул важность сотрудничества.\n"
BE = "Прэзідэнт правёў нараду ў Мінску.\nЁн падкрэсліў важнасць супрацоўніцтва.\n"
EN = "The President held a meeting in Minsk.\nHe stressed the importance of cooperation.\n"

ENCODED = [
    ("utf-8", RU.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + RU.encode("utf-8")),
    ("utf-16 with BOM", RU.encode("utf-16")),
    ("utf-16-le without BOM", RU.encode("utf-16-le")),
    ("utf-16-be without BOM", RU.encode("utf-16-be")),
    ("cp1251", RU.encode("cp1251")),
    ("cp1251 Belarusian", BE.encode("cp1251")),
    ("windows line endings", RU.replace("\n", "\r\n").encode("utf-8")),
    ("old mac line endings", RU.replace("\n", "\r").encode("utf-8")),
]


@pytest.mark.parametrize("label,data", ENCODED, ids=[label for label, _ in ENCODED])
def test_encodings_and_line_endings_are_detected(label, data):
    expected = BE if "Belarusian" in label else RU
    assert read_text("story.txt", data) == expected


BAD_FILES = [
    ("empty.txt", b"", "empty.txt: the file is empty"),
    ("blank.txt", b"  \n\n \t", "blank.txt: the file is empty"),
    ("renamed.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "renamed.txt: this is a PDF file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "image.txt: this is a PNG image"),
    ("noise.txt", bytes(range(256)) * 8, "noise.txt: binary data"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "broken.docx: not a valid .docx file"),
]


@pytest.mark.parametrize("name,data,message", BAD_FILES, ids=[n for n, _, _ in BAD_FILES])
def test_bad_files_get_one_line_naming_the_file(name, data, message):
    with pytest.raises(InputError) as caught:
        read_text(name, data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match=r"big.txt: 52.4 MB is larger than the 10 MB"):
        read_text(big)


def test_html_keeps_main_text_and_drops_scripts_styles_navigation():
    page = (b"<html><head><title>T</title><script>alert('x')</script><style>p{color:red}</style>"
            b"</head><body><nav>Home | News</nav><header>Agency</header><article>"
            b"<h1>Grain harvest</h1><p>Farms gathered <b>9 million</b> tonnes.</p>"
            b"<p>The minister said so.</p></article><footer>Copyright</footer></body></html>")
    assert read_text("page.html", page) == (
        "Grain harvest\n\nFarms gathered 9 million tonnes.\n\nThe minister said so.\n")


def test_docx_paragraphs_are_read():
    document = docx.Document()
    document.add_paragraph("Прэзідэнт правёў нараду ў Мінску.")
    document.add_paragraph("")
    document.add_paragraph("Ён падкрэсліў важнасць супрацоўніцтва.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_text("be.docx", buffer.getvalue()) == (
        "Прэзідэнт правёў нараду ў Мінску.\n\nЁн падкрэсліў важнасць супрацоўніцтва.\n")


LANGUAGE_CASES = [
    ("Прэзідэнт правёў нараду.", "be"),
    ("Президент провёл совещание.", "ru"),
    ("The President held a meeting.", "en"),
    ("Ураджай у гэтым годзе будзе большы.", "be"),
    ("Урожай в этом году будет больше.", "ru"),
    ("Der Präsident hielt heute eine Sitzung in Berlin ab.", "de"),
]


@pytest.mark.parametrize("text,lang", LANGUAGE_CASES)
def test_language_identified_on_short_sentences(text, lang):
    assert detect_language(text)[0] == lang


def test_declared_language_contradicted_by_text_names_what_was_found(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("Прэзідэнт правёў нараду ў Мінску.\nЁн падкрэсліў важнасць.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"en.txt: declared English but the text reads as Belarusian"):
        load_presegmented(path, "en")
    assert len(load_presegmented(path, "en", check_lang=False)) == 2


def test_presegmented_lines_are_never_resplit_and_keep_line_numbers():
    text = "One. Two sentences on one line.\r\n\nThird line\n"
    document = presegmented_document(text, "en", check_lang=False)
    assert [s.text for s in document.segments] == ["One. Two sentences on one line.", "", "Third line"]
    for segment in document.segments:
        assert document.text[segment.start:segment.end] == segment.text


def test_story_folder_needs_two_versions(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    with pytest.raises(InputError, match="a story needs two or three versions"):
        load_story(tmp_path)


def test_story_folder_with_malformed_toml_is_named(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "story.toml").write_text('title = "unclosed\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"story.toml: malformed story.toml"):
        load_story(tmp_path)


def test_folder_of_user_files_is_identified_by_content(tmp_path):
    (tmp_path / "article-english.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "артыкул.txt").write_text(BE, encoding="utf-8")
    story = load_story(tmp_path)
    assert story.langs == ("en", "be")


def test_undecodable_bytes_in_declared_utf16_are_named():
    with pytest.raises(InputError, match=r"x.txt: not valid utf-16"):
        decode_bytes("x.txt", b"\xff\xfe\x00\xd8")
