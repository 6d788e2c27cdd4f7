"""Similarity signals: pluggable evidence that a source segment and a target segment match.

A signal turns each segment of both sides into a vector; the cost model compares a group of
source segments with a group of target segments by the cosine of their summed vectors (so 1-2
and 2-1 links need no extra work from a signal). Anything that can describe a sentence as a
vector fits: shared anchors, character n-grams, a machine translation of the source
(Bleualign-style), sentence embeddings.

    class MySignal:
        name = "my-signal"
        def describe(self) -> str: ...          # recorded in the alignment's signature
        def vectors(self, src, tgt, *, max_columns) -> SignalVectors | None: ...  # None: nothing to offer

    align_documents(src, tgt, settings=AlignSettings(extra_signals=(MySignal(),)))

A machine translation needs no class of its own: pass its lines as `mt=` (source translated
into the target language) and/or `mt_reverse=` (target into the source language). A line that
is missing (None, empty or blank: the segment's translation failed) is no evidence: its row is
empty, and the cost model neither scores a link by it nor counts it in the calibration (see
`translated_side` and costs.has_evidence).

Features are weighted by inverse document frequency over the two documents and hashed into at
most `max_columns` columns (features both sides share first), so that memory stays linear in the
number of segments on long inputs.
"""
from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

import numpy as np

from compare.anchors import (
    _lower_words,
    capitalised_words,
    extract_dates,
    extract_names,
    extract_numbers,
    name_key,
)
from compare.model import Document

CYRILLIC_LANGS = frozenset({"ru", "be", "uk", "bg", "sr", "mk"})
CAPITALISED_NOUNS = frozenset({"de", "lb"})  # languages that capitalise every noun


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


Keyed = tuple[np.ndarray, np.ndarray]  # (row of each feature occurrence, its integer key)


def string_keys(rows_of_features: Sequence[Iterable[str]]) -> Keyed:
    """Feature strings -> (rows, integer keys) (a stable CRC of the string; not Python's hash,
    which changes from run to run)."""
    rows, keys = [], []
    for row, features in enumerate(rows_of_features):
        for feature in features:
            rows.append(row)
            keys.append(zlib.crc32(feature.encode("utf-8")) | (1 << 40))
    return np.array(rows, dtype=np.int64), np.array(keys, dtype=np.int64)


_MIX = np.uint64(0x9E3779B97F4A7C15)


def ngram_keys(texts: Sequence[str], sizes: tuple[int, ...] = (3, 4)) -> Keyed:
    """Character n-grams of every text, hashed with numpy in one sweep over all the texts.

    Texts are lowercased and anything that is not a letter or digit becomes a space; n-grams
    stay inside words, padded with a space at either end (" wo", "ord ") as before chrF."""
    if not texts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cleaned = [" " + _LETTERS.sub(" ", _normalise(t)) + " " for t in texts]
    lengths = np.array([len(t) for t in cleaned], dtype=np.int64)
    codes = np.frombuffer("".join(cleaned).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    position = np.arange(len(codes)) - np.repeat(starts, lengths)
    all_rows, all_keys = [], []
    for size in sizes:
        if len(codes) < size:
            continue
        count = len(codes) - size + 1
        key = np.full(count, np.uint64(size))
        with np.errstate(over="ignore"):
            for offset in range(size):
                key = key * _MIX + codes[offset : offset + count]
        # an n-gram lies inside one text and inside one word (a space may pad either end)
        keep = position[:count] + size <= np.repeat(lengths, lengths)[:count]
        for offset in range(1, size - 1):
            keep &= codes[offset : offset + count] != 32
        keep &= ~((codes[:count] == 32) & (codes[size - 1 : size - 1 + count] == 32))
        all_rows.append(row_of[:count][keep])
        with np.errstate(over="ignore"):
            key = key * _MIX  # one more round, so that the last character reaches the high bits
        all_keys.append((key[keep] >> np.uint64(24)).astype(np.int64))  # 40 bits, apart from string keys
    return np.concatenate(all_rows), np.concatenate(all_keys)


_LETTERS = re.compile(r"[^\w]|_", re.UNICODE)


def join_keys(*parts: Keyed) -> Keyed:
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def keyed_vectors(src: Keyed, tgt: Keyed, n: int, m: int, *, max_columns: int,
                  one_sided: bool = False) -> tuple[np.ndarray, np.ndarray] | None:
    """Weighted bag-of-features vectors for both sides; None when the sides share no feature.

    Weight idf = log(1 + N / df) over the two documents; term frequency is sublinear
    (1 + log count): a repeated word is not twice the evidence."""
    (src_rows, src_keys), (tgt_rows, tgt_keys) = src, tgt
    if len(src_keys) == 0 or len(tgt_keys) == 0:
        return None
    # one sort per side: each occurrence's key becomes an index into that side's distinct keys
    src_distinct, src_inverse = np.unique(src_keys, return_inverse=True)
    tgt_distinct, tgt_inverse = np.unique(tgt_keys, return_inverse=True)
    shared = np.intersect1d(src_distinct, tgt_distinct, assume_unique=True)
    if len(shared) == 0:
        return None
    # Shared features take the first columns. With one_sided, features of one side only follow:
    # they cannot match anything but count in a segment's norm (a sentence with names the other
    # side lacks is a worse match, and joining it to a link must cost). Without, they are dropped
    # (better for wording, where free translation leaves many words unmatched).
    if one_sided:
        only_src = np.setdiff1d(src_distinct, shared, assume_unique=True)
        only_tgt = np.setdiff1d(tgt_distinct, shared, assume_unique=True)
        vocabulary = np.concatenate([shared, only_src, only_tgt[~np.isin(only_tgt, only_src)]])
    else:
        vocabulary = shared
    order = np.argsort(vocabulary)
    total = n + m

    def counts(rows: np.ndarray, distinct: np.ndarray, inverse: np.ndarray):
        # column of each distinct key (-1: dropped), then of each occurrence
        position = np.searchsorted(vocabulary, distinct, sorter=order)
        position = np.minimum(position, len(vocabulary) - 1)
        found = vocabulary[order[position]] == distinct
        distinct_column = np.where(found, order[position], -1)
        column = distinct_column[inverse.ravel()]
        keep = column >= 0
        pair, tf = np.unique(rows[keep] * len(vocabulary) + column[keep], return_counts=True)
        return pair // len(vocabulary), pair % len(vocabulary), tf

    src_r, src_c, src_tf = counts(src_rows, src_distinct, src_inverse)
    tgt_r, tgt_c, tgt_tf = counts(tgt_rows, tgt_distinct, tgt_inverse)
    df = np.bincount(src_c, minlength=len(vocabulary)) + np.bincount(tgt_c, minlength=len(vocabulary))
    idf = np.log1p(total / np.maximum(df, 1))
    width = min(len(vocabulary), max_columns)

    def build(rows, columns, tf, size):
        matrix = np.zeros((size, width), dtype=np.float32)
        np.add.at(matrix, (rows, columns % width), (idf[columns] * (1.0 + np.log(tf))).astype(np.float32))
        return matrix

    return build(src_r, src_c, src_tf, n), build(tgt_r, tgt_c, tgt_tf, m)


def feature_vectors(
    src_features: Sequence[Iterable[str]],
    tgt_features: Sequence[Iterable[str]],
    *,
    max_columns: int,
    one_sided: bool = False,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Weighted vectors from lists of feature strings per segment (see keyed_vectors)."""
    return keyed_vectors(string_keys(src_features), string_keys(tgt_features),
                         len(src_features), len(tgt_features), max_columns=max_columns, one_sided=one_sided)


def word_features(text: str) -> list[str]:
    return ["w:" + word for word in _WORDS.findall(_normalise(text))]


# --------------------------------------------------------------------------- anchors


def anchor_features(document: Document) -> tuple[tuple[str, ...], ...]:
    """Numbers, dates, weekdays, names, acronyms, Latin words and punctuation that survive
    translation, per segment. Cached per document: the cost model and the overall confidence
    both read them, and extracting them is a third of an article's align time."""
    return _anchor_features(document)


@functools.lru_cache(maxsize=8)
def _anchor_features(document: Document) -> tuple[tuple[str, ...], ...]:
    known: set[str] = set()  # words written capitalised mid-sentence somewhere in the document
    for segment in document.segments:
        known |= capitalised_words(segment.text)
    lang = document.lang
    rows = []
    for segment in document.segments:
        text = segment.text
        features: list[str] = []
        words = _lower_words(text)  # once for both extractors
        dates = extract_dates(text, lang, lower_words=words)
        for mention in dates:
            features.append(f"{mention.kind}:{mention.key}")
            if mention.kind == "date" and mention.key.count("-") == 3 and not mention.key.startswith("--"):
                features.append(f"date:--{mention.key[5:]}")  # the day without its year also matches
                features.append(f"number:{mention.key[:4]}")
        for mention in extract_numbers(text, lang, dates=dates, lower_words=words):
            features.append(f"number:{mention.key}")
        for mention in extract_names(text, lang, known=known):
            features.append(f"{mention.kind}:{mention.key}")
            if mention.kind == "name" and len(mention.key) >= 3:
                # the stem also matches across derived forms (Гомель / Гомельская, Vietnam / В'етнама)
                features.append(f"stem:{mention.key[:3]}")
        for token in re.findall(r"[A-Za-z][A-Za-z0-9&.-]*[A-Za-z0-9]", text) if lang in CYRILLIC_LANGS else ():
            features.append(f"latin:{token.lower()}")
        features.extend(_punctuation_features(text))
        rows.append(tuple(features))
    return tuple(rows)


_WEAK = ("punct:", "quote:")
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
        src_features, tgt_features = anchor_features(src), anchor_features(tgt)
        # Numbers, dates and names one side lacks count against a match (one_sided); marks of
        # punctuation and quotation only count where both sides have them.
        # (Not in German, where every noun is capitalised and "names" are mostly nouns.)
        one_sided = not ({src.lang, tgt.lang} & CAPITALISED_NOUNS)
        strong = feature_vectors([[f for f in row if not f.startswith(_WEAK)] for row in src_features],
                                 [[f for f in row if not f.startswith(_WEAK)] for row in tgt_features],
                                 max_columns=max_columns, one_sided=one_sided)
        weak = feature_vectors([[f for f in row if f.startswith(_WEAK)] for row in src_features],
                               [[f for f in row if f.startswith(_WEAK)] for row in tgt_features],
                               max_columns=max_columns)
        parts = [p for p in (strong, weak) if p is not None]
        if not parts:
            return None
        return SignalVectors(self.name, np.hstack([p[0] for p in parts]), np.hstack([p[1] for p in parts]))


# --------------------------------------------------------------------------- shared spelling


_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return text


def text_keys(texts: Sequence[str]) -> Keyed:
    """Character 3- and 4-grams and whole words of each text, as keyed features."""
    return join_keys(ngram_keys(texts), string_keys([word_features(t) for t in texts]))


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
        key = _cognate_key(word)
        if key:
            keys.append(key)
    return keys


@functools.lru_cache(maxsize=65536)
def _cognate_key(word: str) -> str:
    """A word's cognate feature, or "" (cached: a text repeats its words)."""
    if len(word) >= 5 and not word.isdigit():
        key = name_key(word).replace("z", "s")[:3]
        if len(key) == 3:
            return "c:" + key
    return ""


class SharedSpellingSignal:
    """Spelling the two versions share. For ru<->be: character n-grams after folding the two
    orthographies together (they are close languages); for languages in one script: character
    n-grams as they stand; across scripts: consonant skeletons of transliterated words."""

    name = "spelling"

    def describe(self) -> str:
        return "spelling"

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None:
        src_cyr, tgt_cyr = src.lang in CYRILLIC_LANGS, tgt.lang in CYRILLIC_LANGS
        if src_cyr != tgt_cyr:  # across scripts: transliterated word skeletons
            built = feature_vectors([cognate_keys(s.text) for s in src.segments],
                                    [cognate_keys(s.text) for s in tgt.segments], max_columns=max_columns)
        else:
            fold = fold_east_slavic if src_cyr else (lambda text: text)
            built = keyed_vectors(text_keys([fold(s.text) for s in src.segments]),
                                  text_keys([fold(s.text) for s in tgt.segments]),
                                  len(src.segments), len(tgt.segments), max_columns=max_columns)
        return None if built is None else SignalVectors(self.name, *built)


# --------------------------------------------------------------------------- machine translation


def translated_side(name: str) -> str:
    """Which side of a signal's vectors is a machine translation: "src" (mt), "tgt"
    (mt-reverse) or "" (the texts themselves). On a translated side an empty row means the
    line is missing, not that the sentence shares nothing. By name, so that it survives the
    slicing of SignalVectors into stretches (an MT engine plugged in as an extra signal gets it
    by naming itself "mt:ENGINE" or "mt-reverse:ENGINE")."""
    if name == "mt-reverse" or name.startswith("mt-reverse:"):
        return "tgt"
    if name == "mt" or name.startswith("mt:"):
        return "src"
    return ""


def translation_lines(lines: Sequence[str | None]) -> list[str]:
    """MT lines as text: a missing line (None) becomes empty; it gives an empty row."""
    return ["" if line is None else str(line) for line in lines]


class TranslationSignal:
    """Bleualign-style: a translation of the source into the target language, line for line,
    compared with the target by character n-grams (a chrF-like overlap)."""

    name = "mt"

    def __init__(self, translations: Sequence[str | None], label: str = "file"):
        self.translations = translation_lines(translations)
        self.label = label

    def describe(self) -> str:
        return f"mt({self.label})"

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None:
        if len(self.translations) != len(src.segments):
            raise ValueError(
                f"the translation has {len(self.translations)} lines, the source {len(src.segments)}"
            )
        cyrillic = tgt.lang in CYRILLIC_LANGS
        fold = fold_east_slavic if cyrillic else (lambda text: text)
        built = keyed_vectors(text_keys([fold(line) for line in self.translations]),
                              text_keys([fold(s.text) for s in tgt.segments]),
                              len(self.translations), len(tgt.segments), max_columns=max_columns)
        return None if built is None else SignalVectors(self.name, *built, weight=1.5)


class ReverseTranslationSignal:
    """The same as TranslationSignal the other way round: a translation of the target into the
    source language, line for line, compared with the source."""

    name = "mt-reverse"

    def __init__(self, translations: Sequence[str | None], label: str = "file"):
        self.translations = translation_lines(translations)
        self.label = label

    def describe(self) -> str:
        return f"mt-reverse({self.label})"

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None:
        if len(self.translations) != len(tgt.segments):
            raise ValueError(
                f"the reverse translation has {len(self.translations)} lines, the target {len(tgt.segments)}"
            )
        fold = fold_east_slavic if src.lang in CYRILLIC_LANGS else (lambda text: text)
        built = keyed_vectors(text_keys([fold(s.text) for s in src.segments]),
                              text_keys([fold(line) for line in self.translations]),
                              len(src.segments), len(self.translations), max_columns=max_columns)
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
    "ReverseTranslationSignal",
    "TranslationSignal",
    "anchor_features",
    "cognate_keys",
    "default_signals",
    "feature_vectors",
    "keyed_vectors",
    "ngram_keys",
    "string_keys",
    "text_keys",
    "fold_east_slavic",
    "translated_side",
    "translation_lines",
]
