"""Three versions: pairwise alignments, rows of the side-by-side view (every segment of every
version in exactly one row, in reading order) and the places where the three disagree."""
from pathlib import Path

from compare.align import align_story
from compare.align.threeway import build_rows, find_disagreements, story_pairs
from compare.model import Alignment, Link
from compare.sources import load_story

REPO = Path(__file__).resolve().parent.parent


def alignment(src: str, tgt: str, links: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> Alignment:
    return Alignment(src, tgt, tuple(Link(s, t) for s, t in links))


def test_pairs_among_the_versions_present():
    assert story_pairs(["be", "en", "ru"]) == [("en", "ru"), ("en", "be"), ("ru", "be")]
    assert story_pairs(["ru", "be"]) == [("ru", "be")]


def test_bundled_story_rows_cover_every_segment_once():
    story = load_story(REPO / "corpora" / "politics-talks-vitebsk")
    alignments, rows, disagreements = align_story(story)
    assert set(alignments) == {("en", "ru"), ("en", "be"), ("ru", "be")}
    for lang, document in story.documents.items():
        ids = [i for row in rows for i in row.segments[lang]]
        assert ids == list(range(len(document.segments)))
    # the English joins two Russian sentences into one and leaves one out: rows show both
    assert any(len(row.segments["ru"]) == 2 and len(row.segments["en"]) == 1 for row in rows)
    assert any(row.segments["en"] and not row.segments["ru"] and not row.segments["be"] for row in rows)
    # every link of every pair is listed in exactly one row
    for pair, al in alignments.items():
        listed = sorted(i for row in rows for i in row.links.get(pair, ()))
        assert listed == list(range(len(al.links)))
    assert disagreements == ()


def test_a_triangle_that_does_not_close_is_reported():
    # en 1 is ru 1 and ru 1 is be 1, but the en-be alignment says en 1 is be 2
    alignments = {
        ("en", "ru"): alignment("en", "ru", [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
        ("ru", "be"): alignment("ru", "be", [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
        ("en", "be"): alignment("en", "be", [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]),
    }
    rows = build_rows(alignments, {"en": 3, "ru": 3, "be": 3})
    found = find_disagreements(alignments, rows)
    assert len(found) == 1
    assert found[0].en == (1,) and 1 in found[0].be
    assert "en 1" in found[0].explanation and "be 1" in found[0].explanation


def test_a_merge_on_one_side_is_not_a_disagreement():
    # English joins ru 1 and ru 2 (and be 1, be 2); ru and be are one to one
    alignments = {
        ("en", "ru"): alignment("en", "ru", [((0,), (0,)), ((1,), (1, 2))]),
        ("ru", "be"): alignment("ru", "be", [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
        ("en", "be"): alignment("en", "be", [((0,), (0,)), ((1,), (1, 2))]),
    }
    rows = build_rows(alignments, {"en": 2, "ru": 3, "be": 3})
    assert find_disagreements(alignments, rows) == ()
    assert [row.segments for row in rows] == [{"en": (0,), "ru": (0,), "be": (0,)},
                                              {"en": (1,), "ru": (1, 2), "be": (1, 2)}]


def test_crossing_groups_are_merged_into_one_row_in_reading_order():
    # en-ru pairs en 0 with ru 1 and en 1 with ru 0: the groups cross, so they share a row
    alignments = {("en", "ru"): alignment("en", "ru", [((0,), (1,)), ((1,), (0,)), ((2,), (2,))])}
    rows = build_rows(alignments, {"en": 3, "ru": 3})
    assert [row.segments for row in rows] == [{"en": (0, 1), "ru": (0, 1)}, {"en": (2,), "ru": (2,)}]
