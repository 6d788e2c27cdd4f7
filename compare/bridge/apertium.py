"""Word lists out of Apertium's compiled transducers (apertium-bel-rus ships no .dix source):
`lt-print` (lttoolbox-dev) writes a transducer as AT&T text, and a walk over it lists

  - the bilingual dictionary (bel-rus.autobil.bin): Belarusian lemma -> Russian lemma, and
  - the Belarusian analyser (bel-rus.automorf.bin): word form -> lemma,

which the bridge keeps in its cache (built once). A lemma ends where its first tag (<n>,
<vblex>, ...) begins; the walk follows each path no further, and never through a state twice
on one path (the transducers loop for numbers and punctuation).
"""
from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

from compare.bridge.sources import ANALYSER, BIDIX, lt_print_available  # noqa: F401

_WORDLIKE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_EPSILON = ("ε", "@0@", "@_EPSILON_SYMBOL_@")


class ApertiumError(Exception):
    pass


def _att(path: Path) -> tuple[dict[int, list[tuple[int, str, str]]], set[int]]:
    if not path.exists():
        raise ApertiumError(f"{path}: not found")
    try:
        text = subprocess.run(["lt-print", str(path)], capture_output=True, text=True, check=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise ApertiumError(f"{path}: lt-print failed ({error})") from None
    arcs: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    finals: set[int] = set()
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 4:
            arcs[int(parts[0])].append((int(parts[1]), parts[2], parts[3]))
        elif parts[0].strip() and parts[0] != "--":
            finals.add(int(parts[0]))
    if not arcs:
        raise ApertiumError(f"{path}: lt-print gave no transitions")
    return arcs, finals


def _is_tag(symbol: str) -> bool:
    return len(symbol) > 2 and symbol[0] == "<" and symbol[-1] == ">"


def bidix_pairs(path: Path = BIDIX) -> set[tuple[str, str]]:
    """(left lemma, right lemma) pairs: for bel-rus.autobil.bin, Belarusian -> Russian."""
    arcs, _ = _att(path)
    out: set[tuple[str, str]] = set()
    stack = [(0, "", "", False, False, frozenset({0}))]
    while stack:
        state, left, right, left_done, right_done, seen = stack.pop()
        if left_done and right_done:
            if _WORDLIKE.fullmatch(left) and _WORDLIKE.fullmatch(right):
                out.add((left, right))
            continue
        if len(left) > 40 or len(right) > 40:
            continue
        for target, isym, osym in arcs.get(state, ()):
            if target in seen:
                continue
            l, r, ld, rd = left, right, left_done, right_done
            if _is_tag(isym):
                ld = True
            elif not ld and isym not in _EPSILON:
                l += isym
            if _is_tag(osym):
                rd = True
            elif not rd and osym not in _EPSILON:
                r += osym
            stack.append((target, l, r, ld, rd, seen | {target}))
    return out


def analyser_forms(path: Path = ANALYSER) -> set[tuple[str, str]]:
    """(word form, lemma) pairs of an analyser (surface on the left, lemma+tags on the right)."""
    arcs, finals = _att(path)
    out: set[tuple[str, str]] = set()
    stack = [(0, "", "", False, (0,))]
    while stack:
        state, surface, lemma, lemma_done, path_ = stack.pop()
        if state in finals and _WORDLIKE.fullmatch(surface) and lemma:
            out.add((surface, lemma))
        if len(surface) > 30:
            continue
        for target, isym, osym in arcs.get(state, ()):
            if target in path_:
                continue
            s = surface if (isym in _EPSILON or _is_tag(isym)) else surface + isym
            done = lemma_done or _is_tag(osym)
            lem = lemma if (done or osym in _EPSILON) else lemma + osym
            stack.append((target, s, lem, done, path_ + (target,)))
    return out
