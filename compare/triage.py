"""Triage marks on flags: "false alarm" or "checked" (with a note), kept per story text.

A flag is known again by what it says, not where it sits: its kind, rule and terms and the
texts of its link's two sides (`flag_id`). Re-aligning a story keeps the id of every flag whose
link still holds the same sentences, so a mark survives a re-alignment and is dropped only when
the texts it was about change. Marks live in their own table of the corrections store's SQLite
file (compare.store's path, WIRE_COMPARE_STORE), keyed like corrections by the story's id and a
hash of its texts. Every change is a new row, so a mark can be undone back to the one before.
"""
from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

from compare.model import Flag, InputError, Story
from compare.store import STORE_ENV, default_store_path, story_key

MARKS = ("false_alarm", "checked")
CLEARED = "cleared"  # a row that takes a mark back

_SCHEMA = """
CREATE TABLE IF NOT EXISTS triage (
    story_key TEXT NOT NULL,
    flag_id TEXT NOT NULL,
    version INTEGER NOT NULL,     -- 1, 2, 3 … ; the highest is current
    mark TEXT NOT NULL,           -- false_alarm | checked | cleared
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    PRIMARY KEY (story_key, flag_id, version)
);
"""


def _fold(text: str) -> str:
    return " ".join(text.split()).lower()


def flag_id(flag: Flag, original_text: str, translation_text: str) -> str:
    """A short stable id of a flag: kind, rule, terms and its link's texts (whitespace and case
    folded), so the same flag on the same sentences has the same id after a re-alignment."""
    parts = (flag.kind, flag.rule, flag.source_term, flag.target_term,
             _fold(original_text), _fold(translation_text))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


class TriageStore:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path}: the store cannot be opened for triage marks ({error}); "
                             f"move it aside or set {STORE_ENV} to another file") from None

    def close(self) -> None:
        self._db.close()

    def _version(self, key: str, fid: str) -> int:
        row = self._db.execute("SELECT MAX(version) FROM triage WHERE story_key=? AND flag_id=?",
                               (key, fid)).fetchone()
        return row[0] or 0

    def mark(self, story: Story, fid: str, mark: str, note: str = "") -> None:
        if mark not in MARKS:
            raise InputError(f"unknown triage mark {mark!r} (expected one of: {', '.join(MARKS)})")
        self._write(story_key(story), fid, mark, note)

    def clear(self, story: Story, fid: str) -> None:
        """Take the flag's mark back (it shows again, as new)."""
        self._write(story_key(story), fid, CLEARED, "")

    def _write(self, key: str, fid: str, mark: str, note: str) -> None:
        with self._db:
            self._db.execute("INSERT INTO triage VALUES (?, ?, ?, ?, ?, ?)",
                             (key, fid, self._version(key, fid) + 1, mark, note, time.time()))

    def undo(self, story: Story, fid: str) -> str | None:
        """Drop the flag's last change; returns the mark now in force (None: unmarked)."""
        key = story_key(story)
        version = self._version(key, fid)
        if version:
            with self._db:
                self._db.execute("DELETE FROM triage WHERE story_key=? AND flag_id=? AND version=?",
                                 (key, fid, version))
        return self.marks(story).get(fid, (None, ""))[0]

    def marks(self, story: Story) -> dict[str, tuple[str, str]]:
        """flag id → (mark, note) for every flag of the story that carries one now."""
        rows = self._db.execute(
            "SELECT t.flag_id, t.mark, t.note FROM triage t JOIN ("
            " SELECT flag_id, MAX(version) AS v FROM triage WHERE story_key=? GROUP BY flag_id"
            ") last ON t.flag_id = last.flag_id AND t.version = last.v WHERE t.story_key=?",
            (story_key(story), story_key(story))).fetchall()
        return {fid: (mark, note) for fid, mark, note in rows if mark != CLEARED}
