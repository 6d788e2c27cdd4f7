"""Paths shared by the test modules."""
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
