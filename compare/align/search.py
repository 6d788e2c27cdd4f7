"""The search: the best monotonic path of links through the grid of (source, target) positions.

Nodes are (i, j): the first i source and first j target segments are aligned. A link of type
(a, b) goes from node (i-a, j-b) to node (i, j) and earns the score the cost model gives it
(costs.py); the path from (0, 0) to (n, m) with the highest total is the alignment. Every
segment ends up in exactly one link, and links never cross.

Exact dynamic programming over the whole grid for article-size inputs. For long inputs the
grid is searched in a band around a guide path (costs.Band: row i covers columns lo[i] ..
lo[i]+width-1), so time and memory grow with n·width, not n·m; the caller widens the band and
searches again when the best path runs along its edge.

The row loop is vectorised over the band with numpy. Links with a >= 1 come from earlier rows
(one vector operation each). Additions (0-1) move along the row itself; a chain of them is a
running maximum over a cumulative sum, so it is vectorised too:
    D[i, k] = C[k] + max_{k0 <= k} (E[k0] - C[k0]),   C = cumsum of the 0-1 scores on row i,
where E is the best score arriving at (i, k0) by any other link type.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from compare.align.costs import NEG, Band

ScoreBlock = Callable[[int, int], dict[tuple[int, int], np.ndarray]]


def best_path(
    band: Band,
    scores: ScoreBlock,
    types: tuple[tuple[int, int], ...],
    block_rows: int = 256,
) -> tuple[list[tuple[int, int, int, int]], float, bool]:
    """Best path as links (i0, i1, j0, j1) meaning src[i0:i1] <-> tgt[j0:j1], its total score,
    and whether the path touched the edge of the band (then a wider band may find better)."""
    n, m, width, lo = band.n, band.m, band.width, band.lo
    insertion = types.index((0, 1))
    from_above = [(t, a, b) for t, (a, b) in enumerate(types) if a >= 1]
    longest = max(a for _, a, _ in from_above)
    # Rows of `total` are padded with NEG columns on both sides, so that reading row i-a at the
    # columns of row i is a plain slice: node (i, lo[i]+k) comes from (i-a, lo[i]+k-b), that is
    # column k + shift of row i-a, shift = lo[i] - lo[i-a] - b.
    drift = int(max((lo[a:] - lo[:-a]).max(initial=0) for a in range(1, longest + 1)) if n else 0)
    pad = drift + max(b for _, b in types) + 1
    total = np.full((n + 1, width + 2 * pad), NEG)  # best score of a path reaching each node
    back = np.full((n + 1, width), -1, dtype=np.int8)  # the link type that reached it
    k_index = np.arange(width)
    # The row loop runs once per source segment: what does not change from row to row is
    # prepared here (the band's offsets as Python ints, the link types usable on each of the
    # first rows, one buffer for the candidate scores).
    lo_at = lo.tolist()
    usable_from = [[(t, a, b) for t, a, b in from_above if i - a >= 0] for i in range(longest)]
    arrived_types = {len(u): np.array([t for t, _, _ in u], dtype=np.int8) for u in usable_from + [from_above]}
    buffer = np.empty((len(from_above), width))
    for start in range(0, n + 1, block_rows):
        stop = min(start + block_rows, n + 1)
        block = scores(start, stop)
        stacked = {t: block[types[t]] for t, _, _ in from_above}
        for i in range(start, stop):
            row = i - start
            usable = usable_from[i] if i < longest else from_above
            if usable:
                candidates = buffer[: len(usable)]
                for c, (t, a, b) in enumerate(usable):
                    shift = pad + lo_at[i] - lo_at[i - a] - b
                    np.add(total[i - a, shift : shift + width], stacked[t][row], out=candidates[c])
                choice = candidates.argmax(axis=0)
                arriving = candidates.max(axis=0)  # the value at `choice`
                arrived_by = arrived_types[len(usable)][choice]
            else:
                arriving = np.full(width, NEG)
                arrived_by = np.full(width, -1, dtype=np.int8)
            if i == 0 and lo[0] == 0:
                arriving[0] = 0.0  # the start node
            # chains of additions along the row: a running maximum over a cumulative sum
            step = block[(0, 1)][row].copy()
            step[0] = 0.0  # nothing arrives at the first column from its left inside the band
            cum = np.cumsum(step)
            lifted = arriving - cum
            running = np.maximum.accumulate(lifted)
            from_k = np.maximum.accumulate(np.where(lifted >= running, k_index, -1))
            total[i, pad : pad + width] = np.maximum(cum + running, NEG)
            back[i] = np.where(from_k == k_index, arrived_by, insertion)
    # trace back from (n, m)
    links: list[tuple[int, int, int, int]] = []
    i, j = n, m
    touched = False
    k = j - int(lo[i])
    if not 0 <= k < width or total[i, pad + k] <= NEG / 2:
        raise RuntimeError("no path through the band")
    best = float(total[i, pad + k])
    while i > 0 or j > 0:
        k = j - int(lo[i])
        t = int(back[i, k])
        if t < 0:
            raise RuntimeError("broken back-pointer")
        if not band.is_full and ((k == 0 and lo[i] > 0) or (k == width - 1 and lo[i] + width - 1 < m)):
            touched = True
        a, b = types[t]
        links.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    links.reverse()
    return links, best, touched
