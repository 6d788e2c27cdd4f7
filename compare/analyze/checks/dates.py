"""Dates: a date of one side missing or different on the other (16 June → 16 July), a range
of days against one day, a weekday changed, and a year said relatively («в следующем году») on
one side and written out wrongly on the other.

Data: relative_years.tsv; month and weekday names are compare/data/anchors/'s.
"""
from __future__ import annotations

import re
from functools import lru_cache

from compare import anchors
from compare.analyze.checks.common import data_lines
from compare.analyze.checks.numbers import is_year, numbers_of
from compare.model import Flag



def _date_parts(key: str) -> tuple[str, str, str]:
    """'2026-04-11' → ('2026', '04', '11'); '--04' → ('', '04', '')."""
    year, _, rest = key.partition("-") if not key.startswith("--") else ("", "", key[2:])
    month, _, day = rest.partition("-")
    return year, month, day


def _compatible(a: str, b: str) -> bool:
    """Two date keys that can name the same day (a missing year or day is not a difference)."""
    if a.startswith("weekday") or b.startswith("weekday"):
        return a == b
    return all(x == y or not x or not y for x, y in zip(_date_parts(a), _date_parts(b)))


_DAY_RANGE = re.compile(r"\d\s*[-–—]\s*\d")


def _is_range(surface: str) -> bool:
    return bool(_DAY_RANGE.search(surface))


@lru_cache(maxsize=4096)
def _dates(text: str, lang: str) -> tuple:
    """Dates of a text (cached: a sentence is checked in two pairs of a story)."""
    return tuple(anchors.extract_dates(text, lang))


@lru_cache(maxsize=None)
def _relative_patterns(lang: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    patterns = []
    for line in data_lines("relative_years.tsv"):
        row_lang, offset, forms = line.split("\t")
        if row_lang == lang:
            for form in forms.split(","):
                words_re = r"\s+".join(re.escape(w) for w in form.split())
                patterns.append((int(offset), re.compile(rf"(?<!\w){words_re}(?!\w)", re.IGNORECASE)))
    return tuple(patterns)


@lru_cache(maxsize=4096)
def says_relative_year(text: str, lang: str) -> bool:
    """«в этом году» / "next year" in the text, whether or not the story's year is known."""
    return any(pattern.search(text) for _, pattern in _relative_patterns(lang))


@lru_cache(maxsize=None)
def _relative_day_pattern(lang: str) -> re.Pattern[str] | None:
    forms = [form for line in data_lines("relative_days.tsv")
             for row_lang, form_list in [line.split("\t")] if row_lang == lang
             for form in form_list.split(",")]
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def says_relative_day(text: str, lang: str) -> bool:
    """«сегодня» / «учора» / "on Tuesday"-less "today": a day said relative to the story."""
    pattern = _relative_day_pattern(lang)
    return bool(pattern and pattern.search(text))


def relative_years(text: str, lang: str, story_year: int | None) -> list[tuple[int, str]]:
    """(year, phrase) for each «в следующем году» / "last year" in `text`, given the story's year."""
    if story_year is None or not says_relative_year(text, lang):
        return []
    found = []
    for offset, pattern in _relative_patterns(lang):
        for match in pattern.finditer(text):
            found.append((story_year + offset, match.group()))
    return found


def _explicit_years(text: str, lang: str) -> list[tuple[int, str]]:
    years = [(int(d.key[:4]), d.surface) for d in _dates(text, lang) if d.key[:4].isdigit()]
    years += [(int(n.value), n.surface) for n in numbers_of(text, lang) if is_year(n)]
    return years


def check_relative_years(source: str, target: str, src_lang: str, tgt_lang: str,
                         story_year: int | None) -> list[Flag]:
    """«в марте следующего года» in a story of 2025 rendered "in March 2027": a relative year on
    one side, written out wrongly on the other."""
    flags = []
    for relative_text, relative_lang, explicit_text, explicit_lang, relative_is_source in (
            (source, src_lang, target, tgt_lang, True), (target, tgt_lang, source, src_lang, False)):
        relative = relative_years(relative_text, relative_lang, story_year)
        if not relative or _explicit_years(relative_text, relative_lang):
            continue
        explicit = _explicit_years(explicit_text, explicit_lang)
        implied = {year for year, _ in relative}
        if explicit and not any(year in implied for year, _ in explicit):
            (year, phrase), (written, surface) = relative[0], explicit[0]
            src_term, tgt_term = (phrase, surface) if relative_is_source else (surface, phrase)
            flags.append(Flag("date", "relative_year", src_term, tgt_term,
                              f"«{phrase}» in a story of {story_year} is {year}, "
                              f"but the other version says {written}",
                              severity="high", source_level=float(year if relative_is_source else written),
                              target_level=float(written if relative_is_source else year),
                              rule="checks.date.relative_year"))
    return flags


def check_dates(source: str, target: str, src_lang: str, tgt_lang: str,
                story_year: int | None = None) -> list[Flag]:
    src_dates = _dates(source, src_lang)
    tgt_dates = _dates(target, tgt_lang)
    flags: list[Flag] = check_relative_years(source, target, src_lang, tgt_lang, story_year)
    unmatched_tgt = list(tgt_dates)
    unmatched_src = []
    for date in src_dates:
        match = next((t for t in unmatched_tgt if _compatible(date.key, t.key)), None)
        if match is None:
            unmatched_src.append(date)
            continue
        unmatched_tgt.remove(match)
        if _is_range(date.surface) != _is_range(match.surface):
            flags.append(Flag("date", "date_range", date.surface, match.surface,
                              f"the source says {date.surface}, the translation {match.surface}: "
                              f"one gives a range of days, the other one day",
                              severity="medium", rule="checks.date.range"))
    # A weekday on one side and a date on the other are two ways of saying when: not compared.
    src_days = [d for d in unmatched_src if d.kind == "date"]
    tgt_days = [d for d in unmatched_tgt if d.kind == "date"]
    for date, other in zip(src_days, tgt_days):
        flags.append(Flag("date", "date", date.surface, other.surface,
                          f"the source says {date.surface}, the translation {other.surface}",
                          severity="high", rule="checks.date.changed"))
    # «сегодня» on one side, the day's date on the other (the dateline gives it): the same day.
    if says_relative_day(target, tgt_lang):
        src_days = src_days[:len(tgt_days)]
    if says_relative_day(source, src_lang):
        tgt_days = tgt_days[:len(src_days)]
    for date in src_days[len(tgt_days):]:
        flags.append(Flag("date", "date", date.surface, "",
                          f"the date {date.surface} of the source is not in the translation",
                          severity="medium", rule="checks.date.missing"))
    for date in tgt_days[len(src_days):]:
        flags.append(Flag("date", "date", "", date.surface,
                          f"the translation has the date {date.surface}, the source has none",
                          severity="medium", rule="checks.date.added"))
    weekdays_src = [d for d in unmatched_src if d.kind == "weekday"]
    weekdays_tgt = [d for d in unmatched_tgt if d.kind == "weekday"]
    for day, other in zip(weekdays_src, weekdays_tgt):
        flags.append(Flag("date", "weekday", day.surface, other.surface,
                          f"the source says {day.surface}, the translation {other.surface}",
                          severity="high", rule="checks.date.weekday"))
    return flags
