"""How sure is each link: a logistic model of "this link is right" on the evidence for and
against it. The features and coefficients are data (compare/data/align/confidence.json, fitted
by benchmarks/align_confidence.py on dev-set seeds that are not reported on); this module
computes the features and applies the model.

A matched link (a-b, both sides non-empty) is described by
  support        what its signals say for it: calibrated similarity z (0 = an unrelated pair,
                 1 = a typical true pair of this text), averaged with the signals' weights
  worst_signal   the least convinced signal's z (one signal can speak against a link the
                 others accept: names that do not match while the wording does)
  weakest_member for a link of several segments, how far its weakest segment's own z falls
                 below the link's (a 2-1 link that swallowed an omitted sentence)
  orphans        segments whose anchors (numbers, names) find nothing on the link's other
                 side, times how rare that is among true pairs of this text (costs.py)
  length         the length model's log density, capped at 0 (only a bad fit counts)
  prior          the link type's prior (merges and splits are rarer than 1-1)
  margin         how much better the best path is than the best path without this link
                 (log1p of the score difference): a link whose neighbour alternative scores
                 nearly as well is a coin toss between the two
An omission or addition (1-0 / 0-1) is described by its best neighbour (how far the signals
vouch for a partner among the segments near it) and its margin.

Margins are min-marginals of the search: forward and backward best scores over the grid of
the stretch (an article is one window; a path of more than ONE_WINDOW links goes in windows
of WINDOW links between two of its nodes). Stretches searched in a band (long inputs) keep
to the margin-free model, which puts the signals' support in the margin's place.

The overall confidence of an alignment (aligner._overall) is the links' mean confidence
times two checks that the texts are translations at all: OrderTest (the segments' closest
matches fall in their own links beyond chance) and anchor_share (the links carry their
numbers and names over); settings in the same data file.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from compare.align.costs import NEG, Band, BeadScorer, has_evidence
from compare.align.signals import CAPITALISED_NOUNS, anchor_features
from compare.model import Document

WEAK_ANCHORS = ("punct:", "quote:")  # marks both sides may have by chance (signals._WEAK)

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "align" / "confidence.json"
WINDOW = 120  # links per margin window on long inputs
OVERLAP = 20  # links shared by neighbouring windows (a link takes its margin away from window edges)
ONE_WINDOW = 400  # a path of up to this many links is one window (the search's dot products are reused)

Span = tuple[int, int, int, int]


@dataclass(frozen=True)
class ConfidenceModel:
    name: str
    link_features: tuple[str, ...]
    link_coefficients: tuple[float, ...]  # bias first, then one per feature
    null_features: tuple[str, ...]
    null_coefficients: tuple[float, ...]
    # without the margin: long inputs searched in a band, and links scored on their own
    link_features_without_margin: tuple[str, ...] = ()
    link_coefficients_without_margin: tuple[float, ...] = (0.0,)
    null_features_without_margin: tuple[str, ...] = ()
    null_coefficients_without_margin: tuple[float, ...] = (0.0,)
    overall: tuple[tuple[str, float], ...] = ()  # settings of the overall confidence
    fitted_on: str = ""

    def setting(self, name: str) -> float:
        return dict(self.overall)[name]

    def describe(self) -> str:
        """For the alignment's signature: the model and its coefficients."""
        def terms(names, coefficients):
            return ",".join(f"{n}={c:g}" for n, c in zip(("bias",) + names, coefficients))
        overall = ",".join(f"{n}={v:g}" for n, v in self.overall)
        return (f"{self.name}(link:{terms(self.link_features, self.link_coefficients)};"
                f"null:{terms(self.null_features, self.null_coefficients)};"
                f"link-banded:{terms(self.link_features_without_margin, self.link_coefficients_without_margin)};"
                f"null-banded:{terms(self.null_features_without_margin, self.null_coefficients_without_margin)};"
                f"overall:{overall})")

    def link_confidence(self, features: np.ndarray) -> np.ndarray:
        return _logistic(self.link_coefficients, features)

    def null_confidence(self, features: np.ndarray) -> np.ndarray:
        return _logistic(self.null_coefficients, features)

    def link_confidence_without_margin(self, features: np.ndarray) -> np.ndarray:
        return _logistic(self.link_coefficients_without_margin, features)

    def null_confidence_without_margin(self, features: np.ndarray) -> np.ndarray:
        return _logistic(self.null_coefficients_without_margin, features)


def _logistic(coefficients: Sequence[float], features: np.ndarray) -> np.ndarray:
    c = np.asarray(coefficients, dtype=np.float64)
    if features.size == 0:
        return np.zeros(len(features))
    score = c[0] + features @ c[1:]
    return 1.0 / (1.0 + np.exp(-np.clip(score, -30.0, 30.0)))


@lru_cache(maxsize=None)
def load_model(path: Path = MODEL_FILE) -> ConfidenceModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    link, null = data["link"], data["null"]
    link_free, null_free = data["link_without_margin"], data["null_without_margin"]
    return ConfidenceModel(
        name=data["name"],
        link_features=tuple(link["features"]),
        link_coefficients=tuple(float(x) for x in link["coefficients"]),
        null_features=tuple(null["features"]),
        null_coefficients=tuple(float(x) for x in null["coefficients"]),
        link_features_without_margin=tuple(link_free["features"]),
        link_coefficients_without_margin=tuple(float(x) for x in link_free["coefficients"]),
        null_features_without_margin=tuple(null_free["features"]),
        null_coefficients_without_margin=tuple(float(x) for x in null_free["coefficients"]),
        overall=tuple((k, float(v)) for k, v in data["overall"].items() if k != "about"),
        fitted_on=data.get("fitted_on", ""),
    )


# The model's inputs. support, worst_signal and weakest_member are computed (and recorded for
# fitting) but left out: once the margin is in they add nothing on held-out seeds and their
# fitted weights came out negative (the margin already holds what the signals say).
LINK_FEATURES = ("orphans", "length", "prior", "margin")
NULL_FEATURES = ("best_neighbour", "margin")
# Without a margin (long inputs searched in a band) the signals' support takes its place.
LINK_FEATURES_WITHOUT_MARGIN = ("support", "orphans", "length", "prior")
NULL_FEATURES_WITHOUT_MARGIN = ("best_neighbour",)


# --------------------------------------------------------------------------- link features


def link_evidence(scorer: BeadScorer, spans: Sequence[Span]) -> tuple[list[dict[str, float]], dict[str, np.ndarray]]:
    """For matched links src[i0:i1] <-> tgt[j0:j1]: what a reader sees (the length fit and each
    signal's cosine) and the model's features (all but the margin, which needs the path)."""
    box = np.array(spans, dtype=np.int64).reshape(-1, 4)
    i0, i1, j0, j1 = box.T
    k = len(box)
    src_len = scorer.src_cum[i1] - scorer.src_cum[i0]
    tgt_len = scorer.tgt_cum[j1] - scorer.tgt_cum[j0]
    length = scorer.length_model.score(src_len, tgt_len)
    shown = [{"length": round(float(x), 3)} for x in length]
    support = np.zeros(k)
    weight_total = np.zeros(k)
    worst = np.full(k, np.inf)
    member_support = np.zeros((k, 6))  # up to 3 source + 3 target members
    member_weight = np.zeros((k, 6))
    orphans = np.zeros(k)
    w = scorer.weights
    for s in scorer.signals:
        x = _span_sums(s.src, i0, i1)
        y = _span_sums(s.tgt, j0, j1)
        nx, ny = np.linalg.norm(x, axis=1), np.linalg.norm(y, axis=1)
        cosine = _cos(np.einsum("ij,ij->i", x, y), nx, ny)
        present = has_evidence(s.name, nx, ny, 1e-9)  # a missing MT line is no evidence
        cal = scorer.calibrations[s.name]
        weight = s.weight * cal.reliability
        z = cal.z(cosine)
        support += np.where(present, weight * z, 0.0)
        weight_total += np.where(present, weight, 0.0)
        worst = np.where(present & (weight > 0), np.minimum(worst, z), worst)
        for index in np.flatnonzero(present):
            shown[index][s.name] = round(float(cosine[index]), 3)
        counts_orphans = bool(w.orphan) and s.name in w.orphan_signals
        # each member segment against the whole other side of its link
        for p in range(3):
            for side, (start, stop, own, other, nother) in enumerate(
                ((i0, i1, s.src, y, ny), (j0, j1, s.tgt, x, nx))
            ):
                inside = start + p < stop
                rows = own[np.minimum(start + p, own.shape[0] - 1)].astype(np.float64)
                norm = np.linalg.norm(rows, axis=1)
                dot = np.einsum("ij,ij->i", rows, other)
                has = inside & has_evidence(s.name, *((norm, nother) if side == 0 else (nother, norm)), 1e-9)
                column = 3 * side + p
                member_support[:, column] += np.where(has, weight * cal.z(_cos(dot, norm, nother)), 0.0)
                member_weight[:, column] += np.where(has, weight, 0.0)
                if counts_orphans:
                    lonely = has & (norm > 1e-9) & (dot <= 1e-12)
                    orphans += lonely * cal.orphan_log_ratio()
    normalised = support / np.maximum(weight_total, 0.3)
    worst = np.where(np.isfinite(worst), worst, 0.0)
    sizes = np.stack([i1 - i0, j1 - j0], axis=1)
    members = member_support / np.maximum(member_weight, 0.3)
    multi = np.zeros((k, 6), dtype=bool)
    for p in range(3):
        multi[:, p] = (sizes[:, 0] > 1) & (p < sizes[:, 0])
        multi[:, 3 + p] = (sizes[:, 1] > 1) & (p < sizes[:, 1])
    weakest = np.where(multi, members, np.inf).min(axis=1)
    weakest_gap = np.where(np.isfinite(weakest), np.minimum(weakest - normalised, 0.0), 0.0)
    priors = np.array([w.priors.get((int(b - a), int(d - c)), 0.0) for a, b, c, d in box])
    # evidence: how far the signals by themselves vouch for the pair (0.5: no better than a
    # guess); for omissions (nothing near vouches for a partner) and the overall confidence
    evidence = 4.0 * (normalised - 0.4) + 0.5 * np.minimum(length + 1.0, 0.0) + priors / 2
    for index in range(k):
        shown[index]["evidence"] = round(_sigmoid(float(evidence[index])), 3)
    features = {
        "support": normalised,
        "worst_signal": worst,
        "weakest_member": weakest_gap,
        "orphans": orphans,
        "length": np.minimum(length, 0.0),
        "prior": priors,
        "signal_weight": weight_total,
    }
    return shown, features


def _span_sums(vectors: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """The summed rows start..stop-1 of each link's side. A link covers at most three rows,
    so adding them is far cheaper than a running sum over a whole long document."""
    out = np.zeros((len(start), vectors.shape[1]), dtype=np.float64)
    width = stop - start
    for offset in range(int(width.max(initial=0))):
        take = width > offset
        out[take] += vectors[start[take] + offset]
    return out


def _cos(dot: np.ndarray, nx: np.ndarray, ny: np.ndarray) -> np.ndarray:
    ok = (nx > 1e-9) & (ny > 1e-9)
    return np.where(ok, dot / np.maximum(nx * ny, 1e-12), 0.0)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 30.0), -30.0)))


def feature_matrix(features: dict[str, np.ndarray], names: Sequence[str]) -> np.ndarray:
    return np.stack([np.asarray(features[name], dtype=np.float64) for name in names], axis=1) \
        if names else np.zeros((0, 0))


# --------------------------------------------------------------------------- margins


def path_margins(path: Sequence[Span], scorer_for: Callable[[int, int, int, int], BeadScorer],
                 types: tuple[tuple[int, int], ...]) -> list[float]:
    """For each link of `path` (absolute ids, one free stretch, in order): best path score
    minus the best score of a path without that link, in windows of WINDOW links along the
    path (the window's ends are nodes of the path). `scorer_for(s0, s1, t0, t1)` gives a
    scorer of that sub-grid with a full band."""
    count = len(path)
    margins = [0.0] * count
    if not count:
        return margins
    window_size = count if count <= ONE_WINDOW else WINDOW
    start = 0
    while True:
        stop = min(start + window_size, count)
        window = path[start:stop]
        s0, t0 = window[0][0], window[0][2]
        s1, t1 = window[-1][1], window[-1][3]
        local = [(a - s0, b - s0, c - t0, d - t0) for a, b, c, d in window]
        values = _window_margins(local, scorer_for(s0, s1, t0, t1), types)
        # keep the margins of links away from the window's cut ends (both ends of the path are real)
        keep_from = 0 if start == 0 else OVERLAP
        keep_to = len(window) if stop == count else len(window) - OVERLAP
        for offset in range(keep_from, keep_to):
            margins[start + offset] = values[offset]
        if stop == count:
            break
        start = stop - 2 * OVERLAP
    return margins


def _window_margins(path: Sequence[Span], scorer: BeadScorer, types) -> list[float]:
    n, m = scorer.n, scorer.m
    scores = scorer.scores(0, n + 1)
    forward = _forward(scores, n, m, types)
    backward = _backward(scores, n, m, types)
    best = forward[n, m]
    # max-marginal of every link type ending at every node: the best path that uses it
    marginal = {}
    for a, b in types:
        through = np.full((n + 1, m + 1), NEG)
        through[a:, b:] = forward[: n + 1 - a, : m + 1 - b] + scores[(a, b)][a:, b:] + backward[a:, b:]
        marginal[(a, b)] = np.maximum(through, NEG)
    out = []
    for i0, i1, j0, j1 in path:
        a, b = i1 - i0, j1 - j0
        rival = NEG
        # every path covers segment i0 (or j0) with exactly one link: the best path without this
        # link is the best that covers it with another
        for (ta, tb), values in marginal.items():
            if a:
                if not ta:
                    continue
                rows = slice(i0 + 1, min(i0 + ta, n) + 1)
                block = values[rows].copy()
                if (ta, tb) == (a, b):
                    # the same ids: an omission is the same link wherever the path passes it
                    if b:
                        block[i1 - (i0 + 1), j1] = NEG
                    else:
                        block[i1 - (i0 + 1), :] = NEG
            else:
                if not tb:
                    continue
                cols = slice(j0 + 1, min(j0 + tb, m) + 1)
                block = values[:, cols].copy()
                if (ta, tb) == (a, b):
                    block[:, j1 - (j0 + 1)] = NEG  # an addition: the same link in any row
            if block.size:
                rival = max(rival, float(block.max()))
        out.append(max(float(best - rival), 0.0) if rival > NEG / 2 else 50.0)
    return out


def _forward(scores, n: int, m: int, types) -> np.ndarray:
    total = np.full((n + 1, m + 1), NEG)
    from_above = [(a, b) for a, b in types if a >= 1]
    for i in range(n + 1):
        arriving = np.full(m + 1, NEG)
        for a, b in from_above:
            if i - a < 0:
                continue
            candidate = np.full(m + 1, NEG)
            candidate[b:] = total[i - a, : m + 1 - b] + scores[(a, b)][i, b:]
            np.maximum(arriving, candidate, out=arriving)
        if i == 0:
            arriving[0] = 0.0
        # chains of 0-1 links along the row: running maximum over a cumulative sum
        step = scores[(0, 1)][i].copy() if (0, 1) in scores else np.full(m + 1, NEG)
        step[0] = 0.0
        cum = np.cumsum(np.maximum(step, NEG))
        total[i] = np.maximum(cum + np.maximum.accumulate(arriving - cum), NEG)
    return total


def _backward(scores, n: int, m: int, types) -> np.ndarray:
    """best score from node (i, j) to (n, m)."""
    total = np.full((n + 1, m + 1), NEG)
    from_below = [(a, b) for a, b in types if a >= 1]
    for i in range(n, -1, -1):
        leaving = np.full(m + 1, NEG)
        if i == n:
            leaving[m] = 0.0
        for a, b in from_below:
            if i + a > n or b > m:  # a 1 x 1 pair has no room for a 1-3 link
                continue
            candidate = np.full(m + 1, NEG)
            candidate[: m + 1 - b] = scores[(a, b)][i + a, b:] + total[i + a, b:]
            np.maximum(leaving, candidate, out=leaving)
        # chains of 0-1 links: B[j] = max(leaving[j], step[j+1] + B[j+1])
        step = np.full(m + 1, 0.0)
        if (0, 1) in scores:
            step[1:] = scores[(0, 1)][i, 1:]
        else:
            step[1:] = NEG
        # suffix form: B[j] = max_{k >= j} (leaving[k] + sum(step[j+1..k]))
        cum = np.cumsum(step)  # cum[k] = sum(step[0..k])
        lifted = leaving + cum
        best_after = np.maximum.accumulate(lifted[::-1])[::-1]
        total[i] = np.maximum(best_after - cum, NEG)
    return total


# --------------------------------------------------------------------------- overall


@dataclass(frozen=True)
class OrderTest:
    """Do the segments' closest matches fall in their own links more often than chance?

    Each segment (source and target, a sample of at most `sample` per side) with a partner and
    anything to compare is a trial: a hit when its most similar segment on the other side (by
    the signals' raw cosines, nothing calibrated on this text) lies in its own link. By chance
    that happens with probability |link's other side| / length of the other side. Two texts
    that are not translations of each other get a path too, and its links look like matches
    once calibrated on that same path; the closest matches of their segments, though, scatter
    and meet the path only as often as chance says (p-value near 1)."""

    hits: int
    trials: int
    expected: float  # hits expected by chance
    p_value: float  # P(at least `hits` by chance)

    def agreement(self, model: ConfidenceModel) -> float:
        """0 when the hits are no more than chance gives, 1 when they are both many (kappa, the
        share of the non-chance trials that hit) and beyond doubt (p-value)."""
        kappa = (self.hits - self.expected) / max(self.trials - self.expected, 1e-9)
        share = np.clip((kappa - model.setting("kappa_from")) / model.setting("kappa_width"), 0.0, 1.0)
        return float(share * self.sure(model))

    def sure(self, model: ConfidenceModel) -> float:
        """How far the hits are beyond chance: 0 at p = 0.1, 1 from p = 10^-(1 + significance_width)."""
        return float(np.clip((self.strength - 1.0) / model.setting("significance_width"), 0.0, 1.0))

    def decisive(self, model: ConfidenceModel) -> float:
        """1 when the hits are so far beyond chance that no pair of unrelated texts gets there
        (long texts with weak signals: a free translation without MT hits in 1 case of 4, but
        in hundreds of trials); 0 where the other checks must decide."""
        return float(np.clip((self.strength - model.setting("decisive_from")) / model.setting("decisive_width"), 0.0, 1.0))

    @property
    def strength(self) -> float:
        return -math.log10(max(self.p_value, 1e-300))

    def describe(self) -> str:
        return f"{self.hits}/{self.trials} closest matches in own link (chance {self.expected:.1f}, p={self.p_value:.2g})"




def order_test(vectors, links, n: int, m: int, sample: int = 150) -> OrderTest | None:
    """None when no signal has anything to compare."""
    if not vectors or n == 0 or m == 0:
        return None
    partners_of_src: dict[int, tuple[int, ...]] = {}
    partners_of_tgt: dict[int, tuple[int, ...]] = {}
    for link in links:
        if link.src and link.tgt:
            for i in link.src:
                partners_of_src[i] = link.tgt
            for j in link.tgt:
                partners_of_tgt[j] = link.src
    chances: list[float] = []
    hits = 0
    for side in ("src", "tgt"):
        size, other = (n, m) if side == "src" else (m, n)
        rows = np.arange(size) if size <= sample else np.linspace(0, size - 1, sample).round().astype(int)
        similarity = np.zeros((len(rows), other))
        for v in vectors:
            mine, theirs = (v.src, v.tgt) if side == "src" else (v.tgt, v.src)
            mine_rows = mine[rows]
            norms = np.outer(np.linalg.norm(mine_rows, axis=1), np.linalg.norm(theirs, axis=1))
            similarity += v.weight * (mine_rows @ theirs.T) / np.maximum(norms, 1e-12)
        partners = partners_of_src if side == "src" else partners_of_tgt
        for r, index in enumerate(rows):
            own = partners.get(int(index))
            if not own or similarity[r].max() <= 0:
                continue
            chances.append(len(own) / other)
            hits += own[0] <= int(similarity[r].argmax()) <= own[-1]
    if not chances:
        return None
    return OrderTest(hits, len(chances), float(sum(chances)), _upper_tail(np.array(chances), hits))


def _upper_tail(chances: np.ndarray, hits: int) -> float:
    """P(at least `hits` successes) among independent trials of these chances (Poisson-binomial)."""
    distribution = np.zeros(len(chances) + 1)
    distribution[0] = 1.0
    for k, p in enumerate(chances, start=1):
        distribution[1 : k + 1] = distribution[1 : k + 1] * (1 - p) + distribution[:k] * p
        distribution[0] *= 1 - p
    return float(min(1.0, distribution[hits:].sum()))


def anchor_share(src: Document, tgt: Document, links, sample: int = 100) -> tuple[float, int] | None:
    """Of the anchors (numbers, dates, names, Latin words) of the linked segments, the share
    found on the other side of their own link (both sides), and how many were looked at; a
    sample of at most `sample` links. A translation carries most of its numbers and names
    over; two news stories on different subjects share little beyond their boilerplate (the
    city of the dateline, the agency's name). None when the links hold no anchor."""
    matched = [l for l in links if l.src and l.tgt]
    if not matched:
        return None
    if len(matched) > sample:
        matched = [matched[k] for k in np.linspace(0, len(matched) - 1, sample).round().astype(int)]
    src_ids = sorted({i for l in matched for i in l.src})
    tgt_ids = sorted({j for l in matched for j in l.tgt})
    src_rows, tgt_rows = anchor_features(src), anchor_features(tgt)  # cached: the aligner's
    src_features = {i: src_rows[i] for i in src_ids}
    tgt_features = {j: tgt_rows[j] for j in tgt_ids}
    # where every noun is capitalised, "names" are mostly nouns, which translation does not keep
    skip = WEAK_ANCHORS + (("name:", "stem:") if {src.lang, tgt.lang} & CAPITALISED_NOUNS else ())
    found = total = 0
    for link in matched:
        x = {f for i in link.src for f in src_features[i] if not f.startswith(skip)}
        y = {f for j in link.tgt for f in tgt_features[j] if not f.startswith(skip)}
        found += 2 * len(x & y)
        total += len(x) + len(y)
    return (found / total, total) if total else None


def anchor_agreement(share: tuple[float, int] | None, model: ConfidenceModel) -> float:
    """1 when the links carry their anchors over as translations do, 0 when they share no more
    than unrelated stories do; few anchors pull the share towards a neutral prior."""
    if share is None:
        return 1.0
    value, count = share
    k, prior = model.setting("anchors_prior_weight"), model.setting("anchors_prior")
    shrunk = (value * count + prior * k) / (count + k)
    return float(np.clip((shrunk - model.setting("anchors_from")) / model.setting("anchors_width"), 0.0, 1.0))

