"""Grid over the cost model's weights on the dev set: prints strict F1 per group for each setting.
Used to choose the defaults in compare/align/costs.py (Weights); not a test.

    .venv/bin/python benchmarks/align_tune.py 'signal=2,3,4' 'null=-1.8,-2.2'
"""
from __future__ import annotations

import itertools
import re
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))

from align_devset import evaluate  # noqa: E402
from compare.align import AlignSettings  # noqa: E402
from compare.align.costs import Weights  # noqa: E402
import variants  # noqa: E402


def groups():
    dev = variants.dev_set(seeds=2)
    stories = [p for kind in ("omit", "mixed", "merge") for p in dev[kind] if not p.name.startswith("textberg")]
    text_berg = [p for p in dev["clean"] if p.name.startswith("textberg")]
    return {"tb+mt": (text_berg, True), "tb": (text_berg, False), "stories": (stories, False)}


def parse(spec: str):
    name, values = spec.split("=")
    return name, [float(v) for v in values.split(",")]


def main() -> None:
    grid = [parse(spec) for spec in sys.argv[1:]]
    data = groups()
    for combo in itertools.product(*(values for _, values in grid)):
        changes = dict(zip((name for name, _ in grid), combo))
        weights = Weights()
        priors = dict(weights.priors)
        for name, value in list(changes.items()):
            if re.fullmatch(r"p\d\d", name):  # p12 -> priors (1,2) and (2,1)
                a, b = int(name[1]), int(name[2])
                priors[(a, b)] = priors[(b, a)] = value
                changes.pop(name)
        weights = replace(weights, priors=priors, **changes)
        settings = AlignSettings(weights=weights)
        figures = []
        for label, (pairs, use_mt) in data.items():
            result, _ = evaluate(pairs, settings, use_mt=use_mt)
            figures.append(f"{label} {result.f1_strict:.4f}")
        print(dict(zip((n for n, _ in grid), combo)), " | ".join(figures), flush=True)


if __name__ == "__main__":
    main()
