"""Partial omissions and additions (compare/analyze/partial.py): a run of words with no
counterpart inside a linked pair. Our own sentences in the agencies' patterns (fictional bodies
and people). Precision first: paraphrase, dictionary gaps, attribution and a misaligned pair
must not raise the flag."""
import pytest

from compare.analyze.partial import RULE_ADDITION, RULE_OMISSION, check_partial, read_pair
from compare.bridge import get_bridge

pytestmark = pytest.mark.skipif(get_bridge() is None, reason="the dictionary bridge is off here")

# (original, lang, English, the run the flag must quote)
OMISSIONS = [
    ("В ней участвовали 14 сотрудников центра, а также специалисты двух льнозаводов, которые "
     "предоставили сырье для испытаний.", "ru", "It involved 14 staff members of the centre.",
     "специалисты двух льнозаводов"),
    ("Центр специализируется на переработке растительного сырья и выполняет исследования по "
     "заказам предприятий агропромышленного комплекса.", "ru",
     "The centre specialises in processing plant raw materials.", "выполняет исследования"),
    ("Руководитель лаборатории полимерных материалов Сергей Ткачук отметил, что ключевой "
     "проблемой была влагостойкость пленки.", "ru",
     "Sergei Tkachuk noted that the key problem was the film's moisture resistance.",
     "Руководитель лаборатории полимерных материалов"),
    ("Тем не менее хозяйства сумели сохранить урожай и сейчас работают в полную силу», – "
     "отметил Павел Юркевич.", "ru", "Nevertheless, farms have managed to save the crop,” Pavel "
     "Yurkevich noted.", "работают в полную силу"),
]

# (original, lang, English, the added run)
ADDITIONS = [
    ("Особое внимание уделяется качеству зерна.", "ru",
     "Special attention is paid to grain quality, which laboratories check at every elevator.",
     "laboratories check at every elevator"),
]

# Faithful pairs: free paraphrase, dictionary gaps, reordering, attribution said another way.
FAITHFUL = [
    ("Поздравляю вас с Днем Независимости Республики Беларусь.", "ru",
     "I wish you a Happy Independence Day of the Republic of Belarus."),
    ("Президент Беларуси Иван Коваль поздравил соотечественников с Днем народного единства.", "ru",
     "Belarusian President Ivan Koval has extended greetings to his compatriots on Day of People's Unity."),
    ("Жителей приглашают на праздник в парк у реки (подробности в видео).", "ru",
     "Residents are invited to a festival in the park by the river."),
    ("Разам нам трэба будзе вызначыць свой лёс», — адзначыў кіраўнік раёна.", "be",
     "Together we will have to determine our destiny,” he said."),
    ("Экспорт вырос на 12,7% по сравнению с аналогичным периодом прошлого года.", "ru",
     "Exports grew by 12.7% year-on-year."),
    ("Лен – наше традиционное сырье, и мы обязаны использовать его максимально эффективно, в том "
     "числе отходы», – заявила она.", "ru", "“Flax is our traditional raw material, and we are "
     "obliged to use it as efficiently as possible, including its waste,” she stated."),
    ("Работа над материалом велась четыре года.", "ru", "Work on the material lasted four years."),
]


@pytest.mark.parametrize("original, lang, english, run", OMISSIONS)
def test_a_dropped_clause_is_flagged_with_its_words(original, lang, english, run):
    flags = check_partial(original, english, lang, "en", src_ids=(3,), tgt_ids=(3,))
    omissions = [f for f in flags if f.rule == RULE_OMISSION]
    assert len(omissions) == 1, flags
    flag = omissions[0]
    assert flag.kind == "omission" and flag.category == "partial"
    assert run in flag.source_term and not flag.target_term
    assert "has no counterpart in the English" in flag.explanation and "ru:3" in flag.explanation


@pytest.mark.parametrize("original, lang, english, run", ADDITIONS)
def test_an_added_clause_is_flagged_with_its_words(original, lang, english, run):
    flags = [f for f in check_partial(original, english, lang, "en") if f.rule == RULE_ADDITION]
    assert len(flags) == 1 and run in flags[0].target_term
    assert flags[0].kind == "addition" and "has no counterpart in the Russian" in flags[0].explanation


@pytest.mark.parametrize("original, lang, english", FAITHFUL)
def test_a_faithful_pair_raises_nothing(original, lang, english):
    assert check_partial(original, english, lang, "en") == []


def test_an_unsure_link_raises_nothing_until_confirmed():
    original, lang, english, _ = OMISSIONS[0]
    assert check_partial(original, english, lang, "en", confidence=0.6) == []
    assert check_partial(original, english, lang, "en", confidence=0.6, confirmed=True)


def test_a_misaligned_pair_is_not_a_partial_omission():
    """Two unrelated sentences: everything is unmatched, which is a wrong link, not an omission."""
    assert check_partial("Работа над материалом велась четыре года.",
                         "The border guards detained four people near the village.", "ru", "en") == []


def test_the_reason_is_told_when_nothing_is_flagged():
    (omitted, why, _), _ = read_pair("Работа над материалом велась четыре года.",
                                     "Work on the material lasted four years.", "ru", "en")
    assert omitted == "" and why


@pytest.mark.parametrize("source, target", [("", "Something."), ("Нечто.", ""), ("   ", "   ")])
def test_an_empty_side_raises_nothing(source, target):
    assert check_partial(source, target, "ru", "en") == []


def test_latin_words_hyphens_and_numbers_in_words_do_not_crash():
    flags = check_partial("Компания IT-Park открыла двадцать пять офисов в Минске и Гродно.",
                          "IT-Park has opened twenty-five offices in Minsk.", "ru", "en")
    assert all(f.category == "partial" for f in flags)


def test_a_dropped_clause_with_a_name_in_it_is_one_issue_in_both_originals():
    from compare.analyze.issues import group_issues
    from compare.model import Flag

    ru_partial = Flag("omission", "partial", "совместно с врачами клиники «Сож»", "", "…", rule=RULE_OMISSION)
    be_partial = Flag("omission", "partial", "разам з урачамі клінікі «Сож»", "", "…", rule=RULE_OMISSION)
    name = Flag("name", "name", "Сож", "", "the name Сож of the source is not in the translation",
                rule="checks.name.missing")
    other = Flag("number", "number", "40", "", "…", rule="checks.number.missing")
    issues = group_issues([(("ru", "en"), ru_partial), (("ru", "en"), name), (("be", "en"), be_partial),
                           (("ru", "en"), other)])
    assert [issue.kind for issue in issues] == ["omission", "number"]
    assert issues[0].where == "in the Russian and the Belarusian" and len(issues[0].flags) == 3
    assert issues[0].flag.rule == RULE_OMISSION  # the evidence shown first is the dropped clause


def test_the_data_file_sets_every_bar():
    """The thresholds live in compare/data/checks/partial.tsv; the code's defaults only stand in
    for a damaged line, and say the same."""
    from compare.analyze.checks.common import data_lines
    from compare.analyze.partial import Bars, bars

    listed = {line.split("\t")[0] for line in data_lines("partial.tsv")}
    assert listed == set(Bars().__dict__)
    assert bars() == Bars()
    assert "min_confidence:0.8" in bars().signature()
