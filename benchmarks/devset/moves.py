"""Reordered variants of the bundled stories, with exact gold: the dev set for moved content.

A desk moves a quote up to the lead or swaps two passages; sentence for sentence the texts
still translate each other, but no monotonic path links the moved lines. From each base pair
(variants.corpus_pairs) on the target side:

  move   a unit of `size` consecutive links (every one 1-1 or larger, none empty) taken out
         and put back `jump` links further on (or earlier, `jump` < 0)
  swap   two adjacent units (2 and 3 links) exchanged

Gold: the same links as the base pair with the target ids renumbered; `moved` names the gold
links of the unit that moved (for a swap, the units of both: either may be the one that
crosses the other), `still` the links of the lines the unit jumped over.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from variants import Links, Pair, corpus_pairs


@dataclass
class MovedPair:
    pair: Pair
    units: list[Links]  # the gold links of each unit that moved (a swap: both units)
    still: Links  # the gold links of the lines jumped over
    edits: list[str] = field(default_factory=list)


def _reorder(base: Pair, order: list[int], name: str) -> tuple[Pair, dict[int, int]]:
    """`order`: the base links' positions in the new target reading order. Returns the pair
    (target lines reordered, gold renumbered) and old target id -> new id."""
    links = base.gold
    new_id: dict[int, int] = {}
    for position in order:
        for j in links[position][1]:
            new_id[j] = len(new_id)
    tgt = [""] * len(base.tgt)
    for old, new in new_id.items():
        tgt[new] = base.tgt[old]
    gold = [(list(s), [new_id[j] for j in t]) for s, t in links]
    return Pair(name, base.src_lang, base.tgt_lang, list(base.src), tgt, gold, base.mt), new_id


def _matched_run(links: Links, start: int, size: int) -> bool:
    return start >= 0 and start + size <= len(links) and all(s and t for s, t in links[start:start + size])


def move_unit(base: Pair, start: int, size: int = 3, jump: int = 7) -> MovedPair | None:
    links = base.gold
    if not _matched_run(links, start, size):
        return None
    order = list(range(len(links)))
    unit = order[start:start + size]
    rest = order[:start] + order[start + size:]
    at = start + jump if jump > 0 else start + jump
    if not 0 <= at <= len(rest) or abs(jump) < 1:
        return None
    # the jumped-over links must have a target line (else nothing is jumped over in the target)
    over = rest[start:at] if jump > 0 else rest[at:start]
    if sum(1 for k in over if links[k][1]) < abs(jump):
        return None
    new_order = rest[:at] + unit + rest[at:]
    pair, new_id = _reorder(base, new_order, f"{base.name}.move{size}x{jump}@{start}")
    gold = pair.gold
    return MovedPair(pair, [[gold[k] for k in unit]], [gold[k] for k in over], [f"move {start}+{size} by {jump}"])


def swap_units(base: Pair, start: int, first: int = 2, second: int = 3) -> MovedPair | None:
    links = base.gold
    if not _matched_run(links, start, first + second):
        return None
    order = list(range(len(links)))
    a = order[start:start + first]
    b = order[start + first:start + first + second]
    new_order = order[:start] + b + a + order[start + first + second:]
    pair, _ = _reorder(base, new_order, f"{base.name}.swap{first}+{second}@{start}")
    gold = pair.gold
    return MovedPair(pair, [[gold[k] for k in a], [gold[k] for k in b]], [], [f"swap {start}+{first}/{second}"])


def moved_set(seeds: int = 2, first_seed: int = 0, pairs: list[Pair] | None = None) -> dict[str, list[MovedPair]]:
    """kind ("move", "move-up", "swap") -> cases from every base pair, `seeds` per pair and kind.
    A unit of 3 moved 7 places down, a unit of 3 moved 7 places up (a quote to the lead), and
    two units (2 and 3 links) swapped; the start is drawn per seed."""
    bases = pairs if pairs is not None else corpus_pairs()
    out: dict[str, list[MovedPair]] = {"move": [], "move-up": [], "swap": []}
    for base in bases:
        for seed in range(first_seed, first_seed + seeds):
            rng = random.Random(f"{base.name}/moves/{seed}")
            for kind in out:
                for _attempt in range(30):
                    if kind == "move":
                        case = move_unit(base, rng.randrange(1, len(base.gold)), 3, 7)
                    elif kind == "move-up":
                        case = move_unit(base, rng.randrange(1, len(base.gold)), 3, -7)
                    else:
                        case = swap_units(base, rng.randrange(1, len(base.gold)), 2, 3)
                    if case is not None:
                        case.pair.name += f".s{seed}"
                        out[kind].append(case)
                        break
    return out
