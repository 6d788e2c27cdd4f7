"""The app's "folder" source opens only folders under the sample corpus or a root named at
launch (WIRE_COMPARE_FOLDER_ROOTS): a shared app must not read any path on the server."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from compare.folder_access import FOLDER_ROOTS_ENV, allowed_folder, allowed_roots
from compare.model import InputError

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
CORPORA = REPO / "corpora"
STORY = CORPORA / "politics-talks-vitebsk"


@pytest.fixture(autouse=True)
def private_stores(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "corrections.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "mt-cache.sqlite"))
    monkeypatch.delenv(FOLDER_ROOTS_ENV, raising=False)


@pytest.fixture
def user_root(tmp_path):
    """A root the user allows, holding one story, next to a folder it does not allow."""
    root = tmp_path / "allowed"
    shutil.copytree(STORY, root / "talks", ignore=shutil.ignore_patterns("gold", "*.tsv"))
    shutil.copytree(STORY, tmp_path / "private" / "talks", ignore=shutil.ignore_patterns("gold", "*.tsv"))
    return root


def open_folder(typed: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.radio(key="source").set_value("Folder on this computer").run()
    at.text_input(key="folder").set_value(typed).run()
    assert not at.exception, at.exception
    assert not [e.value for e in at.error if "Something went wrong" in e.value]
    return at


def refused(at: AppTest, typed: str) -> bool:
    errors = [e.value for e in at.error]
    return (len(errors) == 1 and errors[0].startswith(f"{typed}: outside the folders this app may open")
            and "\n" not in errors[0] and FOLDER_ROOTS_ENV in errors[0])


# ---------------------------------------------------------------- through the app

def test_a_folder_of_the_sample_corpus_opens_by_path_or_by_name():
    for typed in (str(STORY), STORY.name):
        at = open_folder(typed)
        assert at.session_state["comparison"].story.id == STORY.name
        assert not at.error


@pytest.mark.parametrize("typed", ["/etc", str(REPO / "tests"), str(CORPORA / ".." / "compare"),
                                   "../tests", "~"])
def test_a_server_path_outside_the_allowed_folders_is_refused_in_one_line(typed):
    at = open_folder(typed)
    assert refused(at, typed)
    assert not [h for h in at.html if '<table class="aligned">' in h.value]  # nothing was opened


def test_a_root_given_at_launch_is_opened_and_nothing_beside_it(user_root, monkeypatch):
    private = user_root.parent / "private" / "talks"
    assert refused(open_folder(str(private)), str(private))  # before the root is allowed
    monkeypatch.setenv(FOLDER_ROOTS_ENV, str(user_root))
    at = open_folder(str(user_root / "talks"))
    assert at.session_state["comparison"].story.id == "talks"
    at = open_folder("talks")  # relative: under the root the user gave
    assert at.session_state["comparison"].story.id == "talks"
    assert refused(open_folder(str(private)), str(private))


# ---------------------------------------------------------------- the rule itself

def test_links_and_dot_dot_cannot_lead_out_of_a_root(user_root):
    (user_root / "escape").symlink_to(user_root.parent / "private")
    roots = allowed_roots(CORPORA, {FOLDER_ROOTS_ENV: str(user_root)})
    for typed in (str(user_root / "escape" / "talks"), str(user_root / ".." / "private" / "talks"),
                  "escape/talks", "../private/talks"):
        with pytest.raises(InputError, match="outside the folders this app may open"):
            allowed_folder(typed, roots)


def test_several_roots_and_the_corpus_are_all_allowed(tmp_path):
    first, second = tmp_path / "desk", tmp_path / "archive"
    roots = allowed_roots(CORPORA, {FOLDER_ROOTS_ENV: os.pathsep.join([str(first), " ", str(second)])})
    assert roots == [first.resolve(), second.resolve(), CORPORA.resolve()]
    assert allowed_folder(str(second / "2025" / "story"), roots) == (second / "2025" / "story").resolve()
    assert allowed_folder(str(STORY), roots) == STORY.resolve()
    assert allowed_folder("story", roots) == (first / "story").resolve()  # relative: first root
    # the message names the folders that are allowed, so the user knows where to put stories
    with pytest.raises(InputError, match=f"the sample corpus and {first.resolve()}, {second.resolve()}"):
        allowed_folder(str(tmp_path), roots)
