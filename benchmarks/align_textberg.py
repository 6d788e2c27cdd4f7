"""Text+Berg de–fr (7 hand-aligned articles, ../shared/benchmarks/text-berg): strict and lax
P/R/F1 of our aligner, with the shipped machine translation (de→fr, Bleualign-style signal),
with both shipped translations (de→fr and fr→de, as Bleualign can use), and without MT
(length + anchors + shared spelling only).

    .venv/bin/python benchmarks/align_textberg.py [--dir PATH] [--out PRED_DIR]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare.align import align_documents  # noqa: E402
from compare.commands.align import read_lines, read_presegmented  # noqa: E402
from compare.evaluate import read_links, score  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "benchmarks" / "text-berg"


def run(folder: Path, use_mt: bool, out: Path | None = None, both: bool = False):
    golds, tests, seconds = [], [], 0.0
    for gold_path in sorted(folder.glob("doc*.gold.tsv")):
        stem = gold_path.name.split(".")[0]
        src = read_presegmented(str(folder / f"{stem}.de.txt"), "de")
        tgt = read_presegmented(str(folder / f"{stem}.fr.txt"), "fr")
        mt = read_lines(str(folder / f"{stem}.mt-de2fr.txt")) if use_mt else None
        reverse = read_lines(str(folder / f"{stem}.mt-fr2de.txt")) if use_mt and both else None
        start = time.perf_counter()
        alignment = align_documents(src, tgt, mt=mt, mt_reverse=reverse)
        seconds += time.perf_counter() - start
        links = [(l.src, l.tgt) for l in alignment.links]
        golds.append(read_links(gold_path))
        tests.append(links)
        if out:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{stem}.tsv").write_text(
                "".join(f"{','.join(map(str, s))}\t{','.join(map(str, t))}\n" for s, t in links)
            )
    return score(golds, tests), seconds, alignment.signature_string()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--out", type=Path, help="write the predicted links here (one file per article)")
    args = parser.parse_args()
    for use_mt, both in ((True, False), (True, True), (False, False)):
        name = ("mt-both" if both else "mt") if use_mt else "no-mt"
        result, seconds, signature = run(args.dir, use_mt, args.out / name if args.out else None, both)
        label = ("with both shipped MTs (de→fr, fr→de)" if both else "with shipped MT (de→fr)") if use_mt else "without MT"
        print(f"Text+Berg de–fr, {label}: strict P {result.precision_strict:.3f} R {result.recall_strict:.3f} "
              f"F1 {result.f1_strict:.3f} | lax F1 {result.f1_lax:.3f} | align time {seconds:.2f} s")
        print(f"  last signature: {signature}")


if __name__ == "__main__":
    main()
