"""What every check shares: its data folder, the text normalisation it runs on, and clipping.

Texts are normalised before any check reads them: stress marks (U+0301) and other combining
marks are dropped, and Latin look-alike letters inside Cyrillic words (a Latin "о" in «Минск»)
are read as the Cyrillic ones, so that a marked-up or OCR-damaged text gets the verdicts of the
clean one.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "checks"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Latin letters that look like Cyrillic ones; only replaced inside a word that has Cyrillic.
_LOOKALIKES = str.maketrans("aceopxyiABCEHKMOPTXI", "асеорхуіАВСЕНКМОРТХІ")
_MIXED_WORD = re.compile(r"[^\W\d_]+")
# Combining marks that are part of a letter in Cyrillic spelling: й (и + U+0306), ё (е + U+0308),
# ў (у + U+0306). NFC composes them back; every other combining mark is dropped.


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """`text` without stress and other combining marks, look-alike Latin letters in Cyrillic
    words made Cyrillic. Letters that compose (й ё ў) are kept."""
    if not text:
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if any(unicodedata.combining(c) for c in decomposed):
        kept = []
        for char in decomposed:
            if unicodedata.combining(char) and not (
                    char in "\u0306\u0308" and kept and kept[-1] in "иИеЕуУ"):
                continue
            kept.append(char)
        text = unicodedata.normalize("NFC", "".join(kept))
    if _CYRILLIC.search(text):
        text = _MIXED_WORD.sub(_fix_mixed, text)
    return text


def _fix_mixed(match: re.Match[str]) -> str:
    word = match.group()
    if _CYRILLIC.search(word) and re.search(r"[A-Za-z]", word):
        return word.translate(_LOOKALIKES)
    return word


def data_lines(name: str) -> list[str]:
    """The lines of a data file of compare/data/checks/, comments and blank lines left out."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


def clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
