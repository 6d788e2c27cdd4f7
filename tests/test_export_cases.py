"""Comparisons built by hand for the export tests (a fictional story, fictional officials), and
checks that the cases themselves hold together (every sentence in exactly one link per pair).

Other test_export* modules import the builders from here."""
from __future__ import annotations

from compare.model import (
    Alignment, Comparison, Disagreement, Document, Flag, Link, LinkAnalysis, Row, Segment, Story,
    StoryMeta, Translation,
)

# (text, paragraph) per language; ru is the original.
RU = [
    ("ВИТЕБСК, 12 марта. Новый мост через Западную Двину откроют в сентябре, сообщил "
     "заместитель председателя облисполкома Игорь Савицкий.", 0),
    ("По его словам, работы выполнены на 80 процентов, а подрядчик укладывается в график.", 1),
    ("«Мы должны завершить строительство до начала учебного года», — подчеркнул он.", 1),
    ("Стоимость проекта составляет 45 миллионов рублей.", 2),
]
BE = [
    ("ВІЦЕБСК, 12 сакавіка. Новы мост праз Заходнюю Дзвіну адкрыюць у верасні, паведаміў "
     "намеснік старшыні аблвыканкама Ігар Савіцкі.", 0),
    ("Па яго словах, работы выкананы на 80 працэнтаў, а падрадчык укладваецца ў графік.", 1),
    ("«Мы павінны завяршыць будаўніцтва да пачатку навучальнага года», — падкрэсліў ён.", 1),
    ("Кошт праекта складае 45 мільёнаў рублёў.", 2),
]
EN = [
    ("VITEBSK, March 12. A new bridge over the Western Dvina will open in September, deputy "
     "chairman of the regional executive committee Igor Savitsky said.", 0),
    ("According to him, the work is 80 percent complete.", 1),
    ("The contractor is on schedule.", 1),
    ("\"We should finish construction before the school year starts,\" he noted.", 1),
    ("The old bridge was closed for repairs in 2021.", 2),
]

MODALITY = Flag(kind="softened", category="modality", source_term="должны", target_term="should",
                explanation="obligation weakened: must → should", severity="high",
                source_level=0.9, target_level=0.6, rule="modality.must")
REPORTING = Flag(kind="softened", category="reporting_verb", source_term="подчеркнул",
                 target_term="noted", explanation="stressed → noted", severity="medium",
                 source_level=0.7, target_level=0.4, rule="say.stress")
OMISSION = Flag(kind="omission", category="sentence",
                source_term="Стоимость проекта составляет 45 миллионов рублей.", target_term="",
                explanation="the Russian sentence has no English counterpart", severity="high",
                rule="check.omission")


SCORE_SIGNATURES = {
    "chrF++": "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0|prep:quotes+dashes",
    "BLEU": "nrefs:1|case:mixed|eff:yes|tok:intl|smooth:exp|version:2.6.0|prep:quotes+dashes",
}


def document(lang: str, items) -> Document:
    segments, parts, at = [], [], 0
    for index, (text, paragraph) in enumerate(items):
        if index:
            sep = " " if paragraph == items[index - 1][1] else "\n\n"
            parts.append(sep)
            at += len(sep)
        segments.append(Segment(index=index, text=text, start=at, end=at + len(text),
                                paragraph=paragraph, lang=lang))
        parts.append(text)
        at += len(text)
    return Document(lang=lang, text="".join(parts), segments=tuple(segments),
                    source=f"corpora/vitebsk-bridge/{lang}.txt", detected_lang=lang,
                    detected_confidence=0.98)


def _mt(text: str, src: str, tgt: str) -> Translation:
    # Test data written by hand, labelled as such: no engine produced these.
    return Translation(text=text, engine="fixture", model="hand-written", src_lang=src,
                       tgt_lang=tgt, options={"beam": "1"})


def bridge_story(en=EN, ru=RU, be=BE, story_id="vitebsk-bridge") -> Story:
    return Story(id=story_id,
                 meta=StoryMeta(title="Новый мост в Витебске", date="2025-03-12", original="ru",
                                source="fictional", notes="test story"),
                 documents={"en": document("en", en), "ru": document("ru", ru),
                            "be": document("be", be)},
                 path=f"corpora/{story_id}")


def bridge_comparison(story: Story | None = None, *, with_rows: bool = True) -> Comparison:
    story = story or bridge_story()
    signature = {"aligner": "dp", "costs": "length+anchors", "version": "0.1.0"}
    en_ru = Alignment("en", "ru", (
        Link((0,), (0,), 0.97, {"length": 0.9, "anchors": 1.0}),
        Link((1, 2), (1,), 0.81, {"length": 0.7}),
        Link((3,), (2,), 0.9, {"length": 0.8}, status="confirmed"),
        Link((), (3,), 0.55, {"length": 0.0}),
        Link((4,), (), 0.6, {"length": 0.0}),
    ), signature=signature, confidence=0.88, warnings=("1 omission, 1 addition",))
    en_be = Alignment("en", "be", (
        Link((0,), (0,), 0.96, {"length": 0.9}),
        Link((1, 2), (1,), 0.8, {"length": 0.7}),
        Link((3,), (2,), 0.89, {"length": 0.8}),
        Link((), (3,), 0.5, {}),
        Link((4,), (), 0.6, {}),
    ), signature=signature, confidence=0.87)
    ru_be = Alignment("ru", "be", tuple(Link((i,), (i,), 0.99, {"length": 1.0})
                                        for i in range(4)), signature=signature, confidence=0.99)
    rows = (
        Row({"en": (0,), "ru": (0,), "be": (0,)},
            {("en", "ru"): (0,), ("en", "be"): (0,), ("ru", "be"): (0,)}),
        Row({"en": (1, 2), "ru": (1,), "be": (1,)},
            {("en", "ru"): (1,), ("en", "be"): (1,), ("ru", "be"): (1,)}),
        Row({"en": (3,), "ru": (2,), "be": (2,)},
            {("en", "ru"): (2,), ("en", "be"): (2,), ("ru", "be"): (2,)}),
        Row({"en": (), "ru": (3,), "be": (3,)},
            {("en", "ru"): (3,), ("en", "be"): (3,), ("ru", "be"): (3,)}),
        Row({"en": (4,), "ru": (), "be": ()}, {("en", "ru"): (4,), ("en", "be"): (4,)}),
    ) if with_rows else ()
    none = LinkAnalysis(verdict="none")
    analyses = {
        ("en", "ru"): (none, none,
                       LinkAnalysis(verdict="softened", flags=(MODALITY, REPORTING),
                                    scores={"chrF++": 61.2, "BLEU": 34.5}, note="quote softened",
                                    signatures=SCORE_SIGNATURES),
                       LinkAnalysis(verdict="none", flags=(OMISSION,)), none),
        ("en", "be"): (none,) * 5,
    }
    translations = {
        ("ru", "en"): tuple(_mt(t, "ru", "en") for t in (
            "VITEBSK, March 12. A new bridge across the Western Dvina will be opened in "
            "September, said deputy chairman of the regional executive committee Igor Savitsky.",
            "According to him, the work is 80 percent done, and the contractor is on schedule.",
            "\"We must complete the construction before the start of the school year,\" he "
            "stressed.",
            "The cost of the project is 45 million rubles.")),
        ("en", "ru"): tuple(_mt(t, "en", "ru") for t in (
            "ВИТЕБСК, 12 марта. Новый мост через Западную Двину откроется в сентябре, сказал "
            "заместитель председателя облисполкома Игорь Савицкий.",
            "По его словам, работа завершена на 80 процентов.",
            "Подрядчик идёт по графику.",
            "«Нам следует закончить строительство до начала учебного года», — отметил он.",
            "Старый мост был закрыт на ремонт в 2021 году.")),
    }
    return Comparison(
        story=story, alignments={("en", "ru"): en_ru, ("en", "be"): en_be, ("ru", "be"): ru_be},
        disagreements=(Disagreement(en=(), ru=(3,), be=(3,),
                                    explanation="ru:3 and be:3 have no English counterpart"),),
        rows=rows, analyses=analyses, translations=translations,
        notes=("MT be→en not run: no model",))


def nasty_comparison() -> Comparison:
    """Bad input: markup characters, CDATA ends, control and invisible characters, a formula,
    a 10,000-character segment, and line breaks, a tab and trailing spaces inside a segment."""
    long_ru = ("Председатель комиссии Анна Мельникова зачитала длинный перечень поправок. "
               * 140)[:10_000]
    long_en = ("Commission chair Anna Melnikova read out a long list of amendments. " * 150)[:10_000]
    en = [("Profit & loss < 5% ]]> stays \"flat\" — 'they' said.", 0),
          ("Ring\x07 bell and\x0bnext line.", 0),
          ("Zero\u200bwidth and \u200fright-to-left mark.", 1),
          ("=SUM(A1:A9) looks like a formula; -5 degrees too.", 1),
          (long_en, 2),
          ("Two lines:\r\nfirst\nsecond\ttabbed.  ", 3)]
    ru = [("Прибыль & убыток < 5% ]]> остаются «ровными», — сказали они.", 0),
          ("Звонок\x07 и\x0bновая строка.", 0),
          ("Нулевая\u200bширина и \u200fзнак справа налево.", 1),
          ("=СУММ(A1:A9) похоже на формулу; -5 градусов тоже.", 1),
          (long_ru, 2),
          ("Две строки:\r\nпервая\nвторая\tс табуляцией.", 3)]
    story = Story(id="nasty", meta=StoryMeta(title="Bad <input> & friends", original="ru"),
                  documents={"en": document("en", en), "ru": document("ru", ru)})
    alignment = Alignment("en", "ru", tuple(Link((i,), (i,), 0.9) for i in range(6)))
    return Comparison(story=story, alignments={("en", "ru"): alignment})


def test_cases_cover_every_sentence_once_per_pair():
    for comparison in (bridge_comparison(), nasty_comparison()):
        for (src, tgt), alignment in comparison.alignments.items():
            for lang, side in ((src, "src"), (tgt, "tgt")):
                ids = [i for link in alignment.links for i in getattr(link, side)]
                assert sorted(ids) == list(range(len(comparison.story.documents[lang])))


def test_case_offsets_point_at_the_texts():
    for doc in bridge_story().documents.values():
        for segment in doc.segments:
            assert doc.text[segment.start:segment.end] == segment.text
