"""Corrections in the app (AppTest): none can lock a story.

The bar's chain on every bundled story — confirm row 3, confirm row 5, move a sentence, split,
merge, undo ×2 — with every state reopened in a fresh session; saved corrections that fail
open the story without them, listed, with Undo; a damaged or read-only store is one line;
five sessions applying on pages built before each other's corrections lose none.

Through AppTest the whole chain costs ~15-20 s a story and five sessions × five corrections
~55 s: locally they run on the reported story and with one correction a session; in CI (CI set,
as CI services do) or with WIRE_COMPARE_ALL_STORIES=1, on every bundled story and 5 × 5. The
library tests (test_store.py) run the chain on every story and 5 × 5 concurrently always."""
from __future__ import annotations

import os
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from test_app import APP, CORPORA, STORIES, apply, messages, no_failure, open_link, private_stores, rows  # noqa: F401

from compare import store as store_module
from compare.store import story_key

VITEBSK = str(CORPORA / "politics-talks-vitebsk")
FULL = bool(os.environ.get("CI") or os.environ.get("WIRE_COMPARE_ALL_STORIES"))
CHAIN_STORIES = STORIES if FULL else ["politics-talks-vitebsk"]


def open_story(folder: str) -> AppTest:
    """A fresh browser session on one bundled story (one run: the choice preset)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["bundled"] = folder
    at.run()
    no_failure(at)
    assert at.session_state["comparison"].story.id == folder.rsplit("/", 1)[-1]
    return at


def confirmed(at: AppTest, pair) -> list:
    return [(l.src, l.tgt) for l in at.session_state["comparison"].alignments[pair].links
            if l.status == "confirmed"]


def act(at: AppTest, pair, index: int, action: str, option=None) -> None:
    """Open the row of link `index`, apply one of its actions; it must be saved."""
    open_link(at, pair, index)
    apply(at, action, option)
    assert not [m for m in messages(at, "error")], messages(at, "error")
    assert any(m.startswith("Saved:") for m in messages(at, "success")), messages(at, "success")


def first(links, test, start):
    return next(i for i in range(start, len(links) - 1) if test(links[i]))


def chain_steps(at: AppTest, pair):
    """The steps of the bar, each done on the page as it stands; yields the step's name."""
    for row in (3, 5):
        act(at, pair, at.session_state["comparison"].rows[row].links[pair][0], "confirm")
        yield f"confirm row {row}"
    links = at.session_state["comparison"].alignments[pair].links
    act(at, pair, first(links, lambda l: l.tgt and l.status != "confirmed", 6), "move", ("tgt", "next"))
    yield "move"
    links = at.session_state["comparison"].alignments[pair].links
    index = first(links, lambda l: len(l.src) + len(l.tgt) >= 2 and l.status != "confirmed", 6)
    act(at, pair, index, "split")  # at the boundary the page offers first
    yield "split"
    links = at.session_state["comparison"].alignments[pair].links
    act(at, pair, first(links, lambda l: l.status != "confirmed", 8), "merge next")
    yield "merge"


@pytest.mark.parametrize("story_id", CHAIN_STORIES)
def test_the_chain_of_corrections_in_the_app_on_every_bundled_story(story_id):
    folder = str(CORPORA / story_id)
    at = open_story(folder)
    langs = at.session_state["comparison"].story.langs
    pair = ("en", "ru") if "ru" in langs else ("en", "be")
    states = [confirmed(at, pair)]
    for step in chain_steps(at, pair):
        states.append(confirmed(at, pair))
        assert confirmed(open_story(folder), pair) == states[-1], step  # reopens as saved
    assert len(states[-1]) >= 4
    for undo in range(2):
        at.button(key="fix_undo").click().run()
        no_failure(at)
        assert any(m.startswith("Undone:") for m in messages(at, "success"))
        states.pop()
        assert confirmed(at, pair) == states[-1]  # the state before
        assert confirmed(open_story(folder), pair) == states[-1]
    assert not at.button(key="fix_redo").disabled
    at.button(key="fix_redo").click().run()
    assert any(m.startswith("Redone:") for m in messages(at, "success"))


def break_saved_state(tmp_path, at: AppTest, pair, links) -> None:
    """Write a state as an older, buggy version would have saved it (straight into SQLite)."""
    story = at.session_state["comparison"].story
    with sqlite3.connect(tmp_path / "corrections.sqlite") as db:
        (latest,) = db.execute("SELECT COALESCE(MAX(version), 0) FROM story_versions "
                               "WHERE story_key=?", (story_key(story),)).fetchone()
        state = '{"%s-%s": [%s]}' % (*pair, ", ".join(
            '{"src": %s, "tgt": %s}' % (list(s), list(t)) for s, t in links))
        from compare.segment import SEGMENTER_VERSION
        db.execute("INSERT INTO story_versions VALUES (?, ?, 'change', 'a broken save', ?, ?, ?, ?, "
                   "'[]', 0)", (story_key(story), latest + 1, state, SEGMENTER_VERSION, latest + 1,
                                latest))


def test_saved_corrections_that_fail_open_the_story_without_them_listed_with_undo(private_stores):
    at = open_story(VITEBSK)
    pair = ("en", "ru")
    act(at, pair, at.session_state["comparison"].rows[3].links[pair][0], "confirm")
    break_saved_state(private_stores, at, pair, [((3,), (3,)), ((4,), (2,))])  # crossing

    other = open_story(VITEBSK)  # any later session
    warnings = messages(other, "warning")
    assert any("could not be applied" in w for w in warnings)
    assert any("en:4 ↔ ru:2" in w for w in warnings)  # listed
    assert len(rows(other)) > 5 and confirmed(other, pair) == []  # the table, without them
    assert not other.button(key="fix_undo").disabled
    other.button(key="fix_undo").click().run()
    no_failure(other)
    assert confirmed(other, pair) == [((3,), (3,))]
    assert not any("could not be applied" in w for w in messages(other, "warning"))

    break_saved_state(private_stores, at, pair, [((40,), (3,))])  # out of range
    third = open_story(VITEBSK)
    third.button(key="fix_discard").click().run()
    no_failure(third)
    assert confirmed(third, pair) == [] and not messages(third, "warning")


def test_a_correction_the_aligner_refuses_is_one_line_and_nothing_is_saved(monkeypatch):
    at = open_story(VITEBSK)
    pair = ("en", "ru")
    from compare import corrections

    def crossing(links, confirmed, index):
        return [corrections._confirmed([4], [2]), corrections._confirmed([3], [3])]
    monkeypatch.setattr(corrections, "confirm", crossing)
    open_link(at, pair, 3)
    apply(at, "confirm")
    errors = messages(at, "error")
    assert len(errors) == 1 and "Not applied, nothing saved" in errors[0] and "cross" in errors[0]
    assert "\n" not in errors[0]
    assert len(rows(at)) > 5 and at.button(key="fix_undo").disabled
    assert confirmed(open_story(VITEBSK), pair) == []


def test_a_damaged_store_opens_stories_without_corrections_in_one_line(private_stores):
    (private_stores / "corrections.sqlite").write_bytes(b"not a database at all" * 50)
    at = open_story(VITEBSK)
    warnings = [w for w in messages(at, "warning") if "Corrections are not available" in w]
    assert len(warnings) == 1 and "cannot be opened" in warnings[0]
    assert len(rows(at)) > 5
    assert at.button(key="fix_undo").disabled
    open_link(at, ("en", "ru"), 3)
    assert at.button(key="ra_confirm").disabled
    assert (private_stores / "corrections.sqlite").read_bytes() == b"not a database at all" * 50


def test_a_read_only_store_shows_its_corrections_and_refuses_new_ones(private_stores, monkeypatch):
    from compare.model import Link
    from compare.sources import load_story
    from compare.store import CorrectionStore

    path = private_stores / "read-only.sqlite"  # a file of its own: the app caches one per path
    story = load_story(VITEBSK)
    CorrectionStore(path).save(story, ("en", "ru"), [Link((3,), (3,))], "confirm row 3")
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(path))
    monkeypatch.setattr(store_module, "_writable", lambda p: False)
    at = open_story(VITEBSK)
    assert any("read-only" in w for w in messages(at, "warning"))
    assert confirmed(at, ("en", "ru")) == [((3,), (3,))]
    open_link(at, ("en", "ru"), 5)
    apply(at, "confirm")
    assert any("read-only; corrections cannot be saved" in m for m in messages(at, "error"))
    assert len(rows(at)) > 5


def test_five_sessions_applying_on_stale_pages_lose_no_correction():
    sessions = [open_story(VITEBSK) for _ in range(5)]  # all built before anyone corrects
    pair = ("en", "ru")
    links = sessions[0].session_state["comparison"].alignments[pair].links
    wanted = set()
    for k in range(5 if FULL else 1):
        for number, at in enumerate(sessions):
            index = number * 5 + k
            wanted.add((links[index].src, links[index].tgt))
            act(at, pair, index, "confirm")
    assert set(confirmed(open_story(VITEBSK), pair)) == wanted and len(wanted) == (25 if FULL else 5)


def test_confirmations_of_the_first_store_format_are_set_aside_listed_and_applied_on_request(private_stores):
    from compare.sources import load_story

    story = load_story(VITEBSK)
    with sqlite3.connect(private_stores / "corrections.sqlite") as db:  # as the first schema saved it
        db.execute("CREATE TABLE corrections (story_key TEXT NOT NULL, pair TEXT NOT NULL, "
                   "version INTEGER NOT NULL, action TEXT NOT NULL, links TEXT NOT NULL, "
                   "created REAL NOT NULL, PRIMARY KEY (story_key, pair, version))")
        db.execute("INSERT INTO corrections VALUES (?, 'en-ru', 1, 'confirm row 3', "
                   "'[{\"src\": [3], \"tgt\": [3]}]', 1.0)", (story_key(story),))
    at = open_story(VITEBSK)
    assert confirmed(at, ("en", "ru")) == []  # not silently re-applied
    assert any("set aside" in w and "en:3 ↔ ru:3" in w for w in messages(at, "warning"))
    at.button(key="fix_reapply").click().run()
    no_failure(at)
    assert confirmed(at, ("en", "ru")) == [((3,), (3,))]
    assert confirmed(open_story(VITEBSK), ("en", "ru")) == [((3,), (3,))]
    at.button(key="fix_undo").click().run()
    assert confirmed(at, ("en", "ru")) == [] and at.button(key="fix_discard")


AGRICULTURE = str(CORPORA / "agriculture-grain-harvest")


def test_a_sentence_alone_is_paired_as_moved_on_its_row_and_reopens_so():
    at = open_story(AGRICULTURE)
    pair = ("en", "ru")
    links = at.session_state["comparison"].alignments[pair].links
    index = next(i for i, l in enumerate(links) if not l.src)  # a Russian sentence alone (ru:8)
    alone = links[index].tgt
    counterpart = next(i for i in range(len(at.session_state["comparison"].story.documents["en"]))
                       if i not in {s for l in links[index - 1:index + 2] for s in l.src})
    act(at, pair, index, "moved", counterpart)
    note = next(m for m in messages(at, "success") if m.startswith("Saved:"))
    assert f"en:{counterpart} ↔ ru:{','.join(map(str, alone))}" in note
    assert ((counterpart,), alone) in confirmed(at, pair)
    assert ((counterpart,), alone) in confirmed(open_story(AGRICULTURE), pair)


def test_a_flag_is_dismissed_on_its_row_and_brought_back():
    from compare import triage

    at = open_story(VITEBSK)
    comparison = at.session_state["comparison"]
    pair, index, flag, fid = next(triage.link_flags(comparison))
    open_link(at, pair, index)
    at.button(key="ra_flag_0_false_alarm").click().run()
    no_failure(at)
    assert any("dismissed as a false alarm" in m for m in messages(at, "success"))
    story = comparison.story
    assert triage.TriageStore(os.environ["WIRE_COMPARE_STORE"]).marks(story)[fid][0] == "false_alarm"
    fresh = open_story(VITEBSK)  # the mark is kept
    open_link(fresh, pair, index)
    assert fresh.button(key="ra_flag_0_undo")  # shown struck through, with Bring back
    fresh.button(key="ra_flag_0_undo").click().run()
    no_failure(fresh)
    assert any("shown again" in m for m in messages(fresh, "success"))
    assert not [b for b in fresh.button if b.key == "ra_flag_0_undo"]
    assert fid not in triage.TriageStore(
        os.environ["WIRE_COMPARE_STORE"]).marks(story)
