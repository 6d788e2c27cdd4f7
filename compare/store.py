"""Embedded SQLite store of the user's corrections, so a story opens as they left it.

What is stored per story and language pair is the list of links the user confirmed (merged,
split, moved or ticked): re-aligning with them as fixed anchors reproduces the rest. Every
change is a new version, so the last one can be undone. A story is keyed by its id and a hash
of its texts: corrections made on other texts are never applied to changed ones.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Sequence

from compare.model import InputError, Link, Story

STORE_ENV = "WIRE_COMPARE_STORE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    story_key TEXT NOT NULL,
    pair TEXT NOT NULL,          -- "en-ru"
    version INTEGER NOT NULL,    -- 1, 2, 3 … ; the highest is current
    action TEXT NOT NULL,        -- what the user did, shown in the history
    links TEXT NOT NULL,         -- JSON list of confirmed links
    created REAL NOT NULL,
    PRIMARY KEY (story_key, pair, version)
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


def _links_to_json(links: Sequence[Link]) -> str:
    return json.dumps([{"src": list(link.src), "tgt": list(link.tgt)} for link in links])


def _links_from_json(text: str) -> list[Link]:
    return [Link(src=tuple(item["src"]), tgt=tuple(item["tgt"]), confidence=1.0,
                 signals={"user": 1.0}, status="confirmed") for item in json.loads(text)]


class CorrectionStore:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")  # the app and the CLI may share it
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path}: the corrections store cannot be opened ({error}); "
                             f"move it aside or set {STORE_ENV} to another file") from None

    def close(self) -> None:
        self._db.close()

    def confirmed(self, story: Story, pair: tuple[str, str]) -> list[Link]:
        """The links the user confirmed for this pair (empty when none)."""
        row = self._db.execute(
            "SELECT links FROM corrections WHERE story_key=? AND pair=? "
            "ORDER BY version DESC LIMIT 1", (story_key(story), "-".join(pair))).fetchone()
        return _links_from_json(row[0]) if row else []

    def all_confirmed(self, story: Story) -> dict[tuple[str, str], list[Link]]:
        pairs = self._db.execute("SELECT DISTINCT pair FROM corrections WHERE story_key=?",
                                 (story_key(story),)).fetchall()
        found = {}
        for (pair_text,) in pairs:
            pair = tuple(pair_text.split("-"))
            links = self.confirmed(story, pair)
            if links:
                found[pair] = links
        return found

    def save(self, story: Story, pair: tuple[str, str], links: Sequence[Link], action: str) -> None:
        key, pair_text = story_key(story), "-".join(pair)
        with self._db:
            (current,) = self._db.execute(
                "SELECT COALESCE(MAX(version), 0) FROM corrections WHERE story_key=? AND pair=?",
                (key, pair_text)).fetchone()
            self._db.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?)",
                             (key, pair_text, current + 1, action, _links_to_json(links), time.time()))

    def undo(self, story: Story, pair: tuple[str, str]) -> str | None:
        """Drop the latest change of this pair; returns what it was, or None if nothing to undo."""
        key, pair_text = story_key(story), "-".join(pair)
        with self._db:
            row = self._db.execute(
                "SELECT version, action FROM corrections WHERE story_key=? AND pair=? "
                "ORDER BY version DESC LIMIT 1", (key, pair_text)).fetchone()
            if not row:
                return None
            self._db.execute("DELETE FROM corrections WHERE story_key=? AND pair=? AND version=?",
                             (key, pair_text, row[0]))
            return row[1]

    def history(self, story: Story) -> list[tuple[str, int, str, float]]:
        """(pair, version, action, time) of every change to this story, newest first."""
        return self._db.execute(
            "SELECT pair, version, action, created FROM corrections WHERE story_key=? "
            "ORDER BY created DESC, version DESC", (story_key(story),)).fetchall()
