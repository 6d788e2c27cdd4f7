"""Edited variants of aligned document pairs, with exact gold: the aligner's dev set.

Base pairs: the bundled stories (corpora/<story>/gold/segments.<lang>.txt with gold/<a>-<b>.tsv,
en–ru, en–be, ru–be) and Text+Berg de–fr (real translations). Each base pair yields variants:

  clean    as it is
  omit     2–3 runs of 1–3 consecutive segments dropped, each run on a random side
  merge    2–3 pairs of adjacent segments joined into one on a random side
  split    2–3 long segments cut in two at a clause boundary (comma, semicolon, dash)
  mixed    one of each of the above

The gold follows every edit exactly (a dropped segment's partner becomes an omission or
addition; joined or cut segments stay in their link). Edits that would make a link larger
than 3 segments on one side are skipped, as the aligner's link types stop at 3.

    .venv/bin/python benchmarks/devset/variants.py OUT_DIR      # writes <name>.{src,tgt}.txt + .gold.tsv
"""
from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEXT_BERG = REPO.parent / "shared" / "benchmarks" / "text-berg"

Links = list[tuple[list[int], list[int]]]


@dataclass
class Pair:
    name: str
    src_lang: str
    tgt_lang: str
    src: list[str]
    tgt: list[str]
    gold: Links
    mt: list[str] | None = None  # translation of src, line for line (kept in step with src edits)
    edits: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- base pairs


def _read_links(path: Path) -> Links:
    links = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        s, t = line.split("\t")
        links.append(([int(x) for x in s.split(",")] if s else [], [int(x) for x in t.split(",")] if t else []))
    return links


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def complete(gold: Links, n: int, m: int) -> Links:
    """Add the segments no gold link names as omissions/additions, and put links in reading order.

    Links that cross others or skip segments (Text+Berg has a few reordered sentences, which no
    monotonic aligner can produce) are turned into omissions/additions, so that edits can be applied cleanly."""
    kept: Links = []
    last_s = last_t = -1
    def contiguous(ids: list[int]) -> bool:
        return sorted(ids) == list(range(min(ids), max(ids) + 1))

    for s, t in sorted((l for l in gold if l[0] and l[1] and contiguous(l[0]) and contiguous(l[1])),
                       key=lambda l: (min(l[0]), min(l[1]))):
        if min(s) > last_s and min(t) > last_t:
            kept.append((s, t))
            last_s, last_t = max(s), max(t)
    gold = kept  # null links are rebuilt below from what the kept links leave
    named_src = {i for s, _ in gold for i in s}
    named_tgt = {j for _, t in gold for j in t}
    links = list(gold) + [([i], []) for i in range(n) if i not in named_src] + [([], [j]) for j in range(m) if j not in named_tgt]
    return order_links(links, n, m)


def order_links(links: Links, n: int, m: int) -> Links:
    """Walk the path from (0, 0): at each point take the link that starts there."""
    by_src = {link[0][0]: link for link in links if link[0]}
    by_tgt = {link[1][0]: link for link in links if link[1]}
    out: Links = []
    i = j = 0
    while i < n or j < m:
        a = by_src.get(i) if i < n else None
        b = by_tgt.get(j) if j < m else None
        if a is not None and (a is b or not a[1]):
            link = a
        elif b is not None and not b[0]:
            link = b
        else:
            raise ValueError(f"links are not monotonic at source {i}, target {j}")
        out.append(link)
        i = max(link[0]) + 1 if link[0] else i
        j = max(link[1]) + 1 if link[1] else j
    return out


def corpus_pairs(root: Path = REPO / "corpora") -> list[Pair]:
    pairs = []
    for story in sorted(p for p in root.iterdir() if (p / "gold").is_dir()):
        for gold in sorted((story / "gold").glob("*-*.tsv")):
            a, b = gold.stem.split("-")
            sa, sb = story / "gold" / f"segments.{a}.txt", story / "gold" / f"segments.{b}.txt"
            if sa.exists() and sb.exists():
                src, tgt = _lines(sa), _lines(sb)
                pairs.append(Pair(f"{story.name}.{a}-{b}", a, b, src, tgt, complete(_read_links(gold), len(src), len(tgt))))
    return pairs


def text_berg_pairs(root: Path = TEXT_BERG) -> list[Pair]:
    pairs = []
    for gold in sorted(root.glob("doc*.gold.tsv")):
        stem = gold.name.split(".")[0]
        src, tgt = _lines(root / f"{stem}.de.txt"), _lines(root / f"{stem}.fr.txt")
        mt = _lines(root / f"{stem}.mt-de2fr.txt")
        pairs.append(Pair(f"textberg-{stem}.de-fr", "de", "fr", src, tgt, complete(_read_links(gold), len(src), len(tgt)), mt))
    return pairs


# --------------------------------------------------------------------------- edits


def _side(link, side: str) -> list[int]:
    return link[0] if side == "src" else link[1]


def _reindex(pair: Pair, side: str, mapping: dict[int, list[int]], texts: list[str], mt: list[str] | None) -> None:
    """Replace one side's ids through `mapping` (old id -> new ids, [] when dropped)."""
    new_links: Links = []
    for s, t in pair.gold:
        ids = s if side == "src" else t
        new_ids = sorted({k for i in ids for k in mapping[i]})
        link = (new_ids, t) if side == "src" else (s, new_ids)
        if link[0] or link[1]:
            new_links.append(link)
    # a link that lost one whole side is an omission/addition: one link per remaining segment
    out: Links = []
    for s, t in new_links:
        if s and t:
            out.append((s, t))
        else:
            out.extend(([i], []) for i in s)
            out.extend(([], [j]) for j in t)
    n = len(texts) if side == "src" else len(pair.src)
    m = len(texts) if side == "tgt" else len(pair.tgt)
    pair.gold = order_links(out, n, m)
    if side == "src":
        pair.src, pair.mt = texts, mt
    else:
        pair.tgt = texts


def drop_run(pair: Pair, side: str, start: int, length: int) -> bool:
    texts = pair.src if side == "src" else pair.tgt
    if start + length > len(texts) or len(texts) - length < 3:
        return False
    mapping: dict[int, list[int]] = {}
    for i in range(len(texts)):
        mapping[i] = [] if start <= i < start + length else [i if i < start else i - length]
    keep = [x for i, x in enumerate(texts) if not start <= i < start + length]
    mt = None
    if side == "src" and pair.mt is not None:
        mt = [x for i, x in enumerate(pair.mt) if not start <= i < start + length]
    _reindex(pair, side, mapping, keep, mt)
    pair.edits.append(f"drop {side} {start}+{length}")
    return True


def merge_adjacent(pair: Pair, side: str, k: int) -> bool:
    """Join segments k and k+1 of one side; the links between them fuse into one."""
    texts = pair.src if side == "src" else pair.tgt
    if k + 1 >= len(texts) or not texts[k].strip() or not texts[k + 1].strip():
        return False
    first = next(x for x, link in enumerate(pair.gold) if k in _side(link, side))
    last = next(x for x, link in enumerate(pair.gold) if k + 1 in _side(link, side))
    group = pair.gold[first : last + 1]
    fused_src = sorted({i for s, _ in group for i in s})
    fused_tgt = sorted({j for _, t in group for j in t})
    if side == "src":
        fused_src_after = len(set(fused_src)) - 1
        too_big = fused_src_after > 3 or len(fused_tgt) > 3
    else:
        too_big = len(fused_src) > 3 or len(set(fused_tgt)) - 1 > 3
    if too_big or (side == "src" and not fused_tgt) or (side == "tgt" and not fused_src):
        return False
    pair.gold = pair.gold[:first] + [(fused_src, fused_tgt)] + pair.gold[last + 1 :]
    mapping = {i: [i if i <= k else i - 1] for i in range(len(texts))}
    joined = texts[:k] + [texts[k].rstrip() + " " + texts[k + 1].lstrip()] + texts[k + 2 :]
    mt = None
    if side == "src" and pair.mt is not None:
        mt = pair.mt[:k] + [pair.mt[k].rstrip() + " " + pair.mt[k + 1].lstrip()] + pair.mt[k + 2 :]
    _reindex(pair, side, mapping, joined, mt)
    pair.edits.append(f"merge {side} {k},{k + 1}")
    return True


_CLAUSE = re.compile(r"[,;:–—](?=\s)")


def split_segment(pair: Pair, side: str, k: int) -> bool:
    """Cut segment k at the clause boundary nearest its middle."""
    texts = pair.src if side == "src" else pair.tgt
    text = texts[k]
    if len(text) < 60:
        return False
    cuts = [m.end() for m in _CLAUSE.finditer(text) if 0.3 <= m.end() / len(text) <= 0.7]
    if not cuts:
        return False
    link = next(link for link in pair.gold if k in _side(link, side))
    if len(_side(link, side)) >= 3:
        return False
    if side == "src" and pair.mt is not None:
        return False  # the translation cannot be cut at the same place
    cut = min(cuts, key=lambda c: abs(c - len(text) / 2))
    pieces = [text[:cut].strip(), text[cut:].strip()]
    mapping = {i: ([i] if i < k else [i + 1]) for i in range(len(texts))}
    mapping[k] = [k, k + 1]
    new_texts = texts[:k] + pieces + texts[k + 1 :]
    _reindex(pair, side, mapping, new_texts, pair.mt if side == "src" else None)
    pair.edits.append(f"split {side} {k}")
    return True


def variant(base: Pair, kind: str, seed: int) -> Pair:
    rng = random.Random(f"{base.name}/{kind}/{seed}")
    pair = Pair(f"{base.name}.{kind}{seed}", base.src_lang, base.tgt_lang, list(base.src), list(base.tgt),
                [(list(s), list(t)) for s, t in base.gold], list(base.mt) if base.mt else None)
    plan = {"clean": [], "omit": ["omit"] * rng.randint(2, 3), "merge": ["merge"] * rng.randint(2, 3),
            "split": ["split"] * rng.randint(2, 3), "mixed": ["omit", "merge", "split"]}[kind]
    for edit in plan:
        for _attempt in range(20):
            side = rng.choice(("src", "tgt"))
            size = len(pair.src if side == "src" else pair.tgt)
            if edit == "omit" and drop_run(pair, side, rng.randrange(size), rng.randint(1, 3)):
                break
            if edit == "merge" and merge_adjacent(pair, side, rng.randrange(max(size - 1, 1))):
                break
            if edit == "split" and split_segment(pair, side, rng.randrange(size)):
                break
    check(pair)
    return pair


def check(pair: Pair) -> None:
    """Every segment in exactly one gold link, links monotonic."""
    src = sorted(i for s, _ in pair.gold for i in s)
    tgt = sorted(j for _, t in pair.gold for j in t)
    assert src == list(range(len(pair.src))), (pair.name, pair.edits)
    assert tgt == list(range(len(pair.tgt))), (pair.name, pair.edits)
    if pair.mt is not None:
        assert len(pair.mt) == len(pair.src)


KINDS = ("clean", "omit", "merge", "split", "mixed")


def dev_set(seeds: int = 3, include_text_berg: bool = True, first_seed: int = 0) -> dict[str, list[Pair]]:
    """kind -> variants of every base pair (clean once, the others `seeds` times, seeds
    first_seed .. first_seed+seeds-1: report on seeds the weights were not chosen on)."""
    bases = corpus_pairs() + (text_berg_pairs() if include_text_berg and TEXT_BERG.exists() else [])
    chosen = range(first_seed, first_seed + seeds)
    return {kind: [variant(b, kind, s) for b in bases for s in ([0] if kind == "clean" else chosen)] for kind in KINDS}


def write(out: Path, pairs: list[Pair]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for pair in pairs:
        (out / f"{pair.name}.{pair.src_lang}.txt").write_text("\n".join(pair.src) + "\n", encoding="utf-8")
        (out / f"{pair.name}.{pair.tgt_lang}.txt").write_text("\n".join(pair.tgt) + "\n", encoding="utf-8")
        (out / f"{pair.name}.gold.tsv").write_text(
            "".join(f"{','.join(map(str, s))}\t{','.join(map(str, t))}\n" for s, t in pair.gold), encoding="utf-8")
        if pair.mt is not None:
            (out / f"{pair.name}.mt.txt").write_text("\n".join(pair.mt) + "\n", encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/align-devset")
    for kind, pairs in dev_set().items():
        write(target / kind, pairs)
        print(f"{kind}: {len(pairs)} pairs -> {target / kind}")
