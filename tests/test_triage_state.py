"""Triage as a user relies on it: marks that survive a re-alignment, mutes for one story or for
all, counts and "look here first" without what was set aside, exports that carry each flag's
mark and read back, old stores that migrate, undo/redo per story, and bad input (an unknown kind,
a damaged store) as one line with nothing lost."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from compare import render, render_triage
from compare.analyze.summary import summarize
from compare.cli import main
from compare.corrections import confirm
from compare.export import import_alignment, to_bytes
from compare.model import InputError
from compare.pipeline import PipelineOptions, compare_story
from compare.sources import load_story
from compare.store import CorrectionStore, story_key
from compare.triage import (TriageStore, annotate, apply_triage, link_flags, parse_mute)

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
GOMEL = CORPORA / "health-heart-screening-gomel"
VITEBSK = CORPORA / "politics-talks-vitebsk"
OPTIONS = PipelineOptions(apertium_alignment=False)


@pytest.fixture(scope="module")
def gomel():
    story = load_story(GOMEL, check_lang=False)
    return story, compare_story(story, OPTIONS)


@pytest.fixture(scope="module")
def vitebsk():
    story = load_story(VITEBSK, check_lang=False)
    return story, compare_story(story, OPTIONS)


@pytest.fixture
def store(tmp_path):
    opened = TriageStore(tmp_path / "store.sqlite")
    yield opened
    opened.close()


def first_of(comparison, kind):
    return next((pair, index, flag, fid) for pair, index, flag, fid in link_flags(comparison)
                if flag.kind == kind)


def flags_of(comparison) -> int:
    return sum(len(a.flags) for items in comparison.analyses.values() for a in items)


# ---------------------------------------------------------------- marks survive a re-alignment

@pytest.mark.parametrize("kind", ["number", "sharpened", "omission"])
def test_a_mark_survives_a_re_alignment_around_a_confirmed_link(gomel, store, kind):
    story, comparison = gomel
    pair, index, flag, fid = first_of(comparison, kind)
    store.mark(story, fid, "false_alarm", "house style")
    # the user confirms another link: the story is re-aligned around it
    other_pair = ("en", "ru") if ("en", "ru") in comparison.alignments else pair
    links = comparison.alignments[other_pair].links
    other = next(i for i, link in enumerate(links) if link.src and link.tgt and i != index)
    again = compare_story(story, OPTIONS, fixed={other_pair: confirm(links, [], other)})
    shown, hidden = apply_triage(again, *store.state(story))
    kept = [(f, mark, note) for items in hidden.values() for f, mark, note in items]
    assert (flag.kind, flag.rule, flag.source_term, flag.target_term) in {
        (f.kind, f.rule, f.source_term, f.target_term) for f, _, _ in kept}
    assert all((mark, note) == ("false_alarm", "house style") for _, mark, note in kept)
    assert flags_of(shown) == flags_of(again) - len(kept)


def test_a_mark_is_dropped_when_its_sentence_changes(gomel, store, tmp_path):
    story, comparison = gomel
    _, _, flag, fid = first_of(comparison, "number")
    store.mark(story, fid, "checked")
    edited = tmp_path / "story"
    edited.mkdir()
    for part in GOMEL.iterdir():
        if part.is_file():
            (edited / part.name).write_bytes(part.read_bytes())
    (edited / "en.txt").write_text((GOMEL / "en.txt").read_text(encoding="utf-8")
                                   .replace("Over six months", "In six months"), encoding="utf-8")
    changed = load_story(edited, check_lang=False)
    assert store.marks(changed) == {}  # another text: its own (empty) triage


# ---------------------------------------------------------------- mutes: one story or all

@pytest.mark.parametrize("spec, all_stories, in_gomel, in_vitebsk", [
    ("sharpened", False, True, False),
    ("sharpened", True, True, True),
    ("kind:number", False, True, False),
    ("kind:number", True, True, True),
])
def test_a_mute_holds_for_its_story_or_for_all_stories(gomel, vitebsk, store, spec, all_stories,
                                                       in_gomel, in_vitebsk):
    (g_story, g), (v_story, v) = gomel, vitebsk
    what, value = parse_mute(spec, g)
    store.mute(g_story, what, value, all_stories=all_stories)
    for (story, comparison), expected in (((g_story, g), in_gomel), ((v_story, v), in_vitebsk)):
        shown, hidden = apply_triage(comparison, *store.state(story))
        kinds_left = {f.kind for items in shown.analyses.values() for a in items for f in a.flags}
        muted = [mark for items in hidden.values() for _, mark, _ in items]
        had = any(f.kind == value for _, _, f, _ in link_flags(comparison))
        assert (value not in kinds_left) is (expected or not had)
        assert bool(muted) is (expected and had)
        assert set(muted) <= {"muted"}


@pytest.mark.parametrize("term, matches", [
    ("Over", ["Over six"]),          # a word of a flag's term: case aside
    ("over six", ["Over six"]),
    ("overall", []),                 # not a whole word of it
])
def test_a_term_mute_matches_whole_words_of_either_side(gomel, store, term, matches):
    story, comparison = gomel
    store.mute(story, "term", term)
    _, hidden = apply_triage(comparison, *store.state(story))
    terms = sorted({f.target_term for items in hidden.values() for f, _, _ in items})
    assert terms == matches


# ---------------------------------------------------------------- counts leave them out

def test_counts_chart_and_look_here_first_leave_out_marked_and_muted_flags(gomel, store):
    story, comparison = gomel
    _, _, number, fid = first_of(comparison, "number")
    store.mark(story, fid, "false_alarm")
    store.mute(story, "kind", "sharpened")
    shown, hidden = apply_triage(comparison, *store.state(story))
    before, after = summarize(comparison), summarize(shown)
    set_aside = sum(len(items) for items in hidden.values())
    assert after.total_flags == before.total_flags - set_aside
    assert "sharpened" not in after.counts and before.counts["sharpened"] > 0
    views = render_triage.attach_set_aside(render.row_views(shown), comparison, hidden)
    assert "sharpened" not in render.flag_counts(views)
    assert sum(render.flag_counts(views).values()) < sum(render.flag_counts(render.row_views(comparison)).values())
    assert all(f.kind != "sharpened" for view in render.most_divergent(views) for _, f in view.flags)
    table = render.rows_table_html(views, story.langs)
    assert table.count('class="triaged-item"') == set_aside  # each shown greyed, with its mark
    assert "[false alarm]" in table and "[muted: kind sharpened (this story)]" in table


# ---------------------------------------------------------------- exports carry the state

@pytest.mark.parametrize("fmt, options", [
    ("jsonl", {}), ("csv", {}), ("xlsx", {}), ("tmx", {}),
    ("xliff", {"pair": ("ru", "en"), "xliff_version": "2.0"}),
])
def test_exports_carry_each_flags_mark_and_read_back(gomel, store, tmp_path, fmt, options):
    story, comparison = gomel
    _, _, number, fid = first_of(comparison, "number")
    store.mark(story, fid, "false_alarm", "rounded, as the desk does")
    store.mute(story, "kind", "sharpened", all_stories=True)
    annotated = annotate(comparison, *store.state(story))
    path = tmp_path / f"story.{fmt if fmt != 'xliff' else 'xlf'}"
    path.write_bytes(to_bytes(annotated, fmt, **options))
    back = import_alignment(path).comparison
    states = {(f.triage_id, f.triage, f.triage_note) for items in back.analyses.values()
              for a in items for f in a.flags if f.triage}
    assert (fid, "false_alarm", "rounded, as the desk does") in states
    muted = {f.kind for items in back.analyses.values() for a in items for f in a.flags
             if f.triage == "muted"}
    assert muted == {"sharpened"}
    ids = [f.triage_id for items in back.analyses.values() for a in items for f in a.flags]
    assert all(ids)  # every flag is named, so `report --mark ID` can take it


@pytest.mark.parametrize("fmt, shown", [
    ("jsonl", '"triage":"checked","triage_note":"confirmed with the desk","triage_id":"{fid}"'),
    ("csv", "[checked: confirmed with the desk; id {fid}]"),   # the flags cell
    ("csv", "number: checked: confirmed with the desk; id {fid}"),  # the triage column
    ("tmx", "[checked: confirmed with the desk; id {fid}]"),   # its x-flag prop
])
def test_a_marked_flag_is_visible_in_the_file(gomel, store, fmt, shown):
    story, comparison = gomel
    _, _, number, fid = first_of(comparison, "number")
    store.mark(story, fid, "checked", "confirmed with the desk")
    data = to_bytes(annotate(comparison, *store.state(story)), fmt).decode("utf-8-sig")
    assert shown.format(fid=fid) in data


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx", "tmx", "xliff"])
def test_an_untriaged_export_is_as_before_and_reads_back(gomel, tmp_path, fmt):
    _, comparison = gomel
    data = to_bytes(comparison, fmt)
    if fmt in ("jsonl", "csv", "tmx", "xliff"):
        assert "triage" not in data.decode("utf-8-sig")  # what older versions wrote and read
    path = tmp_path / f"story.{fmt if fmt != 'xliff' else 'xlf'}"
    path.write_bytes(data)
    back = import_alignment(path).comparison
    assert not any(f.triage or f.triage_id for items in back.analyses.values()
                   for a in items for f in a.flags)


# ---------------------------------------------------------------- old stores migrate

SCHEMA_2 = """
CREATE TABLE story_versions (story_key TEXT NOT NULL, version INTEGER NOT NULL, op TEXT NOT NULL,
  action TEXT NOT NULL, state TEXT NOT NULL, segmenter TEXT NOT NULL, equiv INTEGER NOT NULL,
  prev INTEGER NOT NULL, redo TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (story_key, version));
"""
OLD_TRIAGE = """
CREATE TABLE triage (story_key TEXT NOT NULL, flag_id TEXT NOT NULL, version INTEGER NOT NULL,
  mark TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created REAL NOT NULL,
  PRIMARY KEY (story_key, flag_id, version));
"""
SCHEMA_1 = """
CREATE TABLE corrections (story_key TEXT, pair TEXT, version INTEGER, action TEXT, links TEXT,
  created REAL);
"""


@pytest.mark.parametrize("schema, user_version, old_marks", [
    (SCHEMA_2 + OLD_TRIAGE, 2, True),   # the first triage table: marks without undo order
    (SCHEMA_2, 2, False),               # corrections only
    (SCHEMA_1, 0, False),               # the first schema of all
])
def test_an_old_store_opens_keeps_its_marks_and_gains_mutes(gomel, tmp_path, schema, user_version,
                                                            old_marks):
    story, _ = gomel
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.execute(f"PRAGMA user_version = {user_version}")
    if old_marks:
        key = story_key(story)
        db.executemany("INSERT INTO triage VALUES (?, ?, ?, ?, ?, ?)", [
            (key, "aaa", 1, "checked", "", 1.0), (key, "aaa", 2, "false_alarm", "later", 2.0),
            (key, "bbb", 1, "checked", "kept", 3.0)])
    db.commit()
    db.close()
    store = TriageStore(path)
    expected = {"aaa": ("false_alarm", "later"), "bbb": ("checked", "kept")} if old_marks else {}
    assert store.marks(story) == expected
    store.mute(story, "kind", "number")
    assert [m.spec for m in store.mutes(story)] == ["kind:number"]
    if old_marks:  # the migrated rows undo in the order they were saved
        assert store.undo_last(story).startswith("mute")
        assert store.undo_last(story) == "mark checked of flag bbb"
        assert store.undo(story, "aaa") == "checked"
    store.close()
    assert CorrectionStore(path).load(story).version == 0  # the corrections side still opens
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 3


# ---------------------------------------------------------------- undo / redo per story

@pytest.mark.parametrize("steps, marks, mutes", [
    (["mark a", "undo"], set(), []),
    (["mark a", "mark b", "undo"], {"a"}, []),
    (["mark a", "mute number", "undo"], {"a"}, []),
    (["mark a", "mute number", "undo", "undo", "redo"], {"a"}, []),
    (["mark a", "mute number", "undo", "undo", "redo", "redo"], {"a"}, ["kind:number"]),
    (["mark a", "undo", "mark b", "redo"], {"b"}, []),          # a new change ends redo
    (["mute number", "unmute number", "undo"], set(), ["kind:number"]),
    (["undo", "redo"], set(), []),                                 # nothing to undo: nothing done
])
def test_undo_and_redo_take_back_the_storys_triage_changes_in_order(gomel, vitebsk, store, steps,
                                                                    marks, mutes):
    story, _ = gomel
    other, _ = vitebsk
    store.mark(other, "zzz", "checked")  # another story's change is never undone from this one
    for step in steps:
        verb, _, arg = step.partition(" ")
        if verb == "mark":
            store.mark(story, arg, "false_alarm")
        elif verb == "mute":
            store.mute(story, "kind", arg)
        elif verb == "unmute":
            store.unmute(story, "kind", arg)
        elif verb == "undo":
            store.undo_last(story)
        else:
            store.redo_last(story)
    assert set(store.marks(story)) == marks
    assert [m.spec for m in store.mutes(story)] == mutes
    assert store.marks(other) == {"zzz": ("checked", "")}


def test_undo_says_what_it_takes_back(gomel, store):
    story, _ = gomel
    assert store.undo_redo(story) == ("", "")
    store.mark(story, "abc", "checked")
    store.mute(story, "term", "Especially", all_stories=True)
    assert store.undo_redo(story) == ("mute term especially (all stories)", "")
    assert store.undo_last(story) == "mute term especially (all stories)"
    assert store.undo_redo(story) == ("mark checked of flag abc", "mute term especially (all stories)")


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("spec, problem", [
    ("sharpend", "neither a flag kind"),
    ("kind:sharpend", "unknown flag kind 'sharpend'"),
    ("term:", "nothing to mute"),
    ("  ", "nothing to mute"),
])
def test_a_bad_mute_is_one_line_and_saves_nothing(gomel, tmp_path, monkeypatch, capsys, spec, problem):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "store.sqlite"))
    story, comparison = gomel
    with pytest.raises(InputError, match=problem):
        parse_mute(spec, comparison)
    code = main(["report", str(GOMEL), "--gold", "--no-apertium", "--mute", "number",
                 "--mute", spec])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and problem in err[0]
    assert TriageStore(tmp_path / "store.sqlite").mutes(story) == []  # "number" was not saved either


def test_a_damaged_store_is_one_line_and_is_left_as_it_was(tmp_path, monkeypatch, capsys):
    damaged = tmp_path / "store.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x13" * 2000)
    before = damaged.read_bytes()
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(damaged))
    with pytest.raises(InputError, match="cannot be opened for triage marks"):
        TriageStore(damaged)
    code = main(["report", str(GOMEL), "--gold", "--no-apertium", "--mute", "number"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and str(damaged) in err[0]
    # without a triage change asked for, the report still comes, every flag shown, one warning
    code = main(["report", str(GOMEL), "--gold", "--no-apertium", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out.splitlines()[-1])["total_flags"] > 0
    assert len(err.strip().splitlines()) == 1 and err.startswith("warning:")
    assert damaged.read_bytes() == before  # nothing written over it


def test_the_cli_mutes_lists_and_unmutes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "store.sqlite"))
    base = ["report", str(GOMEL), "--gold", "--no-apertium", "--format", "jsonl"]

    def summary():
        return json.loads(capsys.readouterr().out.splitlines()[-1])

    assert main(base) == 0
    total = summary()["total_flags"]
    assert main(base + ["--mute", "sharpened", "--all-stories"]) == 0
    after = summary()
    assert "sharpened" not in after["counts"] and after["total_flags"] < total
    assert after["set_aside"] == {"muted": total - after["total_flags"]}
    assert main(base + ["--mutes"]) == 0
    assert "kind:sharpened\tall stories" in capsys.readouterr().out
    assert main(base + ["--no-triage"]) == 0
    assert summary()["total_flags"] == total
    assert main(base + ["--unmute", "sharpened"]) == 0
    assert summary()["total_flags"] == total


@pytest.mark.parametrize("args, problem", [
    (["--mark", "0123456789ab", "false_alarm"], "no flag of story"),
    (["--mark", "{fid}", "ignore"], "unknown triage mark 'ignore'"),
    (["--unmute", "kind:number"], "is not muted"),
])
def test_a_bad_triage_option_is_one_line_and_saves_nothing(gomel, tmp_path, monkeypatch, capsys,
                                                           args, problem):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "store.sqlite"))
    story, _ = gomel
    main(["report", str(GOMEL), "--gold", "--no-apertium", "--format", "jsonl"])
    fid = next(f["id"] for line in capsys.readouterr().out.splitlines()
               for f in json.loads(line).get("flags", ()))
    code = main(["report", str(GOMEL), "--gold", "--no-apertium"]
                + [a.format(fid=fid) for a in args])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and problem in err[0], err
    store = TriageStore(tmp_path / "store.sqlite")
    assert store.state(story) == ({}, [])


@pytest.mark.parametrize("extra, carried", [([], True), (["--no-triage"], False)])
def test_the_export_command_carries_the_saved_marks(gomel, tmp_path, monkeypatch, capsys, extra,
                                                    carried):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "store.sqlite"))
    story, comparison = gomel
    _, _, _, fid = first_of(comparison, "number")
    store = TriageStore(tmp_path / "store.sqlite")
    store.mark(story, fid, "false_alarm", "rounded")
    store.close()
    out = tmp_path / "story.jsonl"
    assert main(["export", str(GOMEL), "--no-apertium", "--no-lang-check", "--out", str(out)] + extra) == 0
    back = import_alignment(out).comparison
    marked = [f for items in back.analyses.values() for a in items for f in a.flags
              if f.triage == "false_alarm"]
    assert (len(marked) == 1 and marked[0].triage_id == fid and marked[0].triage_note == "rounded") is carried
    assert bool(marked) is carried


def test_a_rows_flags_can_be_dismissed_by_their_ids(gomel, store):
    from compare.triage import row_flags

    story, comparison = gomel
    number = next(n for n in range(len(comparison.rows)) if row_flags(comparison, n))
    entries = row_flags(comparison, number)
    for *_, fid in entries:
        store.mark(story, fid, "false_alarm", "dismissed from the row")
    views = render.row_views(apply_triage(comparison, *store.state(story))[0])
    assert views[number].flags == ()
    assert row_flags(comparison, len(comparison.rows)) == []  # a row past the end: nothing
