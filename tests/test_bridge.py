"""The dictionary bridge (compare/bridge): Mueller-style entries parsed into renderings, a cache
built from tiny dictd files written here, the notes and fall-backs for missing or broken input,
and — on the dictionaries Debian installs (scripts/setup.sh) — the look-ups the aligner and the
force analysis rely on."""
import base64
import gzip
import sqlite3
from pathlib import Path

import pytest

import compare.bridge as bridge_api
from compare.bridge import mueller, sources, store

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
REAL = sources.DICTD_DIR / "mueller7.index"
needs_real = pytest.mark.skipif(not REAL.exists() or not sources.BIDIX.exists(),
                                reason="mueller7-dict / apertium-bel-rus not installed (scripts/setup.sh)")


def b64(number: int) -> str:
    out = ""
    while True:
        out = B64[number % 64] + out
        number //= 64
        if not number:
            return out


# Five entries in Mueller's layout, about fictional uses of ordinary words.
TINY = {
    "harvest": "harvest\n   [↗hɑ:vɪst]\n   1. _n.\n      1) урожай; a rich harvest богатый урожай\n"
               "      2) жатва, уборка\n   2. _v. собирать урожай\n",
    "minister": "minister\n   [↗mɪnɪstɜ] _n.\n   1) министр; the ministers правительство\n   2) _дип. посланник\n",
    "talk": "talk\n   1. _n.\n      1) разговор, беседа\n      2) _pl. переговоры; peace talks мирные переговоры\n",
    "grain": "grain\n   _n.\n   1) зерно; хлеба\n   2) _разг. крупинка (соли, сахара и т.п.)\n",
    "grow": "grow\n   _v. (grew; grown)\n   1) расти; the city grows город растёт\n   2) увеличиваться(ся)\n",
}


def write_dictd(folder: Path, name: str, entries: dict[str, str]) -> None:
    data, index = b"", []
    for word in sorted(entries):
        body = entries[word].encode("utf-8")
        index.append(f"{word}\t{b64(len(data))}\t{b64(len(body))}")
        data += body
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(data))


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A bridge over the five entries above (no FreeDict, no Apertium), its cache in tmp."""
    dictd = tmp_path / "dictd"
    dictd.mkdir()
    write_dictd(dictd, "mueller7", TINY)
    monkeypatch.setattr(sources, "DICTD_DIR", dictd)
    monkeypatch.setattr(sources, "BIDIX", tmp_path / "none" / "bel-rus.autobil.bin")
    monkeypatch.setattr(sources, "ANALYSER", tmp_path / "none" / "bel-rus.automorf.bin")
    monkeypatch.setenv("WIRE_COMPARE_BRIDGE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("WIRE_COMPARE_GLOSSARY", "")
    monkeypatch.delenv("WIRE_COMPARE_BRIDGE", raising=False)
    store.get_bridge.cache_clear()
    store._notes_shown.clear()
    yield tmp_path
    store.get_bridge.cache_clear()


@pytest.fixture
def real(monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_GLOSSARY", "")
    monkeypatch.delenv("WIRE_COMPARE_BRIDGE", raising=False)
    monkeypatch.delenv("WIRE_COMPARE_BRIDGE_CACHE", raising=False)
    store.get_bridge.cache_clear()
    yield store.get_bridge()
    store.get_bridge.cache_clear()


# --------------------------------------------------------------------------- parsing entries


@pytest.mark.parametrize("entry,first,absent", [
    (TINY["minister"], "министр", ["правительство", "министры"]),  # an example's words are no rendering
    (TINY["grain"], "зерно", ["соли", "сахара", "разг"]),  # a parenthesis and a label are skipped
    (TINY["grow"], "расти", ["город", "растёт", "grew"]),
    ("visit\n   [↗vɪzɪt]\n   1. _n. посещение, визит\n   2. _v. _ам. _разг. навещать\n", "посещение", ["ам", "разг"]),
    ("said\n   1. _p. и _p-p. от say 1\n   2. _a. вышеупомянутый\n", "вышеупомянутый", ["от", "say"]),
    ("state\n   _I  [stɛɪt]\n      1. _n. состояние\n   _II [stɛɪt]\n      1. _n. государство\n", "состояние", []),
])
def test_an_entry_gives_its_renderings_first_senses_first(entry, first, absent):
    weights = mueller.parse_entry(entry)
    assert max(weights, key=weights.get) == first
    for word in absent:
        assert word not in weights


def test_later_senses_and_phrases_weigh_less():
    weights = mueller.parse_entry(TINY["harvest"])
    assert weights["урожай"] > weights["жатва"] > weights["уборка"]
    assert weights["собирать"] < weights["урожай"]  # the verb block, and a two-word rendering


def test_a_homograph_is_parsed_on_its_own():
    weights = mueller.parse_entry("state\n   _I\n      1. _n. состояние\n   _II\n      1. _n. государство\n")
    assert weights["государство"] > 0.5


# --------------------------------------------------------------------------- the tiny bridge


def test_tiny_dictionary_builds_a_cache_and_renders_words(tiny, capsys):
    bridge = store.get_bridge()
    assert bridge is not None and bridge.names == ("mueller7",)
    assert "apertium-bel-rus" in capsys.readouterr().err  # one note: what is missing, how to install
    assert bridge_api.renders("talks", "en", "Переговоры продлились три часа.", "ru")
    assert bridge_api.renders("grew", "en", "Цены росли.", "ru")  # lemmas on both sides
    assert not bridge_api.renders("minister", "en", "Урожай вырос.", "ru")
    assert bridge_api.renders("министр", "ru", "The minister arrived.", "en")  # the reverse look-up
    assert list((tiny / "cache").glob("bridge-*.sqlite"))


def test_the_cache_is_built_once(tiny):
    store.get_bridge()
    built = next((tiny / "cache").glob("bridge-*.sqlite"))
    stamp = built.stat().st_mtime_ns
    store.get_bridge.cache_clear()
    assert store.get_bridge() is not None
    assert built.stat().st_mtime_ns == stamp


def test_an_unreadable_cache_is_rebuilt_with_one_note(tiny, capsys):
    store.get_bridge()
    built = next((tiny / "cache").glob("bridge-*.sqlite"))
    built.write_bytes(b"not a database at all" * 100)
    store.get_bridge.cache_clear()
    capsys.readouterr()
    bridge = store.get_bridge()
    assert bridge is not None and bridge_api.renders("talk", "en", "переговоры", "ru")
    err = capsys.readouterr().err
    assert "cache unreadable, rebuilding" in err and len(err.strip().splitlines()) == 1


def test_a_corrupt_dict_dz_switches_the_bridge_off_with_one_note(tiny, capsys):
    (tiny / "dictd" / "mueller7.dict.dz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert store.get_bridge() is None
    err = capsys.readouterr().err
    assert "mueller7.dict.dz" in err and "not a readable dictzip file" in err
    # the rest works: alignment without the bridge
    from compare.align import align_documents
    from test_align import document

    alignment = align_documents(document(["The harvest grew by 12%.", "Talks begin on 3 May."], "en"),
                                document(["Урожай вырос на 12%.", "Переговоры начнутся 3 мая."], "ru"))
    assert [(l.src, l.tgt) for l in alignment.links] == [((0,), (0,)), ((1,), (1,))]
    assert "off" in alignment.signature.get("bridge", "")


def test_no_dictionary_installed_means_no_bridge_and_a_note(tiny, capsys):
    for path in (tiny / "dictd").iterdir():
        path.unlink()
    assert store.get_bridge() is None
    err = capsys.readouterr().err
    assert "mueller7-dict" in err and "apt-get install" in err
    assert not bridge_api.renders("talk", "en", "переговоры", "ru")


def test_glossary_adds_pairs_and_skips_a_bad_line_with_a_note(tiny, monkeypatch, capsys):
    glossary = tiny / "glossary.tsv"
    glossary.write_text("# pair: en-ru\noblast\tобласть\nthis line has no tab\nflax\tлён\t0.9\n", encoding="utf-8")
    monkeypatch.setenv("WIRE_COMPARE_GLOSSARY", str(glossary))
    store.get_bridge.cache_clear()
    assert bridge_api.renders("oblasts", "en", "Гомельская область", "ru")
    assert bridge_api.renders("flax", "en", "Лён уродился.", "ru")
    err = capsys.readouterr().err
    assert f"glossary {glossary}, line 3" in err


@pytest.mark.parametrize("text", [
    "Компания IT-Park и word2vec", "по-прежнему двадцать пять", "", "—", "Minsk-2025 «Славянский базар»",
])
def test_odd_words_do_not_crash(tiny, text):
    assert isinstance(bridge_api.renders("talk", "en", text, "ru"), bool)
    assert isinstance(bridge_api.gloss(text, "ru"), list)


def test_the_bridge_can_be_switched_off(tiny, monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_BRIDGE", "off")
    store.get_bridge.cache_clear()
    assert store.get_bridge() is None


# --------------------------------------------------------------------------- the real dictionaries


@needs_real
@pytest.mark.parametrize("word,lang,text,tgt_lang,expected", [
    ("переговоры", "ru", "The talks lasted three hours.", "en", True),
    ("переговоры", "ru", "The meeting lasted three hours.", "en", False),
    ("урожай", "ru", "Farmers gathered a record harvest.", "en", True),
    ("заявил", "ru", "The governor stated that the bridge would open.", "en", True),
    ("граница", "ru", "They crossed the border at night.", "en", True),
    ("міністр", "be", "The minister opened the fair.", "en", True),
    ("мяжа", "be", "They crossed the border at night.", "en", True),
    ("harvest", "en", "Аграрии собрали рекордный урожай.", "ru", True),
    ("harvest", "en", "Аграрыі сабралі рэкордны ўраджай.", "be", True),
    ("border", "en", "Праз мяжу перайшлі ўначы.", "be", True),
    ("министр", "ru", "Міністр адкрыў кірмаш.", "be", True),
])
def test_real_dictionaries_render_words(real, word, lang, text, tgt_lang, expected):
    assert real is not None
    assert bridge_api.renders(word, lang, text, tgt_lang) is expected


@needs_real
def test_real_gloss_is_labelled_and_word_by_word(real):
    items = bridge_api.gloss("Губернатор открыл ярмарку льна.", "ru")
    assert [word for word, _ in items] == ["Губернатор", "открыл", "ярмарку", "льна"]
    assert "governor" in items[0][1]
    assert bridge_api.format_gloss(items).startswith("(dictionary gloss — not a translation)")


@needs_real
def test_real_cache_loads_fast_enough_to_be_lazy(real):
    """Opening the cache reads nothing: no table is loaded before the first look-up."""
    assert real._connection is None
    real.lookup("en_ru", ["harvest"])
    assert real._connection is not None
    assert sqlite3.connect(real.path).execute("SELECT count(*) FROM en_ru").fetchone()[0] > 100_000


@needs_real
def test_report_gloss_labels_a_word_by_word_gloss_of_the_russian(real, tmp_path):
    import json
    import subprocess
    import sys

    story = Path(__file__).resolve().parent.parent / "corpora" / "politics-talks-vitebsk"
    run = subprocess.run([sys.executable, "-m", "compare", "report", str(story), "--gloss", "--all", "--format", "jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    glossed = [r["gloss"] for r in records if r.get("type") == "link" and "gloss" in r]
    assert glossed and all(g["label"] == "dictionary gloss — not a translation" for g in glossed)
    words = {w["word"].lower(): w["renderings"] for g in glossed for w in g["words"]}
    assert "cooperation" in " ".join(words.get("сотрудничество", [])).replace("co-operation", "cooperation")


# --------------------------------------------------------------------------- word alignment


@needs_real
@pytest.mark.parametrize("src,src_lang,tgt,tgt_lang,pairs", [
    ("Chairman Andrei Zholudevich held talks in Vitebsk on 14 October.", "en",
     "Председатель Андрей Жолудевич провел переговоры в Витебске 14 октября.", "ru",
     {("Chairman", "Председатель", "dictionary"), ("Zholudevich", "Жолудевич", "name"),
      ("talks", "переговоры", "dictionary"), ("14", "14", "number"), ("Vitebsk", "Витебске", "name")}),
    ("The minister crossed the border.", "en", "Міністр перайшоў мяжу.", "be",
     {("minister", "Міністр", "dictionary"), ("border", "мяжу", "dictionary")}),
    ("Министр подписал соглашение.", "ru", "Міністр падпісаў пагадненне.", "be",
     {("Министр", "Міністр", "dictionary"), ("соглашение", "пагадненне", "dictionary")}),
])
def test_words_of_a_link_find_their_counterparts(real, src, src_lang, tgt, tgt_lang, pairs):
    from compare.bridge.wordalign import align_words

    links, _, _ = align_words(src, src_lang, tgt, tgt_lang)
    found = {(l.src.text, l.tgt.text, l.by) for l in links}
    assert pairs <= found
    assert len({l.tgt.start for l in links}) == len(links)  # one counterpart per word


@needs_real
def test_a_dropped_clause_leaves_its_content_words_unmatched(real):
    from compare.bridge.wordalign import align_words

    _, lonely_src, lonely_tgt = align_words(
        "Урожай зерна увеличился, несмотря на засуху в южных районах.", "ru", "The grain harvest increased.", "en")
    assert {"засуху", "южных", "районах"} <= {t.text for t in lonely_src}
    assert not lonely_tgt


def test_jsonl_export_carries_the_word_alignment(tiny):
    import json

    from compare.export.jsonl import _with_words

    class Record:
        langs = ("en", "ru")

        @staticmethod
        def text(lang):
            return {"en": "Talks began on 3 May.", "ru": "Переговоры начались 3 мая."}[lang]

    words = json.loads(json.dumps(_with_words({}, Record())))["words"]["en-ru"]
    by = {(Record.text("en")[a:b], Record.text("ru")[c:d], link["by"])
          for link in words["links"] for (a, b), (c, d) in [(link["src"], link["tgt"])]}
    assert ("Talks", "Переговоры", "dictionary") in by and ("3", "3", "number") in by


# --------------------------------------------------------------------------- the aligner


def _longer_case(first: str, second: str, pair: str):
    from test_align import document, gold, lines

    a, b = pair.split("-")
    src, tgt = lines(first, a), lines(first, b)
    extra = lines(second, b)
    expected = [(tuple(s), tuple(t)) for s, t in gold(first, pair)] + [((), (len(tgt) + j,)) for j in range(len(extra))]
    return document(src, a), document(tgt + extra, b), expected


@needs_real
@pytest.mark.parametrize("first,second,pair", [
    ("health-heart-screening-gomel", "politics-talks-vitebsk", "en-be"),
    ("agriculture-grain-harvest", "culture-festival-polotsk", "en-ru"),
    ("economy-woodworking-exports", "health-heart-screening-gomel", "en-ru"),
])
def test_a_longer_original_keeps_its_real_counterparts(real, first, second, pair):
    """The Russian (Belarusian) holds the story and then another one: the bridge's words let
    the aligner find the story's own sentences and leave the second story as additions."""
    from compare.align import AlignSettings, align_documents
    from compare.evaluate import score

    src, tgt, expected = _longer_case(first, second, pair)
    alignment = align_documents(src, tgt)
    assert "bridge(" in alignment.signature["signals"]
    got = [(list(l.src), list(l.tgt)) for l in alignment.links]
    assert score([[(list(s), list(t)) for s, t in expected]], [got]).f1_strict >= 0.95


@needs_real
def test_without_the_bridge_the_longer_original_goes_wrong(real):
    """The control: the first case above is lost without the bridge (so the table tests it)."""
    from compare.align import AlignSettings, align_documents
    from compare.evaluate import score

    src, tgt, expected = _longer_case("health-heart-screening-gomel", "politics-talks-vitebsk", "en-be")
    alignment = align_documents(src, tgt, settings=AlignSettings(use_bridge=False))
    got = [(list(l.src), list(l.tgt)) for l in alignment.links]
    assert score([[(list(s), list(t)) for s, t in expected]], [got]).f1_strict < 0.9
