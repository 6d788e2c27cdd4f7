"""QA checks on real-style wire sentence pairs (fictional people and events): what a reviewer
is shown, and — as important — what a faithful translation must not set off."""
import pytest

from compare.analyze.checks import name_variants, quotations, run_checks

# The tables of cases per kind are in tests/test_checks_<kind>.py; here what spans the kinds.


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


def _story_with_furniture():
    from compare.model import Document, Segment, Story, StoryMeta

    def doc(lang, items):
        segments, text = [], ""
        for index, (kind, sentence) in enumerate(items):
            start = len(text)
            text += sentence + "\n"
            segments.append(Segment(index, sentence, start, start + len(sentence), index, kind=kind,
                                    lang=lang, sort="timestamp" if kind == "meta" else ""))
        return Document(lang=lang, text=text, segments=tuple(segments))

    ru = doc("ru", [("meta", "03.07.2026 09:00"), ("dateline", "МИНСК, 3 июля (БЕЛТА) –"),
                    ("body", "Завод выпустил 320 тракторов.")])
    en = doc("en", [("meta", "Posted: 04.07.2026 11:30:00"), ("dateline", "MINSK, 4 July (BelTA) –"),
                    ("body", "The plant made 230 tractors.")])
    return Story(id="furniture", meta=StoryMeta(original="ru"), documents={"ru": ru, "en": en})


@pytest.mark.parametrize("links, expected_rules", [
    # meta against meta, dateline against dateline: different times and days, never checked
    ((((0,), (0,)), ((1,), (1,)), ((2,), (2,))), [[], [], ["checks.number.changed"]]),
    # a meta line left without a counterpart is not an omission
    ((((0,), ()), ((), (0,)), ((1, 2), (1, 2))), [[], [], ["checks.number.changed"]]),
])
def test_meta_lines_and_datelines_are_never_checked(links, expected_rules):
    from compare.analyze.story import analyze_alignment
    from compare.model import Alignment, Link

    story = _story_with_furniture()
    alignment = Alignment("ru", "en", tuple(Link(src, tgt) for src, tgt in links))
    analyses = analyze_alignment(story, alignment)
    rules = [[f.rule for f in a.flags if f.rule.startswith("checks.")] for a in analyses]
    assert rules == expected_rules


@pytest.mark.parametrize("marked, clean", [
    ("Прэзідэ́нт Аляксандр Лукашэ́нка сустрэ́ўся з Віктарам Ле́мешам.",
     "Прэзідэнт Аляксандр Лукашэнка сустрэўся з Віктарам Лемешам."),
    ("Делегация прибыла в Минcк и Гомeль.", "Делегация прибыла в Минск и Гомель."),  # Latin c, e
    ("Йод, ёлка, ўзор.", "Йод, ёлка, ўзор."),  # letters that carry a mark stay as they are
])
def test_normalise_drops_marks_and_look_alikes(marked, clean):
    from compare.analyze.checks import normalise

    assert normalise(marked) == clean
    assert normalise(clean) == clean


def test_stress_marks_give_the_verdicts_of_clean_text():
    clean = ("Александр Лукашенко 22 сентября встретился с Виктором Лемешем.",
             "Aleksandr Lukashenko met Viktor Kovalchuk on 23 September.")
    marked = ("Алекса́ндр Лукаше́нко 22 сентября́ встре́тился с Ви́ктором Ле́мешем.", clean[1])
    assert [f.rule for f in run_checks(*marked, "ru", "en")] == \
        [f.rule for f in run_checks(*clean, "ru", "en")]


# A fact the aligner put one sentence over: missing from one link, on the other side of the next.
@pytest.mark.parametrize("originals, translations, expected", [
    (["Выставку посетили 320 человек.", "Она продлится до конца месяца."],
     ["The exhibition.", "It was visited by 320 people and runs until the end of the month."],
     [[], []]),
    (["Выставку посетили 320 человек.", "Она продлится до конца месяца."],
     ["The exhibition.", "It was visited by 230 people and runs until the end of the month."],
     [["checks.number.missing"], ["checks.number.added"]]),
    (["Форум откроется 16 июня.", "Его проведет Виктор Лемеш."],
     ["The forum will be opened by Viktor Lemesh", "on 16 June."], [[], []]),
    (["Форум откроется 16 июня.", "Его проведет Виктор Лемеш."],
     ["The forum opens", "on 16 July, chaired by Viktor Kovalchuk."],
     [["checks.date.missing"], ["checks.date.added", "checks.name.missing"]]),
])
def test_facts_moved_to_the_next_link_are_not_flagged(originals, translations, expected):
    from compare.analyze.checks import drop_moved_facts

    flags = [run_checks(o, t, "ru", "en") for o, t in zip(originals, translations)]
    kept = drop_moved_facts(flags, originals, translations, "ru", "en")
    assert [[f.rule for f in link if f.kind in ("number", "date", "name")] for link in kept] == expected


def test_a_link_that_looks_wrong_is_not_checked_but_said_to_look_wrong():
    from compare.analyze.story import CHECK_MIN_CONFIDENCE, analyze_alignment
    from compare.model import Alignment, Link

    story = _story_with_furniture()
    sure = analyze_alignment(story, Alignment("ru", "en", (Link((2,), (2,), confidence=0.9),)))
    unsure = analyze_alignment(story, Alignment("ru", "en", (
        Link((2,), (2,), confidence=CHECK_MIN_CONFIDENCE - 0.1),)))
    assert [f.rule for f in sure[0].flags] == ["checks.number.changed"]
    assert not [f for f in unsure[0].flags if f.rule.startswith("checks.")]
    assert "link looks wrong" in unsure[0].note



def test_a_headline_with_no_counterpart_is_not_an_omission():
    from compare.analyze.story import analyze_alignment
    from compare.model import Alignment, Document, Link, Segment, Story, StoryMeta

    def doc(lang, items):
        segments, text = [], ""
        for index, (kind, sentence) in enumerate(items):
            start = len(text)
            text += sentence + "\n"
            segments.append(Segment(index, sentence, start, start + len(sentence), index, kind=kind, lang=lang))
        return Document(lang=lang, text=text, segments=tuple(segments))

    ru = doc("ru", [("title", "Министр открыл форум в Витебске"), ("body", "Форум собрал 320 участников.")])
    en = doc("en", [("body", "The forum brought together 320 participants.")])
    story = Story("headline", StoryMeta(original="ru"), {"ru": ru, "en": en})
    analyses = analyze_alignment(story, Alignment("ru", "en", (Link((0,), ()), Link((1,), (0,)))))
    assert [[f.rule for f in a.flags if f.rule.startswith("checks.")] for a in analyses] == [[], []]
