"""A bare sentence pair whose two sides are different sentences (a misalignment the user has
not fixed) says that it looks wrong instead of flagging shifts (issue 13, bad input). Our own
sentences about fictional events."""
import pytest

from compare.analyze.pair_check import looks_misaligned
from compare.bridge import can_check
from compare.commands.shifts import analyze_row

pytestmark = pytest.mark.skipif(not can_check("министр", "ru", "en"), reason="no ru→en dictionary in the bridge")

MISALIGNED = [
    # the row pairs a sentence with the translation of another one
    ("ru", "Министр сельского хозяйства заявил, что урожай зерна в области будет рекордным.",
     "Rescuers were deeply shocked by the heinous attack on the village school."),
    ("be", "Міністр сельскай гаспадаркі заявіў, што ўраджай збожжа ў вобласці будзе рэкордным.",
     "Rescuers were deeply shocked by the heinous attack on the village school."),
]
ALIGNED = [
    # a real-style faithful pair, and a shift, both analysed as usual
    ("ru", "Министр сельского хозяйства заявил, что урожай зерна в области будет рекордным.",
     "The agriculture minister said the grain harvest in the region would be a record one.", "none"),
    ("ru", "Министр сельского хозяйства заявил, что урожай зерна в области, возможно, будет рекордным.",
     "The agriculture minister said the grain harvest in the region would be a record one.", "sharpened"),
]


@pytest.mark.parametrize("lang, source, target", MISALIGNED)
def test_a_pair_of_different_sentences_says_it_looks_wrong(lang, source, target):
    row = analyze_row(source, target, lang, "en")
    assert row["verdict"] == "none" and row["flags"] == []
    assert "looks wrong" in row["note"] and "misalignment" in row["note"]


@pytest.mark.parametrize("lang, source, target, verdict", ALIGNED)
def test_a_translation_is_analysed(lang, source, target, verdict):
    assert not looks_misaligned(source, target, lang, "en")
    assert analyze_row(source, target, lang, "en")["verdict"] == verdict


def test_too_short_to_judge_or_no_dictionary_is_analysed():
    # three words: too few to say the pair is wrong; ru↔be: the bridge does not judge it
    assert not looks_misaligned("Враг разбит полностью.", "Rescuers arrived.", "ru", "en")
    assert not looks_misaligned("Министр заявил о рекордном урожае зерна в области.", "Ратавальнікі прыбылі.", "ru", "be")
