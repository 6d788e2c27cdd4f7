"""Translation cache: embedded SQLite, so that a story translated once is never translated again.

Key: engine, model id, model revision, the options that change the output, the direction and
the source text (hashed together). WAL journal and a busy timeout make it safe for several
processes at once (the app and a CLI run, say). Where: the path given, else
$WIRE_COMPARE_MT_CACHE, else `cache` in the config file, else
<user data dir>/wire-compare/translations.sqlite.

A damaged cache file (SQLite says corrupt or "not a database") is moved aside (never deleted: it
is the user's data) and a new one is started. Nothing else counts as damage: on a full disk a
write is skipped and the cache kept; on read-only media the cache is read and never written; a
cache that cannot be opened at all is switched off. Each is reported in `notices`, and
translation goes on either way.
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
        self._read_only = False
        self._told: set[str] = set()
        self._open()

    @property
    def enabled(self) -> bool:
        return not self._disabled

    @property
    def read_only(self) -> bool:
        return self._read_only

    # -------------------------------------------------------------- opening and recovery

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._disable(f"cannot create it ({error.strerror})")
            return
        if self.path.exists() and not _writable(self.path):
            self._open_read_only("the file or its folder is read-only")
            return
        try:
            self._connection = self._connect()
        except sqlite3.DatabaseError as error:
            kind = error_kind(error)
            if kind == "corrupt":
                self._recover(error)
            elif kind != "busy" and self.path.exists():
                # A full disk, read-only media, an I/O error: the file may well be healthy, and
                # it is the user's; read it as it is rather than call it damaged.
                self._open_read_only(_why(kind, error))
            else:
                self._disable(_why(kind, error))
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

    def _open_read_only(self, why: str) -> None:
        """Read the cache without writing to it (no journal, no side files where possible)."""
        from urllib.parse import quote

        uri = f"file:{quote(str(self.path.resolve()))}"
        last: Exception | None = None
        # mode=ro still needs the WAL's -shm side file; immutable=1 reads media nothing may
        # change (a CD, a read-only mount) without one.
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                connection = sqlite3.connect(uri + query, uri=True, timeout=30,
                                             check_same_thread=False, isolation_level=None)
                try:
                    connection.execute("SELECT COUNT(*) FROM translations WHERE key = ''")
                except BaseException:
                    connection.close()
                    raise
            except sqlite3.DatabaseError as error:
                last = error
                if error_kind(error) == "corrupt":
                    break
                continue
            self._connection = connection
            self._read_only = True
            self._notice(f"translation cache {self.path} is read-only ({why}); cached "
                         "translations are used, new ones are not stored")
            return
        if last is not None and error_kind(last) == "corrupt":
            self._disable(f"it cannot be read ({last}) and cannot be moved aside ({why}); "
                          "left as it is")
        else:
            self._disable(f"{why}, and it cannot be read ({last})")

    def _recover(self, error: Exception) -> None:
        """Move the damaged file (and its WAL side files) aside and start a new cache. Only
        for real corruption (error_kind 'corrupt'): never for a full disk or read-only media."""
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

    def _notice_once(self, kind: str, message: str) -> None:
        if kind not in self._told:
            self._told.add(kind)
            self._notice(message)

    def _disable(self, why: str) -> None:
        self._disabled = True
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._notice(f"translation cache {self.path} is off: {why}; translating without it")

    def _run(self, action, *, writes: bool = False):
        """Run a database action. Real corruption met mid-way is recovered once; a full disk
        or an I/O error skips this action and keeps the cache; read-only media stays read."""
        if self._disabled or self._connection is None or (writes and self._read_only):
            return None
        with self._lock:
            for attempt in (1, 2):
                try:
                    return action(self._connection)
                except sqlite3.DatabaseError as error:
                    kind = error_kind(error)
                    if kind == "corrupt" and attempt == 1 and not self._read_only:
                        self._recover(error)
                        if self._disabled or self._connection is None:
                            return None
                        continue
                    if kind == "corrupt":
                        self._disable(str(error))
                    elif kind == "readonly":
                        self._read_only = True
                        self._notice_once(kind, f"translation cache {self.path} is read-only "
                                          f"({error}); new translations are not stored")
                    elif kind == "busy":
                        self._notice(f"translation cache {self.path} is busy; skipped")
                    else:
                        self._notice_once(kind, f"translation cache {self.path}: "
                                          f"{_why(kind, error)}; "
                                          f"{'this write' if writes else 'this read'} skipped, "
                                          "the cache is kept")
                    return None
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

        self._run(write, writes=True)

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


# SQLite's primary result codes (the low byte of sqlite_errorcode).
_CORRUPT, _NOTADB, _FULL, _READONLY, _CANTOPEN, _PERM, _IOERR = 11, 26, 13, 8, 14, 3, 10
_BUSY, _LOCKED = 5, 6


def error_kind(error: Exception) -> str:
    """corrupt / full / readonly / busy / cantopen / io / other: only 'corrupt' is damage."""
    code = getattr(error, "sqlite_errorcode", None)
    code = code & 0xFF if isinstance(code, int) else None
    message = str(error).lower()
    if code in (_CORRUPT, _NOTADB) or "malformed" in message or "not a database" in message:
        return "corrupt"
    if code == _FULL or "disk is full" in message:
        return "full"
    if code in (_READONLY, _PERM) or "readonly" in message or "read-only" in message:
        return "readonly"
    if code in (_BUSY, _LOCKED) or "locked" in message or "busy" in message:
        return "busy"
    if code == _CANTOPEN or "unable to open" in message:
        return "cantopen"
    if code == _IOERR or "disk i/o" in message:
        return "io"
    return "other"


def _why(kind: str, error: Exception) -> str:
    what = {"full": "the disk is full", "readonly": "it is read-only",
            "cantopen": "it cannot be opened", "io": "a disk I/O error",
            "busy": "it is busy"}.get(kind, "an error")
    return f"{what} ({error})"


def _writable(path: Path) -> bool:
    """Whether SQLite could write the file and its side files (-wal, -shm) beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
