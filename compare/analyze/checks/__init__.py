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

import re
from typing import Iterable, Sequence

from compare import anchors
from compare.analyze.checks.common import has_words, normalise
from compare.analyze.checks.dateline import split_dateline
from compare.analyze.checks.dates import _compatible as _dates_compatible
from compare.analyze.checks.dates import check_dates, check_relative_years, relative_years
from compare.analyze.checks.length import MIN_GAP_CHARS, PARTIAL_RATIO, check_length, null_flag
from compare.analyze.checks.names import check_names, name_in, name_like, name_like_keys
from compare.analyze.checks.names import name_variants as _name_variants
from compare.analyze.checks.numbers import check_numbers, numbers_of
from compare.analyze.checks.quotes import MIN_QUOTE_WORDS, check_quotes, quotations, quoted_sentences
from compare.analyze.checks.untranslated import UNTRANSLATED_SHARE, check_untranslated
from compare.model import Flag

__all__ = ["run_checks", "name_variants", "name_like_keys", "name_like", "quotations",
           "numbers_of", "relative_years", "quoted_sentences", "check_numbers", "check_dates",
           "check_relative_years", "check_names", "check_quotes", "check_length",
           "check_untranslated", "normalise", "CHECKS_SIGNATURE", "drop_moved_facts", "fact_in"]

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
    (src_dateline, src_body), (tgt_dateline, tgt_body) = split_dateline(source), split_dateline(target)
    facts = check_numbers(src_body, tgt_body, src_lang, tgt_lang, story_year)
    facts += check_dates(src_body, tgt_body, src_lang, tgt_lang, story_year)
    facts += check_names(src_body, tgt_body, src_lang, tgt_lang, frozenset(src_known), name_keys)
    flags += _reconciled(facts, src_body, tgt_body, src_dateline, tgt_dateline, src_lang, tgt_lang,
                         story_date)
    flags += check_quotes(src_body, tgt_body, src_quoted, tgt_quoted)
    flags += check_length(source, target, src_lang, tgt_lang)
    return flags


_YEAR_RANGE = re.compile(r"(?:1[89]|20)\d\d\s*[-–—]\s*(?:1[89]|20)\d\d")


def _reconciled(flags: list[Flag], source: str, target: str, src_dateline: str, tgt_dateline: str,
                src_lang: str, tgt_lang: str, story_date: str = "") -> list[Flag]:
    """Fact flags without those another reading explains:
    - a date added that is the source's dateline date (or missing, the target's), or the story's
      date: the story's day, which the other version gives in its dateline or page header;
    - «май 1945» missing and 1945 added ("the great May of 1945"): the same year;
    - a year range added or missing ("the Great Patriotic War of 1941-1945"): background the
      English spells out, not a reported fact."""
    kept = []
    years_added = {f.target_level for f in flags if f.rule == "checks.year.added"}
    years_missing = {f.source_level for f in flags if f.rule == "checks.year.missing"}
    dropped_years: set[tuple[str, float]] = set()
    for flag in flags:
        term = flag.target_term or flag.source_term
        if flag.rule == "checks.date.added" and fact_in(flag, src_dateline, src_lang):
            continue
        if flag.rule == "checks.date.missing" and fact_in(flag, tgt_dateline, tgt_lang):
            continue
        if flag.rule in ("checks.date.added", "checks.date.missing") and _story_day(term, story_date):
            continue
        if flag.rule in ("checks.date.missing", "checks.date.added"):
            year = re.search(r"(?:1[89]|20)\d\d", term)
            other = years_added if flag.rule == "checks.date.missing" else years_missing
            if year and float(year.group()) in other:
                dropped_years.add(("added" if flag.rule == "checks.date.missing" else "missing",
                                   float(year.group())))
                continue
        kept.append(flag)
    source_ranges, target_ranges = _range_years(source), _range_years(target)
    result = []
    for flag in kept:
        if flag.rule == "checks.year.added" and (("added", flag.target_level) in dropped_years
                                                 or flag.target_level in target_ranges):
            continue
        if flag.rule == "checks.year.missing" and (("missing", flag.source_level) in dropped_years
                                                   or flag.source_level in source_ranges):
            continue
        result.append(flag)
    return result


def _story_day(term: str, story_date: str) -> bool:
    """A date that names the story's own day (story.toml's date)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", story_date or ""):
        return False
    return any(date.kind == "date" and re.search(r"-\d{2}-\d{2}$", date.key)  # a day, not a month
               and _dates_compatible(date.key, story_date) for date in anchors.extract_dates(term))


def _range_years(text: str) -> set[float]:
    """Years that stand in a range of years ("1941-1945") in a text."""
    return {float(year) for match in _YEAR_RANGE.finditer(text)
            for year in re.findall(r"\d{4}", match.group())}


def fact_in(flag: Flag, text: str, lang: str) -> bool:
    """Whether the number, date or name a missing / added flag is about stands in `text` (a
    neighbouring link's other side): a fact that moved one sentence over is not lost."""
    text = normalise(text or "")
    term = flag.source_term or flag.target_term
    level = flag.source_level if flag.source_term else flag.target_level
    if not term or not has_words(text + "a"):
        return False
    if flag.kind in ("number", "date") and level is not None and flag.category in ("number", "year"):
        return any(number.value == level for number in numbers_of(text, lang)) or any(
            date.key.startswith(f"{int(level)}-") for date in anchors.extract_dates(text, lang))
    if flag.kind == "date":
        keys = [d.key for d in anchors.extract_dates(term)]
        return any(_dates_compatible(key, other.key) for key in keys
                   for other in anchors.extract_dates(text, lang))
    if flag.kind == "name":
        return name_in(term, text)
    return False


def drop_moved_facts(flags: Sequence[Sequence[Flag]], originals: Sequence[str],
                     translations: Sequence[str], orig_lang: str, trans_lang: str) -> list[list[Flag]]:
    """Per link, its flags without the missing / added numbers, dates and names that the link
    before or after has on the other side (the aligner put the clause one sentence over)."""
    kept: list[list[Flag]] = []
    for index, link_flags in enumerate(flags):
        neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(flags)]
        result = []
        for flag in link_flags:
            rule = flag.rule
            if flag.kind in ("number", "date", "name") and rule.endswith(".missing"):
                if any(fact_in(flag, translations[i], trans_lang) for i in neighbours):
                    continue
            if flag.kind in ("number", "date", "name") and rule.endswith(".added"):
                if any(fact_in(flag, originals[i], orig_lang) for i in neighbours):
                    continue
            result.append(flag)
        kept.append(result)
    return kept


def name_variants(texts: Sequence[str], lang: str, known: Iterable[str] = ()) -> dict[int, list[Flag]]:
    """The same name spelt two ways in one document (see names.name_variants), on normalised
    text: a stressed «Шэ́ўчык» is not a second spelling of «Шэўчык»."""
    return _name_variants([normalise(t) for t in texts], lang, known)
