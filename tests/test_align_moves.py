"""Moved content: a passage the desk moved (a quote up to the lead, two passages swapped) is
linked to its counterpart as a `moved` link, never an omission plus an addition, and the lines
it jumped over keep their links. Cases built from the bundled stories by moving units of the
target side (benchmarks/devset/moves.py), with exact gold."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from compare.align import align_documents
from compare.align.threeway import build_rows, row_kind
from compare.cli import main
from compare.model import Alignment, Document, Link, Segment

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))
import moves  # noqa: E402
import variants  # noqa: E402

BASES = {p.name: p for p in variants.corpus_pairs()}


def document(lines: list[str], lang: str) -> Document:
    segments, offset = [], 0
    for index, line in enumerate(lines):
        segments.append(Segment(index, line, offset, offset + len(line), index, lang=lang))
        offset += len(line) + 1
    return Document(lang, "\n".join(lines), tuple(segments), source="<test>")


def align(pair) -> Alignment:
    return align_documents(document(pair.src, pair.src_lang), document(pair.tgt, pair.tgt_lang))


def as_key(link) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(link[0]), tuple(link[1])


def check_partition(alignment: Alignment, n: int, m: int) -> None:
    assert sorted(i for l in alignment.links for i in l.src) == list(range(n))
    assert sorted(j for l in alignment.links for j in l.tgt) == list(range(m))


# a unit of three lines moved seven places down and up (a quote to the lead), two units swapped
CASES = [
    ("politics-talks-vitebsk.en-ru", "move", 3, 7),
    ("politics-talks-vitebsk.ru-be", "move", 12, 7),
    ("economy-woodworking-exports.en-ru", "move", 3, 7),
    ("health-heart-screening-gomel.en-ru", "move", 9, -7),
    ("politics-talks-vitebsk.en-ru", "move", 20, -7),
    ("culture-festival-polotsk.en-ru", "swap", 1, None),
    ("transport-e-ticket-minsk-oblast.en-ru", "swap", 1, None),
]


@pytest.mark.parametrize("base, kind, start, jump", CASES)
def test_moved_unit_is_linked_as_moved_and_the_rest_keeps_its_links(base, kind, start, jump):
    case = (moves.move_unit(BASES[base], start, 3, jump) if kind == "move"
            else moves.swap_units(BASES[base], start, 2, 3))
    assert case is not None
    pair = case.pair
    alignment = align(pair)
    check_partition(alignment, len(pair.src), len(pair.tgt))
    predicted = {(l.src, l.tgt): l.role for l in alignment.links}
    units = [[as_key(l) for l in unit] for unit in case.units]
    moved_units = [u for u in units if all(predicted.get(k) == "moved" for k in u)]
    assert moved_units, (units, [(l.src, l.tgt, l.role) for l in alignment.links if l.role or l.is_null])
    # no drift: the lines jumped over keep their exact links, as ordinary links
    for k in map(as_key, case.still):
        assert predicted.get(k) == "", k
    # a move is never also reported as an omission plus an addition
    moved_src = {i for u in moved_units for s, _ in u for i in s}
    assert not any(l.is_null and set(l.src) & moved_src for l in alignment.links)
    assert any("moved" in w for w in alignment.notes) and not alignment.warnings


@pytest.mark.parametrize("name", sorted(BASES))
def test_no_move_where_nothing_moved(name):
    pair = BASES[name]
    alignment = align(pair)
    assert [l for l in alignment.links if l.role == "moved"] == []


def test_only_moved_links_stand_out_of_order():
    case = moves.move_unit(BASES["politics-talks-vitebsk.en-ru"], 3, 3, 7)
    alignment = align(case.pair)
    last = -1
    for link in alignment.links:
        if link.role == "moved" or not link.tgt:
            continue
        assert link.tgt[0] > last
        last = link.tgt[-1]


def test_presegmented_cli_prints_a_move_as_a_line_out_of_order(tmp_path, capsys):
    case = moves.move_unit(BASES["politics-talks-vitebsk.en-ru"], 3, 3, 7)
    (tmp_path / "en.txt").write_text("\n".join(case.pair.src) + "\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("\n".join(case.pair.tgt) + "\n", encoding="utf-8")
    assert main(["align", "--src-lang", "en", "--tgt-lang", "ru", "--presegmented",
                 str(tmp_path / "en.txt"), str(tmp_path / "ru.txt")]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert all(len(cells) == 2 for cells in lines)
    assert ["3", "10"] in lines and ["4", "11"] in lines and ["5", "12"] in lines


def test_rows_of_a_moved_unit_do_not_glue_the_story_together():
    """Three versions: the Russian moved a unit; rows keep the English order, one row per
    English sentence, and the moved rows are of kind "moved"."""
    en_ru = moves.move_unit(BASES["politics-talks-vitebsk.en-ru"], 3, 3, 7)
    en_be = BASES["politics-talks-vitebsk.en-be"]
    new_ru = {old: new for old, new in zip(range(len(en_ru.pair.tgt)), range(len(en_ru.pair.tgt)))}
    documents = {"en": document(en_ru.pair.src, "en"), "ru": document(en_ru.pair.tgt, "ru"),
                 "be": document(en_be.tgt, "be")}
    alignments = {("en", "ru"): align_documents(documents["en"], documents["ru"]),
                  ("en", "be"): align_documents(documents["en"], documents["be"])}
    alignments[("ru", "be")] = align_documents(documents["ru"], documents["be"])
    assert new_ru
    rows = build_rows(alignments, {lang: len(d.segments) for lang, d in documents.items()})
    en_order = [i for row in rows for i in row.segments["en"]]
    assert en_order == sorted(en_order)
    kinds = [row_kind(row, documents, alignments) for row in rows]
    assert kinds.count("moved") >= 2
    # no row holds more than three English sentences (a crossing would glue ten together)
    assert max(len(row.segments["en"]) for row in rows) <= 3


def test_story_jsonl_rows_say_moved(tmp_path, capsys):
    base = BASES["politics-talks-vitebsk.en-ru"]
    case = moves.move_unit(base, 3, 3, 7)
    (tmp_path / "en.txt").write_text("\n\n".join(case.pair.src) + "\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("\n\n".join(case.pair.tgt) + "\n", encoding="utf-8")
    assert main(["align", str(tmp_path), "--format", "jsonl", "--no-apertium"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rows = [r for r in rows if "row" in r]
    moved = [r for r in rows if r["kind"] == "moved"]
    assert moved and all("ru" in r["moved"] for r in moved)
    en = [i for r in rows for i in r["en"]["ids"]]
    assert en == sorted(en)


def test_a_confirmed_link_is_never_taken_for_a_move():
    case = moves.move_unit(BASES["politics-talks-vitebsk.en-ru"], 3, 3, 7)
    fixed = [Link((3,), (3,), status="confirmed")]
    alignment = align_documents(document(case.pair.src, "en"), document(case.pair.tgt, "ru"), fixed=fixed)
    assert any(l.src == (3,) and l.tgt == (3,) and l.status == "confirmed" for l in alignment.links)
    check_partition(alignment, len(case.pair.src), len(case.pair.tgt))


def test_the_app_table_says_where_a_moved_passage_stands(tmp_path):
    from compare import render
    from compare.pipeline import PipelineOptions, compare_story
    from compare.sources import load_story

    case = moves.move_unit(BASES["politics-talks-vitebsk.en-ru"], 3, 3, 7)
    (tmp_path / "en.txt").write_text("\n\n".join(case.pair.src) + "\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("\n\n".join(case.pair.tgt) + "\n", encoding="utf-8")
    comparison = compare_story(load_story(tmp_path, check_lang=False), PipelineOptions(apertium_alignment=False))
    views = render.row_views(comparison)
    moved = [v for v in views if v.kind == "moved"]
    assert moved and all(v.moved.get("ru") for v in moved)
    table = render.rows_table_html(views, ["en", "ru"], "ru")
    assert "moved: in the Russian this stands at sentence" in table
    # a moved passage raises no omission or addition flag
    assert not [f for v in moved for _, f in v.flags if f.kind in ("omission", "addition")]


def test_a_move_the_user_confirmed_is_kept_and_the_rest_aligned_around_it():
    case = moves.move_unit(BASES["politics-talks-vitebsk.en-ru"], 3, 3, 7)
    pair = case.pair
    fixed = [Link((4,), (11,), status="confirmed", role="moved")]
    alignment = align_documents(document(pair.src, "en"), document(pair.tgt, "ru"), fixed=fixed)
    check_partition(alignment, len(pair.src), len(pair.tgt))
    kept = [l for l in alignment.links if l.src == (4,)]
    assert kept and kept[0].tgt == (11,) and kept[0].status == "confirmed" and kept[0].role == "moved"
    for k in map(as_key, case.still):
        assert k in {(l.src, l.tgt) for l in alignment.links}


@pytest.mark.parametrize("fixed, message", [
    ([Link((4,), (), status="confirmed", role="moved")], "on both sides"),
    ([Link((4,), (11,), status="confirmed", role="moved"), Link((4,), (4,), status="confirmed")],
     "overlaps a confirmed move"),
])
def test_bad_confirmed_moves_get_one_line(fixed, message):
    from compare.model import InputError

    case = moves.move_unit(BASES["politics-talks-vitebsk.en-ru"], 3, 3, 7)
    with pytest.raises(InputError, match=message):
        align_documents(document(case.pair.src, "en"), document(case.pair.tgt, "ru"), fixed=fixed)
