"""Sentence segmentation: compare.segment against razdel on the test tables, and speed.

    .venv/bin/python benchmarks/segment_vs_razdel.py

Accuracy on tests/data/segment/sentences.<lang>.txt: the share of paragraphs split exactly
as expected, and precision / recall / F1 of the sentence boundaries (a boundary is the
offset where a sentence starts, after the first). razdel is built for Russian; it is run
on Belarusian and English too, for reference. Speed: milliseconds to segment a 40-sentence
article (median of repeats), and how the time grows from 1,000 to 10,000 lines (a ratio
near 10 is linear; quadratic work would give about 100).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from razdel import sentenize  # noqa: E402

from compare.segment import segment, split_sentences  # noqa: E402



sys.path.insert(0, str(REPO / "tests"))
from segment_tables import read_table  # noqa: E402


def expected_starts(paragraph: str, sentences: list[str]) -> set[int]:
    starts, pos = set(), 0
    for sentence in sentences:
        pos = paragraph.index(sentence, pos)
        starts.add(pos)
        pos += len(sentence)
    return starts - {min(starts)}


def ours(paragraph: str, lang: str) -> list[tuple[int, int]]:
    return split_sentences(paragraph, lang)


def razdel_spans(paragraph: str, lang: str) -> list[tuple[int, int]]:
    return [(s.start, s.stop) for s in sentenize(paragraph)]


def score(segmenter, lang: str) -> dict[str, float]:
    exact = tp = fp = fn = 0
    cases = read_table(lang)
    for paragraph, sentences in cases:
        spans = segmenter(paragraph, lang)
        exact += [paragraph[s:e] for s, e in spans] == sentences
        gold = expected_starts(paragraph, sentences)
        got = {s for s, _ in spans[1:]}
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"cases": len(cases), "exact": exact / len(cases), "P": precision, "R": recall, "F1": f1}


def article(lang: str) -> str:
    """A 40-sentence article built from the first table paragraphs."""
    paragraphs, count = [], 0
    for paragraph, sentences in read_table(lang):
        paragraphs.append(paragraph)
        count += len(sentences)
        if count >= 40:
            break
    return "\n".join(paragraphs)


def median_ms(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> int:
    print("Sentence boundaries on tests/data/segment tables")
    print(f"{'lang':<5}{'segmenter':<18}{'cases':>6}{'exact':>8}{'P':>8}{'R':>8}{'F1':>8}")
    for lang in ("ru", "be", "en"):
        for name, segmenter in (("compare.segment", ours), ("razdel 0.5.0", razdel_spans)):
            r = score(segmenter, lang)
            print(
                f"{lang:<5}{name:<18}{r['cases']:>6}{r['exact']:>8.3f}"
                f"{r['P']:>8.3f}{r['R']:>8.3f}{r['F1']:>8.3f}"
            )
    print()
    for lang in ("ru", "be", "en"):
        text = article(lang)
        n = len(segment(text, lang))
        ms = median_ms(lambda: segment(text, lang), 50)
        print(f"speed {lang}: {n}-sentence article segmented in {ms:.2f} ms (median of 50)")
    line = "Инфляция за квартал составила 1,8 процента, т.е. меньше прогноза. Итоги подведут в г. Минске."
    small = "\n".join([line] * 1_000)
    large = "\n".join([line] * 10_000)
    t_small = median_ms(lambda: segment(small, "ru"), 5)
    t_large = median_ms(lambda: segment(large, "ru"), 3)
    print(
        f"speed ru: 1,000 lines {t_small:.0f} ms, 10,000 lines {t_large:.0f} ms, "
        f"ratio {t_large / t_small:.1f} (linear = 10)"
    )
    one_paragraph = " ".join([line] * 10_000)
    t_par = median_ms(lambda: split_sentences(one_paragraph, "ru"), 3)
    print(f"speed ru: one paragraph of 20,000 sentences split in {t_par:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
