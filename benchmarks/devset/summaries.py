"""Condensed English with exact gold: the dev set for summary links.

An English desk often opens with one sentence that sums up two or three sentences of the
original that do not stand together (the lead's news, then a figure or a quote from further
down). From each bundled en–ru and en–be pair (variants.corpus_pairs), on the English side:

  lead2    the lead joined with the sentence two or three links further on, which leaves its
           place: the English lead sums up original sentences a and b (b not next to a)
  lead2c   the same, each part condensed (a parenthesis and the last clause after a comma
           dropped when the part keeps at least 60% of its words)
  lead3    the lead joined with two later sentences (a, a+2, a+4)
  inner2   the same as lead2 further into the story

Gold: the summary is one link, English sentence -> the original sentences it sums up (ids not
adjacent); every other link as in the base pair, renumbered. Only 1-1 links of the base take
part, so that each part is a whole translated sentence.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from variants import Links, Pair, corpus_pairs

_PAREN = re.compile(r"\s*\([^()]*\)")


@dataclass
class SummaryPair:
    pair: Pair
    summary: tuple[tuple[int, ...], tuple[int, ...]]  # the gold summary link (src ids, tgt ids)
    kind: str


def _condense(sentence: str) -> str:
    """Drop a parenthesis and the last clause after a comma, when most of the words stay."""
    words = len(sentence.split())
    out = _PAREN.sub("", sentence)
    head, comma, _tail = out.rpartition(", ")
    if comma and len(head.split()) >= 0.6 * words:
        out = head
    return out.rstrip(" .;:") if len(out.split()) >= 0.6 * words else sentence.rstrip(" .;:")


def _join(parts: list[str], condense: bool) -> str:
    """Parts as one English sentence: "A, while B" / "A; B" with the later parts lower-cased
    where they open with an ordinary word (not a quote, a name stays as it is)."""
    texts = [(_condense(p) if condense else p.rstrip(" .;:")) for p in parts]
    out = texts[0]
    for text in texts[1:]:
        first = text.split(" ", 1)[0]
        if first in ("The", "This", "It", "He", "She", "They", "According", "In", "At", "As"):
            text = text[0].lower() + text[1:]
        out += "; " + text
    return out + "."


def summarise(base: Pair, positions: list[int], condense: bool, kind: str) -> SummaryPair | None:
    """The English of base links `positions` (each 1-1, not adjacent in the original) as one
    sentence at the first one's place; the others leave the English."""
    links = base.gold
    if any(p >= len(links) or len(links[p][0]) != 1 or len(links[p][1]) != 1 for p in positions):
        return None
    tgt_ids = [links[p][1][0] for p in positions]
    if any(b - a < 2 for a, b in zip(tgt_ids, tgt_ids[1:])):
        return None
    src_ids = [links[p][0][0] for p in positions]
    drop = set(src_ids[1:])
    new_id, src = {}, []
    for i, line in enumerate(base.src):
        if i in drop:
            continue
        new_id[i] = len(src)
        src.append(_join([base.src[k] for k in src_ids], condense) if i == src_ids[0] else line)
    gold: Links = []
    for s, t in links:
        if s and s[0] in drop:
            continue
        if s and s[0] == src_ids[0]:
            gold.append(([new_id[src_ids[0]]], sorted(tgt_ids)))
        elif t and t[0] in tgt_ids[1:] and not s:
            continue
        else:
            gold.append(([new_id[i] for i in s], list(t)))
    pair = Pair(f"{base.name}.{kind}@{positions[0]}", base.src_lang, base.tgt_lang, src, list(base.tgt), gold)
    return SummaryPair(pair, ((new_id[src_ids[0]],), tuple(sorted(tgt_ids))), kind)


def _first_body(links: Links) -> int:
    """The first link after the headline (the lead)."""
    return 1 if len(links) > 2 else 0


def summary_set(seeds: int = 1, first_seed: int = 0, pairs: list[Pair] | None = None) -> dict[str, list[SummaryPair]]:
    """kind -> cases from every en–ru and en–be base pair, `seeds` per pair and kind."""
    bases = [p for p in (pairs if pairs is not None else corpus_pairs()) if p.src_lang == "en"]
    out: dict[str, list[SummaryPair]] = {"lead2": [], "lead2c": [], "lead3": [], "inner2": []}
    for base in bases:
        for seed in range(first_seed, first_seed + seeds):
            rng = random.Random(f"{base.name}/summaries/{seed}")
            lead = _first_body(base.gold)
            for kind in out:
                for _attempt in range(30):
                    start = lead if kind != "inner2" else rng.randrange(lead + 2, max(lead + 3, len(base.gold) - 4))
                    gap = rng.choice([2, 3])
                    positions = [start, start + gap] if kind != "lead3" else [start, start + 2, start + 4]
                    case = summarise(base, positions, kind == "lead2c", kind)
                    if case is not None:
                        case.pair.name += f".s{seed}"
                        out[kind].append(case)
                        break
    return out
