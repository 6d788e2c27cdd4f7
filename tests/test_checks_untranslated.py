"""Untranslated: a copy, or the source language left in the target.

Real-style wire sentence pairs about fictional people and events. (source, target, src_lang,
tgt_lang, expected {(kind, rule)}); an empty set: no flag at all."""
import pytest
from checks_helpers import assert_exact_flags, case_id  # noqa: E402  (tests/ is on sys.path)

CASES = [
    ("Жюри возглавил минский график Виктор Лемеш.",
     "Жюри возглавил минский график Виктор Лемеш.", "ru", "en",
     {("untranslated", "checks.untranslated.copy")}),
    ("Жюри возглавил минский график Виктор Лемеш.",
     "Жюри возглавил известный минский график Виктор Лемеш.", "ru", "be",
     {("untranslated", "checks.untranslated.language")}),
    ("The forum will be held in Vitebsk on 14 October.",
     "The forum will be held in Vitebsk on 14 October, organisers said.", "en", "ru",
     {("untranslated", "checks.untranslated.language")}),
    ("Журы ўзначаліў мінскі графік Віктар Лемеш.",
     "Жюри возглавил минский график Виктор Лемеш.", "be", "ru", set()),
    ("Задержанные переданы следственным органам.",
     "Задержанных передали следователям для дальнейшей проверки.", "ru", "be",
     {("untranslated", "checks.untranslated.language")}),
    ("Затрыманыя перададзены следчым органам.",
     "Затрыманыя перададзены следчым органам для далейшай праверкі.", "be", "ru",
     {("untranslated", "checks.untranslated.language")}),
    ("Задержанные переданы следственным органам.",
     "Затрыманыя перададзены следчым органам.", "ru", "be", set()),
]


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[case_id(c) for c in CASES])
def test_untranslated_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    assert_exact_flags(source, target, src_lang, tgt_lang, expected)
