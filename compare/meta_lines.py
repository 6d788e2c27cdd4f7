"""Page furniture: the lines users paste along with a story that are not story text.

    meta_sort(paragraph, lang, position)  -> sort name ("timestamp", "credit" …) or None
    split_end_mark(paragraph)             -> offset where a glued " -0-" starts, or None

A publication timestamp, a byline, a photo credit, a source or compilation line, the agency
end mark, a view counter, a rubric line, a "Read also" line, a share/print/subscribe line, a
line of symbols only. The segmenter (compare/segment.py) makes each such paragraph one segment
of kind "meta" with its sort, so it stays in the story (nothing is dropped) but is never
aligned as content, scored or flagged.

The patterns are data (compare/data/segment/meta/): regular expressions per language and for
all languages, and word lists for what one pattern cannot say — a lone agency name, a rubric
run together with a date and a view count («Общество 14 марта 5 210»), a person's name alone on
a line between paragraphs (a photographer's credit). The rules here only combine them.

Where a line could be either, content wins: a meta line is at most 200 characters, never ends
like a sentence with a verb in it, and a person's name is a credit only between paragraphs (not
as the first line, which may be the headline).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from compare.datafiles import data_lines

DATA = Path(__file__).resolve().parent / "data" / "segment" / "meta"

MAX_META_LENGTH = 200  # a longer paragraph is story text, whatever it starts with

_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_END_MARK_GLUED = re.compile(r"(?<=\S)\s*[-–—]\s?0\s?[-–—]\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*\.?")
_INITIAL = re.compile(r"[A-ZА-ЯЁІЎ]\.(?:\s?[A-ZА-ЯЁІЎ]\.)?")
_SEPARATORS = re.compile(r"[\s|•·/,;:()\[\]–—-]+")
_COUNT = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+")
_GLUED_MENU = re.compile(r"(?:[A-ZА-ЯЁІЎ][a-zа-яёіў]{2,}){4,}")
_SENTENCE_END = re.compile(r"[.!?…][»”\"')\]]*$")
_ALWAYS_META = frozenset({"end_mark", "counter", "timestamp"})


@dataclass(frozen=True)
class _Rules:
    patterns: tuple[tuple[str, re.Pattern], ...]  # (sort, whole-line pattern), in file order
    agencies: frozenset[str]
    rubrics: frozenset[str]
    first_names: frozenset[str]
    surname_endings: tuple[str, ...]
    stamp_words: frozenset[str]


def _lines(path: Path) -> list[str]:
    return data_lines(path)


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


def _fold(text: str) -> str:
    """Case and apostrophe forms aside: «Інтэрв’ю» is «інтэрв'ю»."""
    return text.casefold().translate(_APOSTROPHES)


def _pattern_sections(path: Path) -> list[tuple[str, re.Pattern]]:
    sort = ""
    out = []
    for line in _lines(path):
        if line.startswith("[") and line.endswith("]") and re.fullmatch(r"\[[a-z_]+\]", line):
            sort = line[1:-1]
            continue
        out.append((sort, re.compile(line, re.IGNORECASE)))
    return out


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    patterns = _pattern_sections(DATA / f"meta.{lang}.txt") + _pattern_sections(DATA / "meta.common.txt")
    return _Rules(
        patterns=tuple(patterns),
        agencies=frozenset(_fold(a) for a in _lines(DATA / "agencies.txt")),
        rubrics=frozenset(_fold(r) for r in _lines(DATA / "rubrics.txt")),
        first_names=frozenset(_fold(n) for n in _lines(DATA / "first_names.txt")),
        surname_endings=tuple(sorted((e.casefold() for e in _lines(DATA / "surname_endings.txt")),
                                     key=len, reverse=True)),
        stamp_words=frozenset(w.casefold() for w in _lines(DATA / "stamp_words.txt")),
    )


def split_end_mark(paragraph: str) -> int | None:
    """Where a glued agency end mark starts ("…пацярпелым.-0-", "… victims. -0-"), or None."""
    m = _END_MARK_GLUED.search(paragraph)
    return m.start() if m else None


def meta_sort(paragraph: str, lang: str, *, first: bool = False, stamp: re.Pattern | None = None
              ) -> str | None:
    """The sort of page furniture this paragraph is, or None when it is story text.

    first: the paragraph is the first of the document's content (where a headline stands: a
    lone name there is not taken for a credit). stamp: the segmenter's date/time pattern, for
    rubric lines that run a date and a view count together."""
    text = paragraph.strip()
    if not text:
        return None
    if not _HAS_LETTER_OR_DIGIT.search(text):
        return "symbols"  # "* * *", "—", an emoji line: kept, never aligned
    if lang in ("ru", "be") and _capitalised_menu(text):
        return "rubric"
    if len(text) > MAX_META_LENGTH:
        return None
    rules = _rules(lang)
    # A line of six words or more that ends like a sentence is story text even when it opens
    # like furniture («См. также интервью министра на сайте агентства.»).
    sentence_like = _SENTENCE_END.search(text) is not None and len(text.split()) >= 6
    for sort, pattern in rules.patterns:
        if pattern.fullmatch(text) and not (sentence_like and sort not in _ALWAYS_META):
            return sort
    folded = _fold(text).rstrip(".")
    if folded in rules.agencies:
        return "credit"
    if _GLUED_MENU.fullmatch(text):
        return "rubric"  # "EconomyPresidentSocietyPolitics": a menu whose spaces were lost
    rubric = _rubric_or_counter(text, rules, stamp)
    if rubric:
        return rubric
    if not first and _is_person_name(text, rules):
        return "credit"
    return None


def _capitalised_menu(text: str) -> bool:
    """«Правовой портал Программы Проекты Видеохроника …»: a run of menu items. Russian and
    Belarusian capitalise only the first word and names, so a line of eight words or more, most
    of them capitalised, with no final punctuation, is a menu, not a headline (official headlines
    capitalise much — «Поздравление Президента с Днем Независимости Беларуси» — but are shorter)."""
    words = _WORD.findall(text)
    if len(words) < 8 or len(text) > 600 or _SENTENCE_END.search(text) or "," in text:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)


def _rubric_or_counter(text: str, rules: _Rules, stamp: re.Pattern | None) -> str | None:
    """«Общество 14 марта 5 210», "Politics | 16.04.2024 11:21", "5 210" alone."""
    rest = stamp.sub(" ", text) if stamp is not None else text
    had_stamp = rest != text
    rest = _COUNT.sub(" ", rest)
    had_count = _COUNT.search(text) is not None
    words = [w for w in _SEPARATORS.split(rest) if w]
    if not words:
        if had_stamp:
            return "timestamp"
        return "counter" if had_count else None
    phrase = _fold(" ".join(words))
    for news in ("новости ", "навіны ", "news "):  # «Новости Общества», "News Politics"
        if phrase.startswith(news) and phrase[len(news):] in rules.rubrics:
            phrase = phrase[len(news):]
    if phrase in rules.rubrics:
        return "rubric"
    if had_stamp:
        # a date with icon labels or a rubric: "Updated at 09:41", «21:28 17 Сентября 2021 Власть»
        rest = [w.casefold() for w in words if w.casefold() not in rules.stamp_words]
        if not rest or (len(rest) == 1 and len(rest[0]) <= 20 and text[:1].isdigit()
                        and " " not in rest[0] and stamp.match(text)):
            return "timestamp"  # a date glued to a counter or a language switch: «01:3745РусБел»
        if " ".join(rest) in rules.rubrics or all(w in rules.rubrics for w in rest):
            return "rubric"
    return None


def _is_person_name(text: str, rules: _Rules) -> bool:
    """"Vladimir Gerdo", «Иван Петров», «А. Иванова» alone on a line."""
    if _SENTENCE_END.search(text) and not _INITIAL.fullmatch(text.split()[-1]):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 3:
        return False
    named = False
    for token in tokens:
        if _INITIAL.fullmatch(token):
            named = True
            continue
        if not _WORD.fullmatch(token) or not token[0].isupper() or token[1:2].isupper():
            return False
        if _fold(token) in rules.first_names:
            named = True
    if named:
        return True
    last = tokens[-1].casefold()
    return len(tokens) == 2 and len(last) >= 5 and last.endswith(rules.surname_endings)
