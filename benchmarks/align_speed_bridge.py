"""What the dictionary bridge costs the aligner: time and memory with and without it, in one run
(ratios: the machine is shared, so absolute times are noise).

  1. a 60-segment en–ru article pair (three bundled stories): median align time, 7 runs each
  2. 5,000 x 6,300 en–ru lines (the bundled stories' en–ru pairs repeated; Russian lines cut in
     two until there are 6,300): align time, the better of 2 runs each
  3. the same pair: peak traced memory (tracemalloc) with and without the bridge
  4. loading the bridge (cache already built) in a fresh process, and a 60-line CLI run

    .venv/bin/python benchmarks/align_speed_bridge.py [--skip-long]

Bars (issue 12): at most +30% align time at 5,000 x 6,300, at most +150 MB, load < 0.1 s.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))

from align_devset import document  # noqa: E402
from compare.align import AlignSettings, align_documents  # noqa: E402
from compare.align.signals import _anchor_features  # noqa: E402
import variants  # noqa: E402

ON, OFF = AlignSettings(use_bridge=True), AlignSettings(use_bridge=False)


def en_ru_lines():
    src, tgt = [], []
    for pair in variants.corpus_pairs():
        if pair.src_lang == "en" and pair.tgt_lang == "ru":
            src += pair.src
            tgt += pair.tgt
    return src, tgt


def long_pair(n: int, m: int):
    en, ru = en_ru_lines()
    src = (en * (n // len(en) + 1))[:n]
    tgt = (ru * (n // len(ru) + 1))[: round(n * len(ru) / len(en))]
    extra = m - len(tgt)
    cuttable = [k for k, line in enumerate(tgt) if " " in line.strip()]
    chosen = set(np.array(cuttable)[np.linspace(0, len(cuttable) - 1, max(extra, 0)).round().astype(int)]) if extra > 0 else set()
    out = []
    for k, line in enumerate(tgt):
        if k in chosen and len(out) < m:
            spaces = [i for i, ch in enumerate(line) if ch == " "]
            cut = min(spaces, key=lambda i: abs(i - len(line) / 2))
            out += [line[:cut].strip(), line[cut:].strip()]
        else:
            out.append(line)
    return document(src, "en"), document(out[:m], "ru")


def timed(src, tgt, settings, runs):
    times = []
    for _ in range(runs):
        _anchor_features.cache_clear()
        from compare.bridge import get_bridge

        bridge = get_bridge()
        if bridge is not None:
            bridge.concept_memo.clear()  # a first alignment: no word looked up before
        start = time.perf_counter()
        align_documents(src, tgt, settings=settings)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-long", action="store_true")
    args = parser.parse_args()
    en, ru = en_ru_lines()
    src, tgt = document(en[:60], "en"), document(ru[:60], "ru")
    align_documents(src, tgt, settings=ON)  # warm: analysers, bridge cache
    off, on = [], []
    for _ in range(7):
        off += timed(src, tgt, OFF, 1)
        on += timed(src, tgt, ON, 1)
    print(f"article 60 x 60 en-ru: median {statistics.median(off) * 1000:.1f} ms without the bridge, "
          f"{statistics.median(on) * 1000:.1f} ms with (ratio {statistics.median(on) / statistics.median(off):.2f})")
    code = ("import time; t = time.perf_counter(); from compare.bridge import get_bridge; b = get_bridge(); "
            "b.lookup('en_ru', ['minister']); print(f'{time.perf_counter() - t:.3f}')")
    loads = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO).stdout)
             for _ in range(3)]
    print(f"bridge load + first look-up in a fresh process: {min(loads):.3f} s (min of 3) [bar < 0.1 s]")
    if args.skip_long:
        return
    src, tgt = long_pair(5000, 6300)
    off = min(timed(src, tgt, OFF, 2))
    on = min(timed(src, tgt, ON, 2))
    print(f"long {len(src.segments)} x {len(tgt.segments)} en-ru: {off:.2f} s without the bridge, {on:.2f} s with "
          f"(ratio {on / off:.2f}) [bar <= 1.30]")
    peaks = {}
    for name, settings in (("off", OFF), ("on", ON)):
        _anchor_features.cache_clear()
        tracemalloc.start()
        align_documents(src, tgt, settings=settings)
        peaks[name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(f"long en-ru peak traced memory: {peaks['off'] / 1e6:.0f} MB without, {peaks['on'] / 1e6:.0f} MB with "
          f"(+{(peaks['on'] - peaks['off']) / 1e6:.0f} MB) [bar <= +150 MB]")


if __name__ == "__main__":
    main()
