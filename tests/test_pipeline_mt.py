"""MT as alignment evidence in the pipeline (compare/pipeline.py).

- A direction whose MT failed on some segments still feeds the aligner with the segments that
  were translated (tiny random-weight Marian model, scripts/make_test_models.py, with a
  generation failure on chosen sentences: the engines' own way of failing one segment).
- ru↔be: Apertium be→ru of the Belarusian version is the aligner's reverse MT when apertium is
  installed, cached (a second open makes no Apertium call), switchable off, and named in the
  alignment's signature."""
from __future__ import annotations

import os
import shutil
import statistics

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing here may try the network

from compare import cli  # noqa: E402
from compare.corpus import load_gold  # noqa: E402
from compare.pipeline import PipelineOptions, compare_story  # noqa: E402
from compare.sources import load_story, story_from_texts  # noqa: E402
from compare.translate import apertium  # noqa: E402
from compare.translate.hf import HFTranslator  # noqa: E402

import translate_helpers as helpers  # noqa: E402  (tests/ is on sys.path under pytest)
from conftest import CORPORA  # noqa: E402

ROWS = helpers.parallel_rows()[:8]
HAS_BEL_RUS = bool(shutil.which("apertium")) and not apertium.check_installed("be", "ru")
needs_apertium = pytest.mark.skipif(not HAS_BEL_RUS, reason="apertium bel-rus not installed")
STORY = CORPORA / "politics-talks-vitebsk"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """A translation cache of the test's own; no user folders touched, no hub consulted."""
    helpers.use_hub(monkeypatch, tmp_path / "hub")
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "cache.sqlite"))
    config = tmp_path / "config.toml"  # greedy, short outputs: the tiny model's are word salad
    config.write_text("[translate]\nbeam = 1\nforce_length = 12\n")
    monkeypatch.setenv("WIRE_COMPARE_CONFIG", str(config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture(scope="session")
def tiny_marian() -> str:
    return str(helpers.tiny_models()["tiny-marian"])


@pytest.fixture
def apertium_calls(monkeypatch) -> list[int]:
    """One entry per Apertium translate call (each starts at least one apertium process)."""
    calls: list[int] = []
    original = apertium.ApertiumTranslator.translate

    def counting(self, texts):
        calls.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(apertium.ApertiumTranslator, "translate", counting)
    return calls


def fail_on(monkeypatch, sentences: set[str]) -> None:
    """The model's generation fails on any batch holding one of these sentences (as out of
    memory would): the engine retries one segment at a time and marks just those failed."""
    original = HFTranslator._generate

    def generate(self, batch):
        bad = [self._encode([s])[0] for s in sentences]
        if any(ids in batch for ids in bad):
            raise RuntimeError("simulated out-of-memory")
        return original(self, batch)

    monkeypatch.setattr(HFTranslator, "_generate", generate)


def parallel_story():
    """Russian and Belarusian, one sentence per paragraph, row for row."""
    story = story_from_texts({lang: "\n\n".join(row[lang] for row in ROWS) for lang in ("ru", "be")},
                             "parallel", check_lang=False)
    assert [len(story.documents[lang].segments) for lang in ("ru", "be")] == [len(ROWS)] * 2
    return story


def tiny_options(model: str) -> PipelineOptions:
    both = {("ru", "be"): "hf", ("be", "ru"): "hf"}
    return PipelineOptions(translate=True, engines=both, models={d: model for d in both})


# (sentences of ru whose ru→be fails, sentences of be whose be→ru fails)
FAILURES = [
    ({1, 4}, {6}),
    (set(), {0, 3, 7}),
]


@pytest.mark.parametrize("ru_failed, be_failed", FAILURES)
def test_segments_whose_mt_failed_leave_the_rest_of_the_direction_in_the_alignment(
        monkeypatch, tiny_marian, ru_failed, be_failed):
    story = parallel_story()
    fail_on(monkeypatch, {ROWS[i]["ru"] for i in ru_failed} | {ROWS[i]["be"] for i in be_failed})
    comparison = compare_story(story, tiny_options(tiny_marian))

    forward, reverse = comparison.translations[("ru", "be")], comparison.translations[("be", "ru")]
    assert {i for i, t in enumerate(forward) if t.failed} == ru_failed
    assert {i for i, t in enumerate(reverse) if t.failed} == be_failed
    alignment = comparison.alignments[("ru", "be")]
    used = alignment.signature["mt"]
    # both directions feed the aligner, with their failures counted; be→ru MT at hand, so
    # Apertium is not run on top of it
    assert used.startswith("ru→be hf:") and "; be→ru hf:" in used and "apertium" not in used
    for count, direction in ((len(ru_failed), "ru→be"), (len(be_failed), "be→ru")):
        part = next(p for p in used.split("; ") if p.startswith(direction))
        assert part.endswith(f", {count}/{len(ROWS)} failed") if count else "failed" not in part
    assert "+mt(hf:" in alignment.signature["signals"]
    assert "+mt-reverse(hf:" in alignment.signature["signals"]
    # the failures cost nothing of the alignment: the table is parallel row for row
    assert [(l.src, l.tgt) for l in alignment.links] == [((i,), (i,)) for i in range(len(ROWS))]


def test_a_direction_with_no_segment_translated_is_left_out_and_the_other_kept(
        monkeypatch, tiny_marian):
    story = parallel_story()
    fail_on(monkeypatch, {row["ru"] for row in ROWS})
    comparison = compare_story(story, tiny_options(tiny_marian))

    assert all(t.failed for t in comparison.translations[("ru", "be")])
    alignment = comparison.alignments[("ru", "be")]
    assert alignment.signature["mt"].startswith("be→ru hf:")
    assert "ru→be" not in alignment.signature["mt"]
    assert "+mt(" not in alignment.signature["signals"]
    assert "+mt-reverse(hf:" in alignment.signature["signals"]


def test_mt_kept_out_of_the_alignment_when_asked(tiny_marian):
    options = PipelineOptions(translate=True, mt_in_alignment=False,
                              engines=tiny_options(tiny_marian).engines,
                              models=tiny_options(tiny_marian).models)
    comparison = compare_story(parallel_story(), options)
    assert comparison.translations[("ru", "be")]  # translated, but not used to align
    alignment = comparison.alignments[("ru", "be")]
    assert alignment.signature["mt"] == "none" and "mt" not in alignment.signature["signals"]


# --------------------------------------------------------------------------- Apertium for ru↔be


@needs_apertium
def test_ru_be_is_aligned_with_apertium_be_ru_when_mt_is_off(apertium_calls):
    story = load_story(STORY)
    comparison = compare_story(story)

    alignment = comparison.alignments[("ru", "be")]
    assert alignment.signature["mt"].startswith("be→ru apertium:bel-rus[")
    assert "+mt-reverse(apertium:bel-rus)(" in alignment.signature["signals"]
    assert comparison.alignments[("en", "ru")].signature["mt"] == "none"
    assert comparison.alignments[("en", "be")].signature["mt"] == "none"
    assert comparison.translations == {}  # an aid to the alignment, not MT the user asked for
    assert len(apertium_calls) == 1  # the whole Belarusian version in one call
    # line for line: the gold pairs are found, and Apertium's Russian vouches for each of them
    # more than the Belarusian spelling does
    assert [(l.src, l.tgt) for l in alignment.links] == [
        (l.src, l.tgt) for l in load_gold(STORY, "ru", "be")]
    one_to_one = [l for l in alignment.links if len(l.src) == len(l.tgt) == 1]
    mt = [l.signals["mt-reverse"] for l in one_to_one]
    spelling = [l.signals["spelling"] for l in one_to_one]
    assert min(mt) > 0.5 and statistics.median(mt) > statistics.median(spelling)


@needs_apertium
def test_a_story_opened_again_makes_no_apertium_call(apertium_calls):
    story = load_story(STORY)
    first = compare_story(story)
    assert apertium_calls
    apertium_calls.clear()
    second = compare_story(story)
    assert apertium_calls == []
    assert second.alignments[("ru", "be")] == first.alignments[("ru", "be")]


@needs_apertium
def test_switched_off_or_not_installed_aligns_as_without_it(apertium_calls, monkeypatch, tmp_path):
    story = load_story(STORY)
    off = compare_story(story, PipelineOptions(apertium_alignment=False))
    assert apertium_calls == []
    assert off.alignments[("ru", "be")].signature["mt"] == "none (Apertium be→ru switched off)"
    assert "mt-reverse" not in off.alignments[("ru", "be")].signature["signals"]

    monkeypatch.setenv("PATH", str(tmp_path))  # no apertium command to be found
    missing = compare_story(story)
    assert missing.alignments[("ru", "be")].signature["mt"] == "none (Apertium be→ru not installed)"
    assert missing.notes == off.notes  # not news: no note about it
    for pair, alignment in off.alignments.items():
        assert missing.alignments[pair].links == alignment.links


@needs_apertium
def test_a_story_without_belarusian_or_russian_never_runs_apertium(apertium_calls):
    full = load_story(STORY)
    story = story_from_texts({lang: full.documents[lang].text for lang in ("en", "ru")},
                             check_lang=False)
    comparison = compare_story(story)
    assert apertium_calls == []
    assert comparison.alignments[("en", "ru")].signature["mt"] == "none"


@needs_apertium
@pytest.mark.parametrize("flags, expected", [
    ([], "mt:be→ru apertium:bel-rus["),
    (["--no-apertium"], "mt:none (Apertium be→ru switched off)"),
])
def test_align_command_says_which_mt_aligned_ru_be(capsys, flags, expected):
    assert cli.main(["align", str(STORY), "--format", "tsv", "--signature", *flags]) == 0
    signatures = [line for line in capsys.readouterr().err.splitlines()
                  if line.startswith("signature:")]
    assert len(signatures) == 3  # en↔ru, en↔be, ru↔be
    assert expected in signatures[2]
    assert all("mt:none" in line for line in signatures[:2])


@needs_apertium
def test_report_and_export_take_no_apertium(apertium_calls, capsys, tmp_path):
    assert cli.main(["report", str(STORY), "--no-apertium", "--format", "jsonl"]) == 0
    assert cli.main(["export", str(STORY), "--no-apertium", "--out", str(tmp_path / "s.tmx")]) == 0
    assert apertium_calls == []
    assert cli.main(["export", str(STORY), "--out", str(tmp_path / "t.tmx")]) == 0
    assert len(apertium_calls) == 1
