"""Summary links: one English sentence that sums up two or three original sentences that do not
stand together becomes one link of role "summary", shown with its sources; an omission that
merely shares a word with a sentence stays an omission. Cases built from the bundled stories
(benchmarks/devset/summaries.py: the lead joined with a sentence further down, which leaves
its place) and one written for this test."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from compare.align import align_documents
from compare.model import Document, Segment

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import summaries  # noqa: E402
import variants  # noqa: E402


def document(lines: list[str], lang: str) -> Document:
    segments, offset = [], 0
    for index, line in enumerate(lines):
        segments.append(Segment(index, line, offset, offset + len(line), index, lang=lang))
        offset += len(line) + 1
    return Document(lang, "\n".join(lines), tuple(segments))


BASES = {p.name: p for p in variants.corpus_pairs()}


@pytest.mark.parametrize("base, positions, condense", [
    ("science-flax-film.en-be", [1, 3], False),
    ("transport-e-ticket-minsk-oblast.en-ru", [1, 3], False),
    ("health-heart-screening-gomel.en-ru", [1, 3], True),
    ("transport-e-ticket-minsk-oblast.en-be", [1, 4], True),
    ("security-border-detention.en-ru", [1, 3], False),
])
def test_a_lead_that_sums_up_two_sentences_is_one_summary_link(base, positions, condense):
    case = summaries.summarise(BASES[base], positions, condense, "test")
    assert case is not None
    pair = case.pair
    alignment = align_documents(document(pair.src, "en"), document(pair.tgt, pair.tgt_lang))
    found = [(l.src, l.tgt) for l in alignment.links if l.role == "summary"]
    assert found == [case.summary]
    link = next(l for l in alignment.links if l.role == "summary")
    assert 0.0 <= link.confidence <= 1.0 and link.signals["sources"] == len(case.summary[1])
    # every segment still in exactly one link
    assert sorted(i for l in alignment.links for i in l.src) == list(range(len(pair.src)))
    assert sorted(j for l in alignment.links for j in l.tgt) == list(range(len(pair.tgt)))
    assert any("sums up" in note for note in alignment.notes)


@pytest.mark.parametrize("name", sorted(BASES))
def test_no_summary_in_a_plain_translation_with_omissions(name):
    pair = variants.variant(BASES[name], "omit", 0)
    alignment = align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang))
    assert not [l for l in alignment.links if l.role == "summary"]


def test_a_word_in_common_is_no_summary():
    """The omitted Russian sentence shares a place name with the English lead, nothing else."""
    en = ["MINSK, 3 March – The Minsk city council approved a new plan for the city's parks on Tuesday.",
          "The plan covers twelve parks and forty squares.",
          "Work is to begin in April."]
    ru = ["МИНСК, 3 марта – Мингорсовет во вторник утвердил новый план развития городских парков.",
          "План охватывает двенадцать парков и сорок скверов.",
          "В Минске в этом году также откроют два новых бассейна.",
          "Работы начнутся в апреле."]
    alignment = align_documents(document(en, "en"), document(ru, "ru"))
    assert not [l for l in alignment.links if l.role == "summary"]
    assert any(l.tgt == (2,) and not l.src for l in alignment.links)


def test_no_summary_between_two_non_english_versions():
    base = BASES["science-flax-film.ru-be"]
    case = summaries.summarise(base, [1, 3], False, "test")
    assert case is not None
    alignment = align_documents(document(case.pair.src, "ru"), document(case.pair.tgt, "be"))
    assert not [l for l in alignment.links if l.role == "summary"]


def test_presegmented_output_keeps_its_format_with_a_summary(tmp_path, capsys):
    """`align --presegmented` prints SRC_IDS<TAB>TGT_IDS as ever: a summary is one line whose
    target ids do not follow each other; jsonl says its kind."""
    from compare.cli import main

    case = summaries.summarise(BASES["science-flax-film.en-ru"], [1, 3], False, "cli")
    (tmp_path / "a.en").write_text("\n".join(case.pair.src) + "\n", encoding="utf-8")
    (tmp_path / "a.ru").write_text("\n".join(case.pair.tgt) + "\n", encoding="utf-8")
    args = ["align", "--presegmented", "--src-lang", "en", "--tgt-lang", "ru", "--no-lang-check",
            str(tmp_path / "a.en"), str(tmp_path / "a.ru")]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "1\t1,3" in lines and all(line.count("\t") == 1 for line in lines)
    assert main(args + ["--format", "jsonl"]) == 0
    import json
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"src": [1], "tgt": [1, 3], "kind": "summary"}.items() <= next(r for r in rows if r["src"] == [1]).items()


def test_the_review_table_says_what_a_summary_row_sums_up(tmp_path):
    from compare import render
    from compare.pipeline import PipelineOptions, compare_story
    from compare.sources import load_story

    case = summaries.summarise(BASES["science-flax-film.en-ru"], [1, 3], False, "view")
    (tmp_path / "en.txt").write_text("\n\n".join(case.pair.src) + "\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("\n\n".join(case.pair.tgt) + "\n", encoding="utf-8")
    comparison = compare_story(load_story(tmp_path, check_lang=False), PipelineOptions(apertium_alignment=False))
    views = render.row_views(comparison)
    assert [v.kind for v in views].count("summary") == 1
    page = render.rows_table_html(views, comparison.story.langs, "")
    assert "summary: the English sentence 1 sums up the Russian sentences 1, 3" in page
