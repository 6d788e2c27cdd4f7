"""Moved content: a sentence or a passage whose counterpart stands elsewhere in the other text.

    find_moves(links, scorer, vectors, n, m, align_block=..., weak_link=None) -> list[Move]

A desk moves a quote up to the lead, or swaps two passages. The aligner's path is monotonic, so
such lines come out of it as omissions on one side and additions on the other, or glued with
low confidence to a neighbour of the place they left. This pass looks among those lines
(omissions, additions, lines of links under WEAK_LINK; never a confirmed link) for pairs that
are each other's counterpart by strong evidence (seeds); the run of such lines around a seed is
aligned, monotonically, with the run around its counterpart (a passage moves as a whole), and
the pairs of that path are returned as moves. The aligner then aligns the rest again without
them (so the lines they jumped over link as they should; long inputs keep their path) and adds
each move as a link of role "moved" — the only link that may stand out of order.

Precision first: a false move tells the user two unrelated sentences translate each other, so a
seed must (1) be each other's best pairing by calibrated evidence among each line's closest
matches over the whole of both texts, by a margin (a sentence said twice is no seed), (2) carry
the signals' own evidence (anchors, spelling, MT; the length fit counted in) of at least
MOVE_MIN_EVIDENCE alone or UNIT_MIN_EVIDENCE with a neighbour that moves with it, one signal
matching outright, a fair length fit, and (3) cross the path: a pair that could stand in order
is not a move. Between texts that are not translations (low overall confidence) nothing moves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from compare.model import Link

# Measured on benchmarks/align_moves.py (moved and swapped units of the bundled stories, seeds
# 0-1) against the mutual closest pairs that cross the path in benchmarks/align_devset.py
# (omissions, no move; seeds 0-1): true moved pairs score evidence 0.5-1.0 (most over 0.75)
# with a length fit over -0.8; the unrelated ones 0.29-0.59, and one at 0.95 — a line that
# shares only a speaker's name with another, whose lengths do not fit (-0.86). So a line that
# moves alone needs strong evidence and a good length fit; lines next to each other that move
# together (a passage) back each other up and may each be a little weaker.
MOVE_MIN_EVIDENCE = 0.92
MOVE_MIN_LENGTH = -0.5
UNIT_MIN_EVIDENCE = 0.5
UNIT_MIN_LENGTH = -0.8
MOVE_MIN_CONFIDENCE = 0.5
# and one of its signals must match it outright: a calibrated evidence can run high on one weak
# match (a place name two sentences share, spelling cosine 0.39 — measured on the dev set)
SEED_MIN_COSINE = 0.5
_NOT_COSINES = frozenset({"length", "evidence", "confidence", "margin"})
# a pair the path links inside a moved passage, next to a seed, with no evidence of its own
# beyond the link model (a plain sentence without names or numbers between two that have them)
BLOCK_MIN_CONFIDENCE = 0.8
BLOCK_MIN_EVIDENCE = 0.0
# a link the path made with less confidence than this may give up its lines to a move
WEAK_LINK = 0.85
# a seed's evidence must beat either line's next best pairing by this much (a tie: the same
# sentence twice)
UNIQUE_MARGIN = 0.01
# candidates looked at per omitted line (by cosine), so that long texts stay cheap
CANDIDATES = 8


@dataclass(frozen=True)
class Move:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    signals: dict
    confidence: float
    status: str = "auto"  # "confirmed": a move the user made (a confirmed link of role "moved")


def _similarity(vectors, rows: np.ndarray, cols: np.ndarray, transpose: bool = False) -> np.ndarray:
    """Summed weighted cosines of source rows against target cols (or target rows against
    source cols with `transpose`), as the aligner's closest-match tests compute them."""
    total = None
    for v in vectors:
        a, b = (v.tgt, v.src) if transpose else (v.src, v.tgt)
        x, y = a[rows].astype(np.float64), b[cols].astype(np.float64)
        norms = np.outer(np.linalg.norm(x, axis=1), np.linalg.norm(y, axis=1))
        part = v.weight * (x @ y.T) / np.maximum(norms, 1e-12)
        total = part if total is None else total + part
    return total if total is not None else np.zeros((len(rows), len(cols)))


def _top(row: np.ndarray) -> list[int]:
    order = np.argsort(-row)[:CANDIDATES]
    return [int(k) for k in order if row[k] > 0]


def _in_order(links: Sequence[Link], i: int, j: int) -> bool:
    """Could source i link with target j without crossing a matched link of the path?"""
    before = max((max(l.tgt) for l in links if l.src and l.tgt and max(l.src) < i), default=-1)
    after = min((min(l.tgt) for l in links if l.src and l.tgt and min(l.src) > i), default=10**12)
    return before < j < after


def find_moves(links: Sequence[Link], scorer, vectors, n: int, m: int, align_block=None,
               weak_link: float | None = None) -> list[Move]:
    """Moves among the omissions and additions of `links` (a monotonic path over the whole pair;
    `scorer` the pair's BeadScorer, whose calibrations judge the evidence)."""
    from compare.align.aligner import link_signals_batch

    # omissions, additions, and the lines of weak links (a moved line is often glued to a
    # neighbour of the place it left, with low confidence)
    loose = [l for l in links if l.status != "confirmed" and l.role == ""
             and (l.is_null or l.confidence < (WEAK_LINK if weak_link is None else weak_link))]
    omitted = sorted(i for l in loose for i in l.src)
    added = sorted(j for l in loose for j in l.tgt)
    if not omitted or not added or not vectors:
        return []
    # each line's closest matches over the whole of the other text (both directions), by the
    # signals' cosines; then the calibrated evidence decides among them
    forward = _similarity(vectors, np.array(omitted), np.arange(m))
    backward = _similarity(vectors, np.array(added), np.arange(n), transpose=True)
    spans = set()
    for r, i in enumerate(omitted):
        spans.update((i, i + 1, int(j), int(j) + 1) for j in _top(forward[r]))
    for r, j in enumerate(added):
        spans.update((int(i), int(i) + 1, j, j + 1) for i in _top(backward[r]))
    spans = sorted(spans)
    if not spans:
        return []
    scored = {}
    for (i, _, j, _), signals in zip(spans, link_signals_batch(scorer, spans)):
        signals = dict(signals)
        signals.pop("_features", None)
        scored[(i, j)] = signals
    best_tgt: dict[int, tuple[float, int]] = {}
    best_src: dict[int, tuple[float, int]] = {}
    second_tgt: dict[int, float] = {}
    second_src: dict[int, float] = {}
    for (i, j), signals in scored.items():
        value = signals["evidence"]
        if value > best_tgt.get(i, (-1.0, -1))[0]:
            second_tgt[i] = best_tgt.get(i, (0.0, -1))[0]
            best_tgt[i] = (value, j)
        else:
            second_tgt[i] = max(second_tgt.get(i, 0.0), value)
        if value > best_src.get(j, (-1.0, -1))[0]:
            second_src[j] = best_src.get(j, (0.0, -1))[0]
            best_src[j] = (value, i)
        else:
            second_src[j] = max(second_src.get(j, 0.0), value)
    added_set = set(added)
    # each other's best by a margin: a line said twice in the text (a repeated sentence) has
    # two counterparts as good, and which one moved cannot be told
    scored = {(i, j): scored[(i, j)] for i in omitted if i in best_tgt
              for j in [best_tgt[i][1]] if j in added_set and best_src.get(j, (0, -1))[1] == i
              and best_tgt[i][0] - second_tgt.get(i, 0.0) >= UNIQUE_MARGIN
              and best_src[j][0] - second_src.get(j, 0.0) >= UNIQUE_MARGIN
              and not _in_order(links, i, j)}
    seeds = {}
    for (i, j), signals in scored.items():
        # a neighbour moving with it (the next or previous line on both sides) backs it up
        neighbour = any((i + d, j + d) in scored for d in (-1, 1))
        floor, fit = (UNIT_MIN_EVIDENCE, UNIT_MIN_LENGTH) if neighbour else (MOVE_MIN_EVIDENCE, MOVE_MIN_LENGTH)
        cosines = [v for k, v in signals.items() if k not in _NOT_COSINES]
        if signals["evidence"] >= floor and signals.get("length", 0.0) >= fit \
                and signals["confidence"] >= MOVE_MIN_CONFIDENCE and max(cosines, default=0.0) >= SEED_MIN_COSINE:
            seeds[(i, j)] = signals
    if align_block is None:
        moves = [Move((i,), (j,), {k: v for k, v in s.items() if k != "confidence"}, float(s["confidence"]))
                 for (i, j), s in sorted(seeds.items())]
        return _grow(moves, set(omitted) - {i for i, _ in seeds}, added_set - {j for _, j in seeds}, scorer)
    return _blocks(seeds, omitted, added, scorer, align_block)


def _runs(ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """id -> (start, stop) of the run of consecutive ids it belongs to."""
    out: dict[int, tuple[int, int]] = {}
    run: list[int] = []
    for k in list(ids) + [None]:
        if run and (k is None or k != run[-1] + 1):
            for x in run:
                out[x] = (run[0], run[-1] + 1)
            run = []
        if k is not None:
            run.append(k)
    return out


def _blocks(seeds, omitted, added, scorer, align_block) -> list[Move]:
    """A passage moves as a whole: each run of omitted lines that holds a seed is aligned (by the
    aligner itself, monotonically) with the run of added lines that holds its counterpart, and
    the pairs that path links become moves when they are sure enough."""
    from compare.align.aligner import link_signals_batch

    src_runs, tgt_runs = _runs(omitted), _runs(added)
    blocks = sorted({(src_runs[i], tgt_runs[j]) for i, j in seeds})
    spans = []
    taken_src: set[int] = set()
    taken_tgt: set[int] = set()
    for (s0, s1), (t0, t1) in blocks:
        for i0, i1, j0, j1 in align_block(s0, s1, t0, t1):
            if i1 > i0 and j1 > j0 and not set(range(i0, i1)) & taken_src and not set(range(j0, j1)) & taken_tgt:
                spans.append((i0, i1, j0, j1))
                taken_src.update(range(i0, i1))
                taken_tgt.update(range(j0, j1))
    if not spans:
        return []
    moves = []
    seeded = {(i, j) for i, j in seeds}
    for (i0, i1, j0, j1), signals in zip(spans, link_signals_batch(scorer, spans)):
        signals = {k: v for k, v in signals.items() if k != "_features"}
        has_seed = any((i, j) in seeded for i in range(i0, i1) for j in range(j0, j1))
        if has_seed or (signals["confidence"] >= BLOCK_MIN_CONFIDENCE and signals["evidence"] >= BLOCK_MIN_EVIDENCE):
            confidence = float(signals.pop("confidence"))
            moves.append(Move(tuple(range(i0, i1)), tuple(range(j0, j1)), signals, confidence))
    # a pair linked inside a block but without a seed of its own only stands with a seeded
    # neighbour in the same passage
    keep = []
    for move in moves:
        seeded_here = any((i, j) in seeded for i in move.src for j in move.tgt)
        near = any(other is not move and any((i, j) in seeded for i in other.src for j in other.tgt)
                   and (abs(other.src[0] - move.src[-1]) <= 2 or abs(move.src[0] - other.src[-1]) <= 2)
                   for other in moves)
        if seeded_here or near:
            keep.append(move)
    return keep


def _grow(moves: list[Move], free_src: set[int], free_tgt: set[int], scorer) -> list[Move]:
    """A moved line split in two on the other side (or two joined): take an adjacent left-over
    omission or addition into the move when the larger link is surer than the 1-1 one."""
    from compare.align.aligner import link_signals_batch

    out = []
    for move in moves:
        best = move
        for _round in range(2):
            options = []
            s0, s1, t0, t1 = best.src[0], best.src[-1] + 1, best.tgt[0], best.tgt[-1] + 1
            if s1 - s0 < 3 or t1 - t0 < 3:
                for span in ((s0 - 1, s1, t0, t1), (s0, s1 + 1, t0, t1), (s0, s1, t0 - 1, t1), (s0, s1, t0, t1 + 1)):
                    a0, a1, b0, b1 = span
                    if a1 - a0 > 3 or b1 - b0 > 3 or (a1 - a0 > 1 and b1 - b0 > 1):
                        continue
                    new_src = set(range(a0, a1)) - set(best.src)
                    new_tgt = set(range(b0, b1)) - set(best.tgt)
                    if new_src <= free_src and new_tgt <= free_tgt:
                        options.append(span)
            if not options:
                break
            shown = link_signals_batch(scorer, options)
            k = max(range(len(options)), key=lambda x: shown[x]["confidence"])
            if shown[k]["confidence"] <= best.confidence or shown[k]["evidence"] < UNIT_MIN_EVIDENCE:
                break
            a0, a1, b0, b1 = options[k]
            signals = {key: v for key, v in shown[k].items() if key not in ("confidence", "_features")}
            free_src -= set(range(a0, a1))
            free_tgt -= set(range(b0, b1))
            best = Move(tuple(range(a0, a1)), tuple(range(b0, b1)), signals, float(shown[k]["confidence"]))
        out.append(best)
    return out


def passages(moves: Sequence[Move]) -> list[list[Move]]:
    """Moves that follow each other on both sides are one moved passage."""
    out: list[list[Move]] = []
    for move in sorted(moves, key=lambda mv: mv.src[0]):
        last = out[-1][-1] if out else None
        if last is not None and move.src[0] == last.src[-1] + 1 and move.tgt[0] == last.tgt[-1] + 1:
            out[-1].append(move)
        else:
            out.append([move])
    return out


def _ids(ids: list[int]) -> str:
    return str(ids[0]) if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


def describe_moves(moves: Sequence[Move], src_lang: str, tgt_lang: str) -> str:
    """One line: "2 passages moved (en 3-5 stand at ru 10-12; en 8 at ru 1)"."""
    groups = passages(moves)
    where = "; ".join(
        f"{src_lang} {_ids([i for mv in g for i in mv.src])} at {tgt_lang} {_ids([j for mv in g for j in mv.tgt])}"
        for g in groups)
    count = f"{len(groups)} passage{'s' if len(groups) != 1 else ''} moved"
    return f"{count} ({where})"
