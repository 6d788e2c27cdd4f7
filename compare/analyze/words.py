"""Words of a sentence with their offsets, and the keys under which two words count as the same.

The diff, the checks and the scores all need the same notion of "a word": letters or digits
(with inner hyphens, apostrophes and decimal points kept), matched without regard to case,
ё/е, or the inflection a lemmatizer can undo:

- Russian: pymorphy3's first parse (its dictionary ships in the wheel);
- English: simplemma (offline tables);
- Belarusian: no offline lemmatizer exists, so a short list of inflectional endings
  (compare/data/checks/be_endings.txt) is stripped from long words — a stem, not a lemma,
  but enough to see «заявіў» and «заявіла» as the same word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "checks"

# A word: letters/digits, joined by inner hyphens, apostrophes (Belarusian «аб'ява», English
# "don't") or decimal separators between digits ("2,5", "1.5").
WORD_RE = re.compile(
    r"[^\W_]+(?:(?:[-‐‑'’ʼ]|(?<=\d)[.,](?=\d))[^\W_]+)*",
    re.UNICODE,
)
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "‐": "-", "‑": "-"})


@dataclass(frozen=True)
class Word:
    text: str  # as written
    start: int  # offsets into the text it came from
    end: int


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[Word, ...]:
    """The words of `text`, in order, punctuation left out (cached: the checks, the diff and the
    scores read the same sentences several times)."""
    return tuple(Word(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text))


def fold(word: str) -> str:
    """Case, ё/е and apostrophe/hyphen variants folded: the surface key."""
    return word.translate(APOSTROPHES).lower().replace("ё", "е")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3  # loaded on first Russian word: ~0.1 s

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _be_endings() -> tuple[str, ...]:
    lines = (DATA / "be_endings.txt").read_text(encoding="utf-8").splitlines()
    endings = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return tuple(sorted(endings, key=len, reverse=True))  # longest first


@lru_cache(maxsize=50_000)
def lemma(word: str, lang: str) -> str:
    """A lemma-like key for `word` in `lang` (folded first); the folded word if none is known."""
    folded = fold(word)
    if not folded or not folded[0].isalpha():
        return folded
    if lang == "ru":
        return _morph().parse(folded)[0].normal_form.replace("ё", "е")
    if lang == "en":
        import simplemma

        return simplemma.lemmatize(folded, lang="en").lower()
    if lang == "be":
        return be_stem(folded)
    return folded


def be_stem(folded: str) -> str:
    """Strip one inflectional ending from a Belarusian word, keeping a stem of ≥ 3 letters."""
    for ending in _be_endings():
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            return folded[: -len(ending)]
    return folded


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for line in (DATA / "stopwords.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, _, listed = line.partition("\t")
        table[lang.strip()] = frozenset(fold(w) for w in listed.split())
    return table


def is_function_word(word: str, lang: str) -> bool:
    """True for articles, prepositions, pronouns, auxiliaries (the stop list of `lang`)."""
    return fold(word) in _stopwords().get(lang, frozenset())


def content_words(text: str, lang: str) -> list[Word]:
    """The words of `text` that are not function words."""
    return [w for w in words(text) if not is_function_word(w.text, lang)]
