"""Apertium engine: real be↔ru translations, one process per batch, and crash isolation —
with real sentences that crash the stock rus-bel tagger (apertium bug #223) and with a fake
`apertium` that crashes on demand (so the isolation logic is tested whatever the version)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from compare.translate import TranslatorUnavailable, get_translator
from compare.translate.apertium import ApertiumTranslator

import translate_helpers as helpers  # tests/ is on sys.path under pytest

DATA = Path(__file__).parent / "data" / "translate"
FAKE = DATA / "fake_apertium.sh"


def _has_mode(mode: str) -> bool:
    if not shutil.which("apertium"):
        return False
    listed = subprocess.run(["apertium", "-l"], capture_output=True, text=True)
    return mode in listed.stdout.split()


needs_bel_rus = pytest.mark.skipif(not _has_mode("bel-rus"), reason="apertium-bel-rus not installed")
needs_rus_bel = pytest.mark.skipif(not _has_mode("rus-bel"), reason="apertium-bel-rus not installed")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    helpers.use_hub(monkeypatch, tmp_path / "hub")
    config = tmp_path / "config.toml"
    config.write_text("")
    monkeypatch.setenv("WIRE_COMPARE_CONFIG", str(config))


# Belarusian → Russian with the stock bel-rus mode: words that must come out Russian.
BE_RU = [
    ("Новая бальніца адкрыецца ў Гомелі ў снежні.", ["больница", "откроется", "Гомеле", "декабре"]),
    ("Дэлегацыя наведала малочны завод і школу.", ["Делегация", "посетила", "школу"]),
    ("Бібліятэка атрымала дзве тысячы новых кніг.", ["Библиотека", "получила", "новых", "книг"]),
    ("Суд адклаў слуханне да наступнага тыдня.", ["Суд", "отложил", "слушание"]),
]

# Russian sentences on which the stock rus-bel tagger crashes by itself (apertium 3.8.3,
# apertium-bel-rus 0.2.1), and sentences it translates.
RUS_BEL_CRASHING = [
    "Участники обсудили вопросы экономики.",
    "Аграрии Минской области собрали больше зерна, чем в прошлом году.",
    "По данным министерства, цены на хлеб не изменятся.",
]
RUS_BEL_FINE = [
    ("Новая больница откроется в Гомеле в декабре.", ["бальніца", "адкрыецца", "снежні"]),
    ("Делегация посетила молочный завод и школу.", ["Дэлегацыя", "наведала", "школу"]),
    ("Футбольная команда выиграла третий матч подряд.", ["каманда", "матч", "запар"]),
]


def _crashes_alone(sentence: str) -> bool:
    run = subprocess.run(["apertium", "-u", "rus-bel"], input=sentence, capture_output=True,
                         text=True)
    return not run.stdout.strip()


@needs_bel_rus
def test_belarusian_to_russian_is_a_real_translation():
    translator = get_translator("be", "ru", engine="apertium")
    results = translator.translate([be for be, _ in BE_RU])
    for (source, words), result in zip(BE_RU, results):
        assert not result.failed
        for word in words:
            assert word in result.text, (source, result.text)
    assert translator.engine_calls == 1  # one process for the batch
    assert results[0].engine == "apertium" and results[0].model == "bel-rus"
    assert results[0].options["revision"].startswith("Apertium")


@needs_bel_rus
def test_be_ru_default_is_apertium_when_no_neural_model_is_downloaded():
    translator = get_translator("be", "ru")
    assert (translator.engine, translator.model) == ("apertium", "bel-rus")


@needs_bel_rus
def test_a_thousand_sentences_go_through_one_process_in_order():
    sentences = [f"{be} {n}" for n in range(250) for be, _ in BE_RU]
    translator = get_translator("be", "ru", engine="apertium")
    results = translator.translate(sentences)
    assert len(results) == 1000 and translator.engine_calls == 1
    assert not any(r.failed for r in results)
    # the numbers travel through untouched: each output is its own sentence's
    assert all(r.text.endswith(f"{n}") or f" {n}" in r.text
               for n, r in zip((n for n in range(250) for _ in BE_RU), results))


@needs_rus_bel
def test_sentences_that_crash_rus_bel_never_cost_the_others():
    if not all(_crashes_alone(s) for s in RUS_BEL_CRASHING):
        pytest.skip("this apertium version no longer crashes on these sentences "
                    "(the fake-apertium tests still cover isolation)")
    batch = [RUS_BEL_FINE[0][0], RUS_BEL_CRASHING[0], RUS_BEL_FINE[1][0],
             RUS_BEL_CRASHING[1], RUS_BEL_CRASHING[2], RUS_BEL_FINE[2][0]]
    translator = ApertiumTranslator(None, "ru", "be", fallback=False)
    results = translator.translate(batch)
    assert [r.failed for r in results] == [False, True, False, True, True, False]
    for result in results:
        if result.failed:
            assert "bug #223" in result.note and result.text == ""
    fine = [r for r in results if not r.failed]
    for (source, words), result in zip(RUS_BEL_FINE, fine):
        for word in words:
            assert word in result.text, (source, result.text)
    # translations, not one process per sentence: the batch, then the sentences that did not
    # crash (the crashers are found by analysis-only probes)
    assert translator.engine_calls <= 2


@needs_rus_bel
def test_crashing_sentences_are_translated_without_the_tagger_and_say_so():
    if not _crashes_alone(RUS_BEL_CRASHING[0]):
        pytest.skip("this apertium version no longer crashes on this sentence")
    translator = get_translator("ru", "be", engine="apertium")
    results = translator.translate([RUS_BEL_CRASHING[0], RUS_BEL_FINE[0][0]])
    assert not any(r.failed for r in results)
    assert "Удзельнікі" in results[0].text or "абмеркавалі" in results[0].text
    assert "without its statistical tagger" in results[0].note
    assert results[1].note == ""


def _fake(tmp_path: Path) -> str:
    target = tmp_path / "apertium"
    shutil.copy(FAKE, target)
    target.chmod(0o755)
    return str(target)


@pytest.mark.parametrize("crash_at", [[0], [5], [9], [2, 3], [1, 4, 7], list(range(10))])
def test_isolation_with_a_command_that_crashes_on_demand(tmp_path, crash_at):
    texts = [f"sentence number {n}" + (" 💥" if n in crash_at else "") for n in range(10)]
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=_fake(tmp_path))
    results = translator.translate(texts)
    for n, result in enumerate(results):
        if n in crash_at:
            assert result.failed and "bug #223" in result.note
        else:
            assert not result.failed and result.text == f"SENTENCE NUMBER {n}"
    # halving, not one process per sentence (10 sentences, each crash costs about 2·log2 10)
    assert translator.engine_calls <= 1 + len(crash_at) * 7


def test_fake_without_crashes_runs_one_process(tmp_path):
    translator = ApertiumTranslator("fake-fake", "ru", "be", command=_fake(tmp_path))
    results = translator.translate(["a", "", "b"])
    assert [r.text for r in results] == ["A", "", "B"]
    assert results[1].note == "empty segment"
    assert translator.engine_calls == 1


def test_missing_apertium_names_the_install_command(tmp_path):
    with pytest.raises(TranslatorUnavailable, match="apertium command is not installed "
                                                    r"\(sudo apt-get install apertium"):
        ApertiumTranslator(None, "be", "ru", command=str(tmp_path / "no-apertium"))


def test_a_direction_apertium_does_not_cover_is_unavailable(tmp_path):
    with pytest.raises(TranslatorUnavailable, match="Apertium has no mode for en→ru"):
        ApertiumTranslator(None, "en", "ru", command=_fake(tmp_path))
