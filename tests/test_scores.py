"""chrF++ / BLEU / TER between MT and the published text: typography must not cost points, and
every score carries the settings that produced it."""
import pytest

from compare.analyze.scores import SCORE_SETTINGS, normalise, score_corpus, score_pair, signatures

# Pairs that differ only in typography: quotes, dashes, ё/е, spaces. They must score as identical.
SAME_WORDS = [
    ("«Мы не отступим», – заявил министр.", "\"Мы не отступим\", - заявил министр."),
    ("„Фестиваль растет“, — сказала она.", "«Фестиваль растет», – сказала она."),
    ("Всё решено, сообщил он.", "Все решено, сообщил он."),
    ("“We regard it as a provocation,” she said.", "\"We regard it as a provocation,\" she said."),
    ("Экспорт вырос на 12,7 %", "Экспорт  вырос на 12,7 %"),
]


@pytest.mark.parametrize("hypothesis, reference", SAME_WORDS)
def test_typography_does_not_change_scores(hypothesis, reference):
    scores = score_pair(hypothesis, reference)
    assert scores["chrf"].value == 100.0
    assert scores["bleu"].value == 100.0
    assert scores["ter"].value == 0.0


def test_guillemets_do_not_halve_bleu_on_russian():
    # With sacrebleu's default 13a tokenizer «» stay glued to the words; with "intl" they do not.
    from sacrebleu.metrics import BLEU

    # MT writes straight quotes and a hyphen, the agency «» and a dash.
    hyp = '"Мы не отступим и доведем дело до конца", - заявил министр.'
    ref = "«Мы не отступим и доведем дело до конца», – заявил министр."
    default = BLEU(effective_order=True).sentence_score(hyp, [ref]).score
    assert default < 60
    assert score_pair(hyp, ref)["bleu"].value == 100.0


def test_closer_translation_scores_higher():
    reference = "The average salary at the concern reached Br2,430 in September, up 18% year-on-year."
    close = "The average wage at the concern amounted to Br2,430 in September, up 18% over the year."
    far = "Wages grew in the autumn."
    near, distant = score_pair(close, reference), score_pair(far, reference)
    assert near["chrf"].value > distant["chrf"].value
    assert near["bleu"].value > distant["bleu"].value
    assert near["ter"].value < distant["ter"].value


def test_every_score_carries_its_signature():
    for score in score_pair("The talks were useful.", "The talks were constructive.").values():
        assert "version:" in score.signature and "prep:quotes+dashes+yo" in score.signature
    sig = signatures()
    assert "nw:2" in sig["chrf"]  # chrF++ (word bigrams)
    assert "tok:intl" in sig["bleu"] and "eff:yes" in sig["bleu"]
    assert set(sig) == set(SCORE_SETTINGS)


@pytest.mark.parametrize("hypothesis, reference", [("", "Text."), ("Text.", ""), ("...", "!!!"),
                                                   ("  ", "  ")])
def test_no_score_for_an_empty_side(hypothesis, reference):
    assert score_pair(hypothesis, reference) == {}


def test_corpus_score_skips_empty_pairs_and_checks_lengths():
    scores = score_corpus(["The talks were useful.", ""], ["The talks were useful.", "Text."])
    assert scores["chrf"].value == 100.0
    with pytest.raises(ValueError):
        score_corpus(["one"], ["one", "two"])


def test_normalise_folds_only_typography():
    assert normalise("«Всё» — „да“ ’") == "\"Все\" - \"да\" '"
