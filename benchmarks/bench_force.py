#!/usr/bin/env python3
"""Force analysis figures: speed, verdict accuracy on the labelled table, corpus recall.

    python benchmarks/bench_force.py            all three
    python benchmarks/bench_force.py --errors   also list every miss and false alarm
    python benchmarks/bench_force.py --table tests/data/force/blind_a.tsv --only accuracy

1. Speed: analyze_force over a 40-sentence story (the corpus's ru→en gold links, repeated to
   40), after the lexicon and analysers are loaded; the bar is < 200 ms. The cold start
   (loading the lexicon, pymorphy3, lemminflect) is printed apart: it happens once per process.
2. Accuracy: verdicts on tests/data/force/labelled.tsv (real-style wire sentence pairs written
   for this project, faithful ones included) against the expected verdict.
3. Corpus: recall of the softened/sharpened rows of corpora/*/shifts.tsv (the link holding the
   row's English sentence must get a flag of that kind), and false alarms: flags on links of
   sentences with no labelled shift, per 40 sentences (bar: at most 1).
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LABELLED = REPO / "tests" / "data" / "force" / "labelled.tsv"


def _cold_start() -> float:
    start = time.perf_counter()
    from compare.analyze.force import analyze_force

    analyze_force("Министр подчеркнул важность.", "The minister stressed the importance.", "ru", "en")
    analyze_force("Міністр падкрэсліў.", "The minister stressed.", "be", "en")
    return time.perf_counter() - start


def _corpus_links(pair: tuple[str, str]):
    """(story id, src ids, tgt ids, src text, tgt text) of every gold link of a language pair."""
    from compare.corpus import load_corpus

    corpus = load_corpus()
    for story in corpus.stories:
        links = corpus.gold.get(story.id, {}).get(("en", pair[0]))
        if not links:
            continue
        docs = story.documents
        for link in links:
            if not link.src or not link.tgt:
                continue
            src_text = " ".join(docs[pair[0]].segments[i].text for i in link.tgt)
            tgt_text = " ".join(docs["en"].segments[i].text for i in link.src)
            yield story.id, link.tgt, link.src, src_text, tgt_text, corpus.shifts.get(story.id, [])


def speed() -> None:
    from compare.analyze.force import analyze_force

    pairs = [(src, tgt) for _, _, _, src, tgt, _ in _corpus_links(("ru", "en"))]
    if not pairs:
        print("speed: no corpus links found")
        return
    story = (pairs * (40 // len(pairs) + 1))[:40]
    from compare.analyze import lemmatize

    runs = []
    for _ in range(5):
        lemmatize._ru_lemmas.cache_clear()  # a new story: words not seen before
        lemmatize._en_lemmas.cache_clear()
        lemmatize.first_lemma.cache_clear()
        start = time.perf_counter()
        for src, tgt in story:
            analyze_force(src, tgt, "ru", "en")
        runs.append(time.perf_counter() - start)
    best, median = min(runs), sorted(runs)[len(runs) // 2]
    verdict = "OK" if median < 0.2 else "OVER"
    print(f"speed: 40-sentence story ru→en, uncached words: median {median * 1000:.0f} ms, "
          f"best {best * 1000:.0f} ms (bar < 200 ms: {verdict})")


def accuracy(show_errors: bool, table: Path = LABELLED) -> None:
    from compare.analyze.force import analyze_force

    with open(table, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_pair: dict[str, list[int]] = {}
    confusion: dict[tuple[str, str], int] = {}
    errors = []
    for row in rows:
        got = analyze_force(row["source"], row["target"], row["src_lang"], row["tgt_lang"]).verdict
        key = f"{row['src_lang']}→{row['tgt_lang']}"
        by_pair.setdefault(key, [0, 0])
        by_pair[key][0] += got == row["verdict"]
        by_pair[key][1] += 1
        confusion[(row["verdict"], got)] = confusion.get((row["verdict"], got), 0) + 1
        if got != row["verdict"]:
            errors.append(f"  expected {row['verdict']}, got {got}: {row['source']} ||| {row['target']}")
    right = sum(ok for ok, _ in by_pair.values())
    print(f"accuracy: {right}/{len(rows)} = {right / len(rows):.3f} on {table.resolve().relative_to(REPO)} "
          f"({', '.join(f'{k} {ok}/{n}' for k, (ok, n) in sorted(by_pair.items()))})")
    faithful = [n for (exp, _), n in confusion.items() if exp == "none"]
    alarms = sum(n for (exp, got), n in confusion.items() if exp == "none" and got != "none")
    print(f"  faithful pairs: {sum(faithful)}, false alarms among them: {alarms}")
    if show_errors:
        print("\n".join(errors))


def corpus(show_errors: bool) -> None:
    from compare.analyze.force import analyze_force

    for src_lang in ("ru", "be"):
        found = total = 0
        alarms = clean = 0
        notes = []
        for story_id, src_ids, en_ids, src_text, en_text, shifts in _corpus_links((src_lang, "en")):
            analysis = analyze_force(src_text, en_text, src_lang, "en")
            kinds = {flag.kind for flag in analysis.flags}
            rows = [s for s in shifts if set(s.en) & set(en_ids) and set(s.ids(src_lang)) & set(src_ids)]
            labelled = [s for s in rows if s.kind in ("softened", "sharpened")]
            # a shift that lies between ru and be only (the English follows the original) is
            # not a ru→en shift; shifts.tsv says so in its words column
            labelled = [s for s in labelled if not ("(ru)" in s.words and "(be)" in s.words)]
            if labelled:
                for shift in labelled:
                    total += 1
                    hit = shift.kind in kinds
                    found += hit
                    if not hit:
                        notes.append(f"  MISS {story_id} en{list(en_ids)} {shift.kind}: {shift.words}"
                                     f" | got {analysis.verdict}")
            elif not rows:
                clean += len(en_ids)
                if analysis.flags:
                    alarms += 1
                    notes.append(f"  FALSE {story_id} en{list(en_ids)}: "
                                 + "; ".join(f"{f.kind} {f.source_term}→{f.target_term}" for f in analysis.flags))
        rate = alarms / clean * 40 if clean else 0.0
        print(f"corpus {src_lang}→en: recall {found}/{total} = {found / max(total, 1):.2f} of softened/sharpened "
              f"shifts; false alarms {alarms} on {clean} unshifted sentences = {rate:.2f} per 40 (bar ≤ 1)")
        if show_errors:
            print("\n".join(notes))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--table", type=Path, default=LABELLED, help="labelled pairs for the accuracy figure")
    parser.add_argument("--only", choices=("speed", "accuracy", "corpus"), help="one figure only")
    args = parser.parse_args()
    print(f"cold start (lexicon, pymorphy3, lemminflect, first call): {_cold_start() * 1000:.0f} ms")
    from compare.analyze.force import signature_string

    print(f"signature: {signature_string()}")
    if args.only in (None, "speed"):
        speed()
    if args.only in (None, "accuracy") and args.table.exists():
        accuracy(args.errors, args.table)
    if args.only in (None, "corpus"):
        corpus(args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
