"""Translation cache: embedded SQLite, so that a story translated once is never translated again.

Key: engine, model id, model revision, the options that change the output, the direction and
the source text (hashed together). WAL journal and a busy timeout make it safe for several
processes at once (the app and a CLI run, say). Where: the path given, else
$WIRE_COMPARE_MT_CACHE, else `cache` in the config file, else
<user data dir>/wire-compare/translations.sqlite.

A damaged cache file is moved aside (never deleted: it is the user's data) and a new one is
started; a cache that cannot be written at all is switched off. Both are reported in
`notices`, and translation goes on either way.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from compare.model import Translation

CACHE_ENV = "WIRE_COMPARE_MT_CACHE"
log = logging.getLogger(__name__)
SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    revision TEXT NOT NULL,
    options TEXT NOT NULL,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL
)"""


def default_path(config_path: str | Path | None = None) -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    from compare.translate import config

    configured = config.general_setting("cache", config_path)
    if configured:
        return Path(configured).expanduser()
    return config.user_dir("data") / "translations.sqlite"


def cache_key(engine: str, model: str, revision: str, options: Mapping[str, str],
              src_lang: str, tgt_lang: str, source: str) -> str:
    identity = json.dumps([engine, model, revision, sorted(options.items()), src_lang,
                           tgt_lang, source], ensure_ascii=False)
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


class TranslationCache:
    def __init__(self, path: str | Path | None = None, *, config_path: str | Path | None = None):
        self.path = Path(path).expanduser() if path else default_path(config_path)
        self.notices: list[str] = []
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._disabled = False
        self._open()

    @property
    def enabled(self) -> bool:
        return not self._disabled

    # -------------------------------------------------------------- opening and recovery

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = self._connect()
        except sqlite3.DatabaseError as error:
            self._recover(error)
        except OSError as error:
            self._disable(f"cannot create it ({error.strerror})")

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False,
                                     isolation_level=None)
        try:
            connection.execute("PRAGMA busy_timeout = 30000")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute(SCHEMA)
            connection.execute("SELECT COUNT(*) FROM translations WHERE key = ''").fetchone()
        except BaseException:
            connection.close()
            raise
        return connection

    def _recover(self, error: Exception) -> None:
        """Move the damaged file (and its WAL side files) aside and start a new cache."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        moved = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{moved}{suffix}"))
            self._connection = self._connect()
        except (OSError, sqlite3.DatabaseError) as again:
            self._disable(f"it is damaged ({error}) and could not be replaced ({again})")
            return
        self._notice(f"translation cache {self.path} was damaged ({error}); moved it to "
                     f"{moved} and started a new one")

    def _notice(self, message: str) -> None:
        """Kept for the caller to show, and logged, so that it is never silent."""
        self.notices.append(message)
        log.warning(message)

    def _disable(self, why: str) -> None:
        self._disabled = True
        self._connection = None
        self._notice(f"translation cache {self.path} is off: {why}; translating without it")

    def _run(self, action):
        """Run a database action; a damaged file met mid-way is recovered once."""
        if self._disabled or self._connection is None:
            return None
        with self._lock:
            try:
                return action(self._connection)
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    self._notice(f"translation cache {self.path} is busy; skipped")
                    return None
                if "readonly" in str(error) or "read-only" in str(error):
                    self._disable("it is read-only")
                    return None
                self._recover(error)
            except sqlite3.DatabaseError as error:
                self._recover(error)
            if self._disabled or self._connection is None:
                return None
            try:
                return action(self._connection)
            except sqlite3.DatabaseError as error:
                self._disable(str(error))
                return None

    # -------------------------------------------------------------- reading and writing

    def get_many(self, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        """key → (target text, note) for the keys that are cached."""
        unique = list(dict.fromkeys(keys))

        def read(connection: sqlite3.Connection) -> dict[str, tuple[str, str]]:
            found: dict[str, tuple[str, str]] = {}
            for start in range(0, len(unique), 500):  # SQLite caps bound parameters
                chunk = unique[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, target, note in connection.execute(
                        f"SELECT key, target, note FROM translations WHERE key IN ({marks})",
                        chunk):
                    found[key] = (target, note)
            return found

        return self._run(read) or {}

    def put_many(self, items: Iterable[tuple[str, str, Translation]]) -> None:
        """Store (key, source text, translation) rows; failed translations are not stored,
        so that they are tried again next time."""
        rows = [(key, t.engine, t.model, t.options.get("revision", ""),
                 json.dumps(dict(t.options), ensure_ascii=False, sort_keys=True),
                 t.src_lang, t.tgt_lang, source, t.text, t.note, time.time())
                for key, source, t in items if not t.failed]
        if not rows:
            return

        def write(connection: sqlite3.Connection) -> None:
            with connection:  # one transaction
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(
                    "INSERT OR REPLACE INTO translations (key, engine, model, revision, "
                    "options, src_lang, tgt_lang, source, target, note, created) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

        self._run(write)

    def count(self) -> int:
        return self._run(lambda c: c.execute("SELECT COUNT(*) FROM translations").fetchone()[0]) or 0

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> "TranslationCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
