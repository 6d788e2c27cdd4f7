"""Summary links on their dev set (benchmarks/devset/summaries.py): English sentences that sum
up two or three original sentences that do not stand together, built from the bundled stories
with exact gold; then the ordinary dev sets, where every summary link is a false one.

    .venv/bin/python benchmarks/align_summaries.py [--seeds 1] [--first-seed 0] [--show-errors]
        [--no-devset]

Per kind: gold summaries found exactly (recall), summary links that are a gold summary
(precision), summary links on the right sentence with some of its sources (partial), strict
F1 over all links (roles aside). Then: summary links on the clean bundled pairs, on the edited
variants (benchmarks/align_devset.py, seeds 0-2, stories only) and on the moved set.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))

from align_devset import document  # noqa: E402
from compare.align import align_documents  # noqa: E402
from compare.evaluate import score  # noqa: E402
import moves  # noqa: E402
import summaries  # noqa: E402
import variants  # noqa: E402


def summary_links(pair) -> tuple[object, list]:
    alignment = align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang), mt=pair.mt)
    return alignment, [(l.src, l.tgt) for l in alignment.links if l.role == "summary"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-devset", action="store_true", help="only the summary set")
    args = parser.parse_args()
    all_found = all_gold = all_right = all_predicted = 0
    for kind, cases in summaries.summary_set(args.seeds, args.first_seed).items():
        found = predicted = right = partial = 0
        golds, tests = [], []
        for case in cases:
            alignment, links = summary_links(case.pair)
            predicted += len(links)
            hit = case.summary in links
            found += hit
            right += sum(1 for l in links if l == case.summary)
            partial += sum(1 for s, t in links if s == case.summary[0] and l_overlap(t, case.summary[1]) and (s, t) != case.summary)
            golds.append(case.pair.gold)
            tests.append([(list(l.src), list(l.tgt)) for l in alignment.links])
            if args.show_errors and (not hit or len(links) > hit):
                near = [(l.src, l.tgt, l.role, l.confidence) for l in alignment.links
                        if set(l.src) & set(case.summary[0]) or set(l.tgt) & set(case.summary[1])]
                print(f"  {case.pair.name}: gold {case.summary}; summaries {links}\n    near {near}")
        result = score(golds, tests)
        all_found, all_gold, all_right, all_predicted = (all_found + found, all_gold + len(cases),
                                                         all_right + right, all_predicted + predicted)
        print(f"{kind:7} {len(cases):3} cases  found {found}/{len(cases)} ({found / max(len(cases), 1):.0%})  "
              f"precision {right}/{predicted}  partial {partial}  strict F1 {result.f1_strict:.3f}")
    print(f"all     {all_gold:3} cases  recall {all_found / max(all_gold, 1):.3f}  "
          f"precision {all_right / max(all_predicted, 1):.3f} ({all_right}/{all_predicted})")
    if args.no_devset:
        return
    clean = sum(len(summary_links(p)[1]) for p in variants.corpus_pairs())
    print(f"clean    {len(variants.corpus_pairs()):3} pairs  summary links {clean}")
    dev = variants.dev_set(seeds=3, include_text_berg=False, first_seed=0)
    for kind, pairs in dev.items():
        false = []
        for pair in pairs:
            false += [(pair.name, l) for l in summary_links(pair)[1]]
        print(f"{kind:8} {len(pairs):3} pairs  summary links {len(false)}" + "".join(f"\n    {f}" for f in false[:5]))
    for kind, cases in moves.moved_set(1, 0).items():
        false = sum(len(summary_links(c.pair)[1]) for c in cases)
        print(f"{kind:8} {len(cases):3} pairs  summary links {false}")


def l_overlap(a, b) -> bool:
    return bool(set(a) & set(b))


if __name__ == "__main__":
    main()
