"""Scoring an alignment against gold: strict and lax precision, recall and F1, as Vecalign's
score.py computes them (Thompson & Koehn 2019, after Sennrich & Volk's Text+Berg scoring).

- strict: a predicted link counts when the gold has the very same (source set, target set);
- lax: it counts when it overlaps a gold link on both sides;
- precision is over all predicted links (omissions and additions included), recall over the
  gold links that have both sides (a gold 1-0 is not something to recall);
- counts are summed over all files first, then divided (micro-average).

Files: one link per line, `SRC_IDS<TAB>TGT_IDS` with comma-separated 0-based ids and an empty
side for an omission or addition; Vecalign's `[0, 1]:[2]` lines are read too.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from compare.model import InputError

LinkIds = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    predicted: int  # links predicted (both sides empty excluded)
    gold: int  # gold links with both sides

    def table(self) -> str:
        return (
            "             strict    lax\n"
            f"precision    {self.precision_strict:.4f}    {self.precision_lax:.4f}\n"
            f"recall       {self.recall_strict:.4f}    {self.recall_lax:.4f}\n"
            f"F1           {self.f1_strict:.4f}    {self.f1_lax:.4f}\n"
        )


def parse_links(text: str, name: str = "<links>") -> list[LinkIds]:
    links = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            if "\t" in line:
                src, tgt = line.split("\t")[:2]
                links.append((_ids(src), _ids(tgt)))
            elif re.match(r"^\s*\[.*\]\s*:\s*\[.*\]", line):
                src, tgt = line.split(":")[:2]
                links.append((tuple(ast.literal_eval(src.strip())), tuple(ast.literal_eval(tgt.strip()))))
            else:
                raise ValueError
        except (ValueError, SyntaxError):
            raise InputError(
                f"{name}: line {number} is not SRC_IDS<TAB>TGT_IDS (comma-separated numbers): {line[:60]!r}"
            ) from None
    return links


def _ids(field: str) -> tuple[int, ...]:
    field = field.strip()
    return tuple(int(x) for x in field.split(",")) if field else ()


def read_links(path: str | Path) -> list[LinkIds]:
    from compare.sources import read_capped

    path = Path(path)
    data = read_capped(path)  # regular files only: a FIFO or a device would block or flood
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    return parse_links(text, str(path))


def _counts(gold: Iterable[LinkIds], test: Iterable[LinkIds]) -> tuple[int, int, int, int]:
    """(strict true, strict false, lax true, lax false) of `test` links judged against `gold`."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    src_to_gold_tgt: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for i in src:
            src_to_gold_tgt[i].update(tgt)
    strict_true = strict_false = lax_true = lax_false = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            strict_true += 1
            lax_true += 1
            continue
        strict_false += 1
        reachable = set().union(*(src_to_gold_tgt[i] for i in src)) if src else set()
        if reachable & set(tgt):
            lax_true += 1
        else:
            lax_false += 1
    return strict_true, strict_false, lax_true, lax_false


def score(golds: Sequence[Sequence[LinkIds]], tests: Sequence[Sequence[LinkIds]]) -> Scores:
    """Micro-averaged strict and lax P/R/F1 over pairs of (gold, predicted) link lists."""
    if len(golds) != len(tests):
        raise ValueError("as many gold as predicted alignments are needed")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    predicted = gold_links = 0
    for gold, test in zip(golds, tests):
        for k, v in enumerate(_counts(gold, test)):
            p[k] += v
        # recall: the gold's non-null links judged against the predicted non-null links
        gold_both = [(s, t) for s, t in gold if s and t]
        test_both = [(s, t) for s, t in test if s and t]
        for k, v in enumerate(_counts(test_both, gold_both)):
            r[k] += v
        predicted += len({(tuple(s), tuple(t)) for s, t in test if s or t})
        gold_links += len(set(map(lambda l: (tuple(l[0]), tuple(l[1])), gold_both)))

    def ratio(a: int, b: int) -> float:
        return a / (a + b) if a + b else 0.0

    def f1(x: float, y: float) -> float:
        return 2 * x * y / (x + y) if x + y else 0.0

    ps, pl = ratio(p[0], p[1]), ratio(p[2], p[3])
    rs, rl = ratio(r[0], r[1]), ratio(r[2], r[3])
    return Scores(ps, rs, f1(ps, rs), pl, rl, f1(pl, rl), predicted, gold_links)


def score_files(gold_paths: Sequence[str | Path], test_paths: Sequence[str | Path]) -> Scores:
    return score([read_links(p) for p in gold_paths], [read_links(p) for p in test_paths])


def pair_directory_files(gold_dir: Path, test_dir: Path) -> list[tuple[Path, Path]]:
    """Gold and predicted files matched by name (*.tsv); every gold file needs a prediction."""
    golds = sorted(p for p in gold_dir.iterdir() if p.is_file() and p.suffix in (".tsv", ".txt", ".align"))
    if not golds:
        raise InputError(f"{gold_dir}: no gold files (*.tsv)")
    pairs = []
    for gold in golds:
        test = test_dir / gold.name
        if not test.is_file():
            raise InputError(f"{test_dir}: no prediction named {gold.name} (gold {gold})")
        pairs.append((gold, test))
    return pairs
