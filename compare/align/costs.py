"""The cost model: how good is a link of `a` source segments against `b` target segments.

A link's score (higher is better; the search maximises the sum over the path) is

    prior[a-b]                            how often translators merge, split, drop or add
  + w_len * length(a, b)                  Gale–Church: target length ≈ c · source length, with
                                          variance s² per character; c and s² are estimated on
                                          the text at hand (first pass, then the links found)
  + Σ_k w_k · r_k · (z_k(a, b) - θ)       each similarity signal: the cosine of the summed
                                          vectors, rescaled so that an unrelated pair is 0 and a
                                          typical true pair of this document is 1 (z), weighted
                                          by how well the signal separates the two here (r);
                                          below θ the signal speaks against the link
  + Σ_k w_k · r_k · orphan · L_k · o_k/2  o_k: segments of the link whose anchors (numbers, names)
                                          find none on the link's other side; L_k ≤ 0 the log-ratio
                                          of "nothing shared" among true vs unrelated pairs here
  - paragraph penalties                   a link that crosses a paragraph boundary on one side

and an omission or addition (1-0 / 0-1) scores `prior[1-0]` per segment.

A signal says nothing about a link that has no features of it on either side; a machine
translation says nothing about a link whose translated side has no line (missing lines are
empty rows: the segment's MT failed): neither for nor against it, nor in the calibration
(has_evidence).

Scores are computed for a block of rows of the search band at a time (see search.py), so
memory stays linear in the length of the inputs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from compare.align.signals import SignalVectors, translated_side

NEG = -1.0e9  # a score no path should take (finite, so sums and cumulative sums stay finite)

# Link types the search considers, as (source count, target count).
LINK_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))


def has_evidence(name: str, src_norm: np.ndarray, tgt_norm: np.ndarray, eps: float = 0.0) -> np.ndarray:
    """Where a signal can speak about a pair or link, from the norms of its two sides' (summed)
    vectors. A signal on the texts themselves: where either side has a feature (a sentence with
    a number facing one without is evidence against). A machine translation: only where its
    translated side has a line (signals.translated_side): a missing line is no evidence, and
    must not read as 'nothing in common'. A link with some of its MT lines missing is scored
    by the lines it has (its missing rows add nothing to the summed vector)."""
    side = translated_side(name)
    if side == "src":
        return np.asarray(src_norm) > eps
    if side == "tgt":
        return np.asarray(tgt_norm) > eps
    return (np.asarray(src_norm) > eps) | (np.asarray(tgt_norm) > eps)


@dataclass(frozen=True)
class Band:
    """The part of the (n+1) x (m+1) grid searched: row i holds columns lo[i] .. lo[i]+width-1."""

    lo: np.ndarray  # (n+1,) int64
    width: int
    n: int
    m: int

    @staticmethod
    def full(n: int, m: int) -> "Band":
        return Band(np.zeros(n + 1, dtype=np.int64), m + 1, n, m)

    @property
    def is_full(self) -> bool:
        return self.width >= self.m + 1 and not self.lo.any()


@dataclass
class LengthModel:
    """Gale–Church: len(tgt) - c·len(src) is normal with variance s²·len, per character."""

    c: float
    s2: float

    def score(self, src_len: np.ndarray, tgt_len: np.ndarray) -> np.ndarray:
        # Student-t rather than normal log density: free translation makes heavy tails, and a
        # single long addition should not outweigh every other signal.
        mean_len = (src_len + tgt_len / self.c) / 2.0
        delta = (tgt_len - self.c * src_len) / np.sqrt(self.s2 * np.maximum(mean_len, 1.0))
        return -2.0 * np.log1p(delta * delta / 3.0)


@dataclass
class SignalCalibration:
    """Where unrelated pairs (random) and true pairs (match) fall for one signal, here."""

    random: float
    match: float
    reliability: float  # 0: tells nothing here, 1: separates well
    # Among pairs where either side has a feature of this signal: the share that have none in
    # common, for true pairs (the links found, or each segment's best match) and unrelated pairs.
    none_match: float = 0.0
    none_random: float = 0.0

    def orphan_log_ratio(self, smoothing: float = 0.05) -> float:
        """log P(nothing shared | true pair) / P(nothing shared | unrelated pair), at most 0:
        how far a segment whose features find nothing in its partner speaks against the link."""
        return min(0.0, math.log((self.none_match + smoothing) / (self.none_random + smoothing)))

    def z(self, cosine: np.ndarray) -> np.ndarray:
        spread = max(self.match - self.random, 1e-3)
        return np.clip((cosine - self.random) / spread, -1.0, 1.5)


@dataclass
class Weights:
    """Weights and priors (log scale). Fitted on the dev set; see benchmarks/align_tune.py."""

    length: float = 1.0
    signal: float = 3.0
    null: float = -2.6  # per omitted or added segment
    null_relief: float = 0.5  # added to `null` as the first pass's best-match rate goes 0.8 -> 0.95
    priors: dict[tuple[int, int], float] = field(
        default_factory=lambda: {
            (1, 1): 0.0,
            (1, 2): -1.6,
            (2, 1): -1.6,
            (2, 2): -3.0,
            (1, 3): -3.5,
            (3, 1): -3.5,
        }
    )
    per_segment: float = 0.0  # how far signal evidence scales with the segments a link covers (0..1)
    threshold: float = 0.0  # z below this counts against a link (0: only below random)
    paragraph_cross: float = 0.6
    paragraph_start: float = 0.3
    # Each segment of a link whose anchors (numbers, dates, names) find none on the other side
    # of the link counts against it by orphan · log-ratio (SignalCalibration.orphan_log_ratio),
    # measured on the text at hand. Only for signals whose features survive translation as they
    # are: for wording (spelling, MT n-grams) a missing overlap is already in the cosine, and
    # counting it again cost on Text+Berg (benchmarks/align_devset.py).
    orphan: float = 0.2
    orphan_signals: tuple[str, ...] = ("anchors",)


class BeadScorer:
    """Scores of every link type ending at every node of a block of band rows."""

    def __init__(
        self,
        src_lengths: np.ndarray,
        tgt_lengths: np.ndarray,
        signals: list[SignalVectors],
        length_model: LengthModel,
        calibrations: dict[str, SignalCalibration],
        weights: Weights,
        band: Band,
        src_paragraph_starts: np.ndarray | None = None,
        tgt_paragraph_starts: np.ndarray | None = None,
        types: tuple[tuple[int, int], ...] = LINK_TYPES,
        gram_cache: dict | None = None,
    ):
        self.n, self.m = len(src_lengths), len(tgt_lengths)
        self.band = band
        self.types = types
        self.weights = weights
        self.length_model = length_model
        self.calibrations = calibrations
        self.signals = [s for s in signals if s.name in calibrations]
        # cumulative lengths: the length of src[i-a:i] is cs[i] - cs[i-a]
        self.src_cum = np.concatenate([[0.0], np.cumsum(src_lengths, dtype=np.float64)])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_lengths, dtype=np.float64)])
        max_a = max(a for a, _ in types)
        max_b = max(b for _, b in types)
        # squared norms of summed vectors for every run of 1..3 segments ending at each node
        self.src_norms = {s.name: _run_norms(s.src, max_a) for s in self.signals}
        self.tgt_norms = {s.name: _run_norms(s.tgt, max_b) for s in self.signals}
        self.src_para = src_paragraph_starts
        self.tgt_para = tgt_paragraph_starts
        # dot products do not change between passes (only the calibrations do): keep them
        self.gram_cache = {} if gram_cache is None else gram_cache

    # -- helpers over the band ------------------------------------------------------------

    def _columns(self, i0: int, i1: int) -> np.ndarray:
        """Absolute target node index j for each (row, k) of rows i0..i1-1: (rows, width)."""
        return self.band.lo[i0:i1, None] + np.arange(self.band.width)[None, :]

    def _gram_block(self, s: SignalVectors, h0: int, i1: int) -> np.ndarray:
        """gn[r, k] = x[i-1] · y[j-1] for node (i, j) = (h0 + r, lo[i] + k); 0 outside the grid."""
        lo = self.band.lo
        key = (s.name, h0, i1, self.band.width, int(lo[h0]), int(lo[i1 - 1]), self.n, self.m)
        if key not in self.gram_cache:
            self.gram_cache[key] = self._compute_gram_block(s, h0, i1)
        return self.gram_cache[key]

    def _compute_gram_block(self, s: SignalVectors, h0: int, i1: int) -> np.ndarray:
        lo = self.band.lo
        rows = np.arange(h0, i1)
        c0 = max(int(lo[h0:i1].min()) - 1, 0)
        c1 = min(int(lo[h0:i1].max()) + self.band.width - 1, self.m)
        src_rows = np.clip(rows - 1, 0, max(self.n - 1, 0))
        if c1 <= c0 or self.n == 0:
            return np.zeros((len(rows), self.band.width), dtype=np.float32)
        block = s.src[src_rows] @ s.tgt[c0:c1].T  # (rows, c1-c0)
        cols = lo[h0:i1, None] + np.arange(self.band.width)[None, :] - 1 - c0
        valid = (cols >= 0) & (cols < c1 - c0) & (rows[:, None] >= 1)
        out = np.take_along_axis(block, np.clip(cols, 0, max(c1 - c0 - 1, 0)), axis=1)
        out[~valid] = 0.0
        return out

    def _row_aligned(self, arr: np.ndarray, h0: int, i0: int, i1: int, dp: int) -> np.ndarray:
        """out[i - i0, k] = arr[row i-dp, the column of node (i-dp, lo[i]+k)]; 0 where outside."""
        lo, width = self.band.lo, self.band.width
        rows = np.arange(i0, i1) - dp
        if self.band.is_full:  # same columns on every row: a slice
            out = np.zeros((i1 - i0, width), dtype=arr.dtype)
            first = max(h0 - (i0 - dp), 0)
            out[first:] = arr[i0 - dp + first - h0 : i1 - dp - h0]
            return out
        good_row = rows >= h0
        src_rows = np.maximum(rows, h0)
        cols = np.arange(width)[None, :] + (lo[i0:i1] - lo[src_rows])[:, None]
        valid = good_row[:, None] & (cols >= 0) & (cols < width)
        out = arr[(src_rows - h0)[:, None], np.clip(cols, 0, width - 1)]
        out[~valid] = 0.0
        return out

    @staticmethod
    def _col_shift(arr: np.ndarray, dq: int) -> np.ndarray:
        """out[:, k] = arr[:, k - dq] (0 for k < dq)."""
        if dq == 0:
            return arr
        out = np.zeros_like(arr)
        out[:, dq:] = arr[:, :-dq]
        return out

    # -- the scores ---------------------------------------------------------------------

    def scores(self, i0: int, i1: int) -> dict[tuple[int, int], np.ndarray]:
        """Score of each link type ending at each node of rows i0..i1-1 (NEG where impossible)."""
        w = self.weights
        j = self._columns(i0, i1)
        i = np.arange(i0, i1)[:, None]
        inside = (j >= 0) & (j <= self.m)
        h0 = max(i0 - 2, 0)
        jc = np.clip(j, 0, self.m)
        max_a = max(a for a, _ in self.types)
        max_b = max(b for _, b in self.types)
        # dot products of single segments, each row shift aligned once, each column shift a slice
        shifted: dict[str, dict[tuple[int, int], np.ndarray]] = {}
        for s in self.signals:
            gram = self._gram_block(s, h0, i1)
            by_row = [self._row_aligned(gram, h0, i0, i1, p) for p in range(max_a)]
            shifted[s.name] = {(p, q): self._col_shift(by_row[p], q) for p in range(max_a) for q in range(max_b)}
        tgt_runs = {b: self.tgt_cum[jc] - self.tgt_cum[np.maximum(jc - b, 0)] for b in range(1, max_b + 1)}
        out: dict[tuple[int, int], np.ndarray] = {}
        lonely: dict[str, tuple] = {}  # per orphan signal, see _orphan_parts
        for a, b in self.types:
            possible = inside & (i >= a) & (jc >= b)
            if a == 0 or b == 0:
                out[(a, b)] = np.where(possible, w.null * (a + b), NEG)
                continue
            # evidence may be earned per segment covered (per_segment=1: a 2-2 link that matches
            # as well as two 1-1 links earns as much as they do; 0: once per link)
            coverage = 1.0 + w.per_segment * ((a + b) / 2.0 - 1.0)
            src_len = self.src_cum[np.minimum(i, self.n)] - self.src_cum[np.maximum(i - a, 0)]
            score = w.priors[(a, b)] + w.length * self.length_model.score(
                np.broadcast_to(src_len, j.shape), tgt_runs[b]
            )
            for s in self.signals:
                parts = shifted[s.name]
                dot = parts[(0, 0)].astype(np.float64, copy=True)
                for p in range(a):
                    for q in range(b):
                        if p or q:
                            dot += parts[(p, q)]
                src_norm = self.src_norms[s.name][a - 1][np.minimum(i, self.n)]
                tgt_norm = self.tgt_norms[s.name][b - 1][jc]
                denom = np.sqrt(src_norm * tgt_norm)
                cosine = dot / np.where(denom > 0, denom, 1.0)  # dot is 0 wherever denom is
                cal = self.calibrations[s.name]
                # neither side has a feature of this signal (or the MT line is missing): it
                # says nothing either way
                has_any = has_evidence(s.name, src_norm, tgt_norm)
                z = np.where(has_any, cal.z(cosine) - w.threshold, 0.0)
                if w.orphan and s.name in w.orphan_signals:
                    if s.name not in lonely:
                        lonely[s.name] = self._orphan_parts(s.name, parts, i, jc, max_a, max_b)
                    orphans = self._orphans(lonely[s.name], a, b)
                    if translated_side(s.name):
                        # a segment facing a missing MT line has not been shown to share nothing
                        orphans = np.where(self._missing_lines(s.name, a, b, i, jc), 0.0, orphans)
                    z = z + (w.orphan * cal.orphan_log_ratio() / 2.0) * orphans
                score = score + (w.signal * s.weight * cal.reliability * coverage) * z
            if self.src_para is not None and self.tgt_para is not None:
                score = score - self._paragraph_penalty(i0, i1, a, b, jc)
            out[(a, b)] = np.where(possible, score, NEG)
        return out

    def _orphan_parts(self, name: str, parts: dict, i: np.ndarray, jc: np.ndarray, max_a: int, max_b: int):
        """For each segment at offset p (source) or q (target) from the link's end: whether it has
        features of its own but shares none with the first b target (a source) segments of the
        link, for every b (a). Computed once per block for all link types."""
        def lonely(single: np.ndarray, ends: np.ndarray, size: int, mine: int, theirs: int,
                   part) -> dict[tuple[int, int], np.ndarray]:
            out = {}
            for p in range(mine):
                own = single[np.clip(ends - p, 0, size)] > 0
                shared = np.zeros(jc.shape)
                for q in range(theirs):
                    shared = shared + part(p, q)
                    out[(p, q + 1)] = own & (shared <= 1e-12)
            return out

        src_lonely = lonely(self.src_norms[name][0], i, self.n, max_a, max_b,
                            lambda p, q: parts[(p, q)])
        tgt_lonely = lonely(self.tgt_norms[name][0], jc, self.m, max_b, max_a,
                            lambda q, p: parts[(p, q)])
        return src_lonely, tgt_lonely

    def _missing_lines(self, name: str, a: int, b: int, i: np.ndarray, jc: np.ndarray) -> np.ndarray:
        """Whether the translated side of each a-b link ending at (i, jc) misses a line."""
        if translated_side(name) == "src":
            single = self.src_norms[name][0]
            missing = sum((single[np.clip(i - p, 0, self.n)] <= 0) & (i - p >= 1) for p in range(a))
            return np.broadcast_to(missing > 0, jc.shape)
        single = self.tgt_norms[name][0]
        missing = sum((single[np.clip(jc - q, 0, self.m)] <= 0) & (jc - q >= 1) for q in range(b))
        return missing > 0

    @staticmethod
    def _orphans(lonely, a: int, b: int) -> np.ndarray:
        """How many segments of each a-b link have features of their own but share none with
        the other side of the link (a 2-1 link that takes in an omitted sentence with a date
        of its own has one; an unrelated 1-1 pair with a number on each side has two)."""
        src_lonely, tgt_lonely = lonely
        count = sum(src_lonely[(p, b)].astype(np.float64) for p in range(a))
        return count + sum(tgt_lonely[(q, a)] for q in range(b))

    def _paragraph_penalty(self, i0: int, i1: int, a: int, b: int, jc: np.ndarray) -> np.ndarray | float:
        if self.src_para is None or self.tgt_para is None or not self.n or not self.m:
            return 0.0  # no paragraph to cross (a window of omissions only has no target)
        w = self.weights
        i = np.arange(i0, i1)
        first_src = np.clip(i - a, 0, max(self.n - 1, 0))
        first_tgt = np.clip(jc - b, 0, max(self.m - 1, 0))
        src_cross = np.zeros(len(i), dtype=bool)
        for p in range(1, a):
            src_cross |= self.src_para[np.clip(i - a + p, 0, max(self.n - 1, 0))]
        tgt_cross = np.zeros(jc.shape, dtype=bool)
        for q in range(1, b):
            tgt_cross |= self.tgt_para[np.clip(jc - b + q, 0, max(self.m - 1, 0))]
        start_mismatch = self.src_para[first_src][:, None] != self.tgt_para[first_tgt]
        return (
            w.paragraph_cross * (src_cross[:, None].astype(float) + tgt_cross)
            + w.paragraph_start * start_mismatch
        )


def _run_norms(vectors: np.ndarray, longest: int) -> list[np.ndarray]:
    """norms[a-1][i] = |x[i-a] + ... + x[i-1]|² for every node i (0 where the run does not fit)."""
    n = vectors.shape[0]
    sq = np.einsum("ij,ij->i", vectors, vectors).astype(np.float64)
    lag = [sq]  # lag[d][t] = x[t] · x[t+d]
    for d in range(1, longest):
        lag.append(np.einsum("ij,ij->i", vectors[:-d], vectors[d:]).astype(np.float64) if n > d else np.zeros(0))
    norms = []
    for a in range(1, longest + 1):
        total = np.zeros(n + 1)
        # vectorised: sum of squares of the run plus twice each cross product within it
        idx = np.arange(a, n + 1)
        if len(idx):
            acc = np.zeros(len(idx))
            for p in range(a):
                acc += sq[idx - 1 - p]
            for d in range(1, a):
                for p in range(a - d):
                    acc += 2.0 * lag[d][idx - a + p]
            total[idx] = acc
        norms.append(total)
    return norms


def estimate_length_model(
    src_lengths: np.ndarray, tgt_lengths: np.ndarray, pairs: list[tuple[int, int]] | None, prior: LengthModel,
    prior_strength: float = 10.0,
) -> LengthModel:
    """c and s² from the text at hand: c from the totals (or from 1-1 links found), s² from the
    spread of those links, robustly, shrunk towards the language pair's prior when links are few."""
    if pairs:
        ls = np.array([src_lengths[i] for i, _ in pairs], dtype=float)
        lt = np.array([tgt_lengths[j] for _, j in pairs], dtype=float)
        keep = (ls > 0) & (lt > 0)
        ls, lt = ls[keep], lt[keep]
    else:
        ls, lt = np.asarray(src_lengths, float), np.asarray(tgt_lengths, float)
    if ls.sum() <= 0 or lt.sum() <= 0:
        return prior
    c = float(lt.sum() / ls.sum())
    if not pairs:
        return LengthModel(c=c, s2=prior.s2)
    mean_len = np.maximum((ls + lt / c) / 2.0, 1.0)
    residual = (lt - c * ls) / np.sqrt(mean_len)
    # median absolute deviation: a few bad links should not widen the model
    mad = float(np.median(np.abs(residual - np.median(residual))))
    s2_here = (1.4826 * mad) ** 2
    k = len(residual)
    s2 = (prior_strength * prior.s2 + k * s2_here) / (prior_strength + k)
    return LengthModel(c=c, s2=max(s2, 0.5))


def calibrate_signal(s: SignalVectors, pairs: list[tuple[int, int]] | None, rng: np.random.Generator) -> SignalCalibration | None:
    """Where unrelated pairs and true pairs fall for this signal in this document pair.

    Unrelated: random (i, j) pairs. True: the 1-1 links of a first pass when given, else each
    source segment's best target near the diagonal (an optimistic first guess). Pairs the
    signal cannot speak about (has_evidence: no features, or a missing MT line) count in
    neither."""
    n, m = s.src.shape[0], s.tgt.shape[0]
    if n == 0 or m == 0:
        return None
    src_norm = np.sqrt(np.einsum("ij,ij->i", s.src, s.src))
    tgt_norm = np.sqrt(np.einsum("ij,ij->i", s.tgt, s.tgt))
    small = n * m <= 40000
    if small:  # every pair, from one matrix product
        gram = (s.src @ s.tgt.T) / np.maximum(np.outer(src_norm, tgt_norm), 1e-12)
        ri, rj = np.divmod(np.arange(n * m), m)
        random_cos = gram.ravel()
    else:  # a random 64 x 64 block of pairs, from one matrix product
        rows = rng.choice(n, size=min(n, 64), replace=False)
        cols = rng.choice(m, size=min(m, 64), replace=False)
        block = (s.src[rows] @ s.tgt[cols].T) / np.maximum(np.outer(src_norm[rows], tgt_norm[cols]), 1e-12)
        ri, rj = np.repeat(rows, len(cols)), np.tile(cols, len(rows))
        random_cos = block.ravel()
    if pairs:
        pi = np.array([p for p, _ in pairs])
        pj = np.array([q for _, q in pairs])
        match_cos = gram[pi, pj] if small else _cosines(s, pi, pj, src_norm, tgt_norm)
        informative = has_evidence(s.name, src_norm[pi], tgt_norm[pj])
        match_cos = match_cos[informative]
    else:
        best = []
        radius = min(max(3, abs(n - m) + 2), 25)
        step = max(1, n // 400)  # a sample of rows is enough for a level
        # a reverse MT: targets whose line is missing are no candidates
        usable_tgt = tgt_norm > 0 if translated_side(s.name) == "tgt" else np.ones(m, dtype=bool)
        for i in range(0, n, step):
            if src_norm[i] == 0:
                continue
            centre = int(round(i * m / max(n, 1)))
            lo, hi = max(0, centre - radius), min(m, centre + radius + 1)
            if not usable_tgt[lo:hi].any():
                continue
            if small:
                cos = gram[i, lo:hi]
            else:
                cos = (s.tgt[lo:hi] @ s.src[i]) / np.maximum(src_norm[i] * tgt_norm[lo:hi], 1e-12)
            best.append(float(cos[usable_tgt[lo:hi]].max()))
        match_cos = np.array(best)
    informative_random = random_cos[has_evidence(s.name, src_norm[ri], tgt_norm[rj])]
    if len(match_cos) < 2 or len(informative_random) < 2:
        return None
    random_level = float(np.mean(informative_random))
    match_level = float(np.median(match_cos))
    spread = float(np.std(informative_random)) + 1e-6
    separation = (match_level - random_level) / spread
    reliability = float(np.clip(separation / 3.0, 0.0, 1.0))
    return SignalCalibration(random=random_level, match=max(match_level, random_level + 1e-3), reliability=reliability,
                             none_match=float(np.mean(match_cos <= 1e-9)),
                             none_random=float(np.mean(informative_random <= 1e-9)))


def _cosines(s: SignalVectors, ri: np.ndarray, rj: np.ndarray, src_norm: np.ndarray, tgt_norm: np.ndarray) -> np.ndarray:
    dots = np.einsum("ij,ij->i", s.src[ri], s.tgt[rj])
    denom = src_norm[ri] * tgt_norm[rj]
    return np.where(denom > 0, dots / np.maximum(denom, 1e-12), 0.0)


def link_probability(score: float) -> float:
    """Map a link's score to a confidence in [0, 1] (logistic; 0 score is a coin toss)."""
    return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))
