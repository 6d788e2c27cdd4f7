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
from standards import lisa_tmx_dtd
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


# ---------------------------------------------------------------- 6 MT cache: full disk, read-only

def _rows(prefix: str, n: int, size: int = 10):
    from compare.model import Translation
    from compare.translate.cache import cache_key

    rows = []
    for i in range(n):
        text = f"{prefix} {i} " + "x" * size
        rows.append((cache_key("e", "m", "r", {}, "ru", "be", text), text,
                     Translation(text=text.upper(), engine="e", model="m", src_lang="ru",
                                 tgt_lang="be")))
    return rows


def healthy_cache(path: Path, n: int = 20):
    from compare.translate.cache import TranslationCache

    with TranslationCache(path) as store:
        store.put_many(_rows("kept", n))
        assert store.count() == n and not store.notices
    return path.read_bytes()


def assert_kept(path: Path, n: int = 20) -> None:
    """The healthy cache is where it was, nothing moved aside, and it still reads."""
    from compare.translate.cache import TranslationCache

    assert not list(path.parent.glob("*.damaged-*"))
    with TranslationCache(path) as store:
        assert store.count() == n, store.notices
        assert not any("damaged" in notice for notice in store.notices)


def test_a_write_on_a_full_database_is_skipped_and_the_cache_kept(tmp_path):
    """SQLITE_FULL without root: max_page_count makes SQLite report a full disk."""
    from compare.translate.cache import TranslationCache

    path = tmp_path / "cache.sqlite"
    healthy_cache(path)
    with TranslationCache(path) as store:
        pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
        store._connection.execute(f"PRAGMA max_page_count = {pages}")
        store.put_many(_rows("new", 200, size=2000))  # no exception
        store.put_many(_rows("more", 200, size=2000))
        assert len(store.notices) == 1 and "disk is full" in store.notices[0]
        assert "the cache is kept" in store.notices[0]
        assert store.count() == 20 and len(store.get_many([k for k, _, _ in _rows("kept", 20)])) == 20
    assert_kept(path)


def test_an_open_that_meets_a_full_disk_reads_the_cache_as_it_is(tmp_path, monkeypatch):
    import sqlite3

    from compare.translate.cache import TranslationCache

    path = tmp_path / "cache.sqlite"
    healthy_cache(path)

    def full(self):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13
        raise error
    monkeypatch.setattr(TranslationCache, "_connect", full)
    with TranslationCache(path) as store:
        assert store.read_only and store.count() == 20
        assert "read-only" in store.notices[0] and "damaged" not in store.notices[0]
        store.put_many(_rows("new", 3))  # skipped, no exception
    monkeypatch.undo()
    assert_kept(path)


def _root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def tiny_tmpfs(tmp_path):
    """A real 1 MB file system (root only: CI as root, or skipped)."""
    import subprocess

    if not _root() or not shutil.which("mount"):
        pytest.skip("a tmpfs needs root")
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "none", str(mount)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_real_full_disk_keeps_the_healthy_cache(tiny_tmpfs):
    from compare.translate.cache import TranslationCache

    path = tiny_tmpfs / "cache.sqlite"
    healthy_cache(path)
    filler = tiny_tmpfs / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last block
        while True:
            os.write(handle, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(handle)
    with TranslationCache(path) as store:
        store.put_many(_rows("new", 300, size=3000))  # no exception
        assert store.count() == 20
        assert not any("damaged" in notice for notice in store.notices), store.notices
    assert_kept(path)
    filler.unlink()
    with TranslationCache(path) as store:  # once there is room again, writes work
        store.put_many(_rows("new", 5))
        assert store.count() == 25 and not store.notices


def test_a_cache_on_read_only_media_is_read_not_called_damaged(tmp_path):
    import subprocess

    from compare.translate.cache import TranslationCache

    folder = tmp_path / "media"
    folder.mkdir()
    path = folder / "cache.sqlite"
    if _root():
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "none", str(folder)],
                          capture_output=True).returncode:
            pytest.skip("cannot mount a tmpfs here")
        healthy_cache(path)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        healthy_cache(path)
        path.chmod(0o444)
        folder.chmod(0o555)
    try:
        before = sorted(p.name for p in folder.iterdir())
        with TranslationCache(path) as store:
            assert store.enabled and store.read_only
            assert store.count() == 20
            assert len(store.get_many([k for k, _, _ in _rows("kept", 20)])) == 20
            store.put_many(_rows("new", 3))  # skipped, no exception
            assert len(store.notices) == 1 and "read-only" in store.notices[0]
            assert "damaged" not in store.notices[0]
        assert sorted(p.name for p in folder.iterdir()) == before  # nothing moved or added
    finally:
        if _root():
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        else:
            folder.chmod(0o755)


# ---------------------------------------------------------------- 8 an InterText set, all or nothing

def intertext_set(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_an_intertext_export_that_dies_mid_way_leaves_the_old_set(tmp_path, monkeypatch):
    import importlib

    module = importlib.import_module("compare.export.safe_write")

    out = tmp_path / "out"
    export_comparison(bridge_comparison(), "intertext", out, pair=("ru", "en"))
    old = intertext_set(out)
    calls = []
    real = module._write_temp

    def dies_on_the_third(*args):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C while the last document was written
        return real(*args)

    monkeypatch.setattr(module, "_write_temp", dies_on_the_third)
    changed = with_story_id(bridge_comparison().story.id)
    changed = dataclasses.replace(changed, story=dataclasses.replace(
        changed.story, meta=dataclasses.replace(changed.story.meta, title="changed")))
    with pytest.raises(KeyboardInterrupt):
        export_comparison(changed, "intertext", out, pair=("en", "ru"))
    assert intertext_set(out) == old
    assert not list(out.glob(".*.part"))


KILLED_EXPORT = """
import os, signal, sys
sys.path.insert(0, {tests!r})
from compare.export import export_comparison
from test_export_cases import bridge_comparison
calls = []
real = os.fsync
def fsync(fd):
    calls.append(fd)
    real(fd)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
os.fsync = fsync
export_comparison(bridge_comparison(), "intertext", {out!r}, pair=("en", "ru"))
"""


def test_kill_9_during_an_intertext_export_keeps_the_old_set_and_leftovers_are_cleaned(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    export_comparison(bridge_comparison(), "intertext", out, pair=("ru", "en"))
    old = intertext_set(out)
    script = KILLED_EXPORT.format(tests=str(REPO / "tests"), out=str(out))
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            timeout=120)
    assert result.returncode == -9, result.stderr.decode()[-2000:]
    assert intertext_set(out) == old  # no new alignment beside the old documents
    assert list(out.glob(".*.part"))  # the dead writer's temporary files …
    export_comparison(bridge_comparison(), "intertext", out, pair=("ru", "en"))
    assert not list(out.glob(".*.part"))  # … are removed by the next export into the folder
    assert intertext_set(out) == old


# ---------------------------------------------------------------- 15 stdout, links and devices

def test_export_out_dash_writes_the_file_to_stdout(tmp_path):
    import subprocess
    import sys

    from lxml import etree

    saved = tmp_path / "saved.jsonl"
    export_comparison(bridge_comparison(), "jsonl", saved)
    result = subprocess.run([sys.executable, "-m", "compare", "export", str(saved), "--format",
                             "tmx", "--out", "-"], cwd=tmp_path, capture_output=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr.decode()
    assert etree.fromstring(result.stdout).tag == "tmx"
    assert not (tmp_path / "-").exists()
    assert b"<stdout>" in result.stderr  # the summary went to stderr, not into the file


def test_writing_to_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    from compare.export.safe_write import safe_write

    target = tmp_path / "real.tmx"
    target.write_bytes(b"old")
    link = tmp_path / "link.tmx"
    link.symlink_to(target)
    safe_write(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@pytest.mark.parametrize("special", ["devnull-link", "fifo"])
def test_writing_to_a_device_or_fifo_never_replaces_it(tmp_path, special):
    import stat
    import threading

    from compare.export.safe_write import safe_write

    path = tmp_path / special
    received = []
    if special == "fifo":
        os.mkfifo(path)
        reader = threading.Thread(target=lambda: received.append(path.read_bytes()))
        reader.start()
    else:
        path.symlink_to(os.devnull)
    safe_write(path, b"<tmx/>")
    if special == "fifo":
        reader.join(timeout=30)
        assert received == [b"<tmx/>"]
        assert stat.S_ISFIFO(os.stat(path).st_mode)
    else:
        assert path.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not list(tmp_path.glob(".*.part"))


# ---------------------------------------------------------------- 9, 10 FIFOs, devices, huge files

def finishes(call, seconds: float = 30):
    """call() in a thread: (returned or raised) within `seconds`, or the test fails (a hang)."""
    import threading

    outcome = []

    def target():
        try:
            outcome.append(("ok", call()))
        except BaseException as error:  # noqa: BLE001 — reported to the test
            outcome.append(("error", error))
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, "hung"
    return outcome[0]


def special_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "en.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind in ("/dev/zero", "/dev/urandom", "/dev/null"):
        path.symlink_to(kind)
    elif kind == "folder":
        path.mkdir()
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "dangling":
        path.symlink_to(tmp_path / "gone.txt")
    return path


SPECIAL_KINDS = [("fifo", "not a regular file"), ("/dev/zero", "not a regular file"),
                 ("/dev/urandom", "not a regular file"), ("/dev/null", "not a regular file"),
                 ("folder", "is a folder"), ("loop", "symbolic link loop"),
                 ("dangling", "symbolic link to a file that does not exist")]


@pytest.mark.parametrize("kind, message", SPECIAL_KINDS)
def test_a_fifo_or_device_as_input_is_one_line_and_no_hang(tmp_path, kind, message):
    path = special_file(tmp_path, kind)
    status, error = finishes(lambda: read_text(path))
    assert status == "error" and isinstance(error, InputError), error
    assert str(path) in str(error) and message in str(error) and "\n" not in str(error)


@pytest.mark.parametrize("command", [
    ["align", "--presegmented", "--src-lang", "en", "--tgt-lang", "ru", "{ok}", "{bad}"],
    ["translate", "--src-lang", "ru", "--tgt-lang", "be", "--engine", "apertium", "{bad}"],
    ["shifts", "{bad}"],
    ["import", "{bad}"],
    ["eval-align", "{bad}", "{ok}"],
])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_every_command_refuses_a_fifo_or_device_at_once(tmp_path, capsys, command, kind):
    from compare.cli import main

    ok = tmp_path / "ok.txt"
    ok.write_text("The minister arrived in Minsk.\n", "utf-8")
    bad = special_file(tmp_path, kind)
    argv = [part.format(ok=ok, bad=bad) for part in command]
    status, code = finishes(lambda: main(argv), 120)
    assert status == "ok" and code != 0, code
    err = capsys.readouterr().err.strip().splitlines()
    assert err and err[-1].startswith("error: ") and str(bad) in err[-1]
    assert "not a regular file" in err[-1]


def test_shifts_checks_the_size_before_reading(tmp_path, monkeypatch, capsys):
    from compare.cli import main

    huge = tmp_path / "pairs.tsv"
    with open(huge, "wb") as out:
        out.truncate(200 * 1024 * 1024)  # sparse: 200 MB by its size, nothing on disk
    reads = []
    real_open = open

    def watching_open(file, mode="r", *args, **kwargs):
        if str(file) == str(huge):
            reads.append(mode)
        return real_open(file, mode, *args, **kwargs)
    monkeypatch.setattr("builtins.open", watching_open)
    assert main(["shifts", str(huge)]) != 0
    assert not reads  # refused from its size, never opened
    err = capsys.readouterr().err
    assert "pairs.tsv: 209.7 MB is larger than the 10 MB" in err


def test_stdin_is_capped_too(monkeypatch):
    import io as stdio

    from compare.sources import read_capped

    class Endless(stdio.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"a" * len(buffer)
            return len(buffer)
    monkeypatch.setattr("sys.stdin", stdio.TextIOWrapper(stdio.BufferedReader(Endless())))
    status, error = finishes(lambda: read_capped("-", 1024 * 1024))
    assert status == "error" and "standard input: more than the 1 MB" in str(error)


# ---------------------------------------------------------------- story.toml: special and hostile

def story_with_meta(tmp_path: Path, kind: str) -> Path:
    story = tmp_path / "talks"
    shutil.copytree(STORY, story, ignore=shutil.ignore_patterns("gold", "*.tsv", "story.toml"))
    meta = story / "story.toml"
    if kind == "fifo":
        os.mkfifo(meta)
    elif kind == "folder":
        meta.mkdir()
    elif kind == "/dev/zero":
        meta.symlink_to("/dev/zero")
    elif kind == "deep":
        meta.write_text("title = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    elif kind == "big-int":
        meta.write_text("title = " + "7" * 5000 + "\n", "utf-8")
    elif kind == "table":
        meta.write_text("[title]\nx = 1\n", "utf-8")
    elif kind == "not-utf8":
        meta.write_bytes('title = "Переговоры"\n'.encode("cp1251"))
    elif kind == "huge":
        meta.write_text('notes = "' + "x" * (2 * 1024 * 1024) + '"\n', "utf-8")
    return story


@pytest.mark.parametrize("kind, message", [
    ("fifo", "not a regular file"), ("folder", "is a folder"), ("/dev/zero", "not a regular file"),
    ("deep", "nested too deeply"), ("big-int", "malformed story.toml"),
    ("table", "title must be text"), ("not-utf8", "malformed story.toml"),
    ("huge", "larger than the 1 MB"),
])
def test_a_hostile_story_toml_is_one_line(tmp_path, kind, message):
    story = story_with_meta(tmp_path, kind)
    status, error = finishes(lambda: load_story(story, check_lang=False))
    assert status == "error" and isinstance(error, InputError), repr(error)
    assert "story.toml" in str(error) and message in str(error) and "\n" not in str(error)


def test_a_corpus_export_skips_an_unusable_story_with_a_note(tmp_path, capsys):
    from compare.cli import main

    corpus = tmp_path / "corpus"
    story_with_meta(corpus, "deep")
    shutil.copytree(STORY, corpus / "good", ignore=shutil.ignore_patterns("gold", "*.tsv"))
    (corpus / "README.md").write_text("# not a story\n", "utf-8")
    out = tmp_path / "all.jsonl"
    assert main(["export", str(corpus), "--out", str(out), "--no-apertium"]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "talks" in err and "nested too deeply" in err
    assert out.read_text("utf-8").count('"type":"story"') == 1
    # corpora/* (the shell's expansion) holds README.md too: skipped with a note
    out2 = tmp_path / "star.jsonl"
    assert main(["export", *map(str, sorted(corpus.iterdir())), "--out", str(out2),
                 "--no-apertium"]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "README.md" in err
    assert out2.read_text("utf-8").count('"type":"story"') == 1


# ---------------------------------------------------------------- 12 --src-lang codes

@pytest.mark.parametrize("code, accepted", [
    ("xx", False), ("english", False), ("e", False), ("", False), ("zz-ZZ", False),
    ("de", True), ("fr", True), ("en", True), ("pt-BR", True), ("FR", True), ("yo", True),
])
def test_src_lang_must_be_an_iso_639_1_code(tmp_path, capsys, code, accepted):
    from compare.cli import main

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Der Minister kam an.\nDie Gespräche verliefen gut.\n", "utf-8")
    b.write_text("Le ministre est arrivé.\nLes pourparlers se sont bien passés.\n", "utf-8")
    rc = main(["align", "--presegmented", "--src-lang", code, "--tgt-lang", "fr", "--no-lang-check",
               str(a), str(b)])
    captured = capsys.readouterr()
    if accepted:
        assert rc == 0 and captured.out.count("\n") == 2, captured.err
    else:
        assert rc != 0
        line = captured.err.strip().splitlines()[-1]
        assert line.startswith("error: ") and "ISO 639-1" in line or "give --src-lang" in line


def test_align_reads_dash_as_stdin(tmp_path, monkeypatch, capsys):
    import io as stdio

    from compare.cli import main

    en = tmp_path / "en.txt"
    en.write_text("The minister arrived.\nTalks went well.\n", "utf-8")
    monkeypatch.setattr("sys.stdin", stdio.TextIOWrapper(stdio.BytesIO(
        "Министр прибыл.\nПереговоры прошли хорошо.\n".encode("utf-8"))))
    assert main(["align", "--presegmented", "--src-lang", "en", "--tgt-lang", "ru", str(en),
                 "-"]) == 0
    assert capsys.readouterr().out == "0\t0\n1\t1\n"


# ---------------------------------------------------------------- 11 importers: edited and hostile

import json  # noqa: E402


def jsonl_lines(tmp_path: Path) -> list[dict]:
    path = tmp_path / "base.jsonl"
    export_comparison(bridge_comparison(), "jsonl", path)
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _set(d, path: str, value):
    keys = path.split(".")
    for key in keys[:-1]:
        d = d[int(key)] if isinstance(d, list) else d[key]
    last = keys[-1]
    if isinstance(d, list):
        d[int(last)] = value
    else:
        d[last] = value


def _rename(d, path: str, new: str):
    keys = path.split(".")
    for key in keys[:-1]:
        d = d[int(key)] if isinstance(d, list) else d[key]
    d[new] = d.pop(keys[-1])


# (line to edit, edit, what the message must say)
JSONL_EDITS = [
    (1, lambda d: _rename(d, "meta.title", "titel"), "line 1: field meta.titel: unknown field"),
    (1, lambda d: _rename(d, "story", "storyid"), "line 1: field story: missing"),
    (1, lambda d: _set(d, "langs", "en,ru"), "line 1: field langs: expected a list"),
    (1, lambda d: _set(d, "langs", ["en", "de"]), "line 1: field langs[1]: expected one of"),
    (1, lambda d: _set(d, "documents.0.segments", "five"), "field documents[0].segments: expected a whole number"),
    (1, lambda d: _set(d, "documents.0.segments", 10**12), "field documents[0].segments: a number is out of range"),
    (1, lambda d: _rename(d, "documents.0.source", "sourse"), "field documents[0].sourse: unknown field"),
    (1, lambda d: _set(d, "alignments.0.pair", ["en", "en"]), "field alignments[0].pair: expected two different"),
    (1, lambda d: _set(d, "include_null", "yes"), "field include_null: expected true or false"),
    (1, lambda d: _set(d, "meta", ["a"]), "field meta: expected an object"),
    (1, lambda d: _set(d, "version", 99), "newer version"),
    (2, lambda d: _rename(d, "segments", "segs"), "line 2: field segments: missing"),
    (2, lambda d: _set(d, "segments.en.0.index", "x"), "line 2: field segments.en[0].index: expected a whole number, got 'x'"),
    (2, lambda d: _set(d, "segments.en.0.index", -1), "segments.en[0].index: -1 is out of range"),
    (2, lambda d: _set(d, "segments.en.0.index", 999_999_999), "segments.en[0].index: 999999999 is out of range"),
    (2, lambda d: _set(d, "segments.en.0.text", 42), "segments.en[0].text: expected text, got 42"),
    (2, lambda d: _set(d, "segments.en.0.mt.en", {"text": "x"}), "segments.en[0].mt.en: a translation into en"),
    (2, lambda d: _set(d, "segments.de", []), "field segments.de: expected one of en, ru, be"),
    (2, lambda d: _set(d, "links.0.src", "0"), "field links[0].src: expected a list"),
    (2, lambda d: _set(d, "links.0.src", [0.5]), "field links[0].src[0]: expected a whole number"),
    (2, lambda d: _set(d, "links.0.confidence", "high"), "field links[0].confidence: expected a number"),
    (2, lambda d: _set(d, "links.0.confidence", 7), "field links[0].confidence: expected a number from 0 to 1"),
    (2, lambda d: _set(d, "links.0.status", "done"), "field links[0].status: expected one of auto, confirmed"),
    (2, lambda d: _set(d, "links.0.signals", {"length": "long"}), "field links[0].signals.length: expected a number"),
    (2, lambda d: _set(d, "links.0.src", [40]), "points at en:40"),
    (2, lambda d: (_set(d, "links.0.src", []), _set(d, "links.0.tgt", [])), "has no segment on either side"),
    (2, lambda d: _set(d, "row", "first"), "field row: expected a whole number"),
    (2, lambda d: d.clear() or d.update({"type": "row", "story": "vitebsk-bridge"}), "field id: missing"),
]


@pytest.mark.parametrize("line, edit, message", JSONL_EDITS,
                         ids=[m[:40] for _, _, m in JSONL_EDITS])
def test_an_edited_jsonl_says_which_field_of_which_line_is_wrong(tmp_path, line, edit, message):
    from compare.export import import_corpus

    items = jsonl_lines(tmp_path)
    edit(items[line - 1])
    path = tmp_path / "edited.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), "utf-8")
    with pytest.raises(InputError) as error:
        import_corpus(path)
    one_line(error, str(path), message)


@pytest.mark.parametrize("line, message", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"type": "story", "story": "a", "langs": ["en", "ru"], "version": ' + "9" * 5000 + "}",
     "Exceeds the limit"),
    ('{"en": {"a": 1}, "ru": "x"}', "field en: expected text"),
    ('{"type": "story", "story": "a", "langs": ["en", "ru"], "meta": {"title": ' + '{"a": ' * 500
     + "1" + "}" * 501 + "}", "field meta.title: expected text or a number"),
    ("3", "expected a JSON object"),
])
def test_hostile_json_lines_are_one_line(tmp_path, line, message):
    from compare.export import import_corpus

    path = tmp_path / "hostile.jsonl"
    path.write_text(line + "\n", "utf-8")
    with pytest.raises(InputError) as error:
        import_corpus(path)
    one_line(error, str(path), message)


def _csv_with_record(tmp_path: Path, edit) -> Path:
    import csv

    base = tmp_path / "base.csv"
    export_comparison(bridge_comparison(), "csv", base)
    rows = list(csv.reader(io.StringIO(base.read_text("utf-8-sig"))))
    at = rows[0].index("record")
    rows[2][at] = edit(rows[2][at])
    path = tmp_path / "edited.csv"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), "utf-8-sig")
    return path


def _json_edit(change):
    def edit(cell):
        d = json.loads(cell)
        change(d)
        return json.dumps(d)
    return edit


@pytest.mark.parametrize("edit, message", [
    (_json_edit(lambda d: _set(d, "segments.en.0.index", "zero")),
     "row 3: field segments.en[0].index: expected a whole number, got 'zero'"),
    (_json_edit(lambda d: _set(d, "segments.en.0.length", "long")),
     "row 3: field segments.en[0].length: expected a whole number"),
    (_json_edit(lambda d: _rename(d, "segments.en.0.length", "text")),
     "row 3: field segments.en[0].length: missing"),
    (_json_edit(lambda d: _set(d, "links", {"0": 1})), "row 3: field links: expected a list"),
    (lambda cell: "[1, 2]", "row 3: the record cell is not a record"),
    (lambda cell: cell[: len(cell) // 2], "row 3: the record cell is damaged"),
    (lambda cell: "[" * 50_000 + "]" * 50_000, "row 3: the record cell: not a record (JSON nested too deeply)"),
])
def test_wrong_types_in_a_csv_record_cell_name_the_row_and_field(tmp_path, edit, message):
    from compare.export import import_corpus

    path = _csv_with_record(tmp_path, edit)
    with pytest.raises(InputError) as error:
        import_corpus(path)
    one_line(error, str(path), message)


XLIFF_NO_SOURCE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
<file id="f1"><unit id="u1"><segment><target>The bridge opens.</target></segment></unit></file>
</xliff>
"""


def test_an_xliff_segment_without_source_is_one_line(tmp_path):
    from compare.export import import_corpus

    path = tmp_path / "nosource.xlf"
    path.write_text(XLIFF_NO_SOURCE, "utf-8")
    with pytest.raises(InputError) as error:
        import_corpus(path)
    one_line(error, str(path), "unit 'u1' has a <segment> without <source>")


def test_an_xlsx_with_a_doctype_entity_is_refused_in_one_line(tmp_path):
    from compare.export import import_corpus

    base = tmp_path / "base.xlsx"
    export_comparison(bridge_comparison(), "xlsx", base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                doctype = b'<!DOCTYPE worksheet [<!ENTITY x "boom">]>'
                data = (data.replace(b"?>", b"?>" + doctype, 1) if data.startswith(b"<?xml")
                        else doctype + data)
                data = data.replace(b"<v>", b"<v>&x;", 1)
            target.writestr(info.filename, data)
    path = tmp_path / "entity.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError) as error:
        import_corpus(path)
    one_line(error, str(path), "DOCTYPE")


def test_an_edited_tmx_record_names_the_unit_and_field(tmp_path):
    from compare.export import import_corpus

    base = tmp_path / "base.tmx"
    export_comparison(bridge_comparison(), "tmx", base)
    text = base.read_text("utf-8")
    assert '"index":0' in text
    text = text.replace('"index":0', '"index":"0"', 1)
    path = tmp_path / "edited.tmx"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as error:
        import_corpus(path)
    message = one_line(error, str(path), "expected a whole number, got '0'")
    assert "<tu> number" in message or "story header" in message


# ---------------------------------------------------------------- 13 legacy Cyrillic code pages

RU_TEXT = ("Министр сельского хозяйства Ордании прибыл в Гродно. На встрече обсуждали поставки "
           "льна и зерна, сообщили в облисполкоме. Стороны договорились продолжить переговоры "
           "в июне; объём торговли вырос на 12,5%.\n")
BE_TEXT = ("Міністр сельскай гаспадаркі Ордaніі прыбыў у Гродна. На сустрэчы абмеркавалі пастаўкі "
           "лёну і збожжа, паведамілі ў аблвыканкаме. Бакі дамовіліся працягнуць перамовы ў "
           "чэрвені.\n").replace("a", "а")  # all Cyrillic


@pytest.mark.parametrize("encoding, text", [
    ("cp1251", RU_TEXT), ("koi8_r", RU_TEXT), ("koi8_u", RU_TEXT), ("cp866", RU_TEXT),
    ("mac_cyrillic", RU_TEXT), ("iso8859_5", RU_TEXT),
    ("cp1251", BE_TEXT), ("mac_cyrillic", BE_TEXT), ("iso8859_5", BE_TEXT),
    ("koi8_r", RU_TEXT[:70] + "\n"), ("cp866", RU_TEXT[:70] + "\n"),
], ids=lambda value: value if len(value) < 20 else f"{len(value)} chars")
def test_legacy_cyrillic_code_pages_are_detected(encoding, text):
    assert read_text("story.txt", text.encode(encoding)) == text


@pytest.mark.parametrize("encoding, lang", [("koi8_r", "ru"), ("cp866", "ru"),
                                            ("mac_cyrillic", "be")])
def test_a_legacy_file_is_not_blamed_on_its_language(tmp_path, encoding, lang):
    from compare.sources import load_document

    path = tmp_path / f"{lang}.txt"
    path.write_bytes((RU_TEXT if lang == "ru" else BE_TEXT).encode(encoding))
    document = load_document(path, lang)
    assert document.detected_lang == lang


def test_bytes_no_cyrillic_page_reads_get_unknown_cyrillic_encoding():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0xC0, 0x100) if rng.random() < 0.85 else 0x20 for _ in range(3000))
    with pytest.raises(InputError) as error:
        read_text("garbled.txt", data)
    one_line(error, "garbled.txt", "unknown Cyrillic encoding", "save it as UTF-8")


# ---------------------------------------------------------------- 20 CLI habits

def test_version(capsys):
    from compare import __version__
    from compare.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip().endswith(__version__)


@pytest.mark.parametrize("argv, code", [
    (["export", "{tmp}/nowhere", "--out", "{tmp}/x.tmx"], 1),  # input: no such folder
    (["import", "{tmp}/absent.tmx"], 1),
    (["export", str(STORY), "--out", "{tmp}/x.bin"], 2),  # usage: no format
    (["export", str(STORY), "--out", "{tmp}/x.tmx", "--pair", "en-de"], 2),
    (["align", "--presegmented", "--src-lang", "xx", "--tgt-lang", "ru", "a", "b"], 2),
    (["export", str(STORY), "--out", "{tmp}/x.tmx", "--format", "pdf"], 2),  # argparse
    (["no-such-command"], 2),
])
def test_exit_1_for_input_errors_and_2_for_usage_errors(tmp_path, capsys, argv, code):
    from compare.cli import main

    argv = [a.format(tmp=tmp_path) for a in argv]
    try:
        got = main(argv)
    except SystemExit as done:  # argparse's own usage errors
        got = done.code
    assert got == code
    assert capsys.readouterr().err.strip().splitlines()[-1].count("error") >= 1


# ---------------------------------------------------------------- 16 CAT formats from the CLI

@pytest.mark.parametrize("fmt, flags, nulls", [
    ("tmx", [], 0), ("tmx", ["--include-null"], 2), ("tmx", ["--skip-null"], 0),
    ("xliff", [], 0), ("xliff", ["--include-null"], 2),
    ("jsonl", [], 2), ("jsonl", ["--skip-null"], 0),
])
def test_null_links_are_left_out_of_cat_formats_unless_asked(tmp_path, capsys, fmt, flags, nulls):
    from compare.cli import main
    from compare.export import import_alignment

    saved = tmp_path / "saved.jsonl"
    export_comparison(bridge_comparison(), "jsonl", saved)
    out = tmp_path / f"out.{ {'tmx': 'tmx', 'xliff': 'xlf', 'jsonl': 'jsonl'}[fmt] }"
    assert main(["export", str(saved), "--format", fmt, "--pair", "ru-en", "--out", str(out),
                 *flags]) == 0, capsys.readouterr().err
    if fmt == "xliff":
        from lxml import etree
        root = etree.parse(str(out)).getroot()
        assert root.get("version") == "1.2"  # what translate-toolkit and OmegaT 3.6 read
        sources = [e.text or "" for e in root.iter("{urn:oasis:names:tc:xliff:document:1.2}source")]
        targets = [u.find("{urn:oasis:names:tc:xliff:document:1.2}target")
                   for u in root.iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit")]
        assert sum(not s for s in sources) + sum(t is None for t in targets) == nulls
        return
    alignment = next(iter(import_alignment(out).comparison.alignments.values()))
    assert sum(link.is_null for link in alignment.links) == nulls


def test_pair_names_the_tmx_srclang_and_the_cli_dates_it(tmp_path, capsys, monkeypatch):
    import re

    from lxml import etree

    from compare.cli import main

    saved = tmp_path / "saved.jsonl"
    export_comparison(bridge_comparison(), "jsonl", saved)
    out = tmp_path / "en-ru.tmx"
    assert main(["export", str(saved), "--pair", "en-ru", "--out", str(out)]) == 0
    header = etree.parse(str(out)).getroot().find("header")
    assert header.get("srclang") == "en"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    assert main(["export", str(saved), "--pair", "en-ru", "--include-null", "--skip-null",
                 "--out", str(out)]) == 2


def test_an_internal_error_is_one_line_too(monkeypatch, capsys):
    from compare.cli import main
    from compare.commands import report

    def broken(args):
        raise ValueError("could not broadcast\ninput array")
    monkeypatch.setattr(report, "run", broken)
    monkeypatch.delenv("WIRE_COMPARE_DEBUG", raising=False)
    assert main(["report", "x"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error in 'report'" in err
    assert "WIRE_COMPARE_DEBUG=1" in err and "Traceback" not in err
    monkeypatch.setenv("WIRE_COMPARE_DEBUG", "1")
    with pytest.raises(ValueError):
        main(["report", "x"])


# ---------------------------------------------------------------- XML: XInclude, deep nesting

TMX_HEAD = ('<?xml version="1.0"?><tmx version="1.4"{ns}><header srclang="en" creationtool="x" '
            'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" '
            'datatype="plaintext"/><body>')


def test_xinclude_is_never_followed(tmp_path):
    from compare.export import import_alignment

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", "utf-8")
    path = tmp_path / "xi.tmx"
    path.write_text(TMX_HEAD.format(ns=' xmlns:xi="http://www.w3.org/2001/XInclude"')
                    + f'<tu><tuv xml:lang="en"><seg>Hello <xi:include href="{secret}" '
                    'parse="text"/></seg></tuv><tuv xml:lang="ru"><seg>Привет</seg></tuv></tu>'
                    "</body></tmx>", "utf-8")
    try:
        imported = import_alignment(path)
    except InputError as error:
        assert "\n" not in str(error)
        return
    texts = [s.text for d in imported.story.documents.values() for s in d.segments]
    assert not any("TOP-SECRET" in t for t in texts)


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deeply_nested_xml_is_one_line(tmp_path, depth):
    from compare.export import import_alignment

    path = tmp_path / "deep.tmx"
    path.write_text(TMX_HEAD.format(ns="") + "<tu>" * depth + "</tu>" * depth + "</body></tmx>",
                    "utf-8")
    status, error = finishes(lambda: import_alignment(path))
    assert status == "error" and isinstance(error, InputError), repr(error)
    assert str(path) in str(error) and "\n" not in str(error)


def test_tmx_creationdate_is_valid_against_the_dtd(tmp_path, monkeypatch):
    from lxml import etree

    from compare.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    saved = tmp_path / "saved.jsonl"
    export_comparison(bridge_comparison(), "jsonl", saved)
    out = tmp_path / "s.tmx"
    assert main(["export", str(saved), "--out", str(out)]) == 0
    tree = etree.parse(str(out))
    assert tree.getroot().find("header").get("creationdate") == "19700101T000000Z"
    dtd = lisa_tmx_dtd()
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


# ---------------------------------------------------------------- session 4: more kinds
# (benchmarks/bad_input_battery.py runs each of these end to end as well)

from compare.sources import decode_bytes, html_main_text  # noqa: E402

RU_LINES = "Министр прибыл в Витебск.\nПереговоры прошли в деловой атмосфере.\n"


@pytest.mark.parametrize("name, data", [
    ("mac.txt", RU_LINES.encode("mac-cyrillic")),
    ("iso.txt", RU_LINES.encode("iso8859-5")),
    ("bom.txt", RU_LINES.encode("utf-8-sig")),
    ("u32.txt", RU_LINES.encode("utf-32")),
    ("crlf.txt", RU_LINES.replace("\n", "\r\n").encode()),
    ("cr.txt", RU_LINES.replace("\n", "\r").encode()),
])
def test_more_encodings_and_line_endings_read_as_written(name, data):
    text = decode_bytes(name, data)
    assert text.replace("\r\n", "\n").replace("\r", "\n").strip() == RU_LINES.strip() or \
        text.strip() == RU_LINES.strip()
    assert "\ufeff" not in text


def test_script_and_style_never_become_story_text():
    page = ("<html><head><script>var s='SCRIPTTEXT';</script><style>p{color:red}</style></head>"
            "<body><article><p>Министр прибыл в Витебск.</p><p>Переговоры прошли.</p></article>"
            "</body></html>")
    text = html_main_text("page.html", page)
    assert "Министр прибыл" in text and "SCRIPTTEXT" not in text and "color" not in text


def test_html_nested_50000_deep_is_text_or_one_line():
    page = "<html><body>" + "<div>" * 50000 + "<p>Министр прибыл.</p>" + "</div>" * 50000
    try:
        text = html_main_text("deep.html", page)
    except InputError as error:
        assert "deep.html" in str(error) and "\n" not in str(error)
    else:
        assert "Министр прибыл." in text


def test_a_docx_external_entity_is_never_resolved(tmp_path):
    from compare.sources import load_document

    path = tmp_path / "ru.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM '
                   '"file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Министр &x;</w:t></w:r>'
                   '</w:p></w:body></w:document>')
    try:
        document = load_document(path, "ru", check_lang=False)
    except InputError as error:
        assert "ru.docx" in str(error) and "\n" not in str(error)
    else:
        assert "root:" not in document.text


def test_out_dev_full_is_one_line_and_exit_1(capsys):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    from compare.cli import main

    saved = Path(__file__).resolve().parent.parent / "corpora" / "politics-talks-vitebsk"
    assert main(["export", str(saved), "--format", "tmx", "--out", "/dev/full",
                 "--no-apertium"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert [line for line in err if line.startswith("error:")] == [err[-1]]
    assert "/dev/full" in err[-1]
