"""Apertium engine: speed of be→ru and crash isolation of ru→be.

Bars: 1,000 Belarusian sentences to Russian in < 2 s; a rus→bel batch with sentences that
crash the tagger (apertium bug #223) returns every other sentence's translation.

    .venv/bin/python benchmarks/bench_apertium.py [--runs 5]

Sentences: the bundled corpus (corpora/*/{be,ru}.txt, split at sentence ends) and the test
text (tests/data/translate/parallel.tsv), cycled up to 1,000 for the speed run.
"""
from __future__ import annotations

import argparse
import csv
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«\"„(]?[A-ZА-ЯЁІЎ0-9])")


def sentences(lang: str) -> list[str]:
    found: list[str] = []
    for path in sorted((REPO / "corpora").glob(f"*/{lang}.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            found += [s.strip() for s in SENTENCE_END.split(paragraph) if s.strip()]
    with (REPO / "tests" / "data" / "translate" / "parallel.tsv").open(encoding="utf-8") as f:
        found += [row[lang] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return list(dict.fromkeys(found))


def crashes_alone(sentence: str) -> bool:
    run = subprocess.run(["apertium", "-u", "rus-bel"], input=sentence, capture_output=True,
                         text=True)
    return not run.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--crash-batch", type=int, default=60,
                        help="Russian sentences in the rus→bel batch")
    args = parser.parse_args()

    from compare.translate.apertium import ApertiumTranslator

    ok = True
    belarusian = sentences("be")
    batch = [belarusian[n % len(belarusian)] for n in range(1000)]
    times, calls = [], []
    for _ in range(args.runs):
        translator = ApertiumTranslator(None, "be", "ru")
        started = time.perf_counter()
        results = translator.translate(batch)
        times.append(time.perf_counter() - started)
        calls.append(translator.engine_calls)
        assert len(results) == 1000
    failed = sum(r.failed for r in results)
    median = statistics.median(times)
    verdict = "PASS" if median < 2.0 and not failed else "FAIL"
    ok &= verdict == "PASS"
    print(f"be→ru: 1000 sentences ({len(belarusian)} distinct, "
          f"{sum(len(s) for s in batch)} characters), {translator.revision}")
    print(f"  median {median:.2f} s of {args.runs} runs ({' '.join(f'{t:.2f}' for t in times)}),"
          f" processes per run {sorted(set(calls))}, failed {failed}   bar < 2 s: {verdict}")

    russian = sentences("ru")[:args.crash_batch]
    for fallback in (False, True):
        translator = ApertiumTranslator(None, "ru", "be", fallback=fallback)
        started = time.perf_counter()
        results = translator.translate(russian)
        elapsed = time.perf_counter() - started
        crashed = [s for s, r in zip(russian, results) if "bug #223" in r.note]
        failed = [s for s, r in zip(russian, results) if r.failed]
        empty = [s for s, r in zip(russian, results) if not r.failed and not r.text]
        print(f"ru→be, fallback {'on' if fallback else 'off'}: {len(russian)} sentences, "
              f"{len(crashed)} crash the tagger, {len(failed)} marked failed, "
              f"{len(russian) - len(failed)} translated, {elapsed:.1f} s, "
              f"{translator.engine_calls} translation processes + {translator.probe_calls} "
              f"analysis probes")
        if not fallback:
            # every sentence marked failed really crashes alone; every other one came back
            wrongly_failed = [s for s in failed if not crashes_alone(s)]
            verdict = "PASS" if not wrongly_failed and not empty and crashed else "FAIL"
            if not crashed:
                verdict = "no crashing sentence in this batch (isolation not exercised)"
            ok &= verdict.startswith("PASS")
            print(f"  every failed one crashes alone: {not wrongly_failed}; every other one "
                  f"translated: {not empty}   bar: {verdict}")
        else:
            print(f"  translated without the tagger: {len(crashed) - len(failed)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
