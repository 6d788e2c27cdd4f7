"""Shared by the tests/test_translate*.py modules: the tiny random-weight models, made once
per test session (and kept in build/test-models/ between sessions; a clean clone makes them
in seconds with scripts/make_test_models.py)."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "translate"
MODELS_ROOT = REPO / "build" / "test-models"

_made: dict[str, Path] = {}


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_test_models", REPO / "scripts" / "make_test_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tiny_models() -> dict[str, Path]:
    """name → folder of tiny-marian, tiny-m2m100, tiny-nllb (made at most once a session)."""
    if not _made:
        os.environ["HF_HUB_OFFLINE"] = "1"
        script = _script()
        for name in script.TINY:
            _made[name] = script.make(name, MODELS_ROOT)
    return dict(_made)


def parallel_rows() -> list[dict[str, str]]:
    import csv

    with (DATA / "parallel.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def use_hub(monkeypatch, cache: Path | None = None, offline: bool = True) -> None:
    """Point the Hugging Face hub at the test's own cache (and offline mode). compare reads
    huggingface_hub's constants, which the library derives from the environment once, at
    import, as it does in a real run: a test that changes the environment later sets both."""
    from huggingface_hub import constants

    if cache is not None:
        monkeypatch.setenv("HF_HUB_CACHE", str(cache))
        monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1" if offline else "0")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", offline)
