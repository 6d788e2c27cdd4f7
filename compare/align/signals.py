"""Similarity signals: pluggable evidence that a source segment and a target segment match.

A signal turns each segment of both sides into a vector; the cost model compares a group of
source segments with a group of target segments by the cosine of their summed vectors (so 1-2
and 2-1 links need no extra work from a signal). Anything that can describe a sentence as a
vector fits: shared anchors, character n-grams, a machine translation of the source
(Bleualign-style), sentence embeddings.

    class MySignal:
        name = "my-signal"
        def describe(self) -> str: ...                 # recorded in the alignment's signature
        def vectors(self, src, tgt) -> SignalVectors | None: ...   # None: nothing to offer

Only features seen on both sides are kept (a feature one side lacks cannot tell which segment
matches), weighted by inverse document frequency over the two documents, and hashed into at most
`max_columns` columns so that memory stays linear in the number of segments on long inputs.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol, Sequence

import numpy as np

from compare.anchors import (
    _fold_cyrillic,
    capitalised_words,
    extract_dates,
    extract_names,
    extract_numbers,
    name_key,
)
from compare.model import Document

CYRILLIC_LANGS = frozenset({"ru", "be", "uk", "bg", "sr", "mk"})


@dataclass(frozen=True)
class SignalVectors:
    """Per-segment vectors of one signal: row i of `src` describes source segment i."""

    name: str
    src: np.ndarray  # (n, d) float32
    tgt: np.ndarray  # (m, d) float32
    weight: float = 1.0  # how much this signal counts next to the others


class Signal(Protocol):
    name: str

    def describe(self) -> str: ...

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None: ...


# --------------------------------------------------------------------------- feature vectors


def feature_vectors(
    src_features: Sequence[Iterable[str]],
    tgt_features: Sequence[Iterable[str]],
    *,
    max_columns: int,
    idf: bool = True,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Weighted bag-of-features vectors for both sides; None when the sides share no feature."""
    src_bags = [Counter(f) for f in src_features]
    tgt_bags = [Counter(f) for f in tgt_features]
    src_df: Counter[str] = Counter()
    tgt_df: Counter[str] = Counter()
    for bag in src_bags:
        src_df.update(bag.keys())
    for bag in tgt_bags:
        tgt_df.update(bag.keys())
    shared = src_df.keys() & tgt_df.keys()
    if not shared:
        return None
    columns = {feature: index % max_columns for index, feature in enumerate(sorted(shared))}
    width = min(len(columns), max_columns)
    total = len(src_bags) + len(tgt_bags)
    weights = {
        feature: (math.log(1.0 + total / (src_df[feature] + tgt_df[feature])) if idf else 1.0)
        for feature in shared
    }

    def build(bags: list[Counter[str]]) -> np.ndarray:
        matrix = np.zeros((len(bags), width), dtype=np.float32)
        for row, bag in enumerate(bags):
            for feature, count in bag.items():
                column = columns.get(feature)
                if column is not None:
                    # sublinear term frequency: a repeated word is not twice the evidence
                    matrix[row, column] += weights[feature] * (1.0 + math.log(count))
        return matrix

    return build(src_bags), build(tgt_bags)


# --------------------------------------------------------------------------- anchors


def anchor_features(document: Document) -> list[list[str]]:
    """Numbers, dates, weekdays, names, acronyms, Latin words and punctuation that survive translation."""
    known = capitalised_words(document.text) if document.text else set()
    for segment in document.segments:
        known |= capitalised_words(segment.text)
    lang = document.lang
    rows = []
    for segment in document.segments:
        text = segment.text
        features: list[str] = []
        dates = extract_dates(text, lang)
        for mention in dates:
            features.append(f"{mention.kind}:{mention.key}")
            if mention.kind == "date" and mention.key.count("-") == 3 and not mention.key.startswith("--"):
                features.append(f"date:--{mention.key[5:]}")  # the day without its year also matches
                features.append(f"number:{mention.key[:4]}")
        for mention in extract_numbers(text, lang, dates=dates):
            features.append(f"number:{mention.key}")
        for mention in extract_names(text, lang, known=known):
            features.append(f"{mention.kind}:{mention.key}")
        for token in re.findall(r"[A-Za-z][A-Za-z0-9&.-]*[A-Za-z0-9]", text) if lang in CYRILLIC_LANGS else ():
            features.append(f"latin:{token.lower()}")
        features.extend(_punctuation_features(text))
        rows.append(features)
    return rows


_QUOTES_OPEN = "«“„\""
_QUOTES_CLOSE = "»”\""


def _punctuation_features(text: str) -> list[str]:
    """Marks that translators keep: questions, exclamations, quoted speech, parentheses."""
    features = []
    stripped = text.strip()
    if "?" in stripped:
        features.append("punct:?")
    if "!" in stripped:
        features.append("punct:!")
    if "(" in stripped:
        features.append("punct:(")
    if stripped[:1] in _QUOTES_OPEN or stripped[:2] in ("– «", "— «"):
        features.append("quote:opens")
    if any(q in stripped for q in _QUOTES_OPEN + _QUOTES_CLOSE + "‘’"):
        features.append("quote:has")
    if stripped[-1:] in _QUOTES_CLOSE or re.search(r"[»”\"]\s*[,–—-]", stripped):
        features.append("quote:closes")
    return features


class AnchorSignal:
    """Model-free anchors: numbers and dates normalised across languages, names through
    transliteration, acronyms, Latin-script tokens, quotation boundaries, ? and !."""

    name = "anchors"

    def describe(self) -> str:
        return "anchors"

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None:
        built = feature_vectors(anchor_features(src), anchor_features(tgt), max_columns=max_columns)
        return None if built is None else SignalVectors(self.name, *built)


# --------------------------------------------------------------------------- shared spelling


_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return text


def char_ngrams(text: str, sizes: tuple[int, ...] = (3, 4)) -> list[str]:
    """Character n-grams inside words (padded with spaces), plus the words themselves."""
    features = []
    for word in _WORDS.findall(_normalise(text)):
        features.append("w:" + word)
        padded = f" {word} "
        for size in sizes:
            features.extend(padded[k : k + size] for k in range(max(1, len(padded) - size + 1)))
    return features


_BE_RU_FOLD = [
    (re.compile(r"дз(?=[ьеёяюі])"), "д"),
    (re.compile(r"ц(?=[ьеёяюі])"), "т"),
    (re.compile(r"[ьъ'’ʼ]"), ""),
]
_VOWEL_FOLD = str.maketrans({"о": "а", "я": "е", "э": "е", "ё": "е", "і": "и", "ы": "и", "ў": "у", "ю": "у"})


def fold_east_slavic(text: str) -> str:
    """Fold Russian and Belarusian spelling onto one alphabet (малако / молоко, дзень / день)."""
    text = _normalise(text)
    for pattern, replacement in _BE_RU_FOLD:
        text = pattern.sub(replacement, text)
    return text.translate(_VOWEL_FOLD)


def cognate_keys(text: str) -> list[str]:
    """Script-independent word stems: the first three consonant classes of words of 5+ letters
    (президент / president), so that English and Cyrillic text share some features."""
    keys = []
    for word in _WORDS.findall(text):
        if len(word) >= 5 and not word.isdigit():
            key = name_key(word).replace("z", "s")[:3]
            if len(key) == 3:
                keys.append("c:" + key)
    return keys


class SharedSpellingSignal:
    """Spelling the two versions share. For ru<->be: character n-grams after folding the two
    orthographies together (they are close languages); for languages in one script: character
    n-grams as they stand; across scripts: consonant skeletons of transliterated words."""

    name = "spelling"

    def describe(self) -> str:
        return "spelling"

    def featurizer(self, src_lang: str, tgt_lang: str) -> Callable[[str], list[str]]:
        src_cyr, tgt_cyr = src_lang in CYRILLIC_LANGS, tgt_lang in CYRILLIC_LANGS
        if src_cyr and tgt_cyr:
            return lambda text: char_ngrams(fold_east_slavic(text))
        if src_cyr == tgt_cyr:
            return char_ngrams
        return cognate_keys

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None:
        featurize = self.featurizer(src.lang, tgt.lang)
        built = feature_vectors(
            [featurize(s.text) for s in src.segments],
            [featurize(s.text) for s in tgt.segments],
            max_columns=max_columns,
        )
        return None if built is None else SignalVectors(self.name, *built)


# --------------------------------------------------------------------------- machine translation


class TranslationSignal:
    """Bleualign-style: a translation of the source into the target language, line for line,
    compared with the target by character n-grams (a chrF-like overlap)."""

    name = "mt"

    def __init__(self, translations: Sequence[str], label: str = "file"):
        self.translations = list(translations)
        self.label = label

    def describe(self) -> str:
        return f"mt({self.label})"

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None:
        if len(self.translations) != len(src.segments):
            raise ValueError(
                f"the translation has {len(self.translations)} lines, the source {len(src.segments)}"
            )
        cyrillic = tgt.lang in CYRILLIC_LANGS
        normalise = fold_east_slavic if cyrillic else (lambda text: text)
        built = feature_vectors(
            [char_ngrams(normalise(line)) for line in self.translations],
            [char_ngrams(normalise(s.text)) for s in tgt.segments],
            max_columns=max_columns,
        )
        return None if built is None else SignalVectors(self.name, *built, weight=1.5)


def default_signals(mt: Sequence[str] | None = None, mt_label: str = "file") -> list[Signal]:
    signals: list[Signal] = [AnchorSignal(), SharedSpellingSignal()]
    if mt is not None:
        signals.append(TranslationSignal(mt, mt_label))
    return signals


__all__ = [
    "AnchorSignal",
    "SharedSpellingSignal",
    "Signal",
    "SignalVectors",
    "TranslationSignal",
    "anchor_features",
    "char_ngrams",
    "cognate_keys",
    "default_signals",
    "feature_vectors",
    "fold_east_slavic",
    "_fold_cyrillic",
]
