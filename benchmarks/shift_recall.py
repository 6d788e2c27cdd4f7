"""Recall of the corpora's labelled shifts, and false alarms, over the gold alignments (no MT).

    .venv/bin/python benchmarks/shift_recall.py [--corpus corpora] [--verbose]

A labelled shift (corpora/<id>/shifts.tsv) counts as found when, in some pair of versions, a
link of the gold alignment containing its sentence ids (an overlap on every side the shift
names) carries a flag of the matching kind; merges and splits are found through the link type
(the "merge"/"split" flags that 2-1 and 1-2 links raise).

Partial omissions and additions (an omission or addition shift whose sentence is there in the
English and in an original: a dropped clause, qualifier or list item, or an added one) are also
counted apart, found by any flag of their kind and by the word-level detector alone
(compare/analyze/partial.py, rules partial.*); its bar is recall ≥ 0.8 on them and no partial.*
flag on the faithful stories.

A false alarm is a flag of kind K on a link that no labelled shift of kind K touches. Reported
per 40 sentences of the translation side (the side read second, i.e. not the original), per
story; the bar is measured on the FAITHFUL stories (no shifts.tsv rows), and the other stories'
rate is printed too (their unlabelled flags are false alarms as well).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare.analyze.story import analyze_alignment  # noqa: E402
from compare.corpus import load_corpus  # noqa: E402
from compare.model import Alignment  # noqa: E402

PAIRS = (("en", "ru"), ("en", "be"), ("ru", "be"))
BAR_RECALL = 0.9
BAR_FALSE_PER_40 = 1.0
BAR_PARTIAL_RECALL = 0.8


def _overlaps(shift_ids: tuple[int, ...], link_ids: tuple[int, ...]) -> bool:
    return not shift_ids or bool(set(shift_ids) & set(link_ids))


def _touches(shift, pair, link) -> bool:
    a, b = pair
    ids_a, ids_b = getattr(shift, a), getattr(shift, b)
    if not ids_a and not ids_b:
        return False
    return _overlaps(ids_a, link.src) and _overlaps(ids_b, link.tgt)


def is_partial(shift) -> bool:
    """An omission / addition inside a sentence that both the English and an original have."""
    return shift.kind in ("omission", "addition") and bool(shift.en) and bool(shift.ru or shift.be)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parent.parent / "corpora"))
    parser.add_argument("--verbose", action="store_true", help="list missed shifts and false alarms")
    args = parser.parse_args()

    corpus = load_corpus(args.corpus, check_lang=False)
    for problem in corpus.problems:
        print(f"corpus problem: {problem}", file=sys.stderr)
    found_by_kind: Counter[str] = Counter()
    total_by_kind: Counter[str] = Counter()
    false_by_kind: Counter[str] = Counter()
    faithful_false = faithful_sentences = 0
    partial_total = partial_found = partial_found_words = faithful_partial = 0
    other_false = other_sentences = 0
    elapsed = 0.0
    missed_lines: list[str] = []
    false_lines: list[str] = []
    for story in corpus.stories:
        gold = corpus.gold.get(story.id, {})
        shifts = corpus.shifts.get(story.id, [])
        if not gold:
            continue
        found = [False] * len(shifts)
        by_words = [False] * len(shifts)
        story_false = 0
        story_sentences = 0
        for pair in PAIRS:
            if pair not in gold:
                continue
            alignment = Alignment(pair[0], pair[1], tuple(gold[pair]))
            start = time.perf_counter()
            analyses = analyze_alignment(story, alignment)
            elapsed += time.perf_counter() - start
            translation = pair[0] if story.meta.original == pair[1] else pair[1]
            story_sentences += len(story.documents[translation].segments)
            for link, analysis in zip(alignment.links, analyses):
                touching = [i for i, s in enumerate(shifts) if _touches(s, pair, link)]
                for flag in analysis.flags:
                    matched = [i for i in touching if shifts[i].kind == flag.kind]
                    for i in matched:
                        found[i] = True
                        by_words[i] = by_words[i] or flag.rule.startswith("partial.")
                    if not shifts and flag.rule.startswith("partial."):
                        faithful_partial += 1
                    if not matched:
                        story_false += 1
                        false_by_kind[flag.kind] += 1
                        false_lines.append(
                            f"  {story.id} {pair[0]}-{pair[1]} {link.src}/{link.tgt} {flag.kind}"
                            f" [{flag.rule}] {flag.source_term[:50]!r} → {flag.target_term[:50]!r}")
        for shift, hit, words in zip(shifts, found, by_words):
            if is_partial(shift):
                partial_total += 1
                partial_found += hit
                partial_found_words += words
                if not words:
                    missed_lines.append(f"  {story.id} en={shift.en} ru={shift.ru} be={shift.be} "
                                        f"partial {shift.kind} (not by the word-level detector): {shift.words}")
            total_by_kind[shift.kind] += 1
            found_by_kind[shift.kind] += hit
            if not hit:
                missed_lines.append(f"  {story.id} en={shift.en} ru={shift.ru} be={shift.be} "
                                    f"{shift.kind}: {shift.words}")
        if shifts:
            other_false += story_false
            other_sentences += story_sentences
        else:
            faithful_false += story_false
            faithful_sentences += story_sentences
        rate = 40 * story_false / story_sentences if story_sentences else 0.0
        label = "FAITHFUL" if not shifts else f"{sum(found)}/{len(shifts)} shifts found"
        print(f"{story.id:38s} {label:20s} flags outside labels: {story_false:3d} "
              f"({rate:.2f} per 40 sentences)")

    total = sum(total_by_kind.values())
    found_total = sum(found_by_kind.values())
    print()
    print("recall by kind: " + ", ".join(
        f"{kind} {found_by_kind[kind]}/{total_by_kind[kind]}" for kind in sorted(total_by_kind)))
    recall = found_total / total if total else 0.0
    print(f"recall: {found_total}/{total} = {recall:.3f}  (bar ≥ {BAR_RECALL})")
    if partial_total:
        print(f"partial omissions/additions: found {partial_found}/{partial_total} = "
              f"{partial_found / partial_total:.3f} by any flag of their kind, "
              f"{partial_found_words}/{partial_total} = {partial_found_words / partial_total:.3f} by the "
              f"word-level detector  (bar ≥ {BAR_PARTIAL_RECALL}); partial.* flags on the faithful "
              f"stories: {faithful_partial}  (bar 0)")
    if faithful_sentences:
        rate = 40 * faithful_false / faithful_sentences
        print(f"false alarms on faithful stories: {faithful_false} over {faithful_sentences} "
              f"translated sentences = {rate:.2f} per 40  (bar ≤ {BAR_FALSE_PER_40})")
    if other_sentences:
        print(f"unlabelled flags on the other stories: {other_false} over {other_sentences} "
              f"translated sentences = {40 * other_false / other_sentences:.2f} per 40")
    print("unlabelled flags by kind: " + ", ".join(f"{k} {n}" for k, n in false_by_kind.most_common()))
    print(f"analysis time (all pairs, all stories, no MT): {elapsed * 1000:.0f} ms")
    if args.verbose:
        print("\nmissed:\n" + "\n".join(missed_lines))
        print("\nunlabelled flags:\n" + "\n".join(false_lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
