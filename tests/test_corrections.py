"""Correcting an alignment: merge, split, move, confirm; stored, restored, undone."""
import pytest

from compare.corrections import confirm, merge_with_next, move_segment, split, unconfirm
from compare.model import Document, InputError, Link, Segment, Story, StoryMeta
from compare.store import CorrectionStore


def L(src, tgt):
    return Link(src=tuple(src), tgt=tuple(tgt))


LINKS = [L([0], [0]), L([1], [1, 2]), L([2], []), L([3], [3])]


def pairs(links):
    return [(list(link.src), list(link.tgt)) for link in links]


CASES = [
    ("confirm keeps the link as it is", lambda: confirm(LINKS, [], 1), [([1], [1, 2])]),
    ("merge an omission into the link before", lambda: merge_with_next(LINKS, [], 1),
     [([1, 2], [1, 2])]),
    ("split a 1-2 link into 1-1 and 0-1", lambda: split(LINKS, [], 1, 1, 1),
     [([1], [1]), ([], [2])]),
    ("move a target sentence to the next link", lambda: move_segment(LINKS, [], 1, "tgt", "next"),
     [([1], [1]), ([2], [2])]),
    ("move a target sentence to the previous link",
     lambda: move_segment(LINKS, [], 1, "tgt", "previous"), [([0], [0, 1]), ([1], [2])]),
    ("a new confirmation replaces one it contradicts",
     lambda: merge_with_next(LINKS, confirm(LINKS, [], 1), 1), [([1, 2], [1, 2])]),
    ("unrelated confirmations stay", lambda: confirm(LINKS, confirm(LINKS, [], 0), 3),
     [([0], [0]), ([3], [3])]),
    ("unconfirm removes only that link", lambda: unconfirm(LINKS, confirm(LINKS, confirm(LINKS, [], 0), 3), 0),
     [([3], [3])]),
]


@pytest.mark.parametrize("label,operation,expected", CASES, ids=[c[0] for c in CASES])
def test_correction_operations(label, operation, expected):
    result = operation()
    assert pairs(result) == expected
    assert all(link.status == "confirmed" for link in result)


@pytest.mark.parametrize("operation,message", [
    (lambda: confirm(LINKS, [], 9), "link 9: there is no such row"),
    (lambda: merge_with_next(LINKS, [], 3), "link 4: there is no such row"),
    (lambda: split(LINKS, [], 0, 0, 0), "link 0: a split must leave a segment on each side"),
    (lambda: move_segment(LINKS, [], 2, "tgt", "next"), "link 2: has no tgt segment to move"),
])
def test_impossible_corrections_are_refused_with_a_message(operation, message):
    with pytest.raises(InputError, match=message):
        operation()


def story(text_en="One. Two. Three. Four.", text_ru="Один. Два. Три. Четыре."):
    def doc(lang, text):
        parts, segments, at = text.split(" "), [], 0
        for n, part in enumerate(parts):
            at = text.index(part, at)
            segments.append(Segment(n, part, at, at + len(part), 0, lang=lang))
            at += len(part)
        return Document(lang=lang, text=text, segments=tuple(segments))
    return Story(id="s1", meta=StoryMeta(), documents={"en": doc("en", text_en), "ru": doc("ru", text_ru)})


def test_store_restores_corrections_after_reopening_and_undoes_the_last(tmp_path):
    path = tmp_path / "store.sqlite"
    store = CorrectionStore(path)
    store.save(story(), ("en", "ru"), confirm(LINKS, [], 0), "confirm row 0")
    store.save(story(), ("en", "ru"), merge_with_next(LINKS, confirm(LINKS, [], 0), 1), "merge rows 1-2")
    store.close()

    reopened = CorrectionStore(path)
    assert pairs(reopened.confirmed(story(), ("en", "ru"))) == [([0], [0]), ([1, 2], [1, 2])]
    assert [h[2] for h in reopened.history(story())] == ["merge rows 1-2", "confirm row 0"]
    assert reopened.undo(story()) == "merge rows 1-2"
    assert pairs(reopened.confirmed(story(), ("en", "ru"))) == [([0], [0])]
    assert reopened.undo(story()) == "confirm row 0"
    assert reopened.undo(story()) is None


def test_corrections_are_not_applied_to_changed_texts(tmp_path):
    store = CorrectionStore(tmp_path / "store.sqlite")
    store.save(story(), ("en", "ru"), confirm(LINKS, [], 0), "confirm")
    assert store.confirmed(story(text_en="Changed. Two. Three. Four."), ("en", "ru")) == []
    assert store.all_confirmed(story()) == {("en", "ru"): store.confirmed(story(), ("en", "ru"))}


# ---------------------------------------------------------------- the aligner takes them

AGRICULTURE, VITEBSK = "corpora/agriculture-grain-harvest", "corpora/politics-talks-vitebsk"


@pytest.mark.parametrize("folder,pair,fixed", [
    # confirm row 3 then row 5: a one-sentence stretch between them (was ValueError)
    (VITEBSK, ("en", "ru"), [([3], [3]), ([5], [5])]),
    # a sentence moved out of a pair leaves an omission before the next pair (was IndexError)
    (AGRICULTURE, ("en", "ru"), [([2], []), ([3], [2, 3])]),
    # a split leaves an addition after a confirmed link (was "crosses or overlaps")
    (AGRICULTURE, ("en", "ru"), [([1], [1]), ([4], [4]), ([], [5])]),
    # an omission and an addition standing against the same confirmed link
    (AGRICULTURE, ("en", "be"), [([0], []), ([], [0, 1]), ([1, 2], [2])]),
], ids=["two-confirmations", "moved-out", "split-tail", "null-pair-before"])
def test_the_aligner_keeps_confirmed_omissions_and_additions_where_they_stand(folder, pair, fixed):
    from compare.align.aligner import align_documents
    from compare.sources import load_story

    story = load_story(folder)
    src, tgt = story.documents[pair[0]], story.documents[pair[1]]
    links = [Link(tuple(s), tuple(t), status="confirmed") for s, t in fixed]
    alignment = align_documents(src, tgt, fixed=links)
    confirmed = [(list(l.src), list(l.tgt)) for l in alignment.links if l.status == "confirmed"]
    assert sorted(confirmed) == sorted(fixed)
    for side, document in (("src", src), ("tgt", tgt)):
        ids = [i for l in alignment.links for i in getattr(l, side)]
        assert sorted(ids) == list(range(len(document.segments)))  # each sentence once
    assert all(a.src[-1] < b.src[0] for a, b in zip(
        [l for l in alignment.links if l.src], [l for l in alignment.links if l.src][1:]))
    if fixed[0] == ([2], []):  # the sentences before the omission are still paired, not dropped
        assert any(0 in l.src and l.tgt for l in alignment.links)
