"""Speed of the CTranslate2 engine against the transformers engine, on a model of exactly the
opus-mt-en-ru shape with random weights (no weights can be downloaded here).

Bar: batch of 16 sentences of ~25 tokens, output forced to 30 tokens (min = max length),
2 threads, the two engines interleaved in one run, median of >= 5 runs:
CTranslate2 int8 >= 5x transformers fp32 tokens/s at beam 1, and >= 3.5x at beam 4.

    .venv/bin/python benchmarks/bench_mt.py [--runs 7] [--threads 2]

Also checks the other bar of the issue: a second run over the same story makes zero engine
calls. Speed is measured as a ratio in one interleaved run, because this machine is shared.
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

BATCH = 16
TARGET_SOURCE_TOKENS = 25
OUTPUT_TOKENS = 30
BARS = {1: 5.0, 4: 3.5}


def sentences(tokenizer_of) -> tuple[list[str], list[int]]:
    """16 English sentences of the repository text, those closest to 25 tokens."""
    with (REPO / "tests" / "data" / "translate" / "parallel.tsv").open(encoding="utf-8") as f:
        english = [row["en"] for row in csv.DictReader(f, delimiter="\t",
                                                       quoting=csv.QUOTE_NONE)]
    sized = sorted(((abs(len(tokenizer_of(s)) - TARGET_SOURCE_TOKENS), s) for s in english))
    chosen = [s for _, s in sized[:BATCH]]
    return chosen, [len(tokenizer_of(s)) for s in chosen]


def timed(translator, texts) -> float:
    started = time.perf_counter()
    results = translator.translate(texts)
    elapsed = time.perf_counter() - started
    assert len(results) == len(texts) and not any(r.failed for r in results)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per engine and beam")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--beams", type=int, nargs="+", default=[1, 4])
    args = parser.parse_args()

    import make_test_models
    import ctranslate2
    import torch
    import transformers

    from compare.translate.ct2 import CT2Translator
    from compare.translate.hf import HFTranslator

    folder = make_test_models.make("opus-mt-en-ru-shape", make_test_models.BENCH_OUT)
    ct2_dir = make_test_models.BENCH_OUT / "ct2"
    print(f"model: {folder} (random weights, opus-mt-en-ru shape)")
    print(f"machine: {platform.machine()} {cpu_vendor()}, {os.cpu_count()} CPUs, "
          f"{platform.python_version()}; "
          f"torch {torch.__version__}, transformers {transformers.__version__}, "
          f"ctranslate2 {ctranslate2.__version__}")

    failures = []
    for beam in args.beams:
        common = dict(beam=beam, threads=args.threads, batch_size=BATCH,
                      force_length=OUTPUT_TOKENS)
        hf = HFTranslator(str(folder), "en", "ru", **common)
        ct2 = CT2Translator(str(folder), "en", "ru", quantization="int8", ct2_dir=ct2_dir,
                            **common)
        hf.load()
        ct2.load()
        texts, lengths = sentences(lambda s: hf._encode([s])[0])
        # Both engines really produce 30 output tokens per sentence.
        batch = hf._encode(texts)
        produced = {name: [len(ids) for ids in engine._generate(batch)]
                    for name, engine in (("transformers", hf), ("ctranslate2", ct2))}
        for engine in (hf, ct2):  # warm-up
            timed(engine, texts)
        times: dict[str, list[float]] = {"transformers": [], "ctranslate2": []}
        for _ in range(args.runs):  # interleaved: both see the same machine load
            times["transformers"].append(timed(hf, texts))
            times["ctranslate2"].append(timed(ct2, texts))
        tokens = BATCH * OUTPUT_TOKENS
        speed = {name: tokens / statistics.median(values) for name, values in times.items()}
        ratio = speed["ctranslate2"] / speed["transformers"]
        bar = BARS.get(beam)
        verdict = "" if bar is None else ("  PASS" if ratio >= bar else "  FAIL")
        if bar is not None and ratio < bar:
            failures.append(beam)
        print(f"\nbeam {beam}: {BATCH} sentences, source tokens mean "
              f"{statistics.mean(lengths):.1f} (min {min(lengths)}, max {max(lengths)}), "
              f"output forced to {OUTPUT_TOKENS} tokens, {args.threads} threads, "
              f"median of {args.runs} interleaved runs")
        print(f"  output ids per sentence: transformers {sorted(set(produced['transformers']))} "
              f"(decoder start + 30), ctranslate2 {sorted(set(produced['ctranslate2']))}")
        for name in ("transformers", "ctranslate2"):
            label = "transformers fp32" if name == "transformers" else "ctranslate2 int8"
            print(f"  {label:18} {speed[name]:8.1f} tokens/s   runs (s): "
                  + " ".join(f"{t:.2f}" for t in times[name]))
        print(f"  ratio ctranslate2/transformers: {ratio:.2f}x (bar {bar}x){verdict}")

    print("\nsecond run over the same story:", second_run_calls(folder), "engine calls")
    return 1 if failures else 0


def cpu_vendor() -> str:
    """CTranslate2 takes its int8 GEMM from Intel MKL on Intel CPUs and from oneDNN elsewhere
    (MKL's int8 path is ~15x slower on AMD); the ratio depends on which one ran."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("vendor_id"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def second_run_calls(folder: Path) -> int:
    from compare.translate import get_translator, translate_segments

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache.sqlite"
        story = ["The council met on Tuesday.", "It discussed the bus routes.",
                 "The work will begin in spring."]
        first = get_translator("en", "ru", engine="ct2", model=str(folder), beam=1,
                               force_length=8, ct2_dir=str(folder.parent / "ct2"))
        translate_segments(story, "en", "ru", translator=first, cache=cache)
        again = get_translator("en", "ru", engine="ct2", model=str(folder), beam=1,
                               force_length=8, ct2_dir=str(folder.parent / "ct2"))
        translate_segments(story, "en", "ru", translator=again, cache=cache)
        return again.engine_calls


if __name__ == "__main__":
    sys.exit(main())
