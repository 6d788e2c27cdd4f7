"""Translation cache: a story translated once is never translated again; the key holds
everything that changes the output; a damaged file is moved aside, never lost; several
processes write at once."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from compare.model import Translation  # noqa: E402
from compare.translate import TranslationCache, get_translator, translate_segments  # noqa: E402
from compare.translate.apertium import ApertiumTranslator  # noqa: E402

DATA = Path(__file__).parent / "data" / "translate"
import translate_helpers as helpers  # noqa: E402  (tests/ is on sys.path under pytest)

STORY = [row["ru"] for row in helpers.parallel_rows()[:10]]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    helpers.use_hub(monkeypatch, tmp_path / "hub")
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "default-cache.sqlite"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    config = tmp_path / "config.toml"
    config.write_text("")
    monkeypatch.setenv("WIRE_COMPARE_CONFIG", str(config))


@pytest.fixture
def fake(tmp_path) -> str:
    target = tmp_path / "apertium"
    shutil.copy(DATA / "fake_apertium.sh", target)
    target.chmod(0o755)
    return str(target)


def test_second_run_over_a_story_makes_zero_engine_calls_and_loads_no_model(tmp_path):
    model = str(helpers.tiny_models()["tiny-marian"])
    cache = tmp_path / "cache.sqlite"
    first = get_translator("ru", "be", engine="hf", model=model, beam=1, force_length=6)
    before = translate_segments(STORY, "ru", "be", translator=first, cache=cache)
    assert first.engine_calls >= 1
    again = get_translator("ru", "be", engine="hf", model=model, beam=1, force_length=6)
    progress: list[tuple[int, int]] = []
    after = translate_segments(STORY, "ru", "be", translator=again, cache=cache,
                               progress=lambda done, total: progress.append((done, total)))
    assert again.engine_calls == 0 and again._model is None
    assert after == before
    assert progress[-1] == (len(STORY), len(STORY))


def test_only_the_missing_segments_go_to_the_engine_each_once(tmp_path, fake):
    cache = tmp_path / "cache.sqlite"
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    translate_segments(["one", "two"], "ru", "be", translator=translator, cache=cache)
    calls = []
    original = translator.translate
    translator.translate = lambda texts: calls.append(list(texts)) or original(texts)
    results = translate_segments(["two", "three", "one", "three"], "ru", "be",
                                 translator=translator, cache=cache)
    assert calls == [["three"]]
    assert [r.text for r in results] == ["TWO", "THREE", "ONE", "THREE"]


def test_options_that_change_the_output_are_part_of_the_key(tmp_path):
    model = str(helpers.tiny_models()["tiny-marian"])
    cache = tmp_path / "cache.sqlite"
    translate_segments(STORY[:2], "ru", "be", engine="hf", model=model, beam=1, cache=cache,
                       force_length=6)
    other_beam = get_translator("ru", "be", engine="hf", model=model, beam=2, force_length=6)
    translate_segments(STORY[:2], "ru", "be", translator=other_beam, cache=cache)
    assert other_beam.engine_calls == 1
    other_direction = get_translator("be", "ru", engine="hf", model=model, beam=1,
                                     force_length=6)
    translate_segments(STORY[:2], "be", "ru", translator=other_direction, cache=cache)
    assert other_direction.engine_calls == 1


def test_failed_translations_are_not_cached(tmp_path, fake):
    cache = tmp_path / "cache.sqlite"
    texts = ["fine", "bad 💥"]
    first = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    results = translate_segments(texts, "ru", "be", translator=first, cache=cache)
    assert [r.failed for r in results] == [False, True]
    second = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    translate_segments(texts, "ru", "be", translator=second, cache=cache)
    assert second.engine_calls >= 1  # the failed one is tried again
    with TranslationCache(cache) as store:
        assert store.count() == 1


@pytest.mark.parametrize("damage", [
    b"this is not a database, it is a note somebody saved here\n" * 20,
    b"SQLite format 3\x00" + b"\xff" * 4000,
])
def test_a_damaged_cache_file_is_moved_aside_and_translation_goes_on(tmp_path, fake, damage):
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(damage)
    notices: list[str] = []
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    results = translate_segments(["hello"], "ru", "be", translator=translator, cache=cache,
                                 notices=notices)
    assert [r.text for r in results] == ["HELLO"]
    assert len(notices) == 1 and "was damaged" in notices[0] and "moved it to" in notices[0]
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("cache.sqlite.damaged-")]
    assert len(moved) == 1 and moved[0].read_bytes() == damage  # the user's file is kept
    with TranslationCache(cache) as store:  # and the new cache works
        assert store.count() == 1 and not store.notices


def test_a_cache_that_cannot_be_created_is_switched_off_with_a_notice(tmp_path, fake):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    notices: list[str] = []
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    results = translate_segments(["hello"], "ru", "be", translator=translator,
                                 cache=blocker / "cache.sqlite", notices=notices)
    assert [r.text for r in results] == ["HELLO"]
    assert notices and "is off" in notices[0]


WRITER = """
import sys
from compare.model import Translation
from compare.translate.cache import TranslationCache, cache_key
worker = int(sys.argv[2])
store = TranslationCache(sys.argv[1])
for batch in range(20):
    rows = []
    for n in range(10):
        text = f"w{worker} b{batch} n{n}"
        t = Translation(text=text.upper(), engine="e", model="m", src_lang="ru", tgt_lang="be")
        rows.append((cache_key("e", "m", "r", {}, "ru", "be", text), text, t))
    store.put_many(rows)
    store.get_many([key for key, _, _ in rows])
assert not store.notices, store.notices
"""


def test_several_processes_write_to_one_cache_at_once(tmp_path):
    cache = tmp_path / "shared.sqlite"
    workers = [subprocess.Popen([sys.executable, "-c", WRITER, str(cache), str(n)],
                                stderr=subprocess.PIPE, text=True) for n in range(4)]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert all(w.returncode == 0 for w in workers), errors
    with sqlite3.connect(cache) as connection:
        assert connection.execute("SELECT COUNT(*) FROM translations").fetchone()[0] == 800
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_cache_path_follows_the_environment(tmp_path, monkeypatch, fake):
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "from-env.sqlite"))
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    translate_segments(["x"], "ru", "be", translator=translator)
    assert (tmp_path / "from-env.sqlite").exists()


def test_cached_records_carry_engine_model_and_options(tmp_path, fake):
    cache = tmp_path / "cache.sqlite"
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    first = translate_segments(["x"], "ru", "be", translator=translator, cache=cache)[0]
    second = translate_segments(["x"], "ru", "be", translator=translator, cache=cache)[0]
    assert second == first
    assert isinstance(second, Translation) and second.engine == "apertium"
    assert second.options["revision"].startswith("Fake apertium 1.0")


@pytest.mark.parametrize("cached", [False, True])
def test_progress_moves_every_four_sentences_or_fewer_while_a_user_watches(tmp_path, fake, cached):
    """A 10-sentence story: the progress callback is told 0, 4, 8, 10 — never 0 then 10 — with
    the cache and without it; with no one watching, one engine call takes them all."""
    texts = [f"sentence {n}" for n in range(10)]
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=fake)
    calls = []
    original = translator.translate
    translator.translate = lambda batch: calls.append(len(batch)) or original(batch)
    seen: list[tuple[int, int]] = []
    translate_segments(texts, "ru", "be", translator=translator, cache=tmp_path / "c.sqlite" if cached else None,
                       progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 10), (4, 10), (8, 10), (10, 10)]
    assert max(calls) <= 4
    calls.clear()
    translate_segments([t + "!" for t in texts], "ru", "be", translator=translator,
                       cache=tmp_path / "c2.sqlite" if cached else None)
    assert calls == [10]
