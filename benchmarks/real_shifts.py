#!/usr/bin/env python3
"""Precision / recall / accuracy of the `shifts` verdicts on a labelled TSV of real pairs.

    python benchmarks/real_shifts.py PAIRS.tsv [--src-lang ru] [--tgt-lang en] [--errors]

PAIRS.tsv is the `shifts` input (a header naming `source` and `target`, tab-separated) with a
`label` column: `faithful` (or `none`), `softened`, `sharpened` or `mixed`. An optional
`src_lang` / `tgt_lang` column overrides the flags per row (a set of ru→en and be→en pairs).
Other columns (`url`, `note`) are ignored. The pairs' text stays where it is: this script only
reads it (real page text is never committed; a file of URLs and labels may be).

Verdicts are those the `shifts` command prints for each row (compare.commands.shifts.analyze_row:
the force analysis, then the misalignment check of analyze/pair_check.py).

Printed:
- shift-vs-none: precision and recall of "this pair is a shift" (any non-none verdict);
- verdict accuracy (the exact verdict), next to the accuracy of flagging nothing;
- per flag kind (softened, sharpened): precision and recall of pairs carrying that kind;
- the same with routine (low-severity house-style) flags left out, since an editor filters them.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare.commands.shifts import _read_text, _unquote, analyze_row  # noqa: E402
from compare.model import InputError  # noqa: E402

LABELS = {"faithful": "none", "none": "none", "softened": "softened", "sharpened": "sharpened", "mixed": "mixed"}
KINDS = ("softened", "sharpened")


def read_labelled(path: str) -> list[dict[str, str]]:
    lines = _read_text(path).splitlines()
    if not lines:
        raise InputError(f"{path}: empty file")
    header = [_unquote(name).lower() for name in lines[0].split("\t")]
    for needed in ("source", "target", "label"):
        if needed not in header:
            raise InputError(f"{path}: missing column {needed!r} in the header")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [_unquote(field) for field in line.split("\t")]
        row = {name: (fields[i] if i < len(fields) else "") for i, name in enumerate(header)}
        label = LABELS.get(row["label"].strip().lower())
        if label is None:
            raise InputError(f"{path}: line {number}: unknown label {row['label']!r}")
        row["label"] = label
        row["line"] = str(number)
        rows.append(row)
    return rows


def _kinds(flags, routine: bool) -> set[str]:
    return {f["kind"] for f in flags if routine or "routine wire convention" not in f["explanation"]}


def _verdict(kinds: set[str]) -> str:
    return "mixed" if len(kinds) > 1 else (next(iter(kinds)) if kinds else "none")


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs")
    parser.add_argument("--src-lang", default="ru")
    parser.add_argument("--tgt-lang", default="en")
    parser.add_argument("--errors", action="store_true", help="list each miss and false alarm (local use only)")
    args = parser.parse_args()
    try:
        rows = read_labelled(args.pairs)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for routine in (True, False):
        tp = fp = fn = correct = faithful = 0
        per_kind: Counter[str] = Counter()
        errors = []
        for row in rows:
            # exactly what `shifts` answers for the row (force analysis, and the misalignment check)
            analysis = analyze_row(
                row["source"], row["target"], row.get("src_lang") or args.src_lang, row.get("tgt_lang") or args.tgt_lang
            )
            kinds = _kinds(analysis["flags"], routine)
            verdict = _verdict(kinds)
            gold = row["label"]
            gold_kinds = {"softened", "sharpened"} if gold == "mixed" else ({gold} - {"none"})
            faithful += gold == "none"
            correct += verdict == gold
            shift, said = gold != "none", verdict != "none"
            tp += shift and said
            fp += said and not shift
            fn += shift and not said
            for kind in KINDS:
                per_kind[f"{kind} tp"] += kind in kinds and kind in gold_kinds
                per_kind[f"{kind} fp"] += kind in kinds and kind not in gold_kinds
                per_kind[f"{kind} fn"] += kind not in kinds and kind in gold_kinds
            if verdict != gold:
                errors.append((row, verdict, analysis))
        title = "all flags" if routine else "routine (house-style, low) flags left out"
        print(f"== {len(rows)} pairs, {faithful} faithful — {title}")
        print(f"shift-vs-none precision {_ratio(tp, tp + fp)}, recall {_ratio(tp, tp + fn)}")
        print(f"verdict accuracy {_ratio(correct, len(rows))} (flagging nothing: {_ratio(faithful, len(rows))})")
        for kind in KINDS:
            t, f, n = per_kind[f"{kind} tp"], per_kind[f"{kind} fp"], per_kind[f"{kind} fn"]
            print(f"  {kind:9} precision {_ratio(t, t + f)}, recall {_ratio(t, t + n)}")
        if args.errors:
            for row, verdict, analysis in errors:
                print(f"  line {row['line']}: gold {row['label']}, got {verdict}")
                for flag in analysis["flags"]:
                    print(f"      {flag['kind']} [{flag['rule']}] {flag['explanation']}")
                if analysis.get("note"):
                    print(f"      note: {analysis['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
