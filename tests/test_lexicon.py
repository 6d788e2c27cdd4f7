"""The force lexicon as data: complete in three languages and findable by each lemmatiser."""
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from compare.analyze.lemmatize import _ru_morph, be_form_table, lemmas, lexicon_lemmas, normalize, tokenize
from compare.lexicon import load_lexicon

LEXICON = load_lexicon()
REPO = Path(__file__).resolve().parent.parent


def _words(variant: str, lang: str) -> list[str]:
    return [token.norm for token in tokenize(variant.removesuffix("@v").removesuffix("+"), lang)]


def test_at_least_150_concepts_with_unique_ids():
    ids = [concept.id for concept in LEXICON.concepts]
    assert len(ids) >= 150
    assert not [id_ for id_, count in Counter(ids).items() if count > 1]


@pytest.mark.parametrize("concept", LEXICON.concepts, ids=lambda c: c.id)
def test_every_concept_has_en_ru_and_be(concept):
    for lang in ("en", "ru", "be"):
        assert concept.variants[lang], f"{concept.id} has no {lang} variant"
        assert all(_words(variant, lang) for variant in concept.variants[lang])


def test_every_russian_word_is_known_to_pymorphy():
    """Russian is matched by lemma: a word pymorphy3 only guesses would match by accident."""
    morph = _ru_morph()
    unknown = sorted({
        word
        for concept in LEXICON.concepts
        for variant in concept.variants["ru"]
        for word in _words(variant, "ru")
        if not morph.word_is_known(word)
    })
    assert not unknown


def test_every_russian_entry_is_found_in_an_inflected_form():
    """Inflect each entry's first word (in the reading the lexicon means) into its other forms:
    every form must lemmatise back to the entry, so «заявила», «заявят», «заявивший» all match."""
    morph = _ru_morph()
    missed = []
    for concept in LEXICON.concepts:
        for variant in concept.variants["ru"]:
            word = _words(variant, "ru")[0]
            wanted = lexicon_lemmas(word, "ru")
            parses = [p for p in morph.parse(word) if normalize(p.normal_form) in wanted] or morph.parse(word)[:1]
            forms = {normalize(form.word) for form in parses[0].lexeme} - {word}
            if forms and not all(wanted & lemmas(form, "ru") for form in forms):
                missed.append((variant, sorted(f for f in forms if not wanted & lemmas(f, "ru"))[:3]))
    assert not missed


def test_every_belarusian_word_has_its_forms_shipped():
    table = be_form_table()
    missing = sorted({
        word
        for concept in LEXICON.concepts
        for variant in concept.variants["be"]
        for word in _words(variant, "be")
        if word not in table
    })
    assert not missing, "run python scripts/be_forms.py"


@pytest.mark.parametrize("form,lemma", [
    ("падкрэсліў", "падкрэсліць"), ("падкрэсліла", "падкрэсліць"), ("заявіў", "заявіць"),
    ("патрабуе", "патрабаваць"), ("папярэдзілі", "папярэдзіць"), ("баевікоў", "баявік"),
    ("тэрарыстаў", "тэрарыст"), ("небяспечнай", "небяспечны"), ("агрэсіяй", "агрэсія"),
    ("занепакоенасць", "занепакоенасць"), ("занепакоенасці", "занепакоенасць"), ("могуць", "магчы"),
    ("крытычнае", "крытычны"), ("раскрытыкаваў", "раскрытыкаваць"), ("асуджае", "асуджаць"),
])
def test_belarusian_forms_lead_to_their_lemma(form, lemma):
    assert normalize(lemma) in lemmas(normalize(form), "be")


def test_no_variant_is_two_concepts_of_one_scale():
    """A word may have readings on two scales ("tough": difficult, or harsh — the comparison
    picks the one the other side supports), but two levels on one scale would contradict."""
    for lang in ("en", "ru", "be"):
        seen: dict[tuple[str, tuple[str, ...]], str] = {}
        clashes = []
        for concept in LEXICON.concepts:
            for variant in concept.variants[lang]:
                key = (concept.scale, tuple(_words(variant, lang)))
                if key in seen and seen[key] != concept.id:
                    clashes.append(f"{lang} {variant!r}: {seen[key]} and {concept.id}")
                seen[key] = concept.id
        assert not clashes


def test_scales_and_relations_name_what_exists():
    concepts = {concept.id for concept in LEXICON.concepts}
    for scale in LEXICON.scales.values():
        assert set(scale.satisfied_by) <= set(LEXICON.scales), scale.name
    for source, target in LEXICON.relations:
        assert source in concepts and target in concepts, (source, target)


def _hunspell_be_missing() -> bool:
    try:
        import spylls  # noqa: F401
    except ImportError:
        return True
    return not Path("/usr/share/hunspell/be_BY.dic").exists()


@pytest.mark.skipif(shutil.which("lt-proc") is None, reason="apertium (lt-proc) generates part of the forms")
@pytest.mark.skipif(_hunspell_be_missing(), reason="hunspell-be (read with spylls) gives the paradigms")
def test_be_forms_file_is_up_to_date():
    result = subprocess.run([sys.executable, "scripts/be_forms.py", "--check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# From a Belarusian and Russian editor's review: words that are not the language's, or not the
# concept's, and the forms that replace them. (concept, lang, variant, present?)
@pytest.mark.parametrize("concept_id, lang, variant, present", [
    ("doubt", "be", "сумнеўны", True),
    ("doubt", "be", "сумніўны", False),
    ("grim", "be", "плачэўны", False),  # a Russianism
    ("grim", "be", "жаласны", True),
    ("complain", "be", "пасетаваць", False),  # a Russianism
    ("complain", "be", "панаракаць", True),
    ("preliminary", "be", "арыенціровачна", True),
    ("preliminary", "be", "арыентыровачна", False),
    ("self_proclaimed", "ru", "самозванный", False),
    ("self_proclaimed", "ru", "самозваный", True),
    ("inappropriate", "be", "непрыстойны", False),  # "indecent"
    ("grossly", "be", "неразборлівы", False),  # "illegible", "unscrupulous"
    ("possibly", "be", "бадай", True),
    ("possibly", "be", "патэнцыяльна", True),
])
def test_editor_review_corrections(concept_id, lang, variant, present):
    concept = next(c for c in LEXICON.concepts if c.id == concept_id)
    assert (variant in concept.variants[lang]) == present


def test_number_qualifiers_have_no_russianisms():
    from compare.analyze.checks.common import data_lines

    be_forms = {form for line in data_lines("number_qualifiers.tsv") if line.startswith("be\t")
                for form in line.split("\t")[2].split(",")}
    assert "арыенціровачна" in be_forms
    assert not be_forms & {"парадку", "арыентыровачна"}


# A verb and its reflexive are two verbs: «разлічвацца» (settle up) is not «разлічваць»
# (expect, count on); hunspell-be derives both from one entry, the forms table keeps them apart.
@pytest.mark.parametrize("form,lemma", [
    ("разлічвацца", "разлічваць"), ("выказаў", "выказацца"), ("заявіўся", "заявіць"),
])
def test_belarusian_forms_do_not_cross_voice(form, lemma):
    assert normalize(lemma) not in lemmas(normalize(form), "be")
