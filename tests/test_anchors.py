"""Anchors compare across English, Russian and Belarusian: the same number, date or name written
the way each language writes it gets the same key (the aligner and the QA checks rely on it)."""
import pytest

from compare.anchors import extract_dates, extract_names, extract_numbers, name_key

# (text, lang, expected number keys in order)
NUMBERS = [
    ("Товарооборот составил $48,6 млн.", "ru", ["48600000"]),
    ("Tavaraabarot sklau", "en", []),
    ("trade amounted to $46.8 million, up 17% year-on-year", "en", ["46800000", "17"]),
    ("Тавараабарот склаў $48,6 млн, што на 17% больш.", "be", ["48600000", "17"]),
    ("1,5 млн тонн зерна", "ru", ["1500000"]),
    ("1.5 million tonnes of grain", "en", ["1500000"]),
    ("1,5 млн тон збожжа", "be", ["1500000"]),
    ("about 2,000 people", "en", ["2000"]),
    ("около 2 тыс. человек", "ru", ["2000"]),
    ("каля 2 тыс. чалавек", "be", ["2000"]),
    ("выпуск 12 345 единиц", "ru", ["12345"]),
    ("в 2024 году 15 предприятий", "ru", ["2024", "15"]),
    ("the talks lasted four hours", "en", ["4"]),
    ("переговоры длились четыре часа", "ru", ["4"]),
    ("перамовы доўжыліся чатыры гадзіны", "be", ["4"]),
    ("a rate of 0,75 percent", "ru", ["0.75"]),
    ("costs rose by 1,500.5 dollars", "en", ["1500.5"]),
    ("two billion roubles", "en", ["2000000000"]),
]


@pytest.mark.parametrize("text,lang,keys", NUMBERS)
def test_numbers_normalise_across_languages(text, lang, keys):
    assert [m.key for m in extract_numbers(text, lang)] == keys


def test_number_mention_keeps_its_surface_and_span():
    text = "Товарооборот составил $48,6 млн в январе."
    (mention,) = extract_numbers(text, "ru")
    assert mention.surface == "48,6 млн"
    assert text[mention.span[0]:mention.span[1]] == "48,6 млн"
    assert mention.value == 48_600_000


# (text, lang, expected date keys)
DATES = [
    ("Лукашенко 11 апреля прибыл в Москву.", "ru", ["--04-11"]),
    ("Lukashenko arrived in Moscow on April 11th.", "en", ["--04-11"]),
    ("Лукашэнка 11 красавіка прыбыў у Маскву.", "be", ["--04-11"]),
    ("Posted: 11.04.2026 11:21", "en", ["2026-04-11"]),
    ("VITEBSK, 14 October (BIA)", "en", ["--10-14"]),
    ("ВИТЕБСК, 14 октября (БИА)", "ru", ["--10-14"]),
    ("ВІЦЕБСК, 14 кастрычніка (БІА)", "be", ["--10-14"]),
    ("the plant opens in March 2027", "en", ["2027-03"]),
    ("завод откроется в марте 2027 года", "ru", ["2027-03"]),
    ("завод адкрыецца ў сакавіку 2027 года", "be", ["2027-03"]),
    ("on 5 January 2025 and 2025-01-06", "en", ["2025-01-05", "2025-01-06"]),
    ("В январе–августе товарооборот вырос", "ru", ["--01", "--08"]),
    ("Talks were held on Tuesday.", "en", ["weekday-2"]),
    ("Перамовы прайшлі ў аўторак.", "be", ["weekday-2"]),
    ("We may march on.", "en", []),  # "may" and "march" are verbs here
]


@pytest.mark.parametrize("text,lang,keys", DATES)
def test_dates_normalise_across_languages(text, lang, keys):
    assert [m.key for m in extract_dates(text, lang)] == keys


def test_digits_of_a_date_are_not_also_numbers():
    assert [m.key for m in extract_numbers("Лукашенко 11 апреля 2026 года прибыл", "ru")] == []


# groups of spellings of one name that must share a key
SAME_NAME = [
    ["Лукашенко", "Лукашэнка", "Lukashenko", "Lukashenka", "Lukashenko's"],
    ["Жолудевич", "Жолудзевіч", "Zholudevich", "Zholudzevich"],
    ["Минск", "Мінск", "Minsk", "Минском"],
    ["Витебск", "Віцебск", "Vitebsk"],
    ["Гомель", "Homiel", "Gomel"],
    ["Путин", "Путиным", "Putin"],
    ["Александр", "Аляксандр", "Aleksandr", "Alexander"],
    ["Беларусь", "Беларуси", "Belarus"],
    ["Москва", "Москвой", "Moscow"],
]


@pytest.mark.parametrize("spellings", SAME_NAME)
def test_name_key_joins_spellings_of_one_name(spellings):
    keys = {name_key(s) for s in spellings}
    assert len(keys) == 1 and "" not in keys, dict(zip(spellings, map(name_key, spellings)))


@pytest.mark.parametrize("a,b", [("Минск", "Москва"), ("Лукашенко", "Путин"), ("Vitebsk", "Gomel")])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_names_skip_sentence_initial_words_unless_known():
    text = "Negotiations began. The President of Belarus met Putin."
    assert [m.surface for m in extract_names(text, "en")] == ["President", "Belarus", "Putin"]
    assert "Negotiations" in [m.surface for m in extract_names(text, "en", known={"negotiations"})]


def test_latin_words_and_acronyms_in_cyrillic_text():
    mentions = extract_names("Компания Reuters сообщила, что ООН и IT-парк согласны.", "ru")
    kinds = {(m.kind, m.surface) for m in mentions}
    assert ("name", "Reuters") in kinds
    assert ("acronym", "ООН") in kinds
    assert name_key("Reuters") == next(m.key for m in mentions if m.surface == "Reuters")


def test_month_names_are_not_names():
    assert [m.surface for m in extract_names("Talks were held in April with Poland.", "en")] == ["Poland"]


# The extractors try their month, weekday and number-word patterns only where such a word
# begins, and the digit patterns only where a run of digits begins (anchors._at_words,
# _at_digit_runs): they must find exactly what a search of the whole text finds, including
# around letters that case folding treats unlike str.lower() (ſ, ᲀ, İ), abbreviations with
# their dot, repeated and overlapping forms, and digits glued to words.
SHORTCUT_TEXTS = [
    "The talks on May 5 and in March 2026 ended on Tuesday, twenty-one days later.",
    "Переговоры 5 мая и в марте 2026 года завершились во вторник, через двадцать один день.",
    "Перамовы 5 мая і ў сакавіку 2026 года скончыліся ў аўторак.",
    "MAY 5, May5, 5May, mayor Mayhew, maymay, sept. 12, Sept.12 and 12 Sept. 2025.",
    "ſeptember 3 and Septemb 4; ᲀторник and İstanbul on 3 April; дѣкабря 7.",
    "1 500 000, 1,500.75, 12.04.2026, 2026-04-11, 3-5 April, 0.5, .5, x12, 12x, 1912—2026.",
    "первое мая, пятого июня, две тысячи, one million, два млн., 3 млрд. рублей",
    "", "май", "12", "Вторник. Вторник? вторник!",
]


@pytest.mark.parametrize("text", SHORTCUT_TEXTS)
def test_pattern_shortcuts_find_what_a_full_search_finds(text):
    from compare import anchors

    words = anchors._lower_words(text)
    for number, pattern in enumerate(anchors._date_patterns()):
        if number in anchors._MONTH_FIRST:
            fast = anchors._at_words(pattern, text, anchors._MONTH_FORMS, words)
        else:
            fast = anchors._at_digit_runs(pattern, text)
        assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)], (number, text)
    for pattern, forms in ((anchors._weekday_pattern(), anchors._WEEKDAY_FORMS),
                           (anchors._number_word_pattern(), anchors._NUMBER_WORD_FORMS)):
        fast = anchors._at_words(pattern, text, forms, words)
        assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)], (forms, text)
    fast = anchors._at_digit_runs(anchors._number_pattern(), text)
    assert [m.span() for m in fast] == [m.span() for m in anchors._number_pattern().finditer(text)], text
