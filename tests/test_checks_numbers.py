"""Numbers: changed, missing, qualified otherwise — and what a faithful translation writes differently.

Real-style wire sentence pairs about fictional people and events. (source, target, src_lang,
tgt_lang, expected {(kind, rule)}); an empty set: no flag at all."""
import pytest
from checks_helpers import assert_exact_flags, case_id  # noqa: E402  (tests/ is on sys.path)

CASES = [
    ("Главная выставка объединила более 320 работ.",
     "The main exhibition brings together more than 230 works.", "ru", "en",
     {("number", "checks.number.changed")}),
    ("Работы отбирались почти из 1,5 тыс. заявок.",
     "The works were selected from almost 1,500 applications.", "ru", "en", set()),
    ("В акции приняли участие около 2 тыс. человек.",
     "More than 2,000 people took part in the campaign.", "ru", "en",
     {("number", "checks.number.qualifier")}),
    ("Аб'ём інвестыцый склаў 48,6 млн долараў.",
     "Investment totalled $48.6 million.", "be", "en", set()),
    ("На модернизацию направят Br310 млн.",
     "Br130 million will be spent on modernisation.", "ru", "en",
     {("number", "checks.number.changed")}),
    ("Средняя зарплата в концерне выросла за год на 18%.",
     "The average salary at the concern grew by 18% year-on-year.", "ru", "en", set()),
    ("Сярэдні заробак у канцэрне вырас за год на 16%.",
     "Средняя зарплата в концерне выросла за год на 18%.", "be", "ru",
     {("number", "checks.number.changed")}),
    ("Билеты на выставку стоят 5 рублей.", "Tickets to the exhibition cost five roubles.",
     "ru", "en", set()),  # a small number written as a word: not compared
]


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[case_id(c) for c in CASES])
def test_numbers_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    assert_exact_flags(source, target, src_lang, tgt_lang, expected)
