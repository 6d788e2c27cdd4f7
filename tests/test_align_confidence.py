"""Confidence a reviewer can use: wrong links get less of it than right ones, and two texts that
are not translations of each other get a low overall confidence with a warning, while real
pairs (the bundled stories, and the stories with sentences dropped) get a high one.

Cases: the bundled stories (corpora/, en–ru, en–be, ru–be with gold links), their edited
variants (benchmarks/devset/variants.py) on seeds the confidence model was not fitted on,
and pairs of different stories, whole and as short excerpts."""
import sys
from pathlib import Path

import numpy as np
import pytest

from compare.align import align_documents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_align import STORIES, document, lines  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import variants  # noqa: E402

PAIRS = [("en", "ru"), ("en", "be"), ("ru", "be")]
HELD_OUT_SEED = 13  # the model was fitted on seeds 0-3 (benchmarks/align_confidence.py)


def _align(src_lines, src_lang, tgt_lines, tgt_lang):
    return align_documents(document(src_lines, src_lang), document(tgt_lines, tgt_lang))


# (first story, second story, pair, excerpt length or None for the whole text)
UNRELATED = (
    [(STORIES[k], STORIES[(k + 1) % len(STORIES)], pair, None) for k in range(len(STORIES)) for pair in PAIRS]
    + [(STORIES[k], STORIES[(k + 3) % len(STORIES)], pair, 4) for k in range(len(STORIES)) for pair in PAIRS]
    + [(STORIES[k], STORIES[(k + 5) % len(STORIES)], pair, 8) for k in range(len(STORIES)) for pair in PAIRS[:2]]
)


@pytest.mark.parametrize("first, second, pair, excerpt", UNRELATED)
def test_two_different_stories_get_low_overall_confidence_and_a_warning(first, second, pair, excerpt):
    a, b = pair
    src, tgt = lines(first, a)[:excerpt], lines(second, b)[:excerpt]
    alignment = _align(src, a, tgt, b)
    assert alignment.confidence < 0.35
    assert alignment.warnings and "may not be translations" in alignment.warnings[-1]


@pytest.mark.xfail(strict=True, reason="known limit: 8-line ru-be news excerpts share dateline, headline form "
                                       "and enough spelling for the closest-match test")
def test_short_ru_be_excerpts_of_two_stories_known_to_score_too_high():
    alignment = _align(lines("science-flax-film", "ru")[:8], "ru", lines("security-border-detention", "be")[:8], "be")
    assert alignment.confidence < 0.35


@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("pair", PAIRS)
def test_a_story_and_its_translation_get_high_overall_confidence(story, pair):
    a, b = pair
    alignment = _align(lines(story, a), a, lines(story, b), b)
    assert alignment.confidence > 0.6 and not alignment.warnings


def _story_variants(kinds: tuple[str, ...]) -> list:
    dev = variants.dev_set(seeds=1, include_text_berg=False, first_seed=HELD_OUT_SEED)
    return [pair for kind in kinds for pair in dev[kind]]


def test_a_translation_with_sentences_dropped_keeps_high_overall_confidence():
    for pair in _story_variants(("omit",)):
        alignment = _align(pair.src, pair.src_lang, pair.tgt, pair.tgt_lang)
        assert alignment.confidence > 0.6, (pair.name, pair.edits, alignment.confidence)


def test_wrong_links_get_less_confidence_than_right_ones():
    """On edited stories (drops, merges, splits), a reviewer who checks the least confident links
    first meets the wrong ones early: a right link outranks a wrong one most of the time, and
    the typical wrong link is well below the typical right one."""
    right, wrong = [], []
    for pair in _story_variants(("omit", "merge", "split", "mixed")):
        alignment = _align(pair.src, pair.src_lang, pair.tgt, pair.tgt_lang)
        gold = {(tuple(s), tuple(t)) for s, t in pair.gold}
        for link in alignment.links:
            (right if (link.src, link.tgt) in gold else wrong).append(link.confidence)
    right, wrong = np.array(right), np.array(wrong)
    assert len(wrong) >= 10
    outranked = (right[:, None] > wrong[None, :]).mean() + 0.5 * (right[:, None] == wrong[None, :]).mean()
    assert outranked >= 0.8
    assert np.median(wrong) <= np.median(right) - 0.1


def test_a_link_with_a_close_rival_is_less_sure_than_a_clear_one():
    """Two adjacent English sentences that say nearly the same thing: either could be the
    partner of the Russian one, and the link the aligner picks says so."""
    en = ["The plant in Gomel will export 12,000 tonnes of grain to China in March.",
          "Talks on the export of grain to China were held in Gomel in March.",
          "The first train leaves on 3 April."]
    ru = ["Завод в Гомеле в марте экспортирует в Китай 12 000 тонн зерна.",
          "Первый поезд отправится 3 апреля."]
    alignment = _align(en, "en", ru, "ru")
    by_src = {link.src: link for link in alignment.links}
    clear = by_src[(2,)]
    assert clear.tgt == (1,)
    contested = [l for l in alignment.links if l.tgt == (0,)][0]
    assert contested.confidence < clear.confidence
    assert contested.signals["margin"] < clear.signals["margin"]


def test_signature_names_the_confidence_model_and_its_coefficients():
    story = STORIES[0]
    alignment = _align(lines(story, "en"), "en", lines(story, "ru"), "ru")
    described = alignment.signature["confidence"]
    assert described.startswith("logistic-v2(link:bias=") and "margin=" in described and "null:" in described
    assert "closest matches in own link" in alignment.signature["overall"]
