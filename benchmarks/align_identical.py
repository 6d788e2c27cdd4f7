"""Are the aligner's features, links and confidences the same as another tree's? (a check for
speed work, which must change how things are computed, not what comes out)

For every pair of the dev set (the bundled stories' pairs and Text+Berg, clean and edited
variants: benchmarks/devset/variants.py) it dumps, with `compare` imported from a given tree:
the anchor features, spelling keys and bridge words of every document, and the alignment
(links with their confidence and signals, overall confidence, signature, warnings, notes).
Then it compares the two dumps line by line and prints the first differences.

    .venv/bin/python benchmarks/align_identical.py --against DIR [--seeds 3] [--first-seed 8] [--long]
        DIR: a checkout of the version to compare with (e.g. `git worktree add /tmp/ref HEAD`)
    .venv/bin/python benchmarks/align_identical.py --dump OUT.jsonl --tree DIR   (one side only)

--long adds the speed benchmark's 5,000 x 6,300 en–ru pair (benchmarks/align_speed.py).
Both dumps run with PYTHONHASHSEED=0: the dictionary bridge's private columns are numbered in
the order of a set of words, so a few 1-2 links' bridge cosines (and confidences) change with the
hash seed from run to run, in any version (seen on the 5,000-line pair). Exit status 0 when
everything is identical, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEXT_BERG = Path("/work/shared/benchmarks/text-berg")


def _text_berg_root() -> Path | None:
    for root in (REPO.parent / "shared" / "benchmarks" / "text-berg", TEXT_BERG):
        if root.exists():
            return root
    return None


def dump(tree: Path, out: Path, seeds: int, first_seed: int, long: bool) -> None:
    sys.path.insert(0, str(tree))
    sys.path.insert(1, str(REPO / "benchmarks"))
    sys.path.insert(2, str(REPO / "benchmarks" / "devset"))
    import compare

    assert Path(compare.__file__).resolve().parent.parent == tree.resolve(), compare.__file__
    import variants
    from compare.align import align_documents
    from compare.align.signals import anchor_features, cognate_keys
    from compare.model import Document, Segment

    def document(lines, lang):
        segments, offset = [], 0
        for index, line in enumerate(lines):
            segments.append(Segment(index, line, offset, offset + len(line), index, lang=lang))
            offset += len(line) + 1
        return Document(lang, "\n".join(lines), tuple(segments), source="<dev>")

    bases = variants.corpus_pairs()
    root = _text_berg_root()
    if root is not None:
        bases += variants.text_berg_pairs(root)
    pairs = []
    for kind in variants.KINDS:
        for base in bases:
            for seed in ([0] if kind == "clean" else range(first_seed, first_seed + seeds)):
                pairs.append(variants.variant(base, kind, seed))
    if long:
        from align_speed import long_lines

        src, tgt = long_lines(5000, 6300)
        pairs.append(variants.Pair("long-5000x6300.en-ru", "en", "ru", src, tgt, []))
    with out.open("w", encoding="utf-8") as handle:
        for pair in pairs:
            src, tgt = document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang)
            for side, doc in (("src", src), ("tgt", tgt)):
                handle.write(json.dumps({"pair": pair.name, "side": side,
                                         "anchors": [list(row) for row in anchor_features(doc)],
                                         "cognates": [cognate_keys(s.text) for s in doc.segments]},
                                        ensure_ascii=False) + "\n")
            alignment = align_documents(src, tgt, mt=pair.mt)
            handle.write(json.dumps({
                "pair": pair.name,
                "links": [[list(l.src), list(l.tgt), l.confidence, l.role, l.status, dict(l.signals)]
                          for l in alignment.links],
                "confidence": alignment.confidence, "signature": alignment.signature,
                "warnings": list(alignment.warnings), "notes": list(alignment.notes)},
                ensure_ascii=False) + "\n")
    print(f"{tree}: {len(pairs)} pairs -> {out}", file=sys.stderr)


def compare_dumps(a: Path, b: Path, show: int = 5) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    differences = 0
    for number, (x, y) in enumerate(zip(left, right)):
        if x == y:
            continue
        differences += 1
        if differences <= show:
            rx, ry = json.loads(x), json.loads(y)
            keys = [k for k in rx if rx.get(k) != ry.get(k)]
            print(f"line {number + 1} ({rx.get('pair')} {rx.get('side', 'alignment')}): differs in {', '.join(keys)}")
            for key in keys[:2]:
                print(f"   - {str(rx.get(key))[:300]}\n   + {str(ry.get(key))[:300]}")
    if len(left) != len(right):
        print(f"{len(left)} lines against {len(right)}")
        differences += 1
    alignments = sum(1 for line in left if '"links"' in line[:200])
    print(f"{len(left)} records ({alignments} alignments): {'identical' if not differences else f'{differences} differ'}")
    return 0 if not differences else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="a checkout to compare this working tree with")
    parser.add_argument("--dump", type=Path, help="write one side's dump here (with --tree)")
    parser.add_argument("--tree", type=Path, default=REPO)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=8)
    parser.add_argument("--long", action="store_true", help="add the 5,000 x 6,300 en-ru pair")
    args = parser.parse_args()
    if args.dump:
        dump(args.tree, args.dump, args.seeds, args.first_seed, args.long)
        return 0
    if not args.against:
        parser.error("give --against DIR (or --dump OUT --tree DIR)")
    with tempfile.TemporaryDirectory() as folder:
        outs = []
        for name, tree in (("against", args.against), ("new", REPO)):
            out = Path(folder) / f"{name}.jsonl"
            command = [sys.executable, __file__, "--dump", str(out), "--tree", str(tree), "--seeds", str(args.seeds),
                       "--first-seed", str(args.first_seed)] + (["--long"] if args.long else [])
            # one hash seed for both: the bridge signal's private columns follow the order of a
            # set of words, so its cosines (not the links) of some 1-2 links move with the seed
            subprocess.run(command, check=True, cwd=tree, env={**os.environ, "PYTHONHASHSEED": "0"})
            outs.append(out)
        return compare_dumps(*outs)


if __name__ == "__main__":
    sys.exit(main())
