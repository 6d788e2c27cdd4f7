"""QA checks on real-style wire sentence pairs (fictional people and events): what a reviewer
is shown, and — as important — what a faithful translation must not set off."""
import pytest

from compare.analyze.checks import name_variants, quotations, run_checks

# (source, target, src_lang, tgt_lang, expected {(kind, rule)}); an empty set: no flag at all.
CASES = [
    # --- numbers
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
    # --- dates
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
    # --- names
    ("Жюри возглавил минский график Виктор Лемеш.",
     "The jury is chaired by Minsk graphic artist Viktor Kovalchuk.", "ru", "en",
     {("name", "checks.name.missing")}),
    ("По словам Ольги Шевчик, обследование займет 40 минут.",
     "According to Olga Shevchik, the examination will take 40 minutes.", "ru", "en", set()),
    ("Главврач Ольга Шевчик провела прием.",
     "Галоўны ўрач Вольга Шэўчык правяла прыём.", "ru", "be", set()),
    ("Делегация Китая прибыла в Минск.",
     "A delegation from China arrived in Minsk.", "ru", "en", set()),
    ("Об этом сообщили в Государственном пограничном комитете.",
     "This was reported by the State Border Committee.", "ru", "en", set()),
    ("Наряд задержал их в районе деревни Ольховка.",
     "Нарад затрымаў іх у раёне вёскі Вольхаўка.", "ru", "be", set()),
    ("Виталий Гурский встретился с Андреем Жолудевичем.",
     "Vitaly Gursky met Andrei Petrashko.", "ru", "en",
     {("name", "checks.name.missing")}),
    # --- quotes
    ("«Уровень работ в этом году выше, чем два года назад», – отметил он.",
     "He noted that the level of works this year was higher than two years ago.", "ru", "en",
     {("quote", "checks.quote.dropped")}),
    ("Он отметил, что уровень работ в этом году выше, чем два года назад.",
     "“The level of works this year is higher than two years ago,” he noted.", "ru", "en",
     {("quote", "checks.quote.added")}),
    ("«Мы расцениваем произошедшее как провокацию», – заявила Ирина Сташкевич.",
     "“We regard the incident as a provocation,” Irina Stashkevich said.", "ru", "en", set()),
    ("Пострадавших нет», – рассказала Ирина Сташкевич.",
     "No one was hurt,” Irina Stashkevich said.", "ru", "en", set()),
    ("Выставку организовал концерн «Беллесбумпром».",
     "The exhibition was organised by the Bellesbumprom concern.", "ru", "en", set()),
    # --- omissions and additions
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
    # --- untranslated
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
                         ids=[f"{c[2]}-{c[3]}:{(c[0] or c[1])[:30]}" for c in CASES])
def test_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    flags = run_checks(source, target, src_lang, tgt_lang, src_ids=(3,), tgt_ids=(3,))
    assert {(f.kind, f.rule) for f in flags} == expected


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[f"{c[2]}-{c[3]}:{(c[0] or c[1])[:30]}" for c in CASES])
def test_every_flag_shows_its_evidence(source, target, src_lang, tgt_lang, expected):
    for flag in run_checks(source, target, src_lang, tgt_lang):
        assert flag.explanation and "\n" not in flag.explanation
        assert flag.rule.startswith("checks.")
        assert flag.severity in ("low", "medium", "high")
        assert flag.source_term or flag.target_term  # the words that raised it
        for term in (flag.source_term, flag.target_term):  # terms come from the texts
            assert not term or term.rstrip("…") in source or term.rstrip("…") in target \
                or " ".join(term.split()) in " ".join((source + " " + target).split())


def test_changed_number_names_both_values():
    (flag,) = run_checks("Экспорт составил 48,6 млн долларов.", "Exports totalled $46.8 million.",
                         "ru", "en")
    assert (flag.source_term, flag.target_term) == ("48,6 млн", "46.8 million")
    assert (flag.source_level, flag.target_level) == (48_600_000, 46_800_000)
    assert flag.severity == "high"


def test_null_link_names_the_sentence_ids():
    (flag,) = run_checks("Для этого не требуется направление врача.", "", "ru", "en",
                         src_ids=(16,))
    assert "ru:16" in flag.explanation and flag.source_term.startswith("Для этого")


# Bad input: never a crash, never a spurious alarm on nothing.
@pytest.mark.parametrize("source, target, expected_kinds", [
    ("", "", set()),
    ("...", "!!!", set()),
    ("— «» –", "", set()),
    ("2025", "2025", set()),
    ("12 345", "12 345", set()),
    ("Hello мир, это mixed строка.", "Mixed line, hello world.", None),
    ("Слово " * 1000, "Word " * 1000, None),
    ("а" * 5000, "b" * 5000, None),
])
def test_bad_input_never_crashes(source, target, expected_kinds):
    flags = run_checks(source, target, "ru", "en")
    if expected_kinds is not None:
        assert {f.kind for f in flags} == expected_kinds


# The same name spelt two ways in one version: (sentences, lang, {index: (reference, variant)}).
VARIANTS = [
    (["Chief physician Olga Shevchik presented the programme.",
      "Shevchik said the screening was free.",
      "According to Olga Shevchyk, 40 doctors take part."], "en",
     {2: [("Shevchik", "Shevchyk")]}),
    (["Governor Andrei Zholudevich met the minister.",
      "The talks were constructive, Zholudzevich said."], "en",
     {1: [("Zholudevich", "Zholudzevich")]}),
    (["Ivan Petrov and Anna Petrova met journalists.", "Petrov thanked the organisers."],
     "en", {}),
    (["Vitebsk Oblast and Ordania signed a road map.", "The Ordanian side proposed a forum."],
     "en", {}),
    (["The Minister arrived in Minsk.", "The Ministry confirmed the visit."], "en", {}),
    (["Андрей Жолудевич провел переговоры.", "По словам Андрея Жолудевича, визит важен.",
      "Жолудевичу вручили награду."], "ru", {}),
    (["Андрэй Жалудзевіч правёў перамовы.", "Па словах Андрэя Жалудзевіча, візіт важны.",
      "Беларусь і Орданія падпісалі дамову.", "Пагадненне з Беларуссю ўступіць у сілу."],
     "be", {}),
    (["Главврач Ольга Шевчик представила программу.", "Ольга Шевчык отметила, что прием бесплатный."],
     "ru", {1: [("Шевчик", "Шевчык")]}),
]


@pytest.mark.parametrize("sentences, lang, expected", VARIANTS,
                         ids=[f"{v[1]}:{v[0][0][:25]}" for v in VARIANTS])
def test_name_spelt_two_ways(sentences, lang, expected):
    flags = name_variants(sentences, lang)
    got = {index: [(f.source_term, f.target_term) for f in items] for index, items in flags.items()}
    assert got == expected


@pytest.mark.parametrize("text, min_words, expected", [
    ("«Мы не отступим», – заявил министр.", 3, ["Мы не отступим"]),
    ("«Мы не отступим», – заявил министр.", 4, []),  # too short to count as speech
    ("«Фестиваль родился как небольшая встреча мастеров.", 4,
     ["Фестиваль родился как небольшая встреча мастеров."]),
    ("Мы вынуждены повышать зарплаты и строить жилье», – пояснил он.", 4,
     ["Мы вынуждены повышать зарплаты и строить жилье"]),
    ("“Furniture is now our main export product,” he noted.", 4,
     ["Furniture is now our main export product,"]),
    ("Концерн «Беллесбумпром» увеличил экспорт.", 4, []),
])
def test_quotations_found_across_sentence_boundaries(text, min_words, expected):
    assert quotations(text, min_words=min_words) == expected


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
