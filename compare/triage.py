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


FORCE_KINDS = ("softened", "sharpened")


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


def apply_marks(comparison, marks: dict[str, tuple[str, str]]):
    """The comparison without the marked flags (so counts, verdicts and order leave them out),
    and the marked ones apart: (pair, index) → [(flag, mark, note)], to be shown greyed."""
    from dataclasses import replace

    if not marks:
        return comparison, {}
    hidden: dict = {}
    gone: set[tuple] = set()
    for pair, index, flag, fid in link_flags(comparison):
        if fid in marks:
            hidden.setdefault((pair, index), []).append((flag, *marks[fid]))
            gone.add((pair, index, id(flag)))
    if not gone:
        return comparison, {}
    analyses = {}
    for pair, items in comparison.analyses.items():
        new = []
        for index, analysis in enumerate(items):
            kept = tuple(f for f in analysis.flags if (pair, index, id(f)) not in gone)
            if len(kept) != len(analysis.flags):
                kinds = {f.kind for f in kept if f.kind in FORCE_KINDS}
                verdict = "mixed" if len(kinds) > 1 else (kinds.pop() if kinds else "none")
                analysis = replace(analysis, flags=kept, verdict=verdict)
            new.append(analysis)
        analyses[pair] = tuple(new)
    return replace(comparison, analyses=analyses), hidden
