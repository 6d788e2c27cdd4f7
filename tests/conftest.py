"""Paths shared by the test modules."""
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / "corpora"
SHARED = REPO.parent / "shared"  # ../shared beside the checkout, as in CI


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpora_root() -> Path:
    return CORPORA


@pytest.fixture(scope="session", autouse=True)
def session_translation_cache(tmp_path_factory):
    """The pipeline translates (Apertium be→ru for the ru↔be alignment) through the translation
    cache: tests never write the user's. A test that needs a cache of its own sets
    WIRE_COMPARE_MT_CACHE itself (monkeypatch), which wins for that test."""
    before = os.environ.get("WIRE_COMPARE_MT_CACHE")
    os.environ["WIRE_COMPARE_MT_CACHE"] = str(tmp_path_factory.mktemp("mt-cache") / "translations.sqlite")
    yield
    if before is None:
        os.environ.pop("WIRE_COMPARE_MT_CACHE", None)
    else:
        os.environ["WIRE_COMPARE_MT_CACHE"] = before


@pytest.fixture(scope="session", autouse=True)
def session_result_cache(tmp_path_factory):
    """The app keeps comparisons on disk (review/result_cache.py): tests never write the user's."""
    before = os.environ.get("WIRE_COMPARE_RESULT_CACHE")
    os.environ["WIRE_COMPARE_RESULT_CACHE"] = str(tmp_path_factory.mktemp("results"))
    yield
    if before is None:
        os.environ.pop("WIRE_COMPARE_RESULT_CACHE", None)
    else:
        os.environ["WIRE_COMPARE_RESULT_CACHE"] = before
