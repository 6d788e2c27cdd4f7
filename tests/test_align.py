"""The aligner on real cases: the bundled stories (en, ru, be with gold links) and edits of them
(a sentence dropped, two sentences joined), plus the guarantees every alignment keeps."""
from pathlib import Path

import pytest

from compare.align import AlignSettings, align_documents
from compare.evaluate import score
from compare.model import Document, InputError, Link, Segment

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
STORIES = sorted(p.parent.parent.name for p in CORPORA.glob("*/gold/en-ru.tsv"))


def document(lines: list[str], lang: str) -> Document:
    segments, offset = [], 0
    for index, line in enumerate(lines):
        segments.append(Segment(index, line, offset, offset + len(line), index, lang=lang))
        offset += len(line) + 1
    return Document(lang, "\n".join(lines), tuple(segments), source=f"<{lang}>")


def lines(story: str, lang: str) -> list[str]:
    return (CORPORA / story / "gold" / f"segments.{lang}.txt").read_text(encoding="utf-8").splitlines()


def gold(story: str, pair: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in (CORPORA / story / "gold" / f"{pair}.tsv").read_text(encoding="utf-8").splitlines():
        s, t = line.split("\t")
        out.append((tuple(int(x) for x in s.split(",") if x), tuple(int(x) for x in t.split(",") if x)))
    return out


def links_of(alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(l.src, l.tgt) for l in alignment.links]


def assert_partition(alignment, n: int, m: int) -> None:
    """Every segment in exactly one link, links in reading order on both sides."""
    src = [i for l in alignment.links for i in l.src]
    tgt = [j for l in alignment.links for j in l.tgt]
    assert src == list(range(n)) and tgt == list(range(m))
    assert all(l.src or l.tgt for l in alignment.links)


@pytest.mark.parametrize("pair", ["en-ru", "en-be", "ru-be"])
def test_bundled_stories_align_as_their_gold(pair):
    a, b = pair.split("-")
    golds, tests = [], []
    for story in STORIES:
        alignment = align_documents(document(lines(story, a), a), document(lines(story, b), b))
        assert_partition(alignment, len(lines(story, a)), len(lines(story, b)))
        golds.append(gold(story, pair))
        tests.append(links_of(alignment))
    assert score(golds, tests).f1_strict >= 0.95


# (story, pair, side whose lines are dropped, first line, how many)
DROPS = [
    ("politics-talks-vitebsk", "en-ru", "tgt", 9, 1),
    ("politics-talks-vitebsk", "ru-be", "tgt", 3, 2),
    ("economy-woodworking-exports", "en-be", "src", 5, 1),
    ("science-flax-film", "en-ru", "tgt", 12, 3),
    ("security-border-detention", "ru-be", "src", 0, 1),
    ("transport-e-ticket-minsk-oblast", "en-ru", "tgt", 20, 1),
]


@pytest.mark.parametrize("story,pair,side,start,count", DROPS)
def test_a_dropped_sentence_leaves_its_partner_as_an_omission(story, pair, side, start, count):
    a, b = pair.split("-")
    src, tgt = lines(story, a), lines(story, b)
    links = {l for l in gold(story, pair) if len(l[0]) == 1 and len(l[1]) == 1}
    if side == "tgt":
        orphans = [l[0] for l in links if start <= l[1][0] < start + count]
        tgt = tgt[:start] + tgt[start + count:]
    else:
        orphans = [l[1] for l in links if start <= l[0][0] < start + count]
        src = src[:start] + src[start + count:]
    assert orphans, "the case must drop sentences that had a 1-1 partner"
    alignment = align_documents(document(src, a), document(tgt, b))
    assert_partition(alignment, len(src), len(tgt))
    found = links_of(alignment)
    for orphan in orphans:
        expected = (orphan, ()) if side == "tgt" else ((), orphan)
        assert expected in found
        null = next(l for l in alignment.links if (l.src, l.tgt) == expected)
        assert 0.0 <= null.confidence <= 1.0


@pytest.mark.parametrize("story,pair,k", [("politics-talks-vitebsk", "en-ru", 2),
                                          ("culture-festival-polotsk", "ru-be", 10),
                                          ("health-heart-screening-gomel", "en-be", 4)])
def test_two_joined_sentences_become_one_two_to_one_link(story, pair, k):
    a, b = pair.split("-")
    src, tgt = lines(story, a), lines(story, b)
    partners = dict((l[1][0], l[0]) for l in gold(story, pair) if len(l[0]) == 1 and len(l[1]) == 1)
    assert k in partners and k + 1 in partners
    joined = tgt[:k] + [tgt[k] + " " + tgt[k + 1]] + tgt[k + 2:]
    alignment = align_documents(document(src, a), document(joined, b))
    assert (partners[k] + partners[k + 1], (k,)) in links_of(alignment)


def test_confirmed_links_are_kept_and_the_rest_aligned_around_them():
    story = "politics-talks-vitebsk"
    src, tgt = lines(story, "en"), lines(story, "ru")
    # the user says en 5 is ru 5 and 6 (ru 6 is en 6's translation in the gold)
    fixed = [Link((5,), (5, 6), status="confirmed")]
    alignment = align_documents(document(src, "en"), document(tgt, "ru"), fixed=fixed)
    assert_partition(alignment, len(src), len(tgt))
    kept = [l for l in alignment.links if l.status == "confirmed"]
    assert [(l.src, l.tgt) for l in kept] == [((5,), (5, 6))]
    found = links_of(alignment)
    # the neighbours stay as they were; en 6, whose translation the user took, is left alone
    assert ((4,), (4,)) in found and ((7,), (7,)) in found and ((6,), ()) in found


def test_confirmed_links_that_cross_are_refused():
    story = "politics-talks-vitebsk"
    src, tgt = document(lines(story, "en"), "en"), document(lines(story, "ru"), "ru")
    with pytest.raises(InputError):
        align_documents(src, tgt, fixed=[Link((5,), (9,)), Link((7,), (3,))])


def test_unrelated_texts_get_low_confidence_and_a_warning():
    en = document(lines("politics-talks-vitebsk", "en"), "en")
    ru_same = document(lines("politics-talks-vitebsk", "ru"), "ru")
    ru_other = document(lines("agriculture-grain-harvest", "ru"), "ru")
    related = align_documents(en, ru_same)
    unrelated = align_documents(en, ru_other)
    assert related.confidence >= 0.6 and not related.warnings
    assert unrelated.confidence < 0.3 and unrelated.warnings
    assert "not be translations" in unrelated.warnings[0]


def test_signature_records_the_settings_and_what_was_estimated():
    story = "science-flax-film"
    alignment = align_documents(document(lines(story, "ru"), "ru"), document(lines(story, "be"), "be"),
                                settings=AlignSettings(passes=2))
    signature = alignment.signature
    assert signature["passes"] == "2"
    assert signature["search"] == "exact"
    assert signature["length"].startswith("gale-church(c=")
    assert "anchors(" in signature["signals"] and "spelling(" in signature["signals"]
    assert alignment.signature_string().count("|") == len(signature) - 1


def test_links_carry_type_confidence_and_signals():
    story = "science-flax-film"
    alignment = align_documents(document(lines(story, "en"), "en"), document(lines(story, "be"), "be"))
    for link in alignment.links:
        assert 0.0 <= link.confidence <= 1.0
        if not link.is_null:
            assert "length" in link.signals
    assert {l.type for l in alignment.links} >= {"1-1"}


def test_translation_must_match_the_source_line_for_line():
    story = "science-flax-film"
    src, tgt = document(lines(story, "en"), "en"), document(lines(story, "ru"), "ru")
    with pytest.raises(InputError, match="lines"):
        align_documents(src, tgt, mt=["только одна строка"])


def test_translation_signal_is_used_and_recorded():
    story = "economy-woodworking-exports"
    en, ru = lines(story, "en"), lines(story, "ru")
    # a "translation" of the English into Russian: the Russian sentences in the gold order
    partner = {l[0][0]: " ".join(ru[j] for j in l[1]) for l in gold(story, "en-ru") if len(l[0]) == 1}
    mt = [partner.get(i, "") for i in range(len(en))]
    alignment = align_documents(document(en, "en"), document(ru, "ru"), mt=mt, mt_label="oracle")
    assert "mt(oracle)" in alignment.signature["signals"]
    assert score([gold(story, "en-ru")], [links_of(alignment)]).f1_strict >= 0.95


def test_banded_search_finds_what_the_exact_search_finds():
    src, tgt = [], []
    for story in STORIES:
        src += lines(story, "en")
        tgt += lines(story, "be")
    exact = align_documents(document(src, "en"), document(tgt, "be"))
    banded = align_documents(document(src, "en"), document(tgt, "be"),
                             settings=AlignSettings(exact_limit=100, band_width=24, calibration_window=60))
    assert banded.signature["search"].startswith("band(")
    assert exact.signature["search"] == "exact"
    same = set(links_of(exact)) & set(links_of(banded))
    assert len(same) >= 0.97 * len(exact.links)
    assert_partition(banded, len(src), len(tgt))


def test_blank_lines_and_one_sided_input_still_partition():
    src = document(["Minsk, 3 May.", "", "The plant made 1,200 tractors.", "Exports rose."], "en")
    tgt = document(["Минск, 3 мая.", "Завод выпустил 1200 тракторов.", "", "Экспорт вырос."], "ru")
    assert_partition(align_documents(src, tgt), 4, 4)
    empty = Document("ru", "", (), source="<empty>")
    alignment = align_documents(src, empty)
    assert [(l.src, l.tgt) for l in alignment.links] == [((i,), ()) for i in range(4)]
    assert alignment.warnings


@pytest.mark.parametrize("n,m", [(1, 1), (1, 2), (2, 1), (1, 3), (3, 1)])
def test_tiny_documents_align_without_error(n, m):
    """A one-line pair (a headline against a headline) has no room for 1-3 links: the margin
    pass must not index past the grid."""
    alignment = align_documents(document(["The harvest grew by 12%."] * n, "en"), document(["Урожай вырос на 12%."] * m, "ru"))
    assert sorted(i for link in alignment.links for i in link.src) == list(range(n))
    assert sorted(j for link in alignment.links for j in link.tgt) == list(range(m))
