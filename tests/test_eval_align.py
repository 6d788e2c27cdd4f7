"""eval-align scores as Vecalign's score.py: strict = same source and target sets, lax = overlap
on both sides; precision over every predicted link, recall over the gold links with both sides."""
import json
from pathlib import Path

import pytest

from compare.cli import main
from compare.evaluate import parse_links, score

DATA = Path(__file__).resolve().parent / "data" / "align"

# (gold, predicted, strict P, strict R, lax P, lax R) — worked out by hand
CASES = [
    # identical, nulls included: everything counts
    ("0\t0\n1\t1\n2\t\n", "0\t0\n1\t1\n2\t\n", 1.0, 1.0, 1.0, 1.0),
    # a 1-2 predicted as 1-1 + 0-1: the 1-1 is lax only, the 0-1 is wrong either way
    ("0\t0\n1\t1,2\n", "0\t0\n1\t1\n\t2\n", 1 / 3, 1 / 2, 2 / 3, 1.0),
    # a predicted omission the gold does not have costs precision only
    ("0\t0\n1\t1\n", "0\t0\n1\t1\n2\t\n", 2 / 3, 1.0, 2 / 3, 1.0),
    # a gold omission missed does not cost recall (recall is over links with both sides)
    ("0\t0\n1\t\n2\t1\n", "0\t0\n1,2\t1\n", 1 / 2, 1 / 2, 1.0, 1.0),
    # crossing: wrong on both sides is not even lax
    ("0\t0\n1\t1\n", "0\t1\n1\t0\n", 0.0, 0.0, 0.0, 0.0),
]


@pytest.mark.parametrize("gold,pred,ps,rs,pl,rl", CASES)
def test_scores_by_hand(gold, pred, ps, rs, pl, rl):
    result = score([parse_links(gold)], [parse_links(pred)])
    assert result.precision_strict == pytest.approx(ps)
    assert result.recall_strict == pytest.approx(rs)
    assert result.precision_lax == pytest.approx(pl)
    assert result.recall_lax == pytest.approx(rl)
    f1 = 2 * ps * rs / (ps + rs) if ps + rs else 0.0
    assert result.f1_strict == pytest.approx(f1)


def test_counts_are_summed_over_files_before_dividing():
    one = score([parse_links("0\t0\n")], [parse_links("0\t1\n")])
    many = score([parse_links("0\t0\n"), parse_links("0\t0\n1\t1\n2\t2\n")],
                 [parse_links("0\t1\n"), parse_links("0\t0\n1\t1\n2\t2\n")])
    assert one.precision_strict == 0.0
    assert many.precision_strict == pytest.approx(3 / 4)


def test_vecalign_format_reads_the_same():
    tsv = parse_links((DATA / "gold.tsv").read_text())
    vec = parse_links((DATA / "gold_vecalign.txt").read_text())
    assert tsv == vec


def test_cli_two_files(capsys):
    assert main(["eval-align", str(DATA / "gold.tsv"), str(DATA / "pred.tsv"), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    # pred: 0-0 ok, 1-1 lax, 0-2 wrong, 2,3-3 ok, 4- ok, -4 ok, 5-5 ok -> 5/7 strict, 6/7 lax
    assert figures["precision_strict"] == pytest.approx(5 / 7)
    assert figures["precision_lax"] == pytest.approx(6 / 7)
    # gold links with both sides: 0-0, 1-1,2, 2,3-3, 5-5 -> 3 found exactly, 4 overlapping
    assert figures["recall_strict"] == pytest.approx(3 / 4)
    assert figures["recall_lax"] == pytest.approx(1.0)


def test_cli_directories_pair_files_by_name(tmp_path, capsys):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "a.tsv").write_text("0\t0\n1\t1\n")
    (pred_dir / "a.tsv").write_text("0\t0\n1\t1\n")
    (gold_dir / "b.tsv").write_text("0\t0\n")
    (pred_dir / "b.tsv").write_text("0\t1\n")
    assert main(["eval-align", str(gold_dir), str(pred_dir)]) == 0
    out = capsys.readouterr().out
    assert "2 file pairs" in out
    assert "0.6667" in out  # 2 of 3 links right, micro-averaged


@pytest.mark.parametrize("content,problem", [("0\tx\n", "line 1"), ("zero zero\n", "line 1")])
def test_cli_bad_link_file_is_one_line(tmp_path, capsys, content, problem):
    bad = tmp_path / "bad.tsv"
    bad.write_text(content)
    assert main(["eval-align", str(DATA / "gold.tsv"), str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "bad.tsv" in err and problem in err


def test_cli_missing_prediction_in_directory(tmp_path, capsys):
    (tmp_path / "g").mkdir()
    (tmp_path / "p").mkdir()
    (tmp_path / "g" / "x.tsv").write_text("0\t0\n")
    assert main(["eval-align", str(tmp_path / "g"), str(tmp_path / "p")]) == 1
    assert "x.tsv" in capsys.readouterr().err
