"""Hugging Face habits (issue 16, item 21): the hub cache and offline mode are huggingface_hub's
own reading of HF_HOME, HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, HF_HUB_OFFLINE and
TRANSFORMERS_OFFLINE (each case in a fresh process, as the library reads them at import);
`--revision` picks a snapshot for translate and names it for download; the CTranslate2 M2M100
fix goes through the converter's public register_loader. No model can be downloaded here: the
hub cache is laid out by hand around a tiny model the tests generate (scripts/make_test_models.py).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing here may try the network

import translate_helpers as helpers  # noqa: E402  (tests/ is on sys.path under pytest)

REPO = Path(__file__).resolve().parent.parent
HUB_VARIABLES = ("HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HUB_OFFLINE",
                 "TRANSFORMERS_OFFLINE", "XDG_CACHE_HOME")
PROBE = ("import json; from compare.translate import models; "
         "print(json.dumps([str(models.hub_cache_dir()), models.hub_offline()]))")


def fresh(code: str, env: dict[str, str], *args: str, stdin: str | None = None):
    clean = {k: v for k, v in os.environ.items() if k not in HUB_VARIABLES}
    return subprocess.run([sys.executable, *(("-c", code) if code else ()), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=300, input=stdin,
                          env={**clean, "PYTHONPATH": str(REPO), **env})


@pytest.mark.parametrize("env, cache, offline", [
    ({"HF_HOME": "/data/hf"}, "/data/hf/hub", False),
    ({"HUGGINGFACE_HUB_CACHE": "/data/old-hub"}, "/data/old-hub", False),  # the older name
    ({"HF_HUB_CACHE": "/data/hub", "HUGGINGFACE_HUB_CACHE": "/data/old-hub",
      "HF_HOME": "/data/hf"}, "/data/hub", False),  # the library's order: HF_HUB_CACHE first
    ({"XDG_CACHE_HOME": "/data/xdg"}, "/data/xdg/huggingface/hub", False),
    ({"HF_HUB_OFFLINE": "1"}, None, True),
    ({"TRANSFORMERS_OFFLINE": "1"}, None, True),  # honoured by the library, so by us
])
def test_the_hub_cache_and_offline_mode_are_the_librarys(env, cache, offline):
    result = fresh(PROBE, env)
    assert result.returncode == 0, result.stderr
    found_cache, found_offline = json.loads(result.stdout)
    if cache is not None:
        assert found_cache == cache
    assert found_offline is offline


def lay_out_hub(root: Path, repo_id: str, model: Path, revisions: dict[str, str]) -> Path:
    """A hub cache as huggingface_hub writes it: snapshots/<commit>/…, refs/<branch or tag>."""
    repo = root / ("models--" + repo_id.replace("/", "--"))
    for ref, commit in revisions.items():
        snapshot = repo / "snapshots" / commit
        if not snapshot.exists():
            shutil.copytree(model, snapshot)
        (repo / "refs").mkdir(parents=True, exist_ok=True)
        (repo / "refs" / ref).write_text(commit)
    return repo


MAIN = "1" * 40
V2 = "2" * 40


@pytest.fixture(scope="module")
def hub_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("hf-home")
    model = helpers.tiny_models()["tiny-marian"]
    lay_out_hub(home / "hub", "tiny-org/tiny-marian", model, {"main": MAIN, "v2": V2})
    return home


def test_a_model_in_the_hf_home_cache_loads_and_translate_revision_picks_the_snapshot(hub_home):
    base = ["-m", "compare", "translate", "--src-lang", "ru", "--tgt-lang", "be", "--engine",
            "hf", "--model", "tiny-org/tiny-marian", "--beam", "1", "--no-cache", "-"]
    env = {"HF_HOME": str(hub_home), "HF_HUB_OFFLINE": "1"}
    for extra, commit in (([], MAIN), (["--revision", "v2"], V2), (["--revision", V2], V2)):
        result = fresh("", env, *base, *extra, stdin="Мост откроют в мае.\n")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()  # a translation (random weights: any text)
        assert f"revision {commit}" in result.stderr  # the snapshot used, in the summary


def test_a_revision_not_in_the_cache_says_how_to_get_it(hub_home):
    result = fresh("", {"HF_HOME": str(hub_home), "HF_HUB_OFFLINE": "1"}, "-m", "compare",
                   "translate", "--src-lang", "ru", "--tgt-lang", "be", "--engine", "hf",
                   "--model", "tiny-org/tiny-marian", "--revision", "v3", "--no-cache", "-",
                   stdin="Мост.\n")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "at revision v3 is not downloaded" in lines[0]
    assert "models download tiny-org/tiny-marian --revision v3" in lines[0]


def test_models_download_takes_a_revision_and_offline_mode_refuses_in_one_line(hub_home):
    result = fresh("", {"HF_HOME": str(hub_home), "HF_HUB_OFFLINE": "1"}, "-m", "compare",
                   "models", "download", "tiny-org/tiny-marian", "--revision", "v2")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "HF_HUB_OFFLINE is set" in result.stderr


def test_the_m2m100_fix_uses_the_public_loader_registry():
    ct2_transformers = pytest.importorskip("ctranslate2.converters.transformers")
    from compare.translate import ct2

    ct2._fix_m2m100_vocabulary()
    loader = ct2_transformers._MODEL_LOADERS["M2M100Config"]  # read only, to check the result
    assert isinstance(loader, ct2_transformers.M2M100Loader)
    assert type(loader).__module__ == "compare.translate.ct2"
    source = Path(ct2.__file__).read_text(encoding="utf-8")
    assert "_MODEL_LOADERS" not in source
