"""Speed of the per-link analysis (force shifts + QA checks, no MT) on a 40-sentence story.

    .venv/bin/python benchmarks/bench_analyze.py [--sentences 40]

The story is made of real sentences: 1-1-1 rows (en, ru, be) of the sample corpora's gold
alignments, with the Russian as the original, cut into disjoint sets of 40. Timings for
all three pairs (ru → en, be → en, ru → be: 3 × 40 links):

  cold   the first analysis in the process (loads pymorphy3, lemminflect, the lexicon and data)
  fresh  models loaded, sentences never seen (per-word and per-sentence caches empty for them):
         what a user opening a new story waits — the figure held against the bar (< 200 ms)
  warm   the same story again (every cache hot); also ru → en alone

Timings are noisy on a shared machine, so the script also prints them as a ratio to a fixed
pure-Python workload timed just before (a "unit"); compare ratios across machines.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare.analyze.story import analyze_alignment  # noqa: E402
from compare.corpus import load_corpus  # noqa: E402
from compare.model import Alignment, Document, Link, Segment, Story, StoryMeta  # noqa: E402

BAR_MS = 200.0
PAIRS = (("en", "ru"), ("en", "be"), ("ru", "be"))


def triples() -> list[tuple[str, str, str]]:
    """(en, ru, be) sentences that the gold aligns one to one in all three pairs."""
    corpus = load_corpus(check_lang=False)
    found = []
    for story in corpus.stories:
        gold = corpus.gold.get(story.id, {})
        if not all(pair in gold for pair in PAIRS):
            continue
        en_ru = {l.src[0]: l.tgt[0] for l in gold[("en", "ru")] if l.type == "1-1"}
        ru_be = {l.src[0]: l.tgt[0] for l in gold[("ru", "be")] if l.type == "1-1"}
        en_be = {l.src[0]: l.tgt[0] for l in gold[("en", "be")] if l.type == "1-1"}
        texts = {lang: story.documents[lang].texts for lang in ("en", "ru", "be")}
        for e, r in en_ru.items():
            b = ru_be.get(r)
            if b is not None and en_be.get(e) == b:
                found.append((texts["en"][e], texts["ru"][r], texts["be"][b]))
    return found


def make_story(rows: list[tuple[str, str, str]], name: str) -> tuple[Story, dict]:
    documents = {}
    for column, lang in enumerate(("en", "ru", "be")):
        segments, text, offset = [], [], 0
        for index, row in enumerate(rows):
            sentence = row[column]
            segments.append(Segment(index, sentence, offset, offset + len(sentence), index, lang=lang))
            text.append(sentence)
            offset += len(sentence) + 2
        documents[lang] = Document(lang, "\n\n".join(text), tuple(segments), source=name)
    story = Story(name, StoryMeta(original="ru"), documents)
    links = tuple(Link((i,), (i,)) for i in range(len(rows)))
    alignments = {pair: Alignment(pair[0], pair[1], links) for pair in PAIRS}
    return story, alignments


def analyse(story: Story, alignments: dict, pairs=PAIRS) -> float:
    start = time.perf_counter()
    for pair in pairs:
        analyze_alignment(story, alignments[pair])
    return (time.perf_counter() - start) * 1000


def unit_ms() -> float:
    start = time.perf_counter()
    sum(i * i for i in range(1_000_000))
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=40)
    args = parser.parse_args()
    rows = triples()
    n = args.sentences
    sets = len(rows) // n  # disjoint sets of sentences: set 0 warms up, the others are "fresh"
    if sets < 2:
        print(f"only {len(rows)} 1-1-1 rows in the corpora; need {2 * n}", file=sys.stderr)
        return 1
    stories = [make_story(rows[k * n:(k + 1) * n], f"bench-{k}") for k in range(sets)]
    unit = statistics.median(unit_ms() for _ in range(3))

    cold = analyse(*stories[0])
    fresh_all = [analyse(*story) for story in stories[1:]]
    warm_all = [analyse(*stories[1]) for _ in range(3)]
    warm_one = [analyse(*stories[1], pairs=(("en", "ru"),)) for _ in range(3)]

    print(f"{n}-sentence stories: {sets} disjoint sets from {len(rows)} corpus rows; "
          f"unit = {unit:.1f} ms")
    print(f"cold  (3 pairs, loads everything):  {cold:7.1f} ms  ({cold / unit:5.2f} units)")
    fresh = statistics.median(fresh_all)
    print(f"fresh (3 pairs, unseen sentences):  {fresh:7.1f} ms  ({fresh / unit:5.2f} units)"
          f"  median of {len(fresh_all)}, max {max(fresh_all):.1f}; "
          f"bar < {BAR_MS:.0f} ms: {'met' if fresh < BAR_MS else 'NOT met'}")
    warm = statistics.median(warm_all)
    print(f"warm  (3 pairs, same story again):  {warm:7.1f} ms  ({warm / unit:5.2f} units)")
    one = statistics.median(warm_one)
    print(f"warm  (ru → en only):               {one:7.1f} ms  ({one / unit:5.2f} units)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
