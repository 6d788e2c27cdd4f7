"""The corrections store: every correction checked before it is saved, versions safe under
concurrent sessions, undo/redo as new versions, corrections that survive a change of the
sentence splitting (or are set aside, never re-applied to other sentences), a damaged or
read-only store that locks nothing.

The chain on every bundled story is the issue's bar: confirm row 3, confirm row 5, move a
sentence, split, merge, undo ×2 — each state reopens through a new connection, undo returns to
the state before."""
from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from compare import corrections, store as store_module
from compare.model import Document, InputError, Link, Segment, Story, StoryMeta
from compare.pipeline import compare_story
from compare.sources import load_story
from compare.store import CorrectionStore, story_key

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
STORIES = sorted(p.name for p in CORPORA.iterdir() if (p / "story.toml").exists())
VITEBSK = "politics-talks-vitebsk"
PAIRS = [("en", "ru"), ("en", "be"), ("ru", "be")]


def pairs_of(links):
    return [(tuple(link.src), tuple(link.tgt)) for link in links]


@pytest.fixture(scope="module")
def stories():
    return {name: load_story(CORPORA / name) for name in STORIES}


def fresh(path) -> CorrectionStore:
    return CorrectionStore(path)


# ---------------------------------------------------------------- the reported crashes

def test_confirming_row_3_then_row_5_of_the_vitebsk_story_applies(stories, tmp_path):
    """Was: ValueError in the second apply, with the confirmation already saved."""
    story, pair = stories[VITEBSK], ("en", "ru")
    store = fresh(tmp_path / "s.sqlite")
    comparison = compare_story(story)
    for row in (3, 5):
        links = comparison.alignments[pair].links
        index = comparison.rows[row].links[pair][0]
        store.change(story, pair, lambda c: corrections.confirm(links, c, index), f"confirm row {row}")
        comparison = compare_story(story, fixed=store.all_confirmed(story))
    confirmed = [l for l in comparison.alignments[pair].links if l.status == "confirmed"]
    assert pairs_of(confirmed) == [((3,), (3,)), ((5,), (5,))]


def first_index(links, test, start=1):
    return next(i for i in range(start, len(links) - 1) if test(links[i]))


def chain(story, pair, path):
    """The bar's chain on one story and pair: yields (what, saved state) after each step."""
    comparison = compare_story(story)
    before: list[list] = []

    def step(what, operation):
        nonlocal comparison
        links = comparison.alignments[pair].links
        before.append(fresh(path).all_confirmed(story))
        fresh(path).change(story, pair, lambda c: operation(links, c), what)
        comparison = compare_story(story, fixed=fresh(path).all_confirmed(story))
        return comparison

    for row in (3, 5):
        index = comparison.rows[row].links[pair][0]
        yield "confirm", step(f"confirm row {row}", lambda l, c, i=index: corrections.confirm(l, c, i))
    links = comparison.alignments[pair].links
    index = first_index(links, lambda l: l.tgt and l.status != "confirmed", start=6)
    yield "move", step("move", lambda l, c: corrections.move_segment(l, c, index, "tgt", "next"))
    links = comparison.alignments[pair].links
    index = first_index(links, lambda l: len(l.src) + len(l.tgt) >= 2 and l.status != "confirmed", start=6)
    link = links[index]
    yield "split", step("split", lambda l, c: corrections.split(
        l, c, index, min(1, len(link.src)), min(1, len(link.tgt)) if len(link.src) != 1 or len(link.tgt) > 1 else 0))
    links = comparison.alignments[pair].links
    index = first_index(links, lambda l: l.status != "confirmed", start=8)
    yield "merge", step("merge", lambda l, c: corrections.merge_with_next(l, c, index))
    for _ in range(2):
        expected = before.pop()
        assert fresh(path).undo(story)
        assert fresh(path).all_confirmed(story) == expected  # undo returns to the state before
        yield "undo", compare_story(story, fixed=fresh(path).all_confirmed(story))


@pytest.mark.parametrize("story_id", STORIES)
def test_the_chain_of_corrections_on_every_bundled_story(stories, story_id, tmp_path):
    story = stories[story_id]
    path = tmp_path / "s.sqlite"
    for pair in PAIRS if story_id == VITEBSK else [("en", "ru") if "ru" in story.langs else ("en", "be")]:
        if not set(pair) <= set(story.langs):
            continue
        done = []
        for what, comparison in chain(story, pair, path):
            done.append(what)
            saved = fresh(path).all_confirmed(story)  # reopens through a new connection
            shown = [l for l in comparison.alignments[pair].links if l.status == "confirmed"]
            assert pairs_of(shown) == pairs_of(saved.get(pair, [])), what
            for side, lang in (("src", pair[0]), ("tgt", pair[1])):
                ids = sorted(i for l in comparison.alignments[pair].links for i in getattr(l, side))
                assert ids == list(range(len(story.documents[lang]))), what  # each sentence once
        assert done == ["confirm", "confirm", "move", "split", "merge", "undo", "undo"]
        fresh(path).discard(story)


# ---------------------------------------------------------------- refused before saving

def tiny_story(kinds=("body",) * 4) -> Story:
    def doc(lang, words):
        text, segments, at = "", [], 0
        for n, (word, kind) in enumerate(zip(words, kinds)):
            sentence = f"{word} {n}."
            segments.append(Segment(n, sentence, at, at + len(sentence), n, kind=kind, lang=lang))
            text += sentence + "\n"
            at += len(sentence) + 1
        return Document(lang=lang, text=text, segments=tuple(segments))
    return Story(id="tiny", meta=StoryMeta(), documents={
        "en": doc("en", ["Talks", "Grain", "Roads", "Films"]),
        "ru": doc("ru", ["Переговоры", "Зерно", "Дороги", "Фильмы"])})


def L(src, tgt):
    return Link(tuple(src), tuple(tgt), status="confirmed")


@pytest.mark.parametrize("links,message", [
    ([L([0], [1]), L([1], [0])], "en:0 ↔ ru:1 and en:1 ↔ ru:0 cross"),
    ([L([0], [0]), L([0, 1], [1])], "both hold en:0"),
    ([L([3], [7])], "confirmed link en:3 ↔ ru:7: ru has sentences 0–3 only"),
    ([L([0, 2], [0])], "its en sentences must follow each other"),
    ([L([], [])], "must hold at least one sentence"),
    ([L([-1], [0])], "en has sentences 0–3 only"),
])
def test_a_set_the_aligner_cannot_take_is_refused_with_one_line_and_nothing_saved(tmp_path, links, message):
    store = fresh(tmp_path / "s.sqlite")
    story = tiny_story()
    store.save(story, ("en", "ru"), [L([2], [2])], "confirm")
    with pytest.raises(InputError, match=message) as refused:
        store.save(story, ("en", "ru"), links, "bad")
    assert "\n" not in str(refused.value)
    assert pairs_of(fresh(tmp_path / "s.sqlite").confirmed(story, ("en", "ru"))) == [((2,), (2,))]
    assert len(store.history(story)) == 1


def test_a_confirmation_holding_a_meta_line_is_refused():
    story = tiny_story(kinds=("meta", "body", "body", "body"))
    with pytest.raises(InputError, match="en:0 is a meta line"):
        corrections.check(story, ("en", "ru"), [L([0], [0])])
    assert corrections.check(story, ("en", "ru"), [L([1], [1])])


def test_an_aligner_failure_becomes_a_refusal_not_a_saved_state(tmp_path):
    story = tiny_story()
    store = fresh(tmp_path / "s.sqlite")

    def broken(src, tgt, fixed):
        raise ValueError("could not broadcast")
    with pytest.raises(InputError, match="the aligner failed .*ValueError: could not broadcast"):
        store.save(story, ("en", "ru"), [L([0], [0])], "confirm",
                   check=lambda state: {p: corrections.check(story, p, links, align=broken)
                                        for p, links in state.items()})
    assert store.history(story) == []


# ---------------------------------------------------------------- concurrent sessions

@pytest.mark.parametrize("shared", [False, True], ids=["a connection each", "one shared connection"])
def test_five_sessions_making_five_corrections_each_lose_none(stories, tmp_path, shared):
    story, pair = stories[VITEBSK], ("en", "ru")
    links = compare_story(story).alignments[pair].links
    assert len(links) >= 25
    path = tmp_path / "s.sqlite"
    one = fresh(path)
    failures = []
    start = threading.Barrier(5)

    def session(number):
        store = one if shared else fresh(path)
        start.wait()
        for k in range(5):
            index = number * 5 + k
            try:
                store.change(story, pair, lambda c, i=index: corrections.confirm(links, c, i),
                             f"session {number}: confirm link {index}")
            except Exception as error:  # noqa: BLE001 — collected, the test says which
                failures.append(repr(error))

    threads = [threading.Thread(target=session, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    confirmed = fresh(path).confirmed(story, pair)
    assert sorted(pairs_of(confirmed)) == sorted(pairs_of(links[:25]))
    assert [v for v, *_ in fresh(path).history(story)] == list(range(25, 0, -1))


def test_a_hundred_concurrent_saves_are_a_hundred_versions(tmp_path):
    """Was: 5 of 100 lost to IntegrityError (MAX(version) read, then an insert)."""
    story, path = tiny_story(), tmp_path / "s.sqlite"
    fresh(path)
    failures = []

    def session(number):
        store = fresh(path)
        for k in range(10):
            try:
                store.change(story, ("en", "ru"), lambda c: c, f"save {number}.{k}", check=lambda s: s)
            except Exception as error:  # noqa: BLE001 — collected, the test says which
                failures.append(repr(error))

    threads = [threading.Thread(target=session, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    history = fresh(path).history(story)
    assert [v for v, *_ in history] == list(range(100, 0, -1))
    assert len({action for _, _, action, _ in history}) == 100


def three_changes(path, story):
    store = fresh(path)
    for i in range(3):
        store.save(story, ("en", "ru"), [L([j], [j]) for j in range(i + 1)], f"confirm {i}")
    return store


def test_two_users_undoing_at_once_each_undo_applies_to_a_state_both_can_see(tmp_path):
    story = tiny_story()
    path = tmp_path / "s.sqlite"
    three_changes(path, story)
    seen = fresh(path).load(story).version
    start = threading.Barrier(2)
    results = []

    def user():
        start.wait()
        try:
            results.append(fresh(path).undo(story, expect=seen))
        except InputError as error:
            results.append(str(error))

    threads = [threading.Thread(target=user) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "confirm 2" in results  # one undo applied to the state both saw
    other = next(r for r in results if r != "confirm 2")
    assert "changed in another session" in other  # the other is told, nothing done blindly
    assert pairs_of(fresh(path).confirmed(story, ("en", "ru"))) == [((0,), (0,)), ((1,), (1,))]
    history = fresh(path).history(story)
    assert [op for _, op, _, _ in history] == ["undo", "change", "change", "change"]  # nothing deleted


def test_undo_and_redo_are_new_versions_and_a_new_change_clears_redo(tmp_path):
    story = tiny_story()
    path = tmp_path / "s.sqlite"
    store = three_changes(path, story)
    assert store.undo(story) == "confirm 2"
    assert store.undo(story) == "confirm 1"
    assert pairs_of(fresh(path).confirmed(story, ("en", "ru"))) == [((0,), (0,))]
    assert fresh(path).load(story).redo == "confirm 1"
    assert store.redo(story) == "confirm 1"
    assert len(fresh(path).confirmed(story, ("en", "ru"))) == 2
    store.save(story, ("en", "ru"), [L([3], [3])], "confirm 3")
    assert fresh(path).load(story).redo == ""
    assert store.undo(story) == "confirm 3"
    assert len(fresh(path).confirmed(story, ("en", "ru"))) == 2
    assert store.undo(story) == "confirm 1" and store.undo(story) == "confirm 0"
    assert store.undo(story) is None and fresh(path).all_confirmed(story) == {}


# ---------------------------------------------------------------- damaged, read-only, old

def test_a_read_only_store_is_read_and_refuses_saving_in_one_line(tmp_path, monkeypatch):
    story = tiny_story()
    path = tmp_path / "s.sqlite"
    three_changes(path, story).close()
    before = path.read_bytes()
    monkeypatch.setattr(store_module, "_writable", lambda p: False)
    store = fresh(path)
    assert store.read_only
    assert len(store.confirmed(story, ("en", "ru"))) == 3
    with pytest.raises(InputError, match="read-only; corrections cannot be saved"):
        store.save(story, ("en", "ru"), [], "clear")
    with pytest.raises(InputError, match="read-only"):
        store.undo(story)
    assert path.read_bytes() == before


def test_a_damaged_row_opens_the_story_without_it_and_says_so(tmp_path):
    story = tiny_story()
    path = tmp_path / "s.sqlite"
    three_changes(path, story).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE story_versions SET state='{not json' WHERE version=3")
    saved = fresh(path).load(story)
    assert saved.confirmed == {} and "cannot be read" in saved.notes[0]
    assert fresh(path).undo(story) == "confirm 2"  # and undo still works
    assert len(fresh(path).confirmed(story, ("en", "ru"))) == 2


def schema_1_store(path, story, links):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE corrections (story_key TEXT NOT NULL, pair TEXT NOT NULL, "
                   "version INTEGER NOT NULL, action TEXT NOT NULL, links TEXT NOT NULL, "
                   "created REAL NOT NULL, PRIMARY KEY (story_key, pair, version))")
        for version, batch in enumerate(links, 1):
            db.execute("INSERT INTO corrections VALUES (?, 'en-ru', ?, ?, ?, ?)",
                       (story_key(story), version, f"old {version}",
                        json.dumps([{"src": s, "tgt": t} for s, t in batch]), float(version)))


def test_a_store_of_the_first_schema_is_migrated_and_its_rows_set_aside_not_reapplied(tmp_path):
    story = tiny_story()
    path = tmp_path / "old.sqlite"
    schema_1_store(path, story, [[([0], [0])], [([0], [0]), ([1], [1])]])
    saved = fresh(path).load(story)
    assert saved.confirmed == {}  # made on segmenter "1": never silently re-applied
    assert pairs_of(saved.set_aside[("en", "ru")]) == [((0,), (0,)), ((1,), (1,))]
    assert "set aside" in saved.notes[-1] and "en:0 ↔ ru:0" in saved.notes[-1]
    assert [a for _, _, a, _ in saved.history] == ["old 2", "old 1"]
    with sqlite3.connect(path) as db:  # the old table is left as it was
        assert db.execute("SELECT COUNT(*) FROM corrections").fetchone() == (2,)

    fresh(path).apply_set_aside(story)  # the user asks: checked, saved with texts
    applied = fresh(path).load(story)
    assert pairs_of(applied.confirmed[("en", "ru")]) == [((0,), (0,)), ((1,), (1,))]
    assert applied.set_aside == {}
    fresh(path).undo(story)
    fresh(path).discard_set_aside(story)
    assert fresh(path).load(story).set_aside == {} and fresh(path).all_confirmed(story) == {}


def resegmented(story: Story, lang: str, merge_at: int) -> Story:
    """The same texts, segment merge_at and the next one made one (a new segmenter)."""
    document = story.documents[lang]
    segments = list(document.segments)
    a, b = segments[merge_at], segments[merge_at + 1]
    joined = Segment(a.index, document.text[a.start:b.end], a.start, b.end, a.paragraph, lang=lang)
    segments[merge_at:merge_at + 2] = [joined]
    from dataclasses import replace
    segments = [replace(s, index=n) for n, s in enumerate(segments)]
    documents = dict(story.documents)
    documents[lang] = replace(document, segments=tuple(segments))
    return replace(story, documents=documents)


def test_corrections_follow_their_sentences_when_the_segmentation_changes(tmp_path, monkeypatch):
    story = tiny_story()
    path = tmp_path / "s.sqlite"
    fresh(path).save(story, ("en", "ru"), [L([0], [0]), L([1], [1]), L([3], [3])], "confirm three")
    monkeypatch.setattr("compare.segment.SEGMENTER_VERSION", "99")
    newer = resegmented(story, "en", 1)  # en:1 and en:2 are one sentence now; en:3 is en:2
    assert story_key(newer) == story_key(story)
    saved = fresh(path).load(newer)
    assert pairs_of(saved.confirmed[("en", "ru")]) == [((0,), (0,)), ((2,), (3,))]
    dropped = next(n for n in saved.notes if "dropped" in n)
    assert "en:1 ↔ ru:1" in dropped and "Grain 1." in dropped  # named, not re-applied elsewhere
    assert any("en:3 ↔ ru:3 is now en:2 ↔ ru:3" in n for n in saved.notes)
    # a change on the new segmentation keeps texts that fit it
    fresh(path).change(newer, ("en", "ru"), lambda c: c + [L([1], [1, 2])], "merge")
    assert pairs_of(fresh(path).confirmed(newer, ("en", "ru"))) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    assert fresh(path).load(newer).notes == ()


def test_the_store_file_that_is_not_a_database_gets_one_line_and_is_left_alone(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="the corrections store cannot be opened"):
        CorrectionStore(path)
    assert path.read_bytes() == b"this is not a database" * 100


def test_a_confirmed_move_is_saved_with_its_role_and_reopens(tmp_path):
    """A passage the user marks as moved (out of reading order) is kept as a move: the check
    lets it cross the other confirmed links, and the store gives it back as a move."""
    from compare.align import align_story
    from compare.model import Link
    from compare.sources import load_story
    from compare.store import CorrectionStore

    from pathlib import Path

    story = load_story(Path(__file__).resolve().parent.parent / "corpora" / "politics-talks-vitebsk",
                       check_lang=False)
    links = [Link((2,), (10,), status="confirmed", role="moved"), Link((5,), (5,), status="confirmed")]
    store = CorrectionStore(tmp_path / "store.sqlite")
    store.save(story, ("en", "ru"), links, "mark en:2 as moved")
    reopened = CorrectionStore(tmp_path / "store.sqlite").confirmed(story, ("en", "ru"))
    assert [(l.src, l.tgt, l.role) for l in reopened] == [((2,), (10,), "moved"), ((5,), (5,), "")]
    alignments, _, _ = align_story(story, fixed={("en", "ru"): reopened})
    moved = [l for l in alignments[("en", "ru")].links if l.role == "moved"]
    assert [(l.src, l.tgt, l.status) for l in moved] == [((2,), (10,), "confirmed")]
