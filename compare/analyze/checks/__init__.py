"""Translator QA checks on one aligned link: the Xbench-style things a reviewer looks for first.

One module per kind of check, each a small function of the two texts that returns Flags with
their evidence (the terms on each side and the rule that fired), its data in
compare/data/checks/ and its table of cases in tests/test_checks_<kind>.py:

  numbers.py       number: missing, changed (320 → 230), qualifier changed ("about" → "more than")
  dates.py         date: missing or different (16 June → 16 July), ranges, weekdays, relative years
  names.py         name: a source name missing in the target or rendered as another name
  quotes.py        quote: a direct quotation in one version only
  length.py        omission / addition: no counterpart (a null link), or a target much shorter
                   or longer than usual
  untranslated.py  untranslated: the target still in the source language (or a copy)

Every check reads the texts through `common.normalise` (stress and other combining marks
dropped, Latin look-alikes in Cyrillic words made Cyrillic). "Source" is the original, "target"
the translation; a link that is not a translation pair (e.g. en ↔ be when both are translations
of ru) is still checked, reading its first side as source.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from compare.analyze.checks.common import has_words, normalise
from compare.analyze.checks.dates import check_dates, check_relative_years, relative_years
from compare.analyze.checks.length import MIN_GAP_CHARS, PARTIAL_RATIO, check_length, null_flag
from compare.analyze.checks.names import check_names, name_like, name_like_keys
from compare.analyze.checks.names import name_variants as _name_variants
from compare.analyze.checks.numbers import check_numbers, numbers_of
from compare.analyze.checks.quotes import MIN_QUOTE_WORDS, check_quotes, quotations, quoted_sentences
from compare.analyze.checks.untranslated import UNTRANSLATED_SHARE, check_untranslated
from compare.model import Flag

__all__ = ["run_checks", "name_variants", "name_like_keys", "name_like", "quotations",
           "numbers_of", "relative_years", "quoted_sentences", "check_numbers", "check_dates",
           "check_relative_years", "check_names", "check_quotes", "check_length",
           "check_untranslated", "normalise", "CHECKS_SIGNATURE"]

CHECKS_SIGNATURE = (f"checks|partial:{PARTIAL_RATIO}|gap:{MIN_GAP_CHARS}|untranslated:"
                    f"{UNTRANSLATED_SHARE}|quote_words:{MIN_QUOTE_WORDS}")


def run_checks(source: str, target: str, src_lang: str, tgt_lang: str, *,
               src_ids: Sequence[int] = (), tgt_ids: Sequence[int] = (),
               src_known: Iterable[str] = (), tgt_known: Iterable[str] = (),
               name_keys: frozenset[str] | None = None, story_date: str = "",
               src_quoted: bool = False, tgt_quoted: bool = False) -> list[Flag]:
    """Every QA flag of one link. src_ids / tgt_ids: the link's sentence ids (for evidence);
    src_known / tgt_known: lowercased words seen capitalised elsewhere in each document (so a
    name that opens a sentence is still taken for a name); name_keys: name keys of words the
    story's other versions show to be names (see `name_like_keys`), for a source language
    without a dictionary (Belarusian); story_date: the story's ISO date, against which «в
    следующем году» / "next year" are turned into years; src_quoted / tgt_quoted: the link's
    sentences stand inside a quotation of several sentences (see quotes.quoted_sentences)."""
    source, target = normalise(source or ""), normalise(target or "")
    if not has_words(source) and not has_words(target):
        return []
    if not has_words(target):
        return [null_flag("omission", source, src_lang, src_ids)]
    if not has_words(source):
        return [null_flag("addition", target, tgt_lang, tgt_ids)]
    flags = check_untranslated(source, target, src_lang, tgt_lang)
    if flags:
        return flags  # the rest compares two languages: meaningless on a copy
    story_year = int(story_date[:4]) if story_date[:4].isdigit() else None
    flags += check_numbers(source, target, src_lang, tgt_lang, story_year)
    flags += check_dates(source, target, src_lang, tgt_lang, story_year)
    flags += check_names(source, target, src_lang, tgt_lang, frozenset(src_known), name_keys)
    flags += check_quotes(source, target, src_quoted, tgt_quoted)
    flags += check_length(source, target, src_lang, tgt_lang)
    return flags


def name_variants(texts: Sequence[str], lang: str, known: Iterable[str] = ()) -> dict[int, list[Flag]]:
    """The same name spelt two ways in one document (see names.name_variants), on normalised
    text: a stressed «Шэ́ўчык» is not a second spelling of «Шэўчык»."""
    return _name_variants([normalise(t) for t in texts], lang, known)
