"""Numbers: a number of one side missing on the other, or changed (320 → 230), or its qualifier
changed ("about 1,500" → "more than 1,500").

Data: number_qualifiers.tsv (about / more than …), vague_numbers.tsv («сотни» / "hundreds":
a count said as an order of magnitude, compared by its class, never as a value).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from compare import anchors
from compare.analyze.checks.common import data_lines
from compare.model import Flag

# Numbers up to this value missing on one side are often written as words or ordinals there.
SMALL_NUMBER = 10

# Letters glued to a number ("Br310", "BYN5"): blanked so the number is found, offsets unchanged.
_CURRENCY_PREFIX = re.compile(r"(?<![^\W\d_])(?:Br|BYN|USD|EUR|RUB|US\$)(?=\d)")
# The agencies' end-of-story mark ("-0-", "- 0 -", glued to the last word: «пацярпелым.-0-»):
# page furniture, not a number.
_END_MARK = re.compile(r"(?<![\w-])[-–—]\s?0\s?[-–—](?![\w-])|(?<=[.!?»\"”])[-–—]0[-–—]")
# A time of day ("20:08", «в 14.30 часов» is left alone): a publication time or a schedule, not a
# count; compared as a time would need the two texts' time zones.
# Half-years and quarters ("H2 2019", "Q3"): the digit is part of a name of a period.
_PERIOD = re.compile(r"(?<![\w])[HQ][1-4](?![\w])")
_TIME = re.compile(r"(?<![\d:.,])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])")


@dataclass(frozen=True)
class Number:
    key: str
    surface: str
    value: float
    qualifier: str  # class from number_qualifiers.tsv, or ""
    qualifier_text: str


def _blank(text: str) -> str:
    text = _CURRENCY_PREFIX.sub(lambda m: " " * len(m.group()), text)
    text = _TIME.sub(lambda m: " " * len(m.group()), text)
    text = _PERIOD.sub(lambda m: " " * len(m.group()), text)
    return _END_MARK.sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=4096)
def numbers_of(text: str, lang: str) -> tuple[Number, ...]:
    """The numbers of `text` (dates and vague counts like «сотни» excluded), each with the
    qualifier written before it."""
    blanked = _blank(text)
    vague_spans = [span for span, _, _ in _vague(blanked, lang)]
    found = []
    mentions = _compounds(blanked, anchors.extract_numbers(blanked, lang))
    mentions += _roman_centuries(blanked)
    for mention in mentions + _bare_scales(blanked, mentions, vague_spans):
        start, end = mention.span
        if any(a < end and start < b for a, b in vague_spans) and not any(
                c.isdigit() for c in mention.surface):
            continue
        qualifier, qualifier_text = _qualifier_before(blanked[:start], lang)
        found.append((start, Number(mention.key, mention.surface, mention.value or 0.0,
                                    qualifier, qualifier_text)))
    return tuple(number for _, number in sorted(found, key=lambda item: item[0]))


def _compounds(text: str, mentions: list[anchors.Mention]) -> list[anchors.Mention]:
    """Number words that make one number together: "nine hundred million" (9 × 100 000 000),
    "twenty five" (20 + 5). Only words, next to each other."""
    merged: list[anchors.Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if previous is not None and previous.value and mention.value \
                and not any(c.isdigit() for c in previous.surface + mention.surface) \
                and re.fullmatch(r"\s+(?:and\s+|и\s+|і\s+)?", text[previous.span[1]:mention.span[0]]):
            if previous.value < mention.value and str(int(mention.value)).rstrip("0") == "1":
                value = previous.value * mention.value  # nine hundred, two thousand
            elif previous.value > mention.value and previous.value >= 20:
                value = previous.value + mention.value  # twenty five
            else:
                merged.append(mention)
                continue
            merged[-1] = anchors.Mention("number", anchors._format_value(Decimal(str(value))),
                                         text[previous.span[0]:mention.span[1]],
                                         (previous.span[0], mention.span[1]), value)
            continue
        merged.append(mention)
    return merged


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# A century in Roman numerals (Latin letters, or the Cyrillic Х and І that Belarusian and Russian
# texts often type for them): «XXI век», «ХХІ стагоддзі», "XXI century".
_ROMAN_CENTURY = re.compile(
    r"(?<![^\W\d_])([IVXХІ]{1,6})(?=\s+(?:век|века|веке|веку|веков|векам|вв?\.|стагодд|ст\.|centur))",
    re.IGNORECASE)


def _roman_centuries(text: str) -> list[anchors.Mention]:
    found = []
    for match in _ROMAN_CENTURY.finditer(text):
        letters = match.group(1).upper().replace("Х", "X").replace("І", "I")
        if not re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", letters) or not letters:
            continue
        values = [_ROMAN[c] for c in letters]
        value = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
        found.append(anchors.Mention("number", str(value), match.group(1), match.span(1), float(value)))
    return found


_SCALE_WORD = re.compile(r"(?<![\w.])([^\W\d_]+\.?)")


def _bare_scales(text: str, mentions, vague_spans) -> list[anchors.Mention]:
    """A scale word standing alone for its value: «более тысячи лет» / "over 1,000 years",
    «миллион» / "a million" (not a vague plural, not part of a number already found)."""
    scales, _ = anchors._number_words()
    taken = [m.span for m in mentions] + list(vague_spans)
    found = []
    for match in _SCALE_WORD.finditer(text):
        word = match.group(1).lower()
        value = scales.get(word, scales.get(word.rstrip(".")))
        if value is None or any(a < match.end() and match.start() < b for a, b in taken):
            continue
        if word.rstrip(".") in ("тыс", "млн", "млрд", "трлн", "mln", "mn", "bn", "bln", "tn", "thsd"):
            continue  # an abbreviation alone is a unit of a table, not a count
        found.append(anchors.Mention("number", str(value), match.group(1), match.span(1), float(value)))
    return found


# --------------------------------------------------------------------------- vague counts


@lru_cache(maxsize=None)
def _vague_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns = []
    for line in data_lines("vague_numbers.tsv"):
        row_lang, klass, forms = line.split("\t")
        if row_lang == lang:
            alternation = "|".join(re.escape(f) for f in sorted(forms.split(","), key=len, reverse=True))
            patterns.append((klass, re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)))
    return tuple(patterns)


@lru_cache(maxsize=None)
def _vague_forms() -> frozenset[str]:
    return frozenset(form for line in data_lines("vague_numbers.tsv")
                     for form in line.split("\t")[2].split(","))


@lru_cache(maxsize=4096)
def _vague(text: str, lang: str) -> tuple[tuple[tuple[int, int], str, str], ...]:
    """(span, class) of each vague count: «десятки» / "dozens" → tens, «сотни» → hundreds …"""
    found = []
    for klass, pattern in _vague_patterns(lang):
        for match in pattern.finditer(text):
            # «тысяч» after digits or a number word («5 тысяч», «пяти тысяч») is a scale, not a
            # vague count; after another vague count («сотни тысяч») it is one.
            before = text[:match.start()]
            if re.search(r"\d\s*$", before):
                continue
            # «более тысячи лет» is "over a thousand years": after a qualifier, one thousand.
            if _qualifier_before(before, lang)[0]:
                continue
            previous = re.search(r"([^\W\d_]+)\s*$", before)
            if previous and previous.group(1).lower() in anchors._number_word_set() \
                    and previous.group(1).lower() not in _vague_forms():
                continue
            found.append((match.span(), klass, match.group()))
    return tuple(sorted(found))


def vague_counts(text: str, lang: str) -> tuple[list[str], list[str]]:
    """(sorted classes, surfaces in order) of the vague counts of a text."""
    found = _vague(_blank(text), lang)
    return sorted(klass for _, klass, _ in found), [surface for _, _, surface in found]


# --------------------------------------------------------------------------- qualifiers


@lru_cache(maxsize=None)
def _qualifier_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for line in data_lines("number_qualifiers.tsv"):
        row_lang, klass, forms = line.split("\t")
        if row_lang != lang:
            continue
        for form in forms.split(","):
            words_re = r"\s+".join(re.escape(w) for w in form.split())
            # "почти из 1,5 тыс.", "примерно за 90 дней": one short word may stand between.
            # Not an article ("close to the $1bn threshold" names a threshold, not an amount).
            patterns.append((klass, re.compile(
                rf"(?:^|[^\w])({words_re})(?:\s+(?!(?:the|a|an)\b)[^\W\d]{{1,3}})?[\s$€£]*$",
                re.IGNORECASE)))
    patterns.sort(key=lambda item: -len(item[1].pattern))  # "more than" before "more"
    return patterns


def _qualifier_before(before: str, lang: str) -> tuple[str, str]:
    tail = before[-30:]
    for klass, pattern in _qualifier_patterns(lang):
        match = pattern.search(tail)
        if match:
            return klass, match.group(1)
    return "", ""


def _qualifier_name(klass: str) -> str:
    return {"approx": "as approximate", "almost": "as just under", "over": "as more than",
            "under": "as less than", "up_to": "as at most", "at_least": "as at least",
            "": "as exact"}[klass]


# --------------------------------------------------------------------------- the check


@lru_cache(maxsize=None)
def _ordinals() -> dict[tuple[str, int], tuple[str, ...]]:
    table: dict[tuple[str, int], tuple[str, ...]] = {}
    for line in data_lines("ordinal_words.tsv"):
        lang, value, forms = line.split("\t")[:3]
        table[(lang, int(value))] = tuple(form.strip() for form in forms.split(",") if form.strip())
    return table


# An ordinal in digits: «3-го», «20-й», «3-я», «3-ці», "3rd", "20th".
_ORDINAL_SUFFIX = r"(?:-?(?:го|му|м|й|я|е|х|ю|ой|ый|ий|ая|ое|ого|ому|ым|ом|ых|га|гі|ці|ты|ая|ае|st|nd|rd|th))(?!\w)"


def _said_as_ordinal(number: "Number", text: str, other: str, other_lang: str) -> bool:
    """«3-го пленума» / "the third plenary session": an ordinal in digits that the other side
    writes as an ordinal word (ordinal_words.tsv)."""
    if number.value is None or number.value != int(number.value):
        return False
    if not re.search(rf"(?<![\w.,]){re.escape(number.surface)}{_ORDINAL_SUFFIX}", text, re.IGNORECASE):
        return False
    forms = _ordinals().get((other_lang, int(number.value)))
    if not forms:
        return False
    found = [w.lower() for w in re.findall(r"\w+", other)]
    return any(w == f or (f.endswith("*") and w.startswith(f[:-1])) for f in forms for w in found)


def check_numbers(source: str, target: str, src_lang: str, tgt_lang: str,
                  story_year: int | None = None) -> list[Flag]:
    """Numbers missing, added or changed, and qualifiers changed. A bare year ("in 2026") is
    reported as a date; a small number written as a word ("two", «двое») is not compared when
    it has no counterpart: collective and ordinal numerals (двое, первой декаде) escape it."""
    from compare.analyze.checks.dates import says_relative_year

    src_numbers = list(numbers_of(source, src_lang))
    tgt_numbers = list(numbers_of(target, tgt_lang))
    flags: list[Flag] = []
    unmatched_tgt = list(tgt_numbers)
    unmatched_src: list[Number] = []
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
    unmatched_src = [n for n in unmatched_src if not _small_word(n) and not _said_as_ordinal(n, source, target, tgt_lang)]
    unmatched_tgt = [n for n in unmatched_tgt if not _small_word(n) and not _said_as_ordinal(n, target, source, src_lang)]
    # A year written out on one side and said as «в следующем году» on the other is compared by
    # check_dates (against the story's date), not reported as a year missing or added here.
    # Without the story's date, «в этом году» against "in 2025" cannot be checked: not flagged.
    if says_relative_year(target, tgt_lang):
        unmatched_src = [n for n in unmatched_src if not is_year(n)]
    if says_relative_year(source, src_lang):
        unmatched_tgt = [n for n in unmatched_tgt if not is_year(n)]
    # Years apart from other numbers: a changed year is a date shift.
    for year in (True, False):
        src_left = [n for n in unmatched_src if is_year(n) == year]
        tgt_left = [n for n in unmatched_tgt if is_year(n) == year]
        kind, what = ("date", "year") if year else ("number", "number")
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
    flags += _check_vague(source, target, src_lang, tgt_lang)
    return flags


def _check_vague(source: str, target: str, src_lang: str, tgt_lang: str) -> list[Flag]:
    """«сотни» against "thousands": both sides count vaguely, in different orders of magnitude.
    One side vague and the other silent ("many", «многие») is a paraphrase, not flagged."""
    (src, src_words), (tgt, tgt_words) = vague_counts(source, src_lang), vague_counts(target, tgt_lang)
    if not src or not tgt or src == tgt:
        return []
    return [Flag("number", "vague_number", " ".join(src_words), " ".join(tgt_words),
                 f"the source counts in {', '.join(src)}, the translation in {', '.join(tgt)}",
                 severity="medium", rule="checks.number.vague_changed")]


def _small(number: Number) -> bool:
    return number.value <= SMALL_NUMBER and number.value == int(number.value)


def _small_word(number: Number) -> bool:
    return _small(number) and not any(c.isdigit() for c in number.surface)


def is_year(number: Number) -> bool:
    return number.surface.isdigit() and len(number.surface) == 4 and 1900 <= number.value <= 2100
