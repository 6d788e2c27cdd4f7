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
            # in word order, not the set's: the private columns are hashed by their index, so
            # an order that follows the hash seed would move scores from one run to the next
            for word, found in sorted(mapping.items()):
                if found and not any(f in column for f in found):
                    private[(side, word)] = len(column) + len(private)
        if tgt.lang == "ru" or src.lang == "ru":
            self._known_russian(bridge, src_map if src.lang == "ru" else tgt_map, "s" if src.lang == "ru" else "t",
                                column, private)
        src_rows = _Rows(src_words, src_map, column, private, "s")
        tgt_rows = _Rows(tgt_words, tgt_map, column, private, "t")
        size = len(column) + len(private)
        df = src_rows.df(size) + tgt_rows.df(size)
        idf = np.log1p((src_rows.n + tgt_rows.n) / np.maximum(df, 1))
        private_columns = int(min(64, max(8, max_columns // 8)))
        width = min(len(column), max(max_columns - 2 * private_columns, 1))
        return SignalVectors(self.name, src_rows.matrix(idf, width, len(column), 0, private_columns),
                             tgt_rows.matrix(idf, width, len(column), 1, private_columns), self.weight)

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


class _Rows:
    """Per segment: column -> mass, as sparse triples (segment, column, mass) summed per
    (segment, column). Each distinct word of a segment once (a repeated word is not more
    evidence); a word's kept renderings share a mass of at most 1."""

    def __init__(self, words: list[list[str]], mapping: dict[str, dict[str, float]], column: dict[str, int],
                 private: dict[tuple[str, str], int], side: str):
        word_id: dict[str, int] = {}
        offsets, cols, vals = [0], [], []
        for word, found in mapping.items():
            here = {column[f]: w for f, w in found.items() if f in column}
            total = sum(here.values())
            if total > 1.0:
                here = {k: w / total for k, w in here.items()}
            if not here and (side, word) in private:
                here = {private[(side, word)]: 1.0}
            if here:
                word_id[word] = len(word_id)
                cols.extend(here)
                vals.extend(here.values())
                offsets.append(len(cols))
        self.n = len(words)
        seg, wid = [], []
        for r, row in enumerate(words):
            for word in set(row):
                k = word_id.get(word)
                if k is not None:
                    seg.append(r)
                    wid.append(k)
        offsets_a = np.array(offsets, dtype=np.int64)
        seg_a, wid_a = np.array(seg, dtype=np.int64), np.array(wid, dtype=np.int64)
        counts = offsets_a[wid_a + 1] - offsets_a[wid_a] if len(wid_a) else np.zeros(0, np.int64)
        # expand each (segment, word) into its renderings: positions offsets[w] .. offsets[w+1]-1
        starts = np.repeat(offsets_a[wid_a] if len(wid_a) else np.zeros(0, np.int64), counts)
        within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        position = starts + within
        cols_a, vals_a = np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float64)
        all_seg = np.repeat(seg_a, counts)
        all_col, all_val = cols_a[position] if len(position) else np.zeros(0, np.int64), \
            vals_a[position] if len(position) else np.zeros(0)
        size = max(len(column) + len(private), 1)
        key, inverse = np.unique(all_seg * size + all_col, return_inverse=True)
        self.seg, self.col = key // size, key % size
        self.mass = np.bincount(inverse.ravel(), weights=all_val, minlength=len(key))

    def df(self, size: int) -> np.ndarray:
        return np.bincount(self.col, minlength=size).astype(np.float64)

    def matrix(self, idf: np.ndarray, width: int, shared: int, side: int, private: int) -> np.ndarray:
        """Shared features in columns 0..width-1 (hashed when there are more); private features
        in `private` columns of this side's own (hashed, each column holding the root of its
        summed squares within a segment): they meet nothing on the other side, a segment's norm
        is what it would be with a column per word, and the matrices stay narrow. (One column
        per side would not do: a 2-1 link sums its segments' rows, and roots do not add up.)"""
        matrix = np.zeros((self.n, width + 2 * private), dtype=np.float32)
        mass = np.minimum(self.mass, 1.0 + np.log(np.maximum(self.mass, 1.0)))  # sublinear above 1
        value = idf[self.col] * mass
        mine = self.col < shared
        np.add.at(matrix, (self.seg[mine], self.col[mine] % width), value[mine].astype(np.float32))
        bins = width + side * private + (self.col[~mine] - shared) % private
        squares = np.zeros((self.n, width + 2 * private))
        np.add.at(squares, (self.seg[~mine], bins), value[~mine] ** 2)
        lo, hi = width + side * private, width + (side + 1) * private
        matrix[:, lo:hi] = np.sqrt(squares[:, lo:hi]).astype(np.float32)
        return matrix
