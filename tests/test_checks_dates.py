"""Dates: changed, missing, ranges, weekdays.

Real-style wire sentence pairs about fictional people and events. (source, target, src_lang,
tgt_lang, expected {(kind, rule)}); an empty set: no flag at all."""
import pytest

from compare.analyze.checks import run_checks
from checks_helpers import assert_exact_flags, case_id  # noqa: E402  (tests/ is on sys.path)

CASES = [
    # "May" and "March" alone are months after a preposition of time ("may" the verb is not)
    ("Мост через Двину откроют в мае.", "The bridge over the Dvina will open in May.", "ru", "en", set()),
    ("Мост через Двину откроют в мае.", "The bridge over the Dvina may open soon.", "ru", "en",
     {("date", "checks.date.missing")}),
    ("Гран-при будет вручен 16 июня на церемонии закрытия.",
     "The Grand Prix will be awarded on 16 July at the closing ceremony.", "ru", "en",
     {("date", "checks.date.changed")}),
    ("Форум пройдзе 14 кастрычніка ў Віцебску.",
     "The forum will be held in Vitebsk on 14 October.", "be", "en", set()),
    ("В 2026 году опыт распространят на Могилевскую область.",
     "In 2027, the experience will be extended to Mogilev Oblast.", "ru", "en",
     {("date", "checks.year.changed")}),
    ("Нарушителей задержали в ночь на 3 ноября.",
     "The intruders were detained on the night of 3-4 November.", "ru", "en",
     {("date", "checks.date.range")}),
    ("Переговоры пройдут во вторник в Витебске.",
     "The talks will be held in Vitebsk on Wednesday.", "ru", "en",
     {("date", "checks.date.weekday")}),
    ("Уборку планируется завершить до 10 сентября.",
     "The harvest is to be completed by 10 September.", "ru", "en", set()),

    # --- a day said relatively on one side
    ("Об этом министр заявил сегодня на брифинге.",
     "The minister said this at a briefing on 2 July.", "ru", "en", set()),
    ("Пра гэта міністр заявіў учора на брыфінгу.",
     "The minister said this at a briefing on 1 July.", "be", "en", set()),
    ("Об этом министр заявил на брифинге.",
     "The minister said this at a briefing on 2 July.", "ru", "en",
     {("date", "checks.date.added")}),
    # --- a relative year and no story date: nothing to check it against
    ("Я уже дважды в этом году побывал в Ордании.",
     "I have already visited Ordania twice in 2025.", "ru", "en", set()),
    # --- the dateline: where and when the story was filed, not a fact of the sentence
    ("2 июля, Минск /Ольга Шевчик - БЕЛТА/. Форум собрал более тысячи участников.",
     "The forum brought together over 1,000 participants.", "ru", "en", set()),
    ("13 верасня, Мінск /Кар. БЕЛТА/. Форум сабраў удзельнікаў з дзесяці краін.",
     "MINSK, 13 September (BelTA) – The forum brought together participants from ten countries.",
     "be", "en", set()),
    ("МИНСК, 3 февраля (БЕЛТА) – Министр заявил об этом на брифинге.",
     "The minister said this at a briefing on 3 February.", "ru", "en", set()),
    ("МИНСК, 3 февраля (БЕЛТА) – Министр заявил об этом на брифинге.",
     "The minister said this at a briefing on 4 February.", "ru", "en",
     {("date", "checks.date.added")}),
    # --- background years the English spells out, a month-year said another way
    ("Великая Отечественная война стала войной за жизнь.",
     "The Great Patriotic War of 1941-1945 became a war of survival.", "ru", "en", set()),
    ("У памяці не цьмянее вялікі май 1945 года.", "The great May of 1945 does not fade from memory.",
     "be", "en", set()),
    ("Форум впервые прошел в 1995 году.", "The forum was first held in 1996.", "ru", "en",
     {("date", "checks.year.changed")}),
]


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[case_id(c) for c in CASES])
def test_dates_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    assert_exact_flags(source, target, src_lang, tgt_lang, expected)


# A year said relatively in one version and written out in the other, in a story of 2025.
@pytest.mark.parametrize("source, target, src_lang, expected", [
    ("Форум пройдет в Витебске в марте следующего года.",
     "The forum will be held in Vitebsk in March 2027.", "ru", {"checks.date.relative_year"}),
    ("Форум пройдет в Витебске в марте следующего года.",
     "The forum will be held in Vitebsk in March 2026.", "ru", set()),
    ("Форум пройдзе ў Віцебску ў сакавіку наступнага года.",
     "The forum will be held in Vitebsk in March 2026.", "be", set()),
    ("Летась у Беларусі было сабрана 8,4 млн т збожжа.",
     "Belarus harvested 8.4 million tonnes of grain in 2023.", "be", {"checks.date.relative_year"}),
    ("В 2026 году завод начнет выпуск новой продукции.",
     "The plant will start making new products next year.", "ru", set()),
])
def test_relative_years_against_the_story_date(source, target, src_lang, expected):
    flags = run_checks(source, target, src_lang, "en", story_date="2025-10-14")
    assert {f.rule for f in flags} == expected



@pytest.mark.parametrize("target, expected", [
    ("He said this at the meeting on 25 April.", set()),  # the story's own day
    ("He said this at the meeting on 26 April.", {"checks.date.added"}),
    ("He said this at the meeting in April.", {"checks.date.added"}),
])
def test_the_story_date_is_not_an_added_date(target, expected):
    flags = run_checks("Об этом он сообщил на встрече.", target, "ru", "en", story_date="2025-04-25")
    assert {f.rule for f in flags} == expected
