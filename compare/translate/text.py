"""Segment text before it reaches an engine: over-long segments split at clause boundaries,
and a check that a segment is written in the language it was declared in.

Neural models have a fixed input length (512 positions for opus-mt) and translate worse long
before it; transformers would cut the rest silently. A segment longer than the limit is cut
at the strongest boundary that makes its pieces fit — sentence end, then semicolon or colon,
then dash, then comma, then any space — and the translations of the pieces are joined.
"""
from __future__ import annotations

import re
from typing import Callable

from compare.translate.base import language_name, languages

# Boundaries from strongest to weakest; each pattern matches the gap between two pieces and
# keeps the punctuation with the piece before it.
BOUNDARIES = (
    re.compile(r"(?<=[.!?…])[\"»”’)]*\s+"),
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"\s+(?=[—–]\s)"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+"),
)


def split_to_fit(text: str, fits: Callable[[str], bool], level: int = 0) -> list[str]:
    """Pieces of text, each of which fits, cut at the strongest boundaries possible.
    Joining the pieces with single spaces gives the text back (up to whitespace)."""
    text = text.strip()
    if not text or fits(text):
        return [text] if text else []
    if level >= len(BOUNDARIES):
        return _split_characters(text, fits)
    parts = [p for p in _split_keep(text, BOUNDARIES[level]) if p]
    if len(parts) == 1:
        return split_to_fit(text, fits, level + 1)
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if fits(candidate):
            current = candidate
            continue
        if current:
            pieces.append(current)
        if fits(part):
            current = part
        else:
            pieces.extend(split_to_fit(part, fits, level + 1))
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _split_keep(text: str, boundary: re.Pattern) -> list[str]:
    pieces, start = [], 0
    for match in boundary.finditer(text):
        # the closing quote/bracket matched after a full stop belongs to the piece before
        head = text[start:match.start()] + match.group(0).strip()
        pieces.append(head.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return pieces


def _split_characters(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Last resort for a run with no spaces at all (a URL, a table row): halve it."""
    if fits(text) or len(text) <= 1:
        return [text]
    middle = len(text) // 2
    return _split_characters(text[:middle], fits) + _split_characters(text[middle:], fits)


def language_mismatch(text: str, lang: str) -> str | None:
    """A one-line reason when text does not look like it is in `lang`, else None.

    Only what letters show: the alphabet (Latin for English, Cyrillic for Russian and
    Belarusian) and the letters that tell Russian and Belarusian apart. Short or letterless
    segments (numbers, names) are never reported."""
    info = languages().get(lang)
    if not info:
        return None
    latin = sum(1 for ch in text if ch.isalpha() and ch.isascii())
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    if latin + cyrillic < 12:
        return None
    name = language_name(lang)
    if info.get("script") == "latin" and cyrillic > 2 * latin:
        return f"declared {name}, but it is written in Cyrillic"
    if info.get("script") == "cyrillic" and latin > 2 * cyrillic:
        return f"declared {name}, but it is written in Latin letters"
    if info.get("script") == "cyrillic":
        lower = text.lower()
        own = sum(lower.count(ch) for ch in info.get("distinct", ""))
        for other, other_info in languages().items():
            if other == lang or other_info.get("script") != "cyrillic":
                continue
            theirs = sum(lower.count(ch) for ch in other_info.get("distinct", ""))
            if own == 0 and theirs >= 2:
                return f"declared {name}, but it looks {language_name(other)}"
    return None
