"""Embedded SQLite store of the user's corrections, so a story opens as they left it.

What is stored per story is its state: per language pair, the links the user confirmed
(merged, split, moved or ticked); re-aligning with them as fixed anchors reproduces the rest.
A story is keyed by its id and a hash of its texts: corrections made on other texts are never
applied to changed ones.

Every change, undo and redo is a new version holding the whole state, numbered by the database
inside one write transaction (BEGIN IMMEDIATE), so concurrent sessions never lose a change and
an undo never deletes anything another session is looking at. A change is applied to the state
current at the moment of saving (not to the one the user's page was built from), after the
whole new state has been checked (corrections.check): what the aligner would refuse is never
saved.

Each confirmed link keeps the texts of its sentences and the segmenter's version: when the
sentence splitting changes, links are found again by their text; one that cannot be found
exactly is dropped with a note naming it, never re-applied to other sentences. Rows of the
first schema (no texts, made by segmenter "1") are set aside, listed, and applied again only
when the user asks.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

from compare.model import InputError, Link, Story

STORE_ENV = "WIRE_COMPARE_STORE"
SCHEMA_VERSION = 3  # 3: the triage tables (compare.triage) and their undo order
OLD_SEGMENTER = "1"  # what the rows of the first schema were made with

Pair = tuple[str, str]
State = dict[Pair, list[Link]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_versions (
    story_key TEXT NOT NULL,
    version INTEGER NOT NULL,    -- 1, 2, 3 … per story; the highest is current
    op TEXT NOT NULL,            -- change / undo / redo
    action TEXT NOT NULL,        -- what the user did, shown in the history
    state TEXT NOT NULL,         -- JSON: {"en-ru": [{"src": [..], "tgt": [..], "texts": {..}}]}
    segmenter TEXT NOT NULL,     -- compare.segment.SEGMENTER_VERSION the ids refer to
    equiv INTEGER NOT NULL,      -- the change whose state this is (0: no corrections)
    prev INTEGER NOT NULL,       -- a change: the change it was made on (what undo returns to)
    redo TEXT NOT NULL,          -- JSON list of changes redo returns to, the last one first
    created REAL NOT NULL,
    PRIMARY KEY (story_key, version)
);
"""
_OLD_TABLE = "corrections"  # schema 1: (story_key, pair, version, action, links, created)

# Flag triage (compare.triage). Marks and mutes are rows, one per change; the highest live
# version of a flag (or of a mute) is in force. `seq` orders every triage change of the file,
# so that undo takes back a story's latest one (mark or mute); `undone` is 0 for a live row,
# else the seq of the undo that took it back (redo brings back the latest undone first).
_TRIAGE_SCHEMA = """
CREATE TABLE IF NOT EXISTS triage (
    story_key TEXT NOT NULL,
    flag_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    mark TEXT NOT NULL,           -- false_alarm | checked | cleared
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    undone INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (story_key, flag_id, version)
);
CREATE TABLE IF NOT EXISTS triage_mutes (
    scope TEXT NOT NULL,          -- a story key, or '*': every story
    what TEXT NOT NULL,           -- kind | term
    value TEXT NOT NULL,          -- the flag kind, or the term as written
    version INTEGER NOT NULL,
    state TEXT NOT NULL,          -- muted | unmuted
    note TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,         -- the story it was done from: whose undo takes it back
    created REAL NOT NULL,
    seq INTEGER NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, what, value, version)
);
"""


def default_store_path() -> Path:
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("wire-compare")) / "corrections.sqlite"


def story_key(story: Story) -> str:
    digest = hashlib.sha256()
    for lang in story.langs:
        digest.update(lang.encode())
        digest.update(story.documents[lang].text.encode("utf-8"))
    return f"{story.id}:{digest.hexdigest()[:16]}"


def _segmenter_version() -> str:
    from compare.segment import SEGMENTER_VERSION

    return SEGMENTER_VERSION


def _confirmed(src, tgt, role: str = "") -> Link:
    return Link(src=tuple(src), tgt=tuple(tgt), confidence=1.0, signals={"user": 1.0},
                status="confirmed", role=role)


@dataclass(frozen=True)
class Saved:
    """A story's saved corrections as they apply to the story segmented as it is now."""

    version: int = 0  # 0: nothing saved
    confirmed: Mapping[Pair, list[Link]] = field(default_factory=dict)
    set_aside: Mapping[Pair, list[Link]] = field(default_factory=dict)  # listed, not applied
    notes: tuple[str, ...] = ()
    undo: str = ""  # what undo would take back ("" = nothing to undo)
    redo: str = ""
    history: tuple[tuple[int, str, str, float], ...] = ()  # (version, op, action, time), newest first


def _guarded(method):
    """Any SQLite failure (a damaged page, a full disk, a lock held too long) is one line
    naming the store, never a traceback."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            with self._lock:
                return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise InputError(f"{self.path}: the corrections store failed ({error})") from None
    return run


class CorrectionStore:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_store_path()
        self.read_only = False
        self._lock = threading.RLock()  # one connection may serve several sessions' threads
        try:
            self._db = self._open()
        except (sqlite3.DatabaseError, OSError) as error:
            raise InputError(f"{self.path}: the corrections store cannot be opened ({error}); "
                             f"move it aside or set {STORE_ENV} to another file") from None

    def _open(self) -> sqlite3.Connection:
        if not (self.path.is_file() and not _writable(self.path)):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                 check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode=WAL")  # the app and the CLI may share it
                _migrate(db)
                return db
            except sqlite3.OperationalError as error:
                db.close()
                if "readonly" not in str(error).lower():
                    raise
        # a read-only file or folder: read a copy in memory; saving is refused
        source = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            source.backup(db)
        finally:
            source.close()
        _migrate(db)
        self.read_only = True
        return db

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------ reading

    @_guarded
    def load(self, story: Story) -> Saved:
        key = story_key(story)
        current = self._current(key)
        if current is None:
            return Saved()
        confirmed, set_aside, notes = _applicable(story, current)
        undo = redo = ""
        if current["equiv"]:
            undo = self._action(key, current["equiv"])
        if current["redo"]:
            redo = self._action(key, current["redo"][-1])
        history = tuple(self._db.execute(
            "SELECT version, op, action, created FROM story_versions WHERE story_key=? "
            "ORDER BY version DESC", (key,)).fetchall())
        return Saved(current["version"], confirmed, set_aside, tuple(notes), undo, redo, history)

    def confirmed(self, story: Story, pair: Pair) -> list[Link]:
        """The links the user confirmed for this pair (empty when none)."""
        return list(self.load(story).confirmed.get(tuple(pair), []))

    def all_confirmed(self, story: Story) -> dict[Pair, list[Link]]:
        return {pair: list(links) for pair, links in self.load(story).confirmed.items() if links}

    def history(self, story: Story) -> list[tuple[int, str, str, float]]:
        """(version, op, action, time) of every change, undo and redo of this story, newest first."""
        return list(self.load(story).history)

    # ------------------------------------------------------------ writing

    def change(self, story: Story, pair: Pair, operation: Callable[[list[Link]], list[Link]],
               action: str, check: Callable[[State], State] | None = None) -> int:
        """Apply `operation` (current confirmed links of `pair` → new ones) to the state current
        when it is saved, check the whole new state (default: corrections.check on the pair)
        and save it as a new version; returns the version. InputError, nothing saved, when the
        check refuses it."""
        pair = tuple(pair)

        def make(saved: Saved) -> State:
            state = {p: list(links) for p, links in saved.confirmed.items()}
            state[pair] = list(operation(list(state.get(pair, []))))
            return state

        return self.replace_state(story, make, action, check or functools.partial(
            _check_pairs, story, [pair]))

    def save(self, story: Story, pair: Pair, links: Sequence[Link], action: str,
             check: Callable[[State], State] | None = None) -> int:
        """Set the confirmed links of one pair (checked like change)."""
        return self.change(story, pair, lambda _: list(links), action, check)

    def replace_state(self, story: Story, make: Callable[[Saved], State], action: str,
                      check: Callable[[State], State] | None = None) -> int:
        """A new version with the state make(current saved) once check (default: every pair
        through corrections.check) accepts it."""
        check = check or (lambda state: _check_pairs(story, list(state), state))
        return self._write(story, lambda saved: (check(make(saved)), {
            "op": "change", "action": action, "redo": []}))

    def apply_set_aside(self, story: Story, check: Callable[[State], State] | None = None) -> int:
        """Apply again the confirmations set aside (made on an older segmentation), checked."""
        def make(saved: Saved) -> State:
            state = {p: list(links) for p, links in saved.confirmed.items()}
            for pair, links in saved.set_aside.items():
                state[pair] = state.get(pair, []) + list(links)
            return state
        return self.replace_state(story, make, "apply again the confirmations set aside", check)

    def undo(self, story: Story, expect: int | None = None) -> str | None:
        """Return the story to the state before its latest change, as a new version; returns
        what was undone, or None when there is nothing to undo. `expect`: the version the user
        is looking at — when another session has moved on since, InputError and nothing done."""
        undone: list[str] = []

        def new_state(saved: Saved) -> tuple[State, dict] | None:
            row = self._row(story_key(story), saved.version)
            if not row or not row["equiv"]:
                return None
            change = self._row(story_key(story), row["equiv"])
            target = self._row(story_key(story), change["prev"]) if change["prev"] else None
            undone[:] = [change["action"]]
            return {}, {"op": "undo", "action": f"undo: {change['action']}",
                           "equiv": change["prev"], "redo": row["redo"] + [row["equiv"]],
                           "raw": target}

        return undone[0] if self._write(story, new_state, expect) else None

    def redo(self, story: Story, expect: int | None = None) -> str | None:
        """Take back the latest undo (as a new version); returns what was redone, or None."""
        redone: list[str] = []

        def new_state(saved: Saved) -> tuple[State, dict] | None:
            row = self._row(story_key(story), saved.version)
            if not row or not row["redo"]:
                return None
            target = self._row(story_key(story), row["redo"][-1])
            redone[:] = [target["action"]]
            return {}, {
                "op": "redo", "action": f"redo: {target['action']}", "equiv": target["version"],
                "redo": row["redo"][:-1], "raw": target}

        return redone[0] if self._write(story, new_state, expect) else None

    def discard(self, story: Story, action: str = "discard all corrections") -> int:
        """A new version without any confirmation; undo brings them back."""
        return self._write(story, lambda saved: ({}, {"op": "change", "action": action, "redo": []}))

    def discard_set_aside(self, story: Story) -> int:
        """A new version with what applies now and without the confirmations set aside."""
        return self._write(story, lambda saved: (dict(saved.confirmed), {
            "op": "change", "action": "discard the confirmations set aside", "redo": []}))

    # ------------------------------------------------------------ the one write path

    def _write(self, story: Story, new_state, expect: int | None = None, tries: int = 50) -> int:
        """new_state(saved) → (state, fields) or None (nothing to do). Computed outside the lock
        (a check runs the aligner), saved only if no other session wrote in between, else
        computed again on what that session saved."""
        if self.read_only:
            raise InputError(f"{self.path}: the corrections store is read-only; corrections "
                             f"cannot be saved (set {STORE_ENV} to a writable file)")
        for _ in range(tries):
            saved = self.load(story)
            if expect is not None and saved.version != expect:
                raise InputError(
                    f"this story was changed in another session (now version {saved.version}, "
                    f"you were looking at {expect}): look at it again before undoing or redoing")
            result = new_state(saved)
            if result is None:
                return 0
            version = self._insert(story_key(story), saved.version, story, *result)
            if version:
                return version
        raise InputError(f"{self.path}: too many sessions are saving corrections to this story "
                         "at once; try again")

    @_guarded
    def _insert(self, key: str, seen: int, story: Story, state: State, fields: dict) -> int:
        """Insert version seen+1 if the latest is still `seen` (0 if another session came first)."""
        raw = fields.get("raw", ())
        self._db.execute("BEGIN IMMEDIATE")
        try:
            (latest,) = self._db.execute(
                "SELECT COALESCE(MAX(version), 0) FROM story_versions WHERE story_key=?",
                (key,)).fetchone()
            if latest != seen:
                self._db.execute("ROLLBACK")
                return 0
            version = latest + 1
            if raw:
                # undo/redo: the state exactly as it was saved (texts, set-aside links and
                # all); it is remapped on reading like any other
                text, segmenter = raw["state_text"], raw["segmenter"]
            elif raw is None:  # undo to before the first change
                text, segmenter = "{}", _segmenter_version()
            else:
                text, segmenter = _state_to_json(story, state), _segmenter_version()
            current = self._row(key, latest)
            equiv = fields.get("equiv", version)
            if fields["op"] == "change":
                prev = current["equiv"] if current else 0
            else:
                prev = self._row(key, equiv)["prev"] if equiv else 0
            self._db.execute(
                "INSERT INTO story_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, version, fields["op"], fields["action"], text, segmenter, equiv, prev,
                 json.dumps(fields["redo"]), time.time()))
            self._db.execute("COMMIT")
            return version
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ rows

    @_guarded
    def _current(self, key: str) -> dict | None:
        row = self._db.execute(
            "SELECT version FROM story_versions WHERE story_key=? ORDER BY version DESC LIMIT 1",
            (key,)).fetchone()
        return self._row(key, row[0]) if row else None

    @_guarded
    def _row(self, key: str, version: int) -> dict | None:
        row = self._db.execute(
            "SELECT version, op, action, state, segmenter, equiv, prev, redo FROM story_versions "
            "WHERE story_key=? AND version=?", (key, version)).fetchone()
        if not row:
            return None
        names = ("version", "op", "action", "state_text", "segmenter", "equiv", "prev", "redo")
        found = dict(zip(names, row))
        found["redo"] = json.loads(found["redo"])
        return found

    def _action(self, key: str, version: int) -> str:
        row = self._row(key, version)
        return row["action"] if row else ""


def _check_pairs(story: Story, pairs, state: State) -> State:
    from compare import corrections

    checked = dict(state)
    for pair in pairs:
        checked[pair] = corrections.check(story, pair, state.get(pair, []))
    return {p: links for p, links in checked.items() if links}


def _writable(path: Path) -> bool:
    """SQLite in WAL mode writes beside the file (-wal, -shm): the folder must be writable too."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


# ---------------------------------------------------------------- the schema

def _migrate(db: sqlite3.Connection) -> None:
    """Schema 1 (one row per pair and version, links without texts) → 2 → 3 (the triage
    tables), once, in one write transaction; schema 1's table is left in place, untouched.
    A file of a newer schema is opened as it is (later schemas only add tables)."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version >= SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version < 2:
            db.execute(_SCHEMA)
            old = db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name=?",
                             (_OLD_TABLE,)).fetchone()
            if old:
                _copy_schema_1(db)
        if version < 3:
            _add_triage_tables(db)
        if version < SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _add_triage_tables(db: sqlite3.Connection) -> None:
    """Schema 3: the triage tables. A store of schema 2 may already hold the first triage table
    (marks without seq/undone, made before this schema): its rows are kept, numbered in the
    order they were saved, all live."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='triage'").fetchone()
    if exists:
        columns = {row[1] for row in db.execute("PRAGMA table_info(triage)")}
        for column in ("seq", "undone"):
            if column not in columns:
                db.execute(f"ALTER TABLE triage ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
        db.execute("UPDATE triage SET seq = rowid WHERE seq = 0")
    for statement in _TRIAGE_SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def _copy_schema_1(db: sqlite3.Connection) -> None:
    """Replay each story's rows of schema 1 (in the order they were saved) as its versions."""
    rows = db.execute(f"SELECT story_key, pair, action, links, created FROM {_OLD_TABLE} "
                      "ORDER BY story_key, created, version").fetchall()
    states: dict[str, dict] = {}
    numbers: dict[str, int] = {}
    for key, pair, action, links, created in rows:
        state = states.setdefault(key, {})
        try:
            state[pair] = [{"src": list(item["src"]), "tgt": list(item["tgt"])}
                           for item in json.loads(links)]
        except (ValueError, TypeError, KeyError):
            continue  # a row damaged by hand: not carried over
        number = numbers.get(key, 0) + 1
        numbers[key] = number
        db.execute("INSERT OR IGNORE INTO story_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (key, number, "change", action, json.dumps(state, ensure_ascii=False),
                    OLD_SEGMENTER, number, number - 1, "[]", created))


# ---------------------------------------------------------------- state ↔ JSON, remapping

def _state_to_json(story: Story, state: Mapping[Pair, Sequence[Link]]) -> str:
    out = {}
    for (src, tgt), links in state.items():
        if not links:
            continue
        items = []
        for link in links:
            texts = {"src": [story.documents[src].segments[i].text for i in link.src],
                     "tgt": [story.documents[tgt].segments[i].text for i in link.tgt]}
            item = {"src": list(link.src), "tgt": list(link.tgt), "texts": texts}
            if link.role == "moved":  # the one role a correction makes: kept out of order
                item["role"] = "moved"
            items.append(item)
        out[f"{src}-{tgt}"] = items
    return json.dumps(out, ensure_ascii=False)


def _applicable(story: Story, row: Mapping | None) -> tuple[State, State, list[str]]:
    """(confirmed links that apply to the story as segmented now, links set aside, notes)."""
    if row is None:
        return {}, {}, []
    from compare.corrections import check

    try:
        saved = json.loads(row["state_text"])
        assert isinstance(saved, dict)
    except (ValueError, AssertionError):
        return {}, {}, [f"the saved corrections (version {row['version']}) cannot be read; "
                        "the story opens without them"]
    current = _segmenter_version()
    confirmed: State = {}
    set_aside: State = {}
    notes: list[str] = []
    for pair_text, items in saved.items():
        pair = tuple(pair_text.split("-"))
        if len(pair) != 2 or not all(lang in story.documents for lang in pair):
            continue
        docs = [story.documents[lang].segments for lang in pair]
        kept, aside, remapped = [], [], False
        for item in items if isinstance(items, list) else []:
            try:
                link, note, as_saved = _remap(pair, docs, item, row["segmenter"] == current)
            except (KeyError, TypeError, ValueError, AttributeError):
                notes.append(f"{pair[0]}↔{pair[1]}: a saved confirmation cannot be read; it was "
                             "dropped")
                continue
            if note:
                notes.append(note)
                remapped = True
            if link is not None:
                (kept if not as_saved else aside).append(link)
        if kept and remapped:
            try:  # links found again by their text must still make a set the aligner can take
                check(story, pair, kept, align=False)
            except InputError as error:
                notes.append(f"{error}; these confirmations were set aside")
                aside, kept = aside + kept, []
        if kept:
            confirmed[pair] = kept
        if aside:
            set_aside[pair] = aside
    if set_aside:
        count = sum(len(links) for links in set_aside.values())
        from compare.corrections import name_link

        named = "; ".join(f"{name_link(pair, link)}" for pair, links in set_aside.items()
                          for link in links[:6])
        why = (" saved by an older version of the app, before the sentence splitting changed,"
               if row["segmenter"] != current else "")
        notes.append(f"{count} confirmation(s){why} were set aside, not applied: {named}"
                     f"{' …' if count > 6 * len(set_aside) else ''}. Apply them again if they "
                     "still look right, or discard them")
    return confirmed, set_aside, notes


def _remap(pair: Pair, docs, item: Mapping, same_segmenter: bool) -> tuple[Link | None, str, bool]:
    """(the link on the story's sentences now or None, a note, set aside?) for one saved link."""
    from compare.corrections import name_link

    ids = (tuple(int(i) for i in item["src"]), tuple(int(i) for i in item["tgt"]))
    role = "moved" if item.get("role") == "moved" else ""
    old = _confirmed(*ids, role=role)
    where = f"{pair[0]}↔{pair[1]}: the confirmation {name_link(pair, old)}"
    texts = item.get("texts")
    if not texts:  # schema 1: ids only, trusted only on the segmentation they were made on
        if same_segmenter and _in_range(docs, ids):
            return old, "", False
        return old, "", True
    sides = [[str(t) for t in texts.get(side, [])] for side in ("src", "tgt")]
    found = tuple(_find_side(docs[n], ids[n], sides[n]) for n in (0, 1))
    quoted = _clip(" ".join(sides[0] or sides[1]))
    if None in found:
        return None, (f"{where} (“{quoted}”) no longer matches the story's sentences (the "
                      "sentence splitting changed); it was dropped"), False
    if any(docs[n][i].kind == "meta" for n in (0, 1) for i in found[n]):
        return None, (f"{where} (“{quoted}”) holds a line now read as a meta line (page "
                      "furniture, not aligned); it was dropped"), False
    if found != ids:
        return _confirmed(*found, role=role), (f"{where} is now {name_link(pair, _confirmed(*found))} (the "
                                    "sentence splitting changed; found again by its text)"), False
    return old, "", False


def _in_range(docs, ids) -> bool:
    return all(0 <= i < len(docs[n]) for n in (0, 1) for i in ids[n])


_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _find_side(segments, ids: tuple[int, ...], texts: Sequence[str]) -> tuple[int, ...] | None:
    """The ids of the consecutive sentences that hold exactly `texts` (whitespace aside), the
    run nearest the old ids when the same text occurs twice; None when there is none."""
    if not texts:
        return () if not ids else None
    if all(0 <= i < len(segments) for i in ids) and [segments[i].text for i in ids] == list(texts):
        return ids
    target = _squash("".join(texts))
    runs = []
    for start in range(len(segments)):
        joined = ""
        for end in range(start, len(segments)):
            joined += _squash(segments[end].text)
            if joined == target:
                runs.append(tuple(range(start, end + 1)))
            if len(joined) >= len(target) or not target.startswith(joined):
                break
    return min(runs, key=lambda run: abs(run[0] - (ids[0] if ids else 0)), default=None)


def _clip(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
