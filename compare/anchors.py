"""Anchors: numbers, dates and names, normalised so that they compare across en / ru / be.

A translation keeps its numbers, dates and names, so these are the surest model-free evidence
that two sentences say the same thing (the aligner uses them) and the first thing a reviewer
checks (the QA checks use them). Each extractor returns `Mention`s:

    key      the normalised form that compares across languages and scripts:
               numbers  "1500000", "1.5", "2026"          («1,5 млн» == "1.5 million" == 1500000)
               dates    "2026-04-11", "--04-11" (no year), "2026-04", "--04" (month only),
                        "weekday-2" (Tuesday / вторник / аўторак)
               names    a consonant skeleton of the transliterated word, "lKSn" for
                        Лукашенко / Лукашэнка / Lukashenko (see `name_key`)
    surface  the text as written
    span     (start, end) character offsets into the text given
    kind     "number" | "date" | "weekday" | "name" | "acronym"
    value    numbers: the value as a float; dates: None

Word lists (month names in all case forms, weekdays, number words, the transliteration table and
the sound classes of the name key) are data files in compare/data/anchors/.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Iterable

DATA = Path(__file__).resolve().parent / "data" / "anchors"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_DIGIT = re.compile(r"\d")
_SPACE_SEP = "\u0020\u00a0\u202f\u2009"


@dataclass(frozen=True)
class Mention:
    """One number, date or name found in a text."""

    kind: str  # number | date | weekday | name | acronym
    key: str  # normalised: equal keys mean the same thing across languages
    surface: str  # as written
    span: tuple[int, int]  # offsets into the text passed to the extractor
    value: float | None = None  # numbers only


# --------------------------------------------------------------------------- data files


def _rows(name: str) -> Iterable[list[str]]:
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=None)
def _months() -> dict[str, int]:
    """Every month form (any language) -> month number."""
    return {form: int(month) for _lang, month, forms in _rows("months.tsv") for form in forms.split(",")}


@lru_cache(maxsize=None)
def _weekdays() -> dict[str, int]:
    return {form: int(day) for _lang, day, forms in _rows("weekdays.tsv") for form in forms.split(",")}


@lru_cache(maxsize=None)
def _number_words() -> tuple[dict[str, int], dict[str, int]]:
    """(scale words -> multiplier, number words -> value), all languages together."""
    scales: dict[str, int] = {}
    words: dict[str, int] = {}
    for _lang, kind, value, forms in _rows("number_words.tsv"):
        target = scales if kind == "scale" else words
        for form in forms.split(","):
            target[form] = int(value)
    return scales, words


@lru_cache(maxsize=None)
def _transliteration() -> dict[str, str]:
    table = {}
    for row in _rows("transliteration.tsv"):
        table[row[0]] = row[1] if len(row) > 1 else ""
    return table


@lru_cache(maxsize=None)
def _name_sounds() -> list[tuple[str, str]]:
    pairs = [(row[0], row[1] if len(row) > 1 else "") for row in _rows("name_sounds.tsv")]
    return sorted(pairs, key=lambda pair: -len(pair[0]))  # longest spelling wins


@lru_cache(maxsize=None)
def _name_sound_scanner() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over the sound spellings (tried in _name_sounds' order, so the longest wins),
    else any single letter; and each spelling's sound (the first row of a spelling counts)."""
    sound_of: dict[str, str] = {}
    for spelling, sound in _name_sounds():
        sound_of.setdefault(spelling, sound)
    spellings = "|".join(re.escape(spelling) for spelling in sound_of)
    return re.compile(rf"(?P<spelling>{spellings})|(?P<char>.)", re.DOTALL), sound_of


@lru_cache(maxsize=None)
def _stop_capitals() -> frozenset[str]:
    return frozenset(row[0] for row in _rows("stop_capitals.tsv"))


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


# --------------------------------------------------------------------------- numbers


@lru_cache(maxsize=None)
def _number_pattern() -> re.Pattern[str]:
    scales, _ = _number_words()
    # digits with inner separators: "1 500", "1,500,000", "1,5", "12.75"; then an optional scale word.
    # A currency written before the digits ("Br2,430", "$5") does not hide the number.
    return re.compile(
        rf"(?<![\d_.,])(\d+(?:(?:[.,]|[{_SPACE_SEP}])\d+)*)"
        rf"(?:\s*({_alternation(scales)})(?![\w]))?",
        re.IGNORECASE,
    )


@lru_cache(maxsize=None)
def _number_word_pattern() -> re.Pattern[str]:
    scales, words = _number_words()
    return re.compile(
        rf"(?<!\w)({_alternation(words)})(?!\w)(?:\s+({_alternation(scales)})(?!\w))?",
        re.IGNORECASE,
    )


def _digit_groups(run: str, lang: str) -> list[tuple[str, int, int]]:
    """Split a run of digits and separators into numbers: (normalised decimal text, start, end)."""
    pieces = [(m.group(0), m.start(), m.end()) for m in re.finditer(rf"[^{_SPACE_SEP}]+", run)]
    # Space-separated groups are thousands only when every later group has three digits.
    if len(pieces) > 1 and len(pieces[0][0]) <= 3 and all(len(p) == 3 and p.isdigit() for p, _, _ in pieces[1:]):
        pieces = [(re.sub(rf"[{_SPACE_SEP}]", "", run), 0, len(run))]
    return [(_normalise_decimal(text, lang), start, end) for text, start, end in pieces if text]


def _normalise_decimal(text: str, lang: str) -> str:
    """'1,500' (en) -> '1500', '1,5' (ru) -> '1.5', '1.500.000' -> '1500000'."""
    separators = re.findall(r"[.,]", text)
    groups = re.split(r"[.,]", text)
    if not separators:
        return text
    if len(separators) > 1:
        if len(set(separators)) == 1 and all(len(g) == 3 for g in groups[1:]):
            return "".join(groups)  # 1,500,000 or 1.500.000
        # 1,500.75 (en) / 1.500,75: the last separator is the decimal mark
        return "".join(groups[:-1]) + "." + groups[-1]
    whole, fraction = groups
    if separators[0] == "," and lang == "en" and len(fraction) == 3:
        return whole + fraction  # English thousands separator
    return whole + "." + fraction


def _format_value(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def extract_numbers(
    text: str, lang: str | None = None, *, skip_dates: bool = True, dates: list[Mention] | None = None,
    lower_words: set[str] | None = None,
) -> list[Mention]:
    """Numbers in `text`, written with digits or as words, with scale words applied.

    `lang` decides what a comma means ("1,500" is 1500 in English, «1,500» would be 1.5 in
    Russian); without it the script decides. Digits that are part of a date (11.04.2026,
    «11 апреля», "April 11") are left to `extract_dates` unless skip_dates is False (pass
    `dates` when they were already extracted from the same text, and `lower_words`, `_lower_words(text)`).
    """
    lang = lang or _guess_script_lang(text)
    scales, words = _number_words()
    if lower_words is None:
        lower_words = _lower_words(text)
    if skip_dates and dates is None:
        dates = extract_dates(text, lang, lower_words=lower_words)
    taken = [m.span for m in dates or ()] if skip_dates else []
    mentions: list[Mention] = []
    has_digit = _DIGIT.search(text) is not None
    for match in _at_digit_runs(_number_pattern(), text) if has_digit else ():
        run_start = match.start(1)
        groups = _digit_groups(match.group(1), lang)
        for index, (number, start, end) in enumerate(groups):
            span = (run_start + start, run_start + end)
            if any(a <= span[0] < b for a, b in taken):
                continue
            try:
                value = Decimal(number)
            except InvalidOperation:
                continue
            end_at = span[1]
            if match.group(2) and index == len(groups) - 1:
                value *= scales[match.group(2).lower()]
                end_at = match.end(2)
            mentions.append(Mention("number", _format_value(value), text[span[0]:end_at], (span[0], end_at), float(value)))
    for match in (_at_words(_number_word_pattern(), text, _NUMBER_WORD_FORMS, lower_words)
                  if not lower_words.isdisjoint(_number_word_set()) else ()):
        value = Decimal(words[match.group(1).lower()])
        if match.group(2):
            value *= scales[match.group(2).lower()]
        mentions.append(Mention("number", _format_value(value), match.group(0), match.span(), float(value)))
    mentions.sort(key=lambda m: m.span)
    return mentions


# --------------------------------------------------------------------------- dates


@lru_cache(maxsize=None)
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    month = rf"(?P<month>{_alternation(_months())})"
    day = r"(?P<day>[0-3]?\d)(?:-?(?:st|nd|rd|th|го|га|е|ое|ага))?"
    day_range = rf"{day}(?:\s*[-–—]\s*[0-3]?\d)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    flags = re.IGNORECASE
    return (
        re.compile(rf"(?<![\w.])(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:1[89]|20)\d\d)(?![\w])"),
        re.compile(rf"(?<![\w-])(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w])"),
        re.compile(rf"(?<![\w.])(?:{day_range})\s+(?:of\s+)?{month}(?![\w])(?:,?\s+{year}(?![\w]))?", flags),
        re.compile(rf"(?<![\w]){month}(?![\w])\s+(?:{day_range})(?![\w])(?:,?\s+{year}(?![\w]))?", flags),
        re.compile(rf"(?<![\w]){month}(?![\w])(?:\s+{year}(?![\w]))?", flags),
    )


@lru_cache(maxsize=None)
def _weekday_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({_alternation(_weekdays())})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _month_words() -> frozenset[str]:
    """Month forms as the word tokenizer sees them (abbreviations without their dot)."""
    return frozenset(form.rstrip(".") for form in _months())


@lru_cache(maxsize=None)
def _number_word_set() -> frozenset[str]:
    _, words = _number_words()
    return frozenset(words)


def _lower_words(text: str) -> set[str]:
    """The words of a text, lowercased: a cheap test before the big patterns run."""
    return set(_WORD_TOKEN.findall(text.lower()))


_WORD_TOKEN = re.compile(r"[^\W\d_]+")

# Which word list each word-start pattern begins with (for _first_words)
_MONTH_FORMS, _WEEKDAY_FORMS, _NUMBER_WORD_FORMS = "months", "weekdays", "number words"
_MONTH_FIRST = frozenset({3, 4})  # the date patterns that begin with the month word


@lru_cache(maxsize=None)
def _first_words(forms_name: str) -> frozenset[str] | None:
    """The first word (as _WORD_TOKEN reads it) of every form of a word list, lowercase; None
    when a form does not begin with a letter (then its pattern is searched everywhere)."""
    forms = {_MONTH_FORMS: _months, _WEEKDAY_FORMS: _weekdays,
             _NUMBER_WORD_FORMS: lambda: _number_words()[1]}[forms_name]()
    firsts = set()
    for form in forms:
        word = _WORD_TOKEN.match(form)
        if word is None:
            return None
        firsts.add(word.group().lower())
    return frozenset(firsts)


@lru_cache(maxsize=None)
def _case_odd(forms_name: str) -> re.Pattern[str] | None:
    """Characters that IGNORECASE matching takes for a letter of the word list's forms although
    their str.lower() is another letter (ᲀ for в, ſ for s), and İ, whose lower() is two
    characters: a text with one is searched the plain way. None when the regex module does not
    say which they are (then every text is)."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:
        return None
    forms = {_MONTH_FORMS: _months, _WEEKDAY_FORMS: _weekdays,
             _NUMBER_WORD_FORMS: lambda: _number_words()[1]}[forms_name]()
    letters = {ord(ch) for form in forms for ch in form.lower()}
    odd = {0x130}
    for code in letters:
        for other in _EXTRA_CASES.get(code, ()):
            odd.add(other)
            upper = chr(other).upper()
            if len(upper) == 1 and upper.lower() == chr(other):
                odd.add(ord(upper))
    odd -= letters
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(odd)) + "]")


_DIGIT_RUN = re.compile(r"\d+")


def _at_digit_runs(pattern: re.Pattern[str], text: str):
    """The same matches as pattern.finditer(text), for a pattern whose matches begin with a digit
    that no digit precedes (a lookbehind excluding digits or word characters, then a digit):
    tried only where a run of digits begins, instead of at every position of the text."""
    end = 0
    for run in _DIGIT_RUN.finditer(text):
        start = run.start()
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


def _at_words(pattern: re.Pattern[str], text: str, forms_name: str, lower_words: set[str]):
    """The same matches as pattern.finditer(text), for a pattern whose matches begin, where no
    word character precedes, with a form of a word list (`forms_name`): tried only where the
    first word of a form stands (`lower_words`: _lower_words(text)). A regex that begins with an
    alternation of a hundred forms, case-insensitive, tries each of them at every position: that
    was most of the time of the anchors. A text with letters that case folding treats unlike
    str.lower() is searched the plain way."""
    first_words, odd = _first_words(forms_name), _case_odd(forms_name)
    if first_words is None or odd is None or odd.search(text):
        yield from pattern.finditer(text)
        return
    hits = lower_words & first_words
    if not hits:
        return  # every match begins with one of these words
    lowered = text.lower()
    if len(lowered) != len(text):  # offsets would not carry over
        yield from pattern.finditer(text)
        return
    starts = set()
    for word in hits:
        at = lowered.find(word)
        while at >= 0:
            starts.add(at)
            at = lowered.find(word, at + 1)
    end = 0
    for start in sorted(starts):  # the pattern itself checks the word boundaries
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


_AMBIGUOUS_EN_MONTHS = frozenset({"may", "march", "mar.", "jan.", "dec.", "sep.", "jun.", "jul."})
_TIME_PREPOSITION = re.compile(r"\b(?:in|of|since|until|till|by|from|to|through|during|early|late|mid|last|next|this)[\s-]+$",
                               re.IGNORECASE)


def extract_dates(text: str, lang: str | None = None, *, lower_words: set[str] | None = None) -> list[Mention]:
    """Dates and weekdays: «11 апреля», "April 11th", «11 красавіка», 11.04.2026, 2026-04-11.

    Keys are ISO-like so that the same day compares equal whatever the language:
    "2026-04-11", "--04-11" when the year is not given, "2026-04" / "--04" for a month alone,
    "weekday-1" .. "weekday-7" for Monday .. Sunday. `lower_words`: `_lower_words(text)`, when the
    caller has it already.
    """
    months = _months()
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    patterns = list(enumerate(_date_patterns()))
    words = _lower_words(text) if lower_words is None else lower_words
    if words.isdisjoint(_month_words()):
        patterns = patterns[:2]  # only the all-digit forms can be here
    if not _DIGIT.search(text):
        patterns = patterns[2:]  # only the forms with a month word can be here
    for number, pattern in patterns:
        # the forms that begin with the month word are tried only where a month word begins
        found = (_at_words(pattern, text, _MONTH_FORMS, words) if number in _MONTH_FIRST
                 else _at_digit_runs(pattern, text))  # the others begin with the day or the year
        for match in found:
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            groups = match.groupdict()
            month_text = groups["month"]
            month = int(month_text) if month_text.isdigit() else months.get(month_text.lower())
            if not month or not 1 <= month <= 12:
                continue
            day = int(groups["day"]) if groups.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            if day is None and not groups.get("year") and not month_text.isdigit():
                # A month word alone: in English only when capitalised and not a verb ("may",
                # "march") — "May" and "March" count after a preposition of time ("in May").
                ambiguous = month_text.lower() in _AMBIGUOUS_EN_MONTHS and not (
                    month_text[0].isupper() and _TIME_PREPOSITION.search(text[:span[0]])
                )
                if ambiguous or (_is_latin(month_text) and not month_text[0].isupper()):
                    continue
            year = groups.get("year")
            key = f"{year or '-'}-{month:02d}" + (f"-{day:02d}" if day else "")
            taken.append(span)
            mentions.append(Mention("date", key, match.group(0), span))
    weekdays = _weekdays()
    for match in (_at_words(_weekday_pattern(), text, _WEEKDAY_FORMS, words)
                  if not words.isdisjoint(weekdays) else ()):
        mentions.append(Mention("weekday", f"weekday-{weekdays[match.group(1).lower()]}", match.group(0), match.span()))
    mentions.sort(key=lambda m: m.span)
    return mentions


# --------------------------------------------------------------------------- names

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# The words of _WORD that begin with a capital, found directly: names are a few words in a
# sentence, and testing every word in Python was most of the aligner's anchor time.
_UPPER = "".join(re.escape(chr(code)) for code in range(0x10000) if chr(code).isupper())
_CAPITALISED_WORD = re.compile(
    rf"(?<![^\W\d_])(?<![^\W\d_][-'’])[{_UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*")
_SENTENCE_OPENERS = set(".!?…:;«»\"“”„—–-([")
# Russian / Belarusian case endings that carry a consonant; vowels fall away in the key anyway.
_CYRILLIC_ENDINGS = ("ами", "ями", "амі", "ямі", "ому", "ему", "ого", "его", "ага", "яга",
                     "ым", "ім", "им", "ом", "ем", "ой", "ей", "ам", "ям", "ах", "ях", "ых", "іх", "их")


def _is_latin(word: str) -> bool:
    return all("a" <= ch.lower() <= "z" for ch in word if ch.isalpha())


def _fold_latin(text: str) -> str:
    text = text.replace("ł", "l").replace("ß", "ss").replace("ø", "o").replace("đ", "d")
    # š/č/ž keep their digraph sound (Łukašenka / Lukashenka), other marks are dropped
    text = text.replace("š", "sh").replace("č", "ch").replace("ž", "zh")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A spelling-independent key for a name: Лукашенко, Лукашэнка, Lukashenko -> 'lKSn'.

    Steps: lowercase; drop a possessive ('s) or a Russian/Belarusian case ending with a consonant
    (Путиным -> Путин); transliterate Cyrillic; fold spellings to sound classes (sh/sch/ш,
    kh/h/g/х/г, ts/t/ц, ...; see data/anchors/name_sounds.tsv); drop vowels; collapse doubles; keep the first four classes. Returns "" for a word too short
    to be a useful key.
    """
    word = word.lower().strip("'’-.")
    word = re.sub(r"['’]s$", "", word)
    if _CYRILLIC.search(word):
        for ending in _CYRILLIC_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        table = _transliteration()
        word = "".join(table.get(ch, ch) for ch in word)
    word = _fold_latin(word)
    word = re.sub(r"[^a-z]", "", word)
    classes: list[str] = []
    pattern, sound_of = _name_sound_scanner()
    for match in pattern.finditer(word):  # left to right, the longest spelling first
        spelling = match.group("spelling")
        if spelling is not None:
            classes.extend(sound_of[spelling])
        elif match.group("char") not in "aeiouy":
            classes.append(match.group("char"))
    collapsed: list[str] = []
    for sound in classes:
        if not collapsed or collapsed[-1] != sound:
            collapsed.append(sound)
    key = "".join(collapsed[:4])
    return key if len(collapsed) >= 2 else ""


def _sentence_initial(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and text[position].isspace():
        position -= 1
    return position < 0 or text[position] in _SENTENCE_OPENERS


def extract_names(text: str, lang: str | None = None, *, known: frozenset[str] | set[str] = frozenset()) -> list[Mention]:
    """Capitalised words that are likely names, with `name_key` keys, plus acronyms.

    A capitalised word at the start of a sentence is taken only when it is in `known`
    (lowercase words seen capitalised mid-sentence elsewhere; the aligner passes the words
    of the whole document) or looks like an acronym. Latin-script words in Cyrillic text
    (Reuters, IT, COVID) are always taken. Acronyms get the key "acr:<letters>" (Cyrillic
    folded so that Russian and Belarusian spellings agree) as well as no name key.
    """
    lang = lang or _guess_script_lang(text)
    stop = _stop_capitals()
    mentions: list[Mention] = []
    cyrillic_text = lang in ("ru", "be")
    for match in _CAPITALISED_WORD.finditer(text):
        word = match.group(0)
        lower = word.lower()
        if lower in stop or lower in _months() or lower in _weekdays():
            continue
        latin_in_cyrillic = cyrillic_text and _is_latin(word)
        if len(word) >= 2 and word.isupper():
            letters = _fold_cyrillic(lower)
            mentions.append(Mention("acronym", f"acr:{letters}", word, match.span()))
            continue
        if _sentence_initial(text, match.start()) and lower not in known and not latin_in_cyrillic:
            continue
        key = name_key(word)
        if key:
            mentions.append(Mention("name", key, word, match.span()))
    return mentions


def capitalised_words(text: str) -> set[str]:
    """Lowercased words written capitalised somewhere not at a sentence start (name candidates)."""
    return {
        m.group(0).lower()
        for m in _CAPITALISED_WORD.finditer(text)
        if not _sentence_initial(text, m.start())
    }


_CYRILLIC_FOLD = str.maketrans({"і": "и", "ў": "у", "э": "е", "ё": "е", "ъ": "", "'": "", "’": ""})


def _fold_cyrillic(text: str) -> str:
    """Fold Belarusian letters onto Russian ones (і->и, ў->у, э->е), for comparing ru with be."""
    return text.translate(_CYRILLIC_FOLD)


def _guess_script_lang(text: str) -> str:
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic * 2 < sum(ch.isalpha() for ch in text):
        return "en"
    return "be" if re.search(r"[іў]", text, re.IGNORECASE) else "ru"
