"""A longer original: the English covers one story, the Russian (or Belarusian) holds that story
and another one pasted below (or above) it. The part the English does not cover comes out as
one block of additions, not a spread of bad links, and the lines the English does cover keep
their links. Cases built from the bundled stories (our own compositions) with exact gold."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from compare.align import AlignSettings, align_documents
from compare.model import Document, Segment

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import variants  # noqa: E402

BASES = {p.name: p for p in variants.corpus_pairs()}


def document(lines: list[str], lang: str) -> Document:
    segments, offset = [], 0
    for index, line in enumerate(lines):
        segments.append(Segment(index, line, offset, offset + len(line), index, lang=lang))
        offset += len(line) + 1
    return Document(lang, "\n".join(lines), tuple(segments))


def links_of(alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(tuple(l.src), tuple(l.tgt)) for l in alignment.links}


# (the story the English covers, the story pasted with it)
CASES = [
    ("agriculture-grain-harvest.en-ru", "culture-festival-polotsk.en-ru"),
    ("science-flax-film.en-be", "security-border-detention.en-be"),
    ("politics-talks-vitebsk.ru-be", "science-flax-film.ru-be"),
    ("health-heart-screening-gomel.en-ru", "politics-talks-vitebsk.en-ru"),
]


@pytest.mark.parametrize("first, second", CASES)
def test_a_second_story_below_is_one_block_of_additions(first, second):
    a, b = BASES[first], BASES[second]
    tgt = list(a.tgt) + list(b.tgt)
    alignment = align_documents(document(a.src, a.src_lang), document(tgt, a.tgt_lang))
    found = links_of(alignment)
    appended = range(len(a.tgt), len(tgt))
    linked = [j for j in appended if ((), (j,)) not in found]
    # (the search may still link a line or two next to the seam; never the story as a whole)
    assert len(linked) <= 0.1 * len(appended), [tgt[j][:60] for j in linked]
    assert "blocks" in alignment.signature
    gold = {(tuple(s), tuple(t)) for s, t in a.gold if s and t}
    kept = len(gold & found) / len(gold)
    assert kept >= 0.9, kept


@pytest.mark.parametrize("first, second", CASES[:2])
def test_a_second_story_above_is_one_block_too(first, second):
    a, b = BASES[first], BASES[second]
    tgt = list(b.tgt) + list(a.tgt)
    shift = len(b.tgt)
    alignment = align_documents(document(a.src, a.src_lang), document(tgt, a.tgt_lang))
    found = links_of(alignment)
    for j in range(shift):
        assert ((), (j,)) in found, (j, tgt[j][:60])
    gold = {(tuple(s), tuple(j + shift for j in t)) for s, t in a.gold if s and t}
    assert len(gold & found) / len(gold) >= 0.9


def test_an_english_longer_than_its_original_gets_a_source_block():
    a, b = BASES["security-border-detention.en-ru"], BASES["transport-e-ticket-minsk-oblast.en-ru"]
    src = list(a.src) + list(b.src)
    alignment = align_documents(document(src, "en"), document(a.tgt, "ru"))
    found = links_of(alignment)
    for i in range(len(a.src), len(src)):
        assert ((i,), ()) in found, (i, src[i][:60])


@pytest.mark.parametrize("name", ["agriculture-grain-harvest.en-ru", "culture-festival-polotsk.en-be",
                                  "transport-e-ticket-minsk-oblast.ru-be"])
def test_a_faithful_translation_gets_no_block(name):
    pair = BASES[name]
    alignment = align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang))
    assert "blocks" not in alignment.signature
    assert not any(l.signals.get("block") for l in alignment.links)


def test_blocks_can_be_turned_off():
    a, b = BASES["agriculture-grain-harvest.en-ru"], BASES["culture-festival-polotsk.en-ru"]
    tgt = list(a.tgt) + list(b.tgt)
    alignment = align_documents(document(a.src, "en"), document(tgt, "ru"),
                                settings=AlignSettings(uncovered_blocks=False))
    assert "blocks" not in alignment.signature
