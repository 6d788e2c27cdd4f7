"""The MT section's words per direction (compare.mt_page): its state, what to do in the page,
the Apertium state, the one sentence for a machine with Russian ↔ Belarusian MT only, the
terminal commands once, and a local model folder checked with one line when it is wrong."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from compare import mt_page
from compare.model import InputError


@dataclass(frozen=True)
class Status:  # the fields of compare.translate.DirectionStatus the page reads
    src_lang: str
    tgt_lang: str
    engine: str
    model: str
    ready: bool
    detail: str
    how: str = ""
    alternatives: tuple = ()


def hf(src, tgt, ready=False, how=True):
    model = f"Helsinki-NLP/opus-mt-{src}-{tgt}"
    return Status(src, tgt, "hf", model, ready, "ready" if ready else f"{model} is not downloaded",
                  f"python -m compare models download {model}" if how and not ready else "")


def apertium(src, tgt, ready=True):
    pair = {"ru": "rus", "be": "bel"}
    model = f"{pair[src]}-{pair[tgt]}"
    return Status(src, tgt, "apertium", model, ready, "ready" if ready else "apertium is not installed",
                  alternatives=(hf(src, tgt),))


THIS_MACHINE = [hf("en", "ru"), hf("ru", "en"), hf("en", "be"), hf("be", "en"),
                apertium("be", "ru"), apertium("ru", "be")]
LANGS = ("en", "ru", "be")


@pytest.mark.parametrize("statuses, direction, state", [
    (THIS_MACHINE, "ru-en", mt_page.NOT_INSTALLED),
    (THIS_MACHINE, "ru-be", mt_page.READY),
    ([hf("en", "ru", ready=True)], "en-ru", mt_page.READY),
    ([hf("en", "ru", how=False)], "en-ru", mt_page.NO_ENGINE),  # e.g. transformers missing
    ([apertium("ru", "be", ready=False)], "ru-be", mt_page.NOT_INSTALLED),
])
def test_each_direction_has_one_state(statuses, direction, state):
    views = {v.direction: v for v in mt_page.direction_views(statuses, LANGS)}
    assert views[direction].state == state
    line = mt_page.state_line(views[direction])
    assert line.startswith("✔" if state == mt_page.READY else "✖") and state in line


def test_only_the_storys_directions_are_listed():
    views = mt_page.direction_views(THIS_MACHINE, ("en", "ru"))
    assert [v.direction for v in views] == ["en-ru", "ru-en"]


def test_a_machine_with_only_russian_belarusian_mt_says_so_once():
    views = mt_page.direction_views(THIS_MACHINE, LANGS)
    assert "Only Russian ↔ Belarusian MT" in mt_page.only_rube(views, LANGS)
    assert mt_page.only_rube(views, ("ru", "be")) == ""  # nothing missing for such a story
    assert mt_page.only_rube(views, LANGS, folders=["ru-en"]) == ""  # a folder added ru→en
    assert "is installed" in mt_page.apertium_line(views)
    none = mt_page.direction_views([apertium("ru", "be", ready=False), apertium("be", "ru", ready=False)], LANGS)
    assert "not installed" in mt_page.apertium_line(none) and mt_page.only_rube(none, LANGS) == ""


def test_terminal_commands_are_listed_once_each():
    views = mt_page.direction_views(THIS_MACHINE, LANGS)
    hints = mt_page.terminal_hints(views)
    assert len(hints) == len(set(hints)) == 4  # the four English directions; ru↔be are ready
    assert all(h.startswith("python -m compare models download") for h in hints)


@pytest.fixture
def roots(tmp_path) -> list[Path]:
    return [tmp_path]


def tiny_marian(root: Path) -> Path:
    """A tiny multilingual Marian model (into Belarusian, Russian, Ukrainian) under root."""
    import shutil

    import translate_helpers as helpers

    folder = root / "my-model"
    if not folder.exists():
        shutil.copytree(helpers.tiny_models()["tiny-marian"], folder)
    return folder


def test_a_model_folder_that_is_a_model_makes_its_direction_ready(roots):
    folder = tiny_marian(roots[0])
    view = mt_page.direction_views([hf("en", "be")], LANGS)[0]  # the registry's >>bel<< applies
    engine, model = mt_page.model_folder(view, str(folder), roots)
    assert (engine, model) == ("hf", str(folder.resolve()))
    wrong = mt_page.direction_views([hf("ru", "en")], LANGS)[0]
    with pytest.raises(InputError, match="not into English"):  # a model of other languages
        mt_page.model_folder(wrong, str(folder), roots)


@pytest.mark.parametrize("make, message", [
    (lambda root: root / "nowhere", "not a folder"),
    (lambda root: (root / "empty").mkdir() or root / "empty", "no config.json"),
    (lambda root: Path("/etc"), "outside the folders this app may open"),
])
def test_a_wrong_model_folder_gets_one_line(roots, make, message):
    view = mt_page.direction_views([hf("ru", "en")], LANGS)[0]
    with pytest.raises(InputError) as error:
        mt_page.model_folder(view, str(make(roots[0])), roots)
    assert message in str(error.value) and "\n" not in str(error.value)
