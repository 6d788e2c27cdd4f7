"""Build the bridge's cache: one sqlite file with every dictionary pair, lemmatised.

sqlite rather than a pickle: opening it reads nothing (the first look-up reads a few pages),
so a run that aligns 60 lines pays milliseconds, not the half second a 400,000-pair pickle takes
to load; it needs nothing outside the standard library; and a half-written file is never seen
(built under a temporary name, then renamed into place).

Tables: en_ru(en, ru, w) from Mueller (and FreeDict, weighted lower), be_ru(be, ru) from
Apertium's bel-rus bidix, be_form(form, lemma) from Apertium's Belarusian analyser, meta.
Every word goes through compare.analyze.lemmatize.normalize (lower case, ё→е, ў→у), and the
Russian renderings through pymorphy3, as the text's words will be.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from compare.analyze.lemmatize import _ru_morph, lexicon_lemmas, normalize
from compare.bridge import apertium, dictd, mueller
from compare.bridge.sources import BUILD_VERSION, Source, package_version  # noqa: F401

FREEDICT_FACTOR = 0.9  # FreeDict's renderings are unranked and fewer: a little below Mueller's first
ASPECT_FACTOR = 0.9  # «увеличивать» in the dictionary also renders «увеличить» in the text

# imperfective <-> perfective by suffix («заявлять» / «заявить», «подписывать» / «подписать»);
# a candidate counts only if pymorphy3 knows it as an infinitive
_ASPECT_RULES = (("ивать", "ить"), ("лять", "ить"), ("ывать", "ать"), ("ивать", "ать"), ("ять", "ить"), ("ать", "ить"),
                 ("ить", "ять"), ("ить", "ать"))


def aspect_partners(verb: str) -> set[str]:
    reflexive = verb.endswith("ся")
    stem = verb[:-2] if reflexive else verb
    out = set()
    for old, new in _ASPECT_RULES:
        if stem.endswith(old) and len(stem) > len(old) + 2:
            candidate = stem[: -len(old)] + new + ("ся" if reflexive else "")
            if candidate != verb and _is_infinitive(candidate):
                out.add(candidate)
    return out


def _is_infinitive(word: str) -> bool:
    morph = _ru_morph()
    if not morph.word_is_known(word):
        return False
    return any("INFN" in p.tag and normalize(p.normal_form) == word for p in morph.parse(word))


def _ru_keys(word: str) -> dict[str, float]:
    """A rendering's lemma(s) (factor 1) and, for a verb, its aspect partners."""
    norm = normalize(word)
    keys = {lemma: 1.0 for lemma in lexicon_lemmas(norm, "ru")}
    for lemma in list(keys):
        if lemma.endswith(("ть", "ться", "ти")):
            for partner in aspect_partners(lemma):
                keys.setdefault(partner, ASPECT_FACTOR)
    return keys


def en_ru_pairs(source: Source, factor: float) -> dict[tuple[str, str], float]:
    index, data = source.files
    pairs: dict[tuple[str, str], float] = {}
    ru_cache: dict[str, dict[str, float]] = {}
    for headword, body in dictd.read_entries(index, data):
        en = normalize(headword.strip())
        if not en or " " in en or not any(c.isalpha() for c in en):
            continue  # phrases are not looked up: the text is matched word by word
        for ru, weight in mueller.parse_entry(body).items():
            keys = ru_cache.get(ru)
            if keys is None:
                keys = ru_cache[ru] = _ru_keys(ru)
            for key, key_factor in keys.items():
                w = round(weight * factor * key_factor, 3)
                if pairs.get((en, key), 0.0) < w:
                    pairs[(en, key)] = w
    return pairs


def en_forms(headwords: set[str]) -> set[tuple[str, str]]:
    """Every inflected form of the English headwords (lemminflect), form -> headword: at run
    time the bridge finds a word's lemma here, without loading lemminflect (1.5 s on a busy
    machine, more than the rest of a 60-line alignment)."""
    from lemminflect import getAllInflections

    out = set()
    for headword in headwords:
        if not headword.isascii() or not headword.replace("-", "").replace("'", "").isalpha():
            continue
        for forms in getAllInflections(headword).values():
            for form in forms:
                form = normalize(form)
                if form != headword:
                    out.add((form, headword))
    return out


def build(path: Path, present: list[Source]) -> None:
    """Write the cache for the sources present to `path` (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        connection = sqlite3.connect(tmp)
        connection.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE en_ru(en TEXT, ru TEXT, w REAL, PRIMARY KEY(en, ru)) WITHOUT ROWID;
            CREATE TABLE be_ru(be TEXT, ru TEXT, PRIMARY KEY(be, ru)) WITHOUT ROWID;
            CREATE TABLE be_form(form TEXT, lemma TEXT, PRIMARY KEY(form, lemma)) WITHOUT ROWID;
            CREATE TABLE en_form(form TEXT, lemma TEXT, PRIMARY KEY(form, lemma)) WITHOUT ROWID;
            """
        )
        en_ru: dict[tuple[str, str], float] = {}
        for source in present:
            if source.name in ("mueller7", "freedict-eng-rus"):
                factor = 1.0 if source.name == "mueller7" else FREEDICT_FACTOR
                for key, w in en_ru_pairs(source, factor).items():
                    if en_ru.get(key, 0.0) < w:
                        en_ru[key] = w
            elif source.name == "apertium-bel-rus":
                bidix = {(normalize(be), normalize(ru)) for be, ru in apertium.bidix_pairs(source.files[0])}
                connection.executemany("INSERT OR IGNORE INTO be_ru VALUES (?, ?)", sorted(bidix))
                forms = {(normalize(form), normalize(lemma)) for form, lemma in apertium.analyser_forms(source.files[1])}
                connection.executemany("INSERT OR IGNORE INTO be_form VALUES (?, ?)", sorted(forms))
        connection.executemany("INSERT INTO en_ru VALUES (?, ?, ?)", sorted((e, r, w) for (e, r), w in en_ru.items()))
        connection.executemany("INSERT OR IGNORE INTO en_form VALUES (?, ?)", sorted(en_forms({e for e, _ in en_ru})))
        connection.executescript(
            "CREATE INDEX en_ru_by_ru ON en_ru(ru); CREATE INDEX be_ru_by_ru ON be_ru(ru);"
        )
        meta = {"build": BUILD_VERSION, "sources": ",".join(s.name for s in present)}
        for source in present:
            meta[f"version:{source.package}"] = package_version(source.package) or source.stamp()
        connection.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        connection.commit()
        connection.execute("VACUUM")
        connection.close()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
