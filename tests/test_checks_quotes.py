"""Quotes: a quotation in one version only.

Real-style wire sentence pairs about fictional people and events. (source, target, src_lang,
tgt_lang, expected {(kind, rule)}); an empty set: no flag at all."""
import pytest

from compare.analyze.checks import quotations, quoted_sentences, run_checks
from checks_helpers import assert_exact_flags, case_id  # noqa: E402  (tests/ is on sys.path)

CASES = [
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

    # --- mixed marks on a real page still quote
    ("«Мы уверены, что сотрудничество будет только укрепляться», – отметил он.",
     "“We are confident that cooperation will only grow stronger,\" he noted.", "ru", "en", set()),
    # --- direct speech marked with dashes (no quotation marks)
    ("– В нашей стране работа будет завершена в срок и в полном объеме.",
     "«У нашай краіне праца будзе завершана ў тэрмін і ў поўным аб'ёме.", "ru", "be", set()),
    ("Дань памяти героям, которые освобождали город, – отметил министр.",
     "Даніна памяці героям, якія вызвалялі горад», — адзначыў міністр.", "ru", "be", set()),
    ("Беларусь – это страна, которая умеет работать, считает министр.",
     "“Belarus is a country that knows how to work,” the minister believes.", "ru", "en",
     {("quote", "checks.quote.added")}),
    ("В числе участников, помимо чиновников, – руководители партий и журналисты.",
     "Participants included officials, party leaders and journalists.", "ru", "en", set()),
]


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[case_id(c) for c in CASES])
def test_quotes_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    assert_exact_flags(source, target, src_lang, tgt_lang, expected)


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


# A quotation of several sentences: only its first and last sentences carry marks.
@pytest.mark.parametrize("sentences, expected", [
    (["«Мы начали работу.", "Она продолжается.", "Результаты будут», – сказал он.", "Далее."],
     {1, 2}),
    (["He spoke.", "“We began the work.", "It goes on,” he said.", "Then."], {2}),
    (["«Кавычка открыта.", "Раз.", "Два.", "Три.", "Четыре.", "Пять.", "Шесть.", "Семь.",
      "Восемь."], {1, 2, 3, 4, 5, 6}),  # never closed: carried over six sentences at most
    (["Без кавычек.", "Тоже."], set()),
    # speech marked with dashes: it runs on until its attribution
    (["Министр выступил.", "– Мы завершим работу в срок.", "Она идет по плану.",
      "Результаты будут, – подчеркнул он.", "Затем он уехал."], {2, 3}),
])
def test_sentences_inside_a_quotation(sentences, expected):
    assert quoted_sentences(sentences) == expected


def test_a_sentence_inside_a_quotation_is_not_reported_speech():
    source = "«Мы это сделали впервые в истории.»"
    target = "We did it for the first time in history."
    assert run_checks(source, target, "ru", "en", tgt_quoted=True) == []
    assert {f.rule for f in run_checks(source, target, "ru", "en")} == {"checks.quote.dropped"}


def test_a_speech_transcript_quoted_by_the_translation_is_no_quotation_added():
    # the original is the speaker's own text (no quotation marks, first person): its sentences
    # count as quoted, so the English news story quoting them adds no quotation
    from compare.analyze.checks.quotes import quoted_sentences, speakers_own_text

    transcript = ["Сегодня наш город отмечает свой праздник.",
                  "Мы встречаем его у стен старой крепости «Замок».",
                  "Здесь жили и трудились наши деды.",
                  "Берегите эту землю."]
    report = ["Губернатор поздравил жителей с Днем города.",
              "Он отметил, что праздник встречают у стен крепости.",
              "Губернатор вручил награды."]
    assert speakers_own_text(transcript) and quoted_sentences(transcript) == frozenset(range(4))
    assert not speakers_own_text(report)
    assert not speakers_own_text(["«Мы откроем мост», – сказал мэр.", "Мы рады.", "Наш город растёт."])


@pytest.mark.parametrize("report", [
    # a date in May and a verb "has" are no first person (Belarusian «мая», «мае» are also "my")
    ["МИНСК, 5 мая (БИА) – Завод в Борисове запустил новую линию.", "Предприятие имеет 300 работников.",
     "Линия будет выпускать 20 тыс. деталей в мае."],
    ["МІНСК, 5 чэрвеня (БІА) – Завод у Барысаве запусціў новую лінію.", "Прадпрыемства мае 300 працоўных.",
     "Лінія будзе выпускаць 20 тыс. дэталей у месяц."],
])
def test_a_report_dated_in_may_is_no_speakers_own_text(report):
    from compare.analyze.checks.quotes import quoted_sentences, speakers_own_text

    assert not speakers_own_text(report) and quoted_sentences(report) == frozenset()
