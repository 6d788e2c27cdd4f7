"""Omissions and additions: null links, a target much shorter or longer.

Real-style wire sentence pairs about fictional people and events. (source, target, src_lang,
tgt_lang, expected {(kind, rule)}); an empty set: no flag at all."""
import pytest
from checks_helpers import assert_exact_flags, case_id  # noqa: E402  (tests/ is on sys.path)

CASES = [
    ("Больше всего техники работает в Минской и Могилевской областях.", "", "ru", "en",
     {("omission", "checks.null_link")}),
    ("", "Cardiovascular diseases are the leading cause of death in Belarus.", "ru", "en",
     {("addition", "checks.null_link")}),
    ("Билеты на выставку стоят 5 рублей, для студентов и пенсионеров вход свободный, "
     "а для школьников из сельских районов организаторы предусмотрели бесплатный трансфер.",
     "Tickets cost 5 roubles.", "ru", "en", {("omission", "checks.length")}),
    ("Выставка открылась.",
     "The exhibition, which brings together more than a hundred illustrators from fourteen "
     "countries and runs until the end of the month, opened.", "ru", "en",
     {("addition", "checks.length"), ("number", "checks.number.added")}),
    # --- an attribution line with no counterpart: where the news came from
    ("Об этом БЕЛТА сообщили в пресс-службе Министерства по чрезвычайным ситуациям.", "", "ru", "en",
     {("omission", "checks.null_link.attribution")}),
    ("Пра гэта паведамілі ў прэс-службе аблвыканкама.", "", "be", "en",
     {("omission", "checks.null_link.attribution")}),
    ("Об этом сообщил министр, добавив, что работы продолжатся до конца года.", "", "ru", "en",
     {("omission", "checks.null_link")}),
]


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[case_id(c) for c in CASES])
def test_length_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    assert_exact_flags(source, target, src_lang, tgt_lang, expected)
