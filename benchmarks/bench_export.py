"""Export speed on the bundled corpus: every story through the pipeline once (timed apart),
then the whole corpus written in every format, and read back.

    .venv/bin/python benchmarks/bench_export.py [CORPUS_DIR] [--repeat N]

Prints per format: bytes, best-of-N export time, import time, and whether export → import →
export gives the same bytes (the whole-record formats). The bar: every format together < 2 s.
Timings are wall-clock on this machine; compare them as ratios, not across machines.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.export import FORMATS, WHOLE_RECORD, export_corpus, import_corpus, to_bytes  # noqa


def load(corpus: Path):
    from compare.commands.export import load_comparisons

    return load_comparisons([str(corpus)], check_lang=False, warn=lambda m: print(m))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "corpora"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    comparisons = load(Path(args.corpus))
    pipeline = time.perf_counter() - started
    alignments = sum(len(c.alignments) for c in comparisons)
    print(f"corpus: {len(comparisons)} stories, {alignments} pairwise alignments; "
          f"pipeline (not part of the bar) {pipeline:.2f} s")
    total = 0.0
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'format':<10} {'bytes':>9} {'export s':>9} {'import s':>9}  round trip")
        for fmt, (suffix, _) in FORMATS.items():
            out = Path(folder) / f"corpus{'.zip' if fmt == 'intertext' else suffix}"
            best = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                report = export_corpus(comparisons, fmt, out)
                best = min(best, time.perf_counter() - t0)
            total += best
            t0 = time.perf_counter()
            imported = import_corpus(out)
            read = time.perf_counter() - t0
            same = "-"
            if fmt in WHOLE_RECORD:
                pair = imported[0].pair if fmt == "xliff" else None
                again = to_bytes([i.comparison for i in imported], fmt, pair=pair)
                same = "identical" if again == out.read_bytes() else "DIFFERENT"
            print(f"{fmt:<10} {report.size:>9,} {best:>9.3f} {read:>9.3f}  {same}")
    print(f"all formats: {total:.3f} s (bar: < 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
