"""A user's own glossary, on top of the dictionaries: a TSV file of

    # pair: en-ru          (optional first line; en-ru is the default; also be-ru)
    word<TAB>rendering[<TAB>weight]

e.g. "oblast<TAB>область". Read from $WIRE_COMPARE_GLOSSARY (one or more files, separated by
the path separator) or else the user data folder's glossary.tsv (on Linux
~/.local/share/wire-compare/glossary.tsv). Read on each run (it is small, and an edit should
count at once), never cached. A bad line is skipped with one note naming the file and line.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PAIRS = {"en-ru": ("en_ru", "ru_en"), "be-ru": ("be_ru", "ru_be")}


@dataclass
class Glossary:
    tables: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    size: int = 0

    def table(self, name: str) -> dict[str, dict[str, float]]:
        return self.tables.get(name, {})

    def has(self, lang: str) -> bool:
        return any(name.startswith(lang + "_") and table for name, table in self.tables.items())

    def add(self, pair: str, word: str, rendering: str, weight: float) -> None:
        from compare.analyze.lemmatize import lexicon_lemmas, normalize

        forward, backward = PAIRS[pair]
        left, right = pair.split("-")
        for a in lexicon_lemmas(normalize(word), left) | {normalize(word)}:
            for b in lexicon_lemmas(normalize(rendering), right) | {normalize(rendering)}:
                self.tables.setdefault(forward, {}).setdefault(a, {})[b] = weight
                self.tables.setdefault(backward, {}).setdefault(b, {})[a] = weight
        self.size += 1


def paths() -> list[Path]:
    configured = os.environ.get("WIRE_COMPARE_GLOSSARY")
    if configured is not None:
        return [Path(p).expanduser() for p in configured.split(os.pathsep) if p.strip()]
    import platformdirs

    default = Path(platformdirs.user_data_dir("wire-compare")) / "glossary.tsv"
    return [default] if default.exists() else []


def load(files: list[Path] | None = None) -> Glossary:
    from compare.bridge.store import note

    glossary = Glossary()
    for path in paths() if files is None else files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            note(f"glossary {path}: cannot be read ({error}); left out")
            continue
        pair = "en-ru"
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if not stripped:
                continue
            if stripped.startswith("#"):
                body = stripped.lstrip("#").strip()
                if body.lower().startswith("pair:"):
                    wanted = body.split(":", 1)[1].strip().lower()
                    if wanted not in PAIRS:
                        note(f"glossary {path}, line {number}: unknown pair {wanted!r} (en-ru or be-ru); rest of file skipped")
                        break
                    pair = wanted
                continue
            parts = [p.strip() for p in line.split("\t")]
            weight = 1.0
            if len(parts) == 3:
                try:
                    weight = float(parts[2])
                except ValueError:
                    weight = -1.0
            if len(parts) not in (2, 3) or not parts[0] or not parts[1] or not 0.0 < weight <= 1.0:
                note(f"glossary {path}, line {number}: not 'word<TAB>rendering[<TAB>weight 0-1]'; skipped")
                continue
            glossary.add(pair, parts[0], parts[1], weight)
    return glossary
