"""Moved content on its dev set (benchmarks/devset/moves.py): units of 3 lines moved 7 places
down or up, and two units swapped, built from the bundled stories with exact gold.

    .venv/bin/python benchmarks/align_moves.py [--seeds 2] [--first-seed 0] [--show-errors]

Per kind: moved lines linked to their true counterparts as `moved` (for a swap, the lines of
the unit the aligner marks as moved, or of the shorter unit when it marks none), lines jumped
over linked exactly and not as moved (no drift), strict F1 over all links (roles aside), and
false moves (moved links that are not a gold link of a unit that moved). Then the clean
bundled pairs: moves found where nothing moved.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))

from align_devset import document  # noqa: E402
from compare.align import align_documents  # noqa: E402
from compare.evaluate import score  # noqa: E402
import moves  # noqa: E402
import variants  # noqa: E402


def key(link) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(link[0]), tuple(link[1])


def run_case(case: moves.MovedPair):
    pair = case.pair
    alignment = align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang), mt=pair.mt)
    predicted = {(l.src, l.tgt): l.role for l in alignment.links}
    unit_keys = [[key(l) for l in unit] for unit in case.units]
    marked = [u for u in unit_keys if any(predicted.get(k) == "moved" for k in u)]
    counted = marked[:1] or [min(unit_keys, key=len)]
    lines = sum(len(k[0]) + len(k[1]) for u in counted for k in u)
    right = sum(len(k[0]) + len(k[1]) for u in counted for k in u if predicted.get(k) == "moved")
    still = [key(l) for l in case.still]
    drift_ok = sum(1 for k in still if k in predicted and predicted[k] != "moved")
    gold_moving = {k for u in unit_keys for k in u}
    false_moves = [k for k, role in predicted.items() if role == "moved" and k not in gold_moving]
    return alignment, right, lines, drift_ok, len(still), false_moves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    for kind, cases in moves.moved_set(args.seeds, args.first_seed).items():
        right = lines = drift_ok = still = false = 0
        golds, tests = [], []
        for case in cases:
            alignment, r, n, d, s, f = run_case(case)
            right, lines, drift_ok, still, false = right + r, lines + n, drift_ok + d, still + s, false + len(f)
            golds.append(case.pair.gold)
            tests.append([(list(l.src), list(l.tgt)) for l in alignment.links])
            if args.show_errors and (r < n or d < s or f):
                wrong = [(l.src, l.tgt, l.role) for l in alignment.links
                         if (l.src, l.tgt) not in {key(g) for g in case.pair.gold} or l.role == "moved"]
                print(f"  {case.pair.name} {case.edits}: moved {r}/{n} still {d}/{s} false {f}\n    {wrong}")
        result = score(golds, tests)
        print(f"{kind:8} {len(cases):3} cases  moved lines as moved {right}/{lines} ({right / max(lines, 1):.0%})  "
              f"jumped-over exact {drift_ok}/{still}  false moves {false}  strict F1 {result.f1_strict:.3f}")
    false = 0
    for pair in variants.corpus_pairs():
        alignment = align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang))
        false += sum(1 for l in alignment.links if l.role == "moved")
    print(f"clean     {len(variants.corpus_pairs()):3} pairs  moved links {false}")


if __name__ == "__main__":
    main()
