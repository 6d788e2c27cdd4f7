"""Triage of flags: marks ("false alarm", "checked", with a note) and mutes (an ignore list, as
in Xbench), kept per story text in the corrections store.

A flag is known again by what it says, not where it sits: its kind, rule and terms and the
texts of its link's two sides (`flag_id`). Re-aligning a story keeps the id of every flag whose
link still holds the same sentences, so a mark survives a re-alignment and is dropped only when
the texts it was about change.

A mute leaves out every flag of a kind ("softened"), or every flag whose term on either side is
a given word or phrase («особенно», "especially"), in one story or in all stories.

Marks and mutes live in the tables of schema 3 of the corrections store's SQLite file
(compare.store, WIRE_COMPARE_STORE), marks keyed like corrections by the story's id and a hash of
its texts. Every change is a new row: undo takes back a story's latest triage change (a mark or
a mute made from that story) and redo brings it back; `undo(story, flag_id)` takes back one
flag's latest change.

Marked and muted flags are left out of counts, verdicts, charts and "look here first"
(`apply_triage`), shown apart (greyed, with their mark), and carried by exports (`annotate`:
each flag's triage, triage_note and triage_id fields).
"""
from __future__ import annotations

import functools
import hashlib
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping

from compare.model import Flag, InputError, Story
from compare.store import STORE_ENV, _migrate, _writable, default_store_path, story_key

MARKS = ("false_alarm", "checked")
CLEARED = "cleared"  # a row that takes a mark back
MUTED = "muted"  # the triage state of a flag a mute leaves out
ALL_STORIES = "*"  # the scope of a mute for every story
MUTE_WHAT = ("kind", "term")
FORCE_KINDS = ("softened", "sharpened")
# Kinds the analysis raises (compare.render.BADGES names the same); a kind seen in a story's
# flags is accepted too, so that a new check's kind can be muted before this list knows it.
KNOWN_KINDS = ("sharpened", "softened", "mixed", "omission", "addition", "number", "date", "name",
               "quote", "untranslated", "length", "merge", "split")
_STRESS = dict.fromkeys(map(ord, "\u0301\u0300"))  # stress marks change nothing


def _fold(text: str) -> str:
    return " ".join(text.split()).lower()


def fold_term(text: str) -> str:
    """A term as a mute compares it: case, spacing and stress marks aside."""
    return " ".join(str(text).translate(_STRESS).casefold().split())


def _has_words(term: str, words: str) -> bool:
    """The folded term holds the folded words as whole words («over» in «over six», not in
    «overall»)."""
    return bool(words) and f" {words} " in f" {term} "


def flag_id(flag: Flag, original_text: str, translation_text: str) -> str:
    """A short stable id of a flag: kind, rule, terms and its link's texts (whitespace and case
    folded), so the same flag on the same sentences has the same id after a re-alignment."""
    parts = (flag.kind, flag.rule, flag.source_term, flag.target_term,
             _fold(original_text), _fold(translation_text))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Mute:
    """One entry of the ignore list."""

    what: str  # kind | term
    value: str  # the kind, or the term (folded)
    all_stories: bool = False
    note: str = ""

    def matches(self, flag: Flag) -> bool:
        if self.what == "kind":
            return flag.kind == self.value
        return any(_has_words(fold_term(term), self.value)
                   for term in (flag.source_term, flag.target_term))

    def describe(self) -> str:
        thing = f"kind {self.value}" if self.what == "kind" else f"term «{self.value}»"
        return f"{thing} ({'all stories' if self.all_stories else 'this story'})"

    @property
    def spec(self) -> str:
        """How the CLI writes it: kind:softened, term:особенно."""
        return f"{self.what}:{self.value}"


def known_kinds(comparison=None) -> tuple[str, ...]:
    seen = [flag.kind for _, _, flag, _ in link_flags(comparison)] if comparison is not None else []
    return tuple(dict.fromkeys([*KNOWN_KINDS, *seen]))


def parse_mute(text: str, comparison=None, muted: Iterable[Mute] = ()) -> tuple[str, str]:
    """'softened' or 'kind:softened' → ('kind', 'softened'); 'term:особенно', or a bare word
    that is a term of one of the story's flags or of a mute in `muted` → ('term', 'особенно').
    InputError, one line, for an unknown kind or an empty term."""
    raw = str(text).strip()
    kinds = known_kinds(comparison)
    what, sep, value = raw.partition(":")
    if sep and what.strip().lower() in MUTE_WHAT:
        what, value = what.strip().lower(), value.strip()
    else:
        what, value = "", raw
    if not value:
        raise InputError(f"mute {text!r}: nothing to mute (write a flag kind, e.g. softened, "
                         "or term:WORD)")
    if what == "term":
        return "term", fold_term(value)
    if value.lower() in kinds:
        return "kind", value.lower()
    if what == "kind":
        raise InputError(f"mute {text!r}: unknown flag kind {value!r} (kinds: {', '.join(kinds)})")
    terms = {fold_term(t) for _, _, flag, _ in (link_flags(comparison) if comparison is not None
                                                  else ()) for t in (flag.source_term, flag.target_term)}
    terms |= {m.value for m in muted if m.what == "term"}
    if any(_has_words(term, fold_term(value)) for term in terms):
        return "term", fold_term(value)
    raise InputError(f"mute {text!r}: neither a flag kind ({', '.join(kinds)}) nor a term of this "
                     f"story's flags; write term:{value} to mute a term that is not flagged here")


def _guarded(method):
    """Any SQLite failure (a damaged page, a lock held too long) is one line naming the store."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            with self._lock:
                return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise InputError(f"{self.path}: the triage marks cannot be read or saved ({error}); "
                             f"move the store aside or set {STORE_ENV} to another file") from None
    return run


class TriageStore:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_store_path()
        self._lock = threading.RLock()
        self.read_only = self.path.is_file() and not _writable(self.path)
        try:
            if self.read_only:  # read a copy; saving is refused (one line)
                source = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
                self._db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                try:
                    source.backup(self._db)
                finally:
                    source.close()
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                           check_same_thread=False)
                self._db.execute("PRAGMA journal_mode=WAL")
            _migrate(self._db)  # schema 3: old stores open, their marks kept
        except (sqlite3.DatabaseError, OSError) as error:
            raise InputError(f"{self.path}: the store cannot be opened for triage marks ({error}); "
                             f"move it aside or set {STORE_ENV} to another file") from None

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------ writing

    def mark(self, story: Story, fid: str, mark: str, note: str = "") -> None:
        if mark not in MARKS:
            raise InputError(f"unknown triage mark {mark!r} (expected one of: {', '.join(MARKS)})")
        if not str(fid).strip():
            raise InputError("a triage mark needs a flag id (see `report --format jsonl`)")
        self._write_mark(story_key(story), str(fid).strip(), mark, note)

    def clear(self, story: Story, fid: str) -> None:
        """Take the flag's mark back (it shows again, as new)."""
        self._write_mark(story_key(story), fid, CLEARED, "")

    def mute(self, story: Story, what: str, value: str, *, all_stories: bool = False,
             note: str = "") -> Mute:
        """Leave out every flag of a kind, or with a term (see parse_mute), in this story or
        in all stories."""
        if what not in MUTE_WHAT:
            raise InputError(f"unknown kind of mute {what!r} (expected kind or term)")
        value = value.lower() if what == "kind" else fold_term(value)
        if not value:
            raise InputError("nothing to mute: the term is empty")
        key = story_key(story)
        self._write_mute(ALL_STORIES if all_stories else key, what, value, MUTED, note, key)
        return Mute(what, value, all_stories, note)

    def unmute(self, story: Story, what: str, value: str, *,
               all_stories: bool | None = None) -> Mute:
        """Remove a mute: the story's own unless all_stories (None: the story's if it has one,
        else the one for all stories). InputError naming what is muted when there is none."""
        value = value.lower() if what == "kind" else fold_term(value)
        current = [m for m in self.mutes(story) if (m.what, m.value) == (what, value)
                   and (all_stories is None or m.all_stories == all_stories)]
        if not current:
            listed = "; ".join(m.describe() for m in self.mutes(story)) or "nothing"
            raise InputError(f"{what} {value!r} is not muted"
                             f"{' for all stories' if all_stories else ''} (muted here: {listed})")
        chosen = min(current, key=lambda m: m.all_stories)  # the story's own first
        key = story_key(story)
        self._write_mute(ALL_STORIES if chosen.all_stories else key, what, value, "unmuted", "", key)
        return chosen

    @_guarded
    def _write_mark(self, key: str, fid: str, mark: str, note: str) -> None:
        self._refuse_read_only()
        with self._transaction():
            (version,) = self._db.execute(
                "SELECT COALESCE(MAX(version), 0) FROM triage WHERE story_key=? AND flag_id=?",
                (key, fid)).fetchone()
            self._db.execute(
                "INSERT INTO triage (story_key, flag_id, version, mark, note, created, seq, undone)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (key, fid, version + 1, mark, note, time.time(), self._next_seq()))

    @_guarded
    def _write_mute(self, scope: str, what: str, value: str, state: str, note: str,
                    origin: str) -> None:
        self._refuse_read_only()
        with self._transaction():
            (version,) = self._db.execute(
                "SELECT COALESCE(MAX(version), 0) FROM triage_mutes WHERE scope=? AND what=? "
                "AND value=?", (scope, what, value)).fetchone()
            self._db.execute(
                "INSERT INTO triage_mutes (scope, what, value, version, state, note, origin, "
                "created, seq, undone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (scope, what, value, version + 1, state, note, origin, time.time(),
                 self._next_seq()))

    def _refuse_read_only(self) -> None:
        if self.read_only:
            raise InputError(f"{self.path}: the store is read-only; triage marks cannot be saved "
                             f"(set {STORE_ENV} to a writable file)")

    def _transaction(self):
        db = self._db

        class Transaction:
            def __enter__(self_):
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self_, kind, error, trace):
                db.execute("COMMIT" if kind is None else "ROLLBACK")
                return False
        return Transaction()

    def _next_seq(self) -> int:
        (top,) = self._db.execute(
            "SELECT MAX(COALESCE(a, 0), COALESCE(b, 0), COALESCE(c, 0), COALESCE(d, 0)) FROM "
            "(SELECT MAX(seq) a, MAX(undone) b FROM triage), "
            "(SELECT MAX(seq) c, MAX(undone) d FROM triage_mutes)").fetchone()
        return (top or 0) + 1

    # ------------------------------------------------------------ undo / redo

    @_guarded
    def undo(self, story: Story, fid: str) -> str | None:
        """Take back the flag's last change; returns the mark now in force (None: unmarked)."""
        self._refuse_read_only()
        key = story_key(story)
        with self._transaction():
            row = self._db.execute(
                "SELECT rowid FROM triage WHERE story_key=? AND flag_id=? AND undone=0 "
                "ORDER BY version DESC LIMIT 1", (key, fid)).fetchone()
            if row:
                self._db.execute("UPDATE triage SET undone=? WHERE rowid=?",
                                 (self._next_seq(), row[0]))
        return self.marks(story).get(fid, (None, ""))[0]

    def _story_changes(self, key: str, live: bool):
        """(seq or undone, table, rowid, what it did) of the story's triage changes."""
        column, test = ("seq", "undone=0") if live else ("undone", "undone>0")
        marks = self._db.execute(
            f"SELECT {column}, 'triage', rowid, mark, flag_id, note FROM triage "
            f"WHERE story_key=? AND {test}", (key,)).fetchall()
        mutes = self._db.execute(
            f"SELECT {column}, 'triage_mutes', rowid, state, what || ' ' || value, scope FROM "
            f"triage_mutes WHERE origin=? AND {test}", (key,)).fetchall()
        return marks + mutes

    @staticmethod
    def _say(row) -> str:
        _, table, _, state, what, extra = row
        if table == "triage":
            done = "clear the mark" if state == CLEARED else f"mark {state.replace('_', ' ')}"
            return f"{done} of flag {what}"
        scope = "all stories" if extra == ALL_STORIES else "this story"
        return f"{'mute' if state == MUTED else 'unmute'} {what} ({scope})"

    @_guarded
    def undo_redo(self, story: Story) -> tuple[str, str]:
        """(what undo would take back, what redo would bring back); "" when nothing."""
        key = story_key(story)
        live = self._story_changes(key, True)
        undone = self._story_changes(key, False)
        top = max((r[0] for r in live), default=0)
        redo = max((r for r in undone if r[0] > top), default=None, key=lambda r: r[0])
        last = max(live, default=None, key=lambda r: r[0])
        return (self._say(last) if last else "", self._say(redo) if redo else "")

    @_guarded
    def undo_last(self, story: Story) -> str | None:
        """Take back the story's latest triage change (mark or mute); what it was, or None."""
        self._refuse_read_only()
        with self._transaction():
            live = self._story_changes(story_key(story), True)
            if not live:
                return None
            last = max(live, key=lambda r: r[0])
            self._db.execute(f"UPDATE {last[1]} SET undone=? WHERE rowid=?",
                             (self._next_seq(), last[2]))
        return self._say(last)

    @_guarded
    def redo_last(self, story: Story) -> str | None:
        """Bring back the latest undone change, unless the story changed since; or None."""
        self._refuse_read_only()
        key = story_key(story)
        with self._transaction():
            top = max((r[0] for r in self._story_changes(key, True)), default=0)
            undone = [r for r in self._story_changes(key, False) if r[0] > top]
            if not undone:
                return None
            row = max(undone, key=lambda r: r[0])
            self._db.execute(f"UPDATE {row[1]} SET undone=0 WHERE rowid=?", (row[2],))
        return self._say(row)

    # ------------------------------------------------------------ reading

    @_guarded
    def marks(self, story: Story) -> dict[str, tuple[str, str]]:
        """flag id → (mark, note) for every flag of the story that carries one now."""
        rows = self._db.execute(
            "SELECT flag_id, mark, note, version FROM triage WHERE story_key=? AND undone=0 "
            "ORDER BY flag_id, version", (story_key(story),)).fetchall()
        last = {fid: (mark, note) for fid, mark, note, _ in rows}
        return {fid: (mark, note) for fid, (mark, note) in last.items() if mark in MARKS}

    @_guarded
    def mutes(self, story: Story) -> list[Mute]:
        """The mutes in force for this story: its own and those for all stories, in the order
        they were made."""
        rows = self._db.execute(
            "SELECT scope, what, value, state, note, version, seq FROM triage_mutes "
            "WHERE scope IN (?, ?) AND undone=0 ORDER BY version", (story_key(story), ALL_STORIES)
        ).fetchall()
        last: dict[tuple, tuple] = {}
        for scope, what, value, state, note, _, seq in rows:
            last[(scope, what, value)] = (state, note, seq)
        found = [(seq, Mute(what, value, scope == ALL_STORIES, note))
                 for (scope, what, value), (state, note, seq) in last.items()
                 if state == MUTED and what in MUTE_WHAT]  # a row edited by hand is skipped
        return [mute for _, mute in sorted(found, key=lambda item: item[0])]

    def state(self, story: Story) -> tuple[dict[str, tuple[str, str]], list[Mute]]:
        return self.marks(story), self.mutes(story)


# ---------------------------------------------------------------- flags and their state

def link_flags(comparison):
    """(pair, index, flag, flag id) for every flag of every link, in the alignments' order."""
    from compare.analyze.story import reading_order
    from compare.model import LinkAnalysis

    story = comparison.story
    for pair, alignment in comparison.alignments.items():
        analyses = comparison.analyses.get(pair, ())
        orig, trans = reading_order(story, *pair)
        for index, link in enumerate(alignment.links):
            analysis = analyses[index] if index < len(analyses) else LinkAnalysis("none")
            ids = {pair[0]: link.src, pair[1]: link.tgt}
            texts = tuple(" ".join(story.documents[lang].segments[i].text for i in ids[lang]
                                   if i < len(story.documents[lang].segments)) for lang in (orig, trans))
            for flag in analysis.flags:
                yield pair, index, flag, flag_id(flag, *texts)


def row_flags(comparison, row_number: int):
    """(pair, link index, flag, flag id) of the flags of one three-way row (the app's row N), for
    per-row actions such as "dismiss this flag" (TriageStore.mark with the id)."""
    if not 0 <= row_number < len(comparison.rows):
        return []
    wanted = {(pair, index) for pair, indices in comparison.rows[row_number].links.items()
              for index in indices}
    return [entry for entry in link_flags(comparison) if (entry[0], entry[1]) in wanted]


def flag_state(flag: Flag, fid: str, marks: Mapping[str, tuple[str, str]],
               mutes: Iterable[Mute] = ()) -> tuple[str, str] | None:
    """(mark, note) of a flag: its own mark first, else the first mute that matches it
    (("muted", what the mute is)); None for a flag that stands."""
    if fid in marks:
        return marks[fid]
    for mute in mutes:
        if mute.matches(flag):
            return MUTED, mute.describe()
    return None


def _verdict(flags) -> str:
    kinds = {f.kind for f in flags if f.kind in FORCE_KINDS}
    return "mixed" if len(kinds) > 1 else (kinds.pop() if kinds else "none")


def apply_triage(comparison, marks: Mapping[str, tuple[str, str]], mutes: Iterable[Mute] = ()):
    """The comparison without the marked and muted flags (so counts, verdicts, charts and order
    leave them out), and those apart: (pair, index) → [(flag, mark, note)], to be shown greyed
    (mark "muted" for a muted flag, its note naming the mute)."""
    mutes = list(mutes)
    if not marks and not mutes:
        return comparison, {}
    hidden: dict = {}
    gone: set[tuple] = set()
    for pair, index, flag, fid in link_flags(comparison):
        found = flag_state(flag, fid, marks, mutes)
        if found:
            hidden.setdefault((pair, index), []).append((flag, *found))
            gone.add((pair, index, id(flag)))
    if not gone:
        return comparison, {}
    analyses = {}
    for pair, items in comparison.analyses.items():
        new = []
        for index, analysis in enumerate(items):
            kept = tuple(f for f in analysis.flags if (pair, index, id(f)) not in gone)
            if len(kept) != len(analysis.flags):
                analysis = replace(analysis, flags=kept, verdict=_verdict(kept))
            new.append(analysis)
        analyses[pair] = tuple(new)
    return replace(comparison, analyses=analyses), hidden


def apply_marks(comparison, marks: Mapping[str, tuple[str, str]]):
    """apply_triage with marks only (kept for its callers)."""
    return apply_triage(comparison, marks)


def annotate(comparison, marks: Mapping[str, tuple[str, str]], mutes: Iterable[Mute] = ()):
    """The comparison with every flag kept and carrying its triage state, for exports: flag
    id in triage_id, and for a marked or muted flag its mark (false_alarm, checked, muted) in
    triage and the note in triage_note. A flag that already carries a state (read from an
    export) keeps it unless the store has one for it."""
    mutes = list(mutes)
    states: dict[tuple, Flag] = {}
    for pair, index, flag, fid in link_flags(comparison):
        found = flag_state(flag, fid, marks, mutes)
        mark, note = found if found else (flag.triage, flag.triage_note)
        states[(pair, index, id(flag))] = replace(flag, triage=mark, triage_note=note,
                                                  triage_id=fid)
    analyses = {pair: tuple(replace(a, flags=tuple(states.get((pair, i, id(f)), f) for f in a.flags))
                            if a.flags else a for i, a in enumerate(items))
                for pair, items in comparison.analyses.items()}
    return replace(comparison, analyses=analyses)


def with_store(comparison, path: str | Path | None = None):
    """annotate() with the marks and mutes saved for the comparison's story, and "" — or the
    comparison as it is when nothing is saved for it (an untriaged story exports as it always
    did), or as it is plus the store's one-line problem when the store cannot be read. No store
    file is made where there is none."""
    where = Path(path) if path else default_store_path()
    if not where.is_file():
        return comparison, ""
    try:
        store = TriageStore(where)
        try:
            marks, mutes = store.state(comparison.story)
        finally:
            store.close()
    except InputError as error:
        return comparison, str(error)
    if not marks and not mutes:
        return comparison, ""
    return annotate(comparison, marks, mutes), ""
