"""Speed and memory of the aligner (figures, not a test; timings are noisy on a shared box).

  1. a 60-segment article pair (three bundled stories, en–ru, back to back): align time
  2. 5,000 x 6,300 lines (Text+Berg de–fr, repeated; target segments cut in two): align time
  3. 10,000 x 10,000 lines: peak memory of the alignment (tracemalloc, numpy included)

    .venv/bin/python benchmarks/align_speed.py [--skip-long]
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import tracemalloc

import numpy as np
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))

from align_devset import document  # noqa: E402
from compare.align import align_documents  # noqa: E402
from compare.align.signals import _anchor_features  # noqa: E402
import variants  # noqa: E402


def article_pair(size: int = 60):
    src, tgt = [], []
    for pair in variants.corpus_pairs():
        if pair.src_lang == "en" and pair.tgt_lang == "ru":
            src += pair.src
            tgt += pair.tgt
        if len(src) >= size:
            break
    return document(src[:size], "en"), document(tgt[:size], "ru")


def long_pair(n: int, m: int):
    """Text+Berg repeated to n source lines; target lines cut in two until there are m."""
    de, fr = [], []
    for k in range(7):
        de += variants._lines(variants.TEXT_BERG / f"doc{k}.de.txt")
        fr += variants._lines(variants.TEXT_BERG / f"doc{k}.fr.txt")
    src = (de * (n // len(de) + 1))[:n]
    tgt = (fr * (n // len(fr) + 1))[: round(n * len(fr) / len(de))]
    extra = m - len(tgt)
    # cut `extra` lines, evenly spread, at the space nearest their middle (a 1-2 link each)
    cuttable = [index for index, line in enumerate(tgt) if " " in line.strip()]
    picks = np.linspace(0, len(cuttable) - 1, max(extra, 0)).round().astype(int) if extra > 0 else []
    chosen = {cuttable[p] for p in picks}
    out, cuts = [], 0
    for index, line in enumerate(tgt):
        spaces = [k for k, ch in enumerate(line) if ch == " "]
        if cuts < extra and index in chosen and spaces:
            cut = min(spaces, key=lambda k: abs(k - len(line) / 2))
            out += [line[:cut].strip(), line[cut:].strip()]
            cuts += 1
        else:
            out.append(line)
    return document(src, "de"), document(out[:m], "fr")


def timed(src, tgt, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        _anchor_features.cache_clear()  # time a first alignment: no features from the last run
        start = time.perf_counter()
        alignment = align_documents(src, tgt)
        times.append(time.perf_counter() - start)
    return times, alignment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-long", action="store_true")
    args = parser.parse_args()
    src, tgt = article_pair()
    align_documents(src, tgt)  # warm caches (regexes, word lists)
    times, alignment = timed(src, tgt, 7)
    print(f"article {len(src)} x {len(tgt)} en-ru: median align time {statistics.median(times) * 1000:.1f} ms "
          f"(min {min(times) * 1000:.1f}) [bar < 50 ms]; search {alignment.signature['search']}")
    if args.skip_long:
        return
    src, tgt = long_pair(5000, 6300)
    times, alignment = timed(src, tgt, 2)
    print(f"long {len(src)} x {len(tgt)} de-fr: align time {min(times):.2f} s [bar < 2 s]; "
          f"search {alignment.signature['search']}")
    src, tgt = long_pair(10000, 10000)
    tracemalloc.start()
    start = time.perf_counter()
    alignment = align_documents(src, tgt)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"long {len(src)} x {len(tgt)} de-fr: peak memory {peak / 1e6:.0f} MB [bar < 500 MB] "
          f"(traced run {seconds:.1f} s); search {alignment.signature['search']}")


if __name__ == "__main__":
    main()
