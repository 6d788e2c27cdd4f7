"""Fit and check the link-confidence model (compare/align/confidence.py, its coefficients in
compare/data/align/confidence.json): logistic regressions of "this predicted link is in the
gold" on the evidence for and against it, one for matched links, one for omissions/additions.

Fitted on the dev set's variants of seeds FIT (benchmarks/devset/variants.py: the bundled
stories and Text+Berg de–fr with its MT), reported on seeds never fitted on (REPORT; the
clean variants, the same for every seed, are fitted on and not reported). Report: AUC of the
confidence for right against wrong links, calibration per band (mean confidence against the
share right), median confidence of right and of wrong links; for the stories and Text+Berg
apart, as the stories are what the tool is for.

    .venv/bin/python benchmarks/align_confidence.py                 # report the current model
    .venv/bin/python benchmarks/align_confidence.py --fit --write   # refit on seeds 0-3, save
    .venv/bin/python benchmarks/align_confidence.py --overall       # overall confidence, real vs unrelated
    options: --fit-seeds 0:4 --report-seeds 8:12
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))

import compare.align.aligner as aligner  # noqa: E402
from align_devset import document  # noqa: E402
import variants  # noqa: E402

try:  # absent before the model had its own module (to report the old model's figures)
    from compare.align import confidence as model_module  # noqa: E402
except ImportError:  # pragma: no cover
    model_module = None


def collect(first_seed: int, seeds: int, kinds=variants.KINDS):
    """One record per predicted link: (group, is_null, right, confidence, features)."""
    recorded: dict[tuple[int, int, int, int], dict] = {}
    original = aligner.link_signals_batch

    def recording(scorer, spans, margins=None):
        out = original(scorer, spans, margins) if margins is not None else original(scorer, spans)
        if margins is not None:
            for span, signals in zip(spans, out):
                recorded[tuple(int(x) for x in span)] = signals.get("_features")
        return out

    aligner.link_signals_batch = recording
    records = []
    dev = variants.dev_set(seeds=seeds, first_seed=first_seed)
    try:
        for kind in kinds:
            for pair in dev[kind]:
                recorded.clear()
                alignment = aligner.align_documents(document(pair.src, pair.src_lang),
                                                    document(pair.tgt, pair.tgt_lang), mt=pair.mt)
                gold = {(tuple(s), tuple(t)) for s, t in pair.gold}
                group = "text+berg" if pair.name.startswith("textberg") else "stories"
                for link in alignment.links:
                    right = (link.src, link.tgt) in gold
                    if link.is_null:
                        features = {"best_neighbour": link.signals.get("best_neighbour", 0.0),
                                    "margin": float(np.log1p(link.signals.get("margin", 0.0)))}
                    else:
                        span = (link.src[0], link.src[-1] + 1, link.tgt[0], link.tgt[-1] + 1)
                        features = recorded.get(span)
                    records.append((group, link.is_null, right, link.confidence, features))
    finally:
        aligner.link_signals_batch = original
    return records


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 60) -> np.ndarray:
    """Logistic regression by Newton's method, a little L2 (not on the bias)."""
    x = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(len(w))
    penalty[0, 0] = 1e-6
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w


def auc(score: np.ndarray, y: np.ndarray) -> float:
    """Probability that a right link gets more confidence than a wrong one (ties count half)."""
    pos, neg = score[y], score[~y]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    values = np.concatenate([pos, neg])[order]
    # average ranks over ties
    start = 0
    for k in range(1, len(values) + 1):
        if k == len(values) or values[k] != values[start]:
            ranks[order[start:k]] = (start + k + 1) / 2.0
            start = k
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


BANDS = ((0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01))


def report(records, label: str) -> None:
    for group in ("stories", "text+berg"):
        for null in (False, True):
            rows = [r for r in records if r[0] == group and r[1] == null]
            if not rows:
                continue
            c = np.array([r[3] for r in rows])
            y = np.array([r[2] for r in rows], dtype=bool)
            kind = "omissions/additions" if null else "matched links"
            wrong_median = f"{np.median(c[~y]):.3f}" if (~y).any() else "-"
            print(f"{label} {group} {kind}: {len(y)} links, {y.mean():.3f} right; AUC {auc(c, y):.3f}; "
                  f"median confidence right {np.median(c[y]):.3f}, wrong {wrong_median}")
            for lo, hi in BANDS:
                band = (c >= lo) & (c < hi)
                if band.any():
                    print(f"    [{lo:.2f}, {min(hi, 1):.2f}): {band.sum():5d} links, mean confidence "
                          f"{c[band].mean():.3f}, right {y[band].mean():.3f}")


def overall(report_first_seed: int) -> None:
    """Overall confidence of real pairs (the bundled stories whole and as excerpts of 4 and 8
    lines, their variants with omissions) and unrelated ones (every story against every other,
    whole and as excerpts), for en-ru, en-be and ru-be."""
    stories = [p for p in variants.corpus_pairs()]
    by_story = {}
    for pair in stories:
        story, langs = pair.name.rsplit(".", 1)
        a, b = langs.split("-")
        by_story.setdefault(story, {})[a] = pair.src
        by_story[story][b] = pair.tgt
    names = sorted(by_story)
    results: dict[str, list[tuple[float, bool, str]]] = {}

    def run(kind, src, a, tgt, b, label):
        alignment = aligner.align_documents(document(src, a), document(tgt, b))
        results.setdefault(kind, []).append((alignment.confidence, bool(alignment.warnings), label))

    for a, b in (("en", "ru"), ("en", "be"), ("ru", "be")):
        for x in names:
            for y in names:
                for cut in (None, 8, 4):
                    kind = ("real" if x == y else "unrelated") + ("" if cut is None else f" excerpt {cut}")
                    run(kind, by_story[x][a][:cut], a, by_story[y][b][:cut], b, f"{x}.{a} / {y}.{b} [:{cut}]")
    dev = variants.dev_set(seeds=3, include_text_berg=False, first_seed=report_first_seed)
    for pair in dev["omit"]:
        run("real with omissions", pair.src, pair.src_lang, pair.tgt, pair.tgt_lang, pair.name)
    for kind, rows in results.items():
        c = np.array([r[0] for r in rows])
        warned = sum(r[1] for r in rows)
        print(f"{kind:22} {len(c):4} pairs: min {c.min():.3f} p5 {np.percentile(c, 5):.3f} median {np.median(c):.3f} "
              f"p95 {np.percentile(c, 95):.3f} max {c.max():.3f}; under 0.35 {np.mean(c < 0.35):.3f}, "
              f"over 0.6 {np.mean(c > 0.6):.3f}, warned {warned}")
        misses = [r for r in rows if (kind.startswith("unrelated") and (r[0] >= 0.35 or not r[1]))
                  or (not kind.startswith("unrelated") and r[0] <= 0.6)]
        for r in sorted(misses)[:6]:
            print(f"    {r[0]:.3f} {'warned' if r[1] else 'no warning'}  {r[2]}")


def seeds(text: str) -> tuple[int, int]:
    first, stop = (int(x) for x in text.split(":"))
    return first, stop - first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="refit the model on --fit-seeds")
    parser.add_argument("--write", action="store_true", help="save the refitted model")
    parser.add_argument("--fit-seeds", default="0:4")
    parser.add_argument("--report-seeds", default="8:12")
    parser.add_argument("--overall", action="store_true", help="overall confidence of real and unrelated pairs")
    args = parser.parse_args()
    if args.overall:
        overall(seeds(args.report_seeds)[0])
        return
    if args.fit:
        first, count = seeds(args.fit_seeds)
        train = collect(first, count)
        data = json.loads(model_module.MODEL_FILE.read_text(encoding="utf-8"))
        for part, names, null in (("link", model_module.LINK_FEATURES, False),
                                  ("null", model_module.NULL_FEATURES, True),
                                  ("link_without_margin", model_module.LINK_FEATURES_WITHOUT_MARGIN, False),
                                  ("null_without_margin", model_module.NULL_FEATURES_WITHOUT_MARGIN, True)):
            rows = [r for r in train if r[1] == null and r[4] is not None]
            x = np.array([[r[4][name] for name in names] for r in rows])
            y = np.array([r[2] for r in rows], dtype=float)
            w = fit(x, y)
            print(f"{part}: {len(y)} links ({y.mean():.3f} right); "
                  + ", ".join(f"{n}={v:.3f}" for n, v in zip(("bias",) + names, w)))
            data[part] = {"features": list(names), "coefficients": [round(float(v), 3) for v in w]}
        data["fitted_on"] = (f"benchmarks/align_confidence.py --fit --fit-seeds {args.fit_seeds}: dev-set variants "
                             f"(bundled stories en/ru/be, Text+Berg de-fr with MT)")
        if args.write:
            model_module.MODEL_FILE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            model_module.load_model.cache_clear()
            print(f"written {model_module.MODEL_FILE.relative_to(REPO)}")
        else:
            print(json.dumps(data, indent=2))
            return
    first, count = seeds(args.report_seeds)
    held_out = collect(first, count, kinds=tuple(k for k in variants.KINDS if k != "clean"))
    report(held_out, f"seeds {args.report_seeds}")


if __name__ == "__main__":
    main()
