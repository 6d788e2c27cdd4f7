"""The corrections a row offers (review/row_actions.py) and the note of what one changed."""
import pytest

from compare.corrections import (describe_change, merge_with_previous, pair_moved, split,
                                 split_points)
from compare.model import LANG_NAMES, InputError, Link

PAIR = ("en", "ru")


def L(src, tgt, status="auto", role=""):
    return Link(src=tuple(src), tgt=tuple(tgt), status=status, role=role)


LINKS = [L([0], [0]), L([1, 2], [1]), L([3], []), L([], [2]), L([4], [3])]

NOTES = [
    ("a confirmation", [L([0], [0])], [L([0], [0], "confirmed")], ["en:0 ↔ ru:0 confirmed"]),
    ("a split leaves a sentence alone", [L([7, 8], [7])], [L([7], [7], "confirmed"), L([8], [], "confirmed")],
     ["en:7 ↔ ru:7 now pair, confirmed", "en:8 now stands alone: only in the English"]),
    ("a merge", [L([5], [5]), L([6], [6])], [L([5, 6], [5, 6], "confirmed")],
     ["en:5,6 ↔ ru:5,6 now pair, confirmed"]),
    ("a Russian sentence alone", [L([3], [3, 4])], [L([3], [3]), L([], [4])],
     ["en:3 ↔ ru:3 now pair", "ru:4 now stands alone: only in the Russian"]),
    ("a move", [L([3], []), L([], [9])], [L([3], [9], "confirmed", "moved")],
     ["en:3 ↔ ru:9 now pair (a moved passage), confirmed"]),
    ("an undo of a confirmation", [L([2], [2], "confirmed")], [L([2], [2])], ["en:2 ↔ ru:2 no longer confirmed"]),
    ("nothing changed", [L([1], [1])], [L([1], [1])], []),
]


@pytest.mark.parametrize("name, before, after, said", NOTES, ids=[n[0] for n in NOTES])
def test_the_note_says_what_a_correction_changed(name, before, after, said):
    assert describe_change(PAIR, before, after, LANG_NAMES) == said


def test_a_long_note_is_cut_to_a_few_phrases():
    after = [L([i], [i], "confirmed") for i in range(9)]
    said = describe_change(PAIR, [], after, LANG_NAMES, limit=4)
    assert len(said) == 5 and said[-1] == "5 more links changed"


SPLITS = [  # link → the boundary offered first, and how many there are
    (L([7, 8], [7]), (1, 1), 4),  # en:7 ↔ ru:7 ‖ en:8 alone, the natural one
    (L([1], [1]), (1, 0), 2),  # a 1-1 unpaired: either side first
    (L([1, 2], [1, 2]), (1, 1), 7),
    (L([1, 2, 3], []), (2, 0), 2),  # a tie: the later boundary
]


@pytest.mark.parametrize("link, natural, count", SPLITS)
def test_split_points_offer_the_natural_boundary_first_and_every_valid_one(link, natural, count):
    points = split_points(link)
    assert points[0] == natural and len(points) == count == len(set(points))
    for i, j in points:  # each one a split the library accepts
        split([link], [], 0, i, j)


def test_merge_with_the_previous_row_and_its_refusal_on_the_first():
    merged = merge_with_previous(LINKS, [], 1)
    assert [(l.src, l.tgt) for l in merged] == [((0, 1, 2), (0, 1))]
    with pytest.raises(InputError, match="no previous row"):
        merge_with_previous(LINKS, [], 0)


def test_a_lone_sentence_is_paired_as_moved_and_only_a_lone_one():
    moved = pair_moved(LINKS, [], 2, (2,))  # en:3 alone ↔ ru:2 alone
    assert [(l.src, l.tgt, l.role, l.status) for l in moved] == [((3,), (2,), "moved", "confirmed")]
    assert pair_moved(LINKS, [], 3, (3,))[0].src == (3,)  # from the Russian side
    with pytest.raises(InputError, match="stands alone"):
        pair_moved(LINKS, [], 0, (1,))
