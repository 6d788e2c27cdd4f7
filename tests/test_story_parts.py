"""Several originals of one language: a story folder with ru.txt and ru-2.txt (a compiled
English story drawing on two Russian originals). Each English sentence links to its source in
whichever original; the lines of the originals the English does not use raise no omission flag;
`align STORY_DIR --format jsonl` rows are keyed ru, ru-2 with each file's own ids. Built from two
bundled stories."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from compare.cli import main
from compare.model import InputError
from compare.pipeline import PipelineOptions, compare_story
from compare.sources import load_story

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import variants  # noqa: E402

BASES = {p.name: p for p in variants.corpus_pairs()}
FIRST, SECOND = BASES["politics-talks-vitebsk.en-ru"], BASES["science-flax-film.en-ru"]


def write(folder: Path, name: str, lines: list[str]) -> None:
    (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def compiled(tmp_path) -> Path:
    """English: the first six sentences of one story, then six of another; each Russian whole."""
    write(tmp_path, "en.txt", FIRST.src[:6] + SECOND.src[1:7])
    write(tmp_path, "ru.txt", FIRST.tgt)
    write(tmp_path, "ru-2.txt", SECOND.tgt)
    return tmp_path


def test_two_originals_load_as_one_document_with_parts(compiled):
    story = load_story(compiled, check_lang=False)
    ru = story.documents["ru"]
    assert [p.key for p in ru.parts] == ["ru", "ru-2"]
    first, second = ru.parts
    assert first.stop == second.start and second.stop == len(ru.segments)
    for segment in ru.segments:
        assert ru.text[segment.start:segment.end] == segment.text
    assert ru.part_of(second.start) == ("ru-2", 0)


def test_each_english_sentence_links_into_its_own_original_and_unused_lines_are_not_flagged(compiled):
    story = load_story(compiled, check_lang=False)
    comparison = compare_story(story, PipelineOptions(apertium_alignment=False))
    alignment = comparison.alignments[("en", "ru")]
    ru = story.documents["ru"]
    wrong = []
    for link in alignment.links:
        if link.src and link.tgt:
            expected = "ru" if link.src[0] < 6 else "ru-2"
            if {ru.part_of(j)[0] for j in link.tgt} != {expected}:
                wrong.append((link.src, link.tgt))
    assert not wrong
    analyses = comparison.analyses[("en", "ru")]
    for link, analysis in zip(alignment.links, analyses):
        if link.tgt and not link.src:
            assert not [f for f in analysis.flags if f.kind == "omission"]


def test_story_jsonl_rows_are_keyed_per_original(compiled, capsys):
    assert main(["align", str(compiled), "--format", "jsonl", "--no-apertium"]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    rows = [r for r in rows if "row" in r]
    assert all({"en", "ru", "ru-2"} <= set(r) for r in rows)
    ru2 = [i for r in rows for i in r["ru-2"]["ids"]]
    assert sorted(ru2) == list(range(len(SECOND.tgt)))  # every line of ru-2.txt, by its own ids
    assert "sources: ru.txt" in captured.err and "ru-2.txt" in captured.err


@pytest.mark.parametrize("files, message", [
    ({"en.txt": FIRST.src, "ru-2.txt": FIRST.tgt}, "without ru.txt"),
    ({"en.txt": FIRST.src, "ru.txt": FIRST.tgt, "ru.md": FIRST.tgt}, "two files for Russian"),
    ({"en.txt": FIRST.src, "ru.txt": FIRST.tgt, "ru-2.txt": FIRST.tgt}, "the same text as another"),
])
def test_bad_sets_of_originals_get_one_line(tmp_path, files, message):
    for name, lines in files.items():
        write(tmp_path, name, lines)
    with pytest.raises(InputError, match=message):
        load_story(tmp_path, check_lang=False)
