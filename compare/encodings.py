"""Which single-byte Cyrillic code page a file that is not UTF-8 was saved in.

cp1251 (Windows), KOI8-R/KOI8-U (old Unix mail), cp866 (DOS) and mac-cyrillic all put Cyrillic
letters in the upper half of the byte range, each in another order, so a file read in the wrong
one is still "Cyrillic" — just not Russian or Belarusian (the wrong page turns о, е, а into ё, ъ,
щ, and swaps the letter case in KOI8). Each candidate is decoded and scored by how plausible its
letters are (compare/data/encodings/cyrillic_letters.tsv): the mean log-frequency of its
Cyrillic letters, less a penalty for symbols where letters belong and for upper case in the
middle of a word. Below MIN_SCORE no page reads as Russian or Belarusian, and the file is refused
("unknown Cyrillic encoding — save as UTF-8") rather than shown as mojibake.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

DATA = Path(__file__).parent / "data" / "encodings" / "cyrillic_letters.tsv"
CANDIDATES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5")
# Calibrated on the sample corpus saved in every page that can hold it (214 cases, whole texts
# and their first 300 and 120 characters): the right page always won and scored -3.43 or more;
# random upper-half bytes score -4.79 at best in any page.
MIN_SCORE = -4.2
_UNSEEN = 0.1  # per 10,000: a Cyrillic letter of another language
_SYMBOL_PENALTY = 8.0  # in log units, per upper-half character that is not a letter
_CASE_PENALTY = 4.0  # per lower-then-upper letter inside a word
_PLAIN_SYMBOLS = set("«»—–…№„“”‘’ \u00a0·°§©®™€")


@functools.lru_cache(maxsize=1)
def letter_log_frequencies() -> dict[str, float]:
    table = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            letter, _, count = line.partition("\t")
            table[letter] = float(count)
    total = sum(table.values())
    return {letter: math.log(count / total) for letter, count in table.items()}


def plausibility(text: str) -> float:
    """Mean log-probability per Cyrillic letter, with penalties (higher: more plausible)."""
    logs = letter_log_frequencies()
    unseen = math.log(_UNSEEN / 10_000)
    score, letters, previous = 0.0, 0, ""
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            letters += 1
            score += logs.get(ch.lower(), unseen)
            if ch.isupper() and previous.islower() and "\u0400" <= previous <= "\u04ff":
                score -= _CASE_PENALTY
        elif ord(ch) >= 0x80 and not ch.isalpha() and ch not in _PLAIN_SYMBOLS:
            score -= _SYMBOL_PENALTY
        previous = ch
    return score / letters if letters else -math.inf


def cyrillic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\u0400" <= ch <= "\u04ff" for ch in letters) / max(1, len(letters))


def best_cyrillic(data: bytes) -> tuple[str, str, float] | None:
    """(encoding, text, score) of the most plausible Cyrillic page; None when no page makes the
    letters mostly Cyrillic (the file is in a Latin-script page: cp1252, Latin-2 …)."""
    best = None
    for encoding in CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if cyrillic_share(text) < 0.3:
            continue
        score = plausibility(text)
        if best is None or score > best[2]:
            best = (encoding, text, score)
    return best
