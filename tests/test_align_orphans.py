"""An omission facing an addition: when the source drops one sentence and the target another at
the same place, the two leftovers must stay two rows (1-0 and 0-1), not be paired with each
other. The aligner tells them apart by anchors that find nothing in the would-be partner
(numbers, dates, names), weighed by how often that happens to true pairs in the text at hand."""
from dataclasses import replace

import pytest

from compare.align import AlignSettings, align_documents
from compare.align.costs import Weights
from compare.anchors import extract_numbers
from test_align import assert_partition, document, gold, lines, links_of

# (story, pair, k): gold links k and k+1 are 1-1; the target of link k and the source of link
# k+1 are dropped, so that link k's source and link k+1's target face each other.
FACING = [
    ("economy-woodworking-exports", "en-ru", 5),
    ("politics-talks-vitebsk", "en-ru", 2),
    ("science-flax-film", "en-be", 8),
    ("health-heart-screening-gomel", "ru-be", 8),
    ("security-border-detention", "ru-be", 20),
    ("culture-festival-polotsk", "ru-be", 19),
]


def facing_case(story: str, pair: str, k: int):
    a, b = pair.split("-")
    src, tgt = lines(story, a), lines(story, b)
    (s0, t0), (s1, t1) = gold(story, pair)[k : k + 2]
    assert len(s0) == len(t0) == len(s1) == len(t1) == 1, "the case needs two 1-1 links"
    src = src[: s1[0]] + src[s1[0] + 1 :]
    tgt = tgt[: t0[0]] + tgt[t0[0] + 1 :]
    expected = {((s0[0],), ()), ((), (t1[0] - 1,))}  # the target lost one line before t1
    return document(src, a), document(tgt, b), expected


@pytest.mark.parametrize("story,pair,k", FACING)
def test_an_omission_facing_an_addition_stays_two_rows(story, pair, k):
    src, tgt, expected = facing_case(story, pair, k)
    alignment = align_documents(src, tgt)
    assert_partition(alignment, len(src.segments), len(tgt.segments))
    assert expected <= set(links_of(alignment))


def test_without_the_orphan_evidence_the_leftovers_are_paired():
    """The cases above are decided by the anchors that find nothing: with that evidence off,
    most of them get paired 1-1 (so the table tests the evidence, not luck). The dictionary
    bridge is evidence of the same kind (words with no counterpart), so it is off here too, and
    so is the fit on confident links (which alone separates half of them)."""
    off = AlignSettings(use_bridge=False, confident_fit=False, weights=replace(Weights(), orphan=0.0))
    paired = 0
    for story, pair, k in FACING:
        src, tgt, expected = facing_case(story, pair, k)
        paired += not expected <= set(links_of(align_documents(src, tgt, settings=off)))
    assert paired >= len(FACING) - 1


def test_signature_records_the_orphan_weight_and_the_rates_it_used():
    src, tgt, _ = facing_case(*FACING[0])
    signature = align_documents(src, tgt).signature
    assert "orphan=0.2(anchors)" in signature["weights"]
    assert "none=" in signature["signals"]


@pytest.mark.parametrize(
    "text,lang,value",
    [
        ("The average salary amounted to Br2,430 in September.", "en", "2430"),
        ("Сярэдняя заработная плата склала Br2 430.", "be", "2430"),
        ("Br2.3 million has been allocated to the programme.", "en", "2300000"),
        ("In 2025, Br130 million is planned to be invested.", "en", "130000000"),
        ("The tickets cost $15.", "en", "15"),
    ],
)
def test_a_currency_written_before_the_digits_does_not_hide_the_number(text, lang, value):
    assert value in [m.key for m in extract_numbers(text, lang)]
