"""Validation of the sample corpus (corpora/): every story, its gold and its shifts.

The app's default stories, the demos and the aligner's accuracy figures all rest on this
corpus, so a story that drifts from its gold (a segmenter change, an edited text) must fail
here, naming the story and the first sentence that moved.
"""
import re
from collections import Counter
from pathlib import Path

import pytest

from compare.corpus import (GOLD_PAIRS, SHIFT_KINDS, gold_problems, load_corpus, load_gold,
                            load_shifts, segmentation_problems, shift_problems)
from compare.model import LANGS
from compare.sources import detect_language

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
STORY_DIRS = sorted(p for p in CORPORA.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
STORY_IDS = [p.name for p in STORY_DIRS]

# The bars of the corpus (issue 3).
MIN_STORIES = 8
MIN_ENGLISH_SENTENCES = 150
MIN_SHIFTS = 40
MIN_SHIFT_KINDS = 8
MIN_FAITHFUL = 2
SENTENCES_PER_STORY = (15, 40)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPORA)


@pytest.fixture(scope="module")
def stories(corpus):
    return {story.id: story for story in corpus.stories}


def test_corpus_loads_without_problems(corpus):
    assert corpus.problems == []
    assert sorted(stories.id for stories in corpus.stories) == STORY_IDS


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_story_has_the_three_versions_and_metadata(stories, story_id):
    story = stories[story_id]
    assert story.langs == LANGS
    assert story.meta.title and story.meta.date and story.meta.source
    assert story.meta.original in LANGS
    assert story.meta.notes, "notes say what the story demonstrates"


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_languages_identified_as_declared(stories, story_id):
    for lang, document in stories[story_id].documents.items():
        detected, confidence = detect_language(document.text)
        assert (detected, lang) == (lang, lang), f"{story_id}/{lang}.txt reads as {detected}"
        assert confidence >= 0.9


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_story_length_is_wire_length(stories, story_id):
    low, high = SENTENCES_PER_STORY
    for lang, document in stories[story_id].documents.items():
        assert low <= len(document) <= high, f"{story_id}/{lang}.txt has {len(document)} sentences"


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_segmentation_unchanged_under_the_gold(stories, story_id):
    assert segmentation_problems(stories[story_id], CORPORA / story_id) == []


@pytest.mark.parametrize("story_id", STORY_IDS)
@pytest.mark.parametrize("pair", GOLD_PAIRS, ids="-".join)
def test_gold_covers_every_sentence_once_in_order(stories, story_id, pair):
    src, tgt = pair
    story = stories[story_id]
    links = load_gold(CORPORA / story_id, src, tgt)
    assert gold_problems(links, len(story.documents[src]), len(story.documents[tgt]),
                         src, tgt) == []
    assert links[0].src == (0,) and links[0].tgt == (0,), "headline aligns with headline"


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_gold_pairs_close_into_a_triangle(story_id):
    """en→ru→be must land where en→be lands: the three golds describe one correspondence."""
    folder = CORPORA / story_id
    en_ru, en_be, ru_be = (load_gold(folder, src, tgt) for src, tgt in GOLD_PAIRS)

    def mapping(links):
        out = {}
        for link in links:
            for i in link.src:
                out[i] = set(link.tgt)
        return out

    via_ru = {en: {b for r in rus for b in mapping(ru_be).get(r, set())}
              for en, rus in mapping(en_ru).items()}
    direct = mapping(en_be)
    for en, bes in direct.items():
        if bes and via_ru[en]:
            assert bes & via_ru[en], f"{story_id}: en {en} → be {bes} directly, {via_ru[en]} via ru"


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_every_shift_id_exists(stories, story_id):
    shifts = load_shifts(CORPORA / story_id)
    assert shift_problems(shifts, stories[story_id]) == []
    assert all(shift.kind in SHIFT_KINDS for shift in shifts)


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_shifts_agree_with_the_gold(story_id):
    """A shift's sentences in two languages are linked to each other in that pair's gold; an
    omission or addition is a null link there. Catches an off-by-one id in shifts.tsv."""
    folder = CORPORA / story_id
    shifts = load_shifts(folder)
    for src, tgt in GOLD_PAIRS:
        links = load_gold(folder, src, tgt)
        for shift in shifts:
            a, b = shift.ids(src), shift.ids(tgt)
            touching = [link for link in links if set(link.src) & set(a)]
            if a and b:
                linked = {i for link in touching for i in link.tgt}
                assert set(b) <= linked, (f"{story_id} shifts.tsv line {shift.line}: {src} {a} "
                                          f"is linked to {tgt} {sorted(linked)}, not {b}")
            elif a and shift.kind in ("omission", "addition") and not b:
                assert all(not link.tgt for link in touching), (
                    f"{story_id} shifts.tsv line {shift.line}: {src} {a} has no {tgt} "
                    "counterpart but the gold links it")


def test_corpus_reaches_its_bars(corpus):
    english = sum(len(story.documents["en"]) for story in corpus.stories)
    shifts = [shift for story in corpus.stories for shift in corpus.shifts.get(story.id, [])]
    kinds = Counter(shift.kind for shift in shifts)
    faithful = [story.id for story in corpus.stories if not corpus.shifts.get(story.id)]
    assert len(corpus.stories) >= MIN_STORIES
    assert english >= MIN_ENGLISH_SENTENCES
    assert len(shifts) >= MIN_SHIFTS
    assert len(kinds) >= MIN_SHIFT_KINDS, kinds
    assert len(faithful) >= MIN_FAITHFUL, faithful
    assert all("FAITHFUL" in corpus.story(story_id).meta.notes for story_id in faithful)


REAL_BODIES = Path(__file__).resolve().parent / "data" / "corpora" / "real_bodies.tsv"


def real_bodies() -> list[tuple[str, list[str]]]:
    rows = []
    for line in REAL_BODIES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            body, forms = line.split("\t")
            rows.append((body, forms.split("|")))
    return rows


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_no_real_body_in_an_invented_role(stories, story_id):
    """The stories' officials, figures and quotes are invented, so the bodies they speak for must
    be invented too: no real ministry, executive committee, agency or hospital."""
    for lang, document in stories[story_id].documents.items():
        text = document.text.lower()
        for body, forms in real_bodies():
            found = [form for form in forms if re.search(rf"(?<!\w){re.escape(form)}", text)]
            assert not found, f"{story_id}/{lang}.txt names {body} ({found[0]})"
