"""A genuine partial translation is described as what it is ("partial translation: the English
covers 51% of the Russian"), never warned as texts that may not translate each other; two
unrelated texts still are (tests/test_align_confidence.py). Cases built from the bundled
stories: an original that goes on with another story, an English that stops halfway."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from compare.align import align_documents
from compare.align.aligner import describe_partial

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import variants  # noqa: E402
from test_align_moves import document  # noqa: E402

BASES = {p.name: p for p in variants.corpus_pairs()}

CASES = [
    ("politics-talks-vitebsk", "science-flax-film", "en-ru", "longer original"),
    ("agriculture-grain-harvest", "culture-festival-polotsk", "en-be", "longer original"),
    ("economy-woodworking-exports", "security-border-detention", "ru-be", "longer original"),
    ("health-heart-screening-gomel", None, "en-ru", "half"),
    ("transport-e-ticket-minsk-oblast", None, "en-be", "half"),
]


@pytest.mark.parametrize("story, other, pair, kind", CASES)
def test_partial_translation_is_described_not_warned(story, other, pair, kind):
    a = BASES[f"{story}.{pair}"]
    src_lang, tgt_lang = pair.split("-")
    if kind == "longer original":
        src, tgt = a.src, a.tgt + BASES[f"{other}.{pair}"].tgt
    else:
        src, tgt = a.src[: len(a.src) // 2], a.tgt
    alignment = align_documents(document(src, src_lang), document(tgt, tgt_lang))
    assert not alignment.warnings
    note = next(n for n in alignment.notes if n.startswith("partial translation"))
    share = int(re.search(r"covers (\d+)%", note).group(1))
    expected = 100 * len(a.tgt) / len(tgt) if kind == "longer original" else 100 * len(src) / len(a.src)
    assert abs(share - expected) <= 12, (note, expected)


@pytest.mark.parametrize("name", ["politics-talks-vitebsk.en-ru", "science-flax-film.ru-be"])
def test_a_whole_translation_gets_no_partial_note(name):
    pair = BASES[name]
    alignment = align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang))
    assert not [n for n in alignment.notes if n.startswith("partial")]


@pytest.mark.parametrize("src_cover, tgt_cover, text", [
    (1.0, 0.4, "the English covers 40% of the Russian"),
    (0.5, 0.95, "the Russian covers 50% of the English"),
    (0.5, 0.6, "50% of the English and 60% of the Russian are linked"),
])
def test_partial_wording(src_cover, tgt_cover, text):
    assert text in describe_partial("en", "ru", src_cover, tgt_cover)
