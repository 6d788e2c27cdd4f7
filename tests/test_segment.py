"""Sentence segmentation: tables of real wire-news paragraphs, whole documents, offsets.

The tables live in tests/data/segment/: sentences.<lang>.txt (paragraph -> expected
sentences) and documents/ (a story file and its expected segments as TSV).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from compare.model import InputError
from compare.segment import segment, split_sentences

DATA = Path(__file__).resolve().parent / "data" / "segment"
DOCUMENTS = DATA / "documents"


from segment_tables import read_table  # noqa: E402  (tests/ is on sys.path under pytest)


def table_params(lang: str):
    return [
        pytest.param(lang, paragraph, expected, id=f"{lang}-{i + 1:02d}")
        for i, (paragraph, expected) in enumerate(read_table(lang))
    ]


def read_expected(path: Path) -> list[tuple[str, int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, paragraph, text = line.split("\t")
        rows.append((kind, int(paragraph), text))
    return rows


def summary(text: str, lang: str) -> list[tuple[str, int, str]]:
    return [(s.kind, s.paragraph, " ".join(s.text.split())) for s in segment(text, lang)]


def assert_offsets(text: str, lang: str) -> None:
    segments = segment(text, lang)
    for i, s in enumerate(segments):
        assert s.index == i
        assert s.lang == lang
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
    assert [s.start for s in segments] == sorted(s.start for s in segments)


# --- the tables -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "be"])
def test_tables_hold_at_least_60_tricky_paragraphs(lang):
    assert len(read_table(lang)) >= 60


@pytest.mark.parametrize(
    "lang,paragraph,expected", table_params("en") + table_params("ru") + table_params("be")
)
def test_table(lang, paragraph, expected):
    spans = split_sentences(paragraph, lang)
    assert [paragraph[s:e] for s, e in spans] == expected


@pytest.mark.parametrize("lang", ["en", "ru", "be"])
def test_table_paragraphs_as_documents_keep_offsets(lang):
    text = "\n\n".join(p for p, _ in read_table(lang))
    assert_offsets(text, lang)
    # Read as a document, each table paragraph gives the sentences the table expects.
    got = [s.text for s in segment(text, lang) if s.kind == "body"]
    want = [s for p, expected in read_table(lang) for s in expected]
    assert got == want


# --- whole documents ------------------------------------------------------------------


DOCUMENT_CASES = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("path", DOCUMENT_CASES, ids=lambda p: p.name)
def test_document(path):
    lang = path.name.split(".")[1]
    text = path.read_text(encoding="utf-8")
    expected = read_expected(path.with_name(path.name.rsplit(".", 1)[0] + ".expected.tsv"))
    assert summary(text, lang) == expected
    assert_offsets(text, lang)


def test_three_versions_of_a_story_split_alike():
    shapes = {
        lang: [(s.kind, s.paragraph) for s in segment((DOCUMENTS / f"harvest.{lang}.txt").read_text(encoding="utf-8"), lang)]
        for lang in ("en", "ru", "be")
    }
    assert shapes["en"] == shapes["ru"] == shapes["be"]


# --- paragraphs -----------------------------------------------------------------------


def test_each_line_is_a_paragraph_and_blank_lines_separate():
    text = (
        "Заседание началось в 10.00.\n"
        "Министр выступил с докладом. Затем начались прения.\n\n\n"
        "Итоги подведут в пятницу."
    )
    assert [(s.paragraph, s.text) for s in segment(text, "ru")] == [
        (0, "Заседание началось в 10.00."),
        (1, "Министр выступил с докладом."),
        (1, "Затем начались прения."),
        (2, "Итоги подведут в пятницу."),
    ]


def test_a_line_broken_mid_sentence_is_joined():
    text = "The minister said that the plant\nwould be modernized by 2026.\nThe work starts in May."
    assert summary(text, "en") == [
        ("body", 0, "The minister said that the plant would be modernized by 2026."),
        ("body", 1, "The work starts in May."),
    ]


def test_hard_wrapped_line_ending_before_a_capital_is_joined():
    # Wrapped at 60 columns; the second break falls before a name.
    text = (
        "МИНСК, 11 апреля (БЕЛТА) – Совещание провел премьер-министр\n"
        "Беларуси. На нем выступили руководители облисполкомов и\n"
        "министр сельского хозяйства Павел Жук.\n"
    )
    assert [s.text.replace("\n", " ") for s in segment(text, "ru")] == [
        "МИНСК, 11 апреля (БЕЛТА) – Совещание провел премьер-министр Беларуси.",
        "На нем выступили руководители облисполкомов и министр сельского хозяйства Павел Жук.",
    ]
    assert {s.paragraph for s in segment(text, "ru")} == {0}


def test_list_items_are_not_joined_to_the_line_before():
    text = "Priorities for the season:\n- fuel for the farms;\n- spare parts for the combines."
    assert [s.paragraph for s in segment(text, "en")] == [0, 1, 2]


def test_rule_lines_are_kept_as_meta_lines_of_symbols():
    text = "Первая новость.\n\n* * *\n\nВторая новость.\n---\n"
    assert [(s.kind, s.sort, s.text) for s in segment(text, "ru")] == [
        ("body", "", "Первая новость."), ("meta", "symbols", "* * *"),
        ("body", "", "Вторая новость."), ("meta", "symbols", "---")]


# --- titles and datelines -------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,kinds",
    [
        ("en", "Lukashenko meets governor\nMINSK, 11 April (BelTA)\nThe talks were held on Monday.", ["title", "dateline", "body"]),
        ("ru", "Опубликовано: 16.04.2024 11:21\nСадовский провел совещание\nСовещание прошло в Минске.", ["meta", "title", "body"]),
        ("be", "МІНСК, 11 красавіка (БЕЛТА) –\nНарада прайшла ў Мінску.", ["dateline", "body"]),
        ("en", "Posted: 16 April 2024, 11:21\nThe talks were held on Monday.\nMINSK (BelTA)", ["meta", "body", "dateline"]),
        # A first paragraph that ends like a sentence is not a headline.
        ("ru", "Совещание прошло в Минске.\nИтоги подведут в пятницу.", ["body", "body"]),
        # A single paragraph is the story itself, not a title.
        ("en", "Talks in Minsk", ["body"]),
        # Only the first paragraph can be the title.
        ("en", "Talks in Minsk\nDetails to follow\nMore soon.", ["title", "body", "body"]),
    ],
)
def test_title_and_dateline_kinds(lang, text, kinds):
    assert [s.kind for s in segment(text, lang)] == kinds


@pytest.mark.parametrize(
    "lang,lead",
    [
        ("ru", "МИНСК, 11 апреля (БЕЛТА) – Президент Беларуси провел совещание. Оно длилось два часа."),
        ("be", "МІНСК, 11 красавіка (БЕЛТА) – Прэзідэнт Беларусі правёў нараду. Яна доўжылася дзве гадзіны."),
        ("en", "MINSK, 11 April (BelTA) – The President of Belarus held a meeting. It lasted two hours."),
        ("en", "WASHINGTON, Jan. 5 (Reuters) - The talks resumed. They lasted two hours."),
    ],
)
def test_inline_dateline_stays_in_the_first_sentence(lang, lead):
    segments = segment("Headline without a stop\n" + lead, lang)
    assert [s.kind for s in segments] == ["title", "body", "body"]
    assert segments[1].text.startswith(lead.split(",")[0])
    assert segments[1].text.endswith(".")
    assert "(" in segments[1].text


def test_markdown_heading_marks_are_left_out_of_the_title():
    text = "## Садоўскі правёў нараду\n\nНарада прайшла ў Мінску."
    first = segment(text, "be")[0]
    assert (first.kind, first.text) == ("title", "Садоўскі правёў нараду")
    assert text[first.start : first.end] == first.text


# --- text hygiene: empty input, line endings, NBSP, zero-width characters ----------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", "\u200b\ufeff", "\xa0\t\n"])
def test_empty_or_blank_text_gives_no_segments(text):
    assert segment(text, "ru") == ()
    assert split_sentences(text, "ru") == []


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2029"])
def test_line_endings(newline):
    text = (DOCUMENTS / "harvest.ru.txt").read_text(encoding="utf-8")
    converted = text.replace("\n", newline)
    assert summary(converted, "ru") == summary(text, "ru")
    assert_offsets(converted, "ru")


def test_no_break_spaces_count_as_spaces():
    text = "Документ подписал А.\xa0Н.\xa0Крупенко. Зарплата составила 2,3\xa0тыс.\xa0руб. Это рекорд."
    assert [text[s:e] for s, e in split_sentences(text, "ru")] == [
        "Документ подписал А.\xa0Н.\xa0Крупенко.",
        "Зарплата составила 2,3\xa0тыс.\xa0руб.",
        "Это рекорд.",
    ]


def test_zero_width_characters_do_not_break_rules_or_offsets():
    text = "\ufeffHe met U.\u200bS. Ambassador John Reed.\u200b \u200bThe talks lasted two hours.\u200b"
    segments = segment(text, "en")
    assert [s.text for s in segments] == [
        "He met U.\u200bS. Ambassador John Reed.",
        "The talks lasted two hours.",
    ]
    assert_offsets(text, "en")


def test_split_sentences_offsets_point_into_the_paragraph():
    paragraph = "  «Мы готовы!» — сказал он.  Переговоры начнутся завтра.  "
    spans = split_sentences(paragraph, "ru")
    assert [paragraph[s:e] for s, e in spans] == [
        "«Мы готовы!» — сказал он.",
        "Переговоры начнутся завтра.",
    ]


def test_unknown_language_is_a_clear_input_error():
    with pytest.raises(InputError, match="unsupported language 'de'"):
        segment("Guten Tag.", "de")


# --- size: long paragraphs and long files stay linear ----------------------------------


def test_very_long_paragraph():
    sentence = "В 2023 г. экспорт вырос на 7,4%, т.е. до 5 млрд руб. "
    paragraph = (sentence + "Итоги подвели в г. Минске. ") * 5000
    spans = split_sentences(paragraph, "ru")
    assert len(spans) == 10000
    assert paragraph[spans[-1][0] : spans[-1][1]] == "Итоги подвели в г. Минске."


def test_very_long_paragraph_without_any_boundary():
    paragraph = "слово " * 100_000
    assert split_sentences(paragraph, "ru") == [(0, len(paragraph) - 1)]


def test_ten_thousand_lines():
    text = "\n".join(f"Line {i} of the report was read. It was approved." for i in range(10_000))
    segments = segment(text, "en")
    assert len(segments) == 20_000
    assert segments[-1].paragraph == 9_999


# --- page furniture (meta lines) ---------------------------------------------------------

META_TABLE = Path(__file__).parent / "data" / "segment" / "meta_lines.tsv"
STORY_FRAME = {
    "en": ("Regional forum opens in Vitebsk", "The forum brought together 300 delegates.",
           "It will close on Friday."),
    "ru": ("В Витебске открылся региональный форум", "Форум собрал 300 делегатов.",
           "Он завершится в пятницу."),
    "be": ("У Віцебску адкрыўся рэгіянальны форум", "Форум сабраў 300 дэлегатаў.",
           "Ён завершыцца ў пятніцу."),
}


def _meta_cases():
    for raw in META_TABLE.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            lang, expected, line = raw.split("\t")
            yield pytest.param(lang, expected, line, id=f"{lang}-{expected}-{line[:30]}")


@pytest.mark.parametrize("lang,expected,line", list(_meta_cases()))
def test_meta_lines_and_their_look_alikes(lang, expected, line):
    headline, first, last = STORY_FRAME[lang]
    top = line.startswith("@top ")
    line = line.removeprefix("@top ")
    text = "\n".join([line, headline, first, last] if top else [headline, first, line, last])
    segments = segment(text, lang)
    assert "".join(s.text for s in segments).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    mine = [s for s in segments if s.paragraph == (0 if top else 2)]
    got = {(s.kind, s.sort) for s in mine}
    if expected == "content":
        assert got <= {("body", ""), ("title", "")}, [(s.kind, s.sort, s.text) for s in mine]
    elif expected == "dateline":
        assert got == {("dateline", "")}
    else:
        assert got == {("meta", expected.split(":")[1])}, [(s.kind, s.sort, s.text) for s in mine]
    # the story around it keeps its headline and sentences
    kinds = [s.kind for s in segments if s.paragraph != (0 if top else 2)]
    assert kinds == ["title", "body", "body"]


def test_the_meta_table_is_large_enough():
    cases = list(_meta_cases())
    assert sum(1 for c in cases if c.values[1].startswith("meta:")) >= 100
    assert sum(1 for c in cases if c.values[1] == "content") >= 30
    assert {c.values[0] for c in cases} == {"en", "ru", "be"}


@pytest.mark.parametrize(
    "lang,paragraph,pieces",
    [
        ("be", "Пацярпелым аказана дапамога.-0-", [("body", "Пацярпелым аказана дапамога."), ("meta", "-0-")]),
        ("ru", "Пострадавшим оказана помощь. -0-", [("body", "Пострадавшим оказана помощь."), ("meta", "-0-")]),
        ("en", "The victims received help. -0-", [("body", "The victims received help."), ("meta", "-0-")]),
    ],
)
def test_a_glued_end_mark_is_split_off(lang, paragraph, pieces):
    headline, first, _ = STORY_FRAME[lang]
    segments = segment("\n".join([headline, first, paragraph]), lang)
    assert [(s.kind, s.text) for s in segments if s.paragraph == 2] == pieces


@pytest.mark.parametrize(
    "lang,lead",
    [
        ("ru", "Минск, 7 марта. Президент провел совещание с правительством."),
        ("ru", "14 ноября, Минск /Корр. БЕЛТА/. Президент провел совещание с правительством."),
        ("ru", "МИНСК, 3 фев — Sputnik. Президент провел совещание с правительством."),
        ("ru", "МИНСК, 20 ноября. /ТАСС/. Президент провел совещание с правительством."),
        ("ru", "ГРОДНО. 19 сентября. БИА. Президент провел совещание с правительством."),
        ("be", "2 кастрычніка, Мінск /Кар. БЕЛТА/. Прэзідэнт правёў нараду з урадам."),
        ("en", "MINSK, 3 February (BelTA) – The President held a meeting with the government."),
        ("en", "MINSK, 3 February – The President held a meeting with the government."),
    ],
)
def test_datelines_stay_with_the_lead(lang, lead):
    segments = segment(STORY_FRAME[lang][0] + "\n" + lead + " " + STORY_FRAME[lang][2], lang)
    assert [s.text for s in segments if s.kind == "body"] == [lead, STORY_FRAME[lang][2]]


@pytest.mark.parametrize(
    "lang,paragraph,sentences",
    [
        ("ru", "«Мы ценим уровень сотрудничества, — говорится в послании. — В прошлом году товарооборот вырос».",
         ["«Мы ценим уровень сотрудничества, — говорится в послании.", "— В прошлом году товарооборот вырос»."]),
        ("be", "«Мы цэнім узровень супрацоўніцтва, — адзначыў ён. — У мінулым годзе тавараабарот вырас».",
         ["«Мы цэнім узровень супрацоўніцтва, — адзначыў ён.", "— У мінулым годзе тавараабарот вырас»."]),
        ("en", "“We value the cooperation,” he said. “Last year trade grew.”",
         ["“We value the cooperation,” he said.", "“Last year trade grew.”"]),
        ("en", "“We value the cooperation,\" he said. \"Last year trade grew.”",
         ["“We value the cooperation,\" he said.", "\"Last year trade grew.”"]),
        ("ru", "Документ подписал Петров А.В. Затем состоялась пресс-конференция.",
         ["Документ подписал Петров А.В.", "Затем состоялась пресс-конференция."]),
        ("ru", "Документ подписал А.В. Петров. Затем состоялась пресс-конференция.",
         ["Документ подписал А.В. Петров.", "Затем состоялась пресс-конференция."]),
        ("be", "Дакумент падпісаў Пятроў А.В. Затым адбылася прэс-канферэнцыя.",
         ["Дакумент падпісаў Пятроў А.В.", "Затым адбылася прэс-канферэнцыя."]),
        ("en", "The shop presented its plans. iPhone 16 sales start in May.",
         ["The shop presented its plans.", "iPhone 16 sales start in May."]),
    ],
)
def test_quotes_initials_and_brands(lang, paragraph, sentences):
    assert [paragraph[s:e] for s, e in split_sentences(paragraph, lang)] == sentences


@pytest.mark.parametrize(
    "lang,page,kinds",
    [
        # a page that repeats its title three times: one headline, two repeats
        ("ru", "Заголовок новости дня\nЗаголовок новости дня\nЗаголовок новости дня\nТекст новости.",
         [("title", ""), ("meta", "repeated_title"), ("meta", "repeated_title"), ("body", "")]),
        # an English site menu above a Russian story
        ("ru", "Home\nNews\nAbout us\nЗаголовок новости\nТекст новости.",
         [("meta", "rubric")] * 3 + [("title", ""), ("body", "")]),
        # a kicker between the headline and the story, and the headline printed again
        ("ru", "Гомельские аграры завершили уборку зерновых\n14.10.2025 17:19\n—\nНовости Общества\n"
               "Гомельские аграры завершили уборку зерновых\nХозяйства намолотили 1,2 млн т.\n"
               "Фото photo.example.net",
         [("title", ""), ("meta", "timestamp"), ("meta", "symbols"), ("meta", "rubric"),
          ("meta", "repeated_title"), ("body", ""), ("meta", "credit")]),
        # a salutation after the headline is the story's
        ("ru", "Поздравление Президента с Днем учителя\nДорогие педагоги!\nПоздравляю вас с праздником.",
         [("title", ""), ("body", ""), ("body", "")]),
        # a related-link box in capitals after the last paragraph
        ("en", "Headline of the day\nText of the story.\nNUCLEAR POWER IN THE REGION",
         [("title", ""), ("body", ""), ("meta", "related")]),
    ],
)
def test_page_level_furniture(lang, page, kinds):
    assert [(s.kind, s.sort) for s in segment(page, lang)] == kinds
