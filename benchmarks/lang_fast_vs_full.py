"""lingua's low-accuracy detector (trigram models only, what compare.sources uses for texts of
FAST_MIN_LETTERS letters or more) against the full one, on every .txt of corpora/ and of any
private story folders given (e.g. the real dev set): whole texts and their paragraphs of 200+
letters. Prints each disagreement or miss, then the counts, and both detectors' load times.

    python benchmarks/lang_fast_vs_full.py [DEVDIR ...]
"""
from __future__ import annotations

import collections
import sys
import time
from pathlib import Path

from lingua import LanguageDetectorBuilder

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's compare, not an installed one

from compare.sources import FAST_MIN_LETTERS, _languages  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    fast = LanguageDetectorBuilder.from_languages(*_languages()).with_low_accuracy_mode().build()
    fast.compute_language_confidence_values("warm")
    fast_load = time.perf_counter() - started
    started = time.perf_counter()
    full = LanguageDetectorBuilder.from_languages(*_languages()).build()
    for sample in ("The talks were useful.", "Переговоры были полезными.", "Перамовы былі карыснымі."):
        full.compute_language_confidence_values(sample)
    full_load = time.perf_counter() - started
    roots = [REPO / "corpora"] + [Path(arg) for arg in sys.argv[1:]]
    files = sorted(f for root in roots for f in root.glob("*/*.txt") if f.stem in ("en", "ru", "be"))
    stats = collections.Counter()
    for path in files:
        text = path.read_text("utf-8")
        pieces = [text[:6000]] + [p for p in text.split("\n\n") if sum(c.isalpha() for c in p) >= FAST_MIN_LETTERS]
        for n, piece in enumerate(pieces):
            kind = "whole texts" if n == 0 else "paragraphs"
            a = full.compute_language_confidence_values(piece)[0].language.iso_code_639_1.name.lower()
            b = fast.compute_language_confidence_values(piece)[0].language.iso_code_639_1.name.lower()
            stats[kind, "n"] += 1
            stats[kind, "full right"] += a == path.stem
            stats[kind, "fast right"] += b == path.stem
            stats[kind, "agree"] += a == b
            if a != b or b != path.stem:
                print(f"{path} ({kind}): declared {path.stem}, full {a}, fast {b}")
    for kind in ("whole texts", "paragraphs"):
        print(f"{kind}: {stats[kind, 'n']}, full right {stats[kind, 'full right']}, fast right "
              f"{stats[kind, 'fast right']}, agree {stats[kind, 'agree']}")
    print(f"load and first use: fast {fast_load:.2f} s, full {full_load:.2f} s")


if __name__ == "__main__":
    main()
