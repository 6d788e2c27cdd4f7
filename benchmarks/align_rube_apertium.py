"""Russian–Belarusian alignment with and without Apertium be→ru as a similarity signal.

The pipeline (compare/pipeline.py) translates the Belarusian side of a ru↔be pair into Russian
with Apertium (when installed) and gives it to the aligner as `mt_reverse` (a translation of
the target side into the source language). This measures what that buys and what it costs:

1. strict/lax F1 on the ru–be part of the dev set (benchmarks/devset/variants.py), per kind of
   edit: no MT (anchors + folded spelling), Apertium be→ru, and Apertium with a share of its
   lines missing (passed as empty lines: how the pipeline passes segments whose MT failed);
   then the same with anchors and spelling off, to show what the signal knows by itself;
2. the time the signal adds per story (compare_story on every bundled story with ru and be):
   a first open (empty translation cache: Apertium runs) and a second open (cache only: zero
   Apertium calls), against the same story with the signal off;
3. the presegmented CLI (`python -m compare align --src-lang ru --tgt-lang be --presegmented`,
   and be→ru), which uses Apertium be→ru of the Belarusian file with --apertium: strict F1
   on the ru–be dev set both ways, with and without; then, for a 60-line and a 5,000-line pair,
   the align time and, apart, the Apertium time (empty cache, then cache only).

    .venv/bin/python benchmarks/align_rube_apertium.py [--seeds 3] [--first-seed 0] [--missing 0.2]
        [--runs 3] [--no-timings] [--only-cli] [--textberg-missing 0.2,0.5]

--textberg-missing: instead, how missing MT lines (empty: the segment's MT failed) fare on the
dev set's Text+Berg variants, which carry real MT: no MT, the whole MT, and each share missing.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
sys.path.insert(0, str(REPO / "benchmarks"))

from align_devset import document  # noqa: E402
from compare.align import AlignSettings, align_documents  # noqa: E402
from compare.evaluate import score  # noqa: E402
import variants  # noqa: E402


def apertium_be_ru(lines: list[str], memo: dict[str, str]) -> list[str]:
    """be→ru of every line, one Apertium process for the lines not seen yet."""
    from compare.translate.apertium import ApertiumTranslator

    new = [line for line in dict.fromkeys(lines) if line not in memo]
    if new:
        translator = ApertiumTranslator(None, "be", "ru")
        for line, result in zip(new, translator.translate(new)):
            memo[line] = "" if result.failed else result.text
    return [memo[line] for line in lines]


def with_gaps(lines: list[str], share: float, seed: str) -> list[str]:
    rng = random.Random(seed)
    return ["" if rng.random() < share else line for line in lines]


def evaluate(pairs, reverse_for, settings: AlignSettings = AlignSettings()) -> tuple[list, list, float]:
    """(gold links, predicted links, align seconds) over the pairs."""
    golds, tests, seconds = [], [], 0.0
    for pair in pairs:
        src, tgt = document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang)
        reverse = reverse_for(pair)
        start = time.perf_counter()
        alignment = align_documents(src, tgt, mt_reverse=reverse, mt_label="apertium:bel-rus",
                                    settings=settings)
        seconds += time.perf_counter() - start
        golds.append(pair.gold)
        tests.append([(list(l.src), list(l.tgt)) for l in alignment.links])
    return golds, tests, seconds


def line(kind: str, count: int, label: str, result, seconds: float | None = None) -> str:
    timing = f"  ({seconds:.2f} s)" if seconds is not None else ""
    return (f"  {kind:6} {count:3} pairs  {label:24} P {result.precision_strict:.3f} "
            f"R {result.recall_strict:.3f} F1 {result.f1_strict:.3f}  lax F1 {result.f1_lax:.3f}"
            + timing)


def dev_set_figures(seeds: int, missing: float, first_seed: int = 0) -> None:
    dev = variants.dev_set(seeds=seeds, include_text_berg=False, first_seed=first_seed)
    memo: dict[str, str] = {}
    setups = {
        "no MT": lambda p: None,
        "apertium be→ru": lambda p: apertium_be_ru(p.tgt, memo),
        f"apertium, {missing:.0%} missing": lambda p: with_gaps(apertium_be_ru(p.tgt, memo),
                                                              missing, p.name),
    }
    print(f"ru–be dev set: strict P/R/F1, lax F1, align time; '{missing:.0%} missing': that share "
          "of the Apertium lines left empty")
    totals: dict[str, tuple[list, list]] = {label: ([], []) for label in setups}
    for kind, pairs in dev.items():
        pairs = [p for p in pairs if (p.src_lang, p.tgt_lang) == ("ru", "be")]
        for label, reverse_for in setups.items():
            golds, tests, seconds = evaluate(pairs, reverse_for)
            totals[label][0].extend(golds)
            totals[label][1].extend(tests)
            print(line(kind, len(pairs), label, score(golds, tests), seconds))
    for label, (golds, tests) in totals.items():
        print(line("all", len(golds), label, score(golds, tests)))
    # What the signal knows by itself: the same, with the model-free signals off (length only)
    print("with anchors and spelling off (length + Apertium only):")
    bare = AlignSettings(use_anchors=False, use_spelling=False)
    pairs = [p for kind in dev.values() for p in kind if (p.src_lang, p.tgt_lang) == ("ru", "be")]
    for label, reverse_for in setups.items():
        golds, tests, _ = evaluate(pairs, reverse_for, bare)
        print(line("all", len(golds), label, score(golds, tests)))


def story_timings(runs: int) -> None:
    """compare_story per bundled story: signal off, first open (cold cache), second open."""
    from compare.pipeline import PipelineOptions, compare_story
    from compare.sources import load_story
    from compare.translate import apertium

    calls = {"n": 0}
    original = apertium.ApertiumTranslator.translate

    def counting(self, texts):
        calls["n"] += 1
        return original(self, texts)

    apertium.ApertiumTranslator.translate = counting
    folders = sorted(p for p in (REPO / "corpora").iterdir()
                     if (p / "ru.txt").exists() and (p / "be.txt").exists())
    stories = [load_story(folder) for folder in folders]
    off, cold, warm = [], [], []
    cold_calls = warm_calls = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            os.environ["WIRE_COMPARE_MT_CACHE"] = str(Path(folder) / "cache.sqlite")
            for story in stories:
                start = time.perf_counter()
                compare_story(story, PipelineOptions(apertium_alignment=False))
                off.append(time.perf_counter() - start)
                calls["n"] = 0
                start = time.perf_counter()
                compare_story(story, PipelineOptions())
                cold.append(time.perf_counter() - start)
                cold_calls += calls["n"]
                calls["n"] = 0
                start = time.perf_counter()
                compare_story(story, PipelineOptions())
                warm.append(time.perf_counter() - start)
                warm_calls += calls["n"]
    apertium.ApertiumTranslator.translate = original
    sizes = [len(s.documents["be"].segments) for s in stories]
    print(f"compare_story on {len(stories)} bundled stories ({min(sizes)}–{max(sizes)} Belarusian "
          f"segments), {runs} run(s), median per story:")
    print(f"  signal off              {statistics.median(off) * 1000:7.0f} ms")
    print(f"  on, first open          {statistics.median(cold) * 1000:7.0f} ms  "
          f"(+{(statistics.median(cold) - statistics.median(off)) * 1000:.0f} ms; "
          f"Apertium translate calls: {cold_calls})")
    print(f"  on, second open (cache) {statistics.median(warm) * 1000:7.0f} ms  "
          f"(+{(statistics.median(warm) - statistics.median(off)) * 1000:.0f} ms; "
          f"Apertium translate calls: {warm_calls})")


def cli_links(argv: list[str]) -> list[tuple[list[int], list[int]]]:
    """Run `python -m compare align ...` in this process; the links it prints."""
    import contextlib
    import io

    from compare.cli import main as cli_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli_main(argv) == 0
    links = []
    for row in out.getvalue().splitlines():
        src, tgt = row.split("\t")
        links.append(([int(x) for x in src.split(",") if x], [int(x) for x in tgt.split(",") if x]))
    return links


def cli_figures(seeds: int, first_seed: int) -> None:
    """Strict F1 through the presegmented CLI, ru→be and be→ru, Apertium on and off."""
    dev = variants.dev_set(seeds=seeds, include_text_berg=False, first_seed=first_seed)
    pairs = [p for kind in dev.values() for p in kind if (p.src_lang, p.tgt_lang) == ("ru", "be")]
    print(f"presegmented CLI on the ru–be dev set ({len(pairs)} pairs, seeds {first_seed}–"
          f"{first_seed + seeds - 1} and the clean ones), strict/lax:")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WIRE_COMPARE_MT_CACHE"] = str(Path(folder) / "cache.sqlite")
        for direction in (("ru", "be"), ("be", "ru")):
            for flag in (["--apertium"], []):
                golds, tests = [], []
                for k, pair in enumerate(pairs):
                    files = {}
                    for lang, lines in ((pair.src_lang, pair.src), (pair.tgt_lang, pair.tgt)):
                        files[lang] = Path(folder) / f"{k}.{lang}.txt"
                        files[lang].write_text("\n".join(lines) + "\n", encoding="utf-8")
                    a, b = direction
                    tests.append(cli_links(["align", "--src-lang", a, "--tgt-lang", b, "--presegmented",
                                            str(files[a]), str(files[b]), *flag]))
                    gold = pair.gold if direction == ("ru", "be") else [(t, s) for s, t in pair.gold]
                    golds.append(gold)
                result = score(golds, tests)
                label = "with --apertium" if flag else "without (the default)"
                print(f"  {a}→{b} {label:22} P {result.precision_strict:.3f} R {result.recall_strict:.3f} "
                      f"F1 {result.f1_strict:.3f}  lax F1 {result.f1_lax:.3f}")


def cli_timings(runs: int) -> None:
    """The CLI's two steps for ru→be files of 60 and 5,000 lines: Apertium be→ru of the
    Belarusian (empty cache, then cache only) and the alignment (apart, as the speed bars are
    for align time). 5,000 lines: the bundled ru–be pairs over and over, each repeat's lines
    made distinct (a number at the end, on both sides) so that the cache cannot fold repeats.
    The CLI itself uses Apertium up to APERTIUM_MAX_LINES lines; here the limit is lifted."""
    import contextlib
    import io

    from compare.commands import align as command

    ru, be = [], []
    for pair in variants.corpus_pairs():
        if (pair.src_lang, pair.tgt_lang) == ("ru", "be"):
            ru += pair.src
            be += pair.tgt
    print(f"presegmented CLI ru→be: Apertium be→ru time and align time (median of {runs} run(s)):")
    limit, command.APERTIUM_MAX_LINES = command.APERTIUM_MAX_LINES, 10 ** 9
    try:
        for size in (60, 5000):
            rounds = size // min(len(ru), len(be)) + 1
            src = [f"{line} {k}" if k else line for k in range(rounds) for line in ru][:size]
            tgt = [f"{line} {k}" if k else line for k in range(rounds) for line in be][:size]
            src_doc, tgt_doc = document(src, "ru"), document(tgt, "be")
            cold, warm = [], []
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stderr(io.StringIO()):
                    os.environ["WIRE_COMPARE_MT_CACHE"] = str(Path(folder) / "cache.sqlite")
                    for store in (cold, warm):
                        start = time.perf_counter()
                        _, reverse, label = command.apertium_evidence(src_doc, tgt_doc, "A", "B", "file")
                        store.append(time.perf_counter() - start)
            align_documents(src_doc, tgt_doc)  # warm-up
            on, off = [], []
            for _ in range(runs):  # interleaved: the box's load falls on both alike
                start = time.perf_counter()
                align_documents(src_doc, tgt_doc, mt_reverse=reverse, mt_label=label)
                on.append(time.perf_counter() - start)
                start = time.perf_counter()
                align_documents(src_doc, tgt_doc)
                off.append(time.perf_counter() - start)
            print(f"  {size:5} lines: Apertium {statistics.median(cold):7.2f} s (empty cache), "
                  f"{statistics.median(warm):6.3f} s (cache only); align {statistics.median(on):6.3f} s "
                  f"with it, {statistics.median(off):6.3f} s without")
    finally:
        command.APERTIUM_MAX_LINES = limit


def textberg_missing(shares: list[float], seeds: int, first_seed: int) -> None:
    dev = variants.dev_set(seeds=seeds, first_seed=first_seed)
    pairs = [p for kind in dev.values() for p in kind if p.name.startswith("textberg")]
    print(f"Text+Berg de–fr variants ({len(pairs)} pairs, seeds {first_seed}–{first_seed + seeds - 1} "
          "and the clean ones), MT de→fr with a share of its lines missing (empty):")

    def gaps(share):
        return lambda p: ["" if random.Random(f"{p.name}/{k}").random() < share else line
                          for k, line in enumerate(p.mt)]

    setups = [("no MT", lambda p: None), ("whole MT", lambda p: p.mt)] + [
        (f"{share:.0%} of lines missing", gaps(share)) for share in shares]
    for label, mt_for in setups:
        golds, tests = [], []
        for p in pairs:
            alignment = align_documents(document(p.src, p.src_lang), document(p.tgt, p.tgt_lang), mt=mt_for(p))
            golds.append(p.gold)
            tests.append([(list(l.src), list(l.tgt)) for l in alignment.links])
        print(line("all", len(pairs), label, score(golds, tests)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--missing", type=float, default=0.2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--no-timings", action="store_true")
    parser.add_argument("--only-cli", action="store_true", help="only part 3 (the presegmented CLI)")
    parser.add_argument("--textberg-missing", help="comma-separated shares: only the missing-lines figures")
    args = parser.parse_args()
    if args.textberg_missing:
        textberg_missing([float(x) for x in args.textberg_missing.split(",")], args.seeds, args.first_seed)
        return
    if not args.only_cli:
        dev_set_figures(args.seeds, args.missing, args.first_seed)
        if not args.no_timings:
            story_timings(args.runs)
    cli_figures(args.seeds, args.first_seed)
    if not args.no_timings:
        cli_timings(args.runs)


if __name__ == "__main__":
    main()
