"""Fit the link-confidence model (compare/align/aligner.py CONFIDENCE_MODEL): a logistic
regression of "this predicted link is in the gold" on what scored it, over the dev set
(benchmarks/devset/variants.py: the bundled stories' variants and Text+Berg with its MT).
Prints the coefficients and how well the confidences are calibrated (per band: mean
confidence against the share of links that are right).

    .venv/bin/python benchmarks/align_confidence.py
"""
from __future__ import annotations

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


def collect(seeds: int = 2):
    recorded: dict[tuple[int, int, int, int], tuple] = {}
    original = aligner.link_signals_batch

    def recording(scorer, spans):
        out = original(scorer, spans)
        for span, signals in zip(spans, out):
            recorded[tuple(int(x) for x in span)] = signals["_features"]
        return out

    aligner.link_signals_batch = recording
    rows, labels, confidences = [], [], []
    dev = variants.dev_set(seeds=seeds)
    for kind, pairs in dev.items():
        for pair in pairs:
            recorded.clear()
            alignment = aligner.align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang),
                                                mt=pair.mt)
            gold = {(tuple(s), tuple(t)) for s, t in pair.gold}
            for link in alignment.links:
                if link.is_null:
                    continue
                span = (link.src[0], link.src[-1] + 1, link.tgt[0], link.tgt[-1] + 1)
                rows.append((1.0, *recorded[span]))
                labels.append(float((link.src, link.tgt) in gold))
                confidences.append(link.confidence)
    aligner.link_signals_batch = original
    return np.array(rows), np.array(labels), np.array(confidences)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method with a little L2."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + l2 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def calibration(confidence: np.ndarray, y: np.ndarray) -> str:
    lines = []
    for lo, hi in ((0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.95), (0.95, 1.01)):
        band = (confidence >= lo) & (confidence < hi)
        if band.any():
            lines.append(f"  [{lo:.2f}, {hi:.2f}): {band.sum():5d} links, mean confidence {confidence[band].mean():.3f}, right {y[band].mean():.3f}")
    return "\n".join(lines)


def main() -> None:
    x, y, current = collect()
    print(f"{len(y)} predicted links, {y.mean():.3f} right")
    print("current model:\n" + calibration(current, y))
    # The total signal weight is left out of the model: on this dev set it mostly tells Text+Berg
    # (with MT, harder) from the stories (no MT, easier), which would not carry over.
    w = np.append(fit(x[:, :4], y), 0.0)
    print("fitted CONFIDENCE_MODEL = (" + ", ".join(f"{v:.2f}" for v in w) + ")")
    fitted = 1.0 / (1.0 + np.exp(-(x @ w)))
    print("fitted model:\n" + calibration(fitted, y))


if __name__ == "__main__":
    main()
