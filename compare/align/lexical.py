"""Lexical overlap through the dictionary bridge (compare/bridge): content words of the two
sides that render each other, weighted by rarity — the evidence hunalign draws from its
dictionary, as a signal like the others (signals.py).

Both sides are mapped into one space, Russian lemmas (bridge.concepts): an English word to its
dictionary renderings, a Belarusian word through Apertium's bidix, a Russian word to its own
lemmas. Only renderings that occur on the other side somewhere in the document are kept, so
that a word's weight is not spread over senses the text never uses; a word's kept renderings
share a mass of at most 1 (its dictionary weights, first senses first), so that a word with
many senses is not many words. Each feature then weighs its idf over the two documents (a
rare word that matches is strong evidence, «заявил» / "said" weak). Calibrated on the text at
hand like every signal (costs.calibrate_signal).
"""
from __future__ import annotations

import math

import numpy as np

from compare.align.signals import SignalVectors
from compare.model import Document

BRIDGE_LANGS = frozenset({"en", "ru", "be"})


def bridge_for(src_lang: str, tgt_lang: str):
    """The bridge when it can speak about this pair, else None."""
    if src_lang == tgt_lang or src_lang not in BRIDGE_LANGS or tgt_lang not in BRIDGE_LANGS:
        return None
    from compare.bridge import get_bridge

    bridge = get_bridge()
    if bridge is None or not (bridge.serves(src_lang) and bridge.serves(tgt_lang)):
        return None
    return bridge


def segment_words(document: Document) -> list[list[str]]:
    """Each segment's words, normalised as lemmatize.tokenize does (without its Token objects,
    which cost a third of this signal's time)."""
    from compare.analyze.lemmatize import _WORD, normalize

    return [_WORD.findall(normalize(segment.text)) for segment in document.segments]


class BridgeSignal:
    """Content words matched through the dictionary bridge, weighted by rarity."""

    name = "bridge"

    def __init__(self, bridge=None, weight: float = 1.0):
        self.bridge = bridge
        self.weight = weight

    def describe(self) -> str:
        return self.bridge.describe() if self.bridge is not None else "bridge"

    def vectors(self, src: Document, tgt: Document, *, max_columns: int) -> SignalVectors | None:
        from compare.bridge import concepts

        bridge = self.bridge or bridge_for(src.lang, tgt.lang)
        if bridge is None:
            return None
        self.bridge = bridge
        src_words, tgt_words = segment_words(src), segment_words(tgt)
        src_map = concepts({w for row in src_words for w in row}, src.lang, bridge)
        tgt_map = concepts({w for row in tgt_words for w in row}, tgt.lang, bridge)
        src_vocab = {f for found in src_map.values() for f in found}
        tgt_vocab = {f for found in tgt_map.values() for f in found}
        shared = sorted(src_vocab & tgt_vocab)
        if not shared:
            return None
        column = {f: k for k, f in enumerate(shared)}
        # A word the dictionaries know but whose renderings occur nowhere on the other side gets
        # a column of its own: it cannot match, but it weighs in its segment's norm, so that a
        # sentence pair sharing one word of six scores lower than one sharing five (a dropped
        # sentence facing an added one at the same place often shares a word or two).
        private: dict[tuple[str, str], int] = {}
        for side, mapping in (("s", src_map), ("t", tgt_map)):
            for word, found in mapping.items():
                if found and not any(f in column for f in found):
                    private[(side, word)] = len(column) + len(private)
        if tgt.lang == "ru" or src.lang == "ru":
            self._known_russian(bridge, src_map if src.lang == "ru" else tgt_map, "s" if src.lang == "ru" else "t",
                                column, private)
        src_rows = _rows(src_words, src_map, column, private, "s")
        tgt_rows = _rows(tgt_words, tgt_map, column, private, "t")
        size = len(column) + len(private)
        df = np.zeros(size)
        for rows in (src_rows, tgt_rows):
            for row in rows:
                for k in row:
                    df[k] += 1
        idf = np.log1p((len(src_rows) + len(tgt_rows)) / np.maximum(df, 1))
        width = min(size, max_columns)
        return SignalVectors(self.name, _matrix(src_rows, idf, width), _matrix(tgt_rows, idf, width), self.weight)

    @staticmethod
    def _known_russian(bridge, mapping, side, column, private) -> None:
        """A Russian word's own lemmas always 'have renderings'; only a word the dictionaries
        render into the other language counts as unmatched (not a name, not a rare word)."""
        other = "ru_en" if bridge.serves("en") else "ru_be"
        lemmas = {f for found in mapping.values() for f in found}
        known = bridge.lookup(other, lemmas)
        for word, found in mapping.items():
            key = (side, word)
            if key in private and not any(known.get(f) for f in found):
                del private[key]
        for k, key in enumerate(sorted(private, key=private.get)):
            private[key] = len(column) + k


def _rows(words: list[list[str]], mapping: dict[str, dict[str, float]], column: dict[str, int],
          private: dict[tuple[str, str], int], side: str) -> list[dict[int, float]]:
    """Per segment: column -> mass. Each distinct content word once (a repeated word is not
    more evidence); its kept renderings share a mass of at most 1."""
    kept: dict[str, dict[int, float]] = {}
    for word, found in mapping.items():
        here = {column[f]: w for f, w in found.items() if f in column}
        total = sum(here.values())
        if total > 1.0:
            here = {k: w / total for k, w in here.items()}
        if not here and (side, word) in private:
            here = {private[(side, word)]: 1.0}
        kept[word] = here
    rows = []
    for row in words:
        out: dict[int, float] = {}
        for word in set(row):
            for k, w in kept.get(word, {}).items():
                out[k] = out.get(k, 0.0) + w
        rows.append(out)
    return rows


def _matrix(rows: list[dict[int, float]], idf: np.ndarray, width: int) -> np.ndarray:
    matrix = np.zeros((len(rows), width), dtype=np.float32)
    for r, row in enumerate(rows):
        for k, mass in row.items():
            matrix[r, k % width] += idf[k] * min(mass, 1.0 + math.log(max(mass, 1.0)))
    return matrix
