"""The bad-input battery (issue 16): hostile, damaged and special files get one line naming the
input and the problem — never a traceback, a hang, a file written outside the folder asked for,
or lost user data. Each table is one kind of attack; each row one variant of it."""
from __future__ import annotations

import dataclasses
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from compare.export import export_comparison, export_corpus, to_bytes
from compare.export.names import is_plain_name, safe_stem
from compare.folder_access import allowed_folder
from compare.model import InputError
from compare.sources import load_story, read_text
from test_export_cases import bridge_comparison

REPO = Path(__file__).resolve().parent.parent
STORY = REPO / "corpora" / "politics-talks-vitebsk"


def one_line(error: pytest.ExceptionInfo, *parts: str) -> str:
    message = str(error.value)
    assert "\n" not in message, message
    for part in parts:
        assert part in message, message
    return message


def with_story_id(story_id: str):
    comparison = bridge_comparison()
    story = dataclasses.replace(comparison.story, id=story_id)
    return dataclasses.replace(comparison, story=story)


def files_under(folder: Path) -> set[Path]:
    return {p.resolve() for p in folder.rglob("*")}


# ---------------------------------------------------------------- 1 path traversal, zip slip

HOSTILE_IDS = ["../../../../x", "..", "../", "/etc/passwd", "a/../../b", "..\\..\\win",
               "CON", "nul.txt", ".hidden", "", "x" * 400, "a\x00b", "Мінск/../../x"]


@pytest.mark.parametrize("story_id", HOSTILE_IDS)
def test_an_intertext_export_never_writes_outside_the_folder_asked_for(tmp_path, story_id):
    out = tmp_path / "deep" / "out"
    out.mkdir(parents=True)
    report = export_comparison(with_story_id(story_id), "intertext", out, pair=("ru", "en"))
    assert len(report.files) == 3
    for name in report.files:
        assert Path(name).resolve().parent == out.resolve(), name
        assert is_plain_name(Path(name).name), name
    assert files_under(tmp_path) == files_under(out) | {out.resolve(), out.parent.resolve()}


@pytest.mark.parametrize("story_id", HOSTILE_IDS)
def test_an_intertext_zip_holds_plain_member_names_only(story_id):
    data = to_bytes(with_story_id(story_id), "intertext", pair=("ru", "en"))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == 3
    assert all(is_plain_name(name) and "/" not in name and ".." not in name for name in names)


def test_an_intertext_export_of_a_story_read_from_a_hostile_tmx_stays_inside(tmp_path):
    from compare.export import import_alignment

    tmx = tmp_path / "evil.tmx"
    export_comparison(with_story_id("../../../../x"), "tmx", tmx)
    imported = import_alignment(tmx).comparison
    assert imported.story.id == "../../../../x"  # the id is data; only file names are cleaned
    out = tmp_path / "out"
    report = export_comparison(imported, "intertext", out, pair=("ru", "en"))
    assert all(Path(f).resolve().parent == out.resolve() for f in report.files)
    assert not (tmp_path.parent / "x.ru.xml").exists()


@pytest.mark.parametrize("text, stem", [
    ("minsk-talks", "minsk-talks"), ("Мінск 2024", "Мінск-2024"), ("../../../../x", "x"),
    ("CON", "_CON"), ("", "story"), ("..", "story"), ("a/b\\c", "a-b-c")])
def test_safe_stem(text, stem):
    assert safe_stem(text) == stem


# ---------------------------------------------------------------- 2 zip bombs

def bomb(kind: str, inflated: int) -> bytes:
    """A small .docx/.xlsx whose main XML part inflates to `inflated` bytes of padding."""
    out = io.BytesIO()
    main = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if kind == "xlsx":
            archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open(main, "w") as handle:
            chunk = b"<a/>" * (1 << 18)  # 1 MiB
            for _ in range(inflated // len(chunk)):
                handle.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, kind):
    data = bomb(kind, 300 * 2**20)
    assert len(data) < 2 * 2**20  # small on disk: the file size cap alone would let it in
    path = tmp_path / f"story.{kind}"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        if kind == "docx":
            read_text(path)
        else:
            from compare.export import import_alignment
            import_alignment(path)
    one_line(error, path.name, "refused", "zip bomb")


def test_a_docx_bomb_uploaded_to_the_app_path_is_refused_too():
    with pytest.raises(InputError) as error:
        read_text("upload.docx", bomb("docx", 60 * 2**20))
    one_line(error, "upload.docx", "refused")


def test_an_intertext_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "all.zip"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.ru.en.xml", '<linkGrp toDoc="a.en.xml" fromDoc="a.ru.xml"/>')
        with archive.open("a.ru.xml", "w") as handle:
            for _ in range(300):
                handle.write(b" " * 2**20)
    path.write_bytes(out.getvalue())
    from compare.export import import_alignment
    with pytest.raises(InputError) as error:
        import_alignment(path)
    one_line(error, str(path), "refused")


# ---------------------------------------------------------------- 3 folder roots and file links

@pytest.fixture
def allowed_and_private(tmp_path):
    root = tmp_path / "allowed"
    story = root / "talks"
    shutil.copytree(STORY, story, ignore=shutil.ignore_patterns("gold", "*.tsv"))
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.txt").write_text("The minister said the talks were useful.\n", "utf-8")
    (private / "story.toml").write_text('title = "secret"\n', "utf-8")
    return root, story, private


@pytest.mark.parametrize("entry, target", [
    ("en.txt", "secret.txt"), ("story.toml", "story.toml"), ("notes.md", "secret.txt"),
])
def test_a_file_link_out_of_an_allowed_folder_is_refused(allowed_and_private, entry, target):
    root, story, private = allowed_and_private
    (story / entry).unlink(missing_ok=True)
    (story / entry).symlink_to(private / target)
    with pytest.raises(InputError) as error:
        allowed_folder(str(story), [root.resolve()])
    message = one_line(error, entry, "outside the folders this app may open")
    assert str(private) not in message  # says nothing about where it leads


def test_a_file_link_inside_the_roots_is_fine(allowed_and_private):
    root, story, _ = allowed_and_private
    shutil.move(story / "en.txt", root / "en-shared.txt")
    (story / "en.txt").symlink_to(root / "en-shared.txt")
    assert allowed_folder(str(story), [root.resolve()]) == story.resolve()


def test_a_symlink_loop_in_an_allowed_folder_is_one_line(allowed_and_private):
    root, story, _ = allowed_and_private
    (story / "loop.txt").symlink_to(story / "loop.txt")
    with pytest.raises(InputError) as error:
        allowed_folder(str(story), [root.resolve()])
    one_line(error, "loop.txt")


# ---------------------------------------------------------------- 4 Markdown in story.toml

def test_story_title_and_date_are_shown_as_plain_text_in_the_app(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "corrections.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "mt-cache.sqlite"))
    root = tmp_path / "allowed"
    story = root / "talks"
    shutil.copytree(STORY, story, ignore=shutil.ignore_patterns("gold", "*.tsv"))
    (story / "story.toml").write_text(
        'title = "Talks ![x](https://tracker.invalid/t.png) **bold**"\n'
        'date = "![d](https://tracker.invalid/d.png)"\noriginal = "ru"\n', "utf-8")
    monkeypatch.setenv("WIRE_COMPARE_FOLDER_ROOTS", str(root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    at.radio(key="source").set_value("Folder on this computer").run()
    at.text_input(key="folder").set_value(str(story)).run()
    assert not at.exception, at.exception
    shown = [e.value for e in at.subheader] + [e.value for e in at.caption]
    heading = next(v for v in shown if "t\\.png" in v)
    dated = next(v for v in shown if "d\\.png" in v)
    for value in (heading, dated):
        assert "![" not in value and "\\!\\[" in value  # escaped: no image, no link
    assert "**bold**" not in heading


# ---------------------------------------------------------------- 5 the app binds 127.0.0.1

def test_streamlit_listens_on_this_machine_only_by_default():
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    readme = (REPO / "README.md").read_text("utf-8")
    assert "--server.address 0.0.0.0" in readme and "http://127.0.0.1:8501" in readme
