"""`python -m compare align --presegmented --apertium` for Russian↔Belarusian (either way):
Apertium's be→ru translation of the Belarusian file is the MT evidence when apertium-bel-rus is
installed and no --mt is given (off without --apertium); through the translation cache;
--no-apertium wins; stdout stays the link lines; segments Apertium fails on are missing lines (no evidence). And align_story's
mt_reverse, through which the pipeline aligns ru↔be with Apertium."""
import re
import shutil
from pathlib import Path

import pytest

from compare.cli import main
from compare.model import Translation
from compare.translate import apertium
from compare.translate.apertium import check_installed

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not shutil.which("apertium") or bool(check_installed("be", "ru")),
                                reason="apertium bel-rus not installed")
LINK = re.compile(r"^(\d+(,\d+)*)?\t(\d+(,\d+)*)?$")


def story_files(name: str) -> dict[str, Path]:
    gold = REPO / "corpora" / name / "gold"
    return {"ru": gold / "segments.ru.txt", "be": gold / "segments.be.txt", "gold": gold / "ru-be.tsv"}


@pytest.fixture
def calls(monkeypatch, tmp_path):
    """A cache of the test's own; counts the Apertium translation calls."""
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "cache.sqlite"))
    counter = {"n": 0}
    original = apertium.ApertiumTranslator.translate

    def counting(self, texts):
        counter["n"] += 1
        return original(self, texts)

    monkeypatch.setattr(apertium.ApertiumTranslator, "translate", counting)
    return counter


def run(capsys, src: str, tgt: str, files: dict[str, Path], *extra: str):
    code = main(["align", "--src-lang", src, "--tgt-lang", tgt, "--presegmented",
                 str(files[src]), str(files[tgt]), "--signature", *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    rows = captured.out.splitlines()
    assert rows and all(LINK.match(row) for row in rows)
    return rows, captured.err


def gold_rows(files, src: str) -> list[str]:
    rows = files["gold"].read_text(encoding="utf-8").splitlines()
    return rows if src == "ru" else ["\t".join(reversed(row.split("\t"))) for row in rows]


# (story, direction, how the signature names the Apertium signal)
DIRECTIONS = [
    ("politics-talks-vitebsk", "ru", "be", "mt-reverse(apertium:bel-rus)"),
    ("politics-talks-vitebsk", "be", "ru", "mt(apertium:bel-rus)"),
    ("culture-festival-polotsk", "ru", "be", "mt-reverse(apertium:bel-rus)"),
    ("security-border-detention", "be", "ru", "mt(apertium:bel-rus)"),
]


@pytest.mark.parametrize("story,src,tgt,signal", DIRECTIONS)
def test_ru_be_either_way_uses_apertium_and_prints_only_links(story, src, tgt, signal, calls, capsys):
    files = story_files(story)
    rows, err = run(capsys, src, tgt, files, "--apertium")
    assert signal in err
    assert "Apertium be→ru" in err and str(files["be"]) in err  # the note names the file
    assert calls["n"] >= 1
    assert rows == gold_rows(files, src)


@pytest.mark.parametrize("flags", [(), ("--no-apertium",), ("--apertium", "--no-apertium")])
@pytest.mark.parametrize("story,src,tgt,signal", DIRECTIONS)
def test_without_apertium_by_default_or_when_switched_off(story, src, tgt, signal, flags, calls, capsys):
    files = story_files(story)
    rows, err = run(capsys, src, tgt, files, *flags)
    assert "apertium" not in err.lower()
    assert calls["n"] == 0
    assert rows == gold_rows(files, src)


def test_a_second_run_takes_the_translation_from_the_cache(calls, capsys, tmp_path):
    files = story_files("politics-talks-vitebsk")
    first, _ = run(capsys, "ru", "be", files, "--apertium")
    made = calls["n"]
    assert made >= 1 and (tmp_path / "cache.sqlite").exists()
    second, err = run(capsys, "ru", "be", files, "--apertium")
    assert calls["n"] == made  # no Apertium call the second time
    assert second == first and "mt-reverse(apertium:bel-rus)" in err


def test_an_mt_file_given_is_used_instead(calls, capsys):
    files = story_files("politics-talks-vitebsk")
    _, err = run(capsys, "ru", "be", files, "--apertium", "--mt", str(files["ru"]))
    assert calls["n"] == 0
    assert "mt(segments.ru.txt)" in err and "apertium" not in err.lower()


@pytest.mark.parametrize("src,tgt", [("en", "ru"), ("en", "be"), ("ru", "en")])
def test_other_pairs_do_not_call_apertium(src, tgt, calls, capsys):
    gold = REPO / "corpora" / "politics-talks-vitebsk" / "gold"
    files = {lang: gold / f"segments.{lang}.txt" for lang in ("en", "ru", "be")}
    _, err = run(capsys, src, tgt, files, "--apertium")
    assert calls["n"] == 0 and "apertium" not in err.lower()


@pytest.mark.parametrize("src,tgt,failing", [("ru", "be", {2, 3, 7}), ("be", "ru", {0, 5, 6, 11})])
def test_lines_apertium_fails_on_are_missing_lines(src, tgt, failing, calls, capsys, monkeypatch, tmp_path):
    """Failed segments align exactly as a translation file with those lines blank."""
    files = story_files("health-heart-screening-gomel")
    be_lines = files["be"].read_text(encoding="utf-8").splitlines()
    translated = apertium.ApertiumTranslator(None, "be", "ru").translate(be_lines)
    blanked = tmp_path / "be-ru.txt"
    blanked.write_text("\n".join("" if k in failing else t.text for k, t in enumerate(translated)) + "\n",
                       encoding="utf-8")
    original = apertium.ApertiumTranslator.translate

    def failing_some(self, texts):
        out = original(self, texts)
        return [Translation(text="", engine=t.engine, model=t.model, src_lang=t.src_lang, tgt_lang=t.tgt_lang,
                            options=t.options, failed=True, note="test: failed")
                if text in {be_lines[k] for k in failing} else t for text, t in zip(texts, out)]

    monkeypatch.setattr(apertium.ApertiumTranslator, "translate", failing_some)
    rows, err = run(capsys, src, tgt, files, "--apertium")
    assert f"{len(failing)} of {len(be_lines)} lines failed" in err
    as_file = "--mt-reverse" if tgt == "be" else "--mt"
    expected, _ = run(capsys, src, tgt, files, as_file, str(blanked))
    assert rows == expected


def test_long_files_are_aligned_without_it(calls, capsys, monkeypatch):
    from compare.commands import align as command

    monkeypatch.setattr(command, "APERTIUM_MAX_LINES", 10)
    files = story_files("politics-talks-vitebsk")
    rows, err = run(capsys, "ru", "be", files, "--apertium")
    assert calls["n"] == 0
    assert "aligned without Apertium" in err and "mt-reverse(" not in err
    assert rows == gold_rows(files, "ru")


@pytest.mark.parametrize("story,failing", [("politics-talks-vitebsk", set()), ("science-flax-film", {1, 4, 9})])
def test_align_story_takes_the_reverse_mt_and_the_pipeline_feeds_it(story, failing, calls):
    """align_story(mt_reverse=...) aligns ru↔be as align_documents does with that reverse MT;
    the pipeline's ru↔be alignment (Apertium be→ru) is that one, its signature says so."""
    from compare.align import align_documents, align_story
    from compare.pipeline import PipelineOptions, align_with_mt
    from compare.sources import load_story

    loaded = load_story(REPO / "corpora" / story)
    be = loaded.documents["be"]
    lines = [None if k in failing else t.text
             for k, t in enumerate(apertium.ApertiumTranslator(None, "be", "ru").translate(be.texts))]
    alignments, rows, _ = align_story(loaded, mt_reverse={("ru", "be"): lines},
                                      mt_labels={("ru", "be"): "apertium:bel-rus"})
    direct = align_documents(loaded.documents["ru"], be, mt_reverse=lines, mt_label="apertium:bel-rus")
    assert alignments[("ru", "be")].links == direct.links
    assert "mt-reverse(apertium:bel-rus)" in alignments[("ru", "be")].signature["signals"]
    assert "mt-reverse" not in alignments[("en", "ru")].signature["signals"]
    assert sum(len(row.segments.get("be", ())) for row in rows) == len(be.segments)
    if not failing:
        piped, piped_rows, _, _ = align_with_mt(loaded, PipelineOptions())
        assert piped[("ru", "be")].links == direct.links
        assert piped[("ru", "be")].signature["mt"].startswith("be→ru apertium:bel-rus")
        assert piped_rows == rows
