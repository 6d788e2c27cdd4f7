"""Several originals described: story.toml's [[sources]] table (each file's URL, date, title),
the one-line description of a compiled pair ("the English covers 40% of the Russian; …; sources:
ru.txt 70%, ru-2.txt 30%"), per-file columns in `align --format tsv`, and bad sets of originals
(the same text twice, an English that translates neither) described instead of aligned with
confidence. Built from the bundled stories."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from compare.align.parts import describe_alignment, source_shares
from compare.cli import main
from compare.model import InputError
from compare.pipeline import PipelineOptions, compare_story
from compare.sources import load_story

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import variants  # noqa: E402

BASES = {p.name: p for p in variants.corpus_pairs()}
FIRST, SECOND = BASES["politics-talks-vitebsk.en-ru"], BASES["science-flax-film.en-ru"]
OTHER = BASES["agriculture-grain-harvest.en-ru"]
OPTIONS = PipelineOptions(apertium_alignment=False)


def write(folder: Path, name: str, lines: list[str]) -> None:
    (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")


TABLE = '''title = "Compiled from two sites"
[[sources]]
file = "site-a.txt"
lang = "ru"
url = "https://example.org/a/1"
date = "2024-10-14"
title = "Talks in Vitebsk"
[[sources]]
file = "site-b.txt"
lang = "ru"
url = "https://example.org/b/2"
'''


@pytest.fixture
def compiled(tmp_path) -> Path:
    """English: nine sentences of one story, then three of another, from two originals listed in
    a [[sources]] table under names of their own."""
    write(tmp_path, "en.txt", FIRST.src[:9] + SECOND.src[1:4])
    write(tmp_path, "site-a.txt", FIRST.tgt)
    write(tmp_path, "site-b.txt", SECOND.tgt)
    (tmp_path / "story.toml").write_text(TABLE, encoding="utf-8")
    return tmp_path


def test_sources_table_orders_the_originals_and_keeps_url_date_title(compiled):
    ru = load_story(compiled, check_lang=False).documents["ru"]
    assert [(p.key, p.label, p.url, p.date, p.title) for p in ru.parts] == [
        ("ru", "site-a.txt", "https://example.org/a/1", "2024-10-14", "Talks in Vitebsk"),
        ("ru-2", "site-b.txt", "https://example.org/b/2", "", "")]


def test_compiled_pair_is_described_with_each_sources_share(compiled):
    story = load_story(compiled, check_lang=False)
    comparison = compare_story(story, OPTIONS)
    alignment = comparison.alignments[("en", "ru")]
    shares = dict(source_shares(story.documents["ru"], story.documents["en"], alignment))
    # 8 body sentences of the English from site-a (the headline aside), 3 from site-b
    assert shares["site-a.txt"] == pytest.approx(8 / 11, abs=0.1)
    assert shares["site-b.txt"] == pytest.approx(3 / 11, abs=0.1)
    line = describe_alignment(alignment, story.documents)
    assert line.startswith("the English covers ") and "of the Russian" in line
    assert "sources: site-a.txt 7" in line and "site-b.txt 2" in line
    assert any("sources: site-a.txt" in note for note in comparison.notes)
    assert not alignment.warnings


def test_tsv_has_columns_per_original(compiled, capsys):
    assert main(["align", str(compiled), "--format", "tsv", "--no-apertium", "--no-lang-check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["row", "en_ids", "en_text", "ru_ids", "ru_text", "ru-2_ids", "ru-2_text", "kind"]
    ru2 = sorted(int(x) for line in lines[1:] for x in line.split("\t")[5].split(",") if x)
    assert ru2 == list(range(len(SECOND.tgt)))  # every line of site-b.txt, by its own ids


@pytest.mark.parametrize("table, message", [
    ('[[sources]]\nfile = "../en.txt"\n', "a file name in the story folder, not a path"),
    ('[[sources]]\nfile = "missing.txt"\n', "missing.txt not found"),
    ('[[sources]]\nfile = "site-a.txt"\nlang = "ru"\n[[sources]]\nfile = "site-a.txt"\n', "named twice"),
    ('[[sources]]\nfile = "site-a.txt"\nlink = "x"\n', "unknown field 'link'"),
    ('[[sources]]\nurl = "https://example.org"\n', "no file"),
    ('sources = "site-a.txt"\n', "sources must be a table list"),
    ('[[sources]]\nfile = "site-a.txt"\nlang = "de"\n', "lang = 'de' is not one of"),
])
def test_bad_sources_tables_get_one_line(tmp_path, table, message):
    write(tmp_path, "en.txt", FIRST.src)
    write(tmp_path, "site-a.txt", FIRST.tgt)
    (tmp_path / "story.toml").write_text(table, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_story(tmp_path, check_lang=False)
    assert "\n" not in str(caught.value)


def test_a_named_file_left_out_of_the_table_is_refused(tmp_path):
    write(tmp_path, "en.txt", FIRST.src)
    write(tmp_path, "ru.txt", FIRST.tgt)
    write(tmp_path, "site-b.txt", SECOND.tgt)
    (tmp_path / "story.toml").write_text('[[sources]]\nfile = "site-b.txt"\nlang = "ru"\n', encoding="utf-8")
    with pytest.raises(InputError, match="ru.txt is not in story.toml's"):
        load_story(tmp_path, check_lang=False)


def test_the_same_text_twice_is_described_not_aligned_with_confidence(tmp_path):
    """ru-2.txt: a regional paper's reprint of ru.txt (its own credit line and rubric, one
    spelling changed): not a second original."""
    write(tmp_path, "en.txt", FIRST.src)
    write(tmp_path, "ru.txt", FIRST.tgt)
    reprint = ["Фото: БЕЛТА"] + [line.replace("провел", "провёл") for line in FIRST.tgt] + ["Читайте также"]
    write(tmp_path, "ru-2.txt", reprint)
    comparison = compare_story(load_story(tmp_path, check_lang=False), OPTIONS)
    alignment = comparison.alignments[("en", "ru")]
    assert [w for w in alignment.warnings if w.startswith("ru-2.txt says what ru.txt says")]
    assert alignment.confidence < 0.35


def test_an_english_that_translates_neither_original_is_warned(tmp_path):
    write(tmp_path, "en.txt", FIRST.src)
    write(tmp_path, "ru.txt", SECOND.tgt)
    write(tmp_path, "ru-2.txt", OTHER.tgt)
    comparison = compare_story(load_story(tmp_path, check_lang=False), OPTIONS)
    alignment = comparison.alignments[("en", "ru")]
    assert any("may not be translations" in w for w in alignment.warnings)
    assert describe_alignment(alignment, comparison.story.documents) == ""  # no shares of guesses


def test_story_jsonl_rows_carry_their_kind(compiled, capsys):
    assert main(["align", str(compiled), "--format", "jsonl", "--no-apertium", "--no-lang-check"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rows = [r for r in rows if "row" in r]
    assert all(r["kind"] for r in rows)
    assert {r["kind"] for r in rows} <= {"moved", "summary", "meta", "title"} | {
        f"{a}-{b}" for a in range(5) for b in range(5)}


def test_unused_lines_of_originals_are_flagged_only_when_asked(compiled):
    story = load_story(compiled, check_lang=False)

    def omissions(options):
        comparison = compare_story(story, options)
        # omissions of whole lines; a partial omission inside a linked pair (the corpus English
        # drops a clause on purpose) is another matter
        return sum(1 for a in comparison.analyses[("en", "ru")] for f in a.flags
                   if f.kind == "omission" and f.category != "partial")

    assert omissions(OPTIONS) == 0
    assert omissions(PipelineOptions(apertium_alignment=False, flag_unused_originals=True)) > 0
