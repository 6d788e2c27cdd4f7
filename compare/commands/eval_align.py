"""`python -m compare eval-align GOLD PRED`: strict and lax precision / recall / F1 of predicted
links against gold, as Vecalign's score.py (see compare/evaluate.py).

GOLD and PRED are two files, or two folders whose files are paired by name (counts summed
over all pairs). Prints a small table; `--json` prints the figures as one JSON object.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from compare.model import InputError


def configure(parser) -> None:
    parser.add_argument("gold", help="gold links (file or folder)")
    parser.add_argument("pred", help="predicted links (file or folder, files named as the gold)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args) -> int:
    from compare.evaluate import pair_directory_files, score_files

    gold, pred = Path(args.gold), Path(args.pred)
    for path in (gold, pred):
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    if gold.is_dir() != pred.is_dir():
        raise InputError(f"{gold} and {pred}: give two files or two folders")
    if gold.is_dir():
        pairs = pair_directory_files(gold, pred)
        result = score_files([g for g, _ in pairs], [p for _, p in pairs])
        what = f"{len(pairs)} file pairs"
    else:
        result = score_files([gold], [pred])
        what = f"{gold.name} vs {pred.name}"
    if args.json:
        print(json.dumps(asdict(result)))
    else:
        print(f"{what}: {result.predicted} predicted links, {result.gold} gold links (both sides)")
        print(result.table(), end="")
    return 0
