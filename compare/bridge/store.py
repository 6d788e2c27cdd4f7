"""The bridge at run time: the cache (built once, see build.py) opened lazily, looked up in
batches, with the user's glossary on top.

Everything is compared in one space, Russian lemmas: an English word maps to Mueller's
renderings of it, a Belarusian word to its lemmas (Apertium's analyser) and their Russian
equivalents (Apertium's bidix), a Russian word to its own lemmas (pymorphy3).
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from compare.bridge import glossary as glossary_module
from compare.bridge.sources import BUILD_VERSION, Source, lt_print_available, sources

OFF_VALUES = {"0", "off", "no", "false"}
_notes_shown: set[str] = set()


def note(text: str) -> None:
    """One line on stderr, once per process."""
    if text not in _notes_shown:
        _notes_shown.add(text)
        print(f"bridge: {text}", file=sys.stderr)


def cache_dir() -> Path:
    configured = os.environ.get("WIRE_COMPARE_BRIDGE_CACHE")
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # not compare.translate.config: importing it costs 50 ms

    return Path(platformdirs.user_cache_dir("wire-compare")) / "bridge"


class Bridge:
    def __init__(self, path: Path, present: list[Source], glossary: glossary_module.Glossary):
        self.path = path
        self.present = present
        self.glossary = glossary
        self._connection: sqlite3.Connection | None = None
        self._memo: dict[tuple[str, str], dict[str, float]] = {}
        self.concept_memo: dict[tuple[str, str], dict[str, float]] = {}  # (lang, word) -> concepts

    # -- what is there ---------------------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.present)

    def serves(self, lang: str) -> bool:
        """Whether words of `lang` can be mapped into the Russian space."""
        if lang == "ru":
            return True
        if lang == "en":
            return any(s.name in ("mueller7", "freedict-eng-rus") for s in self.present) or self.glossary.has("en")
        if lang == "be":
            return "apertium-bel-rus" in self.names or self.glossary.has("be")
        return False

    def describe(self) -> str:
        # Apertium's dictionary as "bel-rus-bidix": "apertium" in a signature says Apertium's MT ran
        parts = ["bel-rus-bidix" if name == "apertium-bel-rus" else name for name in self.names]
        if self.glossary.size:
            parts.append(f"glossary({self.glossary.size})")
        return "bridge(" + "+".join(parts) + f",{self.path.stem.rsplit('-', 1)[-1]})"

    # -- look-ups --------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._connection

    def _lookup(self, table: str, words: Iterable[str]) -> dict[str, dict[str, float]]:
        """word -> {other: weight} for many words at once (memoised)."""
        queries = {
            "en_ru": "SELECT en, ru, w FROM en_ru WHERE en IN ({})",
            "ru_en": "SELECT ru, en, w FROM en_ru WHERE ru IN ({})",
            "be_ru": "SELECT be, ru, 1.0 FROM be_ru WHERE be IN ({})",
            "ru_be": "SELECT ru, be, 1.0 FROM be_ru WHERE ru IN ({})",
            "be_form": "SELECT form, lemma, 1.0 FROM be_form WHERE form IN ({})",
            "en_form": "SELECT form, lemma, 1.0 FROM en_form WHERE form IN ({})",
        }
        out: dict[str, dict[str, float]] = {}
        missing = []
        for word in set(words):
            known = self._memo.get((table, word))
            if known is None:
                missing.append(word)
            else:
                out[word] = known
        for start in range(0, len(missing), 900):
            chunk = missing[start : start + 900]
            found: dict[str, dict[str, float]] = {word: {} for word in chunk}
            try:
                rows = self._db().execute(queries[table].format(",".join("?" * len(chunk))), chunk).fetchall()
            except sqlite3.Error as error:
                note(f"{self.path}: cannot be read ({error}); bridge off for this run")
                rows = []
            for word, other, weight in rows:
                found[word][other] = max(found[word].get(other, 0.0), weight)
            for word, renderings in found.items():
                self._memo[(table, word)] = renderings
                out[word] = renderings
        return out

    def lookup(self, table: str, words: Iterable[str]) -> dict[str, dict[str, float]]:
        words = list(words)
        out = self._lookup(table, words)
        extra = self.glossary.table(table)
        if extra:
            for word in words:
                for other, weight in extra.get(word, {}).items():
                    out.setdefault(word, {})
                    out[word] = {**out[word], other: max(out[word].get(other, 0.0), weight)}
        return out

    def entry_sizes(self, words: Iterable[str]) -> dict[str, int]:
        """How many renderings each English headword has: a rough measure of how common a word
        is (the dictionary says more about "minister" than about "front-bencher")."""
        words = sorted(set(words))
        out: dict[str, int] = {}
        for start in range(0, len(words), 900):
            chunk = words[start : start + 900]
            try:
                rows = self._db().execute(
                    f"SELECT en, count(*) FROM en_ru WHERE en IN ({','.join('?' * len(chunk))}) GROUP BY en", chunk)
                out.update(rows.fetchall())
            except sqlite3.Error:
                pass
        return out

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _cache_key(present: list[Source]) -> str:
    text = "|".join([BUILD_VERSION, _lemmatiser_stamp(), *(f"{s.name}={s.stamp()}" for s in present)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _lemmatiser_stamp() -> str:
    """The Russian lemmatiser's dictionaries (renderings are stored lemmatised): where they lie
    and when they were installed (a stat, not importlib.metadata, which costs 25 ms)."""
    import importlib.util

    spec = importlib.util.find_spec("pymorphy3_dicts_ru")
    if spec is None or not spec.origin:
        return "pymorphy3-dicts-ru:missing"
    stat = Path(spec.origin).parent.stat()
    return f"pymorphy3-dicts-ru:{spec.origin}:{int(stat.st_mtime)}"


def _valid(path: Path) -> bool:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            connection.execute("SELECT value FROM meta WHERE key = 'build'").fetchone()
            connection.execute("SELECT 1 FROM en_ru LIMIT 1").fetchall()
        finally:
            connection.close()
        return True
    except sqlite3.Error:
        return False


def _intact(source: Source) -> bool:
    """A dictd dictionary whose data does not unpack is left out (one note)."""
    if not source.files[-1].name.endswith(".dict.dz"):
        return True
    import gzip
    import zlib

    try:
        gzip.decompress(source.files[-1].read_bytes())
        return True
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        note(f"{source.files[-1]}: not a readable dictzip file ({error}); {source.package} left out")
        return False


def _missing_note(missing: list[Source], lt_print: bool) -> str:
    parts = [f"{s.package} ({s.what})" for s in missing]
    packages = " ".join(s.package for s in missing)
    text = f"{', '.join(parts)} not installed; those words are not matched (sudo apt-get install {packages})"
    if not lt_print:
        text += "; lt-print missing, so apertium-bel-rus is not read (sudo apt-get install lttoolbox-dev)"
    return text


@lru_cache(maxsize=1)
def get_bridge() -> Bridge | None:
    """The bridge, or None (with one note on stderr) when it is switched off or has nothing."""
    if os.environ.get("WIRE_COMPARE_BRIDGE", "").strip().lower() in OFF_VALUES:
        return None
    lt_print = lt_print_available()
    present, missing = [], []
    for source in sources():
        ok = source.present() and (source.name != "apertium-bel-rus" or lt_print)
        (present if ok else missing).append(source)
    glossary = glossary_module.load()
    if missing:
        note(_missing_note(missing, lt_print))
    if not present and not glossary.size:
        return None
    path = cache_dir() / f"bridge-{_cache_key(present)}.sqlite"
    if not path.exists() or not _valid(path):
        if path.exists():
            note(f"{path}: cache unreadable, rebuilding it")
        from compare.bridge import build
        from compare.bridge.dictd import DictdError
        from compare.bridge.apertium import ApertiumError

        usable = [s for s in present if _intact(s)]
        if len(usable) < len(present):
            present = usable
            if not present and not glossary.size:
                return None
            path = cache_dir() / f"bridge-{_cache_key(present)}.sqlite"
        if not path.exists() or not _valid(path):
            try:
                build.build(path, present)
            except (DictdError, ApertiumError) as error:
                note(f"{error}; bridge off")
                return None
            except (OSError, sqlite3.Error) as error:
                note(f"cannot write the cache in {path.parent} ({error}); bridge off")
                return None
    return Bridge(path, present, glossary)
