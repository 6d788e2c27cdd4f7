"""Quotes: speech quoted directly in one version only (a quotation turned into reported speech,
or reported speech turned into a quotation)."""
from __future__ import annotations

import re

from compare.analyze.checks.common import clip as _clip
from compare.analyze.words import words
from compare.model import Flag

# A quotation counts as speech (not a title or a scare quote) from this many words.
MIN_QUOTE_WORDS = 4

_QUOTED = re.compile(r"«([^«»]*(?:«[^«»]*»[^«»]*)*)»|„([^„“”]*)[“”]|“([^“”]*)”|\"([^\"]*)\"")




def quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[str]:
    """Quoted passages of at least `min_words` words (titles and scare quotes left out),
    including the part of a quotation that runs over several sentences: the text before a lone
    closing mark or after a lone opening one."""
    found = []
    rest = text
    for match in _QUOTED.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        if len(words(inner)) >= min_words:
            found.append(inner.strip())
        rest = rest.replace(match.group(), " ", 1)
    fragment = _lone_quote_fragment(rest)
    # A fragment is the end or the start of a longer quotation: any length counts.
    if fragment and (len(words(fragment)) >= min_words or min_words <= 2):
        found.append(fragment)
    return found


def _lone_quote_fragment(text: str) -> str:
    marks = [(i, _quote_direction(text, i)) for i, c in enumerate(text) if c in "«»„“”\""]
    opening = [i for i, d in marks if d == "open"]
    closing = [i for i, d in marks if d == "close"]
    if closing and not opening:
        return text[:closing[0]].strip()
    if opening and not closing:
        return text[opening[-1] + 1:].strip()
    return ""


def _quote_direction(text: str, i: int) -> str:
    """« „ open and » closes; “ ” " open at the start of a word and close at its end
    (English “…”, Russian „…“)."""
    mark = text[i]
    if mark in "«„":
        return "open"
    if mark == "»":
        return "close"
    return "open" if i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-" else "close"


def check_quotes(source: str, target: str) -> list[Flag]:
    """Speech quoted on one side (≥ MIN_QUOTE_WORDS words) with no quotation at all on the
    other (a quoted phrase of two words or the piece of a longer quotation counts)."""
    src_quotes, tgt_quotes = quotations(source), quotations(target)
    if src_quotes and not quotations(target, min_words=2):
        return [Flag("quote", "quote", _clip(src_quotes[0]), "",
                     "the source quotes these words directly; the translation has no quotation "
                     "(reported speech or left out)", severity="medium", rule="checks.quote.dropped")]
    if tgt_quotes and not quotations(source, min_words=2):
        return [Flag("quote", "quote", "", _clip(tgt_quotes[0]),
                     "the translation quotes these words directly; the source has no quotation",
                     severity="medium", rule="checks.quote.added")]
    return []
