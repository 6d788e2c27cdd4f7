"""Translator QA checks on one aligned link: the Xbench-style things a reviewer looks for first.

Each check is a small function of the two texts that returns Flags with their evidence (the
terms on each side and the rule that fired):

  number        a number of one side missing on the other, or changed (320 → 230), or its
                qualifier changed ("about 1,500" → "more than 1,500")
  date          a date of one side missing or different on the other (16 June → 16 July)
  name          a name of the source missing in the target, or rendered differently
  quote         a direct quotation in one version only (quote turned into reported speech)
  omission      a source sentence with no counterpart (a null link), or a target much shorter
  addition      a target sentence with no counterpart, or a target much longer
  untranslated  the target still in the source language (or a copy of the source)

Numbers, dates and names are compared through compare.anchors (keys that agree across en, ru,
be and scripts). Lists (number qualifiers, exonyms, length ratios) live in compare/data/checks/.
"Source" is the original, "target" the translation; a link that is not a translation pair (e.g.
en ↔ be when both are translations of ru) is still checked, reading its first side as source.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from compare import anchors
from compare.analyze.words import fold, is_function_word, words
from compare.model import Flag

DATA = Path(__file__).resolve().parent.parent / "data" / "checks"

# Partial omission / addition: the shorter side, after the pair's expected length ratio, is below
# this share of the longer one, and the gap is at least MIN_GAP_CHARS characters.
PARTIAL_RATIO = 0.55
MIN_GAP_CHARS = 45
# Untranslated: this share of the target's words written in the source's script (en ↔ ru/be),
# or, between Russian and Belarusian, in the source language (faithful pairs of the corpora
# reach 0.29 on short sentences sharing a word or two; Russian sentences put in a Belarusian
# version reach 0.4 in 83 cases out of 100).
UNTRANSLATED_SHARE = 0.3
UNTRANSLATED_SHARE_RU_BE = 0.4
# A quotation counts as speech (not a title or a scare quote) from this many words.
MIN_QUOTE_WORDS = 4
# Numbers up to this value missing on one side are often written as words or ordinals there.
SMALL_NUMBER = 10

CHECKS_SIGNATURE = (f"checks|partial:{PARTIAL_RATIO}|gap:{MIN_GAP_CHARS}|untranslated:"
                    f"{UNTRANSLATED_SHARE}|quote_words:{MIN_QUOTE_WORDS}")


def run_checks(source: str, target: str, src_lang: str, tgt_lang: str, *,
               src_ids: Sequence[int] = (), tgt_ids: Sequence[int] = (),
               src_known: Iterable[str] = (), tgt_known: Iterable[str] = (),
               name_keys: frozenset[str] | None = None, story_date: str = "") -> list[Flag]:
    """Every QA flag of one link. src_ids / tgt_ids: the link's sentence ids (for evidence);
    src_known / tgt_known: lowercased words seen capitalised elsewhere in each document (so a
    name that opens a sentence is still taken for a name); name_keys: name keys of words the
    story's other versions show to be names (see `name_like_keys`), for a source language
    without a dictionary (Belarusian); story_date: the story's ISO date, against which «в
    следующем году» / "next year" are turned into years."""
    source, target = source or "", target or ""
    if not _has_words(source) and not _has_words(target):
        return []
    if not _has_words(target):
        return [_null_flag("omission", source, src_lang, src_ids)]
    if not _has_words(source):
        return [_null_flag("addition", target, tgt_lang, tgt_ids)]
    flags = check_untranslated(source, target, src_lang, tgt_lang)
    if flags:
        return flags  # the rest compares two languages: meaningless on a copy
    story_year = int(story_date[:4]) if story_date[:4].isdigit() else None
    flags += check_numbers(source, target, src_lang, tgt_lang, story_year)
    flags += check_dates(source, target, src_lang, tgt_lang, story_year)
    flags += check_names(source, target, src_lang, tgt_lang, frozenset(src_known), name_keys)
    flags += check_quotes(source, target)
    flags += check_length(source, target, src_lang, tgt_lang)
    return flags


# --------------------------------------------------------------------------- omissions


def _null_flag(kind: str, text: str, lang: str, ids: Sequence[int]) -> Flag:
    where = f"{lang}:{','.join(map(str, ids))}" if ids else lang
    if kind == "omission":
        return Flag("omission", "omission", _clip(text), "",
                    f"the source sentence {where} has no counterpart in the translation",
                    severity="high", rule="checks.null_link")
    return Flag("addition", "addition", "", _clip(text),
                f"the translation's sentence {where} has no counterpart in the source",
                severity="high", rule="checks.null_link")


@lru_cache(maxsize=1)
def _length_ratios() -> dict[tuple[str, str], float]:
    ratios = {}
    for line in _data_lines("length_ratios.tsv"):
        src, tgt, ratio = line.split("\t")
        ratios[(src, tgt)] = float(ratio)
    return ratios


def check_length(source: str, target: str, src_lang: str, tgt_lang: str) -> list[Flag]:
    """A partial omission or addition: one side much shorter than the pair's usual ratio."""
    expected = _length_ratios().get((src_lang, tgt_lang), 1.0)
    src_len, tgt_len = len(source.strip()), len(target.strip())
    expected_tgt = src_len * expected
    if tgt_len < expected_tgt * PARTIAL_RATIO and expected_tgt - tgt_len >= MIN_GAP_CHARS:
        return [Flag("omission", "partial", _clip(source), _clip(target),
                     f"the translation is {tgt_len} characters where about {expected_tgt:.0f} "
                     f"are usual: part of the source may be left out",
                     severity="medium", source_level=float(src_len), target_level=float(tgt_len),
                     rule="checks.length")]
    if expected_tgt < tgt_len * PARTIAL_RATIO and tgt_len - expected_tgt >= MIN_GAP_CHARS:
        return [Flag("addition", "partial", _clip(source), _clip(target),
                     f"the translation is {tgt_len} characters where about {expected_tgt:.0f} "
                     f"are usual: it may add to the source",
                     severity="medium", source_level=float(src_len), target_level=float(tgt_len),
                     rule="checks.length")]
    return []


# --------------------------------------------------------------------------- numbers

# Letters glued to a number ("Br310", "BYN5"): blanked so the number is found, offsets unchanged.
_CURRENCY_PREFIX = re.compile(r"(?<![^\W\d_])(?:Br|BYN|USD|EUR|RUB|US\$)(?=\d)")


@dataclass(frozen=True)
class _Number:
    key: str
    surface: str
    value: float
    qualifier: str  # class from number_qualifiers.tsv, or ""
    qualifier_text: str


@lru_cache(maxsize=4096)
def numbers_of(text: str, lang: str) -> tuple[_Number, ...]:
    """The numbers of `text` (dates excluded), each with the qualifier written before it."""
    blanked = _CURRENCY_PREFIX.sub(lambda m: " " * len(m.group()), text)
    found = []
    for mention in anchors.extract_numbers(blanked, lang):
        qualifier, qualifier_text = _qualifier_before(blanked[:mention.span[0]], lang)
        found.append(_Number(mention.key, mention.surface, mention.value or 0.0,
                             qualifier, qualifier_text))
    return tuple(found)


@lru_cache(maxsize=None)
def _qualifier_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for line in _data_lines("number_qualifiers.tsv"):
        row_lang, klass, forms = line.split("\t")
        if row_lang != lang:
            continue
        for form in forms.split(","):
            words_re = r"\s+".join(re.escape(w) for w in form.split())
            # "почти из 1,5 тыс.", "примерно за 90 дней": one short word may stand between.
            patterns.append((klass, re.compile(
                rf"(?:^|[^\w])({words_re})(?:\s+[^\W\d]{{1,3}})?[\s$€£]*$", re.IGNORECASE)))
    patterns.sort(key=lambda item: -len(item[1].pattern))  # "more than" before "more"
    return patterns


def _qualifier_before(before: str, lang: str) -> tuple[str, str]:
    tail = before[-30:]
    for klass, pattern in _qualifier_patterns(lang):
        match = pattern.search(tail)
        if match:
            return klass, match.group(1)
    return "", ""


def check_numbers(source: str, target: str, src_lang: str, tgt_lang: str,
                  story_year: int | None = None) -> list[Flag]:
    """Numbers missing, added or changed, and qualifiers changed. A bare year ("in 2026") is
    reported as a date; a small number written as a word ("two", «двое») is not compared when
    it has no counterpart: collective and ordinal numerals (двое, первой декаде) escape it."""
    src_numbers = [n for n in numbers_of(source, src_lang)]
    tgt_numbers = [n for n in numbers_of(target, tgt_lang)]
    flags: list[Flag] = []
    unmatched_tgt = list(tgt_numbers)
    unmatched_src: list[_Number] = []
    for number in src_numbers:
        match = next((t for t in unmatched_tgt if t.key == number.key), None)
        if match is None:
            unmatched_src.append(number)
            continue
        unmatched_tgt.remove(match)
        if number.qualifier != match.qualifier:
            flags.append(Flag(
                "number", "number_qualifier",
                f"{number.qualifier_text} {number.surface}".strip(),
                f"{match.qualifier_text} {match.surface}".strip(),
                f"the same number, qualified {_qualifier_name(number.qualifier)} in the source "
                f"and {_qualifier_name(match.qualifier)} in the translation",
                severity="medium", rule="checks.number.qualifier"))
    unmatched_src = [n for n in unmatched_src if not _small_word(n)]
    unmatched_tgt = [n for n in unmatched_tgt if not _small_word(n)]
    # A year written out on one side and said as «в следующем году» on the other is compared by
    # check_dates (against the story's date), not reported as a year missing or added here.
    src_relative = relative_years(source, src_lang, story_year)
    tgt_relative = relative_years(target, tgt_lang, story_year)
    if tgt_relative:
        unmatched_src = [n for n in unmatched_src if not _year(n)]
    if src_relative:
        unmatched_tgt = [n for n in unmatched_tgt if not _year(n)]
    # Years apart from other numbers: a changed year is a date shift.
    for is_year in (True, False):
        src_left = [n for n in unmatched_src if _year(n) == is_year]
        tgt_left = [n for n in unmatched_tgt if _year(n) == is_year]
        kind, what = ("date", "year") if is_year else ("number", "number")
        # A missing source number against a different target number, in order: a change.
        for number, other in zip(src_left, tgt_left):
            flags.append(Flag(kind, what, number.surface, other.surface,
                              f"the source has {number.surface}, the translation {other.surface}",
                              severity="high", source_level=number.value, target_level=other.value,
                              rule=f"checks.{what}.changed"))
        for number in src_left[len(tgt_left):]:
            flags.append(Flag(kind, what, number.surface, "",
                              f"the {what} {number.surface} of the source is not in the translation",
                              severity="low" if _small(number) else "medium",
                              source_level=number.value, rule=f"checks.{what}.missing"))
        for number in tgt_left[len(src_left):]:
            flags.append(Flag(kind, what, "", number.surface,
                              f"the translation has the {what} {number.surface}, the source has none",
                              severity="low" if _small(number) else "medium",
                              target_level=number.value, rule=f"checks.{what}.added"))
    return flags


def _small(number: _Number) -> bool:
    return number.value <= SMALL_NUMBER and number.value == int(number.value)


def _small_word(number: _Number) -> bool:
    return _small(number) and not any(c.isdigit() for c in number.surface)


def _year(number: _Number) -> bool:
    return number.surface.isdigit() and len(number.surface) == 4 and 1900 <= number.value <= 2100


def _qualifier_name(klass: str) -> str:
    return {"approx": "as approximate", "almost": "as just under", "over": "as more than",
            "under": "as less than", "up_to": "as at most", "at_least": "as at least",
            "": "as exact"}[klass]


# --------------------------------------------------------------------------- dates


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
    for line in _data_lines("relative_years.tsv"):
        row_lang, offset, forms = line.split("\t")
        if row_lang == lang:
            for form in forms.split(","):
                words_re = r"\s+".join(re.escape(w) for w in form.split())
                patterns.append((int(offset), re.compile(rf"(?<!\w){words_re}(?!\w)", re.IGNORECASE)))
    return tuple(patterns)


def relative_years(text: str, lang: str, story_year: int | None) -> list[tuple[int, str]]:
    """(year, phrase) for each «в следующем году» / "last year" in `text`, given the story's year."""
    if story_year is None:
        return []
    found = []
    for offset, pattern in _relative_patterns(lang):
        for match in pattern.finditer(text):
            found.append((story_year + offset, match.group()))
    return found


def _explicit_years(text: str, lang: str) -> list[tuple[int, str]]:
    years = [(int(d.key[:4]), d.surface) for d in _dates(text, lang) if d.key[:4].isdigit()]
    years += [(int(n.value), n.surface) for n in numbers_of(text, lang) if _year(n)]
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


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=1)
def _exonym_groups() -> dict[str, int]:
    """name_key of every spelling in exonyms.tsv → the row it belongs to."""
    groups: dict[str, int] = {}
    for row, line in enumerate(_data_lines("exonyms.tsv")):
        for column in line.split("\t"):
            for form in column.split(","):
                for key in _phrase_keys(form):
                    groups.setdefault(key, row)
    return groups


@lru_cache(maxsize=50_000)
def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """Keys of a phrase: each word's (and each hyphenated part's) name key under its spellings,
    and the acronym key of an all-capitals word ("IT-кампаніі" → acr:it, …)."""
    keys = []
    for word in phrase.split():
        parts = [word] + (re.split(r"[-‐‑]", word) if re.search(r"[-‐‑]", word) else [])
        for part in parts:
            if len(part) >= 2 and part.isupper():
                keys.append(f"acr:{anchors._fold_cyrillic(part.lower())}")
            keys.extend(key for key in map(_word_key, _spellings(part)) if key)
    return tuple(keys)


def _spellings(word: str) -> list[str]:
    """A word and its Belarusian–Russian alternations that the name key does not fold: the
    prothetic в (Вольга / Ольга) and ў for в (Шэўчык / Шевчик)."""
    spellings = [word]
    lower = word.lower()
    if len(lower) > 3 and lower[0] == "в" and lower[1] in "оу":
        spellings.append(word[1:])
    if "ў" in lower:
        spellings += [s.replace("ў", "в").replace("Ў", "В") for s in spellings]
    return spellings


@lru_cache(maxsize=50_000)
def _word_key(word: str) -> str:
    return anchors.name_key(word)


def _key_groups(key: str) -> set[str]:
    group = _exonym_groups().get(key)
    return {key} if group is None else {key, f"exonym:{group}"}


def check_names(source: str, target: str, src_lang: str, tgt_lang: str,
                src_known: frozenset[str] = frozenset(),
                name_keys: frozenset[str] | None = None, story_date: str = "") -> list[Flag]:
    """A source name that nothing in the target transliterates (any word, any case, an exonym,
    a derived word, or a spelling one sound class away). Only words that are names — not
    capitalised common words like «Государственный» or "Border" — are looked for."""
    src_names = [m for m in _names(source, src_lang, frozenset(src_known))
                 if m.kind == "name" and _is_name(m, src_lang, name_keys)]
    if not src_names:
        return []
    target_keys: set[str] = set()
    for word in words(target):
        for key in _phrase_keys(word.text):
            target_keys |= _key_groups(key)
    missing = [m for m in src_names if not _found(m.surface, target_keys)]
    if not missing:
        return []
    target_names = [m for m in anchors.extract_names(
        target, tgt_lang, known=frozenset(fold(w.text) for w in words(target)))
        if m.kind == "name" and _is_name(m, tgt_lang, None)
        and not _source_has(m.key, src_names, source)]
    flags: list[Flag] = []
    for name in missing:
        # A target name sharing the first sounds is what the source name became (Kovalenko →
        # Kovalchuk); anything else is only reported as missing.
        other = next((t for t in target_names if t.key[:2] == name.key[:2]), None)
        if other is not None:
            target_names.remove(other)
            flags.append(Flag("name", "name", name.surface, other.surface,
                              f"the source names {name.surface}, the translation {other.surface} "
                              f"(not a transliteration of it)",
                              severity="high", rule="checks.name.changed"))
        else:
            flags.append(Flag("name", "name", name.surface, "",
                              f"the name {name.surface} of the source is not in the translation",
                              severity="medium", rule="checks.name.missing"))
    return flags


def _found(surface: str, target_keys: set[str]) -> bool:
    """Any part of a (hyphenated) name matched by a target key: equal, an exonym, one extending
    the other (a derived word), or one sound class apart (a transliteration variant)."""
    for part in re.split(r"[-‐‑]", surface):
        for key in _phrase_keys(part):
            if _key_groups(key) & target_keys:
                return True
            if key.startswith("acr:"):
                continue
            for other in target_keys:
                if other.startswith(("acr:", "exonym:")) or len(other) < 2:
                    continue
                if key.startswith(other) or other.startswith(key) or _close(key, other):
                    return True
    return False


_PROPER_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=20_000)
def name_like(word: str, lang: str) -> bool | None:
    """Whether a capitalised word is a name rather than a common word written with a capital:
    English — not in lemminflect's dictionary; Russian — pymorphy3 knows it as a proper noun
    or not at all; Belarusian — None (no offline dictionary: ask the other versions)."""
    lower = fold(word)
    if lang == "en":
        from lemminflect import getAllLemmas

        return not getAllLemmas(lower)
    if lang == "ru":
        from compare.analyze.words import _morph

        morph = _morph()
        if not morph.word_is_known(lower):
            return True
        return any(_PROPER_TAGS & set(p.tag.grammemes) for p in morph.parse(lower)[:3])
    return None


@lru_cache(maxsize=64)
def _capitalised(text: str) -> frozenset[str]:
    return frozenset(anchors.capitalised_words(text))


@lru_cache(maxsize=4096)
def _names(text: str, lang: str, known: frozenset[str]) -> tuple:
    """Names of a text (cached: a sentence is checked in two pairs of a story)."""
    return tuple(anchors.extract_names(text, lang, known=known))


def name_like_keys(texts: Mapping[str, str]) -> frozenset[str]:
    """Name keys of the words that are names in the versions with a dictionary (lang → text),
    so that a Belarusian word can be judged by its Russian or English counterpart."""
    keys = set()
    for lang, text in texts.items():
        for mention in _names(text, lang, _capitalised(text)):
            if mention.kind == "name" and name_like(mention.surface, lang):
                keys.add(mention.key)
    return frozenset(keys)


def _is_name(mention, lang: str, name_keys: frozenset[str] | None) -> bool:
    if anchors._is_latin(mention.surface) and lang in ("ru", "be"):
        return True  # a Latin word in Cyrillic text is a name or a brand
    verdict = name_like(mention.surface, lang)
    if verdict is None:  # no dictionary: the other versions decide, else take it for a name
        return name_keys is None or mention.key in name_keys
    return verdict


def _source_has(key: str, src_names, source: str) -> bool:
    if any(m.key == key for m in src_names):
        return True
    return any(key in _key_groups(k) or (_key_groups(key) & _key_groups(k))
               for w in words(source) for k in _phrase_keys(w.text))


def _close(a: str, b: str) -> bool:
    """Two name keys close enough to be the same name mis-spelt: one sound class apart."""
    if min(len(a), len(b)) < 3:
        return False
    if len(a) != len(b):
        return a.startswith(b) or b.startswith(a)
    return sum(x != y for x, y in zip(a, b)) <= 1


# A Russian / Belarusian case ending: stripped before comparing two spellings of a name.
_CASE_ENDING = re.compile(r"(?:ами|ями|амі|ямі|ому|ему|ого|его|ага|яга|ая|ую|ое|ой|ей|ом|ем|ым|ім|им|ам|"
                          r"ям|ах|ях|ых|іх|их|а|я|у|ю|е|ы|і|и|о|й|ь)$")


def name_variants(texts: Sequence[str], lang: str, known: Iterable[str] = ()) -> dict[int, list[Flag]]:
    """The same name spelt two ways in one document ("Krivoshei" … "Krivoshey").

    texts: the document's sentences; returns sentence index → flags, raised where the rarer
    spelling stands (the later one on a tie). Spellings are grouped by name key, and two count as
    variants when they differ inside the word — not in a case ending (Петров / Петрова) and not
    by a feminine -a (Ivanov / Ivanova)."""
    known = frozenset(known)
    seen: dict[str, dict[str, list[int]]] = {}  # key → spelling → sentence indices
    for index, text in enumerate(texts):
        for mention in anchors.extract_names(text, lang, known=known):
            if mention.kind != "name":
                continue
            spelling = re.sub(r"['’]s$", "", mention.surface)
            seen.setdefault(mention.key, {}).setdefault(spelling, []).append(index)
    flags: dict[int, list[Flag]] = {}
    for spellings in seen.values():
        if len(spellings) < 2:
            continue
        # Most used spelling first; it is the reference the others are compared with.
        ordered = sorted(spellings, key=lambda s: (-len(spellings[s]), spellings[s][0]))
        reference = ordered[0]
        for variant in ordered[1:]:
            if not _spelt_differently(reference, variant, lang):
                continue
            where = spellings[variant][0]
            flags.setdefault(where, []).append(Flag(
                "name", "spelling", reference, variant,
                f"the name is spelt {reference} in {lang}:{spellings[reference][0]} "
                f"and {variant} here", severity="medium", rule="checks.name.spelling"))
    return flags


def _spelt_differently(a: str, b: str, lang: str) -> bool:
    if lang == "en" and not (name_like(a, "en") or name_like(b, "en")):
        return False  # two dictionary words (Minister / Ministry), not a name
    a, b = fold(a), fold(b)
    if _CYRILLIC.search(a):
        # Inflection changes the end of a Cyrillic name (Андрэй / Андрэя, Беларусь / Беларуссю):
        # only a difference before the ending counts.
        a, b = _CASE_ENDING.sub("", a), _CASE_ENDING.sub("", b)
        if a.startswith(b) or b.startswith(a):
            return False
    elif a.rstrip("a") == b.rstrip("a") or a.startswith(b) or b.startswith(a):
        return False  # Ivanov / Ivanova, Ordania / Ordanian
    if a == b or len(a) < 4 or a[0] != b[0]:
        return False
    return _edit_distance(a, b) <= max(1, min(len(a), len(b)) // 4)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


# --------------------------------------------------------------------------- quotes

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


# --------------------------------------------------------------------------- untranslated

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Letters, and consonant–vowel pairs, that Russian spelling has and Belarusian never does:
# и щ ъ; soft т д (Belarusian writes ц дз: тело / цела); soft ч ж ш р (always hard in Belarusian).
_RU_ONLY = re.compile(r"[иИщЩъЪ]|[тдчжшрТДЧЖШР][еёяюьЕЁЯЮЬ]")
# … and what Belarusian has and Russian does not: і ў, the apostrophe, soft дз and ць.
_BE_ONLY = re.compile(r"[іІўЎ]|[^\W\d_]['’][^\W\d_]|[дД]з[еёяюь]|[цЦ][ьяюё]")


def check_untranslated(source: str, target: str, src_lang: str, tgt_lang: str) -> list[Flag]:
    """The target copies the source, or is mostly in the source's language or script."""
    src_words = [fold(w.text) for w in words(source)]
    tgt_words = [fold(w.text) for w in words(target)]
    if src_lang != tgt_lang and len(tgt_words) >= 3 and src_words == tgt_words:
        return [Flag("untranslated", "copy", _clip(source), _clip(target),
                     "the translation is the source text, word for word",
                     severity="high", rule="checks.untranslated.copy")]
    content = [w.text for w in words(target) if not is_function_word(w.text, tgt_lang)]
    if len(content) < 3:
        return []
    wrong_script = _foreign_share(target, src_lang, tgt_lang, source)
    threshold = UNTRANSLATED_SHARE_RU_BE if {src_lang, tgt_lang} == {"ru", "be"} else UNTRANSLATED_SHARE
    if wrong_script >= threshold:
        return [Flag("untranslated", "language", "", _clip(target),
                     f"{wrong_script:.0%} of the translation's words are in {src_lang}, "
                     f"not {tgt_lang}", severity="high", rule="checks.untranslated.language")]
    return []


def _foreign_share(target: str, src_lang: str, tgt_lang: str, source: str = "") -> float:
    ws = [w.text for w in words(target) if not w.text.isdigit()]
    if not ws:
        return 0.0
    if tgt_lang == "en":
        return sum(1 for w in ws if _CYRILLIC.search(w)) / len(ws)
    if src_lang == "en":
        return sum(1 for w in ws if not _CYRILLIC.search(w)) / len(ws)
    # Russian ↔ Belarusian: words with letters only the source language has (и щ ъ / і ў), or
    # common words copied letter for letter from the source (the two languages rarely share a
    # lowercase word of four letters or more). Short words (и, і, на) pass between the two.
    only = _RU_ONLY if src_lang == "ru" else _BE_ONLY
    source_words = {fold(w.text) for w in words(source)}
    long_words = [w for w in ws if len(w) >= 3]
    foreign = [w for w in long_words if only.search(w)
               or (len(w) >= 4 and w.islower() and fold(w) in source_words)]
    return len(foreign) / len(long_words) if long_words else 0.0


# --------------------------------------------------------------------------- helpers


def _data_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
